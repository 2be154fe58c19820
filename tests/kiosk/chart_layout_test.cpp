// SPDX-License-Identifier: GPL-3.0-or-later
#include <cmath>
#include <limits>
#include <set>

#include <doctest/doctest.h>

#include "kiosk/chart_layout.h"

using namespace guichet::kiosk;

namespace {

// Text measured like a proportional font: 0.55 em a character, wrapped lines one `px` each.
TextMeasure fake_measure(float px) {
    TextMeasure m;
    m.line = px;
    m.width = [px](std::string_view text) {
        float chars = 0;
        for (unsigned char c : text) chars += (c & 0xC0) != 0x80;  // code points
        return chars * 0.55f * px;
    };
    m.height = [px, w = m.width](std::string_view text, float wrap) {
        const float width = w(text);
        return wrap > 0 ? std::max(1.0f, std::ceil(width / wrap)) * px : px;
    };
    return m;
}

// The sample's shape: six countries, 2019-2023 (values as in content/sample).
std::vector<ChartSeries> remittances() {
    const std::vector<std::pair<std::string, std::vector<double>>> rows = {
        {"México", {36400, 40600, 51600, 58500, 63300}},
        {"Guatemala", {10500, 11300, 15300, 18000, 19800}},
        {"El Salvador", {5700, 5900, 7500, 7700, 8200}},
        {"Honduras", {5400, 5700, 7400, 8700, 9200}},
        {"República Dominicana", {7100, 8200, 10400, 9900, 10200}},
        {"Colombia", {6800, 6900, 8600, 9400, 10100}}};
    std::vector<ChartSeries> chart;
    for (const auto& row : rows) {
        ChartSeries series{row.first, {}};
        for (std::size_t i = 0; i < row.second.size(); ++i)
            series.points.emplace_back(2019 + static_cast<int>(i), row.second[i]);
        chart.push_back(series);
    }
    return chart;
}

std::vector<ChartSeries> eight_years(int countries) {
    std::vector<ChartSeries> chart;
    for (int c = 0; c < countries; ++c) {
        ChartSeries series{"Country " + std::to_string(c), {}};
        for (int year = 2016; year <= 2023; ++year)
            series.points.emplace_back(year, 1000.0 * (c + 1) + 150 * (year - 2016));
        chart.push_back(series);
    }
    return chart;
}

// A 7-inch 480x800 portrait panel at 133 dpi in large text: body 46 px, 9 mm = 48 px, the
// detail screen's column about 440 px.
ChartRoom portrait_large() {
    ChartRoom room;
    room.width = 440;
    room.height = 470;
    room.target = std::ceil(9 * 133 / 25.4f);
    room.gap = 23;
    room.language = "es";
    return room;
}

void check_year_labels_fit(const ChartLayout& layout, const TextMeasure& m, float width) {
    for (const ChartYearLabel& label : layout.year_labels) {
        CHECK(label.x >= -0.5f);
        CHECK(label.x + m.width(label.label) <= width + 0.5f);
    }
    // Labels in one row never touch: each starts after the one before it in that row ends.
    for (std::size_t i = 0; i < layout.year_labels.size(); ++i)
        for (std::size_t j = i + 1; j < layout.year_labels.size(); ++j) {
            const ChartYearLabel &a = layout.year_labels[i], &b = layout.year_labels[j];
            if (a.y != b.y) continue;
            CHECK(b.x >= a.x + m.width(a.label));
        }
}

}  // namespace

