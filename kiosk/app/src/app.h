// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk program: opens the display and the content, turns input into actions, draws the
// current screen only when something changed, resets idle visits, and switches to a new
// content store when nobody is using the kiosk. Runs interactively or from a script.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "input/script.h"
#include "kiosk/config.h"
#include "platform/result.h"

namespace guichet::kiosk {

struct RunOptions {
    KioskConfig config;
    bool headless = false;
    int width = 1920;
    int height = 1080;
    std::filesystem::path screenshots_dir;
    std::optional<std::filesystem::path> script;
    std::optional<std::filesystem::path> dump_state;
    bool announce_headless = false;  // print the "no display" line
    int max_frames = -1;             // interactive: stop after N frames (benchmarks)
    bool print_timing = false;       // print a line once the first frame is presented
    bool rasterize_only_screenshots = false;  // headless tests: see display::DisplayOptions
    // Benchmark: open this screen ("directory", "list" or "article"), drag-scroll it for
    // bench_scroll_frames frames with real pointer events, print the median CPU per frame, exit.
    std::string bench_scroll_screen;
    int bench_scroll_frames = 0;
    // Where staff mode saves the settings it changes (STATE/kiosk.conf unless --config), and
    // why that file was not used at start (the kiosk then runs on defaults and staff see it).
    std::filesystem::path config_file;
    std::string config_problem;
};

// The exit code of "Exit to the desktop" in staff mode: the kiosk ended on purpose, so a
// service manager should not restart it (systemd: RestartPreventExitStatus=10).
inline constexpr int kExitToDesktop = 10;

// Runs until the window closes (interactive) or the script ends. Returns the exit code.
int run_kiosk(const RunOptions& options);

}  // namespace guichet::kiosk
