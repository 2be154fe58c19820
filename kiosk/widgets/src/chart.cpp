// SPDX-License-Identifier: GPL-3.0-or-later
// The statistics block drawn with ImDrawList from kiosk/chart_layout.h's geometry. Countries
// differ by marker shape as well as colour, and a chosen year's figures are written out in the
// legend, so nothing depends on telling colours apart or reading a line's height.
//
// Right to left (Arabic): the titles, legend, hint and table mirror, but the years still run
// from left to right. Arabic charts in print and on the web (news sites, school books in Jordan
// and Palestine, the UN's Arabic reports, which reuse their English charts' axes) mostly keep
// time increasing to the right, as the digits of the numbers themselves are written left to
// right; a reversed time axis would also disagree with the table's Latin digits read in order.
#include "widgets/chart.h"

#include <algorithm>
#include <cmath>

#include "kiosk/chart_layout.h"
#include "widgets/icons.h"

namespace guichet::kiosk {
namespace {

ChartDrawn g_drawn;

// Colour-blind-safe hues (Okabe and Ito's palette, darkened to read on the light background;
// bright ones on the high-contrast black), eight of them as there are eight marker shapes.
ImU32 series_color(const Theme& theme, int series) {
    static const ImU32 light[] = {IM_COL32(0, 100, 160, 255),  IM_COL32(190, 80, 0, 255),
                                  IM_COL32(0, 120, 90, 255),   IM_COL32(160, 60, 140, 255),
                                  IM_COL32(140, 100, 0, 255),  IM_COL32(30, 30, 30, 255),
                                  IM_COL32(60, 120, 190, 255), IM_COL32(110, 110, 110, 255)};
    static const ImU32 dark[] = {IM_COL32(255, 255, 255, 255), IM_COL32(255, 230, 0, 255),
                                 IM_COL32(0, 230, 255, 255),   IM_COL32(255, 130, 210, 255),
                                 IM_COL32(140, 255, 120, 255), IM_COL32(255, 170, 70, 255),
                                 IM_COL32(180, 180, 255, 255), IM_COL32(200, 200, 200, 255)};
    const int i = series % kChartShapes;
    return theme.high_contrast ? dark[i] : light[i];
}

void marker(ImDrawList* draw, int shape, ImVec2 c, float r, ImU32 color) {
    const bool hollow = shape >= 4;
    const float t = std::max(2.0f, r * 0.35f);
    const ImVec2 up[3] = {ImVec2(c.x, c.y - r * 1.2f), ImVec2(c.x + r * 1.1f, c.y + r * 0.8f),
                          ImVec2(c.x - r * 1.1f, c.y + r * 0.8f)};
    const ImVec2 down[3] = {ImVec2(c.x, c.y + r * 1.2f), ImVec2(c.x - r * 1.1f, c.y - r * 0.8f),
                            ImVec2(c.x + r * 1.1f, c.y - r * 0.8f)};
    const ImVec2 diamond[4] = {ImVec2(c.x, c.y - r * 1.3f), ImVec2(c.x + r * 1.3f, c.y),
                               ImVec2(c.x, c.y + r * 1.3f), ImVec2(c.x - r * 1.3f, c.y)};
    switch (shape % 4) {
        case 0:
            if (hollow)
                draw->AddCircle(c, r - t / 2, color, 0, t);
            else
                draw->AddCircleFilled(c, r, color);
            break;
        case 1: {
            const ImVec2 a(c.x - r * 0.9f, c.y - r * 0.9f), b(c.x + r * 0.9f, c.y + r * 0.9f);
            if (hollow)
                draw->AddRect(a, b, color, 0, 0, t);
            else
                draw->AddRectFilled(a, b, color);
            break;
        }
        case 2: {
            const ImVec2* p = hollow ? down : up;
            if (hollow)
                draw->AddTriangle(p[0], p[1], p[2], color, t);
            else
                draw->AddTriangleFilled(p[0], p[1], p[2], color);
            break;
        }
        default:
            if (hollow)
                draw->AddQuad(diamond[0], diamond[1], diamond[2], diamond[3], color, t);
            else
                draw->AddQuadFilled(diamond[0], diamond[1], diamond[2], diamond[3], color);
    }
}

TextMeasure measure_with(ImFont* font) {
    TextMeasure m;
    const float fs = font->FontSize;
    m.line = fs;
    m.width = [font, fs](std::string_view text) { return text_size(font, fs, text).x; };
    m.height = [font, fs](std::string_view text, float wrap) {
        TextStyle style;
        style.wrap = wrap;
        return text_size(font, fs, text, style).y;
    };
    return m;
}

// Digits and years are written left to right whatever the screen's direction.
TextStyle digits_style() {
    TextStyle style;
    style.right_to_left = false;
    return style;
}

void draw_switch(const Ui& ui, float width) {
    const Theme& theme = ui.theme;
    const std::string chart_words(ui.t("chart.show_chart")), table_words(ui.t("chart.show_table"));
    float w = std::max(text_size(theme.bold, theme.bold->FontSize, chart_words).x,
                       text_size(theme.bold, theme.bold->FontSize, table_words).x) +
              theme.gap * 2;
    w = std::min(std::max(w, theme.target * 2), (width - theme.gap) / 2);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool table = ui.state.chart.table;
    ImGui::SetCursorScreenPos(ImVec2(ui.start_x(at.x, width, w), at.y));
    if (ui.touch.button("chart.view.chart", "", chart_words, ImVec2(w, theme.button),
                        table ? ButtonLook::normal : ButtonLook::selected))
        ui.act(action::ChartShowTable{false});
    ImGui::SetCursorScreenPos(ImVec2(ui.start_x(at.x, width, w, w + theme.gap), at.y));
    if (ui.touch.button("chart.view.table", "", table_words, ImVec2(w, theme.button),
                        table ? ButtonLook::selected : ButtonLook::normal))
        ui.act(action::ChartShowTable{true});
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + theme.button + theme.gap * 0.6f));
}

