// SPDX-License-Identifier: GPL-3.0-or-later
// The statistics block of a page: a Chart/Table switch, then either a line per country across
// every year (labelled axes, the unit and years, a legend whose markers differ by shape as well
// as colour, a 9 mm tap target per year that shows each country's figure that year) or the same
// figures as a table. Geometry comes from kiosk/chart_layout.h; this file only draws it.
#pragma once

#include <string>
#include <vector>

#include "kiosk/view_models.h"
#include "widgets/ui.h"

namespace guichet::kiosk {

// Draws the block `width` wide, the chart's plot and labels in `height` (the legend and hint
// below take what they need), and leaves the cursor under it.
void draw_chart(const Ui& ui, const DetailView& view, float width, float height);

// What the chart drew the last time it was drawn, for the state dump: scripts check that every
// year is there without reading pixels.
struct ChartDrawn {
    int frame = -1;  // ImGui's frame count when drawn
    bool table = false;
    std::vector<int> year_targets;         // chart: a tap target per year
    std::vector<std::string> year_labels;  // chart: the years written under the axis
    std::size_t points = 0;                // chart: markers drawn
    std::string heading;                   // chart: over the legend, with a year chosen
    std::vector<std::string> legend;       // chart: the legend's words
    std::vector<int> table_years;          // table: its rows' years
    std::vector<std::string> table_rows;   // table: "2019 | 36.400 | 10.500 …", one per year
};
const ChartDrawn& last_chart_drawn();

}  // namespace guichet::kiosk
