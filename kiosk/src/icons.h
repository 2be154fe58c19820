// Icons drawn with ImDrawList vector shapes (no image files, crisp at any size), one per
// content area and per control, always shown beside words for visitors who read little.
#pragma once

#include <imgui.h>

#include <string_view>

namespace guichet::kiosk {

// Draws icon `name` centred at `center`, fitting a square of side `size`. Unknown names draw
// a plain dot, so a new category never shows nothing.
void draw_icon(ImDrawList* draw, std::string_view name, ImVec2 center, float size, ImU32 color);

}  // namespace guichet::kiosk
