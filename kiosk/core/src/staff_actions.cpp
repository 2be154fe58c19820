// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "content/local_notices.h"
#include "fleet/usage_ledger.h"
#include "kiosk/actions.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace guichet::kiosk {
namespace {

bool split_day(const std::string& day, int& y, int& m, int& d) {
    if (!content::is_calendar_day(day)) return false;
    y = std::stoi(day.substr(0, 4));
    m = std::stoi(day.substr(5, 2));
    d = std::stoi(day.substr(8, 2));
    return true;
}

std::string* draft_text(StaffState& staff) {
    if (staff.page != StaffPage::notice_edit || !staff.draft || staff.edit_language.empty() ||
        staff.date_picker || staff.time_picker)
        return nullptr;
    auto& texts = staff.edit_field == NoticeField::title ? staff.draft->title : staff.draft->body;
    return &texts[staff.edit_language];
}

// The on-screen keyboard has no shift key: a field's first letter is written as a capital,
// as phones do, so notices read like sentences.
std::string capitalised(const std::string& utf8) {
    std::int32_t at = 0;
    UChar32 c = 0;
    U8_NEXT(utf8.data(), at, static_cast<std::int32_t>(utf8.size()), c);
    if (c < 0) return utf8;
    const UChar32 upper = u_toupper(c);
    if (upper == c) return utf8;
    char encoded[U8_MAX_LENGTH];
    std::int32_t length = 0;
    UBool error = false;
    U8_APPEND(encoded, length, U8_MAX_LENGTH, upper, error);
    if (error) return utf8;
    return std::string(encoded, length) + utf8.substr(at);
}

struct StaffApplier {
    KioskState& state;
    StaffState& staff = state.staff;

