// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <filesystem>

#include "fleet/fleet_report.h"
#include "fleet/kiosk_status.h"
#include "fleet/status_outbox.h"
#include "platform/files.h"
#include "store_at.h"

namespace fs = std::filesystem;
using namespace guichet;
using namespace guichet::fleet;

using fleet_fixture::at;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;

KioskStatus sample_status(const std::string& id) {
    KioskStatus s;
    s.kiosk_id = id;
    s.site_name = "Consulado de Guatemala en Tapachula";
    s.program_version = "0.1.0";
    s.content_version = "2026.11.27-3";
    s.last_sync_result = "ok";
    s.last_sync_time = kNow - 600;
    s.last_success_time = kNow - 600;
    s.reported_at = kNow - 590;
    s.uptime_seconds = 86400;
    s.free_disk_bytes = 5'000'000'000;
    s.usage_yesterday.day = "2027-01-14";
    s.usage_yesterday.sessions = 42;
    s.usage_yesterday.searches = 17;
    s.usage_yesterday.views_by_type = {{"article", 60}, {"institution", 31}};
    s.usage_yesterday.sessions_by_language = {{"es", 30}, {"ht", 12}};
    return s;
}

}  // namespace

TEST_CASE("a status survives the trip through JSON, usage totals included") {
    const KioskStatus original = sample_status("tapachula-1");
    auto back = parse_status(to_json(original), "tapachula-1.json");
    REQUIRE(back.ok());
    CHECK(back->kiosk_id == "tapachula-1");
    CHECK(back->site_name == original.site_name);
    CHECK(back->last_success_time == original.last_success_time);
    CHECK(back->usage_yesterday.sessions == 42);
    CHECK(back->usage_yesterday.views_by_type.at("institution") == 31);
    CHECK(back->usage_yesterday.sessions_by_language.at("ht") == 12);
}

TEST_CASE("a bad status document is refused with the document's name and the reason") {
    CHECK(parse_status("<html>captive portal</html>", "k1.json").message() ==
          "k1.json: not a JSON object");
    std::string json = to_json(sample_status("k1"));
    std::string no_site = json;
    no_site.replace(no_site.find("\"site_name\""), 11, "\"site_nom\"");
    CHECK(parse_status(no_site, "k1.json").message() == "k1.json: missing field 'site_name'");
    std::string wrong_type = json;
    wrong_type.replace(wrong_type.find("\"error_count\": 0"), 16, "\"error_count\": \"zero\"");
    CHECK(parse_status(wrong_type, "k1.json").message() ==
          "k1.json: field 'error_count' has the wrong type");
    std::string future = json;
    future.replace(future.find("\"format\": 1"), 11, "\"format\": 9");
    CHECK(parse_status(future, "k1.json").message().find("format 9 is not supported") !=
          std::string::npos);
    KioskStatus bad_id = sample_status("../etc/passwd");
    CHECK(parse_status(to_json(bad_id), "x.json").message().find("not a valid id") !=
          std::string::npos);
}

TEST_CASE("kiosk ids are safe file names") {
    CHECK(is_valid_kiosk_id("gt-tapachula-01"));
    CHECK_FALSE(is_valid_kiosk_id(""));
    CHECK_FALSE(is_valid_kiosk_id("Tapachula"));
    CHECK_FALSE(is_valid_kiosk_id("a/b"));
    CHECK_FALSE(is_valid_kiosk_id(std::string(65, 'a')));
}

TEST_CASE("the report puts silent, then failing, then stale kiosks first") {
    std::vector<KioskStatus> statuses;
    KioskStatus healthy = sample_status("healthy");
    KioskStatus stale = sample_status("stale");
    stale.last_success_time = kNow - 5 * 86400;
    KioskStatus failing = sample_status("failing");
    failing.last_sync_result = "timestamp.json: signature below threshold";
    failing.error_count = 3;
    KioskStatus silent = sample_status("silent");
    silent.reported_at = kNow - 3 * 86400;
    KioskStatus never = sample_status("never-synced");
    never.last_success_time = 0;
    never.last_sync_time = 0;
    statuses = {healthy, stale, failing, silent, never};
    ReportPolicy policy;
    policy.now = kNow;
    const FleetReport report = judge(statuses, {}, policy);
    REQUIRE(report.kiosks.size() == 5);
    CHECK(report.kiosks[0].status.kiosk_id == "silent");
    CHECK(report.kiosks[1].status.kiosk_id == "failing");
    CHECK(report.kiosks[1].label() == "failing");
    // Both stale: the one that never synced is the older, so it comes first.
    CHECK(report.kiosks[2].status.kiosk_id == "never-synced");
    CHECK(report.kiosks[3].status.kiosk_id == "stale");
    CHECK(report.kiosks[4].status.kiosk_id == "healthy");
    CHECK(report.kiosks[4].label() == "ok");
    CHECK(report.count_ok() == 1);

    const std::string table = render_table(report);
    CHECK(table.find("5 kiosks: 1 ok, 4 need attention") != std::string::npos);
    CHECK(table.find("timestamp.json: signature below threshold") != std::string::npos);
}

