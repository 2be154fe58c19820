// SPDX-License-Identifier: GPL-3.0-or-later
#include "source_values.h"

#include <cctype>
#include <cstdlib>

namespace guichet::content::sources {

const std::set<std::string> kIcons = {"rights",      "integration", "return",        "institutions",
                                      "legislation", "seasonal",    "statistics",    "news",
                                      "cooperation", "about",       "contributions", "regional",
                                      "publications"};
const std::set<std::string> kInstitutionKinds = {
    "public-body", "consulate",           "ngo",
    "university",  "migrant-association", "international-organization"};
const std::set<std::string> kServices = {"legal-aid",
                                         "asylum",
                                         "documents",
                                         "regularization",
                                         "health",
                                         "shelter",
                                         "food",
                                         "employment",
                                         "education",
                                         "psychosocial",
                                         "family-reunification",
                                         "return",
                                         "remittances",
                                         "trafficking-victims",
                                         "information"};
const std::set<std::string> kNewsKinds = {"bulletin", "press", "interview"};
const std::set<std::string> kProgrammeKinds = {"job-insertion", "productive-investment",
                                               "human-capital", "seasonal-work"};
const std::set<std::string> kNormKinds = {"constitution", "law",    "decree",
                                          "regulation",   "treaty", "resolution"};
const std::set<std::string> kDirections = {"offer", "request"};
const std::set<std::string> kPublicationKinds = {"report", "study", "document"};

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> split_list(std::string_view s, char separator) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = s.find(separator, start);
        if (end == std::string_view::npos) end = s.size();
        std::string part = trim(s.substr(start, end - start));
        if (!part.empty()) out.push_back(part);
        start = end + 1;
    }
    return out;
}

std::string join_list(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
    return out;
}

bool is_slug(std::string_view id) {
    if (id.empty() || id.size() > 64 || id.front() == '-' || id.back() == '-') return false;
    char previous = 0;
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && previous == '-')) return false;
        previous = c;
    }
    return true;
}

bool is_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    int y = std::stoi(std::string(s.substr(0, 4)));
    int m = std::stoi(std::string(s.substr(5, 2)));
    int d = std::stoi(std::string(s.substr(8, 2)));
    if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = days[m - 1] + (m == 2 && leap ? 1 : 0);
    return d <= max;
}

bool is_country(std::string_view s) {
    return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

bool is_language_code(std::string_view s) {
    auto parts = split_list(s, '-');
    if (parts.empty() || s.front() == '-' || s.back() == '-') return false;
    if (parts[0].size() < 2 || parts[0].size() > 3) return false;
    for (char c : parts[0])
        if (c < 'a' || c > 'z') return false;
    for (size_t i = 1; i < parts.size(); ++i) {
        if (parts[i].size() < 2 || parts[i].size() > 8) return false;
        for (char c : parts[i])
            if (!std::isalnum(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

bool is_url(std::string_view s) {
    return (s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0) && s.size() > 10 &&
           s.find(' ') == std::string_view::npos;
}

bool is_link(std::string_view s) {
    if (is_url(s)) return true;
    for (std::string_view scheme : {"mailto:", "tel:"})
        if (s.rfind(scheme, 0) == 0 && s.size() > scheme.size() &&
            s.find(' ') == std::string_view::npos)
            return true;
    return false;
}

bool is_phone(std::string_view s) {
    int digits = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            ++digits;
        else if (c == '+' ? i != 0 : std::string_view(" -.()").find(c) == std::string_view::npos)
            return false;
    }
    return digits >= 3 && digits <= 15;
}

bool is_email(std::string_view s) {
    auto at = s.find('@');
    return at != std::string_view::npos && at > 0 && s.find('.', at) != std::string_view::npos &&
           s.find(' ') == std::string_view::npos && s.find('@', at + 1) == std::string_view::npos;
}

std::optional<double> parse_decimal(std::string_view s) {
    if (s.empty()) return std::nullopt;
    bool digit = false, dot = false;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '-' && i == 0) continue;
        if (c == '.' && !dot) {
            dot = true;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        digit = true;
    }
    if (!digit) return std::nullopt;
    return std::strtod(std::string(s).c_str(), nullptr);
}

std::optional<int> parse_year(std::string_view s) {
    if (s.size() != 4) return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9') return std::nullopt;
    int y = std::stoi(std::string(s));
    if (y < 1800 || y > 2100) return std::nullopt;
    return y;
}

std::string bad_time_in_hours(std::string_view text) {
    auto digit = [&](size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
    for (size_t i = 0; i < text.size(); ++i) {
        if (!digit(i) || (i > 0 && (digit(i - 1) || text[i - 1] == ':' || text[i - 1] == '.')))
            continue;
        size_t j = i;
        int hour = 0;
        while (digit(j) && j - i < 3) hour = hour * 10 + (text[j++] - '0');
        if (digit(j)) continue;  // a longer number: a year, a phone
        // The separator: ':' or '.', or 'h' with optional spaces around it.
        size_t k = j;
        while (k < text.size() && text[k] == ' ') ++k;
        bool h = k < text.size() && (text[k] == 'h' || text[k] == 'H');
        bool colon = j < text.size() && (text[j] == ':' || (text[j] == '.' && digit(j + 1)));
        if (!h && !colon) continue;
        size_t m = colon ? j + 1 : k + 1;
        if (h) {
            // "9 h" alone is a time too; a word after 'h' ("9 hours") is not ours to judge.
            if (m < text.size() && std::isalpha(static_cast<unsigned char>(text[m]))) continue;
            while (m < text.size() && text[m] == ' ') ++m;
        }
        int minute = -1;
        size_t end = m;
        if (digit(m)) {
            minute = 0;
            while (digit(end) && end - m < 3) minute = minute * 10 + (text[end++] - '0');
            if (end - m != 2) minute = 99;  // "9:5", "9:075"
        } else if (colon) {
            continue;  // "Nota: 3" is not a time
        } else {
            end = k + 1;
        }
        bool valid = hour <= 24 && (minute < 0 || minute <= 59) && !(hour == 24 && minute > 0);
        if (!valid) return std::string(text.substr(i, end - i));
        i = end - 1;
    }
    return "";
}

}  // namespace guichet::content::sources
