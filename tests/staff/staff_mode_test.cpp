// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "../support/temp_dir.h"

#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "kiosk/actions.h"
#include "kiosk/config.h"
#include "platform/clock.h"
#include "platform/files.h"
#include "staff/staff_mode.h"

namespace fs = std::filesystem;
using namespace guichet::kiosk;
namespace sa = guichet::kiosk::staff_action;

namespace {

void staff(KioskState& state, StaffAction what) {
    apply(state, action::Staff{std::move(what)});
}

KioskState opened_staff_mode() {
    KioskState state;
    staff(state, sa::Enter{});
    staff(state, sa::PinChecked{PinOutcome::accepted, 0});
    return state;
}

KioskState editing(const std::string& language) {
    KioskState state = opened_staff_mode();
    NoticeDraft draft;
    draft.start_day = "2026-11-27";
    draft.end_day = "2026-11-27";
    staff(state, sa::DraftLoaded{draft, language});
    return state;
}

}  // namespace

TEST_CASE("the hidden entry opens the pad, and nothing but the pad works before the PIN") {
    KioskState state;
    state.search_text = "visitor's words";
    staff(state, sa::Enter{});
    CHECK(state.route.screen == Screen::staff);
    CHECK(state.staff.page == StaffPage::pin);
    CHECK(state.search_text.empty());  // the visit before is gone
    CHECK(state.history.empty());
    staff(state, sa::OpenPage{StaffPage::settings});
    CHECK(state.staff.page == StaffPage::pin);
    staff(state, sa::ExitToDesktop{});
    CHECK_FALSE(state.staff.exit_requested);
    staff(state, sa::NewNotice{});
    staff(state, sa::DraftLoaded{NoticeDraft{}, "es"});
    CHECK_FALSE(state.staff.draft);
    // Digits only, at most twelve.
    for (char digit : std::string("12x3456789012345")) staff(state, sa::PinDigit{digit});
    CHECK(state.staff.pin_entry == "123456789012");
    staff(state, sa::PinBackspace{});
    CHECK(state.staff.pin_entry == "12345678901");
    staff(state, sa::PinChecked{PinOutcome::locked, 5000});
    CHECK(state.staff.pin_entry.empty());
    CHECK(state.staff.locked_until_ms == 5000);
    CHECK(state.staff.page == StaffPage::pin);
    staff(state, sa::PinChecked{PinOutcome::accepted, 0});
    CHECK(state.staff.page == StaffPage::status);
    staff(state, sa::ExitToDesktop{});  // not without the question answered
    CHECK_FALSE(state.staff.exit_requested);
    staff(state, sa::AskExit{true});
    staff(state, sa::AskExit{false});
    staff(state, sa::ExitToDesktop{});
    CHECK_FALSE(state.staff.exit_requested);
    staff(state, sa::AskExit{true});
    staff(state, sa::ExitToDesktop{});
    CHECK(state.staff.exit_requested);
}

TEST_CASE("leaving staff mode, or the idle reset, forgets everything staff did") {
    for (int way = 0; way < 2; ++way) {
        KioskState state = editing("es");
        type_into_draft(state, "cerrado");
        state.content_generation = 3;
        if (way == 0)
            staff(state, sa::Leave{});
        else
            apply(state, action::ResetVisit{});
        CHECK(state.route.screen == Screen::welcome);
        CHECK(state.staff.page == StaffPage::pin);
        CHECK_FALSE(state.staff.draft);
        CHECK(state.content_generation == 3);
    }
}

