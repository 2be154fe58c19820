// SPDX-License-Identifier: GPL-3.0-or-later
// The parts every screen shares: its window, bars, the dim layer under dialogs, the fallback
// and "last updated" notes, and text fitted or centred in a width.
#include <algorithm>
#include <cmath>
#include <string>

#include "widgets/icons.h"
#include "widgets/ui.h"

namespace guichet::kiosk {

float draw_centered_lines(ImDrawList* draw, ImFont* font, float size, std::string_view text,
                          float center_x, float top, float wrap, ImU32 color) {
    TextStyle style;
    style.wrap = wrap;
    style.box_width = wrap;
    style.align = TextAlign::center;
    style.line_spacing = 1.15f;
    return draw_text(draw, font, size, ImVec2(center_x - wrap / 2, top), color, text, style);
}

void begin_screen(const Ui& ui, const char* name) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    // The alerts' banner, when there is one, keeps the bottom of the screen.
    ImGui::SetNextWindowSize(ImVec2(
        viewport->Size.x, std::max(viewport->Size.y * 0.5f, viewport->Size.y - ui.bottom_reserved)));
    // No background of its own: the display clears to the theme's background colour.
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    ImGui::Begin(name, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleColor();
}

void begin_dialog(const Ui& ui, const char* id, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg,
                          ImGui::ColorConvertU32ToFloat4(ui.theme.palette.surface));
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav);
    ImGui::PopStyleColor();
}

void end_screen() {
    ImGui::End();
}

void wrapped_text(ImFont* font, ImU32 color, std::string_view text, float wrap_width) {
    // Aligned to the start of the reading direction within the width (the right edge in
    // Arabic), shaped and reordered per line where the text needs it (widgets/text.h).
    const float width = wrap_width > 0 ? wrap_width : ImGui::GetContentRegionAvail().x;
    TextStyle style;
    style.wrap = width;
    style.box_width = width;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float height =
        draw_text(ImGui::GetWindowDrawList(), font, font->FontSize, at, color, text, style);
    ImGui::Dummy(ImVec2(width, std::max(height, font->FontSize)));
}

void end_bar(const Ui& ui) {
    const Theme& theme = ui.theme;
    const float bottom = ImGui::GetCursorPosY();
    // A rule under the bar separates the controls from the content.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float y = ImGui::GetWindowPos().y + bottom - theme.gap * 0.3f;
    draw->AddLine(ImVec2(ImGui::GetWindowPos().x, y),
                  ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowWidth(), y),
                  theme.palette.border, 2.0f);
    ImGui::SetCursorPosY(bottom + theme.gap * 0.4f);
}

bool dim_background(const Ui& ui, const char* id) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg,
                          ImVec4(0, 0, 0, ui.theme.high_contrast ? 0.8f : 0.55f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    // Never raised over the dialog that follows it, even when tapped.
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    const bool tapped = ImGui::InvisibleButton("##dim", viewport->Size);
    ImGui::End();
    return tapped;
}

void draw_fallback_note(const Ui& ui, std::string_view shown_language_name, float width) {
    const Theme& theme = ui.theme;
    const std::string text = format1(ui.t("fallback_note"), shown_language_name);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const float icon = theme.body->FontSize * 1.2f;
    ImFont* font = theme.body;
    TextStyle measure;
    measure.wrap = width - icon - theme.gap * 3;
    const ImVec2 size = text_size(font, font->FontSize, text, measure);
    const float height = std::max(size.y, icon) + theme.gap;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // A framed band with an icon: the note stands out without relying on its colour.
    fill_rounded_rect(draw, min, ImVec2(min.x + width, min.y + height), theme.palette.surface,
                      theme.rounding);
    draw->AddRect(min, ImVec2(min.x + width, min.y + height), theme.palette.warning, theme.rounding,
                  0, 2.5f);
    // The icon at the start edge, the words after it (mirrored in a right-to-left screen).
    draw_icon(draw, "language",
              ImVec2(ui.start_x(min.x, width, icon, theme.gap) + icon / 2, min.y + height / 2),
              icon, theme.palette.warning);
    TextStyle style;
    style.wrap = width - icon - theme.gap * 3;
    style.box_width = style.wrap;
    draw_text(draw, font, font->FontSize,
              ImVec2(ui.start_x(min.x, width, style.wrap, icon + theme.gap * 2),
                     min.y + (height - size.y) / 2),
              theme.palette.text, text, style);
    ImGui::Dummy(ImVec2(width, height));
}

float draw_stale_note(const Ui& ui, std::string_view language, ImVec2 at, float width) {
    if (!ui.stale_note) return 0;
    const std::string text = ui.stale_note(language);
    if (text.empty()) return 0;
    const Theme& theme = ui.theme;
    ImFont* font = theme.body;
    const float icon = font->FontSize;
    const float wrap = width - icon - theme.gap * 3;
    TextStyle style;
    style.wrap = wrap;
    const ImVec2 size = text_size(font, font->FontSize, text, style);
    const float block = size.x + icon + theme.gap;
    const float left = at.x + (width - block) / 2;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // Muted, with an "i" before it: information about the information, not an alarm.
    draw_icon(draw, "about", ImVec2(ui.start_x(left, block, icon) + icon / 2, at.y + size.y / 2),
              icon, theme.palette.text_muted);
    style.box_width = size.x;
    draw_text(draw, font, font->FontSize,
              ImVec2(ui.start_x(left, block, size.x, icon + theme.gap), at.y),
              theme.palette.text_muted, text, style);
    return size.y;
}

}  // namespace guichet::kiosk
