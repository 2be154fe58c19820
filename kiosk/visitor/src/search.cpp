// SPDX-License-Identifier: GPL-3.0-or-later
// Search: the text typed so far, results as the visitor types (grouped by type, matched words
// marked with a highlight and an underline), and the on-screen keyboard of their language.
#include <algorithm>
#include <cmath>

#include "visitor/screens.h"
#include "widgets/icons.h"
#include "widgets/keyboard_view.h"

namespace guichet::kiosk {
namespace {

// Text with \x01…\x02 marks, word-wrapped; marked words get a highlight box and an underline.
void marked_text(const Ui& ui, ImFont* font, std::string_view text, float width) {
    const Theme& theme = ui.theme;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float fs = font->FontSize;
    float x = 0, y = 0;
    bool marked = false;
    size_t i = 0;
    const float space = font->CalcTextSizeA(fs, FLT_MAX, 0, " ").x;
    while (i < text.size()) {
        if (text[i] == '\x01' || text[i] == '\x02') {
            marked = text[i] == '\x01';
            ++i;
            continue;
        }
        if (text[i] == ' ' || text[i] == '\n') {
            x += space;
            ++i;
            continue;
        }
        size_t end = i;
        while (end < text.size() && text[end] != ' ' && text[end] != '\n' && text[end] != '\x01' &&
               text[end] != '\x02')
            ++end;
        const std::string_view word = text.substr(i, end - i);
        const float w =
            font->CalcTextSizeA(fs, FLT_MAX, 0, word.data(), word.data() + word.size()).x;
        if (x > 0 && x + w > width) x = 0, y += fs * 1.25f;
        const ImVec2 at(origin.x + x, origin.y + y);
        if (marked) {
            draw->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + w + 2, at.y + fs * 1.1f),
                                theme.palette.highlight, 3);
            draw->AddLine(ImVec2(at.x, at.y + fs * 1.08f), ImVec2(at.x + w, at.y + fs * 1.08f),
                          theme.palette.text, 2.0f);
        }
        draw->AddText(
            font, fs, at,
            marked && theme.high_contrast ? theme.palette.accent_text : theme.palette.text,
            word.data(), word.data() + word.size());
        x += w;
        i = end;
    }
    ImGui::Dummy(ImVec2(width, y + fs * 1.3f));
}

}  // namespace

void draw_search(const Ui& ui, const std::vector<SearchGroup>& results) {
    const Theme& theme = ui.theme;
    begin_screen(ui, "search");
    draw_top_bar(ui, ui.t("search"), "search");
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const KeyboardLayout& layout = keyboard_for(ui.language);
    const float keyboard_w = std::min(avail.x, theme.button * 16);
    // The keyboard takes at most 55 % of what is below the field, so results stay in view.
    const float keyboard_max_h = (avail.y - theme.button - theme.gap) * 0.55f;
    const float keys_h = keyboard_height(ui, layout, keyboard_w, keyboard_max_h);

    // The field: what has been typed, with a caret, and a hint while empty.
    const ImVec2 field_min = ImGui::GetCursorScreenPos();
    const float field_h = theme.button;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    fill_rounded_rect(draw, field_min, ImVec2(field_min.x + avail.x, field_min.y + field_h),
                      theme.palette.surface, theme.rounding);
    draw->AddRect(field_min, ImVec2(field_min.x + avail.x, field_min.y + field_h),
                  theme.palette.accent, theme.rounding, 0, 3.0f);
    const float icon = theme.body->FontSize * 1.3f;
    draw_icon(draw, "search", ImVec2(field_min.x + theme.gap + icon / 2, field_min.y + field_h / 2),
              icon, theme.palette.text_muted);
    const ImVec2 text_at(field_min.x + icon + theme.gap * 2,
                         field_min.y + (field_h - theme.title->FontSize) / 2);
    if (ui.state.search_text.empty()) {
        draw->AddText(theme.body, theme.body->FontSize,
                      ImVec2(text_at.x, field_min.y + (field_h - theme.body->FontSize) / 2),
                      theme.palette.text_muted, ui.t("search_hint").data());
    } else {
        draw->AddText(theme.title, theme.title->FontSize, text_at, theme.palette.text,
                      ui.state.search_text.c_str());
        const float w =
            theme.title
                ->CalcTextSizeA(theme.title->FontSize, FLT_MAX, 0, ui.state.search_text.c_str())
                .x;
        draw->AddRectFilled(ImVec2(text_at.x + w + 3, text_at.y),
                            ImVec2(text_at.x + w + 6, text_at.y + theme.title->FontSize),
                            theme.palette.text);
    }
    ImGui::Dummy(ImVec2(avail.x, field_h + theme.gap * 0.3f));

    const float results_h =
        std::max(theme.target * 2, ImGui::GetContentRegionAvail().y - keys_h - theme.gap);
    ui.touch.begin_scroll(scroll_key(ui.state.route, "results"), ImVec2(0, results_h));
    const float width = ImGui::GetContentRegionAvail().x - theme.px_per_mm * 3;
    if (!ui.state.search_text.empty() && results.empty())
        wrapped_text(theme.body, theme.palette.text_muted, ui.t("no_results"));
    int index = 0;
    for (const SearchGroup& group : results) {
        wrapped_text(theme.title, theme.palette.text, ui.t("type." + group.type));
        for (const SearchRow& row : group.rows) {
            const ImVec2 min = ImGui::GetCursorScreenPos();
            ImGui::BeginGroup();
            ImGui::Dummy(ImVec2(0, theme.gap * 0.3f));
            ImGui::Indent(theme.gap);
            marked_text(ui, theme.bold, row.title, width - theme.gap * 2);
            if (!row.snippet.empty())
                marked_text(ui, theme.body, row.snippet, width - theme.gap * 2);
            ImGui::Unindent(theme.gap);
            ImGui::EndGroup();
            const float h = std::max(theme.target, ImGui::GetItemRectSize().y + theme.gap * 0.3f);
            // The whole entry is one target, laid over what was drawn.
            ImGui::SetCursorScreenPos(min);
            ImGui::PushID(index);
            if (ImGui::InvisibleButton("##hit", ImVec2(width, h)))
                ui.act(action::Open{
                    {group.type == "notice" ? Screen::notices : Screen::detail, row.id}});
            const bool pressed = ImGui::IsItemActive() && ImGui::IsItemHovered();
            ImGui::PopID();
            ui.touch.add_target("result." + std::to_string(index), min,
                                ImVec2(min.x + width, min.y + h));
            ui.touch.add_target("item." + row.id, min, ImVec2(min.x + width, min.y + h));
            ImGui::GetWindowDrawList()->AddRect(
                min, ImVec2(min.x + width, min.y + h),
                pressed ? theme.palette.focus : theme.palette.border, theme.rounding, 0,
                pressed ? 3.0f : 1.0f);
            ImGui::Dummy(ImVec2(0, theme.gap * 0.2f));
            ++index;
        }
    }
    ui.touch.end_scroll();

    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail.x - keyboard_w) / 2);
    draw_keyboard(ui, layout, keyboard_w, keyboard_max_h);
    end_screen();
}

}  // namespace guichet::kiosk
