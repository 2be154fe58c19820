// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "kiosk/actions.h"

using namespace guichet::kiosk;

namespace {
KioskState visiting(std::string language = "fr") {
    KioskState state;
    apply(state, action::StartVisit{});
    apply(state, action::ChooseLanguage{std::move(language)});
    return state;
}
}  // namespace

TEST_CASE("a visit starts at welcome, picks a language and lands on home") {
    KioskState state;
    CHECK(state.route.screen == Screen::welcome);
    apply(state, action::StartVisit{});
    CHECK(state.route.screen == Screen::language);
    apply(state, action::ChooseLanguage{"ht"});
    CHECK(state.route.screen == Screen::home);
    CHECK(state.language == "ht");
    REQUIRE(state.history.size() == 2);
    CHECK(state.history[1].screen == Screen::language);
}

TEST_CASE("back walks the history — back onto welcome resets the visit") {
    KioskState state = visiting();
    apply(state, action::Open{{Screen::category, "rights"}});
    apply(state, action::Open{{Screen::detail, "a1"}});
    apply(state, action::Back{});
    CHECK(state.route == Route{Screen::category, "rights"});
    apply(state, action::Back{});
    CHECK(state.route.screen == Screen::home);
    apply(state, action::Back{});
    CHECK(state.route.screen == Screen::language);
    CHECK(state.language == "fr");
    apply(state, action::Back{});
    CHECK(state.route.screen == Screen::welcome);
    CHECK(state.language.empty());
    CHECK(state.history.empty());
}

TEST_CASE("home drops the path but keeps the way back to the language picker") {
    KioskState state = visiting();
    apply(state, action::Open{{Screen::category, "rights"}});
    apply(state, action::Open{{Screen::detail, "a1"}});
    apply(state, action::Home{});
    CHECK(state.route.screen == Screen::home);
    apply(state, action::Back{});
    CHECK(state.route.screen == Screen::language);
}

TEST_CASE("home before any language is chosen goes back to the start") {
    KioskState state;
    apply(state, action::StartVisit{});
    apply(state, action::Home{});
    CHECK(state.route.screen == Screen::welcome);
    CHECK(state.history.empty());
}

TEST_CASE("opening the same screen twice does not stack it") {
    KioskState state = visiting();
    apply(state, action::Open{{Screen::search, ""}});
    const auto depth = state.history.size();
    apply(state, action::Open{{Screen::search, ""}});
    CHECK(state.history.size() == depth);
}

TEST_CASE("typing, backspace over accents, and the length cap") {
    KioskState state = visiting();
    apply(state, action::TypeText{"d"});
    apply(state, action::TypeText{"r"});
    apply(state, action::TypeText{"è"});
    CHECK(state.search_text == "drè");
    apply(state, action::Backspace{});
    CHECK(state.search_text == "dr");  // the whole two-byte è went, not half of it
    apply(state, action::ClearSearch{});
    CHECK(state.search_text.empty());
    apply(state, action::Backspace{});
    CHECK(state.search_text.empty());
    for (int i = 0; i < 500; ++i) apply(state, action::TypeText{"a"});
    CHECK(state.search_text.size() == kMaxSearchBytes);
}

TEST_CASE("reset forgets everything about the visitor but keeps content bookkeeping") {
    KioskState state = visiting("pt");
    apply(state, action::Open{{Screen::directory, ""}});
    apply(state, action::SetFilter{FilterField::country, "AR"});
    apply(state, action::TypeText{"abc"});
    apply(state, action::ScrollTo{"directory/list", 800});
    apply(state, action::ToggleLargeText{});
    apply(state, action::ToggleHighContrast{});
    apply(state, action::ContentChanged{});
    apply(state, action::ResetVisit{});
    CHECK(state.route.screen == Screen::welcome);
    CHECK(state.language.empty());
    CHECK(state.search_text.empty());
    CHECK(state.history.empty());
    CHECK(state.scroll.empty());
    CHECK(state.directory_filter == DirectoryFilter{});
    CHECK_FALSE(state.large_text);
    CHECK_FALSE(state.high_contrast);
    CHECK(state.content_switch_pending);
}

