// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/countries.h"

#include <algorithm>

namespace guichet::content {

const std::vector<CountryPoint>& country_points() {
    static const std::vector<CountryPoint> table = {
#include "country_centroids.inc"
    };
    return table;
}

std::optional<CountryPoint> country_point(std::string_view code) {
    const auto& table = country_points();
    auto it =
        std::lower_bound(table.begin(), table.end(), code,
                         [](const CountryPoint& p, std::string_view c) { return p.code < c; });
    if (it == table.end() || it->code != code) return std::nullopt;
    return *it;
}

}  // namespace guichet::content
