// SPDX-License-Identifier: GPL-3.0-or-later
// Usage figures without tracking anyone: per-day counters only (sessions, searches, views per
// type and per item, language chosen). No times finer than the day, no sequences, never what
// was typed. Kept for the last 30 days under the state folder; staff see them as a chart and
// the fleet status carries yesterday's totals.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "fleet/kiosk_status.h"
#include "platform/result.h"

namespace guichet::fleet {

struct DayUsage {
    UsageTotals totals;
    std::map<std::string, std::int64_t> views_by_item;
};

class UsageLedger {
  public:
    static constexpr int kDaysKept = 30;

    // Reads STATE/usage/usage.json when present; a damaged file starts an empty ledger
    // (reported through `load_problem`) rather than stopping the kiosk.
    explicit UsageLedger(std::filesystem::path state_dir);

    void count_session(const std::string& day);
    void count_language(const std::string& day, const std::string& language);
    void count_search(const std::string& day);
    void count_view(const std::string& day, const std::string& type, const std::string& item_id);

    // Counting stays in memory; the kiosk saves when a session ends and now and then.
    Result<void> save();
    bool dirty() const { return dirty_; }
    const std::string& load_problem() const { return load_problem_; }

    DayUsage day(const std::string& day) const;
    // The `count` days ending with `last_day`, oldest first, zeros where nothing was counted.
    std::vector<DayUsage> last_days(const std::string& last_day, int count) const;

  private:
    DayUsage& at(const std::string& day);
    void prune();

    std::filesystem::path file_;
    std::map<std::string, DayUsage> days_;
    bool dirty_ = false;
    std::string load_problem_;
};

// Day arithmetic on YYYY-MM-DD strings (calendar days, no time zone involved).
std::string add_days(const std::string& day, int delta);

}  // namespace guichet::fleet
