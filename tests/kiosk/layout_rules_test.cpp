// SPDX-License-Identifier: GPL-3.0-or-later
#include <cmath>

#include <doctest/doctest.h>

#include "kiosk/layout_rules.h"

using namespace guichet::kiosk;

TEST_CASE("grid columns follow the width, within their bounds") {
    // Tiles at least 300 px, 20 px apart: 620 px hold two, 940 three, 4K caps at four.
    CHECK(grid_columns(619, 300, 20, 2, 4) == 2);
    CHECK(grid_columns(940, 300, 20, 2, 4) == 3);
    CHECK(grid_columns(939, 300, 20, 2, 4) == 2);
    CHECK(grid_columns(3840, 300, 20, 2, 4) == 4);
    // A portrait 480 px screen still gets the least, never zero.
    CHECK(grid_columns(480, 300, 20, 2, 4) == 2);
    CHECK(grid_columns(480, 300, 20, 1, 4) == 1);
    CHECK(grid_columns(100, 0, 0, 1, 3) == 3);
}

TEST_CASE("home tiles lie down where three upright rows do not fit the view") {
    // Full HD (titles 40 px): 880 px of view hold three rows of 168 px upright tiles.
    const HomeGridShape full_hd = home_grid_shape(1840, 880, 40, 20);
    CHECK_FALSE(full_hd.lying);
    CHECK(full_hd.columns == 4);
    // The 7-inch panel (800x480, titles 40 px at 133 dpi): 360 px of view, tiles lie down,
    // three to a row where 6 titles fit across, two in large text (54 px), and one where even
    // two do not fit.
    CHECK(home_grid_shape(750, 360, 40, 12).lying);
    CHECK(home_grid_shape(750, 360, 40, 12).columns == 3);
    CHECK(home_grid_shape(738, 340, 54, 12).columns == 2);
    CHECK(home_grid_shape(738, 340, 62, 12).columns == 1);
    // Portrait 480x800: tall enough to stand, two columns however narrow.
    const HomeGridShape portrait = home_grid_shape(420, 660, 30, 12);
    CHECK_FALSE(portrait.lying);
    CHECK(portrait.columns == 2);
    // The threshold is the view's height, not the resolution.
    CHECK(home_grid_shape(1000, 3 * 30 * 4.2f + 24, 30, 12).lying == false);
    CHECK(home_grid_shape(1000, 3 * 30 * 4.2f + 23, 30, 12).lying == true);
}

TEST_CASE("a toolbar keeps every word when it fits") {
    const std::vector<ToolbarItem> items = {{200, 60, 2}, {150, 60, 0}, {150, 60, 0}};
    const ToolbarPlan plan = plan_toolbar(items, 600, 10);
    CHECK(plan.fits);
    CHECK(plan.width == doctest::Approx(520));
    CHECK(plan.with_words == std::vector<bool>{true, true, true});
}

TEST_CASE("a toolbar drops words from the tools that keep them least, from the end") {
    const std::vector<ToolbarItem> items = {{200, 60, 2}, {150, 60, 0}, {150, 60, 0}, {180, 60, 1}};
    // 680 + 30 = 710 in full; 650 room: the last of the keep-0 tools goes to an icon first.
    ToolbarPlan plan = plan_toolbar(items, 650, 10);
    CHECK(plan.fits);
    CHECK(plan.with_words == std::vector<bool>{true, true, false, true});
    CHECK(plan.width == doctest::Approx(620));
    // Less room: both keep-0 tools, then the keep-1 tool; the keep-2 tool keeps its words.
    plan = plan_toolbar(items, 420, 10);
    CHECK(plan.fits);
    CHECK(plan.with_words == std::vector<bool>{true, false, false, false});
    CHECK(plan.width == doctest::Approx(200 + 60 * 3 + 30));
    // Less still: the last words go too.
    plan = plan_toolbar(items, 300, 10);
    CHECK(plan.fits);
    CHECK(plan.with_words == std::vector<bool>{false, false, false, false});
}

TEST_CASE("a toolbar too wide even as icons says so and drops no tool") {
    const std::vector<ToolbarItem> items = {{200, 60, 2}, {150, 60, 0}, {150, 60, 0}};
    const ToolbarPlan plan = plan_toolbar(items, 150, 10);
    CHECK_FALSE(plan.fits);
    CHECK(plan.with_words.size() == 3);
    CHECK(plan.with_words == std::vector<bool>{false, false, false});
    CHECK(plan.width == doctest::Approx(200));
}