// The room the chart or its table is laid out in, from the screen's theme and direction.
ChartRoom room_for(const Ui& ui, float width, float height) {
    ChartRoom room;
    room.width = width;
    room.height = height;
    room.target = ui.theme.target;
    room.gap = ui.theme.gap;
    room.right_to_left = ui.right_to_left;
    room.language = ui.language;
    return room;
}

void draw_lines(const Ui& ui, const DetailView& view, float width, float height) {
    const Theme& theme = ui.theme;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImFont* font = theme.body;
    const float fs = font->FontSize;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const TextMeasure measure = measure_with(font);
    const ChartRoom room = room_for(ui, width, height);
    const std::string& unit = view.unit;  // named by the content adapter
    const ChartLayout layout =
        layout_chart(view.chart, unit, ui.t("field.year"), ui.state.chart.year, room, measure);
    const auto at = [&](float x, float y) { return ImVec2(o.x + x, o.y + y); };

    TextStyle title;
    title.wrap = width;
    title.box_width = width;
    // Titles in the face the layout measured them in (a bolder one would wrap where it did not).
    draw_text(draw, font, fs, at(0, layout.value_title_y), theme.palette.text, layout.value_title,
              title);

    // Grid and axes.
    for (const ChartTick& tick : layout.ticks)
        draw->AddLine(at(layout.plot.x0, tick.y), at(layout.plot.x1, tick.y), theme.palette.border,
                      tick.value == 0 ? 2.0f : 1.0f);
    draw->AddLine(at(layout.plot.x0, layout.plot.y0), at(layout.plot.x0, layout.plot.y1),
                  theme.palette.text_muted, 2.0f);
    draw->AddLine(at(layout.plot.x0, layout.plot.y1), at(layout.plot.x1, layout.plot.y1),
                  theme.palette.text_muted, 2.0f);

    // The chosen year: a band and a line behind its points.
    const int chosen = layout.selected_year;
    for (const ChartHit& hit : layout.hits)
        if (hit.year == chosen) {
            const float x = (hit.rect.x0 + hit.rect.x1) / 2;
            draw->AddLine(at(x, layout.plot.y0), at(x, layout.plot.y1), theme.palette.accent, 3.0f);
        }

    // One line per country, its markers on every year it has.
    const float r = std::max(theme.px_per_mm * 1.2f, fs * 0.22f);
    std::size_t points = 0;
    for (std::size_t s = 0; s < layout.points.size(); ++s) {
        const ImU32 color = series_color(theme, static_cast<int>(s));
        const auto& line = layout.points[s];
        for (std::size_t i = 1; i < line.size(); ++i)
            draw->AddLine(at(line[i - 1].x, line[i - 1].y), at(line[i].x, line[i].y), color, 3.0f);
        for (const ChartPoint& p : line) {
            const bool on = p.year == chosen;
            if (on) draw->AddCircleFilled(at(p.x, p.y), r * 2.0f, theme.palette.background);
            marker(draw, static_cast<int>(s) % kChartShapes, at(p.x, p.y), on ? r * 1.5f : r,
                   color);
            ++points;
        }
    }

    // Value labels: beside the axis, or inside the plot over a backing so lines stay readable.
    for (const ChartTick& tick : layout.ticks) {
        const ImVec2 size = text_size(font, fs, tick.label, digits_style());
        if (layout.ticks_inside)
            draw->AddRectFilled(at(tick.label_x - 2, tick.label_y),
                                at(tick.label_x + size.x + 2, tick.label_y + size.y),
                                (theme.palette.background & 0x00FFFFFF) | 0xD0000000);
        draw_text(draw, font, fs, at(tick.label_x, tick.label_y), theme.palette.text_muted,
                  tick.label, digits_style());
    }
    ChartDrawn drawn;
    for (const ChartYearLabel& label : layout.year_labels) {
        draw_text(draw, font, fs, at(label.x, label.y),
                  label.year == chosen ? theme.palette.text : theme.palette.text_muted, label.label,
                  digits_style());
        drawn.year_labels.push_back(label.label);
    }
    if (!layout.year_title.empty()) {
        const float w = text_size(font, fs, layout.year_title).x;
        draw_text(draw, font, fs,
                  at((layout.plot.x0 + layout.plot.x1 - w) / 2, layout.year_title_y),
                  theme.palette.text_muted, layout.year_title);
    }

    // A target per year: tapping it shows that year's figures in the legend (again: hides them).
    for (const ChartHit& hit : layout.hits) {
        const std::string name = "chart.year." + std::to_string(hit.year);
        ImGui::SetCursorScreenPos(at(hit.rect.x0, hit.rect.y0));
        ImGui::PushID(name.c_str());
        if (ImGui::InvisibleButton("##year", ImVec2(hit.rect.width(), hit.rect.height())))
            ui.act(action::ChartSelect{hit.year == chosen ? 0 : hit.year});
        ImGui::PopID();
        ui.touch.add_target(name, at(hit.rect.x0, hit.rect.y0), at(hit.rect.x1, hit.rect.y1),
                            std::to_string(hit.year));
        drawn.year_targets.push_back(hit.year);
    }

    drawn.heading = layout.legend_heading;
    if (!layout.legend_heading.empty()) {
        TextStyle heading;
        heading.wrap = width;
        heading.box_width = width;
        draw_text(draw, font, fs, at(0, layout.legend_heading_y), theme.palette.text,
                  layout.legend_heading, heading);
    }
    for (const ChartLegendEntry& entry : layout.legend) {
        const float words_w = entry.width - fs - theme.gap * 0.4f;
        const float mx = ui.right_to_left ? entry.x + entry.width - fs / 2 : entry.x + fs / 2;
        marker(draw, entry.shape, at(mx, entry.y + fs / 2), fs * 0.32f,
               series_color(theme, entry.series));
        TextStyle words;
        words.wrap = words_w;
        words.box_width = words_w;
        // In the face it was measured in: a bolder one would wrap where the layout did not.
        draw_text(draw, font, fs, at(entry.text_x, entry.y), theme.palette.text, entry.text, words);
        drawn.legend.push_back(entry.text);
    }
    ImGui::SetCursorScreenPos(o);
    ImGui::Dummy(ImVec2(width, layout.height + theme.gap * 0.5f));
    if (!chosen) {
        ImGui::SetCursorScreenPos(ImVec2(o.x, ImGui::GetCursorScreenPos().y));
        wrapped_text(font, theme.palette.text_muted, ui.t("chart.tap_hint"), width);
    }
    drawn.points = points;
    drawn.frame = ImGui::GetFrameCount();
    g_drawn = std::move(drawn);
}