TEST_CASE("the HTML report escapes what kiosks wrote and states each state in words") {
    KioskStatus hostile = sample_status("hostile");
    hostile.site_name = "<script>alert(1)</script>";
    hostile.last_sync_result = "HTTP 503 \"busy\"";
    ReportPolicy policy;
    policy.now = kNow;
    const std::string html = render_html(judge({hostile}, {"bad.json: not a JSON object"}, policy));
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("failing</span>") != std::string::npos);
    CHECK(html.find("Unreadable status: bad.json: not a JSON object") != std::string::npos);
    CHECK(html.find("1 failing") != std::string::npos);
}

TEST_CASE("the JSON report carries every kiosk with its verdict") {
    ReportPolicy policy;
    policy.now = kNow;
    KioskStatus stale = sample_status("stale");
    stale.last_success_time = kNow - 10 * 86400;
    const std::string json = render_json(judge({sample_status("a"), stale}, {}, policy));
    CHECK(json.find("\"state\": \"stale\"") != std::string::npos);
    CHECK(json.find("\"state\": \"ok\"") != std::string::npos);
    CHECK(json.find("\"generated_at\": 1800000000") != std::string::npos);
}

TEST_CASE("the outbox keeps the newest status and delivers it to a folder") {
    const fs::path state = fs::temp_directory_path() / "guichet-fleet-outbox";
    const fs::path shared = fs::temp_directory_path() / "guichet-fleet-shared";
    fs::remove_all(state);
    fs::remove_all(shared);
    StatusOutbox outbox(state);
    KioskStatus first = sample_status("k-7");
    KioskStatus second = first;
    second.content_version = "newer";
    REQUIRE(outbox.enqueue(first).ok());
    REQUIRE(outbox.enqueue(second).ok());
    CHECK(outbox.pending() == 1);

    auto store = StatusStore::open(at(shared.string()));
    REQUIRE(store.ok());
    auto delivered = outbox.deliver(**store);
    REQUIRE(delivered.ok());
    CHECK(*delivered == 1);
    CHECK(outbox.pending() == 0);
    auto names = (*store)->list();
    REQUIRE(names.ok());
    REQUIRE(names->size() == 1);
    auto back = parse_status(*(*store)->get("k-7.json"), "k-7.json");
    REQUIRE(back.ok());
    CHECK(back->content_version == "newer");
    fs::remove_all(state);
    fs::remove_all(shared);
}

TEST_CASE("WebDAV and S3 listings give the status documents' names") {
    const std::string propfind =
        "<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\"><D:response>"
        "<D:href>/status/</D:href></D:response><D:response><D:href>/status/k-1.json</D:href>"
        "</D:response><D:response><D:href>/status/notes.txt</D:href></D:response>"
        "<D:response><d:href>/status/k-2.json</d:href></D:response></D:multistatus>";
    CHECK(json_names_in_listing(propfind) == std::vector<std::string>{"k-1.json", "k-2.json"});
    const std::string s3 =
        "<ListBucketResult><Contents><Key>fleet/k-9.json</Key></Contents>"
        "<Contents><Key>fleet/</Key></Contents></ListBucketResult>";
    CHECK(json_names_in_listing(s3) == std::vector<std::string>{"k-9.json"});
}

TEST_CASE("an unsupported location scheme is refused in words") {
    auto store = StatusStore::open(at("ftp://example/status/"));
    REQUIRE_FALSE(store.ok());
    CHECK(store.message().find("only folders and http(s):// URLs") != std::string::npos);
}

