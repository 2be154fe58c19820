// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's half of fleet reporting, run after every sync attempt: compose the status from
// the attempt's record, this machine's facts and yesterday's usage totals, queue it on disk,
// and deliver whatever is queued if the status location answers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "fleet/kiosk_status.h"
#include "fleet/status_store.h"
#include "sync/software_update.h"
#include "sync/sync.h"

namespace guichet::fleet {

struct FleetSettings {
    StoreOptions location;  // empty location: statuses are queued but not sent
    std::string site_name;
    // The software updater's report (root's, readable by all, outside the kiosk's own folder).
    std::filesystem::path software_report =
        sync::software::public_report_file(sync::software::kUpdaterDir);
};

// Reads fleet.conf (`key = value`): location, site_name, s3_region, username, password,
// ca_file, timeout_seconds. Unknown keys and bad values are `FILE:LINE: message`.
Result<FleetSettings> load_fleet_settings(const std::filesystem::path& file);

// STATE/kiosk-id, written at first boot by the image; created here (kiosk-<12 hex>) when a
// development machine has none, so every kiosk has a stable id either way.
Result<std::string> load_or_create_kiosk_id(const std::filesystem::path& state_dir);

KioskStatus compose_status(const std::string& kiosk_id, const std::string& site_name,
                           const sync::SyncStatus& attempt, const UsageTotals& yesterday,
                           const std::filesystem::path& state_dir,
                           const std::filesystem::path& software_report, std::int64_t now);

struct ReportOutcome {
    int delivered = 0;
    int still_queued = 0;
    std::string error;  // why delivery failed; the status stays queued
};

ReportOutcome report_after_sync(const std::filesystem::path& state_dir,
                                const FleetSettings& settings, const sync::SyncStatus& attempt,
                                std::int64_t now);

}  // namespace guichet::fleet
