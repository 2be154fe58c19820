// SPDX-License-Identifier: GPL-3.0-or-later
// Staff mode as plain state and actions, like the visitor's: the PIN pad, the page shown, the
// notice being edited and the settings being changed. It lives inside KioskState, so the
// reset that ends a visit (idle or leaving) also wipes everything staff typed.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace guichet::kiosk {

enum class StaffPage { pin, status, notices, notice_edit, settings, usage };
const char* to_string(StaffPage page);

enum class PinOutcome { accepted, wrong, locked, no_pin_set };

enum class NoticeField { title, body };
enum class NoticeDate { start, end };

// A notice as staff edit it: text per language, dates as YYYY-MM-DD (inclusive), and
// optionally days of the week and times of day (content/local_notices.h says how they read).
struct NoticeDraft {
    std::int64_t id = 0;  // 0: not saved yet
    std::map<std::string, std::string> title;
    std::map<std::string, std::string> body;
    std::string start_day;
    std::string end_day;
    bool pinned = false;
    std::uint8_t weekdays = 0;  // bit 0 = Monday; 0: every day
    int start_minute = -1;      // minutes after midnight; -1 (both): all day
    int end_minute = -1;
    bool operator==(const NoticeDraft&) const = default;
};

struct SettingsDraft {
    std::string default_language;
    std::vector<std::string> languages;  // offered; empty: every content language
    int idle_timeout_seconds = 90;
    int rotation = 0;
    int speech_rate = 160;    // read aloud: words per minute
    int speech_volume = 70;   // read aloud: percent; visitors' steps apply on top
    bool operator==(const SettingsDraft&) const = default;
};

struct StaffState {
    StaffPage page = StaffPage::pin;
    std::string pin_entry;  // digits typed on the pad (never shown, never stored)
    PinOutcome last_pin = PinOutcome::accepted;
    bool pin_tried = false;
    std::int64_t locked_until_ms = 0;  // the pad refuses input until then (monotonic ms)
    std::optional<NoticeDraft> draft;
    std::string edit_language;  // the language of the draft's text being typed
    NoticeField edit_field = NoticeField::title;
    std::optional<NoticeDate> date_picker;  // the calendar is open for this date
    std::optional<NoticeDate> time_picker;  // the clock face is open for this time
    std::string picker_month;               // YYYY-MM shown by the calendar
    std::optional<std::int64_t> confirm_delete;
    std::optional<SettingsDraft> settings;
    std::string message;  // the outcome of the last save or sync, one line
    bool message_is_error = false;
    bool confirm_exit = false;  // "Exit to the desktop?" is on screen
    bool exit_requested = false;
};

// The longest PIN the pad takes; PinLock decides what is valid.
inline constexpr std::size_t kMaxPinDigits = 12;

namespace staff_action {
struct Enter {};  // the hidden corner was held
struct PinDigit {
    char digit;
};
struct PinBackspace {};
struct PinClear {};
struct PinSubmit {};  // checked by the staff controller, which answers with PinChecked
struct PinChecked {
    PinOutcome outcome;
    std::int64_t locked_until_ms = 0;
};
struct OpenPage {
    StaffPage page;
};
struct Leave {};
struct SyncNow {};
struct AskExit {
    bool open;  // show or dismiss the question
};
struct ExitToDesktop {};
struct NewNotice {};  // the controller answers with DraftLoaded
struct EditNotice {
    std::int64_t id;
};
struct DraftLoaded {
    NoticeDraft draft;
    std::string language;
};
struct ChooseEditLanguage {
    std::string code;
};
struct ChooseField {
    NoticeField field;
};
struct OpenDatePicker {
    NoticeDate which;
};
struct PickerMonth {
    int delta;
};
struct PickDay {
    std::string day;
};
struct CloseDatePicker {};
struct ToggleWeekday {
    int weekday;  // 0 = Monday; -1: every day (none chosen)
};
struct OpenTimePicker {  // from all day, the notice gets 09:00 to 17:00 to start from
    NoticeDate which;
};
struct PickTime {  // an hour (keeping the minutes) or the minutes (keeping the hour)
    int hour = -1;
    int minute = -1;
};
struct AllDay {};  // no times: the whole day
struct CloseTimePicker {};
struct TogglePinned {};
struct SaveDraft {};
struct CancelDraft {};
struct AskDelete {
    std::int64_t id;
};
struct ConfirmDelete {};
struct CancelDelete {};
struct SettingsLoaded {
    SettingsDraft settings;
};
struct SetDefaultLanguage {
    std::string code;
};
struct ToggleOffered {
    std::string code;
};
struct IdleStep {
    int delta_seconds;
};
struct SetRotation {
    int degrees;
};
struct SpeechRateStep {
    int delta_wpm;
};
struct SpeechVolumeStep {
    int delta_percent;
};
struct SaveSettings {};
struct Done {  // the outcome of a save, a delete or a sync request
    std::string message;
    bool error = false;
    StaffPage then = StaffPage::status;
};
}  // namespace staff_action

using StaffAction = std::variant<
    staff_action::Enter, staff_action::PinDigit, staff_action::PinBackspace, staff_action::PinClear,
    staff_action::PinSubmit, staff_action::PinChecked, staff_action::OpenPage, staff_action::Leave,
    staff_action::SyncNow, staff_action::AskExit, staff_action::ExitToDesktop,
    staff_action::NewNotice, staff_action::EditNotice, staff_action::DraftLoaded,
    staff_action::ChooseEditLanguage, staff_action::ChooseField, staff_action::OpenDatePicker,
    staff_action::PickerMonth, staff_action::PickDay, staff_action::CloseDatePicker,
    staff_action::TogglePinned, staff_action::SaveDraft, staff_action::CancelDraft,
    staff_action::AskDelete, staff_action::ConfirmDelete, staff_action::CancelDelete,
    staff_action::SettingsLoaded, staff_action::SetDefaultLanguage, staff_action::ToggleOffered,
    staff_action::IdleStep, staff_action::SetRotation, staff_action::SaveSettings,
    staff_action::Done, staff_action::SpeechRateStep, staff_action::SpeechVolumeStep,
    staff_action::ToggleWeekday, staff_action::OpenTimePicker, staff_action::PickTime,
    staff_action::AllDay, staff_action::CloseTimePicker>;

// Notice times as staff read them: "09:00"; -1 (all day): "".
std::string clock_text(int minute_of_day);
// A notice's days and times in words, for staff's list and visitors' cards: "Tuesday,
// Thursday · 09:00–12:00", the times isolated left to right (U+2066 … U+2069) for a
// right-to-left line; empty for every day, all day. `t` gives a UI string by key (the
// day names are day.mo … day.su).
std::string schedule_text(std::uint8_t weekdays, int start_minute, int end_minute,
                          const std::function<std::string(std::string_view)>& t);
// Default times a notice gets when staff first give it times.
inline constexpr int kDefaultStartMinute = 9 * 60;
inline constexpr int kDefaultEndMinute = 17 * 60;

// Calendar days on YYYY-MM-DD strings (proleptic Gregorian, no time zone).
bool is_valid_day(const std::string& day);
std::string shift_day(const std::string& day, int delta_days);
std::string shift_month(const std::string& year_month, int delta_months);  // YYYY-MM
int days_in_month(int year, int month);
int weekday_of(const std::string& day);  // 0 = Monday

}  // namespace guichet::kiosk
