// SPDX-License-Identifier: GPL-3.0-or-later
// The attract screen: "touch to start" in each content language in turn, over a screen that
// is one big target. It changes once every few seconds, so at rest the kiosk redraws rarely.
#include <algorithm>
#include <cmath>

#include "visitor/screens.h"
#include "widgets/icons.h"

namespace guichet::kiosk {

void draw_welcome(const Ui& ui, const std::vector<LanguageChoice>& languages) {
    const Theme& theme = ui.theme;
    begin_screen(ui, "welcome");
    const ImVec2 size = ImGui::GetWindowSize();
    const ImVec2 origin = ImGui::GetWindowPos();
    ImGui::SetCursorPos(ImVec2(0, 0));
    if (ImGui::InvisibleButton("##start", size)) ui.act(action::StartVisit{});
    ui.touch.add_target("welcome", origin, ImVec2(origin.x + size.x, origin.y + size.y));

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float icon = std::min(size.x, size.y) * 0.22f;
    const ImVec2 center(origin.x + size.x / 2, origin.y + size.y * 0.36f);
    draw->AddCircleFilled(center, icon * 0.8f, theme.palette.accent, 64);
    draw_icon(draw, "hand", center, icon, theme.palette.accent_text);

    // The phrase of one language at a time, large; the others wait their turn.
    std::vector<std::string> codes;
    for (const LanguageChoice& language : languages) codes.push_back(language.code);
    if (codes.empty()) codes = ui_languages();
    const size_t index =
        static_cast<size_t>((ui.now_ms / 3000) % static_cast<std::int64_t>(codes.size()));
    const std::string_view phrase = tr("touch_to_start", codes[index]);
    // Each wrapped line centred on its own (a portrait screen wraps the phrase).
    const float wrap = size.x - theme.margin * 4;
    draw_centered_lines(draw, theme.huge, theme.huge_px, phrase, origin.x + size.x / 2,
                        origin.y + size.y * 0.6f, wrap, theme.palette.text);

    // Every language's own name along the bottom, so a visitor sees theirs is there.
    std::string names;
    for (const LanguageChoice& language : languages) {
        if (!names.empty()) names += "   ·   ";
        names += language.native_name;
    }
    ImFont* small = theme.body;
    const ImVec2 names_size = small->CalcTextSizeA(small->FontSize, FLT_MAX, wrap, names.c_str());
    draw_centered_lines(draw, small, small->FontSize, names, origin.x + size.x / 2,
                        origin.y + size.y - theme.margin * 2 - names_size.y * 1.15f, wrap,
                        theme.palette.text_muted);
    // When the content is old, say so at the top, in the language of the phrase shown.
    draw_stale_note(ui, codes[index], ImVec2(origin.x + theme.margin, origin.y + theme.margin),
                    size.x - theme.margin * 2);
    end_screen();
}

}  // namespace guichet::kiosk
