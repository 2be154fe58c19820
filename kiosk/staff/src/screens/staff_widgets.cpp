// SPDX-License-Identifier: GPL-3.0-or-later
// The controls staff pages share: word-wide buttons, notes, the question dialog, the bar.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "staff_pages.h"
#include "kiosk/layout_rules.h"
#include "widgets/icons.h"

namespace guichet::kiosk::staff_pages {

float label_width(const Ui& ui, std::string_view label, bool icon) {
    ImFont* font = ui.theme.bold;
    const float text = text_size(font, font->FontSize, label).x;
    // Whole pixels: the software renderer leaves a seam in a face drawn at a fraction.
    return std::ceil(
        std::max(ui.theme.target, text + (icon ? font->FontSize * 1.5f : 0) + ui.theme.gap * 2.2f));
}

// A button as wide as its words need; on the same line as the previous one when `same_line`.
bool button(const Ui& ui, const std::string& target, std::string_view icon, std::string_view label,
            ButtonLook look, bool same_line) {
    if (same_line) ImGui::SameLine();
    return ui.touch.button(target, icon, label,
                           ImVec2(label_width(ui, label, !icon.empty()), ui.theme.button), look);
}

// A message key from the table, or the message itself (errors come as text).
std::string message_text(const Ui& ui, const std::string& message) {
    return std::string(tr_or(message, message, ui.language, ui.fallback_chain));
}

void framed_note(const Ui& ui, const std::string& text, bool warning, float width) {
    const Theme& theme = ui.theme;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImFont* font = theme.body;
    TextStyle style;
    style.wrap = width - theme.gap * 2;
    const ImVec2 size = text_size(font, font->FontSize, text, style);
    const float height = size.y + theme.gap;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    fill_rounded_rect(draw, min, ImVec2(min.x + width, min.y + height), theme.palette.surface,
                      theme.rounding);
    draw->AddRect(min, ImVec2(min.x + width, min.y + height),
                  warning ? theme.palette.warning : theme.palette.accent, theme.rounding, 0,
                  warning ? 3.0f : 1.5f);
    style.box_width = style.wrap;
    draw_text(draw, font, font->FontSize, ImVec2(min.x + theme.gap, min.y + theme.gap / 2),
              theme.palette.text, text, style);
    ImGui::Dummy(ImVec2(width, height));
}

void confirm(const Ui& ui, const char* id, const char* question_key, const Answer& yes,
             const Answer& no) {
    const Theme& theme = ui.theme;
    if (dim_background(ui, (std::string(id) + "_dim").c_str())) act(ui, no.action);
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float w = std::min(viewport->Size.x * 0.8f, theme.body->FontSize * 30);
    const float h = theme.button * 3.2f;
    begin_dialog(ui, id,
                 ImVec2(viewport->Pos.x + (viewport->Size.x - w) / 2,
                        viewport->Pos.y + (viewport->Size.y - h) / 2),
                 ImVec2(w, h));
    wrapped_text(theme.title, theme.palette.text, ui.t(question_key));
    ImGui::SetCursorPosY(h - theme.button - theme.margin * 0.6f);
    if (button(ui, yes.target, yes.icon, ui.t(yes.label_key), ButtonLook::primary))
        act(ui, yes.action);
    if (button(ui, no.target, no.icon, ui.t(no.label_key), ButtonLook::normal, true))
        act(ui, no.action);
    ImGui::End();
}

// The staff bar: Leave, the page tabs, and Exit to the desktop at the far end, in one row.
// Where the words do not all fit (a 7-inch panel, portrait), tabs other than the open one
// become icons first, then Exit, then Leave; the open tab, saying where staff are, keeps its
// words longest.
void staff_bar(const Ui& ui, StaffPage page) {
    const Theme& theme = ui.theme;
    struct Tool {
        std::string target;
        const char* icon;
        std::string label;
        bool selected;
        std::function<void()> tapped;
    };
    std::vector<Tool> tools;
    tools.push_back({"staff.leave", "back", std::string(ui.t("staff.leave")), false,
                     [&] { act(ui, Leave{}); }});
    const std::pair<StaffPage, const char*> tabs[] = {{StaffPage::status, "status"},
                                                      {StaffPage::notices, "notices"},
                                                      {StaffPage::settings, "settings"},
                                                      {StaffPage::usage, "usage"}};
    const char* icons[] = {"about", "news", "filter", "statistics"};
    int i = 0;
    for (const auto& [tab, name] : tabs) {
        const bool selected =
            page == tab || (tab == StaffPage::notices && page == StaffPage::notice_edit);
        const StaffPage open = tab;
        tools.push_back({std::string("staff.page.") + name, icons[i++],
                         std::string(ui.t(std::string("staff.page.") + name)), selected,
                         [&ui, open] { act(ui, OpenPage{open}); }});
    }
    tools.push_back({"staff.exit", "close", std::string(ui.t("staff.exit")), false,
                     [&] { act(ui, AskExit{true}); }});

    const float start_x = ImGui::GetCursorScreenPos().x;
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - theme.margin;
    std::vector<ToolbarItem> items;
    for (size_t t = 0; t < tools.size(); ++t) {
        const bool leave = t == 0, exit = t + 1 == tools.size();
        items.push_back({label_width(ui, tools[t].label, true), label_width(ui, "", true),
                         tools[t].selected ? 3 : leave ? 2 : exit ? 1 : 0});
    }
    const ToolbarPlan plan = plan_toolbar(items, right_edge - start_x, theme.gap);
    for (size_t t = 0; t < tools.size(); ++t) {
        const bool words = plan.with_words[t];
        const float w = words ? items[t].full_width : items[t].icon_width;
        if (t) ImGui::SameLine();
        const bool exit = t + 1 == tools.size();
        if (ImGui::GetCursorScreenPos().x + w > right_edge + 1)
            ImGui::NewLine();  // only when even icons do not fit: no tool is ever dropped
        else if (exit)
            ImGui::SetCursorScreenPos(ImVec2(right_edge - w, ImGui::GetCursorScreenPos().y));
        if (ui.touch.button(tools[t].target, tools[t].icon,
                            words ? std::string_view(tools[t].label) : std::string_view(),
                            ImVec2(w, theme.button),
                            tools[t].selected ? ButtonLook::selected : ButtonLook::normal))
            tools[t].tapped();
    }
    end_bar(ui);
}

}  // namespace guichet::kiosk::staff_pages
