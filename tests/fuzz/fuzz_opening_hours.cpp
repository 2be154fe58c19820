// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the opening-hours reader (content/opening_hours.h), which reads staff's cells: any bytes
// give a week or a problem whose column lies inside the text, never a crash; a week that parses
// writes back to text that parses to the same week, and answers open/closed at every hour of
// every day with a time inside the week.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "content/opening_hours.h"

using namespace guichet::content::hours;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ParseResult parsed = parse(text);
    if (!parsed.ok()) {
        if (parsed.column < 1 || static_cast<std::size_t>(parsed.column) > size + 1)
            __builtin_trap();
        return 0;
    }
    const ParseResult again = parse(to_string(parsed.week));
    if (!again.ok() || !(again.week == parsed.week)) __builtin_trap();
    for (int day = 0; day < 7; ++day)
        for (int minute = 0; minute < 1440; minute += 61) {
            const Status status = status_at(parsed.week, {day, minute});
            if (status.known && (status.weekday < 0 || status.weekday > 6 || status.minute < 0 ||
                                 status.minute > 1440 || status.in_days < 0 || status.in_days > 7))
                __builtin_trap();
        }
    return 0;
}
