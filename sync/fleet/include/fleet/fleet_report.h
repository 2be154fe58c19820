// SPDX-License-Identifier: GPL-3.0-or-later
// The fleet operator's view: every kiosk's last status, judged (stale, failing, silent) and
// sorted worst first, as a terminal table, JSON for machines, or one self-contained HTML page.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fleet/kiosk_status.h"
#include "fleet/status_store.h"

namespace guichet::fleet {

struct ReportPolicy {
    std::int64_t now = 0;                           // Unix seconds the report is made at
    std::int64_t stale_after_seconds = 48 * 3600;   // no successful sync for this long
    std::int64_t silent_after_seconds = 24 * 3600;  // no status report for this long
};

struct KioskVerdict {
    KioskStatus status;
    bool stale = false;    // content not refreshed within the policy
    bool failing = false;  // the last attempt failed
    bool silent = false;   // the kiosk itself has not reported lately
    int severity() const { return (silent ? 4 : 0) + (failing ? 2 : 0) + (stale ? 1 : 0); }
    std::string label() const;  // "ok", "stale", "failing, stale", …
};

struct FleetReport {
    ReportPolicy policy;
    std::vector<KioskVerdict> kiosks;   // worst first
    std::vector<std::string> problems;  // documents that could not be read, one line each
    int count_ok() const;
};

// What a staged rollout is watched by: how many kiosks run each software version (and from
// which root slot), and what their last updates came to.
struct SoftwareVersionCount {
    std::string version;  // "unknown" for kiosks that report none
    int kiosks = 0;
    std::map<std::string, int> slots;
};
struct SoftwareSummary {
    std::vector<SoftwareVersionCount> versions;  // most kiosks first
    std::map<std::string, int> last_results;     // updated, installed, rolled-back, failed
    std::vector<std::string> needs_look;         // kiosks whose last update rolled back or failed
};
SoftwareSummary summarise_software(const FleetReport& report);

FleetReport judge(std::vector<KioskStatus> statuses, std::vector<std::string> problems,
                  const ReportPolicy& policy);
// Reads every KIOSK.json at the location; unreadable ones become problems, not failures.
Result<FleetReport> collect_report(StatusStore& store, const ReportPolicy& policy);

std::string render_table(const FleetReport& report);
std::string render_json(const FleetReport& report);
std::string render_html(const FleetReport& report);

}  // namespace guichet::fleet
