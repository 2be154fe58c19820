// SPDX-License-Identifier: GPL-3.0-or-later
// The usage page: visits, searches and pages viewed per day for 30 days, as a chart.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "staff_pages.h"
#include "widgets/icons.h"

namespace guichet::kiosk::staff_pages {

void draw_usage(const Ui& ui, const StaffView& view) {
    const Theme& theme = ui.theme;
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = ImGui::GetContentRegionAvail().y;
    if (!view.usage_problem.empty()) framed_note(ui, view.usage_problem, true, width * 0.95f);
    std::int64_t sessions = 0, searches = 0, views = 0, most = 0;
    for (const UsageDayView& day : view.usage) {
        sessions += day.sessions, searches += day.searches, views += day.views;
        most = std::max(most, day.sessions);
    }
    wrapped_text(theme.title, theme.palette.text, ui.t("staff.usage_title"));
    std::string totals = format1(ui.t("staff.usage_sessions"), std::to_string(sessions)) + " · " +
                         format1(ui.t("staff.usage_searches"), std::to_string(searches)) + " · " +
                         format1(ui.t("staff.usage_views"), std::to_string(views));
    wrapped_text(theme.body, theme.palette.text, totals);

    // Sessions per day as bars, each with its number (never colour alone), days beneath.
    const float chart_h = std::max(theme.target * 3, height * 0.45f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float fs = theme.body->FontSize;
    const size_t n = std::max<size_t>(1, view.usage.size());
    const float slot = width * 0.95f / static_cast<float>(n);
    const float base_y = origin.y + chart_h - fs * 1.4f;
    const float top_y = origin.y + fs * 1.3f;
    draw->AddLine(ImVec2(origin.x, base_y), ImVec2(origin.x + slot * n, base_y),
                  theme.palette.border, 2.0f);
    for (size_t i = 0; i < view.usage.size(); ++i) {
        const UsageDayView& day = view.usage[i];
        const float x0 = origin.x + slot * i + slot * 0.15f,
                    x1 = origin.x + slot * (i + 1) - slot * 0.15f;
        const float h = most > 0 ? (base_y - top_y) * static_cast<float>(day.sessions) / most : 0;
        if (day.sessions > 0) {
            draw->AddRectFilled(ImVec2(x0, base_y - h), ImVec2(x1, base_y), theme.palette.accent);
            const std::string value = std::to_string(day.sessions);
            const ImVec2 size = theme.body->CalcTextSizeA(fs * 0.8f, FLT_MAX, 0, value.c_str());
            draw->AddText(theme.body, fs * 0.8f,
                          ImVec2((x0 + x1 - size.x) / 2, base_y - h - size.y), theme.palette.text,
                          value.c_str());
        }
        // Every fifth day and the last get their date (DD/MM) under the axis.
        if (i % 5 == 0 || i + 1 == view.usage.size()) {
            const std::string label = day.day.substr(8, 2) + "/" + day.day.substr(5, 2);
            const ImVec2 size = theme.body->CalcTextSizeA(fs * 0.8f, FLT_MAX, 0, label.c_str());
            draw->AddText(theme.body, fs * 0.8f, ImVec2((x0 + x1 - size.x) / 2, base_y + 4),
                          theme.palette.text_muted, label.c_str());
        }
    }
    ImGui::Dummy(ImVec2(width * 0.95f, chart_h));
    std::string by_type = std::string(ui.t("staff.usage_by_type")) + ":";
    for (const auto& [type, count] : view.views_by_type)
        by_type += "  " + std::string(tr_or("type." + type, type, ui.language)) + " " +
                   std::to_string(count);
    wrapped_text(theme.body, theme.palette.text, by_type);
    std::string by_language = std::string(ui.t("staff.usage_by_language")) + ":";
    for (const auto& [language, count] : view.sessions_by_language) {
        std::string name = language;
        for (const LanguageChoice& choice : view.languages)
            if (choice.code == language) name = choice.native_name;
        by_language += "  " + name + " " + std::to_string(count);
    }
    wrapped_text(theme.body, theme.palette.text, by_language);
    wrapped_text(theme.body, theme.palette.text_muted, ui.t("staff.usage_privacy"));
}

}  // namespace guichet::kiosk::staff_pages
