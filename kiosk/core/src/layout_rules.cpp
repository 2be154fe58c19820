// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/layout_rules.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace guichet::kiosk {

int grid_columns(float width, float min_tile, float gap, int least, int most) {
    const int fit = min_tile + gap > 0 ? static_cast<int>((width + gap) / (min_tile + gap)) : most;
    return std::clamp(fit, least, std::max(least, most));
}

HomeGridShape home_grid_shape(float width, float view_height, float title_px, float gap) {
    HomeGridShape shape;
    shape.lying = view_height < 3 * title_px * 4.2f + 2 * gap;
    shape.columns = shape.lying ? grid_columns(width, title_px * 6, gap, 1, 3)
                                : grid_columns(width, title_px * 8.5f, gap, 2, 4);
    return shape;
}

ToolbarPlan plan_toolbar(const std::vector<ToolbarItem>& items, float room, float gap) {
    ToolbarPlan plan;
    plan.with_words.assign(items.size(), true);
    const auto measure = [&] {
        float width = items.empty() ? 0 : gap * static_cast<float>(items.size() - 1);
        for (size_t i = 0; i < items.size(); ++i)
            width += plan.with_words[i] ? items[i].full_width : items[i].icon_width;
        return width;
    };
    // Words go first from the tools that keep them least; among equals, from the end of the
    // bar, so its start (Back, Leave) reads longest.
    std::vector<size_t> order(items.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (items[a].keep != items[b].keep) return items[a].keep < items[b].keep;
        return a > b;
    });
    plan.width = measure();
    for (size_t i : order) {
        if (plan.width <= room) break;
        plan.with_words[i] = false;
        plan.width = measure();
    }
    plan.fits = plan.width <= room;
    return plan;
}

int keys_per_row(float width, float key, float gap) {
    if (key + gap <= 0) return 1;
    return std::max(1, static_cast<int>((width + gap) / (key + gap)));
}

std::vector<std::vector<std::string>> fit_key_rows(
    const std::vector<std::vector<std::string>>& rows, int most) {
    const size_t limit = static_cast<size_t>(std::max(1, most));
    std::vector<std::vector<std::string>> fitted;
    for (const auto& row : rows) {
        const size_t parts = (row.size() + limit - 1) / limit;
        if (parts <= 1) {
            fitted.push_back(row);
            continue;
        }
        // The first parts take the extra key, so 11 keys in rows of 8 are 6 then 5.
        size_t from = 0;
        for (size_t part = 0; part < parts; ++part) {
            const size_t size = row.size() / parts + (part < row.size() % parts ? 1 : 0);
            fitted.emplace_back(row.begin() + static_cast<std::ptrdiff_t>(from),
                                row.begin() + static_cast<std::ptrdiff_t>(from + size));
            from += size;
        }
    }
    return fitted;
}

std::vector<std::vector<std::string>> join_last_key_row(std::vector<std::vector<std::string>> rows,
                                                        int most) {
    if (rows.size() < 2) return rows;
    auto& above = rows[rows.size() - 2];
    if (above.size() + rows.back().size() > static_cast<size_t>(std::max(0, most))) return rows;
    above.insert(above.end(), rows.back().begin(), rows.back().end());
    rows.pop_back();
    return rows;
}

KeyboardGeometry keyboard_geometry(const std::vector<std::vector<std::string>>& layout_rows,
                                   float width, float max_height, float px_per_mm, float target,
                                   float button) {
    KeyboardGeometry g;
    g.gap = std::max(3.0f, px_per_mm * 1.2f);
    const int most = keys_per_row(width, target, g.gap);
    g.rows = fit_key_rows(layout_rows, most);
    if ((g.rows.size() + 1) * (target + g.gap) > max_height)
        g.rows = join_last_key_row(std::move(g.rows), most);
    size_t widest = 1;
    for (const auto& row : g.rows) widest = std::max(widest, row.size());
    const float count = static_cast<float>(g.rows.size() + 1);
    const float by_width =
        std::floor((width - g.gap * static_cast<float>(widest - 1)) / static_cast<float>(widest));
    const float by_height = std::floor(max_height / count - g.gap);
    g.key = std::max(std::min({by_width, by_height, button * 1.15f}), target);
    return g;
}

}  // namespace guichet::kiosk
