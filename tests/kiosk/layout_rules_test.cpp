// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <cmath>

#include <doctest/doctest.h>

#include "kiosk/keyboard.h"
#include "kiosk/layout_rules.h"

using namespace guichet::kiosk;

namespace {
constexpr float kUnlimited = 1e9f;
}  // namespace

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
    auto g = keyboard_geometry(rows, 1800, 800, kUnlimited, hd_mm, std::ceil(9 * hd_mm), 56);
    CHECK(g.key == doctest::Approx(64.4f));
    CHECK(g.rows.size() == 5);
    CHECK(g.height() == doctest::Approx(6 * (64.4f + g.gap)));
    // Less height: the keys shrink to fit it (6 rows in 330 px at 4.3 px gaps: 50 px).
    g = keyboard_geometry(rows, 1800, 330, kUnlimited, hd_mm, std::ceil(9 * hd_mm), 56);
    CHECK(g.key == doctest::Approx(50));
    CHECK(g.height() <= 330);
    // 800x480 at 133 dpi, 240 px for it: 9 mm (48 px) is the floor, the accented row joins
    // the z row (13 keys fit 738 px), so the keyboard is one row shorter than the layout.
    const float pi_mm = 133.0f / 25.4f;
    const float pi_target = std::ceil(9 * pi_mm);
    g = keyboard_geometry(rows, 738, 240, kUnlimited, pi_mm, pi_target, 68);
    CHECK(g.key == doctest::Approx(pi_target));
    REQUIRE(g.rows.size() == 4);
    CHECK(g.rows[3].size() == 13);
    // The same panel in portrait (418 px across): rows of 10 split in halves, keys stay 9 mm.
    g = keyboard_geometry(rows, 418, 700, kUnlimited, pi_mm, pi_target, 97);
    CHECK(g.key >= pi_target);
    for (const auto& row : g.rows)
        CHECK(static_cast<float>(row.size()) * (g.key + g.gap) - g.gap <= 418);
    CHECK(g.rows.size() == 8);
}

namespace {

// The visitor's top bar as chrome.cpp builds it, at a density and a body text size in mm: Back
// and Home (they stay), then `tools` of listen, search, language, contrast and larger text.
// Words take about 0.55 em a letter beside the icon; an icon alone is 1.5 em and a margin,
// never under 9 mm.
std::vector<ToolbarItem> visitor_bar(float dpi, float text_mm, size_t tools) {
    const float mm = dpi / 25.4f;
    const float em = text_mm * mm;
    const float icon = std::max(std::ceil(9 * mm), em * 1.5f + mm * 2);
    auto words = [&](int letters) { return icon + static_cast<float>(letters) * 0.55f * em; };
    std::vector<ToolbarItem> items = {{words(4), icon, 5, true}, {words(4), icon, 4, true}};
    const std::vector<ToolbarItem> all = {{words(6), icon, 4},
                                          {words(6), icon, 3},
                                          {words(8), icon, 2},
                                          {words(13), icon, 1},
                                          {words(11), icon, 0}};
    items.insert(items.end(), all.begin(), all.begin() + static_cast<std::ptrdiff_t>(tools));
    return items;
}

// What the bar may do before a tool folds: icons down to 9 mm, 1 mm apart; the More button an
// icon like the others.
ToolbarLimits bar_limits(float dpi, float text_mm) {
    const float mm = dpi / 25.4f;
    const float target = std::ceil(9 * mm);
    return {target, std::max(2.0f, std::round(mm)), std::max(target, text_mm * mm * 1.5f + mm * 2)};
}

ToolbarPlan plan_bar(float dpi, float text_mm, size_t tools, float room) {
    return plan_toolbar(visitor_bar(dpi, text_mm, tools), room, 8, bar_limits(dpi, text_mm));
}

}  // namespace

TEST_CASE("a wide screen's bar keeps every tool in it, with words") {
    // Full HD at 92 dpi, normal text (3.5 mm): all five tools and their words.
    const ToolbarPlan plan = plan_bar(92, 3.5f, 5, 1840);
    CHECK(plan.fits);
    CHECK_FALSE(plan.has_menu());
    CHECK(plan.narrowed == 0);
    CHECK(plan.with_words == std::vector<bool>(7, true));
}

