// SPDX-License-Identifier: GPL-3.0-or-later
// The PIN pad: digits, the lockout counted down, and how to set a PIN when none is.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "staff_pages.h"
#include "widgets/icons.h"

namespace guichet::kiosk::staff_pages {

void draw_pin_pad(const Ui& ui, const StaffView& view) {
    const Theme& theme = ui.theme;
    const StaffState& staff = ui.state.staff;
    const ImVec2 size = ImGui::GetWindowSize();
    const bool locked = staff.locked_until_ms > ui.now_ms;
    const float gap = theme.gap;
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    // Stacked, the entry and its note need at least this much above four rows of keys and the
    // Enter bar at 9 mm; a short landscape screen (800x480 at 133 dpi) has not, so there the
    // keys stand beside the entry and take the full height.
    const float header_min = theme.margin + theme.button + theme.title->FontSize + theme.button +
                             theme.body->FontSize + gap * 1.5f + spacing * 5;
    const float keys_min = theme.target * 4.8f + gap * 5 + theme.margin;
    const bool beside = size.y < header_min + keys_min && size.x > size.y;
    float column = std::min(size.x - theme.margin * 2, theme.button * 11);
    float key_room_w = column;
    float keys_x = 0;  // where the key rows start when beside
    if (beside) {
        const float key = std::floor(std::max(
            theme.target, std::min(theme.button * 2.0f,
                                   (size.y - theme.margin * 2 - gap * 4) / 4.8f)));
        key_room_w = key * 3 + gap * 2;
        column = std::min(size.x - key_room_w - theme.margin * 3, theme.button * 8);
        keys_x = size.x - theme.margin - key_room_w;
    }
    const float left = beside ? theme.margin : (size.x - column) / 2;

    ImGui::SetCursorPos(ImVec2(left, theme.margin));
    if (ui.touch.button("staff.leave", "back", ui.t("staff.cancel"),
                        ImVec2(label_width(ui, ui.t("staff.cancel"), true), theme.button)))
        act(ui, Leave{});
    ImGui::SetCursorPosX(left);
    wrapped_text(theme.title, theme.palette.text, ui.t("staff.pin_title"), column);

    // The entry, masked: one ring per digit typed.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 field(ImGui::GetWindowPos().x + left, ImGui::GetCursorScreenPos().y);
    const float field_h = theme.button;
    fill_rounded_rect(draw, field, ImVec2(field.x + column, field.y + field_h),
                      theme.palette.surface, theme.rounding);
    draw->AddRect(field, ImVec2(field.x + column, field.y + field_h), theme.palette.accent,
                  theme.rounding, 0, 3.0f);
    const float dot = field_h * 0.16f;
    const float step = dot * 3.2f;
    const float dots_w = step * static_cast<float>(staff.pin_entry.size());
    for (size_t i = 0; i < staff.pin_entry.size(); ++i)
        draw->AddCircleFilled(
            ImVec2(field.x + (column - dots_w) / 2 + step * (i + 0.5f), field.y + field_h / 2), dot,
            theme.palette.text, 24);
    ImGui::Dummy(ImVec2(column, field_h));

    // What went wrong, or how long the pad stays locked.
    std::string note;
    bool warning = true;
    if (!view.pin_set) {
        note = std::string(ui.t("staff.no_pin"));
    } else if (locked) {
        const std::int64_t seconds = (staff.locked_until_ms - ui.now_ms + 999) / 1000;
        note = format1(ui.t("staff.pin_locked"), std::to_string(seconds));
    } else if (staff.pin_tried && staff.last_pin == PinOutcome::wrong) {
        note = std::string(ui.t("staff.pin_wrong"));
    } else {
        note = std::string(ui.t("staff.pin_hint"));
        warning = false;
    }
    ImGui::SetCursorPosX(left);
    framed_note(ui, note, warning, column);
    ImGui::Dummy(ImVec2(1, gap * 0.5f));

    // The keys take the height left: four rows and the Enter bar (0.8 of a row), never
    // below the 9 mm target, never wider than the column.
    if (beside) ImGui::SetCursorPosY(theme.margin);
    const float room = size.y - ImGui::GetCursorPosY() - theme.margin - gap * 5;
    const float key = std::floor(std::max(
        theme.target, std::min({theme.button * 2.0f, room / 4.8f, (key_room_w - gap * 2) / 3})));
    const float pad_w = key * 3 + gap * 2;
    const float pad_x = beside ? keys_x : (size.x - pad_w) / 2;

    const char* keys[4][3] = {
        {"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"clear", "0", "back"}};
    const bool usable = view.pin_set && !locked;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (auto& row : keys) {
        ImGui::SetCursorPosX(pad_x);
        for (int c = 0; c < 3; ++c) {
            if (c) ImGui::SameLine();
            const std::string name = row[c];
            const bool digit = name.size() == 1;
            std::string_view label = name == "clear" ? ui.t("staff.pin_clear") : std::string_view();
            std::string_view icon = name == "back" ? "backspace" : "";
            // A small key shows Clear as a cross rather than cutting the word.
            if (!label.empty() && label_width(ui, label, false) > key) label = {}, icon = "close";
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const bool tapped = ui.touch.button("pin." + name, icon, label, ImVec2(key, key));
            if (digit) {  // big digits, drawn over the key
                const float px = key * 0.5f;
                const ImVec2 text = theme.title->CalcTextSizeA(px, FLT_MAX, 0, name.c_str());
                ImGui::GetWindowDrawList()->AddText(
                    theme.title, px, ImVec2(at.x + (key - text.x) / 2, at.y + (key - text.y) / 2),
                    usable ? theme.palette.text : theme.palette.text_muted, name.c_str());
            }
            if (tapped && usable) {
                if (digit)
                    act(ui, PinDigit{name[0]});
                else if (name == "clear")
                    act(ui, PinClear{});
                else
                    act(ui, PinBackspace{});
            }
        }
    }
    ImGui::SetCursorPosX(pad_x);
    if (ui.touch.button("pin.ok", "chevron", ui.t("staff.pin_ok"), ImVec2(pad_w, key * 0.8f),
                        ButtonLook::primary) &&
        usable)
        act(ui, PinSubmit{});
    ImGui::PopStyleVar();
}

}  // namespace guichet::kiosk::staff_pages
