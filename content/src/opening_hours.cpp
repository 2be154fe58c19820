// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/opening_hours.h"

#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace guichet::content::hours {
namespace {

constexpr int kDay = 1440;
constexpr int kWeek = 7 * kDay;
constexpr const char* kDayNames[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};

// Words of the full OpenStreetMap syntax that this subset does not read: said as such, so
// staff know the value is not a slip but a feature to write another way.
bool unsupported_word(std::string_view word) {
    static const char* const kWords[] = {"PH",  "SH",  "week", "Jan",     "Feb",    "Mar",
                                         "Apr", "May", "Jun",  "Jul",     "Aug",    "Sep",
                                         "Oct", "Nov", "Dec",  "sunrise", "sunset", "dawn",
                                         "dusk", "easter", "open", "unknown"};
    for (const char* w : kWords) {
        std::string_view v(w);
        if (v.size() == word.size() &&
            std::equal(v.begin(), v.end(), word.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            }))
            return true;
    }
    return false;
}

class Parser {
  public:
    explicit Parser(std::string_view text) : text_(text) {}

    ParseResult run() {
        ParseResult result;
        skip_blanks();
        if (at_end()) return result;
        while (true) {
            skip_blanks();
            if (at_end()) break;  // a trailing ';' is harmless
            if (peek() == ';') return fail(Problem::empty_rule, pos_, 1);
            std::array<bool, 7> days{};
            std::vector<Span> spans;
            bool closed = false;
            if (!rule(days, spans, closed)) return result_;
            for (int d = 0; d < 7; ++d)
                if (days[d]) result.week.days[d] = closed ? std::vector<Span>{} : spans;
            skip_blanks();
            if (at_end()) break;
            if (peek() != ';') return fail(Problem::trailing, pos_, word_length(pos_));
            ++pos_;
        }
        return result;
    }

  private:
    bool at_end() const { return pos_ >= text_.size(); }
    char peek(size_t ahead = 0) const {
        return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
    }
    static bool digit(char c) { return c >= '0' && c <= '9'; }
    static bool letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
    void skip_blanks() {
        while (!at_end() && (peek() == ' ' || peek() == '\t')) ++pos_;
    }
    size_t word_length(size_t from) const {
        size_t end = from;
        while (end < text_.size() && text_[end] != ' ' && text_[end] != ';' && text_[end] != ',')
            ++end;
        return std::max<size_t>(1, end - from);
    }

    ParseResult fail(Problem problem, size_t at, size_t length) {
        result_ = {};
        result_.problem = problem;
        // Columns count characters, as a spreadsheet cell shows them.
        int column = 1;
        for (size_t i = 0; i < at && i < text_.size(); ++i)
            if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
        result_.column = column;
        result_.near = std::string(text_.substr(std::min(at, text_.size()), length));
        return result_;
    }

    // One rule: [days] (times | off | closed), or 24/7.
    bool rule(std::array<bool, 7>& days, std::vector<Span>& spans, bool& closed) {
        if (text_.substr(pos_, 4) == "24/7") {
            pos_ += 4;
            days.fill(true);
            spans = {{0, kDay}};
            return true;
        }
        if (letter(peek())) {
            if (!day_selector(days)) return false;
            skip_blanks();
        } else {
            days.fill(true);
        }
        if (letter(peek())) {
            const size_t start = pos_;
            while (letter(peek())) ++pos_;
            std::string word(text_.substr(start, pos_ - start));
            for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (word == "off" || word == "closed") {
                closed = true;
                return true;
            }
            fail(unsupported_word(word) ? Problem::unsupported : Problem::unknown_day, start,
                 pos_ - start);
            return false;
        }
        if (!digit(peek())) {
            fail(at_end() || peek() == ';' ? Problem::missing_range : Problem::bad_time, pos_,
                 word_length(pos_));
            return false;
        }
        while (true) {
            Span span;
            const size_t span_at = pos_;
            if (!time(span.start, false)) return false;
            skip_blanks();
            if (peek() != '-') {
                fail(Problem::missing_range, span_at, pos_ - span_at);
                return false;
            }
            ++pos_;
            skip_blanks();
            if (!digit(peek())) {
                fail(Problem::missing_range, span_at, pos_ - span_at);
                return false;
            }
            if (!time(span.end, true)) return false;
            if (span.end == span.start) {
                fail(Problem::empty_span, span_at, pos_ - span_at);
                return false;
            }
            if (span.end < span.start) span.end += kDay;  // runs past midnight
            for (const Span& other : spans)
                if (span.start < other.end && other.start < span.end) {
                    fail(Problem::overlap, span_at, pos_ - span_at);
                    return false;
                }
            spans.push_back(span);
            skip_blanks();
            if (peek() != ',') break;
            ++pos_;
            skip_blanks();
        }
        std::sort(spans.begin(), spans.end(),
                  [](const Span& a, const Span& b) { return a.start < b.start; });
        return true;
    }

