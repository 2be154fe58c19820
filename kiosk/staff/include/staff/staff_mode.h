// SPDX-License-Identifier: GPL-3.0-or-later
// Staff mode's side effects and view models: checks the PIN through PinLock, keeps the local
// notices (content's LocalNotices in STATE/local.db), writes the settings staff change to
// STATE/kiosk.conf, counts usage into fleet's per-day ledger, and gathers the facts the status
// page shows. Screens never see any of these: they draw StaffView (staff_view.h) and push
// staff actions. This is staff mode's one entry point for the main loop.
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
#include "kiosk/view_models.h"
#include "platform/clock.h"
#include "staff/pin_lock.h"
#include "staff/staff_view.h"
#include "sync/sync.h"

namespace guichet::kiosk {

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
    clock::LocalTime local_now() const;
    // Changes each minute: what visitors see of the notices is read again when it does (a
    // notice's times and days start and end on the minute).
    std::string notices_moment() const;
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