TEST_CASE("axis ticks step by 1, 2 or 5 times a power of ten") {
    const AxisTicks money = nice_ticks(0, 63300, 6);
    CHECK(money.step == 20000);
    CHECK(money.values == std::vector<double>{0, 20000, 40000, 60000, 80000});
    const AxisTicks share = nice_ticks(0, 1, 5);
    CHECK(share.step == doctest::Approx(0.5));
    CHECK(share.values.size() == 3);
    CHECK(share.high == doctest::Approx(1));
    const AxisTicks signed_range = nice_ticks(-3, 7, 6);
    CHECK(signed_range.step == 5);
    CHECK(signed_range.values == std::vector<double>{-5, 0, 5, 10});
    // One value alone is widened around it, not drawn on a zero-height axis.
    const AxisTicks flat = nice_ticks(5, 5, 4);
    CHECK(flat.low < 5);
    CHECK(flat.high > 5);
    CHECK(flat.values.size() <= 4);
    CHECK(nice_ticks(0, 63300, 2).values == std::vector<double>{0, 100000});
}

TEST_CASE("the table holds every year of every country, numbers as the language writes them") {
    std::vector<ChartSeries> chart = remittances();
    chart[1].points.erase(chart[1].points.begin() + 2);  // Guatemala without 2021
    chart[2].points.emplace_back(2024, 8800.5);          // El Salvador alone in 2024
    const ChartTable es = chart_table(chart, "es");
    CHECK(es.years == std::vector<int>{2019, 2020, 2021, 2022, 2023, 2024});
    CHECK(es.countries.size() == 6);
    CHECK(es.cells[4][0] == "63.300");
    CHECK(es.cells[2][1].empty());
    CHECK(std::isnan(es.values[2][1]));
    // Countries by their latest figure: El Salvador's 2024 puts it after Guatemala's 2023.
    CHECK(es.countries[0] == "México");
    CHECK(es.countries[5] == "El Salvador");
    CHECK(es.countries[2] == "República Dominicana");
    CHECK(es.cells[5][5] == "8.800,5");
    CHECK(es.cells[5][0].empty());
    CHECK(chart_table(chart, "en").cells[4][0] == "63,300");
    // An infinity is no figure: missing, and the axis stays on the real ones.
    chart[0].points[0].second = std::numeric_limits<double>::infinity();
    CHECK(chart_table(chart, "es").cells[0][0].empty());
    ChartRoom room = portrait_large();
    CHECK(layout_chart(chart, "", "", 0, room, fake_measure(34)).axis.high < 100000);
    CHECK(year_range(es) ==
          "2019\xE2\x80\x93"
          "2024");
}

TEST_CASE("every year present gets a point column and a tap target") {
    const TextMeasure m = fake_measure(34);
    ChartRoom room;
    room.width = 700;
    room.height = 300;
    room.target = 48;
    room.gap = 17;
    room.language = "es";
    const ChartLayout layout = layout_chart(eight_years(3), "millones de USD", "Año", 0, room, m);
    REQUIRE(layout.hits.size() == 8);
    for (std::size_t i = 0; i < 8; ++i) CHECK(layout.hits[i].year == 2016 + static_cast<int>(i));
    REQUIRE(layout.points.size() == 3);
    for (const auto& series : layout.points) CHECK(series.size() == 8);
    // Later years further right, whatever the reading direction.
    for (std::size_t i = 1; i < 8; ++i) CHECK(layout.points[0][i].x > layout.points[0][i - 1].x);
    // Larger values higher up; zero on the bottom line.
    CHECK(layout.table.countries[0] == "Country 2");  // the largest latest figure first
    CHECK(layout.points[0][0].y < layout.points[2][0].y);
    CHECK(layout.axis.low == 0);
    CHECK(layout.ticks.front().y == doctest::Approx(layout.plot.y1));
    CHECK(layout.value_title ==
          "millones de USD \xC2\xB7 2016\xE2\x80\x93"
          "2023");
    CHECK(layout.year_title == "Año");
    CHECK(layout.year_label_every == 1);
    CHECK(layout.year_labels.size() == 8);
    check_year_labels_fit(layout, m, room.width);
}

