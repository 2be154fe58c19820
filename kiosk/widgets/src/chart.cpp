// SPDX-License-Identifier: GPL-3.0-or-later
// Statistics charts drawn with ImDrawList. Every bar and line end carries its number, and
// lines differ by marker shape as well as colour, so nothing depends on telling colours apart.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "widgets/chart.h"

namespace guichet::kiosk {
namespace {

std::string format_value(double value, std::string_view unit, std::string_view lang) {
    char digits[64];
    const bool whole = std::fabs(value - std::round(value)) < 1e-9 && std::fabs(value) < 1e15;
    std::snprintf(digits, sizeof digits, whole ? "%.0f" : "%.1f", value);
    std::string text = digits;
    // Group thousands: a comma in English, a space elsewhere; the decimal mark follows.
    const char group = lang.starts_with("en") ? ',' : ' ';
    const auto point = text.find('.');
    if (point != std::string::npos && !lang.starts_with("en")) text[point] = ',';
    const size_t int_end = point == std::string::npos ? text.size() : point;
    const size_t int_start = text[0] == '-' ? 1 : 0;
    for (size_t i = int_end; i > int_start + 3; i -= 3) text.insert(i - 3, 1, group);
    if (unit == "percent") text += " %";
    return text;
}

void marker(ImDrawList* draw, int shape, ImVec2 c, float r, ImU32 color) {
    switch (shape % 4) {
        case 0:
            draw->AddCircleFilled(c, r, color);
            break;
        case 1:
            draw->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), color);
            break;
        case 2:
            draw->AddTriangleFilled(ImVec2(c.x, c.y - r * 1.2f), ImVec2(c.x - r * 1.1f, c.y + r),
                                    ImVec2(c.x + r * 1.1f, c.y + r), color);
            break;
        default:
            draw->AddQuadFilled(ImVec2(c.x, c.y - r * 1.3f), ImVec2(c.x + r * 1.3f, c.y),
                                ImVec2(c.x, c.y + r * 1.3f), ImVec2(c.x - r * 1.3f, c.y), color);
    }
}

}  // namespace

