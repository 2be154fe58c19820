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

// A moment as the kiosk's wall clock reads it in its local time zone (TZ, DST included):
// what staff mean by "Tuesday, 09:00". Across a DST change the minute jumps or repeats as the
// clock on the wall does.
struct LocalTime {
    std::string day;  // YYYY-MM-DD
    int weekday = 0;  // 0 = Monday ... 6 = Sunday
    int minute = 0;   // minutes since local midnight, 0 to 1439
};
LocalTime local_time(std::int64_t seconds);

}  // namespace guichet::clock
