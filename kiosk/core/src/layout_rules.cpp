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

bool ToolbarPlan::has_menu() const {
    return folded() > 0;
}

int ToolbarPlan::folded() const {
    return static_cast<int>(std::count(in_menu.begin(), in_menu.end(), true));
}

ToolbarPlan plan_toolbar(const std::vector<ToolbarItem>& items, float room, float gap,
                         const ToolbarLimits& limits) {
    ToolbarPlan plan;
    plan.with_words.assign(items.size(), true);
    plan.in_menu.assign(items.size(), false);
    plan.gap = gap;
    const auto shown = [&] {
        const auto kept = std::count(plan.in_menu.begin(), plan.in_menu.end(), false);
        return static_cast<float>(kept + (plan.has_menu() ? 1 : 0));
    };
    const auto measure = [&] {
        float width = plan.has_menu() ? limits.more_width : 0;
        for (size_t i = 0; i < items.size(); ++i)
            if (!plan.in_menu[i])
                width += plan.with_words[i] ? items[i].full_width : items[i].icon_width;
        return width + gap * std::max(0.0f, shown() - 1);
    };
    // Every shown button as an icon narrowed to an equal share of the room, `least_gap` apart:
    // whether that share is still the 9 mm target or more.
    const auto narrow = [&] {
        if (limits.least <= 0) return false;
        const float count = shown();
        const float share = std::floor((room - limits.least_gap * std::max(0.0f, count - 1)) /
                                       std::max(1.0f, count));
        if (share < limits.least) return false;
        plan.narrowed = share;
        plan.gap = limits.least_gap;
        plan.width = share * count + limits.least_gap * std::max(0.0f, count - 1);
        return true;
    };
    // Words go first from the tools that keep them least; among equals, from the end of the
    // bar, so its start (Back, Leave) reads longest. Tools fold into the menu in the same order.
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
    if (plan.width > room && !narrow() && limits.more_width > 0) {
        for (size_t i : order) {
            if (items[i].stays) continue;
            plan.in_menu[i] = true;
            plan.width = measure();
            if (plan.width <= room || narrow()) break;
        }
    }
    plan.fits = plan.width <= room;
    return plan;
}

float list_row_height(int title_lines, float title_line, float below, float pad, float least) {
    const float words =
        static_cast<float>(std::max(1, title_lines)) * title_line + std::max(0.0f, below);
    return std::max(least, std::ceil(words + pad * 2));
}

void RowStack::fit(std::int64_t count, float width, float least, float gap) {
    if (count == this->count() && width == width_ && least == least_ && gap == gap_) return;
    heights_.assign(static_cast<size_t>(std::max<std::int64_t>(0, count)), least);
    ids_.assign(heights_.size(), std::string());
    width_ = width;
    least_ = least;
    gap_ = gap;
    tops_.clear();
    valid_ = 0;
}

void RowStack::rebuild_from(std::int64_t index) const {
    // Only the tops at and past a changed row move; the rest stay valid.
    tops_.resize(heights_.size() + 1);
    if (valid_ == 0) tops_[0] = 0, valid_ = 1;
    for (std::int64_t i = valid_; i <= std::min<std::int64_t>(index, count()); ++i)
        tops_[static_cast<size_t>(i)] =
            tops_[static_cast<size_t>(i - 1)] + heights_[static_cast<size_t>(i - 1)] + gap_;
    valid_ = std::max(valid_, std::min<std::int64_t>(index, count()) + 1);
}

float RowStack::top(std::int64_t index) const {
    index = std::clamp<std::int64_t>(index, 0, count());
    if (index >= valid_) rebuild_from(index);
    return tops_[static_cast<size_t>(index)];
}

float RowStack::height(std::int64_t index) const {
    if (index < 0 || index >= count()) return 0;
    return heights_[static_cast<size_t>(index)];
}

float RowStack::total() const {
    return count() == 0 ? 0 : top(count()) - gap_;
}

std::int64_t RowStack::row_at(float y) const {
    if (count() == 0) return 0;
    rebuild_from(count());
    // The last row whose top is at or above y.
    const auto after = std::upper_bound(tops_.begin(), tops_.begin() + count(), y);
    return std::clamp<std::int64_t>(after - tops_.begin() - 1, 0, count() - 1);
}

float RowStack::measure(std::int64_t index, std::string_view id, float height) {
    if (index < 0 || index >= count()) return 0;
    std::string& known = ids_[static_cast<size_t>(index)];
    if (known != id) {
        if (!known.empty()) {
            std::fill(heights_.begin(), heights_.end(), least_);
            std::fill(ids_.begin(), ids_.end(), std::string());
            valid_ = 0;
        }
        known = std::string(id);
    }
    float& kept = heights_[static_cast<size_t>(index)];
    const float moved = height - kept;
    if (moved == 0) return 0;
    kept = height;
    valid_ = std::min(valid_, index + 1);
    return moved;
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

std::vector<std::vector<std::string>> reflow_key_rows(
    const std::vector<std::vector<std::string>>& rows, int most) {
    std::vector<std::string> keys;
    for (const auto& row : rows) keys.insert(keys.end(), row.begin(), row.end());
    if (keys.empty()) return {};
    return fit_key_rows({keys}, most);
}

KeyboardGeometry keyboard_geometry(const std::vector<std::vector<std::string>>& layout_rows,
                                   float width, float max_height, float most_height,
                                   float px_per_mm, float target, float button) {
    struct Option {
        std::vector<std::vector<std::string>> rows;
        float gap;
        float height() const { return static_cast<float>(rows.size() + 1); }
    };
    const float gap = std::max(3.0f, px_per_mm * 1.2f);
    const float tight_gap = std::max(2.0f, px_per_mm * 0.6f);
    const int most = keys_per_row(width, target, gap);
    const int tight_most = keys_per_row(width, target, tight_gap);
    const auto tall = [&](const Option& o) { return o.height() * (target + o.gap); };
    Option own{fit_key_rows(layout_rows, most), gap};
    Option joined{join_last_key_row(own.rows, most), gap};
    // Closer keys keep the layout's rows before any reflow mixes them (digits with letters).
    const Option reflowed[] = {
        {join_last_key_row(fit_key_rows(layout_rows, tight_most), tight_most), tight_gap},
        {reflow_key_rows(layout_rows, most), gap},
        {reflow_key_rows(layout_rows, tight_most), tight_gap}};
    const Option* chosen = &own;
    if (tall(own) > max_height) {
        chosen = &joined;
        if (tall(joined) > most_height) {
            const Option* shortest = &joined;
            for (const Option& o : reflowed)
                if (tall(o) < tall(*shortest)) shortest = &o;
            chosen = shortest;
            for (const Option& o : reflowed)
                if (tall(o) <= most_height) {
                    chosen = &o;
                    break;
                }
        }
    }
    KeyboardGeometry g;
    g.gap = chosen->gap;
    g.rows = chosen->rows;
    size_t widest = 1;
    for (const auto& row : g.rows) widest = std::max(widest, row.size());
    const float count = static_cast<float>(g.rows.size() + 1);
    const float by_width =
        std::floor((width - g.gap * static_cast<float>(widest - 1)) / static_cast<float>(widest));
    const float by_height = std::floor(std::min(max_height, most_height) / count - g.gap);
    g.key = std::max(std::min({by_width, by_height, button * 1.15f}), target);
    return g;
}

}  // namespace guichet::kiosk
