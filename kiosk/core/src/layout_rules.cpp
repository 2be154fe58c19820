// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/layout_rules.h"

#include <algorithm>
#include <numeric>

namespace guichet::kiosk {

int grid_columns(float width, float min_tile, float gap, int least, int most) {
    const int fit = min_tile + gap > 0 ? static_cast<int>((width + gap) / (min_tile + gap)) : most;
    return std::clamp(fit, least, std::max(least, most));
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

}  // namespace guichet::kiosk
