// SPDX-License-Identifier: GPL-3.0-or-later
// What one kiosk tells the fleet after each sync attempt: a small JSON document that any
// static store (a folder, WebDAV, an S3 bucket) can hold. Carries daily totals only, never
// anything that ties one count to a visitor.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "platform/result.h"

namespace guichet::fleet {

inline constexpr int kStatusFormatVersion = 1;

struct UsageTotals {
    std::string day;  // YYYY-MM-DD the totals are for (yesterday, kiosk-local)
    std::int64_t sessions = 0;
    std::int64_t searches = 0;  // a count only, never the text
    std::map<std::string, std::int64_t> views_by_type;
    std::map<std::string, std::int64_t> sessions_by_language;
};

struct KioskStatus {
    std::string kiosk_id;
    std::string site_name;
    std::string program_version;
    std::string content_version;
    std::string last_sync_result;        // "ok", "up-to-date", or a one-line failure reason
    std::int64_t last_sync_time = 0;     // Unix seconds of the last attempt; 0 = never
    std::int64_t last_success_time = 0;  // Unix seconds of the last successful sync; 0 = never
    std::int64_t reported_at = 0;        // Unix seconds this status was written
    std::int64_t uptime_seconds = 0;
    std::int64_t free_disk_bytes = 0;
    std::int64_t error_count = 0;  // failed attempts since the last success
    UsageTotals usage_yesterday;
    // The board's own software (A/B root slots): the version and slot it runs, and what became
    // of its last update (result: updated, installed, rolled-back, failed; empty: none yet).
    std::string software_version;
    std::string software_slot;
    std::string last_update_result;
    std::string last_update;  // one line for people
    std::int64_t last_update_time = 0;

    bool last_sync_ok() const {
        return last_sync_result == "ok" || last_sync_result == "up-to-date";
    }
};

std::string to_json(const KioskStatus& status);
// `origin` names the document in error messages ("kiosk-12.json").
Result<KioskStatus> parse_status(const std::string& json, const std::string& origin);

// Kiosk ids become file names on shared storage: lowercase letters, digits and '-', 1–64.
bool is_valid_kiosk_id(const std::string& id);

}  // namespace guichet::fleet
