// SPDX-License-Identifier: GPL-3.0-or-later
// guichet-kiosk: the touchscreen program. Settings come from the configuration file, then the
// command line; with no display it runs headless and writes screenshots of the main screens.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>

#include "app.h"
#include "kiosk/config.h"
#include "platform/display/display.h"
#include "platform/paths.h"
#include "staff/pin_lock.h"

namespace {

void usage() {
    std::puts(
        "usage: guichet-kiosk [--config FILE] [--state-dir DIR] [--content STORE]\n"
        "                     [--headless] [--windowed] [--size WxH] [--dpi N]\n"
        "                     [--rotation 0|90|180|270] [--script FILE]\n"
        "                     [--screenshots DIR] [--dump-state FILE] [--frames N]\n"
        "                     [--print-timing] [--rasterize-only-screenshots]\n"
        "                     [--SETTING VALUE ...]\n"
        "       guichet-kiosk [--state-dir DIR] --set-pin   (the staff PIN, read from stdin)\n"
        "Settings (in the configuration file as `setting = value`, or as --setting VALUE):");
    for (const auto& key : guichet::kiosk::config_keys()) {
        std::string flag(key.name);
        for (char& c : flag)
            if (c == '_') c = '-';
        std::printf("  --%-18s %.*s\n", flag.c_str(), static_cast<int>(key.help.size()),
                    key.help.data());
    }
}

// Installation sets the staff PIN: one line on standard input (no echo on a terminal).
int set_pin(const std::filesystem::path& state_dir) {
    const bool terminal = isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        std::fprintf(stderr, "New staff PIN (4 to 12 digits): ");
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string pin;
    const bool got = static_cast<bool>(std::getline(std::cin, pin));
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
    while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
    if (!got || pin.empty()) {
        std::fprintf(stderr, "guichet-kiosk: --set-pin: no PIN on standard input\n");
        return 1;
    }
    if (auto valid = guichet::staff::PinLock::validate_new_pin(pin); !valid) {
        std::fprintf(stderr, "guichet-kiosk: --set-pin: %s\n", valid.message().c_str());
        return 1;
    }
    std::error_code ec;
    std::filesystem::create_directories(state_dir, ec);
    guichet::staff::PinLock lock(state_dir);
    if (auto stored = lock.set_pin(pin); !stored) {
        std::fprintf(stderr, "guichet-kiosk: --set-pin: %s\n", stored.message().c_str());
        return 1;
    }
    std::fprintf(stderr, "guichet-kiosk: staff PIN set in %s\n",
                 (state_dir / "staff" / "pin.json").c_str());
    return 0;
}

bool parse_size(std::string_view text, int& width, int& height) {
    return std::sscanf(std::string(text).c_str(), "%dx%d", &width, &height) == 2 && width >= 64 &&
           height >= 64 && width <= 16384 && height <= 16384;
}

}  // namespace

int main(int argc, char** argv) {
    using guichet::kiosk::KioskConfig;
    guichet::kiosk::RunOptions options;
    KioskConfig& config = options.config;
    // A kiosk installed under /usr runs full screen; a development build opens a window.
    config.fullscreen = guichet::paths::executable_dir().string().starts_with("/usr/");
    bool force_headless = false;
    bool set_pin_requested = false;
    std::optional<std::filesystem::path> config_file;
    std::vector<std::pair<std::string, std::string>> overrides;

    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "guichet-kiosk: %s wants a value\n", argv[i]);
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--headless") {
            force_headless = true;
        } else if (arg == "--rasterize-only-screenshots") {
            options.rasterize_only_screenshots = true;
        } else if (arg == "--windowed") {
            overrides.emplace_back("fullscreen", "no");
        } else if (arg == "--size") {
            const char* text = value();
            if (!parse_size(text, options.width, options.height)) {
                std::fprintf(
                    stderr, "guichet-kiosk: --size wants WIDTHxHEIGHT, e.g. 1920x1080 (got '%s')\n",
                    text);
                return 2;
            }
        } else if (arg == "--screenshots") {
            options.screenshots_dir = value();
        } else if (arg == "--script") {
            options.script = value();
        } else if (arg == "--dump-state") {
            options.dump_state = value();
        } else if (arg == "--config") {
            config_file = value();
        } else if (arg == "--frames") {
            options.max_frames = std::atoi(value());
        } else if (arg == "--bench-scroll") {
            const std::string text = value();
            const auto colon = text.find(':');
            options.bench_scroll_screen = text.substr(0, colon);
            options.bench_scroll_frames =
                colon == std::string::npos ? 0 : std::atoi(text.c_str() + colon + 1);
            const std::string& screen = options.bench_scroll_screen;
            if (options.bench_scroll_frames <= 0 ||
                (screen != "directory" && screen != "list" && screen != "article" &&
                 screen != "map" && screen != "map-seasonal" && screen != "map-city" &&
                 (screen.rfind("item=", 0) != 0 || screen.size() <= 5))) {
                std::fprintf(stderr,
                             "guichet-kiosk: --bench-scroll wants "
                             "directory|list|article|map|map-seasonal|map-city|item=ID:FRAMES\n");
                return 2;
            }
        } else if (arg == "--set-pin") {
            set_pin_requested = true;
        } else if (arg == "--print-timing") {
            options.print_timing = true;
        } else if (arg == "--help" || arg == "-h") {
            usage();
            return 0;
        } else if (arg.starts_with("--")) {
            std::string key(arg.substr(2));
            for (char& c : key)
                if (c == '-') c = '_';
            overrides.emplace_back(key, value());
        } else {
            std::fprintf(stderr, "guichet-kiosk: unexpected argument '%s'\n", argv[i]);
            usage();
            return 2;
        }
    }
    // The configuration file: --config, else STATE/kiosk.conf when present.
    std::string state_dir_override;
    for (const auto& [key, text] : overrides)
        if (key == "state_dir") state_dir_override = text;
    if (!config_file) {
        const std::filesystem::path state_dir = state_dir_override.empty()
                                                    ? guichet::paths::default_state_dir()
                                                    : std::filesystem::path(state_dir_override);
        if (std::filesystem::exists(state_dir / "kiosk.conf"))
            config_file = state_dir / "kiosk.conf";
    }
    if (config_file) {
        // A bad file never keeps the kiosk from starting: it runs on defaults, and staff mode
        // shows what was wrong (`file:line: key: message`).
        const KioskConfig defaults = config;
        if (auto loaded = guichet::kiosk::load_config_file(*config_file, config); !loaded) {
            std::fprintf(stderr, "guichet-kiosk: %s; starting on the default settings\n",
                         loaded.message().c_str());
            config = defaults;
            options.config_problem = loaded.message();
        }
    }
    for (const auto& [key, text] : overrides) {
        if (auto set = guichet::kiosk::set_config_value(config, key, text); !set) {
            std::fprintf(stderr, "guichet-kiosk: --%s\n", set.message().c_str());
            return 2;
        }
    }
    const std::filesystem::path state_dir =
        config.state_dir.empty() ? guichet::paths::default_state_dir() : config.state_dir;
    if (set_pin_requested) return set_pin(state_dir);
    options.config_file = config_file ? *config_file : state_dir / "kiosk.conf";
    // display_backend = drm needs no video driver named: it opens the screen itself.
    options.headless = force_headless ||
                       (!guichet::display::display_available() && config.display_backend != "drm");
    options.announce_headless = options.headless && !force_headless;
    if (options.screenshots_dir.empty()) options.screenshots_dir = "guichet-screenshots";
    return guichet::kiosk::run_kiosk(options);
}