TEST_CASE("content switch bumps the generation and, mid-visit, resets") {
    KioskState state;
    apply(state, action::ContentChanged{});
    apply(state, action::ContentSwitched{});
    CHECK(state.content_generation == 1);
    CHECK_FALSE(state.content_switch_pending);
    CHECK(state.route.screen == Screen::welcome);
}

TEST_CASE("filters set, clear, and reset the list scroll") {
    KioskState state = visiting();
    apply(state, action::Open{{Screen::directory, ""}});
    apply(state, action::ScrollTo{scroll_key(state.route, "list"), 500});
    apply(state, action::OpenFilterPicker{FilterField::service});
    CHECK(state.filter_picker_open);
    apply(state, action::Back{});  // back closes the picker first
    CHECK_FALSE(state.filter_picker_open);
    CHECK(state.route.screen == Screen::directory);
    apply(state, action::SetFilter{FilterField::service, "health"});
    CHECK(state.directory_filter.service == "health");
    CHECK(state.scroll.count(scroll_key(state.route, "list")) == 0);
    apply(state, action::ClearFilters{});
    CHECK(state.directory_filter == DirectoryFilter{});
}

TEST_CASE("scroll offsets are never negative") {
    KioskState state;
    apply(state, action::ScrollTo{"x", -40});
    CHECK(state.scroll["x"] == 0.0f);
}