TEST_CASE("the keyboard types into the chosen field of the draft, never into the search") {
    KioskState state = editing("fr");
    apply(state, action::TypeText{"f"});
    apply(state, action::TypeText{"é"});
    apply(state, action::TypeText{"e"});
    apply(state, action::Backspace{});
    CHECK(state.staff.draft->title.at("fr") == "Fé");  // no shift key: a capital first
    CHECK(state.search_text.empty());
    staff(state, sa::ChooseField{NoticeField::body});
    apply(state, action::TypeText{"texte"});
    CHECK(state.staff.draft->body.at("fr") == "Texte");
    apply(state, action::ClearSearch{});
    CHECK(state.staff.draft->body.at("fr").empty());
    // Another language starts at its title.
    staff(state, sa::ChooseEditLanguage{"es"});
    apply(state, action::TypeText{"c"});
    CHECK(state.staff.draft->title.at("es") == "C");
    CHECK(state.staff.draft->title.at("fr") == "Fé");
    // Capitals beyond ASCII too.
    staff(state, sa::ChooseEditLanguage{"pt"});
    apply(state, action::TypeText{"é"});
    CHECK(state.staff.draft->title.at("pt") == "É");
    staff(state, sa::ChooseEditLanguage{"es"});
    // A title never grows past the store's limit.
    for (int i = 0; i < 200; ++i) apply(state, action::TypeText{"a"});
    CHECK(state.staff.draft->title.at("es").size() == guichet::content::kMaxNoticeTitleBytes);
}

TEST_CASE("the calendar keeps a notice from ending before it starts") {
    KioskState state = editing("es");
    staff(state, sa::OpenDatePicker{NoticeDate::end});
    CHECK(state.staff.picker_month == "2026-11");
    staff(state, sa::PickerMonth{+2});
    CHECK(state.staff.picker_month == "2027-01");
    staff(state, sa::PickDay{"2027-01-15"});
    CHECK_FALSE(state.staff.date_picker);
    CHECK(state.staff.draft->end_day == "2027-01-15");
    staff(state, sa::OpenDatePicker{NoticeDate::start});
    staff(state, sa::PickDay{"2027-02-01"});
    CHECK(state.staff.draft->start_day == "2027-02-01");
    CHECK(state.staff.draft->end_day == "2027-02-01");
    staff(state, sa::OpenDatePicker{NoticeDate::end});
    staff(state, sa::PickDay{"2026-10-02"});
    CHECK(state.staff.draft->start_day == "2026-10-02");
    staff(state, sa::OpenDatePicker{NoticeDate::end});
    staff(state, sa::PickDay{"2026-02-30"});  // not a day: nothing changes
    CHECK(state.staff.draft->end_day == "2026-10-02");
    // While the calendar is open the keyboard types nothing.
    apply(state, action::TypeText{"x"});
    CHECK(state.staff.draft->title["es"].empty());
}

TEST_CASE("calendar arithmetic") {
    CHECK(weekday_of("2026-11-27") == 4);  // a Friday
    CHECK(weekday_of("2024-01-01") == 0);  // a Monday
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(2026, 2) == 28);
    CHECK(days_in_month(2026, 12) == 31);
    CHECK(shift_month("2026-12", 1) == "2027-01");
    CHECK(shift_month("2026-01", -1) == "2025-12");
    CHECK(shift_day("2026-12-31", 1) == "2027-01-01");
}

TEST_CASE("settings: staff's keys replaced in place, other lines kept, each key once") {
    const std::string existing =
        "# installer\nrenderer = software\nidle_timeout = 90\nrotation=0\nidle_timeout = 45\n"
        "default_language = es\n";
    SettingsDraft settings{"", {"es", "fr"}, 60, 90, 200, 50};
    const std::string text = settings_file_text(existing, settings);
    CHECK(text ==
          "# installer\nrenderer = software\nidle_timeout = 60\nrotation = 90\n"
          "languages = es, fr\nspeech_rate = 200\nspeech_volume = 50\n");
    // What is written reads back through the kiosk's own parser.
    const fs::path dir = guichet::testing::fresh_temp_dir("guichet-staff-settings");
    REQUIRE(guichet::files::write_file_atomically(dir / "kiosk.conf", text).ok());
    KioskConfig config;
    REQUIRE(load_config_file(dir / "kiosk.conf", config).ok());
    CHECK(config.idle_timeout_seconds == 60);
    CHECK(config.rotation == 90);
    CHECK(config.languages == std::vector<std::string>{"es", "fr"});
    CHECK(config.renderer == "software");
    CHECK(config.speech_rate == 200);
    CHECK(config.speech_volume == 50);
}

