// SPDX-License-Identifier: GPL-3.0-or-later
// The attract screen: "touch to start" in each content language in turn, over a screen that
// is one big target, and every language's own name along the bottom, each a target of its own
// that starts the visit in that language. It changes once every few seconds, so at rest the
// kiosk redraws rarely.
#include <algorithm>
#include <cmath>
#include <optional>

#include "visitor/screens.h"
#include "widgets/icons.h"

namespace guichet::kiosk {
namespace {

// The languages' names as a row of quiet buttons (more rows when they do not fit), centred,
// bottom row at `bottom`. Drawn before the screen-wide target, so a tap on a name is the
// name's (ImGui gives an overlapped press to the item submitted first).
void draw_language_names(const Ui& ui, const std::vector<LanguageChoice>& languages,
                         ImVec2 origin, float width, float bottom) {
    const Theme& theme = ui.theme;
    ImFont* font = theme.body;
    const float pad = theme.gap;
    const float height = theme.target;
    std::vector<float> widths;
    for (const LanguageChoice& language : languages)
        widths.push_back(std::ceil(
            std::max(theme.target, text_size(font, font->FontSize, language.native_name).x +
                                       pad * 2)));
    // Rows, each as many names as fit.
    std::vector<std::pair<size_t, size_t>> rows;
    for (size_t i = 0; i < widths.size();) {
        size_t j = i;
        float used = 0;
        while (j < widths.size() && (j == i || used + theme.gap + widths[j] <= width))
            used += (j == i ? 0 : theme.gap) + widths[j], ++j;
        rows.emplace_back(i, j);
        i = j;
    }
    float y = bottom - static_cast<float>(rows.size()) * (height + theme.gap * 0.5f);
    for (auto [first, last] : rows) {
        float row_width = 0;
        for (size_t i = first; i < last; ++i) row_width += widths[i] + (i > first ? theme.gap : 0);
        // In reading order: the first name at the start edge (the right, in Arabic).
        float offset = (width - row_width) / 2;
        for (size_t i = first; i < last; ++i) {
            const float x = ui.start_x(origin.x, width, widths[i], offset);
            ImGui::SetCursorScreenPos(ImVec2(x, y));
            if (ui.touch.button("welcome.lang." + languages[i].code, "", languages[i].native_name,
                                ImVec2(widths[i], height), ButtonLook::quiet))
                ui.act(action::StartVisit{languages[i].code});
            offset += widths[i] + theme.gap;
        }
        y += height + theme.gap * 0.5f;
    }
}

}  // namespace

void draw_welcome(const Ui& ui, const std::vector<LanguageChoice>& languages) {
    const Theme& theme = ui.theme;
    begin_screen(ui, "welcome");
    const ImVec2 size = ImGui::GetWindowSize();
    const ImVec2 origin = ImGui::GetWindowPos();
    draw_language_names(ui, languages, ImVec2(origin.x + theme.margin, origin.y),
                        size.x - theme.margin * 2, origin.y + size.y - theme.margin);
    ImGui::SetCursorPos(ImVec2(0, 0));
    if (ImGui::InvisibleButton("##start", size)) ui.act(action::StartVisit{});
    ui.touch.add_target("welcome", origin, ImVec2(origin.x + size.x, origin.y + size.y));

    ImDrawList* draw = ImGui::GetWindowDrawList();
    // The phrase of one language at a time, large; the others wait their turn.
    std::vector<std::string> codes;
    for (const LanguageChoice& language : languages) codes.push_back(language.code);
    if (codes.empty()) codes = ui_languages();
    const size_t index =
        static_cast<size_t>((ui.now_ms / 3000) % static_cast<std::int64_t>(codes.size()));
    const std::string_view phrase = tr("touch_to_start", codes[index]);
    // Each wrapped line centred on its own (a portrait screen wraps the phrase).
    const float wrap = size.x - theme.margin * 4;
    // An urgent fleet alert that asks for it takes the picture's place, in the language of the
    // phrase shown; touching the screen still starts the visit.
    std::optional<AlertCard> urgent;
    if (ui.alerts_in)
        for (AlertCard& card : ui.alerts_in(codes[index]))
            if (card.replaces_home) {
                urgent = std::move(card);
                break;
            }
    if (urgent) {
        draw_alert_card(ui, *urgent, origin, ImVec2(size.x, size.y * 0.72f));
        ui.touch.add_target("alert.card", origin, ImVec2(origin.x + size.x, origin.y + size.y));
        draw_centered_lines(draw, theme.title, theme.title->FontSize, phrase,
                            origin.x + size.x / 2, origin.y + size.y * 0.74f, wrap,
                            theme.palette.text_muted);
    } else {
        const float icon = std::min(size.x, size.y) * 0.22f;
        const ImVec2 center(origin.x + size.x / 2, origin.y + size.y * 0.33f);
        draw->AddCircleFilled(center, icon * 0.8f, theme.palette.accent, 64);
        draw_icon(draw, "hand", center, icon, theme.palette.accent_text);
        draw_centered_lines(draw, theme.huge, theme.huge_px, phrase, origin.x + size.x / 2,
                            origin.y + size.y * 0.55f, wrap, theme.palette.text);
    }
    // When the content is old, say so at the top, in the language of the phrase shown.
    draw_stale_note(ui, codes[index], ImVec2(origin.x + theme.margin, origin.y + theme.margin),
                    size.x - theme.margin * 2);
    end_screen();
}

}  // namespace guichet::kiosk
