// SPDX-License-Identifier: GPL-3.0-or-later
// Fleet alerts as visitors see them: a band at the bottom of every screen (the screens leave
// it room), most urgent first, in the visitor's language; and an urgent alert's full-screen
// card in place of the welcome screen's picture. Nothing here dismisses an alert: it goes
// when its end time passes, on the kiosk's own clock.
#include <algorithm>

#include "visitor/screens.h"

namespace guichet::kiosk {
namespace {

struct Look {
    ImU32 fill, text;
};

Look look_of(const Theme& theme, std::string_view severity) {
    if (severity == "urgent") return {theme.palette.warning, theme.palette.accent_text};
    if (severity == "warning")
        return {theme.palette.highlight,
                theme.high_contrast ? theme.palette.accent_text : theme.palette.text};
    return {theme.palette.surface, theme.palette.text};
}

float row_height(const Theme& theme) {
    return std::max(theme.target, (theme.bold->FontSize + theme.body->FontSize) * 1.3f);
}

std::string first_line(std::string_view text) {
    return std::string(text.substr(0, text.find('\n')));
}

std::string label_of(const Ui& ui, const AlertCard& card) {
    std::string label(ui.t("alert." + card.severity));
    if (!card.central) label += " · " + format1(ui.t("alert.region"), card.region);
    return label;
}

}  // namespace

std::size_t banner_alerts(const std::vector<AlertCard>& alerts, bool on_welcome) {
    return static_cast<std::size_t>(std::count_if(
        alerts.begin(), alerts.end(),
        [&](const AlertCard& a) { return !(on_welcome && a.replaces_home); }));
}

float alert_banner_height(const Theme& theme, std::size_t count) {
    if (count == 0) return 0;
    const float more = count > 2 ? theme.body->FontSize * 1.5f : 0;
    return static_cast<float>(std::min<std::size_t>(count, 2)) * row_height(theme) + more;
}

void draw_alert_banner(const Ui& ui, bool on_welcome) {
    std::vector<const AlertCard*> cards;
    for (const AlertCard& a : ui.alerts)
        if (!(on_welcome && a.replaces_home)) cards.push_back(&a);
    if (cards.empty()) return;
    const Theme& theme = ui.theme;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float height = alert_banner_height(theme, cards.size());
    const ImVec2 min(viewport->Pos.x, viewport->Pos.y + viewport->Size.y - height);
    const float width = viewport->Size.x;
    // The band fills its window to the edges: no padding, no border.
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    begin_dialog(ui, "alerts", min, ImVec2(width, height));
    ImGui::PopStyleVar(2);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(min, ImVec2(min.x + width, min.y + height));
    ui.touch.add_target("alert.banner", min, ImVec2(min.x + width, min.y + height));
    const float pad = theme.margin;
    const float text_width = width - pad * 2;
    float y = min.y;
    const float row = row_height(theme);
    for (std::size_t i = 0; i < std::min<std::size_t>(cards.size(), 2); ++i) {
        const AlertCard& card = *cards[i];
        const Look look = look_of(theme, card.severity);
        draw->AddRectFilled(ImVec2(min.x, y), ImVec2(min.x + width, y + row), look.fill);
        draw->AddLine(ImVec2(min.x, y), ImVec2(min.x + width, y), theme.palette.border, 1.0f);
        // Centred in the row: the heading alone, or the heading over the text's first line.
        const float lines = card.body.empty() ? theme.bold->FontSize
                                              : theme.bold->FontSize * 1.15f + theme.body->FontSize;
        const float top = y + (row - lines) / 2;
        const std::string heading =
            fit_text(theme.bold, label_of(ui, card) + " — " + card.title, text_width);
        const float hw = text_size(theme.bold, theme.bold->FontSize, heading).x;
        draw_text(draw, theme.bold, theme.bold->FontSize,
                  ImVec2(ui.start_x(min.x, width, hw, pad), top), look.text, heading);
        if (card.body.empty()) {
            y += row;
            continue;
        }
        const std::string line = fit_text(theme.body, first_line(card.body), text_width);
        const float lw = text_size(theme.body, theme.body->FontSize, line).x;
        draw_text(draw, theme.body, theme.body->FontSize,
                  ImVec2(ui.start_x(min.x, width, lw, pad),
                         top + theme.bold->FontSize * 1.15f),
                  look.text, line);
        y += row;
    }
    if (cards.size() > 2) {
        const std::string more =
            format1(ui.t("alert.more"), std::to_string(cards.size() - 2));
        const float mw = text_size(theme.body, theme.body->FontSize, more).x;
        draw->AddRectFilled(ImVec2(min.x, y), ImVec2(min.x + width, min.y + height),
                            theme.palette.surface);
        draw_text(draw, theme.body, theme.body->FontSize,
                  ImVec2(ui.start_x(min.x, width, mw, pad), y + theme.body->FontSize * 0.25f),
                  theme.palette.text, more);
    }
    draw->PopClipRect();
    ImGui::End();
}

bool draw_alert_card(const Ui& ui, const AlertCard& card, ImVec2 origin, ImVec2 size) {
    const Theme& theme = ui.theme;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Look look = look_of(theme, card.severity);
    // A band of the alert's colour with its kind, then the title large and the text below,
    // each line centred.
    const float band = theme.button * 1.2f;
    const ImVec2 top(origin.x + theme.margin, origin.y + theme.margin);
    const float width = size.x - theme.margin * 2;
    draw->AddRectFilled(top, ImVec2(top.x + width, top.y + band), look.fill, theme.rounding);
    const std::string label = fit_text(theme.title, label_of(ui, card), width - theme.margin);
    const ImVec2 label_size = text_size(theme.title, theme.title->FontSize, label);
    draw_text(draw, theme.title, theme.title->FontSize,
              ImVec2(top.x + (width - label_size.x) / 2, top.y + (band - label_size.y) / 2),
              look.text, label);
    float y = top.y + band + theme.gap * 2;
    const float wrap = width - theme.margin * 2;
    y += draw_centered_lines(draw, theme.huge, theme.huge_px * 0.75f, card.title,
                             origin.x + size.x / 2, y, wrap, theme.palette.text);
    y += theme.gap * 2;
    if (!card.body.empty())
        y += draw_centered_lines(draw, theme.body, theme.body->FontSize * 1.2f, card.body,
                                 origin.x + size.x / 2, y, wrap, theme.palette.text);
    return y < origin.y + size.y;
}

}  // namespace guichet::kiosk
