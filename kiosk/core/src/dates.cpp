// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/dates.h"

#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include <charconv>
#include <memory>

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

std::string format_date(std::int64_t unix_seconds, std::string_view language, bool utc) {
    std::string locale(language);
    for (char& c : locale)
        if (c == '-') c = '_';
    DateFormat format = open_format(UDAT_LONG, locale, utc);
    if (format) {
        UErrorCode status = U_ZERO_ERROR;
        const char* used = udat_getLocaleByType(format.get(), ULOC_VALID_LOCALE, &status);
        // CLDR maps some languages to another's data (ht → fr_HT): digits, not French words.
        if (U_FAILURE(status) || !used || language_of(used) != language_of(locale.c_str()))
            format = open_format(UDAT_SHORT, used && U_SUCCESS(status) ? used : locale, utc);
    }
    if (!format) return {};
    UChar text[128];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = udat_format(format.get(), static_cast<UDate>(unix_seconds) * 1000.0,
                                       text, 128, nullptr, &status);
    if (U_FAILURE(status)) return {};
    char utf8[512];
    int32_t utf8_length = 0;
    u_strToUTF8(utf8, sizeof utf8, &utf8_length, text, length, &status);
    if (U_FAILURE(status)) return {};
    return std::string(utf8, static_cast<size_t>(utf8_length));
}

}  // namespace

std::string format_long_date(std::int64_t unix_seconds, std::string_view language) {
    return format_date(unix_seconds, language, false);
}

std::string format_calendar_day(std::string_view iso_day, std::string_view language) {
    int year = 0, month = 0, day = 0;
    auto number = [&](std::size_t at, std::size_t length, int& out) {
        const auto [end, ec] =
            std::from_chars(iso_day.data() + at, iso_day.data() + at + length, out);
        return ec == std::errc{} && end == iso_day.data() + at + length;
    };
    if (iso_day.size() != 10 || iso_day[4] != '-' || iso_day[7] != '-' || !number(0, 4, year) ||
        !number(5, 2, month) || !number(8, 2, day) || month < 1 || month > 12 || day < 1 ||
        day > 31)
        return std::string(iso_day);
    // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    const int y = year - (month <= 2);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int year_of_era = y - era * 400;
    const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + day_of_era - 719468;
    const std::string formatted = format_date(days * 86400, language, true);
    return formatted.empty() ? std::string(iso_day) : formatted;
}

}  // namespace guichet::kiosk
