// SPDX-License-Identifier: GPL-3.0-or-later
// The statistics chart and its table as pure geometry: from a series (countries × years ×
// values), the room, the density and the text's size, where the axes, ticks, points, labels,
// legend and tap targets go, and which labels fit. No ImGui: text is measured through callbacks,
// so tests assert on numbers and the widget only draws what is decided here.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/view_models.h"

namespace guichet::kiosk {

// The series as a table: every year present in any country (ascending), the countries by
// their latest figure (largest first), and each cell as the visitor's language writes the number
// ("" where a country has no value that year). What the chart, its table view and read-aloud share.
struct ChartTable {
    std::vector<int> years;
    std::vector<std::string> countries;
    std::vector<std::vector<double>> values;      // [year][country], NaN where missing
    std::vector<std::vector<std::string>> cells;  // [year][country], "" where missing
};
ChartTable chart_table(const std::vector<ChartSeries>& chart, std::string_view language);

// "2016–2023", or "2021" for one year; "" without years.
std::string year_range(const ChartTable& table);

// Tick values of an axis over [low, high] in steps of 1, 2 or 5 times a power of ten, at most
// `most` ticks (at least 2), from a multiple of the step at or below `low` to one at or above
// `high`. A range of one value is widened to show it.
struct AxisTicks {
    double low = 0, high = 1, step = 1;
    std::vector<double> values;
};
AxisTicks nice_ticks(double low, double high, int most);

// How text is measured at the chart's text size (the widget passes ImGui's; tests a fake).
struct TextMeasure {
    std::function<float(std::string_view)> width;               // one line
    std::function<float(std::string_view, float wrap)> height;  // wrapped to `wrap`
    float line = 0;                                             // one line's height
};

// The room and the rules: logical px from the screen's size and density.
struct ChartRoom {
    float width = 0;
    float height = 0;  // for the plot and its labels (the legend comes below, as tall as it needs)
    float target = 0;  // a tap target's least side (9 mm)
    float gap = 0;
    bool right_to_left = false;  // the legend and titles mirror; the time axis does not
    std::string language;        // numbers on the value axis
};

struct ChartRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    float width() const { return x1 - x0; }
    float height() const { return y1 - y0; }
};

struct ChartTick {
    double value = 0;
    float y = 0;
    std::string label;
    float label_x = 0;  // the label's left edge (right-aligned against the axis)
    float label_y = 0;  // its top: centred on the line, or just above it inside the plot
};

struct ChartYearLabel {
    int year = 0;
    float x = 0;  // the label's left edge (centred on its year)
    float y = 0;  // its top: the first or, staggered, the second row
    std::string label;
};

struct ChartPoint {
    int series = 0;
    int year = 0;
    double value = 0;
    float x = 0, y = 0;
};

// A year's tap target: a band across the plot's height, at least `target` wide.
struct ChartHit {
    int year = 0;
    ChartRect rect;
};

// One country in the legend: its marker shape (never colour alone) and its words; with a
// year selected, that year's value beside the name.
struct ChartLegendEntry {
    int series = 0;
    int shape = 0;
    std::string text;
    float x = 0, y = 0;  // the entry's top-left; the marker at its start edge
    float width = 0, height = 0;
    float text_x = 0;  // where the words start
};

inline constexpr int kChartShapes = 8;  // filled circle, square, triangle, diamond, down triangle,
                                        // then the same four hollow

struct ChartLayout {
    ChartTable table;
    ChartRect plot;
    AxisTicks axis;
    std::vector<ChartTick> ticks;
    bool ticks_inside = false;                // the value labels above their lines, inside the plot
    std::vector<ChartYearLabel> year_labels;  // every year, in one row or two staggered rows
    int year_rows = 1;
    int year_label_every = 1;  // 1: every year labelled; more only where even two rows overflow
    std::vector<std::vector<ChartPoint>> points;  // per series, by year
    std::vector<ChartHit> hits;                   // one per year
    std::string value_title;  // the unit, and the years: "millions of US dollars · 2016–2023"
    float value_title_y = 0, value_title_h = 0;
    std::string year_title;  // "Year", under the year labels
    float year_title_y = 0;
    int selected_year = 0;       // 0: none
    std::string legend_heading;  // with a year selected: "2021 · millions of US dollars"
    float legend_heading_y = 0, legend_heading_h = 0;
    std::vector<ChartLegendEntry> legend;
    float legend_y = 0;
    float height = 0;  // everything, legend included
};

// Lays out the chart. `unit_name` is the unit in the visitor's words, `year_title` the year
// axis's title, `selected_year` the year whose values the legend shows (0: none).
ChartLayout layout_chart(const std::vector<ChartSeries>& chart, std::string_view unit_name,
                         std::string_view year_title, int selected_year, const ChartRoom& room,
                         const TextMeasure& measure);

// The table view: a grid (years as rows, countries as columns) where every column fits across,
// else stacked (each year a heading over one line per country), so no cell is ever cut.
struct ChartTableLayout {
    bool grid = true;
    std::vector<float> column_x;             // grid: each column's left edge, year column first
    std::vector<float> column_width;         // grid
    float header_height = 0;                 // grid: the tallest wrapped country name
    std::vector<float> row_y;                // each year's row (grid) or heading (stacked)
    std::vector<std::vector<float>> cell_y;  // stacked: [year][country] line tops
    float name_width = 0;                    // stacked: the room for a country's name (it wraps)
    float value_width = 0;                   // stacked: the widest value, at the end edge
    float height = 0;
};
ChartTableLayout layout_chart_table(const ChartTable& table, std::string_view year_header,
                                    const ChartRoom& room, const TextMeasure& measure);

}  // namespace guichet::kiosk