    void fresh(Screen screen) {
        KioskState next;
        next.content_switch_pending = state.content_switch_pending;
        next.content_generation = state.content_generation;
        next.last_input_ms = state.last_input_ms;
        next.route = {screen, ""};
        state = std::move(next);
    }
    void operator()(const staff_action::Enter&) { fresh(Screen::staff); }
    void operator()(const staff_action::Leave&) { fresh(Screen::welcome); }
    void operator()(const staff_action::PinDigit& a) {
        if (a.digit >= '0' && a.digit <= '9' && staff.pin_entry.size() < kMaxPinDigits)
            staff.pin_entry += a.digit;
    }
    void operator()(const staff_action::PinBackspace&) {
        if (!staff.pin_entry.empty()) staff.pin_entry.pop_back();
    }
    void operator()(const staff_action::PinClear&) { staff.pin_entry.clear(); }
    void operator()(const staff_action::PinSubmit&) {}
    void operator()(const staff_action::PinChecked& a) {
        staff.pin_entry.clear();
        staff.pin_tried = true;
        staff.last_pin = a.outcome;
        staff.locked_until_ms = a.locked_until_ms;
        if (a.outcome == PinOutcome::accepted) {
            staff.page = StaffPage::status;
            staff.pin_tried = false;
        }
    }
    void operator()(const staff_action::OpenPage& a) {
        if (a.page == StaffPage::pin) return;
        staff.page = a.page;
        staff.message.clear();
        staff.draft.reset();
        staff.date_picker.reset();
        staff.time_picker.reset();
        staff.confirm_delete.reset();
        if (a.page != StaffPage::settings) staff.settings.reset();
    }
    void operator()(const staff_action::SyncNow&) {}
    void operator()(const staff_action::AskExit& a) { staff.confirm_exit = a.open; }
    void operator()(const staff_action::ExitToDesktop&) {
        if (staff.confirm_exit) staff.exit_requested = true;
    }
    void operator()(const staff_action::NewNotice&) {}
    void operator()(const staff_action::EditNotice&) {}
    void operator()(const staff_action::DraftLoaded& a) {
        staff.page = StaffPage::notice_edit;
        staff.draft = a.draft;
        staff.edit_language = a.language;
        staff.edit_field = NoticeField::title;
        staff.date_picker.reset();
        staff.time_picker.reset();
        staff.message.clear();
    }
    void operator()(const staff_action::ChooseEditLanguage& a) {
        staff.edit_language = a.code;
        staff.edit_field = NoticeField::title;  // another language starts at its title
    }
    void operator()(const staff_action::ChooseField& a) { staff.edit_field = a.field; }
    void operator()(const staff_action::OpenDatePicker& a) {
        if (!staff.draft) return;
        staff.date_picker = a.which;
        const std::string& day =
            a.which == NoticeDate::start ? staff.draft->start_day : staff.draft->end_day;
        staff.picker_month = day.substr(0, 7);
    }
    void operator()(const staff_action::PickerMonth& a) {
        staff.picker_month = shift_month(staff.picker_month, a.delta);
    }
    void operator()(const staff_action::PickDay& a) {
        if (!staff.draft || !staff.date_picker || !is_valid_day(a.day)) return;
        NoticeDraft& draft = *staff.draft;
        // The other date follows, so a notice never ends before it starts.
        if (*staff.date_picker == NoticeDate::start) {
            draft.start_day = a.day;
            if (draft.end_day < a.day) draft.end_day = a.day;
        } else {
            draft.end_day = a.day;
            if (draft.start_day > a.day) draft.start_day = a.day;
        }
        staff.date_picker.reset();
    }
    void operator()(const staff_action::CloseDatePicker&) { staff.date_picker.reset(); }
    void operator()(const staff_action::ToggleWeekday& a) {
        if (!staff.draft || a.weekday < -1 || a.weekday > 6) return;
        if (a.weekday == -1) {
            staff.draft->weekdays = 0;
            return;
        }
        staff.draft->weekdays ^= static_cast<std::uint8_t>(1u << a.weekday);
        // All seven is the same as none: every day.
        if (staff.draft->weekdays == 0x7F) staff.draft->weekdays = 0;
    }
    void operator()(const staff_action::OpenTimePicker& a) {
        if (!staff.draft) return;
        NoticeDraft& draft = *staff.draft;
        if (draft.start_minute < 0 || draft.end_minute < 0) {
            draft.start_minute = kDefaultStartMinute;
            draft.end_minute = kDefaultEndMinute;
        }
        staff.date_picker.reset();
        staff.time_picker = a.which;
    }
    void operator()(const staff_action::PickTime& a) {
        if (!staff.draft || !staff.time_picker) return;
        NoticeDraft& draft = *staff.draft;
        int& time = *staff.time_picker == NoticeDate::start ? draft.start_minute : draft.end_minute;
        if (time < 0) time = 0;
        if (a.hour >= 0 && a.hour < 24) time = a.hour * 60 + time % 60;
        if (a.minute >= 0 && a.minute < 60) time = time / 60 * 60 + a.minute;
        // Equal times would show the notice never: the other one moves an hour on (an end
        // before the start is allowed: it runs past midnight).
        int& other =
            *staff.time_picker == NoticeDate::start ? draft.end_minute : draft.start_minute;
        if (other == time)
            other =
                (time + (*staff.time_picker == NoticeDate::start ? 60 : 24 * 60 - 60)) % (24 * 60);
    }
    void operator()(const staff_action::AllDay&) {
        if (!staff.draft) return;
        staff.draft->start_minute = staff.draft->end_minute = -1;
        staff.time_picker.reset();
    }
    void operator()(const staff_action::CloseTimePicker&) { staff.time_picker.reset(); }
    void operator()(const staff_action::TogglePinned&) {
        if (staff.draft) staff.draft->pinned = !staff.draft->pinned;
    }
    void operator()(const staff_action::SaveDraft&) {}
    void operator()(const staff_action::CancelDraft&) {
        staff.draft.reset();
        staff.date_picker.reset();
        staff.time_picker.reset();
        staff.page = StaffPage::notices;
    }
    void operator()(const staff_action::AskDelete& a) { staff.confirm_delete = a.id; }
    void operator()(const staff_action::ConfirmDelete&) {}
    void operator()(const staff_action::CancelDelete&) { staff.confirm_delete.reset(); }
    void operator()(const staff_action::SettingsLoaded& a) {
        staff.settings = a.settings;
        staff.page = StaffPage::settings;
        staff.message.clear();
    }
    void operator()(const staff_action::SetDefaultLanguage& a) {
        if (staff.settings) staff.settings->default_language = a.code;
    }
    void operator()(const staff_action::ToggleOffered& a) {
        if (!staff.settings) return;
        auto& offered = staff.settings->languages;
        if (auto at = std::find(offered.begin(), offered.end(), a.code); at != offered.end())
            offered.erase(at);
        else
            offered.push_back(a.code);
    }
    void operator()(const staff_action::IdleStep& a) {
        if (staff.settings)
            staff.settings->idle_timeout_seconds =
                std::clamp(staff.settings->idle_timeout_seconds + a.delta_seconds, 30, 600);
    }
    void operator()(const staff_action::SetRotation& a) {
        if (staff.settings &&
            (a.degrees == 0 || a.degrees == 90 || a.degrees == 180 || a.degrees == 270))
            staff.settings->rotation = a.degrees;
    }
    void operator()(const staff_action::SpeechRateStep& a) {
        if (staff.settings)
            staff.settings->speech_rate = std::clamp(staff.settings->speech_rate + a.delta_wpm, 80, 400);
    }
    void operator()(const staff_action::SpeechVolumeStep& a) {
        if (staff.settings)
            staff.settings->speech_volume =
                std::clamp(staff.settings->speech_volume + a.delta_percent, 10, 100);
    }
    void operator()(const staff_action::SaveSettings&) {}
    void operator()(const staff_action::Done& a) {
        staff.message = a.message;
        staff.message_is_error = a.error;
        if (a.error) return;
        staff.page = a.then;
        staff.confirm_delete.reset();
        if (a.then != StaffPage::notice_edit) staff.draft.reset();
    }
};

bool allowed_before_pin(const StaffAction& action) {
    return std::holds_alternative<staff_action::Enter>(action) ||
           std::holds_alternative<staff_action::Leave>(action) ||
           std::holds_alternative<staff_action::PinDigit>(action) ||
           std::holds_alternative<staff_action::PinBackspace>(action) ||
           std::holds_alternative<staff_action::PinClear>(action) ||
           std::holds_alternative<staff_action::PinSubmit>(action) ||
           std::holds_alternative<staff_action::PinChecked>(action);
}

}  // namespace

