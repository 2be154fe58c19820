// SPDX-License-Identifier: GPL-3.0-or-later
// sync.conf and fleet.conf as their programs load them: a FIFO or a device in their place is one
// `FILE: not a regular file` line at once (never a hang), and invalid UTF-8 in the value of any
// key is a FILE:LINE error (never std::terminate from a JSON writer later on).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "../support/temp_dir.h"
#include "fleet/fleet_reporter.h"
#include "sync/sync.h"

namespace fs = std::filesystem;
using namespace guichet;

namespace {

template <typename Load>
std::string refusal(const fs::path& file, Load load) {
    const auto start = std::chrono::steady_clock::now();
    auto loaded = load(file);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    REQUIRE_FALSE(loaded.ok());
    return loaded.message();
}

const char* const kSyncKeys[] = {
    "source", "state_dir", "trusted_root", "interval_seconds", "retry_base_seconds",
    "retry_max_seconds", "connect_timeout_seconds", "low_speed_bytes_per_second",
    "low_speed_seconds", "max_bytes_per_second", "proxy", "ca_file", "pinned_public_key",
    "pinned_public_key_backup", "stale_after_days", "max_clock_ahead_days", "min_free_bytes",
    "keep_versions", "root_probe_max_age_seconds", "clock_override", "region", "tags",
    "alert_check_seconds"};
const char* const kFleetKeys[] = {"location", "site_name", "username", "password", "ca_file",
                                  "timeout_seconds"};

}  // namespace

TEST_CASE("sync.conf and fleet.conf that are not files are refused at once") {
    const fs::path dir = testing::fresh_temp_dir("guichet-conf-not-files");
    REQUIRE(::mkfifo((dir / "fifo.conf").c_str(), 0600) == 0);
    fs::create_symlink("/dev/zero", dir / "device.conf");
    fs::create_symlink(dir / "fifo.conf", dir / "to-fifo.conf");
    for (const char* name : {"fifo.conf", "device.conf", "to-fifo.conf"}) {
        const fs::path file = dir / name;
        CAPTURE(file);
        CHECK(refusal(file, [](const fs::path& f) { return sync::load_config(f); }) ==
              file.string() + ": not a regular file");
        CHECK(refusal(file, [](const fs::path& f) { return fleet::load_fleet_settings(f); }) ==
              file.string() + ": not a regular file");
    }
}

TEST_CASE("invalid UTF-8 in any key of sync.conf or fleet.conf is a FILE:LINE error") {
    const fs::path dir = testing::fresh_temp_dir("guichet-conf-utf8");
    const fs::path file = dir / "bad.conf";
    for (const char* key : kSyncKeys) {
        CAPTURE(key);
        std::ofstream(file, std::ios::trunc) << "# sync\n" << key << " = x\xC3\x28y\n";
        CHECK(refusal(file, [](const fs::path& f) { return sync::load_config(f); })
                  .starts_with(file.string() + ":2: not valid UTF-8"));
    }
    for (const char* key : kFleetKeys) {
        CAPTURE(key);
        std::ofstream(file, std::ios::trunc) << key << " = \xFF\xFE\n";
        CHECK(refusal(file, [](const fs::path& f) { return fleet::load_fleet_settings(f); })
                  .starts_with(file.string() + ":1: not valid UTF-8"));
    }
    // In the key itself too.
    std::ofstream(file, std::ios::trunc) << "sour\xE7" << "e = /media/usb\n";
    CHECK(refusal(file, [](const fs::path& f) { return sync::load_config(f); })
              .starts_with(file.string() + ":1: not valid UTF-8"));
}
