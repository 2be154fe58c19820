// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/places.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <numeric>

#include "kiosk/dates.h"
#include "kiosk/ui_strings.h"

namespace guichet::kiosk {
namespace {

constexpr const char* kDayKeys[] = {"day.mo", "day.tu", "day.we", "day.th",
                                    "day.fr", "day.sa", "day.su"};

}  // namespace

std::string clock_time(int minute_of_day) {
    minute_of_day = std::clamp(minute_of_day, 0, 1440);
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
    return buffer;
}

std::vector<HoursRow> hours_rows(const content::hours::Week& week, int today, const Translate& t) {
    std::vector<HoursRow> rows;
    for (int d = 0; d < 7; ++d) {
        HoursRow row;
        row.day = t(kDayKeys[d]);
        row.today = d == today;
        for (const auto& span : week.days[d]) {
            if (!row.times.empty()) row.times += ", ";
            // An en dash between times; a span past midnight shows its end as the clock reads.
            row.times += clock_time(span.start) + "\xE2\x80\x93" +
                         clock_time(span.end > 1440 ? span.end - 1440 : span.end);
        }
        if (row.times.empty()) row.times = t("hours.closed");
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string open_status_text(const content::hours::Status& status, const Translate& t) {
    if (status.open)
        return status.known ? format1(t("hours.open_until"), clock_time(status.minute))
                            : std::string(t("hours.open_always"));
    if (!status.known) return t("hours.closed_now");
    const std::string time = clock_time(status.minute);
    if (status.in_days == 0) return format1(t("hours.opens_today"), time);
    if (status.in_days == 1) return format1(t("hours.opens_tomorrow"), time);
    return format1(t("hours.opens_on"), t(kDayKeys[status.weekday]) + " " + time);
}

std::optional<OpeningNow> opening_now(std::string_view opening_hours, std::string_view zone,
                                      std::int64_t unix_seconds, const Translate& t) {
    if (opening_hours.empty()) return std::nullopt;
    const auto parsed = content::hours::parse(opening_hours);
    if (!parsed.ok()) return std::nullopt;
    auto local = content::hours::local_time(unix_seconds, zone);
    if (!local) {
        // The kiosk's own zone (the system's, as dates on screen use).
        std::time_t now = static_cast<std::time_t>(unix_seconds);
        std::tm parts{};
        localtime_r(&now, &parts);
        local = content::hours::LocalTime{(parts.tm_wday + 6) % 7, parts.tm_hour * 60 + parts.tm_min};
    }
    const auto status = content::hours::status_at(parsed.week, *local);
    OpeningNow out;
    out.rows = hours_rows(parsed.week, local->weekday, t);
    out.status = open_status_text(status, t);
    out.open = status.open;
    return out;
}

double distance_km(double lat1, double lon1, double lat2, double lon2) {
    constexpr double kRadius = 6371.0088, kRad = 3.14159265358979323846 / 180.0;
    const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
    const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) *
                         std::sin(dlon / 2);
    return 2 * kRadius * std::asin(std::min(1.0, std::sqrt(a)));
}

int walking_minutes(double km) {
    if (!(km >= 0) || km >= 3.0) return 0;
    const double minutes = km * 1.25 / 4.5 * 60.0;
    return std::max(5, static_cast<int>(std::ceil(minutes / 5.0)) * 5);
}

std::string distance_text(double km, std::string_view language, const Translate& t) {
    std::string text;
    if (km < 1.0) {
        // Metres to the nearest 50: a kiosk's location is not finer than that.
        const int metres = std::max(50, static_cast<int>(std::lround(km * 1000 / 50.0)) * 50);
        text = format_number(metres, language, 0) + " m";
    } else {
        // The language's decimal sign and grouping (ICU, as every number a visitor reads):
        // "2,4 km", "1.250 km" in es, "1,250 km" in en, "1 250 km" in fr.
        text = format_number(km, language, km < 10.0 ? 1 : 0) + " km";
    }
    if (const int walk = walking_minutes(km); walk > 0)
        text += " \xC2\xB7 " + format1(t("distance.walk"), std::to_string(walk));
    return text;
}

std::vector<std::size_t> nearest_first(const std::vector<Located>& places, double lat, double lon) {
    std::vector<std::size_t> order(places.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<double> km(places.size(), HUGE_VAL);
    for (std::size_t i = 0; i < places.size(); ++i)
        if (places[i].lat && places[i].lon)
            km[i] = distance_km(lat, lon, *places[i].lat, *places[i].lon);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return km[a] < km[b]; });
    return order;
}

}  // namespace guichet::kiosk
