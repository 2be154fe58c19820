// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/fleet_reporter.h"

#include <sodium.h>

#include <cstdlib>

#include "fleet/status_outbox.h"
#include "fleet/usage_ledger.h"
#include "platform/clock.h"
#include "platform/files.h"
#include "platform/settings_file.h"
#include "platform/system_info.h"
#include "sync/software_update.h"

namespace guichet::fleet {
namespace fs = std::filesystem;

Result<FleetSettings> load_fleet_settings(const fs::path& file) {
    auto lines = settings::read_settings_file(file);
    if (!lines) return lines.error();
    FleetSettings fleet;
    StoreOptions& store = fleet.location;
    for (const settings::Setting& setting : *lines) {
        const std::string& value = setting.value;
        if (setting.key == "location") {
            store.location = value;
        } else if (setting.key == "site_name") {
            fleet.site_name = value;
        } else if (setting.key == "s3_region") {
            store.s3_region = value;
        } else if (setting.key == "username") {
            store.username = value;
        } else if (setting.key == "password") {
            store.password = value;
        } else if (setting.key == "ca_file") {
            store.ca_file =
                value.empty() || value[0] == '/' ? value : (file.parent_path() / value).string();
        } else if (setting.key == "timeout_seconds") {
            char* end = nullptr;
            const long seconds = std::strtol(value.c_str(), &end, 10);
            if (value.empty() || *end || seconds < 1 || seconds > 600)
                return make_error(settings::where(file, setting) +
                                  "timeout_seconds: want a whole number of seconds from 1 to "
                                  "600, got '" +
                                  value + "'");
            store.timeout_seconds = seconds;
        } else {
            return make_error(settings::where(file, setting) + setting.key +
                              ": unknown setting (known: location, site_name, s3_region, "
                              "username, password, ca_file, timeout_seconds)");
        }
    }
    const std::string& location = store.location;
    if (!location.empty() && location.rfind("http", 0) == 0 && location.back() != '/')
        return make_error(file.string() + ": location: a URL must name a folder (end with '/')");
    if (!store.s3_region.empty() && (store.username.empty() || store.password.empty()))
        return make_error(file.string() +
                          ": s3_region is set: username (access key id) and password (secret "
                          "key) are needed to sign requests");
    return fleet;
}

Result<std::string> load_or_create_kiosk_id(const fs::path& state_dir) {
    const fs::path file = state_dir / "kiosk-id";
    if (auto text = files::read_file(file); text) {
        std::string id = *text;
        while (!id.empty() && (id.back() == '\n' || id.back() == '\r' || id.back() == ' '))
            id.pop_back();
        if (!is_valid_kiosk_id(id))
            return make_error(file.string() + ": '" + id +
                              "' is not a kiosk id (lowercase letters, digits, '-')");
        return id;
    }
    if (sodium_init() < 0) return make_error("libsodium could not be initialised");
    unsigned char random[6];
    randombytes_buf(random, sizeof random);
    char hex[2 * sizeof random + 1];
    sodium_bin2hex(hex, sizeof hex, random, sizeof random);
    const std::string id = std::string("kiosk-") + hex;
    std::error_code ec;
    fs::create_directories(state_dir, ec);
    if (auto written = files::write_file_atomically(file, id + "\n"); !written)
        return written.error();
    return id;
}

KioskStatus compose_status(const std::string& kiosk_id, const std::string& site_name,
                           const sync::SyncStatus& attempt, const UsageTotals& yesterday,
                           const fs::path& state_dir, const fs::path& software_report,
                           std::int64_t now) {
    KioskStatus status;
    status.kiosk_id = kiosk_id;
    status.site_name = site_name;
    status.program_version = system_info::program_version();
    status.content_version = attempt.version > 0 ? std::to_string(attempt.version) : "none";
    switch (attempt.result) {
        case sync::SyncResult::updated:
            status.last_sync_result = "ok";
            break;
        case sync::SyncResult::up_to_date:
            status.last_sync_result = "up-to-date";
            break;
        default:
            status.last_sync_result = std::string(sync::to_string(attempt.result)) +
                                      (attempt.error.empty() ? "" : ": " + attempt.error);
    }
    status.last_sync_time = attempt.time;
    status.last_success_time = attempt.last_success_time;
    status.reported_at = now;
    status.uptime_seconds = system_info::uptime_seconds();
    if (auto free = system_info::free_disk_bytes(state_dir); free) status.free_disk_bytes = *free;
    status.error_count = attempt.consecutive_failures;
    status.usage_yesterday = yesterday;
    if (auto software = sync::software::read_public_report(software_report)) {
        status.software_version = software->version;
        status.software_slot = software->slot;
        status.last_update_result = software->last_result;
        status.last_update = sync::software::describe_last_update(*software);
        status.last_update_time = software->last_time;
    }
    return status;
}

ReportOutcome report_after_sync(const fs::path& state_dir, const FleetSettings& settings,
                                const sync::SyncStatus& attempt, std::int64_t now) {
    ReportOutcome outcome;
    auto kiosk_id = load_or_create_kiosk_id(state_dir);
    if (!kiosk_id) {
        outcome.error = kiosk_id.message();
        return outcome;
    }
    const UsageLedger ledger(state_dir);
    const std::string yesterday = add_days(clock::local_day(now), -1);
    StatusOutbox outbox(state_dir);
    if (auto queued = outbox.enqueue(compose_status(*kiosk_id, settings.site_name, attempt,
                                                    ledger.day(yesterday).totals, state_dir,
                                                    settings.software_report, now));
        !queued) {
        outcome.error = queued.message();
        return outcome;
    }
    if (settings.location.location.empty()) {
        outcome.still_queued = outbox.pending();
        return outcome;
    }
    auto store = StatusStore::open(settings.location);
    if (!store) {
        outcome.error = store.message();
    } else if (auto delivered = outbox.deliver(**store); delivered) {
        outcome.delivered = *delivered;
    } else {
        outcome.error = delivered.message();
    }
    outcome.still_queued = outbox.pending();
    return outcome;
}

}  // namespace guichet::fleet