    // H:MM or HH:MM, 00:00 to 24:00 (24:00 only as an end).
    bool time(int& minutes, bool is_end) {
        const size_t start = pos_;
        int hour = 0, digits = 0;
        while (digit(peek()) && digits < 3) hour = hour * 10 + (text_[pos_++] - '0'), ++digits;
        bool good = digits >= 1 && digits <= 2 && peek() == ':' && digit(peek(1)) &&
                    digit(peek(2)) && !digit(peek(3));
        int minute = good ? (peek(1) - '0') * 10 + (peek(2) - '0') : 0;
        if (good) pos_ += 3;
        good = good && minute <= 59 && (hour < 24 || (is_end && hour == 24 && minute == 0));
        if (!good) {
            while (!at_end() && (digit(peek()) || peek() == ':' || peek() == '.' ||
                                 peek() == 'h' || peek() == 'H'))
                ++pos_;
            fail(Problem::bad_time, start, std::max<size_t>(1, pos_ - start));
            return false;
        }
        minutes = hour * 60 + minute;
        return true;
    }

    int day(size_t& length) {
        const size_t start = pos_;
        while (letter(peek())) ++pos_;
        length = pos_ - start;
        if (length == 2) {
            for (int d = 0; d < 7; ++d) {
                const char* name = kDayNames[d];
                if (std::tolower(static_cast<unsigned char>(text_[start])) ==
                        std::tolower(static_cast<unsigned char>(name[0])) &&
                    std::tolower(static_cast<unsigned char>(text_[start + 1])) ==
                        std::tolower(static_cast<unsigned char>(name[1])))
                    return d;
            }
        }
        return -1;
    }

    bool day_selector(std::array<bool, 7>& days) {
        while (true) {
            const size_t start = pos_;
            size_t length = 0;
            const int first = day(length);
            if (first < 0) {
                std::string_view word = text_.substr(start, length);
                if (word == "off" || word == "closed" || word == "Off" || word == "Closed") {
                    // "off" with no days: every day closed.
                    pos_ = start;
                    days.fill(true);
                    return true;
                }
                fail(unsupported_word(word) ? Problem::unsupported : Problem::unknown_day, start,
                     length);
                return false;
            }
            int last = first;
            skip_blanks();
            if (peek() == '-' && letter(peek(1 + (peek(1) == ' ' ? 1 : 0)))) {
                ++pos_;
                skip_blanks();
                const size_t second_at = pos_;
                last = day(length);
                if (last < 0) {
                    std::string_view word = text_.substr(second_at, length);
                    fail(unsupported_word(word) ? Problem::unsupported : Problem::unknown_day,
                         second_at, length);
                    return false;
                }
            }
            for (int d = first;; d = (d + 1) % 7) {
                days[d] = true;
                if (d == last) break;
            }
            skip_blanks();
            if (peek() != ',' || !letter(peek(1 + (peek(1) == ' ' ? 1 : 0)))) return true;
            ++pos_;
            skip_blanks();
        }
    }

    std::string_view text_;
    size_t pos_ = 0;
    ParseResult result_;
};

std::string hhmm(int minutes) {
    minutes %= kDay + 1;
    std::string out;
    out += static_cast<char>('0' + minutes / 600);
    out += static_cast<char>('0' + minutes / 60 % 10);
    out += ':';
    out += static_cast<char>('0' + minutes % 60 / 10);
    out += static_cast<char>('0' + minutes % 10);
    return out;
}

}  // namespace

ParseResult parse(std::string_view text) {
    return Parser(text).run();
}

