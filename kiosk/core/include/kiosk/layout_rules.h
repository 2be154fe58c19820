// SPDX-License-Identifier: GPL-3.0-or-later
// The layout decisions screens share, as pure functions of the room they have: how many
// columns a grid takes and how a toolbar collapses to one row. Sizes are logical pixels that
// the caller derived from the screen's size and density; nothing here knows a resolution.
#pragma once

#include <string>
#include <vector>

namespace guichet::kiosk {

// Columns of a grid of tiles at least `min_tile` wide, `gap` apart, within [least, most].
int grid_columns(float width, float min_tile, float gap, int least, int most);

// The home screen's tiles in `width` x `view_height` with titles `title_px` high: upright (icon
// above words, at least `title_px` x 8.5 wide and x 4.2 high) where three rows of them fit the
// view, else lying (icon beside words, at least 6 titles wide) so a short landscape panel shows
// most areas at once instead of one row and a slice.
struct HomeGridShape {
    int columns = 2;
    bool lying = false;
};
HomeGridShape home_grid_shape(float width, float view_height, float title_px, float gap);

// One tool of a bar: its width with icon and words, its width as an icon alone, and which
// tools keep their words longest (higher `keep` collapses later; the tool showing where the
// visitor is usually keeps them).
struct ToolbarItem {
    float full_width = 0;
    float icon_width = 0;
    int keep = 0;
};

// Each tool with words or as an icon, and whether the bar then fits in one row. When even
// icons alone do not fit, `fits` is false and the caller wraps to a second row: a tool is never
// dropped.
struct ToolbarPlan {
    std::vector<bool> with_words;
    float width = 0;
    bool fits = true;
};
ToolbarPlan plan_toolbar(const std::vector<ToolbarItem>& items, float room, float gap);

// How many square keys of side `key`, `gap` apart, fit in `width` (at least one).
int keys_per_row(float width, float key, float gap);

// A keyboard's rows where no row holds more than `most` keys: a row too long splits into as
// few rows as it needs, of balanced length and in its own order, so a narrow portrait panel
// keeps 9 mm keys (a 7-inch panel in portrait holds 7 of them within its margins, the QWERTY
// row has 10).
std::vector<std::vector<std::string>> fit_key_rows(
    const std::vector<std::vector<std::string>>& rows, int most);

// On a short screen a keyboard's last row (the accented letters) joins the row above it where
// together they hold no more than `most` keys: one row of keys less, the same keys.
std::vector<std::vector<std::string>> join_last_key_row(std::vector<std::vector<std::string>> rows,
                                                        int most);

// The on-screen keyboard in `width` x at most `max_height` (the bottom row of wide keys
// included) at `px_per_mm`: square keys as large as the room allows, up to 1.15 buttons and
// never under the 9 mm `target` (a screen too small for that gets a keyboard taller than
// `max_height`); rows split where the width cannot hold them at 9 mm, and on a short screen
// the last row joined to the one above.
struct KeyboardGeometry {
    float key = 0;  // the side of a square key
    float gap = 0;
    std::vector<std::vector<std::string>> rows;  // the letter rows as drawn (not the bottom row)
    float height() const { return static_cast<float>(rows.size() + 1) * (key + gap); }
};
KeyboardGeometry keyboard_geometry(const std::vector<std::vector<std::string>>& rows, float width,
                                   float max_height, float px_per_mm, float target, float button);

}  // namespace guichet::kiosk
