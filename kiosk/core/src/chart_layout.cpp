// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/chart_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "kiosk/dates.h"

namespace guichet::kiosk {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

// Decimals a value of the axis needs at this step: none for 20 000, one for 0.5.
int fraction_digits(double step) {
    if (step >= 1 || step <= 0) return 0;
    return std::min(6, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
}

float longest_word(std::string_view text, const TextMeasure& measure) {
    float widest = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t space = text.find(' ', start);
        const std::string_view word = text.substr(
            start, space == std::string_view::npos ? std::string_view::npos : space - start);
        if (!word.empty()) widest = std::max(widest, measure.width(word));
        if (space == std::string_view::npos) break;
        start = space + 1;
    }
    return widest;
}

}  // namespace

ChartTable chart_table(const std::vector<ChartSeries>& chart, std::string_view language) {
    ChartTable table;
    std::set<int> years;
    for (const ChartSeries& series : chart)
        for (const auto& point : series.points) years.insert(point.first);
    table.years.assign(years.begin(), years.end());
    // Largest latest figure first: the legend and the table's columns then run in the order the
    // lines end, top to bottom (the store gives countries by code, which says nothing).
    const auto latest = [&](std::size_t s) {
        const auto& points = chart[s].points;
        if (points.empty()) return -std::numeric_limits<double>::infinity();
        return std::max_element(points.begin(), points.end(),
                                [](const auto& a, const auto& b) { return a.first < b.first; })
            ->second;
    };
    std::vector<std::size_t> order(chart.size());
    for (std::size_t s = 0; s < order.size(); ++s) order[s] = s;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return latest(a) > latest(b); });
    for (std::size_t s : order) table.countries.push_back(chart[s].country);
    table.values.assign(table.years.size(), std::vector<double>(chart.size(), kMissing));
    table.cells.assign(table.years.size(), std::vector<std::string>(chart.size()));
    for (std::size_t column = 0; column < order.size(); ++column)
        for (const auto& point : chart[order[column]].points) {
            // A value that is no number (an infinity from a bad source) is shown as missing
            // rather than stretching the axis to nowhere.
            if (!std::isfinite(point.second)) continue;
            const std::size_t s = column;
            const auto row = static_cast<std::size_t>(
                std::lower_bound(table.years.begin(), table.years.end(), point.first) -
                table.years.begin());
            table.values[row][s] = point.second;
            table.cells[row][s] = format_number(point.second, language, 1);
        }
    return table;
}

std::string year_range(const ChartTable& table) {
    if (table.years.empty()) return "";
    if (table.years.size() == 1) return std::to_string(table.years.front());
    return std::to_string(table.years.front()) + "\xE2\x80\x93" +
           std::to_string(table.years.back());
}

