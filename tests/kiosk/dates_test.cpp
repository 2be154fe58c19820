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

TEST_CASE("Haitian Creole gets its own month names (its PO file), not French ones") {
    const std::string date = format_long_date(kMidJanuary, "ht");
    CHECK(date == "15 janvye 2026");
    CHECK(date.find("janvier") == std::string::npos);
}

TEST_CASE("a review date from content, as a calendar day in the language") {
    using guichet::kiosk::format_calendar_day;
    CHECK(format_calendar_day("2026-11-27", "es") == "27 de noviembre de 2026");
    CHECK(format_calendar_day("2026-11-27", "fr") == "27 novembre 2026");
    CHECK(format_calendar_day("2024-02-29", "en") == "February 29, 2024");
    CHECK(format_calendar_day("1999-12-31", "pt") == "31 de dezembro de 1999");
    CHECK(format_calendar_day("2026-11-27", "ht") == "27 novanm 2026");
    CHECK(format_calendar_day("not a date", "es") == "not a date");
    CHECK(format_calendar_day("2026-13-01", "es") == "2026-13-01");
}

TEST_CASE("Haitian Creole month names come from its PO file, other languages from ICU") {
    using guichet::kiosk::format_calendar_day;
    CHECK(format_calendar_day("2026-11-27", "ht") == "27 novanm 2026");
    CHECK(format_calendar_day("2026-07-04", "ht") == "4 jiyè 2026");
    CHECK(format_long_date(kMidJanuary, "ht") == "15 janvye 2026");
    // Arabic: ICU's month name, with the Latin digits the kiosk shows everywhere.
    const std::string ar = format_calendar_day("2026-11-27", "ar");
    CHECK(ar.find("27") != std::string::npos);
    CHECK(ar.find("2026") != std::string::npos);
    CHECK(ar.find("\xD9\x86\xD9\x88\xD9\x81\xD9\x85\xD8\xA8\xD8\xB1") != std::string::npos);  // نوفمبر
}

TEST_CASE("days ago, in each UI language") {
    using guichet::kiosk::format_days_ago;
    CHECK(format_days_ago(3, "es") == "hace 3 días");
    CHECK(format_days_ago(3, "en") == "3 days ago");
    CHECK(format_days_ago(3, "fr") == "il y a 3 jours");
    CHECK(format_days_ago(3, "pt") == "há 3 dias");
    CHECK(format_days_ago(3, "ht") == "sa fè 3 jou");
    CHECK(format_days_ago(1, "ht") == "yè");
    CHECK(format_days_ago(1, "es") == "ayer");
    CHECK(format_days_ago(0, "en") == "today");
    const std::string ar = format_days_ago(3, "ar");
    CHECK_FALSE(ar.empty());
    CHECK(ar.find('3') != std::string::npos);  // Latin digits
    CHECK(format_days_ago(-2, "es").empty());
}

TEST_CASE("a news date: how long ago within a month, the date after, the date without a clock") {
    using guichet::kiosk::days_since;
    using guichet::kiosk::format_news_date;
    // 2026-11-30 12:00 UTC: the same calendar day from UTC-11 to UTC+11.
    constexpr std::int64_t kNow = 1796040000;
    CHECK(days_since("2026-11-27", kNow) == 3);
    CHECK(days_since("2026-11-30", kNow) == 0);
    CHECK(days_since("2026-12-02", kNow) == -2);
    CHECK_FALSE(days_since("2026-11-27", 0).has_value());
    CHECK_FALSE(days_since("27/11/2026", kNow).has_value());
    CHECK(format_news_date("2026-11-27", kNow, "es") == "hace 3 días");
    CHECK(format_news_date("2026-11-27", kNow, "ht") == "sa fè 3 jou");
    CHECK(format_news_date("2026-09-01", kNow, "es") == "1 de septiembre de 2026");
    CHECK(format_news_date("2026-09-01", kNow, "ht") == "1 septanm 2026");
    CHECK(format_news_date("2026-11-27", 0, "fr") == "27 novembre 2026");
}

TEST_CASE("numbers with each language's grouping and decimal signs") {
    using guichet::kiosk::format_number;
    CHECK(format_number(63300, "es") == "63.300");
    CHECK(format_number(63300, "en") == "63,300");
    CHECK(format_number(63300, "fr") == "63\xE2\x80\xAF" "300");  // narrow no-break space
    CHECK(format_number(63300, "pt") == "63.300");
    CHECK(format_number(63300, "ht") == "63\xE2\x80\xAF" "300");  // as in Haiti's French
    CHECK(format_number(1234.5, "es") == "1.234,5");
    CHECK(format_number(12345.25, "en", 1) == "12,345.2");
    const std::string ar = format_number(63300, "ar");
    CHECK(ar.find("63") == 0);  // Latin digits
    CHECK(ar != "63300");       // but grouped
}
