// SPDX-License-Identifier: GPL-3.0-or-later
// Text laid out as the kiosk draws it with ImGui 1.86, which draws code points left to right,
// unshaped: Arabic letters shaped into their presentation forms (ICU u_shapeArabic, lam-alef
// ligatures included), bidi levels resolved once per paragraph (ubidi_setPara), lines broken in
// logical order at ICU line-break opportunities by the widths of the shaped glyphs, and then each
// line reordered on its own (ubidi_setLine) — shaping and reordering per line after wrapping,
// as UAX #9 asks. Phone numbers, URLs and e-mail addresses inside right-to-left text are
// isolated (LRI…PDI) so they stay left to right. Tashkeel are dropped for display (ICU would
// turn them into spacing forms drawn beside the letter); the source text keeps them.
//
// What ICU alone cannot shape — Indic, Myanmar, Khmer, Sinhala, Tibetan and other scripts with
// reordering or conjuncts but no presentation forms — is named by unshaped_script(): the glyph
// check reports it instead of letting those scripts show as unjoined letters.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace guichet::fonts {

enum class TextDirection { automatic, left_to_right, right_to_left };

// The width of one shaped code point drawn for the byte `source_byte` of the laid-out text, in
// pixels. The caller picks the font by that byte's style (bold, a link, a heading...).
using AdvanceFunction = std::function<float(char32_t code_point, std::size_t source_byte)>;

// A piece of a line drawn in one go, left to right.
struct VisualRun {
    std::string text;  // UTF-8 in drawing order: shaped; right-to-left runs reversed, mirrored
    std::size_t source_begin = 0;  // the bytes of the laid-out text it shows
    std::size_t source_end = 0;
    bool right_to_left = false;
    float x = 0;  // from the line's left edge
    float width = 0;
};

struct TextLine {
    std::vector<VisualRun> runs;  // left to right
    float width = 0;
    bool right_to_left = false;  // its paragraph's direction: such a line is aligned right
    std::size_t source_begin = 0;  // the logical bytes of the line, trailing spaces excluded
    std::size_t source_end = 0;
    // The runs' text joined: the whole line in drawing order.
    std::string visual() const;
};

struct LayoutOptions {
    float wrap_width = 0;  // <= 0: one line per paragraph
    // automatic: each paragraph's first strong letter decides (UAX #9 P2-P3).
    TextDirection direction = TextDirection::automatic;
    // Sorted byte offsets where runs split even within one direction (style or link changes),
    // so each VisualRun has one style.
    std::vector<std::size_t> breaks;
};

// Lays out `utf8`; "\n" ends a paragraph (each paragraph resolves its own direction when
// automatic). Invalid UTF-8 is an error ("byte N: ..."). Text without right-to-left letters and
// a left-to-right or automatic direction takes no ICU bidi work.
Result<std::vector<TextLine>> layout_text(std::string_view utf8, const AdvanceFunction& advance,
                                          const LayoutOptions& options = {});

// True when the text holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko...).
bool has_right_to_left(std::string_view utf8);

// The direction of the first strong letter; left_to_right when there is none.
TextDirection first_strong_direction(std::string_view utf8);

// True for languages written right to left (ar, fa, he, ur, ps, yi, dv...; "ar-EG" too), by
// CLDR's likely script: what decides whether the kiosk's screens mirror.
bool language_is_right_to_left(std::string_view bcp47_tag);

// The script of the first character in `utf8` that needs shaping ICU cannot do (Devanagari,
// Bengali, Tamil, Thai is fine...), as ICU names it ("Devanagari"), or nothing.
std::optional<std::string> unshaped_script(std::string_view utf8);

// True for the characters layout_text leaves out of what it draws: Arabic tashkeel and
// Quranic marks, bidi controls, zero-width joiners and spaces, the byte-order mark.
bool dropped_for_display(char32_t code_point);

}  // namespace guichet::fonts
