// SPDX-License-Identifier: GPL-3.0-or-later
#include "value_help.h"

#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <map>
#include <vector>

#include "text_search.h"

namespace guichet::content::sources {
namespace {

std::u32string code_points(std::string_view utf8) {
    std::u32string out;
    for (size_t i = 0; i < utf8.size();) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        int length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = length == 1 ? c : c & (0x3F >> (length - 1));
        for (int k = 1; k < length && i + static_cast<size_t>(k) < utf8.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + static_cast<size_t>(k)]) & 0x3F);
        out += cp;
        i += static_cast<size_t>(length);
    }
    return out;
}

// Folded country names in the staff languages → ISO code, from ICU's own locale data.
const std::map<std::string, std::string>& country_names() {
    static const std::map<std::string, std::string> names = [] {
        std::map<std::string, std::string> m;
        for (const char* const* code = uloc_getISOCountries(); *code; ++code) {
            std::string locale = std::string("und_") + *code;
            for (const char* display : {"es", "fr", "pt", "en"}) {
                UChar buffer[128];
                UErrorCode status = U_ZERO_ERROR;
                int32_t length =
                    uloc_getDisplayCountry(locale.c_str(), display, buffer, 128, &status);
                if (U_FAILURE(status) || length <= 0) continue;
                char utf8[512];
                int32_t utf8_length = 0;
                status = U_ZERO_ERROR;
                u_strToUTF8(utf8, sizeof utf8, &utf8_length, buffer, length, &status);
                if (U_FAILURE(status)) continue;
                m.emplace(text::fold(std::string_view(utf8, static_cast<size_t>(utf8_length))),
                          *code);
            }
        }
        return m;
    }();
    return names;
}

}  // namespace

int edit_distance(std::string_view a, std::string_view b) {
    std::u32string x = code_points(text::fold(a)), y = code_points(text::fold(b));
    std::vector<int> row(y.size() + 1);
    for (size_t j = 0; j <= y.size(); ++j) row[j] = static_cast<int>(j);
    for (size_t i = 1; i <= x.size(); ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        for (size_t j = 1; j <= y.size(); ++j) {
            int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] != y[j - 1])});
            diagonal = above;
        }
    }
    return row[y.size()];
}

std::optional<std::string> nearest(std::string_view value, const std::set<std::string>& valid) {
    if (value.size() > 200) return std::nullopt;
    std::optional<std::string> best;
    int best_distance = 0;
    int letters = static_cast<int>(code_points(text::fold(value)).size());
    int allowed = std::min(3, std::max(1, letters / 3));
    for (const auto& candidate : valid) {
        int d = edit_distance(value, candidate);
        if (d <= allowed && (!best || d < best_distance)) {
            best = candidate;
            best_distance = d;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view value, const std::set<std::string>& valid) {
    std::string out;
    if (auto near = nearest(value, valid)) out = "; did you mean '" + *near + "'?";
    std::string list;
    for (const auto& v : valid) list += (list.empty() ? "" : ", ") + v;
    return out + (out.empty() ? ". Valid: " : " Valid: ") + list;
}

std::optional<std::string> country_code(std::string_view value) {
    if (value.size() == 2 && std::isalpha(static_cast<unsigned char>(value[0])) &&
        std::isalpha(static_cast<unsigned char>(value[1]))) {
        std::string upper{static_cast<char>(std::toupper(static_cast<unsigned char>(value[0]))),
                          static_cast<char>(std::toupper(static_cast<unsigned char>(value[1])))};
        for (const char* const* code = uloc_getISOCountries(); *code; ++code)
            if (upper == *code) return upper;
        return std::nullopt;
    }
    if (value.size() > 100) return std::nullopt;
    auto it = country_names().find(text::fold(value));
    if (it == country_names().end()) return std::nullopt;
    return it->second;
}

}  // namespace guichet::content::sources