void draw_table(const Ui& ui, const DetailView& view, float width) {
    const Theme& theme = ui.theme;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImFont* font = theme.body;
    const float fs = font->FontSize;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const TextMeasure measure = measure_with(font);
    const ChartRoom room = room_for(ui, width, 0);
    const ChartTable table = chart_table(view.chart, ui.language);
    const std::string year_header(ui.t("field.year"));
    const ChartTableLayout layout = layout_chart_table(table, year_header, room, measure);
    const auto at = [&](float x, float y) { return ImVec2(o.x + x, o.y + y); };
    const float pad = theme.gap / 2;
    const float row_h = fs + theme.gap * 0.4f;
    ChartDrawn drawn;
    drawn.table = true;
    // Figures align on their last digit, on the right in either direction (the digits run left
    // to right in Arabic too), so units sit under units.
    const TextAlign figures = ui.right_to_left ? TextAlign::start : TextAlign::end;
    const auto cell = [&](ImFont* face, float x, float y, float w, const std::string& text,
                          TextAlign align) {
        TextStyle style;
        style.wrap = w;
        style.box_width = w;
        style.align = align;
        draw_text(draw, face, fs, at(x, y), theme.palette.text, text, style);
    };
    for (std::size_t r = 0; r < table.years.size(); ++r) {
        std::string row = std::to_string(table.years[r]);
        for (const std::string& value : table.cells[r])
            row += " | " + (value.empty() ? "\xE2\x80\x94" : value);
        drawn.table_rows.push_back(row);
        drawn.table_years.push_back(table.years[r]);
    }
    if (layout.grid) {
        // Years down the start column, a column per country; figures at the columns' end edge
        // so their digits line up.
        // Every cell in the face the layout measured (bold would wrap where it did not); the
        // header stands out by its rule.
        cell(font, layout.column_x[0] + pad, 0, layout.column_width[0] - pad * 2, year_header,
             TextAlign::start);
        for (std::size_t c = 0; c < table.countries.size(); ++c)
            cell(font, layout.column_x[c + 1] + pad, 0, layout.column_width[c + 1] - pad * 2,
                 table.countries[c], figures);
        draw->AddLine(at(0, layout.header_height + theme.gap * 0.2f),
                      at(width, layout.header_height + theme.gap * 0.2f), theme.palette.text_muted,
                      2.0f);
        for (std::size_t r = 0; r < table.years.size(); ++r) {
            const float y = layout.row_y[r];
            if (r % 2 == 1)
                draw->AddRectFilled(at(0, y), at(width, y + row_h), theme.palette.surface);
            cell(font, layout.column_x[0] + pad, y + theme.gap * 0.2f,
                 layout.column_width[0] - pad * 2, std::to_string(table.years[r]),
                 TextAlign::start);
            for (std::size_t c = 0; c < table.countries.size(); ++c)
                cell(font, layout.column_x[c + 1] + pad, y + theme.gap * 0.2f,
                     layout.column_width[c + 1] - pad * 2,
                     table.cells[r][c].empty() ? "\xE2\x80\x94" : table.cells[r][c], figures);
        }
    } else {
        // Too many countries for columns: each year a heading, then a line per country, its
        // name at the start edge (wrapping) and its figure at the end edge.
        for (std::size_t r = 0; r < table.years.size(); ++r) {
            const float y = layout.row_y[r];
            draw->AddRectFilled(at(0, y), at(width, y + row_h), theme.palette.surface);
            cell(theme.bold, pad, y + theme.gap * 0.2f, width - pad * 2,
                 std::to_string(table.years[r]), TextAlign::start);
            for (std::size_t c = 0; c < table.countries.size(); ++c) {
                const float cy = layout.cell_y[r][c];
                const float name_x = ui.start_x(0, width, layout.name_width);
                cell(font, name_x, cy, layout.name_width, table.countries[c], TextAlign::start);
                const float value_x = ui.end_x(0, width, layout.value_width);
                cell(font, value_x, cy, layout.value_width,
                     table.cells[r][c].empty() ? "\xE2\x80\x94" : table.cells[r][c], figures);
            }
        }
    }
    ImGui::SetCursorScreenPos(o);
    ImGui::Dummy(ImVec2(width, layout.height + theme.gap * 0.5f));
    drawn.frame = ImGui::GetFrameCount();
    g_drawn = std::move(drawn);
}

}  // namespace

void draw_chart(const Ui& ui, const DetailView& view, float width, float height) {
    draw_switch(ui, width);
    if (ui.state.chart.table)
        draw_table(ui, view, width);
    else
        draw_lines(ui, view, width, height);
}

const ChartDrawn& last_chart_drawn() {
    return g_drawn;
}

}  // namespace guichet::kiosk
