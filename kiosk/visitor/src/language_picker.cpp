// SPDX-License-Identifier: GPL-3.0-or-later
// Each language in its own name, never a flag: a flag is a country, not a language.
#include <algorithm>
#include <cmath>

#include "visitor/screens.h"

namespace guichet::kiosk {

void draw_language_picker(const Ui& ui, const std::vector<LanguageChoice>& languages) {
    const Theme& theme = ui.theme;
    begin_screen(ui, "language");
    draw_top_bar(ui, ui.t("choose_language"), "language");
    // The request itself in every language, so nobody needs to read the kiosk's default.
    std::string all;
    for (const LanguageChoice& language : languages) {
        if (!all.empty()) all += "  ·  ";
        all += tr("choose_language", language.code, language.fallback_chain);
    }
    const float width = ImGui::GetContentRegionAvail().x;
    const int columns = width > theme.body->FontSize * 30 ? 2 : 1;
    const float button_w = (width - theme.gap * (columns - 1)) / columns;
    const float button_h = std::max(theme.button * 1.4f, theme.target * 1.5f);
    // The request scrolls with the languages: on a short screen in large text it would
    // otherwise leave the list a slice.
    ui.touch.begin_scroll(scroll_key(ui.state.route, "languages"),
                          ImVec2(0, ImGui::GetContentRegionAvail().y));
    wrapped_text(theme.body, theme.palette.text_muted, all, width);
    ImGui::Dummy(ImVec2(0, theme.gap));
    int column = 0;
    const float row_left = ImGui::GetCursorScreenPos().x;
    for (const LanguageChoice& language : languages) {
        if (column != 0) ImGui::SameLine();
        // The first language of a row at its start edge (the right, in Arabic).
        ImGui::SetCursorScreenPos(
            ImVec2(ui.start_x(row_left, width, button_w, column * (button_w + theme.gap)),
                   ImGui::GetCursorScreenPos().y));
        const bool current = language.code == ui.state.language;
        if (ui.touch.button("lang." + language.code, "", language.native_name,
                            ImVec2(button_w, button_h),
                            current ? ButtonLook::selected : ButtonLook::normal))
            ui.act(action::ChooseLanguage{language.code});
        column = (column + 1) % columns;
    }
    ui.touch.end_scroll();
    end_screen();
}

}  // namespace guichet::kiosk
