// SPDX-License-Identifier: GPL-3.0-or-later
// guichet-fleet: what a fleet operator runs to see every kiosk's health from the shared
// status location, and to drop a status there by hand.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fleet/fleet_report.h"
#include "fleet/status_store.h"
#include "platform/clock.h"
#include "platform/files.h"

using namespace guichet;

namespace {

void usage() {
    std::fputs(
        "usage: guichet-fleet report LOCATION [--json] [--html FILE] [--stale-hours H]\n"
        "                            [--silent-hours H] [store options]\n"
        "       guichet-fleet put LOCATION STATUS.json [store options]\n"
        "LOCATION is a folder or an http(s):// URL of a WebDAV folder or S3 prefix.\n"
        "store options: --s3-region REGION (sign requests with AWS SigV4), --user NAME,\n"
        "               --ca-file FILE. The password or S3 secret key is read from the\n"
        "               environment: GUICHET_FLEET_PASSWORD.\n",
        stderr);
}

bool parse_hours(const char* text, std::int64_t& seconds) {
    char* end = nullptr;
    const double hours = std::strtod(text, &end);
    if (!text[0] || *end || hours <= 0) return false;
    seconds = static_cast<std::int64_t>(hours * 3600);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) return usage(), 2;
    const std::string_view command = argv[1];
    fleet::StoreOptions store_options;
    store_options.location = argv[2];
    fleet::ReportPolicy policy;
    policy.now = clock::wall_seconds();
    bool as_json = false;
    std::string html_file, status_file;
    for (int i = 3; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "guichet-fleet: %s needs a value\n", argv[i]);
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--json")
            as_json = true;
        else if (arg == "--html")
            html_file = value();
        else if (arg == "--s3-region")
            store_options.s3_region = value();
        else if (arg == "--user")
            store_options.username = value();
        else if (arg == "--ca-file")
            store_options.ca_file = value();
        else if (arg == "--stale-hours" || arg == "--silent-hours") {
            std::int64_t& target =
                arg == "--stale-hours" ? policy.stale_after_seconds : policy.silent_after_seconds;
            const char* text = value();
            if (!parse_hours(text, target)) {
                std::fprintf(stderr,
                             "guichet-fleet: %s wants a positive number of hours, got '%s'\n",
                             argv[i - 1], text);
                return 2;
            }
        } else if (command == "put" && status_file.empty() && !arg.starts_with("--")) {
            status_file = argv[i];
        } else {
            std::fprintf(stderr, "guichet-fleet: unknown option %s\n", argv[i]);
            return usage(), 2;
        }
    }
    if (const char* secret = std::getenv("GUICHET_FLEET_PASSWORD")) store_options.password = secret;

    auto store = fleet::StatusStore::open(store_options);
    if (!store) {
        std::fprintf(stderr, "guichet-fleet: %s\n", store.message().c_str());
        return 1;
    }

    if (command == "put") {
        if (status_file.empty()) return usage(), 2;
        auto body = files::read_file(status_file);
        if (!body) return std::fprintf(stderr, "guichet-fleet: %s\n", body.message().c_str()), 1;
        auto status = fleet::parse_status(*body, status_file);
        if (!status)
            return std::fprintf(stderr, "guichet-fleet: %s\n", status.message().c_str()), 1;
        auto sent = (*store)->put(status->kiosk_id + ".json", *body);
        if (!sent) return std::fprintf(stderr, "guichet-fleet: %s\n", sent.message().c_str()), 1;
        return 0;
    }
    if (command != "report") return usage(), 2;

    auto report = fleet::collect_report(**store, policy);
    if (!report) {
        std::fprintf(stderr, "guichet-fleet: %s\n", report.message().c_str());
        return 1;
    }
    if (!html_file.empty()) {
        if (auto written = files::write_file_atomically(html_file, fleet::render_html(*report));
            !written) {
            std::fprintf(stderr, "guichet-fleet: %s\n", written.message().c_str());
            return 1;
        }
    }
    const std::string text = as_json ? fleet::render_json(*report) : fleet::render_table(*report);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
}
