// SPDX-License-Identifier: GPL-3.0-or-later
// Dates and numbers shown to visitors, written the way their language writes them (ICU's CLDR
// data; for a language CLDR has no words for, the month and "days ago" names of its PO file).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace guichet::kiosk {

// The calendar day of `unix_seconds` in the kiosk's time zone, as a long date in `language`
// ("27 de noviembre de 2026", "27 novembre 2026"). A language ICU has no words for (Haitian
// Creole gets French month names from CLDR) is given the day in digits of its region's order
// ("27/11/2026") rather than another language's words — unless the language's PO file names
// the months (month.1 … month.12): Haitian Creole reads "27 novanm 2026".
std::string format_long_date(std::int64_t unix_seconds, std::string_view language);

// A calendar day written as YYYY-MM-DD (content's review dates), the same way; the text as
// given when it is not such a date.
std::string format_calendar_day(std::string_view iso_day, std::string_view language);

// Days from the calendar day `iso_day` (YYYY-MM-DD) to the day of `now_unix` in the kiosk's
// time zone: 0 today, 3 three days ago, negative in the future; nullopt for a text that is no
// such day or a clock that is not set (now_unix <= 0).
std::optional<int> days_since(std::string_view iso_day, std::int64_t now_unix);

// "hace 3 días", "3 days ago", "il y a 3 jours", "yesterday", "today" (ICU's relative date
// format); Haitian Creole from its PO file ("sa fè 3 jou"). Empty for a future day.
std::string format_days_ago(int days, std::string_view language);

// A news item's date where a visitor expects it: "hace 3 días" up to a month old, the full
// date after that, the full date when the clock is not set.
std::string format_news_date(std::string_view iso_day, std::int64_t now_unix,
                             std::string_view language);

// A number with the language's grouping and decimal signs ("63.300" in es, "63,300" in en,
// "63 300" in fr and ht), at most `max_fraction_digits` decimals. Arabic keeps the Latin digits
// the rest of the kiosk shows (hours, phones): "63,300" with Arabic separators.
std::string format_number(double value, std::string_view language, int max_fraction_digits = 1);

}  // namespace guichet::kiosk