const char* to_string(StaffPage page) {
    switch (page) {
        case StaffPage::pin:
            return "pin";
        case StaffPage::status:
            return "status";
        case StaffPage::notices:
            return "notices";
        case StaffPage::notice_edit:
            return "notice_edit";
        case StaffPage::settings:
            return "settings";
        case StaffPage::usage:
            return "usage";
    }
    return "?";
}

void apply_staff(KioskState& state, const StaffAction& action) {
    const bool in_staff = state.route.screen == Screen::staff;
    if (std::holds_alternative<staff_action::Enter>(action)) {
        if (!in_staff) StaffApplier{state}(staff_action::Enter{});
        return;
    }
    if (!in_staff) return;
    if (state.staff.page == StaffPage::pin && !allowed_before_pin(action)) return;
    std::visit(StaffApplier{state}, action);
}

void type_into_draft(KioskState& state, const std::string& utf8) {
    std::string* text = draft_text(state.staff);
    if (!text) return;
    const std::size_t limit = state.staff.edit_field == NoticeField::title
                                  ? content::kMaxNoticeTitleBytes
                                  : content::kMaxNoticeBodyBytes;
    const std::string typed = text->empty() ? capitalised(utf8) : utf8;
    if (text->size() + typed.size() <= limit) *text += typed;
}

void erase_from_draft(KioskState& state, bool everything) {
    std::string* text = draft_text(state.staff);
    if (!text) return;
    if (everything) {
        text->clear();
        return;
    }
    pop_code_point(*text);
}

int days_in_month(int year, int month) {
    using namespace std::chrono;
    if (month < 1 || month > 12) return 0;
    return static_cast<int>(static_cast<unsigned>(
        year_month_day_last(std::chrono::year(year) / std::chrono::month(month) / last).day()));
}

bool is_valid_day(const std::string& day) {
    return content::is_calendar_day(day);
}

std::string shift_day(const std::string& day, int delta_days) {
    return is_valid_day(day) ? fleet::add_days(day, delta_days) : day;
}

std::string shift_month(const std::string& year_month, int delta_months) {
    int y, m, d;
    if (!split_day(year_month + "-01", y, m, d)) return year_month;
    const int index = y * 12 + (m - 1) + delta_months;
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", index / 12, index % 12 + 1);
    return text;
}

int weekday_of(const std::string& day) {
    int y, m, d;
    if (!split_day(day, y, m, d)) return 0;
    using namespace std::chrono;
    const weekday w{sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d))};
    return static_cast<int>((w.c_encoding() + 6) % 7);  // Monday first
}

std::string clock_text(int minute_of_day) {
    if (minute_of_day < 0 || minute_of_day >= 24 * 60) return {};
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
    return text;
}

std::string schedule_text(std::uint8_t weekdays, int start_minute, int end_minute,
                          const std::function<std::string(std::string_view)>& t) {
    static constexpr const char* kDayKeys[] = {"day.mo", "day.tu", "day.we", "day.th",
                                               "day.fr", "day.sa", "day.su"};
    std::string days;
    if (weekdays != 0 && weekdays != 0x7F)
        for (int d = 0; d < 7; ++d)
            if ((weekdays >> d) & 1) days += (days.empty() ? "" : ", ") + t(kDayKeys[d]);
    std::string times;
    // Isolated left to right (LRI ... PDI): in an Arabic line the dash between two numbers
    // would otherwise put the end before the start.
    if (start_minute >= 0 && end_minute >= 0)
        times = "\u2066" + clock_text(start_minute) + "–" + clock_text(end_minute) + "\u2069";
    if (days.empty() || times.empty()) return days + times;
    return days + " · " + times;
}

}  // namespace guichet::kiosk