AxisTicks nice_ticks(double low, double high, int most) {
    most = std::max(2, most);
    if (!std::isfinite(low) || !std::isfinite(high)) low = 0, high = 1;
    if (high < low) std::swap(low, high);
    if (high == low) {
        const double half = low == 0 ? 0.5 : std::fabs(low) * 0.5;
        low -= half;
        high += half;
    }
    const double raw = (high - low) / (most - 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    AxisTicks ticks;
    for (double times : {1.0, 2.0, 5.0, 10.0, 20.0}) {
        const double step = times * magnitude;
        const double first = std::floor(low / step + 1e-9), last = std::ceil(high / step - 1e-9);
        if (last - first + 1 <= most || times == 20.0) {
            ticks.step = step;
            ticks.low = first * step;
            ticks.high = last * step;
            for (double k = first; k <= last + 0.5; ++k) ticks.values.push_back(k * step);
            break;
        }
    }
    return ticks;
}

ChartLayout layout_chart(const std::vector<ChartSeries>& chart, std::string_view unit_name,
                         std::string_view year_title, int selected_year, const ChartRoom& room,
                         const TextMeasure& measure) {
    ChartLayout out;
    out.table = chart_table(chart, room.language);
    const ChartTable& table = out.table;
    const float w = room.width, line = measure.line, gap = room.gap;

    // The value axis's title: what the numbers count, and over which years.
    const std::string range = year_range(table);
    out.value_title = unit_name.empty() ? range
                      : range.empty()   ? std::string(unit_name)
                                        : std::string(unit_name) + " \xC2\xB7 " + range;
    out.value_title_h = out.value_title.empty() ? 0 : measure.height(out.value_title, w);
    float y = out.value_title_h + gap * 0.5f;

    // The room under the plot: year labels (two rows at most), then the year axis's title.
    out.year_title = std::string(year_title);
    const float title_room = out.year_title.empty() ? 0 : line + gap * 0.3f;
    const auto below = [&](int rows) { return gap * 0.3f + rows * line + title_room; };
    const float least_plot = std::max(line * 5, room.target * 1.5f);
    const float plot_estimate = std::max(least_plot, room.height - y - line * 0.5f - below(2));

    double low = 0, high = 0;
    bool any = false;
    for (const auto& row : table.values)
        for (double v : row)
            if (!std::isnan(v)) {
                low = any ? std::min(low, v) : std::min(0.0, v);
                high = any ? std::max(high, v) : std::max(0.0, v);
                any = true;
            }
    // A tick label every line and a half or so keeps them apart at any text size.
    out.axis =
        nice_ticks(low, high, std::clamp(static_cast<int>(plot_estimate / (line * 1.4f)), 3, 8));
    // A top tick far above the data (100 000 for 63 300) would squeeze the lines into the lower
    // part of a short plot: the axis then ends a little above the data, under its last tick.
    if (any && high > low && out.axis.values.size() > 2) {
        const double top = high + (high - low) * 0.06;
        if (out.axis.values.back() > top) {
            out.axis.values.pop_back();
            out.axis.high = top;
        }
    }
    const int digits = fraction_digits(out.axis.step);
    float axis_w = 0;
    for (double v : out.axis.values) {
        ChartTick tick;
        tick.value = v;
        tick.label = format_number(v, room.language, digits);
        axis_w = std::max(axis_w, measure.width(tick.label));
        out.ticks.push_back(std::move(tick));
    }

    float label_w = 0;
    for (int year : table.years) label_w = std::max(label_w, measure.width(std::to_string(year)));
    const float half_label = label_w / 2 + gap * 0.25f;
    // The plot's frame starts after the value labels; its years sit inside it, far enough from
    // both ends that the first and last year labels stay within the chart. Where the labels
    // would take over a fifth of the width (large text on a 480 px portrait panel), they sit
    // inside the plot above their grid lines, and the years get the whole width.
    out.ticks_inside = axis_w + gap * 0.5f > w * 0.2f;
    out.plot.x0 = out.ticks_inside ? 0 : axis_w + gap * 0.5f;
    out.plot.x1 = w;
    const float inset = std::max(half_label, room.target * 0.5f);
    const float first_x = out.plot.x0 + inset, last_x = std::max(first_x, out.plot.x1 - inset);
    const std::size_t n = table.years.size();
    const float step = n > 1 ? (last_x - first_x) / static_cast<float>(n - 1) : 0;
    const auto year_x = [&](std::size_t i) {
        return n > 1 ? first_x + step * i : (first_x + last_x) / 2;
    };

    // Year labels: one row where they fit side by side, else two staggered rows (every other
    // year a line lower), else only every k-th year in those rows. Labels are never cut; a
    // year without a label still has its tap target and its row in the table.
    const float need = label_w + gap * 0.5f;
    if (n <= 1 || step >= need) {
        out.year_rows = 1;
    } else {
        out.year_rows = 2;
        out.year_label_every = std::max(1, static_cast<int>(std::ceil(need / (2 * step))));
    }

    out.plot.y0 = y + (out.ticks_inside ? line + gap * 0.2f : line * 0.5f);
    out.plot.y1 =
        out.plot.y0 + std::max(least_plot, room.height - out.plot.y0 - below(out.year_rows));
    const auto value_y = [&](double v) {
        const double span = out.axis.high - out.axis.low;
        const double t = span > 0 ? (v - out.axis.low) / span : 0.5;
        return out.plot.y1 - static_cast<float>(t) * out.plot.height();
    };
    for (ChartTick& tick : out.ticks) {
        tick.y = value_y(tick.value);
        tick.label_x =
            out.ticks_inside ? gap * 0.2f : out.plot.x0 - gap * 0.5f - measure.width(tick.label);
        tick.label_y = out.ticks_inside ? tick.y - line - gap * 0.1f : tick.y - line / 2;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (static_cast<int>(i) % out.year_label_every != 0) continue;
        ChartYearLabel label;
        label.year = table.years[i];
        label.label = std::to_string(label.year);
        label.x = year_x(i) - measure.width(label.label) / 2;
        const int row = out.year_rows == 2 ? static_cast<int>(i / out.year_label_every) % 2 : 0;
        label.y = out.plot.y1 + gap * 0.3f + row * line;
        out.year_labels.push_back(std::move(label));
    }
    out.year_title_y = out.plot.y1 + gap * 0.3f + out.year_rows * line;

    out.points.resize(table.countries.size());
    for (std::size_t s = 0; s < table.countries.size(); ++s)
        for (std::size_t i = 0; i < n; ++i)
            if (!std::isnan(table.values[i][s]))
                out.points[s].push_back({static_cast<int>(s), table.years[i], table.values[i][s],
                                         year_x(i), value_y(table.values[i][s])});

    // A tap target per year: the band between its neighbours, never under `target` across.
    const float half_band = std::max(step / 2, room.target / 2);
    for (std::size_t i = 0; i < n; ++i) {
        // Within the chart's width; a band the edge cut under `target` grows inwards instead.
        float x0 = std::max(0.0f, year_x(i) - half_band), x1 = std::min(w, year_x(i) + half_band);
        if (x1 - x0 < room.target) {
            if (x0 <= 0)
                x1 = std::min(w, room.target);
            else
                x0 = std::max(0.0f, x1 - room.target);
        }
        out.hits.push_back({table.years[i], {x0, out.plot.y0, x1, out.plot.y1}});
    }

    // The legend, flowing from the start edge: a marker the height of a line, then the words;
    // with a year chosen, each country's value that year after its name.
    out.selected_year =
        std::find(table.years.begin(), table.years.end(), selected_year) != table.years.end()
            ? selected_year
            : 0;
    y = out.year_title_y + title_room + gap * 0.3f;
    if (out.selected_year) {
        out.legend_heading = std::to_string(out.selected_year) +
                             (unit_name.empty() ? "" : " \xC2\xB7 " + std::string(unit_name));
        out.legend_heading_y = y;
        out.legend_heading_h = measure.height(out.legend_heading, w);
        y += out.legend_heading_h + gap * 0.2f;
    }
    out.legend_y = y;
    const std::size_t year_row = static_cast<std::size_t>(
        std::find(table.years.begin(), table.years.end(), out.selected_year) - table.years.begin());
    const float marker = line, marker_gap = gap * 0.4f;
    float x = 0, row_h = 0;
    for (std::size_t s = 0; s < table.countries.size(); ++s) {
        ChartLegendEntry entry;
        entry.series = static_cast<int>(s);
        entry.shape = static_cast<int>(s) % kChartShapes;
        entry.text = table.countries[s];
        if (out.selected_year)
            entry.text += ": " + (table.cells[year_row][s].empty() ? std::string("\xE2\x80\x94")
                                                                   : table.cells[year_row][s]);
        const float words = measure.width(entry.text);
        entry.width = std::min(w, marker + marker_gap + words);
        entry.height =
            std::max(line, measure.height(entry.text, entry.width - marker - marker_gap));
        if (x > 0 && x + entry.width > w) {
            y += row_h + gap * 0.3f;
            x = 0;
            row_h = 0;
        }
        entry.x = room.right_to_left ? w - x - entry.width : x;
        entry.y = y;
        entry.text_x = room.right_to_left ? entry.x : entry.x + marker + marker_gap;
        x += entry.width + gap;
        row_h = std::max(row_h, entry.height);
        out.legend.push_back(std::move(entry));
    }
    out.height = y + row_h;
    return out;
}

ChartTableLayout layout_chart_table(const ChartTable& table, std::string_view year_header,
                                    const ChartRoom& room, const TextMeasure& measure) {
    ChartTableLayout out;
    const float w = room.width, line = measure.line, pad = room.gap;
    const float row_h = line + room.gap * 0.4f;
    // Columns as narrow as their widest cell or the longest word of their heading (headings
    // wrap between words, never inside one).
    float year_w = longest_word(year_header, measure);
    for (int year : table.years) year_w = std::max(year_w, measure.width(std::to_string(year)));
    std::vector<float> widths{year_w + pad};
    float value_w = 0;
    for (std::size_t c = 0; c < table.countries.size(); ++c) {
        float cw = longest_word(table.countries[c], measure);
        for (const auto& row : table.cells)
            if (!row[c].empty())
                cw = std::max(cw, measure.width(row[c])),
                value_w = std::max(value_w, measure.width(row[c]));
        widths.push_back(cw + pad);
    }
    float total = 0;
    for (float cw : widths) total += cw;
    out.grid = total <= w;
    if (out.grid) {
        // Spare room shared out, so the columns span the measure like the text above.
        const float extra = (w - total) / static_cast<float>(widths.size());
        float x = 0;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            const float cw = widths[c] + extra;
            out.column_x.push_back(room.right_to_left ? w - x - cw : x);
            out.column_width.push_back(cw);
            x += cw;
        }
        out.header_height = measure.height(year_header, out.column_width[0] - pad);
        for (std::size_t c = 0; c < table.countries.size(); ++c)
            out.header_height =
                std::max(out.header_height,
                         measure.height(table.countries[c], out.column_width[c + 1] - pad));
        float y = out.header_height + room.gap * 0.4f;
        for (std::size_t r = 0; r < table.years.size(); ++r) {
            out.row_y.push_back(y);
            y += row_h;
        }
        out.height = y;
        return out;
    }
    // Stacked: the year, then a line per country with its name at the start (wrapping) and its
    // value at the end.
    out.value_width = value_w;
    out.name_width = std::max(line, w - value_w - pad);
    float y = 0;
    out.cell_y.resize(table.years.size());
    for (std::size_t r = 0; r < table.years.size(); ++r) {
        out.row_y.push_back(y);
        y += row_h;
        for (std::size_t c = 0; c < table.countries.size(); ++c) {
            out.cell_y[r].push_back(y);
            y += std::max(line, measure.height(table.countries[c], out.name_width)) +
                 room.gap * 0.2f;
        }
        y += room.gap * 0.4f;
    }
    out.height = y;
    return out;
}

}  // namespace guichet::kiosk