TEST_CASE("a bar narrows its icons to 9 mm before any tool folds") {
    // The 7-inch panel in portrait (418 px inside its margins, 133 dpi) in large text (6 mm):
    // seven icons of 1.5 em and a margin (58 px) and their gaps are 451 px; narrowed to 55 px,
    // 6 px apart, all seven stay.
    const ToolbarPlan plan = plan_bar(133, 6, 5, 418);
    CHECK(plan.fits);
    CHECK_FALSE(plan.has_menu());
    CHECK(plan.narrowed == doctest::Approx(55));
    CHECK(plan.gap == doctest::Approx(5));
    CHECK(plan.narrowed >= std::ceil(9 * 133 / 25.4f));
    // Normal text on the same panel: 9 mm icons fit as they are.
    CHECK(plan_bar(133, 3.5f, 5, 418).narrowed == 0);
    CHECK_FALSE(plan_bar(133, 3.5f, 5, 418).has_menu());
}

TEST_CASE("a narrow, dense screen in large text folds the tools that keep their words least") {
    // A 5-inch 480x800 panel (187 dpi: 9 mm is 67 px) in portrait, large text: seven 9 mm
    // icons cannot share 418 px. Larger text (keep 0), contrast (1) and language (2) fold;
    // Back, Home, Listen and Search stay with the More button, narrowed to 78 px.
    const float target = std::ceil(9 * 187 / 25.4f);
    REQUIRE_FALSE(plan_toolbar(visitor_bar(187, 6, 5), 418, 8).fits);  // no menu: it wraps
    const ToolbarPlan plan = plan_bar(187, 6, 5, 418);
    CHECK(plan.fits);
    CHECK(plan.width <= 418);
    REQUIRE(plan.has_menu());
    CHECK(plan.in_menu == std::vector<bool>{false, false, false, false, true, true, true});
    CHECK(plan.narrowed >= target);
}

TEST_CASE("how many tools fold follows the width, the density and the tool count") {
    // 187 dpi, large text: 418 px fold three, 362 px (its real margins) four, 300 px still four
    // (narrowed to 69 px: 9 mm and a little); 200 px cannot hold Back, Home and More at 9 mm:
    // every tool folds and the bar says it does not fit (the caller wraps).
    CHECK(plan_bar(187, 6, 5, 418).folded() == 3);
    CHECK(plan_bar(187, 6, 5, 362).folded() == 4);
    const ToolbarPlan tight = plan_bar(187, 6, 5, 300);
    CHECK(tight.folded() == 4);
    CHECK(tight.fits);
    CHECK(tight.narrowed >= std::ceil(9 * 187 / 25.4f));
    const ToolbarPlan tiny = plan_bar(187, 6, 5, 200);
    CHECK(tiny.folded() == 5);
    CHECK_FALSE(tiny.fits);
    CHECK_FALSE(tiny.in_menu[0]);
    CHECK_FALSE(tiny.in_menu[1]);
    // Fewer tools at the same size fold fewer (three: two).
    CHECK(plan_bar(187, 6, 3, 362).folded() == 2);
    // The same 418 px at 133 dpi fold none (above), and a landscape 800x480 none either.
    CHECK(plan_bar(133, 6, 5, 418).folded() == 0);
    CHECK(plan_bar(133, 6, 5, 738).folded() == 0);
}

TEST_CASE("a list row grows with its title's lines and never under the target") {
    // One line of a 30 px title face (34.5 px apart), a summary of 28.8 px, 12 px pads.
    CHECK(list_row_height(1, 34.5f, 28.8f, 12, 60) ==
          doctest::Approx(std::ceil(34.5f + 28.8f + 24)));
    // Three lines: two more title lines, the summary stays.
    CHECK(list_row_height(3, 34.5f, 28.8f, 12, 60) ==
          doctest::Approx(std::ceil(3 * 34.5f + 28.8f + 24)));
    // The language tag under the title too: its height more.
    CHECK(list_row_height(3, 34.5f, 28.8f + 40, 12, 60) ==
          doctest::Approx(std::ceil(3 * 34.5f + 68.8f + 24)));
    // Nothing under it: the title alone, but never under the least (a 9 mm target and more).
    CHECK(list_row_height(1, 20, 0, 4, 58) == doctest::Approx(58));
    CHECK(list_row_height(0, 20, 0, 4, 10) == doctest::Approx(28));
}

