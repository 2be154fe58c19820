// SPDX-License-Identifier: GPL-3.0-or-later
// What the directory says about a place, in the visitor's words: its week of opening hours
// with today marked, "open now, until 17:00" / "closed now, opens Monday 08:00" at the kiosk's
// clock in the place's time zone, and how far it is from the kiosk (km, walking time under
// 3 km). Pure functions of their arguments; words come through `t` (a ui_strings lookup).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/opening_hours.h"
#include "kiosk/view_models.h"

namespace guichet::kiosk {

using Translate = std::function<std::string(std::string_view key)>;

// "08:00" (24-hour clock, as the region writes opening hours); 1440 is "24:00".
std::string clock_time(int minute_of_day);

// The week as seven rows, Monday first, `today` (0 Monday … 6 Sunday; -1 none) marked.
std::vector<HoursRow> hours_rows(const content::hours::Week& week, int today, const Translate& t);

// "Open now, until 17:00", "Closed now, opens today at 14:00" / "tomorrow at 08:00" /
// "Monday 08:00", "Open 24 hours"; "Closed" for a week with no hours.
std::string open_status_text(const content::hours::Status& status, const Translate& t);

// Everything above from the content's fields and the kiosk's clock: nullopt when the hours are
// empty or do not parse; the kiosk's own zone is used when `zone` is empty or unknown
// (`kiosk_zone`, "" for the system's).
struct OpeningNow {
    std::vector<HoursRow> rows;
    std::string status;
    bool open = false;
};
std::optional<OpeningNow> opening_now(std::string_view opening_hours, std::string_view zone,
                                      std::int64_t unix_seconds, const Translate& t);

// Great-circle distance in km (haversine, mean Earth radius 6371.0088 km).
double distance_km(double lat1, double lon1, double lat2, double lon2);
// Minutes on foot at 4.5 km/h over a street path 1.25 times the straight line, rounded up to
// 5 minutes; 0 at 3 km or more (too far to suggest walking).
int walking_minutes(double km);
// "850 m", "2.4 km" ("2,4 km" in languages writing a decimal comma), "12 km" from 10 km on,
// "1,250 km" ("1.250 km" in es): the language's number format (format_number); under 3 km
// followed by the walk ("2,4 km · 35 min on foot").
std::string distance_text(double km, std::string_view language, const Translate& t);

// A place to order by distance: those without coordinates go last, in their given order.
struct Located {
    std::string id;
    std::optional<double> lat, lon;
};
// The indexes of `places` nearest first from (lat, lon); ties keep their order.
std::vector<std::size_t> nearest_first(const std::vector<Located>& places, double lat, double lon);

}  // namespace guichet::kiosk
