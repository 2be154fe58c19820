// SPDX-License-Identifier: GPL-3.0-or-later
// The layout decisions screens share, as pure functions of the room they have: how many
// columns a grid takes, how a toolbar collapses to one row, how tall a list's rows are and how
// large a keyboard's keys. Sizes are logical pixels that the caller derived from the screen's
// size and density; nothing here knows a resolution.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
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
    bool stays = false;  // never folds into the "More" menu (Back, Home)
};

// How far a bar may tighten before tools fold: icons as narrow as `least` (the 9 mm target),
// `least_gap` apart; and the width of the "More" button that opens the folded tools (0: no
// menu, the caller wraps instead).
struct ToolbarLimits {
    float least = 0;
    float least_gap = 0;
    float more_width = 0;
};

// Each tool with words or as an icon, and whether the bar then fits in one row: the words go
// first (those that keep them least, among equals from the end of the bar); then the icons and
// their gaps narrow as far as `limits` allow; then tools fold into the "More" menu in the same
// order, until the rest and the button fit at 9 mm or more. A folded tool is one tap further,
// never dropped; Back and Home (`stays`) never fold. When nothing more can fold, `fits` is
// false and the caller wraps to a second row.
struct ToolbarPlan {
    std::vector<bool> with_words;
    std::vector<bool> in_menu;  // folded into the "More" menu
    float width = 0;
    float gap = 0;       // between the buttons
    float narrowed = 0;  // > 0: every icon (and More) this wide, under its usual width
    bool fits = true;
    bool has_menu() const;
    int folded() const;
};
ToolbarPlan plan_toolbar(const std::vector<ToolbarItem>& items, float room, float gap,
                         const ToolbarLimits& limits = {});

// A list row's height: `title_lines` lines of the bold face (a title wraps in full, never cut)
// `title_line` px apart, then what goes under the title (`below`: a summary line, the language
// tag when it has no room beside the title), within `pad` above and below, and never under
// `least` (the 9 mm target, or more).
float list_row_height(int title_lines, float title_line, float below, float pad, float least);

// A list's rows of unequal heights laid one below the other, `gap` apart, drawn a screenful at
// a time from any length: each row's height once it was measured, `least` (the shortest a row
// can be) for rows not seen yet, so a row measured later only ever grows.
class RowStack {
  public:
    // Starts over (every row unmeasured) when the count, the width, the least height or the
    // gap change.
    void fit(std::int64_t count, float width, float least, float gap);
    std::int64_t count() const { return static_cast<std::int64_t>(heights_.size()); }
    // Where row `index` starts (0 for the first), and the height of all rows with their gaps.
    float top(std::int64_t index) const;
    float height(std::int64_t index) const;
    float total() const;
    // The row under `y` (the last row below the end, the first above the start).
    std::int64_t row_at(float y) const;
    // Records the measured height of row `index`, known as `id`; returns how far the rows below
    // it moved. Another row at an index measured before means another list (a filter, a
    // language): every row starts over unmeasured.
    float measure(std::int64_t index, std::string_view id, float height);

  private:
    void rebuild_from(std::int64_t index) const;
    std::vector<float> heights_;
    std::vector<std::string> ids_;  // the row measured at each index ("": none yet)
    float width_ = 0;
    mutable std::vector<float> tops_;  // prefix sums, valid below `valid_`
    mutable std::int64_t valid_ = 0;
    float least_ = 0;
    float gap_ = 0;
};

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

// Every key of the layout in order, in as few rows of at most `most` keys as hold them, of
// balanced length: the last resort of a screen too small for the layout's own rows.
std::vector<std::vector<std::string>> reflow_key_rows(
    const std::vector<std::vector<std::string>>& rows, int most);

// The on-screen keyboard in `width` x `max_height` (the room it would like, the bottom row of
// wide keys included) at `px_per_mm`: square keys as large as the room allows, up to 1.15
// buttons and never under the 9 mm `target`. The rows, by preference: the layout's own rows
// (each split where the width cannot hold it at 9 mm) where they fit `max_height`; else with
// the last row joined to the one above, where that fits `most_height` (the room it must not
// leave: the search field and a line of results stay in view); else the same with the keys
// 0.6 mm apart instead of 1.2 (800x480 in large text); else every key reflowed into as few
// rows as the width holds at 9 mm, 1.2 mm apart, then 0.6 mm apart (the Arabic layout's 47
// keys on a portrait 7-inch panel in large text); else the shortest of those.
struct KeyboardGeometry {
    float key = 0;  // the side of a square key
    float gap = 0;
    std::vector<std::vector<std::string>> rows;  // the letter rows as drawn (not the bottom row)
    float height() const { return static_cast<float>(rows.size() + 1) * (key + gap); }
};
KeyboardGeometry keyboard_geometry(const std::vector<std::vector<std::string>>& rows, float width,
                                   float max_height, float most_height, float px_per_mm,
                                   float target, float button);

}  // namespace guichet::kiosk
