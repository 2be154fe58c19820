// SPDX-License-Identifier: GPL-3.0-or-later
// Right-to-left text for ImGui 1.86, which draws code points left to right, unshaped: ICU
// shapes Arabic letters into their presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF, all
// within 16 bits) and reorders one line into visual order. Apply per line, after line breaking,
// and gather the atlas' code points from the shaped text. Indic scripts cannot be shaped this
// way (no presentation forms): they draw as unjoined characters.
#pragma once

#include <string>
#include <string_view>

#include "fonts/code_points.h"
#include "platform/result.h"

namespace guichet::fonts {

struct DisplayLine {
    std::string visual;          // UTF-8 in left-to-right drawing order
    bool right_to_left = false;  // the paragraph direction: align the line to the right
};

// True when the text holds any Hebrew, Arabic, Syriac, Thaana or N'Ko character.
bool needs_bidi(std::string_view utf8_line);

// Text without right-to-left characters comes back unchanged. Bad UTF-8 is an error.
Result<DisplayLine> shape_for_display(std::string_view utf8_line);

// Adds the code points of the text as the kiosk draws it: its characters and, for lines with
// right-to-left letters, their shaped presentation forms. Use this to gather the atlas' set.
Result<void> add_display_text(CodePointSet& set, std::string_view utf8_text);

}  // namespace guichet::fonts
