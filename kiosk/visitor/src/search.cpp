// SPDX-License-Identifier: GPL-3.0-or-later
// Search: the text typed so far, results as the visitor types (grouped by type, matched words
// marked with a highlight and an underline), and the on-screen keyboard of their language.
#include <algorithm>
#include <cmath>

#include "fonts/paragraph.h"
#include "visitor/screens.h"
#include "widgets/icons.h"
#include "widgets/keyboard_view.h"

namespace guichet::kiosk {
namespace {

// Text with \x01…\x02 marks, wrapped, shaped and reordered per line; marked words get a
// highlight box and an underline, wherever the line's order puts them.
void marked_text(const Ui& ui, ImFont* font, std::string_view text, float width) {
    const Theme& theme = ui.theme;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float fs = font->FontSize;
    // The plain text, and where its marked stretches begin and end.
    std::string plain;
    std::vector<std::pair<size_t, size_t>> marked;
    for (char c : text) {
        if (c == '\x01') {
            marked.emplace_back(plain.size(), plain.size());
        } else if (c == '\x02') {
            if (!marked.empty()) marked.back().second = plain.size();
        } else {
            plain += c == '\n' ? ' ' : c;
        }
    }
    fonts::LayoutOptions options;
    options.wrap_width = width;
    for (auto [from, to] : marked) options.breaks.push_back(from), options.breaks.push_back(to);
    std::sort(options.breaks.begin(), options.breaks.end());
    auto lines = fonts::layout_text(
        plain,
        [font](char32_t c, size_t) {
            return font->GetCharAdvance(static_cast<ImWchar>(c > 0xFFFF ? 0xFFFD : c));
        },
        options);
    if (!lines) return;
    auto is_marked = [&](size_t byte) {
        return std::any_of(marked.begin(), marked.end(),
                           [byte](auto r) { return byte >= r.first && byte < r.second; });
    };
    float y = 0;
    for (const fonts::TextLine& line : *lines) {
        const float left = ui.start_x(origin.x, width, line.width);
        for (const fonts::VisualRun& run : line.runs) {
            const ImVec2 at(std::round(left + run.x), origin.y + y);
            const bool mark = is_marked(run.source_begin);
            if (mark) {
                draw->AddRectFilled(ImVec2(at.x - 2, at.y),
                                    ImVec2(at.x + run.width + 2, at.y + fs * 1.1f),
                                    theme.palette.highlight, 3);
                draw->AddLine(ImVec2(at.x, at.y + fs * 1.08f),
                              ImVec2(at.x + run.width, at.y + fs * 1.08f), theme.palette.text,
                              2.0f);
            }
            draw->AddText(
                font, fs, at,
                mark && theme.high_contrast ? theme.palette.accent_text : theme.palette.text,
                run.text.data(), run.text.data() + run.text.size());
        }
        y += fs * 1.25f;
    }
    ImGui::Dummy(ImVec2(width, std::max(0.0f, y - fs * 1.25f) + fs * 1.3f));
}

// The field: what has been typed, with a caret, and a hint while empty; the end of a text
// longer than the field stays in view, where the visitor is typing.
void draw_field(const Ui& ui, ImVec2 min, ImVec2 max) {
    const Theme& theme = ui.theme;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float width = max.x - min.x, height = max.y - min.y;
    fill_rounded_rect(draw, min, max, theme.palette.surface, theme.rounding);
    draw->AddRect(min, max, theme.palette.accent, theme.rounding, 0, 3.0f);
    const float icon = std::min(theme.body->FontSize * 1.3f, height * 0.6f);
    // The magnifier at the start edge, the words after it (mirrored in Arabic).
    draw_icon(draw, "search",
              ImVec2(ui.start_x(min.x, width, icon, theme.gap) + icon / 2, min.y + height / 2),
              icon, theme.palette.text_muted);
    const float text_room = std::max(0.0f, width - icon - theme.gap * 3);
    const float text_left = ui.start_x(min.x, width, text_room, icon + theme.gap * 2);
    draw->PushClipRect(ImVec2(text_left - 4, min.y), ImVec2(text_left + text_room + 4, max.y),
                       true);
    TextStyle start;
    start.box_width = text_room;
    if (ui.state.search_text.empty()) {
        const std::string hint = fit_text(theme.body, ui.t("search_hint"), text_room);
        draw_text(draw, theme.body, theme.body->FontSize,
                  ImVec2(text_left, min.y + (height - theme.body->FontSize) / 2),
                  theme.palette.text_muted, hint, start);
    } else {
        // What was typed, shaped; the caret after its last letter in its own direction (left
        // of Arabic words, right of Latin ones).
        // The title face while the words fit in it, then bold body text.
        const std::string& typed = ui.state.search_text;
        ImFont* font =
            theme.title->FontSize <= height * 0.8f &&
                    text_size(theme.title, theme.title->FontSize, typed).x <= text_room - 8
                ? theme.title
                : theme.bold;
        const float y = min.y + (height - font->FontSize) / 2;
        const bool typed_rtl =
            fonts::first_strong_direction(typed) == fonts::TextDirection::right_to_left;
        const float w = text_size(font, font->FontSize, typed).x;
        // Longer than the field: its end shows, the start slides out of view.
        float x = ui.start_x(text_left, text_room, w);
        if (w > text_room - 8) x = typed_rtl ? text_left + 8 : text_left + text_room - 8 - w;
        draw_text(draw, font, font->FontSize, ImVec2(x, y), theme.palette.text, typed);
        const float caret = typed_rtl ? x - 6 : x + w + 3;
        draw->AddRectFilled(ImVec2(caret, y), ImVec2(caret + 3, y + font->FontSize),
                            theme.palette.text);
    }
    draw->PopClipRect();
}

}  // namespace

void draw_search(const Ui& ui, const std::vector<SearchGroup>& results) {
    const Theme& theme = ui.theme;
    begin_screen(ui, "search");
    // The field stands where the title would: in the bar's row where the buttons leave it a
    // third of the width, else on the row below them.
    draw_top_bar(
        ui, ui.t("search"), "search", [&ui](ImVec2 min, ImVec2 max) { draw_field(ui, min, max); },
        0.3f);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const KeyboardLayout& layout = keyboard_for(ui.language);
    const float keyboard_w = std::min(avail.x, theme.button * 16);
    // The keyboard takes at most 60 % of what is below the bar, so results stay in view.
    const float keyboard_max_h = avail.y * 0.6f;
    const float keys_h = keyboard_height(ui, layout, keyboard_w, keyboard_max_h);

    // Results take what the keyboard leaves, at least one target's height.
    const float results_h =
        std::max(theme.target, ImGui::GetContentRegionAvail().y - keys_h - theme.gap);
    ui.touch.begin_scroll(scroll_key(ui.state.route, "results"), ImVec2(0, results_h));
    const float bar_room = theme.px_per_mm * 3;  // the scroll bar, at the end edge
    const float width = ImGui::GetContentRegionAvail().x - bar_room;
    if (ui.right_to_left) ImGui::Indent(bar_room);
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
    if (ui.right_to_left) ImGui::Unindent(bar_room);
    ui.touch.end_scroll();

    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail.x - keyboard_w) / 2);
    draw_keyboard(ui, layout, keyboard_w, keyboard_max_h);
    end_screen();
}

}  // namespace guichet::kiosk