TEST_CASE("a status carries the board's software — documents without it still read") {
    KioskStatus board = sample_status("tapachula-2");
    board.software_version = "2026.12.01-abc1234";
    board.software_slot = "B";
    board.last_update_result = "updated";
    board.last_update = "updated to 2026.12.01-abc1234: from 2026.11.20-def, slot B";
    board.last_update_time = kNow - 3600;
    auto back = parse_status(to_json(board), "tapachula-2.json");
    REQUIRE(back.ok());
    CHECK(back->software_version == "2026.12.01-abc1234");
    CHECK(back->software_slot == "B");
    CHECK(back->last_update_result == "updated");
    CHECK(back->last_update == board.last_update);
    CHECK(back->last_update_time == kNow - 3600);

    auto old = parse_status(to_json(sample_status("older-kiosk")), "older-kiosk.json");
    REQUIRE(old.ok());
    CHECK(old->software_version.empty());
    CHECK(to_json(*old).find("\"software\"") == std::string::npos);

    std::string bad = to_json(board);
    bad.replace(bad.find("\"slot\": \"B\""), 11, "\"slot\": 2");
    auto refused = parse_status(bad, "tapachula-2.json");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.message() == "tapachula-2.json: software: field 'slot' has the wrong type");
}

TEST_CASE("guichet-fleet sums up software versions, slots and last updates across the fleet") {
    std::vector<KioskStatus> fleet;
    for (int i = 0; i < 6; ++i) {
        KioskStatus s = sample_status("new-" + std::to_string(i));
        s.software_version = "2026.12.01";
        s.software_slot = i < 4 ? "B" : "A";
        s.last_update_result = "updated";
        s.last_update = "updated to 2026.12.01";
        fleet.push_back(s);
    }
    for (int i = 0; i < 3; ++i) {
        KioskStatus s = sample_status("old-" + std::to_string(i));
        s.software_version = "2026.11.20";
        s.software_slot = "A";
        fleet.push_back(s);
    }
    KioskStatus rolled = sample_status("rolled-back-1");
    rolled.software_version = "2026.11.20";
    rolled.software_slot = "A";
    rolled.last_update_result = "rolled-back";
    rolled.last_update = "rolled back from 2026.12.01: the kiosk did not start";
    fleet.push_back(rolled);
    fleet.push_back(sample_status("no-ab-updates"));
    ReportPolicy policy;
    policy.now = kNow;
    const FleetReport report = judge(fleet, {}, policy);

    const SoftwareSummary summary = summarise_software(report);
    REQUIRE(summary.versions.size() == 3);
    CHECK(summary.versions[0].version == "2026.12.01");
    CHECK(summary.versions[0].kiosks == 6);
    CHECK(summary.versions[0].slots.at("B") == 4);
    CHECK(summary.versions[0].slots.at("A") == 2);
    CHECK(summary.versions[1].version == "2026.11.20");
    CHECK(summary.versions[1].kiosks == 4);
    CHECK(summary.versions[2].version == "unknown");
    CHECK(summary.last_results.at("updated") == 6);
    CHECK(summary.last_results.at("rolled-back") == 1);
    CHECK(summary.needs_look == std::vector<std::string>{"rolled-back-1"});

    const std::string table = render_table(report);
    CHECK(table.find("software: 2026.12.01 on 6 (slot A 2, B 4); 2026.11.20 on 4 (slot A 4); "
                     "unknown on 1") != std::string::npos);
    CHECK(table.find("last updates: rolled-back 1, updated 6; look at: rolled-back-1") !=
          std::string::npos);
    CHECK(table.find("rolled-back-1: rolled back from 2026.12.01: the kiosk did not start") !=
          std::string::npos);
    CHECK(table.find("2026.12.01 (B)") != std::string::npos);
    const std::string json = render_json(report);
    CHECK(json.find("\"software_versions\"") != std::string::npos);
    CHECK(json.find("\"rolled-back\": 1") != std::string::npos);
    const std::string html = render_html(report);
    CHECK(html.find("<h2>Software versions</h2>") != std::string::npos);
    CHECK(html.find("<td>2026.12.01</td><td>6</td><td>A: 2, B: 4</td>") != std::string::npos);
}