TEST_CASE("year labels fit a 480 px portrait panel in large text: staggered, else every other") {
    const TextMeasure m = fake_measure(46);
    const ChartRoom room = portrait_large();
    // The sample's five years: the value labels move inside the plot and every year keeps its
    // label, in two staggered rows.
    const ChartLayout sample =
        layout_chart(remittances(), "millones de dólares estadounidenses", "Año", 0, room, m);
    CHECK(sample.ticks_inside);
    // A short plot: ticks at 0 and 50 000, the axis ending just above the data rather than at
    // 100 000, so the lines use the height.
    REQUIRE(sample.ticks.size() == 2);
    CHECK(sample.ticks[1].label == "50.000");
    CHECK(sample.axis.high == doctest::Approx(63300 * 1.06));
    CHECK(sample.year_label_every == 1);
    CHECK(sample.year_labels.size() == 5);
    CHECK(sample.year_rows == 2);
    check_year_labels_fit(sample, m, room.width);
    for (const ChartTick& tick : sample.ticks) {
        CHECK(tick.label_x >= 0);
        CHECK(tick.label_x + m.width(tick.label) <= room.width);
        CHECK(tick.label_y >= sample.value_title_h);  // under the title, never over it
    }
    // Eight years do not fit even staggered: every other year is labelled, none is cut, and
    // every year still has its tap target.
    const ChartLayout eight =
        layout_chart(eight_years(2), "millones de dólares estadounidenses", "Año", 0, room, m);
    CHECK(eight.year_label_every == 2);
    CHECK(eight.year_labels.size() == 4);
    CHECK(eight.hits.size() == 8);
    check_year_labels_fit(eight, m, room.width);
    // Nothing runs past the chart's width: legend entries wrap into rows instead.
    for (const ChartLegendEntry& entry : sample.legend) {
        CHECK(entry.x >= 0);
        CHECK(entry.x + entry.width <= room.width + 0.5f);
    }
    CHECK(sample.legend.back().y > sample.legend.front().y);
    CHECK(sample.height > sample.legend.back().y);
}

TEST_CASE("tap targets are at least 9 mm and the years' bands do not overlap") {
    const TextMeasure m = fake_measure(46);
    const ChartRoom room = portrait_large();
    for (int countries : {1, 6, 2}) {
        CAPTURE(countries);
        // Two countries over two years: the years far apart, their bands wider than the inset
        // of the first year from the edge, cut at the chart's edges.
        std::vector<ChartSeries> two_years = {{"A", {{2020, 1}, {2021, 2}}}, {"B", {{2020, 3}}}};
        const ChartLayout layout = layout_chart(countries == 6   ? remittances()
                                                : countries == 1 ? eight_years(1)
                                                                 : two_years,
                                                "USD", "Año", 0, room, m);
        for (const ChartHit& hit : layout.hits) {
            CHECK(hit.rect.width() >= room.target - 0.01f);
            CHECK(hit.rect.height() >= room.target);
            CHECK(hit.rect.x0 >= -0.5f);
            CHECK(hit.rect.x1 <= room.width + 0.5f);
        }
        // Where the years are at least 9 mm apart, a tap lands on exactly one of them.
        const float step =
            layout.hits.size() > 1 ? layout.points[0][1].x - layout.points[0][0].x : 0;
        if (step >= room.target)
            for (std::size_t i = 1; i < layout.hits.size(); ++i)
                CHECK(layout.hits[i].rect.x0 >= layout.hits[i - 1].rect.x1 - 0.01f);
    }
}