TEST_CASE("idle: quiet, then a countdown by whole seconds, then expiry") {
    KioskState state = visiting();
    state.last_input_ms = 1000;
    const IdleSettings idle{90'000, 20'000};
    auto quiet = idle_status(state, 1000 + 60'000, idle);
    CHECK_FALSE(quiet.counting_down);
    CHECK_FALSE(quiet.expired);
    CHECK(quiet.next_change_ms == 1000 + 70'000);
    auto counting = idle_status(state, 1000 + 70'000, idle);
    CHECK(counting.counting_down);
    CHECK(counting.seconds_left == 20);
    CHECK(counting.next_change_ms == 1000 + 71'000);
    auto last = idle_status(state, 1000 + 89'500, idle);
    CHECK(last.seconds_left == 1);
    auto expired = idle_status(state, 1000 + 90'000, idle);
    CHECK(expired.expired);
    apply(state, action::Touched{1000 + 89'000});
    CHECK_FALSE(idle_status(state, 1000 + 90'000, idle).counting_down);
}

TEST_CASE("the welcome screen never times out") {
    KioskState state;
    auto status = idle_status(state, 10'000'000, {});
    CHECK_FALSE(status.expired);
    CHECK_FALSE(status.counting_down);
}

TEST_CASE("an external link is offered as a QR code — back, another screen or a reset closes it") {
    KioskState state = visiting();
    apply(state, action::Open{{Screen::detail, "inter-american-program"}});
    apply(state, action::ToggleQr{});
    apply(state, action::OfferLink{"https://www.oas.org/es/"});
    CHECK(state.offered_link == "https://www.oas.org/es/");
    CHECK_FALSE(state.qr_open);  // one dialog at a time
    apply(state, action::Back{});
    CHECK(state.offered_link.empty());
    CHECK(state.route.screen == Screen::detail);  // back closed the dialog, not the article

    apply(state, action::OfferLink{"https://www.oas.org/es/"});
    apply(state, action::OfferLink{""});  // its Close button
    CHECK(state.offered_link.empty());
    apply(state, action::OfferLink{"https://www.oas.org/es/"});
    apply(state, action::ToggleQr{});
    CHECK(state.offered_link.empty());
    CHECK(state.qr_open);

    apply(state, action::OfferLink{"https://www.oas.org/es/"});
    apply(state, action::Open{{Screen::detail, "cam-background"}});
    CHECK(state.offered_link.empty());
    apply(state, action::OfferLink{"https://www.oas.org/es/"});
    apply(state, action::Home{});
    CHECK(state.offered_link.empty());
    apply(state, action::OfferLink{"https://www.oas.org/es/"});
    apply(state, action::ResetVisit{});
    CHECK(state.offered_link.empty());
}

TEST_CASE("a chart's year is shown and hidden, back hides it first, a new page starts fresh") {
    KioskState state = visiting();
    apply(state, action::Open{{Screen::category, "statistics"}});
    apply(state, action::Open{{Screen::detail, "remittances-received"}});
    apply(state, action::ChartSelect{2021});
    CHECK(state.chart.year == 2021);
    apply(state, action::ChartShowTable{true});
    CHECK(state.chart.table);
    // Back closes the year's figures before it leaves the page.
    apply(state, action::Back{});
    CHECK(state.route.screen == Screen::detail);
    CHECK(state.chart.year == 0);
    CHECK(state.chart.table);
    apply(state, action::Back{});
    CHECK(state.route.screen == Screen::category);
    CHECK(state.chart == ChartState{});
    // Another page opens on its chart, with no year chosen; so does home.
    apply(state, action::Open{{Screen::detail, "remittances-received"}});
    apply(state, action::ChartShowTable{true});
    apply(state, action::ChartSelect{2019});
    apply(state, action::Open{{Screen::detail, "other"}});
    CHECK(state.chart == ChartState{});
    apply(state, action::ChartSelect{2019});
    apply(state, action::Home{});
    CHECK(state.chart == ChartState{});
}

TEST_CASE("the top bar's More menu closes on Back, on leaving the screen and on Home") {
    KioskState state = visiting();
    apply(state, action::Open{{Screen::category, "rights"}});
    apply(state, action::ToolbarMenu{true});
    CHECK(state.toolbar_menu_open);
    // Back closes the menu first and stays on the screen.
    apply(state, action::Back{});
    CHECK_FALSE(state.toolbar_menu_open);
    CHECK(state.route.screen == Screen::category);
    // A tool chosen in it (search) leaves the screen: the menu does not follow.
    apply(state, action::ToolbarMenu{true});
    apply(state, action::Open{{Screen::search, ""}});
    CHECK_FALSE(state.toolbar_menu_open);
    apply(state, action::ToolbarMenu{true});
    apply(state, action::Home{});
    CHECK_FALSE(state.toolbar_menu_open);
    CHECK(state.route.screen == Screen::home);
    apply(state, action::ToolbarMenu{true});
    apply(state, action::ToolbarMenu{false});
    CHECK_FALSE(state.toolbar_menu_open);
}

TEST_CASE("search instead for the words as typed until they change, and a suggestion searched") {
    KioskState state = visiting();
    // Off the search screen, or with nothing typed, there is nothing to search exactly.
    apply(state, action::SearchExact{});
    CHECK_FALSE(state.search_exact);
    apply(state, action::Open{{Screen::search, ""}});
    apply(state, action::SearchExact{});
    CHECK_FALSE(state.search_exact);
    apply(state, action::TypeText{"pasport"});
    state.scroll[scroll_key({Screen::search, ""}, "results")] = 120;
    apply(state, action::SearchExact{});
    CHECK(state.search_exact);
    CHECK(state.search_text == "pasport");
    CHECK(state.scroll.count(scroll_key({Screen::search, ""}, "results")) == 0);
    // Another letter is another search: forgiving again.
    apply(state, action::TypeText{"e"});
    CHECK_FALSE(state.search_exact);
    apply(state, action::SearchExact{});
    apply(state, action::Backspace{});
    CHECK_FALSE(state.search_exact);
    apply(state, action::SearchExact{});
    apply(state, action::ClearSearch{});
    CHECK_FALSE(state.search_exact);
    // "Did you mean": the suggestion replaces the text and is searched forgivingly.
    apply(state, action::TypeText{"pasport"});
    apply(state, action::SearchExact{});
    apply(state, action::SearchFor{"pasaporte"});
    CHECK(state.search_text == "pasaporte");
    CHECK_FALSE(state.search_exact);
    // Never past the field's limit, never empty.
    apply(state, action::SearchFor{std::string(kMaxSearchBytes + 1, 'a')});
    apply(state, action::SearchFor{""});
    CHECK(state.search_text == "pasaporte");
    // A new visit forgets it.
    apply(state, action::SearchExact{});
    apply(state, action::ResetVisit{});
    CHECK_FALSE(state.search_exact);
    CHECK(state.search_text.empty());
}
