// SPDX-License-Identifier: GPL-3.0-or-later
// Dates shown to visitors, written the way their language writes them (ICU's CLDR data).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace guichet::kiosk {

// The calendar day of `unix_seconds` in the kiosk's time zone, as a long date in `language`
// ("27 de noviembre de 2026", "27 novembre 2026"). A language ICU has no words for (Haitian
// Creole gets French month names from CLDR) is given the day in digits of its region's order
// ("27/11/2026") rather than another language's words.
std::string format_long_date(std::int64_t unix_seconds, std::string_view language);

// A calendar day written as YYYY-MM-DD (content's review dates), the same way; the text as
// given when it is not such a date.
std::string format_calendar_day(std::string_view iso_day, std::string_view language);

}  // namespace guichet::kiosk
