// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/keyboard_view.h"

#include <algorithm>
#include <cmath>

#include "kiosk/layout_rules.h"

namespace guichet::kiosk {
namespace {

using Metrics = KeyboardGeometry;

Metrics metrics(const Ui& ui, const KeyboardLayout& layout, float width, float max_height,
                float most_height) {
    return keyboard_geometry(layout.rows, width, max_height, most_height, ui.theme.px_per_mm,
                             ui.theme.target, ui.theme.button);
}

}  // namespace

float keyboard_height(const Ui& ui, const KeyboardLayout& layout, float width, float max_height,
                      float most_height) {
    const Metrics m = metrics(ui, layout, width, max_height, most_height);
    return (m.rows.size() + 1) * (m.key + m.gap);
}

float draw_keyboard(const Ui& ui, const KeyboardLayout& layout, float width, float max_height,
                    std::optional<Action> hide, float most_height) {
    const Metrics m = metrics(ui, layout, width, max_height, most_height);
    const float left = ImGui::GetCursorPosX();
    const float top = ImGui::GetCursorPosY();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(m.gap, m.gap));
    for (const auto& row : m.rows) {
        const float row_w = row.size() * m.key + (row.size() - 1) * m.gap;
        ImGui::SetCursorPosX(left + (width - row_w) / 2);
        for (size_t i = 0; i < row.size(); ++i) {
            if (i) ImGui::SameLine();
            if (ui.touch.button("key." + row[i], "", row[i], ImVec2(m.key, m.key)))
                ui.act(action::TypeText{row[i]});
        }
    }
    // The bottom row: clear, space, delete — wide keys with icons and words, as wide as their
    // words need; space takes the rest; then the key that puts the keyboard away, where asked.
    ImFont* font = ui.theme.bold;
    auto label_width = [&](std::string_view label) {
        return text_size(font, font->FontSize, label).x + font->FontSize * 1.5f +
               ui.theme.gap * 2.2f;
    };
    float clear_w = std::max(m.key * 2, label_width(ui.t("clear")));
    float delete_w = std::max(m.key * 2, label_width(ui.t("delete")));
    const float hide_w = hide ? std::max(ui.theme.target, m.key * 1.3f) : 0;
    const float hide_room = hide ? hide_w + m.gap : 0;
    // Where the words leave space less than two keys, clear and delete are icons alone.
    const bool words = clear_w + delete_w + m.key * 2 + 2 * m.gap + hide_room <= width;
    if (!words) clear_w = delete_w = std::max(ui.theme.target, m.key * 1.5f);
    const float space_w = std::max(m.key * 2, width - clear_w - delete_w - 2 * m.gap - hide_room);
    ImGui::SetCursorPosX(left);
    if (ui.touch.button("key.clear", "close", words ? ui.t("clear") : std::string_view(),
                        ImVec2(clear_w, m.key)))
        ui.act(action::ClearSearch{});
    ImGui::SameLine();
    if (ui.touch.button("key.space", "", ui.t("space"), ImVec2(space_w, m.key)))
        ui.act(action::TypeText{" "});
    ImGui::SameLine();
    if (ui.touch.button("key.delete", "backspace", words ? ui.t("delete") : std::string_view(),
                        ImVec2(delete_w, m.key)))
        ui.act(action::Backspace{});
    if (hide) {
        ImGui::SameLine();
        if (ui.touch.button("key.hide", "keyboard_hide", "", ImVec2(hide_w, m.key))) ui.act(*hide);
    }
    ImGui::PopStyleVar();
    return ImGui::GetCursorPosY() - top;
}

}  // namespace guichet::kiosk