void draw_chart(const Ui& ui, const DetailView& view, ImVec2 size) {
    const Theme& theme = ui.theme;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImFont* font = theme.body;
    const float fs = font->FontSize;
    const ImU32 palette[] = {theme.palette.accent, theme.palette.warning, theme.palette.text,
                             theme.palette.text_muted};
    size_t longest = 0;
    for (const ChartSeries& series : view.chart) longest = std::max(longest, series.points.size());

    if (longest <= 1 || view.chart.size() > 4) {
        // Bars: each country's latest value, largest first.
        struct Bar {
            std::string label;
            double value;
        };
        std::vector<Bar> bars;
        for (const ChartSeries& series : view.chart) {
            if (series.points.empty()) continue;
            const auto& [year, value] = series.points.back();
            bars.push_back({series.country + " (" + std::to_string(year) + ")", value});
        }
        std::sort(bars.begin(), bars.end(),
                  [](const Bar& a, const Bar& b) { return a.value > b.value; });
        double max_value = 0;
        float label_w = 0;
        for (const Bar& bar : bars) {
            max_value = std::max(max_value, bar.value);
            label_w = std::max(label_w, text_size(font, fs, bar.label).x);
        }
        label_w = std::min(label_w, size.x * 0.4f);
        const float bar_h = fs * 1.3f, step = bar_h + theme.gap * 0.6f;
        const float value_w = fs * 7;
        const float bar_x = origin.x + label_w + theme.gap;
        const float bar_max = std::max(fs, size.x - label_w - theme.gap * 2 - value_w);
        for (size_t i = 0; i < bars.size(); ++i) {
            const float y = origin.y + i * step;
            // Country names come in the visitor's language (Arabic ones shaped).
            draw->PushClipRect(ImVec2(origin.x, y), ImVec2(origin.x + label_w, y + step), true);
            draw_text(draw, font, fs, ImVec2(origin.x, y + (bar_h - fs) / 2), theme.palette.text,
                      bars[i].label);
            draw->PopClipRect();
            const float w =
                max_value > 0 ? static_cast<float>(bars[i].value / max_value) * bar_max : 0;
            draw->AddRectFilled(ImVec2(bar_x, y), ImVec2(bar_x + std::max(2.0f, w), y + bar_h),
                                theme.palette.accent, theme.rounding * 0.3f);
            const std::string value = format_value(bars[i].value, view.unit, ui.language);
            draw->AddText(theme.bold, fs,
                          ImVec2(bar_x + w + theme.gap * 0.5f, y + (bar_h - fs) / 2),
                          theme.palette.text, value.c_str());
        }
        ImGui::Dummy(ImVec2(size.x, bars.size() * step + theme.gap));
        return;
    }

    // Lines: years across, one line per country, a legend with the same markers.
    int first_year = INT32_MAX, last_year = INT32_MIN;
    double min_value = 0, max_value = 0;
    for (const ChartSeries& series : view.chart)
        for (const auto& [year, value] : series.points) {
            first_year = std::min(first_year, year);
            last_year = std::max(last_year, year);
            max_value = std::max(max_value, value);
            min_value = std::min(min_value, value);
        }
    const float legend_h = (fs * 1.4f) * static_cast<float>(view.chart.size());
    const float axis_w = fs * 6, value_w = fs * 6;
    const ImVec2 plot_min(origin.x + axis_w, origin.y + fs);
    const ImVec2 plot_max(origin.x + size.x - value_w, origin.y + size.y - legend_h - fs * 2);
    const float span_x = static_cast<float>(std::max(1, last_year - first_year));
    const double span_y = max_value > min_value ? max_value - min_value : 1;
    auto to_screen = [&](int year, double value) {
        return ImVec2(plot_min.x + (year - first_year) / span_x * (plot_max.x - plot_min.x),
                      plot_max.y - static_cast<float>((value - min_value) / span_y) *
                                       (plot_max.y - plot_min.y));
    };
    draw->AddLine(ImVec2(plot_min.x, plot_max.y), plot_max, theme.palette.border, 2);
    draw->AddLine(plot_min, ImVec2(plot_min.x, plot_max.y), theme.palette.border, 2);
    for (double tick : {min_value, (min_value + max_value) / 2, max_value}) {
        const ImVec2 at = to_screen(first_year, tick);
        const std::string label = format_value(tick, view.unit, ui.language);
        const float w = font->CalcTextSizeA(fs, FLT_MAX, 0, label.c_str()).x;
        draw->AddText(font, fs, ImVec2(plot_min.x - w - theme.gap * 0.4f, at.y - fs / 2),
                      theme.palette.text_muted, label.c_str());
        draw->AddLine(ImVec2(plot_min.x, at.y), ImVec2(plot_max.x, at.y), theme.palette.border, 1);
    }
    for (int year : {first_year, last_year}) {
        const std::string label = std::to_string(year);
        const ImVec2 at = to_screen(year, min_value);
        const float w = font->CalcTextSizeA(fs, FLT_MAX, 0, label.c_str()).x;
        draw->AddText(font, fs, ImVec2(at.x - w / 2, plot_max.y + fs * 0.3f),
                      theme.palette.text_muted, label.c_str());
    }
    for (size_t s = 0; s < view.chart.size(); ++s) {
        const ChartSeries& series = view.chart[s];
        const ImU32 color = palette[s % 4];
        for (size_t i = 0; i < series.points.size(); ++i) {
            const ImVec2 p = to_screen(series.points[i].first, series.points[i].second);
            if (i > 0) {
                const ImVec2 q = to_screen(series.points[i - 1].first, series.points[i - 1].second);
                draw->AddLine(q, p, color, 3.0f);
            }
            marker(draw, static_cast<int>(s), p, fs * 0.3f, color);
        }
        if (!series.points.empty()) {
            const auto& [year, value] = series.points.back();
            const ImVec2 p = to_screen(year, value);
            const std::string label = format_value(value, view.unit, ui.language);
            draw->AddText(theme.bold, fs, ImVec2(p.x + theme.gap * 0.5f, p.y - fs / 2),
                          theme.palette.text, label.c_str());
        }
        const float ly = plot_max.y + fs * 1.8f + s * fs * 1.4f;
        marker(draw, static_cast<int>(s), ImVec2(plot_min.x + fs * 0.4f, ly + fs * 0.6f),
               fs * 0.35f, color);
        TextStyle legend;
        legend.align = TextAlign::natural;
        draw_text(draw, font, fs, ImVec2(plot_min.x + fs * 1.2f, ly), theme.palette.text,
                  series.country, legend);
    }
    ImGui::Dummy(size);
}

}  // namespace guichet::kiosk
