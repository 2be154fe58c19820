// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/dates.h"

#include <unicode/udat.h>
#include <unicode/unum.h>
#include <unicode/ureldatefmt.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include <charconv>
#include <ctime>
#include <memory>

#include "kiosk/ui_strings.h"

namespace guichet::kiosk {
namespace {

struct DateFormatCloser {
    void operator()(UDateFormat* format) const { udat_close(format); }
};
using DateFormat = std::unique_ptr<UDateFormat, DateFormatCloser>;

// `utc`: format in UTC (a calendar day given as a date), else in the kiosk's time zone.
DateFormat open_format(UDateFormatStyle style, const std::string& locale, bool utc) {
    UErrorCode status = U_ZERO_ERROR;
    DateFormat format(udat_open(UDAT_NONE, style, locale.c_str(), utc ? u"UTC" : nullptr,
                                utc ? 3 : -1, nullptr, -1, &status));
    if (U_FAILURE(status)) return nullptr;
    return format;
}

std::string language_of(const char* locale) {
    char language[ULOC_LANG_CAPACITY] = {};
    UErrorCode status = U_ZERO_ERROR;
    uloc_getLanguage(locale, language, sizeof language, &status);
    return U_SUCCESS(status) ? language : "";
}

// The ICU locale for `language`: Arabic with the Latin digits the kiosk shows everywhere else
// (opening hours, phone numbers), so one screen never mixes two kinds of digits.
std::string icu_locale(std::string_view language) {
    std::string locale(language);
    for (char& c : locale)
        if (c == '-') c = '_';
    if (language_of(locale.c_str()) == "ar") locale += "@numbers=latn";
    return locale;
}

// Whether ICU formats `language` with its own data (CLDR maps ht to fr_HT's words).
bool icu_speaks(const std::string& locale) {
    DateFormat format = open_format(UDAT_LONG, locale, true);
    if (!format) return false;
    UErrorCode status = U_ZERO_ERROR;
    const char* used = udat_getLocaleByType(format.get(), ULOC_VALID_LOCALE, &status);
    return U_SUCCESS(status) && used && language_of(used) == language_of(locale.c_str());
}

std::string to_utf8(const UChar* text, int32_t length) {
    char utf8[512];
    int32_t utf8_length = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strToUTF8(utf8, sizeof utf8, &utf8_length, text, length, &status);
    if (U_FAILURE(status)) return {};
    return std::string(utf8, static_cast<size_t>(utf8_length));
}

std::string format_date(std::int64_t unix_seconds, std::string_view language, bool utc) {
    const std::string locale = icu_locale(language);
    DateFormat format = open_format(UDAT_LONG, locale, utc);
    if (format && !icu_speaks(locale)) {
        // The language's own month names when its PO file has them (day month year, the order
        // of the languages concerned: ht), else digits in its region's order, never another
        // language's words.
        const std::time_t seconds = static_cast<std::time_t>(unix_seconds);
        std::tm parts{};
        if (utc ? gmtime_r(&seconds, &parts) : localtime_r(&seconds, &parts)) {
            const std::string_view month = ui_string_cell(
                "month." + std::to_string(parts.tm_mon + 1), language.substr(0, language.find('-')));
            if (!month.empty())
                return std::to_string(parts.tm_mday) + " " + std::string(month) + " " +
                       std::to_string(parts.tm_year + 1900);
        }
        UErrorCode status = U_ZERO_ERROR;
        const char* used = udat_getLocaleByType(format.get(), ULOC_VALID_LOCALE, &status);
        format = open_format(UDAT_SHORT, used && U_SUCCESS(status) ? used : locale, utc);
    }
    if (!format) return {};
    UChar text[128];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = udat_format(format.get(), static_cast<UDate>(unix_seconds) * 1000.0,
                                       text, 128, nullptr, &status);
    if (U_FAILURE(status)) return {};
    return to_utf8(text, length);
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int year, int month, int day) {
    const int y = year - (month <= 2);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int year_of_era = y - era * 400;
    const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return static_cast<std::int64_t>(era) * 146097 + day_of_era - 719468;
}

std::optional<std::int64_t> parse_day(std::string_view iso_day) {
    int year = 0, month = 0, day = 0;
    auto number = [&](std::size_t at, std::size_t length, int& out) {
        const auto [end, ec] =
            std::from_chars(iso_day.data() + at, iso_day.data() + at + length, out);
        return ec == std::errc{} && end == iso_day.data() + at + length;
    };
    if (iso_day.size() != 10 || iso_day[4] != '-' || iso_day[7] != '-' || !number(0, 4, year) ||
        !number(5, 2, month) || !number(8, 2, day) || month < 1 || month > 12 || day < 1 ||
        day > 31)
        return std::nullopt;
    return days_from_civil(year, month, day);
}

}  // namespace

std::string format_long_date(std::int64_t unix_seconds, std::string_view language) {
    return format_date(unix_seconds, language, false);
}

std::string format_calendar_day(std::string_view iso_day, std::string_view language) {
    const auto days = parse_day(iso_day);
    if (!days) return std::string(iso_day);
    const std::string formatted = format_date(*days * 86400, language, true);
    return formatted.empty() ? std::string(iso_day) : formatted;
}

std::optional<int> days_since(std::string_view iso_day, std::int64_t now_unix) {
    const auto day = parse_day(iso_day);
    if (!day || now_unix <= 0) return std::nullopt;
    // Today is the kiosk's local calendar day, the one its visitors live in.
    const std::time_t seconds = static_cast<std::time_t>(now_unix);
    std::tm local{};
    if (!localtime_r(&seconds, &local)) return std::nullopt;
    const std::int64_t today = days_from_civil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
    return static_cast<int>(today - *day);
}

std::string format_days_ago(int days, std::string_view language) {
    if (days < 0) return {};
    const std::string locale = icu_locale(language);
    if (!icu_speaks(locale)) {
        const std::string base(language.substr(0, language.find('-')));
        const std::string_view pattern = ui_string_cell(
            days == 0 ? "ago.today" : days == 1 ? "ago.yesterday" : "ago.days", base);
        return pattern.empty() ? std::string() : format1(pattern, std::to_string(days));
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<URelativeDateTimeFormatter, void (*)(URelativeDateTimeFormatter*)> format(
        ureldatefmt_open(locale.c_str(), nullptr, UDAT_STYLE_LONG, UDISPCTX_CAPITALIZATION_NONE,
                         &status),
        ureldatefmt_close);
    if (U_FAILURE(status) || !format) return {};
    UChar text[128];
    const int32_t length = ureldatefmt_format(format.get(), -static_cast<double>(days),
                                              UDAT_REL_UNIT_DAY, text, 128, &status);
    if (U_FAILURE(status)) return {};
    return to_utf8(text, length);
}

std::string format_news_date(std::string_view iso_day, std::int64_t now_unix,
                             std::string_view language) {
    // Up to a month, how long ago reads faster than a date; after that the date says more.
    if (const auto days = days_since(iso_day, now_unix); days && *days >= 0 && *days <= 30)
        if (std::string ago = format_days_ago(*days, language); !ago.empty()) return ago;
    return format_calendar_day(iso_day, language);
}

std::string format_number(double value, std::string_view language, int max_fraction_digits) {
    std::string locale = icu_locale(language);
    // Numbers are not words: a language CLDR lacks writes them like the region's (ht as fr).
    if (!icu_speaks(locale)) locale = language.starts_with("ht") ? "fr_HT" : "en";
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UNumberFormat, void (*)(UNumberFormat*)> format(
        unum_open(UNUM_DECIMAL, nullptr, 0, locale.c_str(), nullptr, &status), unum_close);
    if (U_FAILURE(status) || !format) return std::to_string(value);
    unum_setAttribute(format.get(), UNUM_MAX_FRACTION_DIGITS, max_fraction_digits);
    unum_setAttribute(format.get(), UNUM_GROUPING_USED, 1);
    UChar text[64];
    const int32_t length = unum_formatDouble(format.get(), value, text, 64, nullptr, &status);
    if (U_FAILURE(status)) return std::to_string(value);
    return to_utf8(text, length);
}

}  // namespace guichet::kiosk