TEST_CASE("a list's rows stack by their measured heights") {
    RowStack stack;
    stack.fit(5, 400, 80, 6);
    CHECK(stack.count() == 5);
    CHECK(stack.top(3) == doctest::Approx(3 * 86));
    CHECK(stack.total() == doctest::Approx(5 * 80 + 4 * 6));
    CHECK(stack.row_at(0) == 0);
    CHECK(stack.row_at(85) == 0);
    CHECK(stack.row_at(86) == 1);
    CHECK(stack.row_at(10000) == 4);
    CHECK(stack.row_at(-5) == 0);
    // Row 1's title wraps to three lines: it grows, the rows below move by as much.
    CHECK(stack.measure(1, "law-7", 150) == doctest::Approx(70));
    CHECK(stack.top(1) == doctest::Approx(86));
    CHECK(stack.top(2) == doctest::Approx(86 + 156));
    CHECK(stack.row_at(86 + 150) == 1);
    CHECK(stack.row_at(86 + 156) == 2);
    CHECK(stack.total() == doctest::Approx(4 * 80 + 150 + 4 * 6));
    // Measured again the same: nothing moves.
    CHECK(stack.measure(1, "law-7", 150) == 0);
    // Another row at a measured index is another list: every height starts over.
    stack.measure(1, "law-9", 80);
    CHECK(stack.top(2) == doctest::Approx(2 * 86));
    // Another width (a rotation), count or least height starts over too.
    stack.measure(3, "law-3", 200);
    stack.fit(5, 300, 80, 6);
    CHECK(stack.total() == doctest::Approx(5 * 80 + 4 * 6));
    stack.fit(0, 300, 80, 6);
    CHECK(stack.total() == 0);
    CHECK(stack.row_at(50) == 0);
}

TEST_CASE("the Arabic keyboard fits a portrait 7-inch panel in large text, keys at 9 mm") {
    // 480x800 at 133 dpi in large text: 398 px across inside the margins, 312 px wanted (60 %
    // of what the bar leaves) and at most 449 px (all but a results line). The layout's 47 keys
    // in rows of 10, 12, 11, 10 and 4 split to rows of at most 7: ten rows with the bottom
    // one, 543 px, off the screen. Reflowed in rows of 7 they are eight: 434 px.
    const KeyboardLayout& arabic = keyboard_for("ar");
    const float mm = 133.0f / 25.4f, target = std::ceil(9 * mm);
    size_t keys = 0;
    for (const auto& row : arabic.rows) keys += row.size();
    REQUIRE(keys == 47);
    KeyboardGeometry g = keyboard_geometry(arabic.rows, 398, 312, 449, mm, target, 101);
    CHECK(g.height() <= 449);
    CHECK(g.key >= target);
    CHECK(g.rows.size() == 7);
    size_t drawn = 0;
    for (const auto& row : g.rows) {
        CHECK(static_cast<float>(row.size()) * (g.key + g.gap) - g.gap <= 398);
        drawn += row.size();
    }
    CHECK(drawn == keys);
    CHECK(g.rows.front().front() == "1");  // in the layout's order
    CHECK(g.rows.back().back() == "آ");
    // Less room still (420 px): the keys close up to 0.6 mm apart, still 9 mm.
    g = keyboard_geometry(arabic.rows, 398, 312, 420, mm, target, 101);
    CHECK(g.height() <= 420);
    CHECK(g.key >= target);
    CHECK(g.gap < 4);
    // Where the layout's own rows fit what it wants (normal text, landscape 800x480: 738 px
    // across), they stay as they are.
    g = keyboard_geometry(arabic.rows, 738, 330, 330, mm, target, 68);
    CHECK(g.rows.size() == arabic.rows.size());
    CHECK(g.rows[1].size() == 12);
    // The same portrait width at a denser panel (187 dpi, 9 mm = 67 px): five keys a row, and
    // with no room to spare the shortest arrangement is taken, keys never under 9 mm.
    const float dense = 187.0f / 25.4f;
    g = keyboard_geometry(arabic.rows, 398, 300, 400, dense, std::ceil(9 * dense), 140);
    CHECK(g.key >= std::ceil(9 * dense));
    for (const auto& row : g.rows) CHECK(row.size() <= 5);
    CHECK(g.rows.size() == 10);
}

TEST_CASE("a short screen closes the keys up before it mixes the layout's rows") {
    // 800x480 in large text, Spanish: 718 px across, 210 px wanted, 265 px at most. The rows
    // (10, 10, 10, 7 and 6 accented keys) with the accented row joined are five with the bottom
    // row: 271 px at 1.2 mm gaps, over 265; at 0.6 mm gaps 256 px. The digits keep their row.
    const KeyboardLayout& spanish = keyboard_for("es");
    const float mm = 133.0f / 25.4f, target = std::ceil(9 * mm);
    const KeyboardGeometry g = keyboard_geometry(spanish.rows, 718, 210, 265, mm, target, 69);
    CHECK(g.height() <= 265);
    CHECK(g.key >= target);
    CHECK(g.gap < 4);
    REQUIRE(g.rows.size() == spanish.rows.size() - 1);
    CHECK(g.rows.front() == spanish.rows.front());
    CHECK(g.rows.back().size() ==
          spanish.rows[spanish.rows.size() - 2].size() + spanish.rows.back().size());
}
