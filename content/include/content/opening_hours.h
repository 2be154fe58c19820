// SPDX-License-Identifier: GPL-3.0-or-later
// Structured opening hours: a subset of OpenStreetMap's opening_hours syntax
// ("Mo-Fr 08:00-17:00; Sa 09:00-13:00", "24/7", "Mo-Fr 09:00-13:00,15:00-18:00; Su off"),
// parsed into one week, and whether a place is open at a wall-clock time in its time zone.
// Pure functions but for the time-zone lookups (ICU); errors carry the 1-based column.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::content::hours {

// Minutes from the day's midnight. `end` may pass 1440 when a span runs past midnight
// ("Fr 22:00-02:00" is {1320, 1560} on Friday).
struct Span {
    int start = 0;
    int end = 0;
    bool operator==(const Span&) const = default;
};

// days[0] is Monday, days[6] Sunday (ISO 8601 order, as OpenStreetMap writes them).
struct Week {
    std::array<std::vector<Span>, 7> days;
    bool operator==(const Week&) const = default;
};

enum class Problem {
    none,
    empty_rule,       // ";;" or a trailing ';' followed by nothing
    unknown_day,      // "Lu", "Monday": not Mo Tu We Th Fr Sa Su
    bad_time,         // "8:00", "25:00", "08:60": not HH:MM from 00:00 to 24:00
    missing_range,    // "08:00" alone, "08:00-": a time needs "-" and an end
    empty_span,       // "09:00-09:00"
    overlap,          // two spans of one rule overlap
    unsupported,      // PH, SH, week numbers, months, sunrise: outside the subset we read
    trailing,         // something after a rule's times
};

struct ParseResult {
    Week week;
    Problem problem = Problem::none;
    int column = 0;      // 1-based, in characters (code points), where the problem starts
    std::string near;    // the text at the problem, as written (for the message)
    bool ok() const { return problem == Problem::none; }
};

// Rules are separated by ';' and applied in order; a later rule replaces the days it names
// (OpenStreetMap's meaning: "Mo-Sa 08:00-17:00; Sa 09:00-12:00"). A rule is an optional day
// selector (Mo, Mo-Fr, Mo,We,Fr; Fr-Mo wraps round the week) and either times
// ("08:00-12:00,14:00-18:00") or "off"/"closed". "24/7" is every day all day. An empty text is
// an empty week (no hours known); check `empty` before parsing to tell it from "closed".
ParseResult parse(std::string_view text);

// The week written back in the syntax parse reads (normalised: "Mo-Fr 08:00-17:00; Sa 09:00-13:00").
std::string to_string(const Week& week);

// A wall-clock moment: the ISO weekday (0 Monday … 6 Sunday) and the minute of the day.
struct LocalTime {
    int weekday = 0;
    int minute = 0;
};

struct Status {
    bool open = false;
    // Open: when it closes (days from today, 0 today or 1 tomorrow past midnight; minute).
    // Closed: when it opens next (0 later today … 7 the same weekday next week).
    // `known` is false when it never closes (24/7) or never opens (an empty week).
    bool known = false;
    int in_days = 0;
    int weekday = 0;
    int minute = 0;
};

// Open at `now`, and until when; or closed, and when it opens next. A span of the day before
// that runs past midnight counts; a span closing at 24:00 that the next day continues from
// 00:00 is one opening ("Mo-Su 00:00-24:00" never closes).
Status status_at(const Week& week, LocalTime now);

// IANA time zones through ICU: whether `id` is a zone ICU knows ("America/Mexico_City"; links
// such as "US/Eastern" count), the canonical zones of a country (ISO 3166-1 alpha-2), and the
// wall-clock time of `unix_seconds` in a zone (nullopt for an unknown zone).
bool is_time_zone(std::string_view id);
std::vector<std::string> zones_of_country(std::string_view country);
std::optional<LocalTime> local_time(std::int64_t unix_seconds, std::string_view zone);

}  // namespace guichet::content::hours
