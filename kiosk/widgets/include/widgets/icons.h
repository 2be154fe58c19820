// SPDX-License-Identifier: GPL-3.0-or-later
// Icons drawn with ImDrawList vector shapes (no image files, crisp at any size), one per
// content area and per control, always shown beside words for visitors who read little.
#pragma once

#include <imgui.h>

#include <string_view>

namespace guichet::kiosk {

// Draws icon `name` centred at `center`, fitting a square of side `size`. Unknown names draw
// a plain dot, so a new category never shows nothing. Icons that point the way of reading
// (back, chevron, backspace, return) are mirrored when the screen reads right to left.
void draw_icon(ImDrawList* draw, std::string_view name, ImVec2 center, float size, ImU32 color);

// A filled rectangle with rounded corners, as five axis-aligned quads and four small corners.
// Same look as ImDrawList::AddRectFilled with rounding, but SDL's software renderer fills the
// quads on its fast path instead of rasterising one long triangle fan over the whole area.
void fill_rounded_rect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float rounding);

}  // namespace guichet::kiosk
