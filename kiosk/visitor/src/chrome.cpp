// SPDX-License-Identifier: GPL-3.0-or-later
// The visitor's chrome: the top bar, the idle countdown, and the "information unavailable" page.
#include <algorithm>
#include <cmath>
#include <string>

#include "visitor/screens.h"
#include "widgets/icons.h"

namespace guichet::kiosk {
namespace {

float button_width(const Ui& ui, std::string_view label, bool with_icon) {
    ImFont* font = ui.theme.bold;
    const float text =
        font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size())
            .x;
    const float icon = with_icon ? std::min(ui.theme.button * 0.6f, font->FontSize * 1.5f) : 0;
    return std::max(ui.theme.target, text + icon + ui.theme.gap * 2.2f);
}

}  // namespace

float draw_top_bar(const Ui& ui, std::string_view title, std::string_view icon) {
    const Theme& theme = ui.theme;
    const float start_y = ImGui::GetCursorPosY();
    const float height = theme.button;
    const float full_width = ImGui::GetContentRegionAvail().x;

    struct Tool {
        const char* target;
        const char* icon;
        std::string label;
        ButtonLook look;
        Action action;
    };
    const std::vector<Tool> tools = {
        {"search", "search", std::string(ui.t("search")),
         ui.state.route.screen == Screen::search ? ButtonLook::selected : ButtonLook::normal,
         action::Open{{Screen::search, ""}}},
        {"large_text", "text_size", std::string(ui.t("larger_text")),
         ui.state.large_text ? ButtonLook::selected : ButtonLook::normal,
         action::ToggleLargeText{}},
        {"contrast", "contrast", std::string(ui.t("high_contrast")),
         ui.state.high_contrast ? ButtonLook::selected : ButtonLook::normal,
         action::ToggleHighContrast{}},
        {"language", "language", std::string(ui.t("language")), ButtonLook::normal,
         action::Open{{Screen::language, ""}}},
    };
    const std::string back = std::string(ui.t("back")), home = std::string(ui.t("home"));
    const float back_w = button_width(ui, back, true), home_w = button_width(ui, home, true);
    float tools_w = 0;
    for (const Tool& tool : tools) tools_w += button_width(ui, tool.label, true) + theme.gap;
    // A narrow (portrait) screen puts the tools on a second row rather than dropping words.
    const bool two_rows =
        back_w + home_w + tools_w + theme.gap * 2 + full_width * 0.2f > full_width;

    if (ui.touch.button("back", "back", back, ImVec2(back_w, height), ButtonLook::normal))
        ui.act(action::Back{});
    ImGui::SameLine();
    const bool at_home = ui.state.route.screen == Screen::home;
    if (ui.touch.button("home", "home", home, ImVec2(home_w, height),
                        at_home ? ButtonLook::selected : ButtonLook::normal))
        ui.act(action::Home{});
    ImGui::SameLine();

    // The title, with its icon, in the space left.
    const float title_x = ImGui::GetCursorScreenPos().x + theme.gap;
    const float title_right =
        two_rows ? ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - theme.margin
                 : ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - theme.margin - tools_w;
    {
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const float y = ImGui::GetCursorScreenPos().y;
        const float icon_size = theme.title->FontSize * 1.1f;
        float x = title_x;
        if (!icon.empty()) {
            draw_icon(draw, icon, ImVec2(x + icon_size / 2, y + height / 2), icon_size,
                      theme.palette.accent);
            x += icon_size + theme.gap * 0.6f;
        }
        const std::string shown = fit_text(theme.title, title, title_right - theme.gap - x);
        draw->AddText(theme.title, theme.title->FontSize,
                      ImVec2(x, y + (height - theme.title->FontSize) / 2), theme.palette.text,
                      shown.c_str());
    }
    if (two_rows) {
        ImGui::NewLine();
        ImGui::SetCursorPosY(start_y + height + theme.gap);
    } else {
        ImGui::SetCursorScreenPos(ImVec2(title_right + theme.gap, ImGui::GetCursorScreenPos().y));
    }
    bool first = true;
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - theme.margin;
    for (const Tool& tool : tools) {
        const float w = button_width(ui, tool.label, true);
        if (!first) {
            ImGui::SameLine();
            // Wrap rather than push a tool off a narrow screen.
            if (ImGui::GetCursorScreenPos().x + w > right_edge + 1) ImGui::NewLine();
        }
        first = false;
        if (ui.touch.button(tool.target, tool.icon, tool.label, ImVec2(w, height), tool.look))
            ui.act(tool.action);
    }
    const float bottom = ImGui::GetCursorPosY();
    end_bar(ui);
    return bottom - start_y;
}

void draw_idle_countdown(const Ui& ui, int seconds_left) {
    const Theme& theme = ui.theme;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    // Touching anywhere continues the visit (every input restarts the idle timer).
    dim_background(ui, "idle_dim");
    const float width = std::min(viewport->Size.x * 0.8f, theme.body->FontSize * 32);
    const float height = theme.button * 4.2f;
    begin_dialog(ui, "idle",
                 ImVec2(viewport->Pos.x + (viewport->Size.x - width) / 2,
                        viewport->Pos.y + (viewport->Size.y - height) / 2),
                 ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 min = ImGui::GetWindowPos();
    draw->AddRect(min, ImVec2(min.x + width, min.y + height), theme.palette.accent, theme.rounding,
                  0, 4.0f);
    // The number itself, large, in a ring: the countdown is visible at a glance.
    const float ring = theme.button * 0.9f;
    const float text_width = width - ring * 2 - theme.margin * 2;
    wrapped_text(theme.title, theme.palette.text, ui.t("still_there"), text_width);
    wrapped_text(theme.body, theme.palette.text,
                 format1(ui.t("idle_countdown"), std::to_string(seconds_left)), text_width);
    const ImVec2 center(min.x + width - theme.margin - ring, min.y + theme.margin + ring * 0.8f);
    draw->AddCircle(center, ring * 0.75f, theme.palette.border, 48, 5.0f);
    const std::string number = std::to_string(seconds_left);
    const ImVec2 number_size = theme.huge->CalcTextSizeA(theme.huge_px, FLT_MAX, 0, number.c_str());
    draw->AddText(theme.huge, theme.huge_px,
                  ImVec2(center.x - number_size.x / 2, center.y - number_size.y / 2),
                  theme.palette.text, number.c_str());
    ImGui::SetCursorPosY(height - theme.button - theme.margin * 0.6f);
    if (ui.touch.button("continue", "hand", ui.t("continue"),
                        ImVec2(ImGui::GetContentRegionAvail().x, theme.button),
                        ButtonLook::primary)) {
        // Any touch already restarted the idle timer; the button gives it an obvious place.
    }
    ImGui::End();
}

void draw_unavailable(const Ui& ui) {
    begin_screen(ui, "unavailable");
    // Back and Home stay, so even a missing item is no dead end.
    draw_top_bar(ui, "", "about");
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() * 0.4f);
    wrapped_text(ui.theme.title, ui.theme.palette.text, ui.t("content_unavailable"));
    end_screen();
}

}  // namespace guichet::kiosk
