// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "kiosk/config.h"

using namespace guichet::kiosk;

namespace {
std::filesystem::path write_file(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream(path) << text;
    return path;
}
}  // namespace

TEST_CASE("a config file sets every key — relative paths are relative to the file") {
    const auto file = write_file("guichet-kiosk-good.conf",
                                 "# kiosk at the Quito centre\n"
                                 "content = stores/current.db\n"
                                 "languages = es, ht ,fr\n"
                                 "default_language = es\n"
                                 "idle_timeout = 120\n"
                                 "idle_countdown = 15\n"
                                 "rotation = 90\n"
                                 "fullscreen = yes\n"
                                 "renderer = software\n");
    KioskConfig config;
    auto loaded = load_config_file(file, config);
    REQUIRE_MESSAGE(loaded.ok(), loaded.message());
    CHECK(config.content == file.parent_path() / "stores/current.db");
    CHECK(config.languages == std::vector<std::string>{"es", "ht", "fr"});
    CHECK(config.idle_timeout_seconds == 120);
    CHECK(config.idle_countdown_seconds == 15);
    CHECK(config.rotation == 90);
    CHECK(config.fullscreen);
    CHECK(config.renderer == "software");
}

TEST_CASE("a bad value names the file, the line and the key") {
    const auto file =
        write_file("guichet-kiosk-bad.conf", "rotation = 90\n\nidle_timeout = soon\n");
    KioskConfig config;
    auto loaded = load_config_file(file, config);
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.message().find(file.string() + ":3: idle_timeout:") == 0);
    CHECK(loaded.message().find("soon") != std::string::npos);
}

TEST_CASE("unknown keys, missing '=', and out-of-range values are errors") {
    KioskConfig config;
    CHECK(set_config_value(config, "colour", "blue").message() == "colour: unknown setting");
    CHECK_FALSE(set_config_value(config, "rotation", "45").ok());
    CHECK_FALSE(set_config_value(config, "dpi", "20").ok());   // no real panel is this coarse
    CHECK_FALSE(set_config_value(config, "dpi", "900").ok());
    CHECK(set_config_value(config, "dpi", "133").ok());
    CHECK(config.dpi == 133);
    CHECK(set_config_value(config, "dpi", "0").ok());  // back to what the display says
    CHECK(config.dpi == 0);
    CHECK_FALSE(set_config_value(config, "idle_timeout", "5").ok());
    CHECK_FALSE(set_config_value(config, "idle_timeout", "90s").ok());
    CHECK_FALSE(set_config_value(config, "fullscreen", "maybe").ok());
    CHECK_FALSE(set_config_value(config, "languages", "es,,fr").ok());
    CHECK_FALSE(set_config_value(config, "renderer", "vulkan").ok());
    CHECK(config.display_backend == "auto");
    CHECK_FALSE(set_config_value(config, "display_backend", "fbdev").ok());
    CHECK(config.display_backend == "auto");
    CHECK(set_config_value(config, "display_backend", "drm").ok());
    CHECK(config.display_backend == "drm");
    CHECK(set_config_value(config, "display_backend", "auto").ok());
    const auto file = write_file("guichet-kiosk-noeq.conf", "rotation 90\n");
    auto loaded = load_config_file(file, config);
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.message().find(":1: want `key = value`") != std::string::npos);
    CHECK(config.rotation == 0);  // nothing half-applied from the bad values
}

TEST_CASE("a missing file is an error naming it") {
    KioskConfig config;
    auto loaded = load_config_file("/nonexistent/kiosk.conf", config);
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.message().find("/nonexistent/kiosk.conf") == 0);
}

TEST_CASE("every key has help text and a unique name") {
    std::set<std::string_view> names;
    for (const auto& key : config_keys()) {
        CHECK_FALSE(key.help.empty());
        CHECK(names.insert(key.name).second);
    }
    CHECK(names.count("idle_timeout") == 1);
}

TEST_CASE("kiosk.conf that is not a file is refused at once — invalid UTF-8 in any key is FILE:LINE") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("guichet-kiosk-conf-hostile-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    REQUIRE(::mkfifo((dir / "fifo.conf").c_str(), 0600) == 0);
    std::filesystem::create_symlink("/dev/zero", dir / "device.conf");
    for (const char* name : {"fifo.conf", "device.conf"}) {
        const auto file = dir / name;
        KioskConfig config;
        const auto start = std::chrono::steady_clock::now();
        auto loaded = load_config_file(file, config);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
        CHECK(loaded.message() == file.string() + ": not a regular file");
    }
    for (const auto& key : config_keys()) {
        CAPTURE(key.name);
        const auto file = dir / "utf8.conf";
        std::ofstream(file, std::ios::trunc) << "# kiosk\n" << key.name << " = es\xC3\x28\n";
        KioskConfig config;
        auto loaded = load_config_file(file, config);
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.message().starts_with(file.string() + ":2: not valid UTF-8"));
    }
    std::filesystem::remove_all(dir);
}
