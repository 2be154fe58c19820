#include "dates.h"

#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include <memory>

namespace guichet::kiosk {
namespace {

struct DateFormatCloser {
    void operator()(UDateFormat* format) const { udat_close(format); }
};
using DateFormat = std::unique_ptr<UDateFormat, DateFormatCloser>;

DateFormat open_format(UDateFormatStyle style, const std::string& locale) {
    UErrorCode status = U_ZERO_ERROR;
    DateFormat format(
        udat_open(UDAT_NONE, style, locale.c_str(), nullptr, -1, nullptr, -1, &status));
    if (U_FAILURE(status)) return nullptr;
    return format;
}

std::string language_of(const char* locale) {
    char language[ULOC_LANG_CAPACITY] = {};
    UErrorCode status = U_ZERO_ERROR;
    uloc_getLanguage(locale, language, sizeof language, &status);
    return U_SUCCESS(status) ? language : "";
}

}  // namespace

std::string format_long_date(std::int64_t unix_seconds, std::string_view language) {
    std::string locale(language);
    for (char& c : locale)
        if (c == '-') c = '_';
    DateFormat format = open_format(UDAT_LONG, locale);
    if (format) {
        UErrorCode status = U_ZERO_ERROR;
        const char* used = udat_getLocaleByType(format.get(), ULOC_VALID_LOCALE, &status);
        // CLDR maps some languages to another's data (ht → fr_HT): digits, not French words.
        if (U_FAILURE(status) || !used || language_of(used) != language_of(locale.c_str()))
            format = open_format(UDAT_SHORT, used && U_SUCCESS(status) ? used : locale);
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

}  // namespace guichet::kiosk
