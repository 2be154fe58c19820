// SPDX-License-Identifier: GPL-3.0-or-later
#include "fonts/bidi.h"

#include <algorithm>
#include <memory>
#include <vector>

#include <unicode/ubidi.h>
#include <unicode/ushape.h>
#include <unicode/ustring.h>

#include "fonts/code_points.h"

namespace guichet::fonts {
namespace {

struct BidiCloser {
    void operator()(UBiDi* bidi) const { ubidi_close(bidi); }
};

bool is_right_to_left_block(char32_t c) {
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
           (c >= 0xFE70 && c <= 0xFEFF);
}

Error icu_error(const char* step, UErrorCode status) {
    return make_error(std::string("right-to-left text: ") + step + " failed (" +
                      u_errorName(status) + ")");
}

}  // namespace

bool needs_bidi(std::string_view utf8_line) {
    auto decoded = decode_utf8(utf8_line);
    if (!decoded) return false;
    for (char32_t c : *decoded) {
        if (is_right_to_left_block(c)) return true;
    }
    return false;
}

Result<DisplayLine> shape_for_display(std::string_view utf8_line) {
    auto decoded = decode_utf8(utf8_line);
    if (!decoded) return decoded.error();
    if (!needs_bidi(utf8_line)) return DisplayLine{std::string(utf8_line), false};

    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    std::vector<UChar> logical(utf8_line.size() + 1);
    u_strFromUTF8(logical.data(), static_cast<int32_t>(logical.size()), &length, utf8_line.data(),
                  static_cast<int32_t>(utf8_line.size()), &status);
    if (U_FAILURE(status)) return icu_error("UTF-16 conversion", status);

    // Lam-alef ligatures shorten the text; GROW_SHRINK lets them.
    std::vector<UChar> shaped(static_cast<std::size_t>(length) * 2 + 1);
    const int32_t shaped_length = u_shapeArabic(
        logical.data(), length, shaped.data(), static_cast<int32_t>(shaped.size()),
        U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL | U_SHAPE_LENGTH_GROW_SHRINK,
        &status);
    if (U_FAILURE(status)) return icu_error("u_shapeArabic", status);

    std::unique_ptr<UBiDi, BidiCloser> bidi(ubidi_openSized(shaped_length, 0, &status));
    if (U_FAILURE(status)) return icu_error("ubidi_openSized", status);
    ubidi_setPara(bidi.get(), shaped.data(), shaped_length, UBIDI_DEFAULT_LTR, nullptr, &status);
    if (U_FAILURE(status)) return icu_error("ubidi_setPara", status);
    std::vector<UChar> visual(static_cast<std::size_t>(shaped_length) + 1);
    const int32_t visual_length =
        ubidi_writeReordered(bidi.get(), visual.data(), static_cast<int32_t>(visual.size()),
                             UBIDI_DO_MIRRORING | UBIDI_REMOVE_BIDI_CONTROLS, &status);
    if (U_FAILURE(status)) return icu_error("ubidi_writeReordered", status);

    DisplayLine line;
    line.right_to_left = (ubidi_getParaLevel(bidi.get()) & 1) != 0;
    int32_t utf8_length = 0;
    line.visual.resize(static_cast<std::size_t>(visual_length) * 3 + 1);
    u_strToUTF8(line.visual.data(), static_cast<int32_t>(line.visual.size()), &utf8_length,
                visual.data(), visual_length, &status);
    if (U_FAILURE(status)) return icu_error("UTF-8 conversion", status);
    line.visual.resize(static_cast<std::size_t>(utf8_length));
    return line;
}

Result<void> add_display_text(CodePointSet& set, std::string_view utf8_text) {
    if (auto added = set.add_utf8(utf8_text); !added) return added;
    std::size_t start = 0;
    while (start <= utf8_text.size()) {
        const std::size_t end = std::min(utf8_text.find('\n', start), utf8_text.size());
        const std::string_view line = utf8_text.substr(start, end - start);
        if (needs_bidi(line)) {
            auto shaped = shape_for_display(line);
            if (!shaped) return shaped.error();
            if (auto added = set.add_utf8(shaped->visual); !added) return added;
        }
        start = end + 1;
    }
    return {};
}

}  // namespace guichet::fonts
