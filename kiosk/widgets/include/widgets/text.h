// SPDX-License-Identifier: GPL-3.0-or-later
// Text as every script needs it, for every screen: measured, wrapped, aligned and drawn through
// fonts/paragraph.h when a line holds right-to-left letters or the screen reads right to left
// (Arabic shaped, each line reordered after wrapping), and straight through ImGui otherwise, at
// no extra cost. Laid-out texts are kept between frames (a screen redraws the same words 60
// times a second); clear_text_cache() after the font atlas is rebuilt.
//
// Alignment is by the reading direction: `start` is the left edge of a left-to-right screen and
// the right edge of a right-to-left one; `natural` follows each line's own paragraph direction
// (an Arabic notice in a Spanish screen reads from the right).
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace guichet::kiosk {

enum class TextAlign { start, center, end, natural };

// The screen's reading direction, set by the main loop once a frame from the visitor's
// language (as ImGui keeps its style): what TextStyle::right_to_left starts as, so every helper
// aligns by it without each screen passing it along.
void set_reading_right_to_left(bool right_to_left);
bool reading_right_to_left();

struct TextStyle {
    float wrap = 0;       // <= 0: no wrapping
    float box_width = 0;  // aligned within this width (<= 0: the wrap width, or the text's)
    TextAlign align = TextAlign::start;
    bool right_to_left = reading_right_to_left();  // the screen's direction
    float line_spacing = 1.0f;                     // in font sizes
};

// The size the text takes.
ImVec2 text_size(ImFont* font, float size, std::string_view text, const TextStyle& style = {});

// Draws the text with its box's top-left at `pos`; returns its height.
float draw_text(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, ImU32 color,
                std::string_view text, const TextStyle& style = {});

// The text cut to `width` with an ellipsis at its logical end (drawn on the left of a
// right-to-left line), at a word end when one is near. A cut is reported (cut_texts()): the
// layout report counts words a visitor could not read.
std::string fit_text(ImFont* font, std::string_view text, float width);
// The same for a deliberate excerpt (a notice's first lines, a row's summary), whose whole text
// is one tap away: not reported as cut.
std::string excerpt_text(ImFont* font, std::string_view text, float width);

// Texts cut since the last clear_cut_texts() (fit_text, labels too long for their button): the
// layout report's "cut" list. The main loop clears it at the start of each frame.
void report_cut_text(std::string_view text);
void clear_cut_texts();
const std::vector<std::string>& cut_texts();

// True when the text must go through shaping and reordering to be drawn (a cheap byte scan).
bool needs_layout(std::string_view text);

// Drops every laid-out text (their ImFont pointers die with the atlas).
void clear_text_cache();

// Laid-out texts in the cache now (for tests and the bench).
std::size_t text_cache_size();

}  // namespace guichet::kiosk
