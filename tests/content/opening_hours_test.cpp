// SPDX-License-Identifier: GPL-3.0-or-later
// Structured opening hours: the subset of OpenStreetMap's syntax staff write, what is refused
// and where, and open/closed at a moment across time zones, midnight and DST changes.
#include <doctest/doctest.h>

#include "content/opening_hours.h"

using namespace guichet::content::hours;

namespace {

constexpr int kMo = 0, kTu = 1, kWe = 2, kFr = 4, kSa = 5, kSu = 6;

int hm(int h, int m = 0) { return h * 60 + m; }

// Seconds since 1970 of a UTC date and time (proleptic Gregorian; days from civil).
std::int64_t utc(int y, int mo, int d, int h, int mi) {
    y -= mo <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
    return days * 86400 + h * 3600 + mi * 60;
}

}  // namespace

TEST_CASE("opening hours: weekdays and Saturday morning") {
    auto parsed = parse("Mo-Fr 08:00-17:00; Sa 09:00-13:00");
    REQUIRE(parsed.ok());
    for (int d = kMo; d <= kFr; ++d) CHECK(parsed.week.days[d] == std::vector<Span>{{hm(8), hm(17)}});
    CHECK(parsed.week.days[kSa] == std::vector<Span>{{hm(9), hm(13)}});
    CHECK(parsed.week.days[kSu].empty());
    CHECK(to_string(parsed.week) == "Mo-Fr 08:00-17:00; Sa 09:00-13:00");
}

TEST_CASE("opening hours: lists, a later rule replacing days, off, wrap round the week") {
    auto split = parse("Mo,We,Fr 09:00-13:00,15:00-18:30");
    REQUIRE(split.ok());
    CHECK(split.week.days[kWe] == std::vector<Span>{{hm(9), hm(13)}, {hm(15), hm(18, 30)}});
    CHECK(split.week.days[kTu].empty());
    auto replaced = parse("Mo-Sa 08:00-17:00; Sa 09:00-12:00; We off");
    REQUIRE(replaced.ok());
    CHECK(replaced.week.days[kSa] == std::vector<Span>{{hm(9), hm(12)}});
    CHECK(replaced.week.days[kWe].empty());
    CHECK(replaced.week.days[kTu] == std::vector<Span>{{hm(8), hm(17)}});
    auto wrap = parse("Fr-Mo 10:00-14:00");
    REQUIRE(wrap.ok());
    CHECK(wrap.week.days[kSu].size() == 1);
    CHECK(wrap.week.days[kMo].size() == 1);
    CHECK(wrap.week.days[kWe].empty());
    auto all = parse("24/7");
    REQUIRE(all.ok());
    CHECK(to_string(all.week) == "24/7");
    auto lower = parse("mo-fr 8:00-16:00;");  // lower case, one-digit hour, trailing ';'
    REQUIRE(lower.ok());
    CHECK(lower.week.days[kMo] == std::vector<Span>{{hm(8), hm(16)}});
    auto empty = parse("");
    CHECK(empty.ok());
    CHECK(empty.week == Week{});
}

TEST_CASE("opening hours: refused with the character where the slip is") {
    auto day = parse("Lu-Vi 08:00-17:00");
    CHECK(day.problem == Problem::unknown_day);
    CHECK(day.column == 1);
    CHECK(day.near == "Lu");
    auto time = parse("Mo-Fr 08:00-17:60");
    CHECK(time.problem == Problem::bad_time);
    CHECK(time.column == 13);
    CHECK(time.near == "17:60");
    auto hour = parse("Mo 25:00-26:00");
    CHECK(hour.problem == Problem::bad_time);
    CHECK(hour.column == 4);
    auto alone = parse("Mo-Fr 08:00");
    CHECK(alone.problem == Problem::missing_range);
    CHECK(alone.column == 7);
    CHECK(parse("Mo 09:00-09:00").problem == Problem::empty_span);
    CHECK(parse("Mo 09:00-13:00,12:00-15:00").problem == Problem::overlap);
    auto holiday = parse("Mo-Fr 08:00-17:00; PH off");
    CHECK(holiday.problem == Problem::unsupported);
    CHECK(holiday.column == 20);
    CHECK(parse("Mo 08:00-12:00;; Tu 08:00-12:00").problem == Problem::empty_rule);
    CHECK(parse("Mo 08:00-12:00 Tu 08:00-12:00").problem == Problem::trailing);
    // Columns count characters, not bytes: "é" before the slip is one.
    auto accented = parse("Mo 08:00-12:00; Sé 09:00-10:00");
    CHECK(accented.problem == Problem::unknown_day);
    CHECK(accented.column == 17);
    CHECK(parse("Mo 24:00-08:00").problem == Problem::bad_time);  // 24:00 only closes
}

