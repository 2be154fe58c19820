// SPDX-License-Identifier: GPL-3.0-or-later
// Clocks, kept apart so tests can drive time: a monotonic one for timeouts and animation,
// and the wall clock for dates shown to people and for signed-metadata expiry.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace guichet::clock {

using Monotonic = std::chrono::steady_clock;

// Milliseconds since an arbitrary fixed point; only differences mean anything.
inline std::int64_t monotonic_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               Monotonic::now().time_since_epoch())
        .count();
}

// Seconds since the Unix epoch, UTC.
inline std::int64_t wall_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The calendar day (YYYY-MM-DD) of `seconds` in the kiosk's local time zone: usage figures
// are kept per day and never finer.
std::string local_day(std::int64_t seconds);

}  // namespace guichet::clock
