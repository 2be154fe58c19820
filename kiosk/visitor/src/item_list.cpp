// SPDX-License-Identifier: GPL-3.0-or-later
// A list of items (one content area): title and summary per row, each row a target; a small
// framed tag names the language when a row is shown in a fallback language.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/layout_rules.h"
#include "visitor/screens.h"
#include "widgets/icons.h"

namespace guichet::kiosk {

void draw_rows(const Ui& ui, const std::string& region, std::int64_t total, const RowFetcher& fetch,
               const std::function<std::string(std::string_view)>& language_name, ImVec2 size,
               const std::function<void()>& header) {
    const Theme& theme = ui.theme;
    // A row: its title wrapped in full (never cut: the row grows with it), then one line of
    // summary, an excerpt whose whole text is one tap away. Every row is at least one title
    // line and the summary's high, so a row measured when it comes into view only grows.
    const float pad = theme.gap;
    const float title_line = theme.bold->FontSize * 1.15f;
    const float body_line = theme.body->FontSize * 1.2f;
    const float least = list_row_height(1, title_line, body_line, pad * 0.8f, theme.target * 1.2f);
    const float row_gap = theme.gap * 0.5f;
    ui.touch.begin_scroll(region, size);
    // Room for the scroll bar at the end edge (the left, in Arabic).
    const float bar_room = theme.px_per_mm * 2.5f;
    const float width = ImGui::GetContentRegionAvail().x - bar_room;
    if (ui.right_to_left) ImGui::Indent(bar_room);
    float header_h = 0;
    if (header) {
        const float top = ImGui::GetCursorPosY();
        header();
        header_h = ImGui::GetCursorPosY() - top;
    }
    RowStack& stack = ui.touch.row_stack(region);
    stack.fit(total, width, least, row_gap);
    const float offset = ui.touch.scroll_offset() - header_h;
    const float view_h = ui.touch.scroll_view_height();
    const float start_y = ui.touch.scroll_content_start() + header_h;
    const std::int64_t first = total > 0 ? stack.row_at(std::max(0.0f, offset)) : 0;
    const std::int64_t last =
        total > 0 ? std::min<std::int64_t>(total, stack.row_at(std::max(0.0f, offset + view_h)) + 1)
                  : 0;
    const std::vector<ListRow> rows =
        last > first ? fetch(first, last - first) : std::vector<ListRow>{};

    // Laid out from the start edge (the right, in Arabic): title and summary, then the
    // language tag, then the chevron at the end edge, pointing the way of reading.
    const float chevron = theme.body->FontSize;
    struct Measured {
        std::string tag;
        ImVec2 tag_size;
        bool tag_below = false;  // on a line of its own under the title
        bool summary = true;
        float title_w = 0;
        TextStyle title_style;
        float title_h = 0;
    };
    const auto title_height = [&](const std::string& title, TextStyle& style, float w) {
        style.wrap = w;
        style.box_width = w;
        style.line_spacing = 1.15f;
        return text_size(theme.bold, theme.bold->FontSize, title, style).y;
    };
    std::vector<Measured> measured(rows.size());
    float grown_above = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        const ListRow& row = rows[i];
        Measured& m = measured[i];
        // The title takes the row but for the chevron at the end edge; the language tag goes
        // beside it, or under it where beside it the title would wrap to more lines.
        const float full_w = width - pad - chevron - pad * 1.5f;
        m.title_w = full_w;
        m.title_h = title_height(row.title, m.title_style, full_w);
        float below = body_line;
        if (row.fell_back) {
            m.tag = language_name(row.shown_language);
            m.tag_size = text_size(theme.body, theme.body->FontSize, m.tag);
            const float beside_w = full_w - m.tag_size.x - pad - pad * 0.7f;
            TextStyle beside;
            const float beside_h = beside_w > theme.bold->FontSize * 3
                                       ? title_height(row.title, beside, beside_w)
                                       : m.title_h * 100;
            if (beside_h > m.title_h + 0.5f) {
                m.tag_below = true;
                below += m.tag_size.y + pad * 0.8f;
            } else {
                m.title_w = beside_w;
                m.title_style = beside;
                m.title_h = beside_h;
            }
        }
        const int lines = std::max(1, static_cast<int>(std::lround(m.title_h / title_line)));
        float row_h = list_row_height(lines, title_line, below, pad * 0.8f, least);
        // A row is one target and must fit its view whole: where it would not (large text on a
        // short screen), the summary goes; the title stays whole.
        if (row_h > view_h && !row.subtitle.empty()) {
            m.summary = false;
            row_h = list_row_height(lines, title_line, below - body_line, pad * 0.8f, least);
        }
        const std::int64_t index = first + static_cast<std::int64_t>(i);
        const float moved = stack.measure(index, row.id, row_h);
        // The row the view starts in grew (met scrolling up): the view follows the rows below
        // it, so what the visitor was reading stays where it was.
        if (index == first && offset > 0 && stack.top(index) < offset) grown_above += moved;
    }
    if (grown_above != 0) ui.act(action::ScrollTo{region, ui.touch.scroll_offset() + grown_above});

    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (size_t i = 0; i < rows.size(); ++i) {
        const ListRow& row = rows[i];
        const Measured& m = measured[i];
        const std::int64_t index = first + static_cast<std::int64_t>(i);
        const float row_h = stack.height(index);
        ImGui::SetCursorPosY(start_y + stack.top(index));
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const ImVec2 max(min.x + width, min.y + row_h);
        ImGui::PushID(static_cast<int>(index));
        if (ImGui::InvisibleButton("##row", ImVec2(width, row_h)))
            ui.act(action::Open{{Screen::detail, row.id}});
        const bool pressed = ImGui::IsItemActive() && ImGui::IsItemHovered();
        ImGui::PopID();
        ui.touch.add_target("row." + std::to_string(index), min, max);
        ui.touch.add_target("item." + row.id, min, max);
        // The first visible row of each type, for scripts that want "some law" in any language.
        if (i == 0 || rows[i - 1].type != row.type)
            ui.touch.add_target("type." + row.type, min, max);
        fill_rounded_rect(draw, min, max,
                          pressed ? theme.palette.surface_pressed : theme.palette.surface,
                          theme.rounding);
        draw->AddRect(min, max, pressed ? theme.palette.focus : theme.palette.border,
                      theme.rounding, 0, pressed ? 3.0f : 1.0f);
        const float row_w = max.x - min.x;
        draw_icon(draw, "chevron",
                  ImVec2(ui.end_x(min.x, row_w, chevron, pad) + chevron / 2, (min.y + max.y) / 2),
                  chevron, theme.palette.text_muted);
        const float title_bottom = min.y + pad * 0.8f + std::max(m.title_h, title_line);
        if (row.fell_back) {
            // A framed tag with the language's own name: not colour alone.
            ImFont* font = theme.body;
            const float tag_w = m.tag_size.x + pad;
            const float tag_x = m.tag_below
                                    ? ui.start_x(min.x, row_w, tag_w, pad)
                                    : ui.end_x(min.x, row_w, tag_w, pad + chevron + pad * 0.2f);
            const ImVec2 tag_min(tag_x,
                                 m.tag_below ? title_bottom + pad * 0.2f : min.y + pad * 0.6f);
            draw->AddRect(tag_min, ImVec2(tag_x + tag_w, tag_min.y + m.tag_size.y + pad * 0.4f),
                          theme.palette.warning, theme.rounding * 0.5f, 0, 2.0f);
            draw_text(draw, font, font->FontSize,
                      ImVec2(tag_min.x + pad * 0.5f, tag_min.y + pad * 0.2f), theme.palette.text,
                      m.tag);
        }
        draw_text(draw, theme.bold, theme.bold->FontSize,
                  ImVec2(ui.start_x(min.x, row_w, m.title_w, pad), min.y + pad * 0.8f),
                  theme.palette.text, row.title, m.title_style);
        if (!row.subtitle.empty() && m.summary) {
            const float subtitle_w = row_w - pad * 2.5f - chevron;
            TextStyle start;
            start.box_width = subtitle_w;
            const std::string subtitle = excerpt_text(theme.body, row.subtitle, subtitle_w);
            draw_text(draw, theme.body, theme.body->FontSize,
                      ImVec2(ui.start_x(min.x, row_w, subtitle_w, pad),
                             title_bottom + (m.tag_below ? m.tag_size.y + pad * 0.8f : 0)),
                      theme.palette.text_muted, subtitle, start);
        }
    }
    // Reserve the full height so the region knows how far it can scroll.
    ImGui::SetCursorPosY(start_y + stack.total());
    ImGui::Dummy(ImVec2(1, 1));
    if (total == 0) {
        ImGui::SetCursorPosY(start_y);
        wrapped_text(theme.body, theme.palette.text_muted, ui.t("empty_list"), width);
    }
    if (ui.right_to_left) ImGui::Unindent(bar_room);
    ui.touch.end_scroll();
}

void draw_item_list(const Ui& ui, const ListHeader& header, const RowFetcher& fetch,
                    const std::function<std::string(std::string_view)>& language_name) {
    begin_screen(ui, "list");
    draw_top_bar(ui, header.title, header.icon);
    wrapped_text(ui.theme.body, ui.theme.palette.text_muted,
                 format1(ui.t("items_count"), std::to_string(header.total)));
    draw_rows(ui, scroll_key(ui.state.route, "list"), header.total, fetch, language_name,
              ImVec2(0, ImGui::GetContentRegionAvail().y));
    end_screen();
}

}  // namespace guichet::kiosk
