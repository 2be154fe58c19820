// SPDX-License-Identifier: GPL-3.0-or-later
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
