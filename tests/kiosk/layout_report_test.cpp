// SPDX-License-Identifier: GPL-3.0-or-later
// The layout report's verdicts on touch targets: size in mm at the screen's density, on screen
// in full (or, in a scroll region, reachable by scrolling), and the flat counts `expect` reads.
#include <doctest/doctest.h>

#include "input/state_dump.h"

using namespace guichet::kiosk;

namespace {
LayoutFacts screen_800x480(float dpi) {
    LayoutFacts layout;
    layout.width = 800;
    layout.height = 480;
    layout.dpi = dpi;
    layout.regions.push_back({"list", 0, 100, 800, 480});
    return layout;
}
}  // namespace

TEST_CASE("a target's size in mm follows the density") {
    LayoutFacts layout = screen_800x480(133);
    const LayoutTarget button{"back", "Back", 10, 10, 60, 60, "", false};  // 50 px
    TargetVerdict v = judge_target(layout, button);
    CHECK(v.width_mm == doctest::Approx(50 / (133 / 25.4)));
    CHECK(v.width_mm == doctest::Approx(9.55).epsilon(0.01));
    CHECK_FALSE(v.under_9mm);
    layout.dpi = 160;  // the same 50 px are 7.9 mm on a denser panel
    v = judge_target(layout, button);
    CHECK(v.under_9mm);
    CHECK(v.on_screen);
}

TEST_CASE("on screen: all of a fixed target, the region and width of a scrolled one") {
    const LayoutFacts layout = screen_800x480(96);
    CHECK_FALSE(judge_target(layout, {"key.z", "z", 700, 440, 760, 500, "", false}).on_screen);
    CHECK_FALSE(judge_target(layout, {"next", "", 780, 10, 830, 60, "", false}).on_screen);
    // A row half past the bottom of its list is reached by scrolling; one wider is not.
    CHECK(judge_target(layout, {"row.5", "", 0, 450, 780, 520, "list", false}).on_screen);
    CHECK_FALSE(judge_target(layout, {"row.6", "", 0, 450, 820, 520, "list", false}).on_screen);
    // A region that itself runs off the screen makes its rows unreachable.
    LayoutFacts tall = layout;
    tall.regions[0].y1 = 600;
    CHECK_FALSE(judge_target(tall, {"row.0", "", 0, 120, 780, 190, "list", false}).on_screen);
}

TEST_CASE("the state dump carries the layout report and its counts") {
    KioskState state;
    RunFacts facts;
    facts.layout = screen_800x480(133);
    facts.layout.right_to_left = true;
    facts.layout.targets = {{"back", "رجوع", 0, 0, 60, 60, "", false},
                            {"tool", "Contraste élevé", 700, 0, 740, 60, "", true},
                            {"key.q", "q", 760, 470, 800, 520, "", false}};
    facts.layout.cut_texts = {"Contraste élevé"};
    const StateDump dump = state_json(state, facts);
    const StateDump& layout = dump["layout"];
    CHECK(layout["width"] == 800);
    CHECK(layout["direction"] == "rtl");
    CHECK(layout["targets"].size() == 3);
    CHECK(layout["targets"][0]["rect"] == StateDump({0, 0, 60, 60}));
    CHECK(layout["targets"][1]["text_cut"] == true);
    CHECK(state_value(dump, "layout_under_9mm") == "2");  // 40 px wide, and the clipped key
    CHECK(state_value(dump, "layout_off_screen") == "1");
    CHECK(state_value(dump, "layout_cut") == "1");
}

TEST_CASE("the chart's facts reach the dump; `expect` reads lists of numbers joined by commas") {
    KioskState state;
    state.chart.year = 2021;
    RunFacts facts;
    facts.chart_shown = true;
    facts.chart_year_targets = {2019, 2020, 2021};
    facts.chart_year_labels = {"2019", "2021"};
    facts.chart_legend = {"México: 51.600", "Guatemala: 15.300"};
    const StateDump dump = state_json(state, facts);
    CHECK(state_value(dump, "chart_year_targets") == "2019,2020,2021");
    CHECK(state_value(dump, "chart_year_count") == "3");
    CHECK(state_value(dump, "chart_year_labels") == "2019,2021");
    CHECK(state_value(dump, "chart_year") == "2021");
    CHECK(state_value(dump, "chart_table") == "false");
    CHECK(state_value(dump, "chart_legend") == "México: 51.600,Guatemala: 15.300");
    CHECK(state_value(dump, "chart_table_years") == "");
}
