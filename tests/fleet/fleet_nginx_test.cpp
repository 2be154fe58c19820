// SPDX-License-Identifier: GPL-3.0-or-later
// Against a real nginx on 127.0.0.1 with WebDAV: delivery, offline queueing, and a report
// over a thousand kiosks.
#include <doctest/doctest.h>

#include "../support/temp_dir.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "fleet/fleet_report.h"
#include "fleet/status_outbox.h"
#include "nginx_server.h"
#include "store_at.h"

namespace fs = std::filesystem;
using namespace guichet;
using namespace guichet::fleet;

using fleet_fixture::at;

namespace {

KioskStatus status_for(int n, std::int64_t now) {
    KioskStatus s;
    s.kiosk_id = "kiosk-" + std::to_string(n);
    s.site_name = "Site " + std::to_string(n);
    s.program_version = "0.1.0";
    s.content_version = "v" + std::to_string(n % 3);
    s.last_sync_result = n % 10 == 0 ? "HTTP 503 from server" : "ok";
    s.last_sync_time = now - 60;
    s.last_success_time = n % 7 == 0 ? now - 5 * 86400 : now - 60;
    s.reported_at = now - 30;
    return s;
}

}  // namespace

TEST_CASE("a kiosk offline at first delivers its queued status once the server is back") {
    testing::NginxServer server(testing::fresh_temp_dir("guichet-fleet-nginx-a"));
    REQUIRE(server.start());
    const int port = server.port();
    server.stop();  // the link is down

    const fs::path state = testing::fresh_temp_dir("guichet-fleet-state-a");
    StatusOutbox outbox(state);
    REQUIRE(outbox.enqueue(status_for(1, 1'800'000'000)).ok());
    auto store = StatusStore::open(at(server.url("/status/"), 3));
    REQUIRE(store.ok());
    auto offline = outbox.deliver(**store);
    CHECK_FALSE(offline.ok());
    CHECK(offline.message().find("kept queued") != std::string::npos);
    CHECK(outbox.pending() == 1);

    REQUIRE(server.start());
    REQUIRE(server.port() == port);
    auto online = outbox.deliver(**store);
    REQUIRE(online.ok());
    CHECK(*online == 1);
    CHECK(outbox.pending() == 0);
    CHECK(fs::exists(server.root() / "status" / "kiosk-1.json"));
    auto listed = (*store)->list();
    REQUIRE(listed.ok());
    CHECK(*listed == std::vector<std::string>{"kiosk-1.json"});
}

TEST_CASE("S3 mode signs every request with AWS SigV4") {
    testing::NginxServer server(testing::fresh_temp_dir("guichet-fleet-nginx-b"));
    REQUIRE(server.start());
    StoreOptions s3_options = at(server.url("/status/"));
    s3_options.s3_region = "us-east-1";
    s3_options.username = "AKIDEXAMPLE";
    s3_options.password = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    auto store = StatusStore::open(s3_options);
    REQUIRE(store.ok());
    REQUIRE((*store)->put("kiosk-9.json", to_json(status_for(9, 1'800'000'000))).ok());
    // nginx logs a request after answering it: wait for the line instead of racing it.
    std::string log;
    for (int attempt = 0; attempt < 100; ++attempt) {
        log = server.access_log();
        if (log.find("PUT /status/kiosk-9.json") != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }
    CHECK(log.find("PUT /status/kiosk-9.json 201") != std::string::npos);
    CHECK(log.find("\"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") != std::string::npos);
    CHECK(log.find("/us-east-1/s3/aws4_request") != std::string::npos);
}

TEST_CASE("a report over 1,000 kiosks read back through WebDAV") {
    testing::NginxServer server(testing::fresh_temp_dir("guichet-fleet-nginx-c"));
    REQUIRE(server.start());
    const std::int64_t now = 1'800'000'000;
    // Statuses land as the kiosks would leave them; writing them is not what is measured.
    for (int n = 1; n <= 1000; ++n) {
        std::FILE* f = std::fopen(
            (server.root() / "status" / ("kiosk-" + std::to_string(n) + ".json")).c_str(), "w");
        REQUIRE(f);
        const std::string body = to_json(status_for(n, now));
        std::fwrite(body.data(), 1, body.size(), f);
        std::fclose(f);
    }
    std::FILE* junk = std::fopen((server.root() / "status" / "broken.json").c_str(), "w");
    std::fputs("<html>", junk);
    std::fclose(junk);

    auto store = StatusStore::open(at(server.url("/status/")));
    REQUIRE(store.ok());
    ReportPolicy policy;
    policy.now = now;
    const auto start = std::chrono::steady_clock::now();
    auto report = collect_report(**store, policy);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(report.ok());
    MESSAGE("report over 1,000 kiosks through WebDAV took " << seconds << " s");
    CHECK(report->kiosks.size() == 1000);
    REQUIRE(report->problems.size() == 1);
    CHECK(report->problems[0] == "broken.json: not a JSON object");
    // 100 failing (every tenth), 142 stale (every seventh), 14 of them both.
    int failing = 0, stale = 0;
    for (const auto& k : report->kiosks) {
        failing += k.failing;
        stale += k.stale;
    }
    CHECK(failing == 100);
    CHECK(stale == 142);
    CHECK(report->kiosks.front().failing);
    CHECK(report->kiosks.front().stale);
    CHECK(report->kiosks.back().severity() == 0);
}