std::string to_string(const Week& week) {
    auto times = [](const std::vector<Span>& spans) {
        if (spans.empty()) return std::string("off");
        std::string out;
        for (const Span& s : spans) {
            if (!out.empty()) out += ',';
            out += hhmm(s.start) + "-" + hhmm(s.end > kDay ? s.end - kDay : s.end);
        }
        return out;
    };
    if (std::all_of(week.days.begin(), week.days.end(),
                    [](const auto& d) { return d.size() == 1 && d[0] == Span{0, kDay}; }))
        return "24/7";
    std::string out;
    for (int d = 0; d < 7;) {
        int e = d;
        while (e + 1 < 7 && week.days[e + 1] == week.days[d]) ++e;
        if (!week.days[d].empty()) {
            if (!out.empty()) out += "; ";
            out += kDayNames[d];
            if (e > d) out += std::string(e == d + 1 ? "," : "-") + kDayNames[e];
            out += " " + times(week.days[d]);
        }
        d = e + 1;
    }
    return out;
}

Status status_at(const Week& week, LocalTime now) {
    // The week's spans on one line of minutes from Monday 00:00, repeated over the weeks
    // before and after so spans past midnight and round the week's end join up; touching
    // spans merge (Mo 18:00-24:00 and Tu 00:00-02:00 are one opening).
    std::vector<Span> line;
    for (int copy = -1; copy <= 1; ++copy)
        for (int d = 0; d < 7; ++d)
            for (const Span& s : week.days[d])
                line.push_back({copy * kWeek + d * kDay + s.start, copy * kWeek + d * kDay + s.end});
    std::sort(line.begin(), line.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    std::vector<Span> merged;
    for (const Span& s : line) {
        if (!merged.empty() && s.start <= merged.back().end)
            merged.back().end = std::max(merged.back().end, s.end);
        else
            merged.push_back(s);
    }
    const int weekday = ((now.weekday % 7) + 7) % 7;
    const int at = weekday * kDay + std::clamp(now.minute, 0, kDay - 1);
    Status status;
    auto place = [&](int minute_line, bool closing) {
        status.known = true;
        // A closing at midnight is "until 24:00" of the day it ends, not 00:00 of the next.
        int day = minute_line / kDay - (minute_line < 0 && minute_line % kDay ? 1 : 0);
        int minute = minute_line - day * kDay;
        if (closing && minute == 0) --day, minute = kDay;
        status.in_days = day - weekday;
        status.weekday = ((day % 7) + 7) % 7;
        status.minute = minute;
    };
    for (const Span& s : merged) {
        if (s.start <= at && at < s.end) {
            status.open = true;
            // Open round the whole week: it never closes.
            if (s.end - s.start >= 2 * kWeek) return status;
            place(s.end, true);
            return status;
        }
        if (s.start > at) {
            place(s.start, false);
            return status;
        }
    }
    return status;
}

bool is_time_zone(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(
        icu::UnicodeString::fromUTF8(icu::StringPiece(id.data(), static_cast<int32_t>(id.size())))));
    return zone && *zone != icu::TimeZone::getUnknown();
}

std::vector<std::string> zones_of_country(std::string_view country) {
    std::vector<std::string> out;
    if (country.size() != 2) return out;
    const std::string region(country);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::StringEnumeration> zones(icu::TimeZone::createTimeZoneIDEnumeration(
        UCAL_ZONE_TYPE_CANONICAL_LOCATION, region.c_str(), nullptr, status));
    if (U_FAILURE(status) || !zones) return out;
    while (const char* zone = zones->next(nullptr, status)) {
        if (U_FAILURE(status)) break;
        out.emplace_back(zone);
    }
    return out;
}

std::optional<LocalTime> local_time(std::int64_t unix_seconds, std::string_view zone_id) {
    if (!is_time_zone(zone_id)) return std::nullopt;
    std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(
        icu::StringPiece(zone_id.data(), static_cast<int32_t>(zone_id.size())))));
    UErrorCode status = U_ZERO_ERROR;
    int32_t raw = 0, dst = 0;
    zone->getOffset(static_cast<UDate>(unix_seconds) * 1000.0, false, raw, dst, status);
    if (U_FAILURE(status)) return std::nullopt;
    const std::int64_t local = unix_seconds + (raw + dst) / 1000;
    std::int64_t days = local / 86400, seconds = local % 86400;
    if (seconds < 0) seconds += 86400, --days;
    // 1970-01-01 was a Thursday: ISO weekday 3 counting Monday as 0.
    LocalTime out;
    out.weekday = static_cast<int>(((days + 3) % 7 + 7) % 7);
    out.minute = static_cast<int>(seconds / 60);
    return out;
}

}  // namespace guichet::content::hours
