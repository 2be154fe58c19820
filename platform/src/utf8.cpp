// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/utf8.h"

namespace guichet::utf8 {
namespace {

// Length of the valid sequence starting at `i`, or 0 when it is not one. On 0, `bad` is the
// length of the maximal invalid subpart to replace by one U+FFFD.
std::size_t valid_sequence(std::string_view s, std::size_t i, std::size_t& bad) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    bad = 1;
    if (c < 0x80) return 1;
    std::size_t need;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte (Unicode table 3-7)
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0) lo = 0xA0;  // overlong
        if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0) lo = 0x90;  // overlong
        if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
        return 0;
    }
    for (std::size_t k = 1; k <= need; ++k) {
        if (i + k >= s.size()) return 0;
        const unsigned char b = byte(i + k);
        const bool in_range = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
        if (!in_range) return 0;
        bad = k + 1;
    }
    return need + 1;
}

}  // namespace

std::size_t first_invalid(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t bad = 0;
        const std::size_t n = valid_sequence(text, i, bad);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

std::string sanitize(std::string_view text) {
    if (is_valid(text)) return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t bad = 0;
        const std::size_t n = valid_sequence(text, i, bad);
        if (n > 0) {
            out.append(text.substr(i, n));
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            i += bad;
        }
    }
    return out;
}

std::size_t first_control(std::string_view text, std::size_t from, bool allow_newlines) {
    for (std::size_t i = from; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\t') continue;
        if (allow_newlines && (c == '\n' || c == '\r')) continue;
        if (c < 0x20 || c == 0x7F) return i;
    }
    return std::string_view::npos;
}

}  // namespace guichet::utf8
