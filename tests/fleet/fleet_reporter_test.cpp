// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "../support/temp_dir.h"

#include <filesystem>
#include <fstream>

#include "fleet/fleet_reporter.h"
#include "fleet/status_outbox.h"
#include "fleet/usage_ledger.h"
#include "platform/clock.h"
#include "platform/files.h"

namespace fs = std::filesystem;
using namespace guichet;
using namespace guichet::fleet;

TEST_CASE("a kiosk keeps the id first boot gave it, and makes one when there is none") {
    const fs::path state = testing::fresh_temp_dir("guichet-reporter-id");
    auto made = load_or_create_kiosk_id(state);
    REQUIRE(made.ok());
    CHECK(made->starts_with("kiosk-"));
    CHECK(made->size() == 18);
    CHECK(*load_or_create_kiosk_id(state) == *made);

    std::ofstream(state / "kiosk-id") << "kiosk-from-firstboot\n";
    CHECK(*load_or_create_kiosk_id(state) == "kiosk-from-firstboot");
    std::ofstream(state / "kiosk-id") << "Not An Id\n";
    CHECK(load_or_create_kiosk_id(state).message().find("is not a kiosk id") != std::string::npos);
}

TEST_CASE("after a failed sync the status says why, counts failures and carries yesterday") {
    const fs::path state = testing::fresh_temp_dir("guichet-reporter-status");
    const fs::path shared = testing::fresh_temp_dir("guichet-reporter-shared");
    std::ofstream(state / "kiosk-id") << "kiosk-test-1\n";
    const std::int64_t now = 1'800'000'000;
    const std::string yesterday = add_days(clock::local_day(now), -1);
    {
        UsageLedger ledger(state);
        ledger.count_session(yesterday);
        ledger.count_session(yesterday);
        ledger.count_search(yesterday);
        REQUIRE(ledger.save().ok());
    }
    sync::SyncStatus attempt;
    attempt.time = now - 5;
    attempt.result = sync::SyncResult::failed;
    attempt.version = 12;
    attempt.error = "timestamp.json: HTTP 503";
    attempt.last_success_time = now - 3 * 86400;
    attempt.consecutive_failures = 4;

    FleetSettings settings;
    settings.site_name = "Centro de Atención, Tapachula";
    settings.location.location = shared.string();
    // The updater's folder is root's, outside the kiosk's state folder.
    const fs::path updater = testing::fresh_temp_dir("guichet-reporter-updater");
    settings.software_report = sync::software::public_report_file(updater);
    const ReportOutcome outcome = report_after_sync(state, settings, attempt, now);
    CHECK(outcome.error.empty());
    CHECK(outcome.delivered == 1);
    CHECK(outcome.still_queued == 0);

    auto sent = parse_status(*files::read_file(shared / "kiosk-test-1.json"), "sent");
    REQUIRE(sent.ok());
    CHECK(sent->site_name == "Centro de Atención, Tapachula");
    CHECK(sent->content_version == "12");
    CHECK(sent->last_sync_result == "failed: timestamp.json: HTTP 503");
    CHECK_FALSE(sent->last_sync_ok());
    CHECK(sent->error_count == 4);
    CHECK(sent->last_success_time == now - 3 * 86400);
    CHECK(sent->usage_yesterday.day == yesterday);
    CHECK(sent->usage_yesterday.sessions == 2);
    CHECK(sent->usage_yesterday.searches == 1);
    CHECK(sent->free_disk_bytes > 0);
    CHECK(sent->program_version == GUICHET_PROJECT_VERSION);
    CHECK(sent->software_version.empty());

    // With A/B software updates, the updater's report (root's, world-readable) goes along.
    fs::create_directories(updater / "public");
    std::ofstream(updater / "public" / "status.json")
        << R"({"version": "2026.12.01", "slot": "B", "last_update": {"result": "rolled-back",
              "version": "2026.12.08", "message": "slot A did not come up", "time": 1799990000}})";
    REQUIRE(report_after_sync(state, settings, attempt, now).error.empty());
    auto with_software = parse_status(*files::read_file(shared / "kiosk-test-1.json"), "sent");
    REQUIRE(with_software.ok());
    CHECK(with_software->software_version == "2026.12.01");
    CHECK(with_software->software_slot == "B");
    CHECK(with_software->last_update_result == "rolled-back");
    CHECK(with_software->last_update == "rolled back from 2026.12.08: slot A did not come up");
    CHECK(with_software->last_update_time == 1799990000);
}

TEST_CASE("with the location unreachable the status waits in the outbox") {
    const fs::path state = testing::fresh_temp_dir("guichet-reporter-offline");
    std::ofstream(state / "kiosk-id") << "kiosk-test-2\n";
    sync::SyncStatus attempt;
    attempt.time = 1'800'000'000;
    attempt.result = sync::SyncResult::up_to_date;
    attempt.last_success_time = attempt.time;
    FleetSettings settings;
    settings.location.location = "http://127.0.0.1:9/status/";  // discard port: refused
    settings.location.timeout_seconds = 3;
    const ReportOutcome outcome = report_after_sync(state, settings, attempt, attempt.time);
    CHECK(outcome.delivered == 0);
    CHECK(outcome.still_queued == 1);
    CHECK(outcome.error.find("kept queued") != std::string::npos);
    CHECK(StatusOutbox(state).pending() == 1);
}

TEST_CASE("fleet.conf names where statuses go — mistakes name the file, line and key") {
    const fs::path dir = testing::fresh_temp_dir("guichet-fleet-conf");
    REQUIRE(files::write_file_atomically(dir / "fleet.conf",
                                         "# where this kiosk reports\n"
                                         "location = https://bucket.example/fleet/\n"
                                         "site_name = Consulado de Tapachula\n"
                                         "s3_region = us-east-1\nusername = AKID\npassword = s\n"
                                         "ca_file = ca.pem\ntimeout_seconds = 15\n")
                .ok());
    auto loaded = load_fleet_settings(dir / "fleet.conf");
    REQUIRE(loaded.ok());
    CHECK(loaded->location.location == "https://bucket.example/fleet/");
    CHECK(loaded->site_name == "Consulado de Tapachula");
    CHECK(loaded->location.s3_region == "us-east-1");
    CHECK(loaded->location.ca_file == (dir / "ca.pem").string());
    CHECK(loaded->location.timeout_seconds == 15);

    REQUIRE(
        files::write_file_atomically(dir / "typo.conf", "location = /srv/fleet\nsite = X\n").ok());
    auto typo = load_fleet_settings(dir / "typo.conf");
    REQUIRE_FALSE(typo.ok());
    CHECK(typo.message().find("typo.conf:2: site: unknown setting") != std::string::npos);

    REQUIRE(files::write_file_atomically(dir / "slow.conf", "timeout_seconds = 0\n").ok());
    CHECK(load_fleet_settings(dir / "slow.conf").message().find("slow.conf:1: timeout_seconds") !=
          std::string::npos);

    REQUIRE(
        files::write_file_atomically(dir / "s3.conf", "location = https://b/f/\ns3_region = x\n")
            .ok());
    CHECK(load_fleet_settings(dir / "s3.conf").message().find("username") != std::string::npos);
}