TEST_CASE("keys per row: as many 9 mm keys as the width holds, never none") {
    // 9 mm at 133 dpi is 48 px, 6 px apart: a 480 px portrait panel less its margins (418 px)
    // holds 7, the whole 480 px 9, 800 px 14.
    CHECK(keys_per_row(418, 48, 6) == 7);
    CHECK(keys_per_row(480, 48, 6) == 9);
    CHECK(keys_per_row(800, 48, 6) == 14);
    CHECK(keys_per_row(53, 48, 6) == 1);
    CHECK(keys_per_row(10, 48, 6) == 1);
}

TEST_CASE("a keyboard row too long splits into balanced rows in its own order") {
    const std::vector<std::vector<std::string>> rows = {
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
        {"a", "s", "d", "f", "g", "h", "j", "k", "l", "n", "m"},
        {"z", "x", "c"}};
    // Rows that fit stay as they are.
    CHECK(fit_key_rows(rows, 11) == rows);
    const auto fitted = fit_key_rows(rows, 8);
    REQUIRE(fitted.size() == 5);
    CHECK(fitted[0] == std::vector<std::string>{"1", "2", "3", "4", "5"});
    CHECK(fitted[1] == std::vector<std::string>{"6", "7", "8", "9", "0"});
    CHECK(fitted[2] == std::vector<std::string>{"a", "s", "d", "f", "g", "h"});
    CHECK(fitted[3] == std::vector<std::string>{"j", "k", "l", "n", "m"});
    CHECK(fitted[4] == std::vector<std::string>{"z", "x", "c"});
    // Every key survives, in order, however narrow the screen.
    const auto single = fit_key_rows(rows, 1);
    CHECK(single.size() == 24);
    CHECK(single[23] == std::vector<std::string>{"c"});
}

TEST_CASE("a short screen's keyboard joins its last row to the one above where they fit") {
    const std::vector<std::vector<std::string>> rows = {
        {"q", "w", "e"}, {"z", "x", "c", "v", "b", "n", "m"}, {"á", "é", "í", "ó", "ú", "ü"}};
    const auto joined = join_last_key_row(rows, 14);
    REQUIRE(joined.size() == 2);
    CHECK(joined[1] == std::vector<std::string>{"z", "x", "c", "v", "b", "n", "m", "á", "é", "í",
                                                "ó", "ú", "ü"});
    // 13 keys do not fit in 12: the rows stay.
    CHECK(join_last_key_row(rows, 12) == rows);
    CHECK(join_last_key_row({{"a"}}, 14).size() == 1);
}

TEST_CASE("keyboard keys follow width, height and density, never under 9 mm") {
    // A QWERTY-like layout: digits, three letter rows, the accented row.
    const std::vector<std::vector<std::string>> rows = {
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
        {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
        {"a", "s", "d", "f", "g", "h", "j", "k", "l", "n"},
        {"z", "x", "c", "v", "b", "n", "m"},
        {"1a", "2a", "3a", "4a", "5a", "6a"}};
    // Full HD at 92 dpi, plenty of room: keys as large as 1.15 buttons (64 px), every row kept.
    const float hd_mm = 92.0f / 25.4f;
    auto g = keyboard_geometry(rows, 1800, 800, hd_mm, std::ceil(9 * hd_mm), 56);
    CHECK(g.key == doctest::Approx(64.4f));
    CHECK(g.rows.size() == 5);
    CHECK(g.height() == doctest::Approx(6 * (64.4f + g.gap)));
    // Less height: the keys shrink to fit it (6 rows in 330 px at 4.3 px gaps: 50 px).
    g = keyboard_geometry(rows, 1800, 330, hd_mm, std::ceil(9 * hd_mm), 56);
    CHECK(g.key == doctest::Approx(50));
    CHECK(g.height() <= 330);
    // 800x480 at 133 dpi, 240 px for it: 9 mm (48 px) is the floor, the accented row joins
    // the z row (13 keys fit 738 px), so the keyboard is one row shorter than the layout.
    const float pi_mm = 133.0f / 25.4f;
    const float pi_target = std::ceil(9 * pi_mm);
    g = keyboard_geometry(rows, 738, 240, pi_mm, pi_target, 68);
    CHECK(g.key == doctest::Approx(pi_target));
    REQUIRE(g.rows.size() == 4);
    CHECK(g.rows[3].size() == 13);
    // The same panel in portrait (418 px across): rows of 10 split in halves, keys stay 9 mm.
    g = keyboard_geometry(rows, 418, 700, pi_mm, pi_target, 97);
    CHECK(g.key >= pi_target);
    for (const auto& row : g.rows)
        CHECK(static_cast<float>(row.size()) * (g.key + g.gap) - g.gap <= 418);
    CHECK(g.rows.size() == 8);
}