TEST_CASE("the controller: PIN, notices and settings through their real stores") {
    const fs::path state_dir = guichet::testing::fresh_temp_dir("guichet-staff-controller");
    std::int64_t wall = 1'800'000'000;
    StaffController controller(state_dir, state_dir / "kiosk.conf", "", [&] { return wall; });
    KioskConfig config;
    const std::vector<LanguageChoice> languages = {{"es", "Español", {}},
                                                   {"fr", "Français", {"es"}}};
    auto perform = [&](KioskState& state, StaffAction what, std::int64_t now_ms = 0) {
        apply(state, action::Staff{what});
        for (const Action& outcome : controller.perform(state, what, now_ms, config, languages))
            guichet::kiosk::apply(state, outcome);
    };

    KioskState state;
    perform(state, sa::Enter{});
    perform(state, sa::PinSubmit{});
    CHECK(state.staff.last_pin == PinOutcome::no_pin_set);
    CHECK(state.staff.page == StaffPage::pin);
    REQUIRE(guichet::staff::PinLock(state_dir).set_pin("4826").ok());
    for (char c : std::string("1111")) perform(state, sa::PinDigit{c});
    perform(state, sa::PinSubmit{});
    CHECK(state.staff.last_pin == PinOutcome::wrong);
    for (char c : std::string("4826")) perform(state, sa::PinDigit{c});
    perform(state, sa::PinSubmit{});
    CHECK(state.staff.page == StaffPage::status);

    // A notice typed in and saved is in local.db and shown to visitors that day.
    perform(state, sa::NewNotice{});
    REQUIRE(state.staff.draft);
    CHECK(state.staff.draft->start_day == guichet::clock::local_day(wall));
    type_into_draft(state, "cerrado hoy");
    perform(state, sa::SaveDraft{});
    CHECK(state.staff.message == "staff.notice_saved");
    CHECK(state.staff.page == StaffPage::notices);
    auto cards = controller.notices_for_visitor({"es"});
    REQUIRE(cards.size() == 1);
    CHECK(cards[0].title == "Cerrado hoy");
    CHECK(controller.search_notices("cerr", {"fr", "es"}).size() == 1);
    wall += 2 * 86400;  // two days later it is over
    CHECK(controller.notices_for_visitor({"es"}).empty());

    // An empty title is refused with the store's reason; nothing is saved.
    perform(state, sa::NewNotice{});
    perform(state, sa::SaveDraft{});
    CHECK(state.staff.message_is_error);
    CHECK(state.staff.page == StaffPage::notice_edit);

    // Settings: saved atomically to kiosk.conf and applied to the running config.
    perform(state, sa::OpenPage{StaffPage::settings});
    REQUIRE(state.staff.settings);
    perform(state, sa::IdleStep{+15});
    perform(state, sa::SetRotation{270});
    perform(state, sa::SaveSettings{});
    CHECK(state.staff.message == "staff.settings_saved");
    CHECK(config.idle_timeout_seconds == 105);
    CHECK(config.rotation == 270);
    const std::string saved = *guichet::files::read_file(state_dir / "kiosk.conf");
    CHECK(saved.find("idle_timeout = 105\n") != std::string::npos);
    CHECK(saved.find("rotation = 270\n") != std::string::npos);
    CHECK(controller.config_problem().empty());
    // A wrong line staff cannot edit here stays reported after a save.
    REQUIRE(
        guichet::files::write_file_atomically(state_dir / "kiosk.conf", "renderer = fast\n").ok());
    perform(state, sa::SaveSettings{});
    CHECK(state.staff.message == "staff.settings_saved");
    CHECK(controller.config_problem().find("kiosk.conf:1: renderer: want auto") !=
          std::string::npos);
}

