// SPDX-License-Identifier: GPL-3.0-or-later
// What the staff screens draw, as plain structs the staff controller (staff_mode.h) fills:
// the screens see these and the state, never the notices store, the ledger or the files.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/view_models.h"

namespace guichet::kiosk {

// How long staff hold the hidden corner of the welcome screen to reach the PIN pad.
inline constexpr std::int64_t kStaffHoldMs = 3000;

struct StaffNoticeRow {
    std::int64_t id = 0;
    std::string title;  // in the staff screen's language, else any
    std::string start_day, end_day;
    bool pinned = false;
    bool shown_now = false;
    std::uint8_t weekdays = 0;  // bit 0 = Monday; 0: every day
    int start_minute = -1;      // -1: all day
    int end_minute = -1;
};

// A fleet alert this kiosk holds, as staff see it: every one, shown now or not, with who
// published it; staff cannot dismiss any (the office that published it withdraws it).
struct StaffAlertRow {
    std::string id;
    std::string severity;     // "info", "warning", "urgent"
    std::string title;        // in the staff screen's language, else the nearest, else any
    std::string region;       // empty: the central office's
    std::string from, until;  // "YYYY-MM-DD HH:MM", the kiosk's local time
    bool shown_now = false;
    bool ended = false;
};

struct StaffStatusView {
    std::string content_version;
    std::string content_date;
    std::string last_attempt;  // "2026-11-27 21:04" or empty: never
    std::string last_result;   // sync's words: updated, up-to-date, failed ...
    std::string last_error;
    std::string last_success;
    std::string next_attempt;
    std::string
        server_answers;  // ui string key: staff.server_yes / staff.server_no / staff.unknown
    std::string free_disk;
    std::string uptime;
    std::string program_version;
    std::string kiosk_id;
    bool content_waiting = false;  // a new store is on disk, shown from the next welcome
    // Sync now: running, what it fetches, how far.
    bool sync_running = false;
    std::string sync_file;
    std::int64_t sync_done = 0, sync_total = 0;
    std::vector<StaffAlertRow> alerts;  // filled by the main loop, which holds them
};

struct UsageDayView {
    std::string day;
    std::int64_t sessions = 0;
    std::int64_t searches = 0;
    std::int64_t views = 0;
};

struct StaffView {
    bool pin_set = false;
    std::string config_problem;  // `file:line: key: message` when kiosk.conf was refused
    std::string usage_problem;
    std::vector<StaffNoticeRow> notices;
    StaffStatusView status;
    std::vector<UsageDayView> usage;  // the last 30 days, oldest first
    std::vector<std::pair<std::string, std::int64_t>> views_by_type;  // over the 30 days
    std::vector<std::pair<std::string, std::int64_t>> sessions_by_language;
    std::vector<LanguageChoice> languages;  // the content's, for settings and editing
};

}  // namespace guichet::kiosk
