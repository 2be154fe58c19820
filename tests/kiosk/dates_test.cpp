// SPDX-License-Identifier: GPL-3.0-or-later
// Dates for visitors in their language's own way, and digits where ICU has no words for it.
#include <doctest/doctest.h>

#include "kiosk/dates.h"

using guichet::kiosk::format_long_date;

// 2026-01-15 12:00 UTC: the same calendar day in every time zone from UTC-11 to UTC+11.
constexpr std::int64_t kMidJanuary = 1768478400;

TEST_CASE("a long date in each UI language") {
    CHECK(format_long_date(kMidJanuary, "es") == "15 de enero de 2026");
    CHECK(format_long_date(kMidJanuary, "en") == "January 15, 2026");
    CHECK(format_long_date(kMidJanuary, "fr") == "15 janvier 2026");
    CHECK(format_long_date(kMidJanuary, "pt") == "15 de janeiro de 2026");
    CHECK(format_long_date(kMidJanuary, "es-419") == "15 de enero de 2026");
}

TEST_CASE("Haitian Creole gets digits, not French month names") {
    const std::string date = format_long_date(kMidJanuary, "ht");
    CHECK(date == "15/01/2026");
    CHECK(date.find("janvier") == std::string::npos);
}

TEST_CASE("a review date from content, as a calendar day in the language") {
    using guichet::kiosk::format_calendar_day;
    CHECK(format_calendar_day("2026-11-27", "es") == "27 de noviembre de 2026");
    CHECK(format_calendar_day("2026-11-27", "fr") == "27 novembre 2026");
    CHECK(format_calendar_day("2024-02-29", "en") == "February 29, 2024");
    CHECK(format_calendar_day("1999-12-31", "pt") == "31 de dezembro de 1999");
    CHECK(format_calendar_day("2026-11-27", "ht") == "27/11/2026");
    CHECK(format_calendar_day("not a date", "es") == "not a date");
    CHECK(format_calendar_day("2026-13-01", "es") == "2026-13-01");
}
