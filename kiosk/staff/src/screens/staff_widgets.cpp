// SPDX-License-Identifier: GPL-3.0-or-later
// The controls staff pages share: word-wide buttons, notes, the question dialog, the bar.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "staff_pages.h"
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

// The staff bar: Leave, the page tabs, and Exit to the desktop at the far end.
void staff_bar(const Ui& ui, StaffPage page) {
    const Theme& theme = ui.theme;
    if (button(ui, "staff.leave", "back", ui.t("staff.leave"))) act(ui, Leave{});
    const std::pair<StaffPage, const char*> tabs[] = {{StaffPage::status, "status"},
                                                      {StaffPage::notices, "notices"},
                                                      {StaffPage::settings, "settings"},
                                                      {StaffPage::usage, "usage"}};
    const char* icons[] = {"about", "news", "filter", "statistics"};
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - theme.margin;
    int i = 0;
    for (const auto& [tab, name] : tabs) {
        const std::string label(ui.t(std::string("staff.page.") + name));
        const float w = label_width(ui, label, true);
        ImGui::SameLine();
        if (ImGui::GetCursorScreenPos().x + w > right_edge + 1) ImGui::NewLine();
        const bool selected =
            page == tab || (tab == StaffPage::notices && page == StaffPage::notice_edit);
        if (ui.touch.button(std::string("staff.page.") + name, icons[i++], label,
                            ImVec2(w, theme.button),
                            selected ? ButtonLook::selected : ButtonLook::normal))
            act(ui, OpenPage{tab});
    }
    const std::string exit_label(ui.t("staff.exit"));
    const float exit_w = label_width(ui, exit_label, true);
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + exit_w > right_edge + 1)
        ImGui::NewLine();
    else
        ImGui::SetCursorScreenPos(ImVec2(right_edge - exit_w, ImGui::GetCursorScreenPos().y));
    if (ui.touch.button("staff.exit", "close", exit_label, ImVec2(exit_w, theme.button)))
        act(ui, AskExit{true});
    end_bar(ui);
}

}  // namespace guichet::kiosk::staff_pages