TEST_CASE("a selected year puts each country's value in the legend, shapes tell them apart") {
    const TextMeasure m = fake_measure(34);
    ChartRoom room = portrait_large();
    room.width = 700;
    const ChartLayout layout =
        layout_chart(remittances(), "millones de dólares estadounidenses", "Año", 2021, room, m);
    CHECK(layout.selected_year == 2021);
    CHECK(layout.legend_heading == "2021 \xC2\xB7 millones de dólares estadounidenses");
    REQUIRE(layout.legend.size() == 6);
    CHECK(layout.legend[0].text == "México: 51.600");
    CHECK(layout.legend[2].text == "República Dominicana: 10.400");  // by its 2023 figure
    std::set<int> shapes;
    for (const ChartLegendEntry& entry : layout.legend) shapes.insert(entry.shape);
    CHECK(shapes.size() == 6);  // never colour alone
    // A year the series does not have selects nothing.
    CHECK(layout_chart(remittances(), "", "Año", 2030, room, m).selected_year == 0);
    // Right to left: the legend starts at the right edge; the years still run left to right.
    room.right_to_left = true;
    const ChartLayout rtl = layout_chart(remittances(), "", "", 0, room, m);
    CHECK(rtl.legend[0].x + rtl.legend[0].width == doctest::Approx(room.width));
    CHECK(rtl.legend[0].text_x == doctest::Approx(rtl.legend[0].x));
    CHECK(rtl.points[0][4].x > rtl.points[0][0].x);
}

TEST_CASE("the table is a grid where its columns fit, else a year over its countries") {
    const ChartTable table = chart_table(remittances(), "es");
    ChartRoom wide;
    wide.width = 1200;
    wide.gap = 17;
    const TextMeasure m34 = fake_measure(34);
    const ChartTableLayout grid = layout_chart_table(table, "Año", wide, m34);
    CHECK(grid.grid);
    REQUIRE(grid.column_x.size() == 7);
    CHECK(grid.row_y.size() == 5);
    CHECK(grid.column_x[0] == 0);
    // "República Dominicana" wraps between its words: the header is two lines high.
    CHECK(grid.header_height == doctest::Approx(68));
    float right = 0;
    CHECK(table.countries[2] == "República Dominicana");
    CHECK(grid.column_width[3] >= m34.width("República") + wide.gap - 0.01f);
    for (std::size_t c = 0; c < 7; ++c) {
        for (std::size_t r = 0; r < 5; ++r)
            if (c > 0)
                CHECK(grid.column_width[c] >= m34.width(table.cells[r][c - 1]) + wide.gap - 0.01f);
        right = std::max(right, grid.column_x[c] + grid.column_width[c]);
    }
    CHECK(right == doctest::Approx(wide.width));
    // Right to left: the year column at the right edge.
    wide.right_to_left = true;
    const ChartTableLayout mirrored = layout_chart_table(table, "Año", wide, m34);
    CHECK(mirrored.column_x[0] + mirrored.column_width[0] == doctest::Approx(wide.width));
    // A 480 px panel in large text cannot hold seven columns: stacked, every year and country.
    const ChartTableLayout stacked =
        layout_chart_table(table, "Año", portrait_large(), fake_measure(46));
    CHECK_FALSE(stacked.grid);
    CHECK(stacked.row_y.size() == 5);
    REQUIRE(stacked.cell_y.size() == 5);
    CHECK(stacked.cell_y[4].size() == 6);
    CHECK(stacked.name_width + stacked.value_width <= portrait_large().width);
    CHECK(stacked.height > stacked.cell_y[4][5]);
}

TEST_CASE("one year alone: its points in the middle, one 9 mm target, its label") {
    const TextMeasure m = fake_measure(34);
    ChartRoom room = portrait_large();
    const std::vector<ChartSeries> one = {{"México", {{2023, 63300}}},
                                          {"Guatemala", {{2023, 19800}}}};
    const ChartLayout layout = layout_chart(one, "USD", "Año", 0, room, m);
    REQUIRE(layout.hits.size() == 1);
    CHECK(layout.hits[0].rect.width() >= room.target - 0.01f);
    REQUIRE(layout.year_labels.size() == 1);
    CHECK(layout.year_labels[0].label == "2023");
    CHECK(layout.points[0][0].x == doctest::Approx(layout.points[1][0].x));
    CHECK(layout.points[0][0].x == doctest::Approx((layout.plot.x0 + layout.plot.x1) / 2));
    CHECK(layout.value_title == "USD \xC2\xB7 2023");
}
