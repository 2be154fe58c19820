// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace guichet::log {
namespace {
std::atomic<Level> g_min_level{Level::info};
std::mutex g_write_mutex;

const char* level_name(Level level) {
    switch (level) {
        case Level::debug:
            return "debug";
        case Level::info:
            return "info";
        case Level::warn:
            return "warn";
        case Level::error:
            return "error";
    }
    return "?";
}
}  // namespace

void set_min_level(Level level) {
    g_min_level = level;
}

void write(Level level, std::string_view module, std::string_view message) {
    if (level < g_min_level.load()) return;
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    // One fprintf per line under a lock, so lines from the sync thread never interleave.
    std::lock_guard lock(g_write_mutex);
    std::fprintf(stderr, "%s %-5s %.*s: %.*s\n", stamp, level_name(level),
                 static_cast<int>(module.size()), module.data(), static_cast<int>(message.size()),
                 message.data());
}

}  // namespace guichet::log
