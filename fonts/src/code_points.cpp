// SPDX-License-Identifier: GPL-3.0-or-later
#include "fonts/code_points.h"

#include <bit>
#include <cstdio>

namespace guichet::fonts {
namespace {

constexpr char32_t kMaxCodePoint = 0x10FFFF;

bool is_continuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

// Calls emit(code_point) for each character; stops at the first bad sequence and says where.
template <class Emit>
Result<void> for_each_code_point(std::string_view text, Emit&& emit) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80) {
            emit(char32_t{lead});
            ++i;
            continue;
        }
        int length = 0;
        char32_t value = 0;
        char32_t minimum = 0;
        if ((lead & 0xE0) == 0xC0) {
            length = 2, value = lead & 0x1F, minimum = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3, value = lead & 0x0F, minimum = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4, value = lead & 0x07, minimum = 0x10000;
        } else {
            return make_error("byte " + std::to_string(i) + ": invalid UTF-8 lead byte");
        }
        if (i + static_cast<std::size_t>(length) > text.size()) {
            return make_error("byte " + std::to_string(i) + ": truncated UTF-8 sequence");
        }
        for (int k = 1; k < length; ++k) {
            const auto byte = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if (!is_continuation(byte)) {
                return make_error("byte " + std::to_string(i) + ": truncated UTF-8 sequence");
            }
            value = (value << 6) | (byte & 0x3F);
        }
        if (value < minimum) {
            return make_error("byte " + std::to_string(i) + ": overlong UTF-8 encoding");
        }
        if (value >= 0xD800 && value <= 0xDFFF) {
            return make_error("byte " + std::to_string(i) + ": UTF-8 encodes a surrogate");
        }
        if (value > kMaxCodePoint) {
            return make_error("byte " + std::to_string(i) + ": code point above U+10FFFF");
        }
        emit(value);
        i += static_cast<std::size_t>(length);
    }
    return {};
}

}  // namespace

Result<std::vector<char32_t>> decode_utf8(std::string_view text) {
    std::vector<char32_t> out;
    out.reserve(text.size());
    auto decoded = for_each_code_point(text, [&out](char32_t c) { out.push_back(c); });
    if (!decoded) return decoded.error();
    return out;
}

std::string format_code_point(char32_t code_point) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code_point));
    return buffer;
}

std::string encode_utf8(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

void CodePointSet::add(char32_t code_point) {
    if (code_point < 0x10000) {
        std::uint64_t& word = bmp_bits_[code_point >> 6];
        const std::uint64_t bit = std::uint64_t{1} << (code_point & 63);
        if ((word & bit) == 0) {
            word |= bit;
            ++count_;
        }
    } else if (code_point <= kMaxCodePoint && above_bmp_.insert(code_point).second) {
        ++count_;
    }
}

void CodePointSet::add_range(CodePointRange range) {
    for (char32_t c = range.first; c <= range.last && c <= kMaxCodePoint; ++c) add(c);
}

Result<void> CodePointSet::add_utf8(std::string_view text) {
    // Into a scratch set first, so a bad byte late in the text leaves this set unchanged.
    CodePointSet scratch;
    auto decoded = for_each_code_point(text, [&scratch](char32_t c) { scratch.add(c); });
    if (!decoded) return decoded.error();
    merge(scratch);
    return {};
}

void CodePointSet::merge(const CodePointSet& other) {
    for (std::size_t i = 0; i < bmp_bits_.size(); ++i) {
        const std::uint64_t added = other.bmp_bits_[i] & ~bmp_bits_[i];
        bmp_bits_[i] |= added;
        count_ += static_cast<std::size_t>(std::popcount(added));
    }
    for (char32_t c : other.above_bmp_) add(c);
}

bool CodePointSet::contains(char32_t code_point) const {
    if (code_point < 0x10000) {
        return (bmp_bits_[code_point >> 6] >> (code_point & 63)) & 1;
    }
    return above_bmp_.count(code_point) != 0;
}

std::vector<char32_t> CodePointSet::to_vector() const {
    std::vector<char32_t> out;
    out.reserve(count_);
    for (std::size_t i = 0; i < bmp_bits_.size(); ++i) {
        std::uint64_t word = bmp_bits_[i];
        while (word != 0) {
            const int bit = std::countr_zero(word);
            out.push_back(static_cast<char32_t>(i * 64 + static_cast<std::size_t>(bit)));
            word &= word - 1;
        }
    }
    out.insert(out.end(), above_bmp_.begin(), above_bmp_.end());
    return out;
}

std::vector<CodePointRange> CodePointSet::to_ranges() const {
    std::vector<CodePointRange> ranges;
    for (char32_t c : to_vector()) {
        if (!ranges.empty() && ranges.back().last + 1 == c) {
            ranges.back().last = c;
        } else {
            ranges.push_back({c, c});
        }
    }
    return ranges;
}

}  // namespace guichet::fonts