TEST_CASE("a visit is counted once it ends: per day, counts only") {
    const fs::path state_dir = guichet::testing::fresh_temp_dir("guichet-staff-usage");
    StaffController controller(state_dir, state_dir / "kiosk.conf", "",
                               [] { return std::int64_t{1'800'000'000}; });
    VisitTally tally;
    auto type_of = [](const std::string& id) { return id == "a1" ? "article" : "institution"; };
    KioskState state;
    auto step = [&](Action a) {
        const KioskState before = state;
        guichet::kiosk::apply(state, a);
        tally.observe(before, state, type_of);
    };
    step(action::StartVisit{});
    step(action::ChooseLanguage{"ht"});
    step(action::Open{{Screen::detail, "a1"}});
    step(action::Back{});
    step(action::Open{{Screen::search, ""}});
    step(action::TypeText{"d"});
    step(action::TypeText{"w"});  // one search, however many letters
    step(action::Open{{Screen::detail, "i9"}});
    CHECK_FALSE(tally.empty());
    CHECK(controller.ledger().day(guichet::clock::local_day(1'800'000'000)).totals.sessions ==
          0);  // not yet
    step(action::ResetVisit{});
    controller.end_visit(tally);
    CHECK(tally.empty());
    const auto day = controller.ledger().day(guichet::clock::local_day(1'800'000'000));
    CHECK(day.totals.sessions == 1);
    CHECK(day.totals.searches == 1);
    CHECK(day.totals.sessions_by_language.at("ht") == 1);
    CHECK(day.totals.views_by_type.at("article") == 1);
    CHECK(day.totals.views_by_type.at("institution") == 1);
    CHECK(day.views_by_item.at("i9") == 1);
    const std::string file = *guichet::files::read_file(state_dir / "usage" / "usage.json");
    CHECK(file.find("dw") == std::string::npos);
    // Staff mode is not a visit.
    KioskState staff_state;
    const KioskState before = staff_state;
    apply(staff_state, action::Staff{sa::Enter{}});
    tally.observe(before, staff_state, type_of);
    CHECK(tally.empty());
}

TEST_CASE("the editor's days of the week and times: chips, a clock face, all day") {
    KioskState state = editing("es");
    staff(state, sa::ToggleWeekday{1});
    staff(state, sa::ToggleWeekday{3});
    CHECK(state.staff.draft->weekdays == 0b0001010);
    staff(state, sa::ToggleWeekday{3});
    CHECK(state.staff.draft->weekdays == 0b0000010);
    staff(state, sa::ToggleWeekday{7});  // no such day: nothing changes
    CHECK(state.staff.draft->weekdays == 0b0000010);
    for (int d : {0, 2, 3, 4, 5, 6}) staff(state, sa::ToggleWeekday{d});
    CHECK(state.staff.draft->weekdays == 0);  // all seven is every day
    staff(state, sa::ToggleWeekday{4});
    staff(state, sa::ToggleWeekday{-1});
    CHECK(state.staff.draft->weekdays == 0);

    // All day until staff open a time: then 09:00 to 17:00 to start from.
    CHECK(state.staff.draft->start_minute == -1);
    staff(state, sa::OpenTimePicker{NoticeDate::start});
    REQUIRE(state.staff.time_picker);
    CHECK(state.staff.draft->start_minute == 9 * 60);
    CHECK(state.staff.draft->end_minute == 17 * 60);
    staff(state, sa::PickTime{22, -1});
    staff(state, sa::PickTime{-1, 30});
    CHECK(state.staff.draft->start_minute == 22 * 60 + 30);
    // While the clock face is open the keyboard types nothing.
    apply(state, action::TypeText{"x"});
    CHECK(state.staff.draft->title["es"].empty());
    staff(state, sa::CloseTimePicker{});
    CHECK_FALSE(state.staff.time_picker);
    // An end before the start is the next morning; an end equal to the start moves on.
    staff(state, sa::OpenTimePicker{NoticeDate::end});
    staff(state, sa::PickTime{6, -1});
    staff(state, sa::PickTime{-1, 0});
    CHECK(state.staff.draft->end_minute == 6 * 60);
    staff(state, sa::PickTime{22, -1});
    staff(state, sa::PickTime{-1, 30});
    CHECK(state.staff.draft->end_minute == 22 * 60 + 30);
    CHECK(state.staff.draft->start_minute == 21 * 60 + 30);
    staff(state, sa::AllDay{});
    CHECK(state.staff.draft->start_minute == -1);
    CHECK(state.staff.draft->end_minute == -1);
    CHECK_FALSE(state.staff.time_picker);

    auto t = [](std::string_view key) { return "<" + std::string(key) + ">"; };
    CHECK(schedule_text(0, -1, -1, t).empty());
    CHECK(schedule_text(0x7F, -1, -1, t).empty());
    CHECK(schedule_text(0b0010010, -1, -1, t) == "<day.tu>, <day.fr>");
    CHECK(schedule_text(0, 9 * 60, 12 * 60, t) == "\u206609:00–12:00\u2069");
    CHECK(schedule_text(0b0000010, 9 * 60, 12 * 60 + 15, t) ==
          "<day.tu> · \u206609:00–12:15\u2069");
}

TEST_CASE("the controller keeps a notice's days and times, and shows it only then") {
    const fs::path state_dir = guichet::testing::fresh_temp_dir("guichet-staff-schedule");
    // 2027-01-12 is a Tuesday; times are the kiosk's local time, here UTC.
    setenv("TZ", "UTC", 1);
    tzset();
    std::int64_t wall = 1'799'740'800;  // 2027-01-12 08:00 UTC
    REQUIRE(guichet::clock::local_day(wall) == "2027-01-12");
    StaffController controller(state_dir, state_dir / "kiosk.conf", "", [&] { return wall; });
    KioskConfig config;
    const std::vector<LanguageChoice> languages = {{"es", "Español", {}}};
    auto perform = [&](KioskState& state, StaffAction what) {
        apply(state, action::Staff{what});
        for (const Action& outcome : controller.perform(state, what, 0, config, languages))
            guichet::kiosk::apply(state, outcome);
    };
    KioskState state;
    REQUIRE(guichet::staff::PinLock(state_dir).set_pin("4826").ok());
    perform(state, sa::Enter{});
    for (char c : std::string("4826")) perform(state, sa::PinDigit{c});
    perform(state, sa::PinSubmit{});
    REQUIRE(state.staff.page == StaffPage::status);
    perform(state, sa::NewNotice{});
    type_into_draft(state, "abogada");
    perform(state, sa::OpenDatePicker{NoticeDate::end});
    perform(state, sa::PickDay{"2027-02-28"});
    perform(state, sa::ToggleWeekday{1});
    perform(state, sa::OpenTimePicker{NoticeDate::start});
    perform(state, sa::PickTime{9, 0});
    perform(state, sa::OpenTimePicker{NoticeDate::end});
    perform(state, sa::PickTime{12, 0});
    perform(state, sa::SaveDraft{});
    REQUIRE(state.staff.message == "staff.notice_saved");
    CHECK(controller.notices_for_visitor({"es"}).empty());  // 08:00
    const std::string before = controller.notices_moment();
    wall += 3600;  // 09:00
    CHECK(controller.notices_moment() != before);
    auto cards = controller.notices_for_visitor({"es"});
    REQUIRE(cards.size() == 1);
    CHECK(cards[0].weekdays == 0b10);
    CHECK(cards[0].start_minute == 9 * 60);
    CHECK(cards[0].end_minute == 12 * 60);
    const StaffView& view = controller.view(state, "es", languages);
    REQUIRE(view.notices.size() == 1);
    CHECK(view.notices[0].shown_now);
    wall += 3 * 3600;  // 12:00
    CHECK(controller.notices_for_visitor({"es"}).empty());
    CHECK_FALSE(controller.view(state, "es", languages).notices[0].shown_now);
    wall += 7 * 86400 - 2 * 3600;  // the next Tuesday, 10:00
    CHECK(controller.notices_for_visitor({"es"}).size() == 1);
    // Edited: its days and times come back into the draft.
    perform(state, sa::EditNotice{cards[0].id});
    REQUIRE(state.staff.draft);
    CHECK(state.staff.draft->weekdays == 0b10);
    CHECK(state.staff.draft->end_minute == 12 * 60);
    unsetenv("TZ");
    tzset();
}
