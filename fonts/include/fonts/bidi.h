// SPDX-License-Identifier: GPL-3.0-or-later
// One line of text in drawing order, and the code points the atlas must hold to draw text:
// shortcuts over fonts/paragraph.h (which shapes, wraps and reorders whole paragraphs) for a
// line that is already short enough. Indic scripts cannot be shaped this way (no presentation
// forms): paragraph.h's unshaped_script() names them.
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