TEST_CASE("opening hours: open now until, closed now opens next") {
    auto week = parse("Mo-Fr 08:00-17:00; Sa 09:00-13:00").week;
    auto open = status_at(week, {kWe, hm(10, 30)});
    CHECK(open.open);
    CHECK(open.known);
    CHECK(open.in_days == 0);
    CHECK(open.minute == hm(17));
    auto evening = status_at(week, {kWe, hm(17)});  // closing minute: closed
    CHECK_FALSE(evening.open);
    CHECK(evening.in_days == 1);
    CHECK(evening.weekday == 3);
    CHECK(evening.minute == hm(8));
    auto saturday = status_at(week, {kSa, hm(14)});
    CHECK_FALSE(saturday.open);
    CHECK(saturday.in_days == 2);
    CHECK(saturday.weekday == kMo);
    CHECK(saturday.minute == hm(8));
    auto early = status_at(week, {kMo, hm(7, 59)});
    CHECK_FALSE(early.open);
    CHECK(early.in_days == 0);
    CHECK(early.minute == hm(8));
    auto sunday = status_at(week, {kSu, hm(23, 59)});
    CHECK(sunday.in_days == 1);
    CHECK(sunday.weekday == kMo);
}

TEST_CASE("opening hours: across midnight, round the clock and never") {
    auto night = parse("Fr-Sa 20:00-02:00").week;
    auto late = status_at(night, {kSa, hm(1, 30)});  // Friday's opening, after midnight
    CHECK(late.open);
    CHECK(late.in_days == 0);
    CHECK(late.minute == hm(2));
    auto before = status_at(night, {kFr, hm(23)});
    CHECK(before.open);
    CHECK(before.in_days == 1);
    CHECK(before.weekday == kSa);
    auto sunday_night = status_at(night, {kSu, hm(1)});  // Saturday's runs into Sunday
    CHECK(sunday_night.open);
    auto midnight = parse("Mo-Fr 18:00-24:00").week;
    auto until = status_at(midnight, {kTu, hm(19)});
    CHECK(until.open);
    CHECK(until.in_days == 0);
    CHECK(until.minute == hm(24));  // "until 24:00", not 00:00 tomorrow
    auto always = status_at(parse("24/7").week, {kTu, hm(3)});
    CHECK(always.open);
    CHECK_FALSE(always.known);
    auto joined = status_at(parse("Mo-Su 00:00-24:00").week, {kSu, hm(23, 59)});
    CHECK(joined.open);
    CHECK_FALSE(joined.known);
    auto never = status_at(Week{}, {kTu, hm(3)});
    CHECK_FALSE(never.open);
    CHECK_FALSE(never.known);
}

TEST_CASE("time zones: IANA names through ICU, a country's zones, wall-clock time") {
    CHECK(is_time_zone("America/Mexico_City"));
    CHECK(is_time_zone("America/Port-au-Prince"));
    CHECK_FALSE(is_time_zone("America/Atlantis"));
    CHECK_FALSE(is_time_zone(""));
    CHECK(zones_of_country("GT") == std::vector<std::string>{"America/Guatemala"});
    CHECK(zones_of_country("MX").size() > 1);
    // 2026-12-07 15:00 UTC, a Monday: 09:00 in Mexico City (UTC-6), 10:00 in Bogotá (UTC-5),
    // 12:00 in São Paulo (UTC-3).
    const auto now = utc(2026, 12, 7, 15, 0);
    auto mexico = local_time(now, "America/Mexico_City");
    REQUIRE(mexico);
    CHECK(mexico->weekday == kMo);
    CHECK(mexico->minute == hm(9));
    CHECK(local_time(now, "America/Bogota")->minute == hm(10));
    CHECK(local_time(now, "America/Sao_Paulo")->minute == hm(12));
    // The same instant is already Tuesday 04:00 in Auckland (UTC+13 in its summer).
    auto auckland = local_time(now, "Pacific/Auckland");
    CHECK(auckland->weekday == kTu);
    CHECK(auckland->minute == hm(4));
    // Sunday 2026-12-06 23:30 in Mexico City is already Monday in UTC.
    auto before_midnight = local_time(utc(2026, 12, 7, 5, 30), "America/Mexico_City");
    CHECK(before_midnight->weekday == kSu);
    CHECK(before_midnight->minute == hm(23, 30));
    CHECK_FALSE(local_time(now, "Nowhere/City"));
}

TEST_CASE("time zones: a DST change moves the wall clock, and so open or closed") {
    // New York springs forward on 2026-03-08 at 02:00 EST (07:00 UTC) to 03:00 EDT.
    auto before = local_time(utc(2026, 3, 8, 6, 30), "America/New_York");
    auto after = local_time(utc(2026, 3, 8, 7, 30), "America/New_York");
    CHECK(before->minute == hm(1, 30));
    CHECK(after->minute == hm(3, 30));
    // On Monday 2026-03-09 at 12:30 UTC a 08:00-17:00 office is open (08:30 EDT); a week
    // before, in EST, the same UTC time was 07:30 and it was closed.
    auto week = parse("Mo-Fr 08:00-17:00").week;
    CHECK(status_at(week, *local_time(utc(2026, 3, 9, 12, 30), "America/New_York")).open);
    auto winter = status_at(week, *local_time(utc(2026, 3, 2, 12, 30), "America/New_York"));
    CHECK_FALSE(winter.open);
    CHECK(winter.minute == hm(8));
    // Santiago de Chile falls back on 2026-04-05 (00:00 CLST back to 23:00 CLT on the 4th).
    auto santiago = local_time(utc(2026, 4, 5, 3, 30), "America/Santiago");
    CHECK(santiago->weekday == kSa);
    CHECK(santiago->minute == hm(23, 30));
}
