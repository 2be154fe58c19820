// SPDX-License-Identifier: GPL-3.0-or-later
// Staff mode's side effects and view models: checks the PIN through PinLock, keeps the local
// notices (content's LocalNotices in STATE/local.db), writes the settings staff change to
// STATE/kiosk.conf, counts usage into fleet's per-day ledger, and gathers the facts the status
// page shows. Screens never see any of these: they draw StaffView and push staff actions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/local_notices.h"
#include "fleet/usage_ledger.h"
#include "kiosk/actions.h"
#include "kiosk/config.h"
#include "staff/pin_lock.h"
#include "sync/sync.h"
#include "view_models.h"

namespace guichet::kiosk {

// How long staff hold the hidden corner of the welcome screen to reach the PIN pad.
inline constexpr std::int64_t kStaffHoldMs = 3000;

struct StaffNoticeRow {
    std::int64_t id = 0;
    std::string title;  // in the staff screen's language, else any
    std::string start_day, end_day;
    bool pinned = false;
    bool shown_today = false;
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

// Fills the sync lines of the status page from the last attempt (none: never synced).
void describe_sync(StaffStatusView& status, const std::optional<sync::SyncStatus>& last);

// Seconds since 1970 to "YYYY-MM-DD HH:MM" local time.
std::string local_time_text(std::int64_t unix_seconds);

// Counts one visit for the ledger as it happens and hands it over when the visit ends, so
// the disk sees per-day totals only, once per visit: never what was typed, never a time.
class VisitTally {
  public:
    // Call with the state before and after each action.
    void observe(const KioskState& before, const KioskState& after,
                 const std::function<std::string(const std::string& item_id)>& type_of);
    bool empty() const;
    // Adds the visit's counts to `day` and forgets them.
    void flush_into(fleet::UsageLedger& ledger, const std::string& day);

  private:
    bool session_ = false;
    std::string language_;
    std::int64_t searches_ = 0;
    std::vector<std::pair<std::string, std::string>> views_;  // type, item id
};

class StaffController {
  public:
    using WallClock = std::function<std::int64_t()>;  // Unix seconds
    StaffController(std::filesystem::path state_dir, std::filesystem::path config_file,
                    std::string config_problem, WallClock wall_clock);

    // The effects of a staff action (after apply() saw it); returns the actions carrying
    // their outcome. `config` is updated when staff saved settings.
    std::vector<Action> perform(const KioskState& state, const StaffAction& action,
                                std::int64_t now_ms, KioskConfig& config,
                                const std::vector<LanguageChoice>& languages);

    // What the staff screens draw; rebuilt when something changed.
    const StaffView& view(const KioskState& state, const std::string& ui_language,
                          const std::vector<LanguageChoice>& languages);
    StaffStatusView& status_facts() { return view_.status; }
    void invalidate() { view_valid_ = false; }

    // Visitors' side of the notices: shown today, and found by search.
    std::vector<NoticeCard> notices_for_visitor(const std::vector<std::string>& languages);
    std::vector<NoticeCard> search_notices(const std::string& text,
                                           const std::vector<std::string>& languages);
    std::optional<NoticeCard> notice_for_visitor(std::int64_t id,
                                                 const std::vector<std::string>& languages);
    std::int64_t notices_generation() const { return notices_generation_; }

    // Usage: the visit that just ended is added to today and saved.
    void end_visit(VisitTally& tally);
    fleet::UsageLedger& ledger() { return ledger_; }

    std::string today() const;
    const std::filesystem::path& config_file() const { return config_file_; }
    const std::string& config_problem() const { return config_problem_; }

  private:
    content::LocalNotices* notices();

    std::filesystem::path state_dir_;
    std::filesystem::path config_file_;
    std::string config_problem_;
    WallClock wall_clock_;
    staff::PinLock pin_;
    std::optional<content::LocalNotices> notices_;
    std::string notices_error_;
    std::int64_t notices_generation_ = 0;
    fleet::UsageLedger ledger_;
    StaffView view_;
    bool view_valid_ = false;
    std::string view_key_;
};

// The text of STATE/kiosk.conf with the settings staff may change set to `settings`: other
// lines (comments, content, renderer ...) stay as they were; keys are written once.
std::string settings_file_text(const std::string& existing, const SettingsDraft& settings);

}  // namespace guichet::kiosk
