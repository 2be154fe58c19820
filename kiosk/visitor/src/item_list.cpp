// SPDX-License-Identifier: GPL-3.0-or-later
// A list of items (one content area): title and summary per row, each row a target; a small
// framed tag names the language when a row is shown in a fallback language.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "visitor/screens.h"
#include "widgets/icons.h"

namespace guichet::kiosk {
namespace {

// A title on one line, or on two: the words that fit on the first and the rest on the second,
// ending in "…" only when even two lines do not hold it. Rows keep one height (the list is
// drawn a screenful at a time from any length), so a two-line title takes the summary's line;
// a longer one is an excerpt like the summary, whole one tap away on its own page.
std::vector<std::string> title_lines(ImFont* font, std::string_view text, float width) {
    if (text_size(font, font->FontSize, text).x <= width) return {std::string(text)};
    size_t split = 0;
    for (size_t at = text.find(' '); at != std::string_view::npos; at = text.find(' ', at + 1)) {
        if (text_size(font, font->FontSize, text.substr(0, at)).x > width) break;
        split = at;
    }
    if (split == 0) return {excerpt_text(font, text, width)};
    return {std::string(text.substr(0, split)), excerpt_text(font, text.substr(split + 1), width)};
}

}  // namespace

void draw_rows(const Ui& ui, const std::string& region, std::int64_t total, const RowFetcher& fetch,
               const std::function<std::string(std::string_view)>& language_name, ImVec2 size,
               const std::function<void()>& header) {
    const Theme& theme = ui.theme;
    const float row_h = std::max(
        theme.target * 1.2f, theme.bold->FontSize + theme.body->FontSize * 1.2f + theme.gap * 1.6f);
    const float step = row_h + theme.gap * 0.5f;
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
    const float offset = ui.touch.scroll_offset() - header_h;
    const float view_h = ui.touch.scroll_view_height();
    const float start_y = ui.touch.scroll_content_start() + header_h;
    const std::int64_t first =
        std::max<std::int64_t>(0, static_cast<std::int64_t>(std::max(0.0f, offset) / step));
    const std::int64_t last = std::min<std::int64_t>(
        total, static_cast<std::int64_t>(std::max(0.0f, offset + view_h) / step) + 1);
    const std::vector<ListRow> rows =
        last > first ? fetch(first, last - first) : std::vector<ListRow>{};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (size_t i = 0; i < rows.size(); ++i) {
        const ListRow& row = rows[i];
        const std::int64_t index = first + static_cast<std::int64_t>(i);
        ImGui::SetCursorPosY(start_y + static_cast<float>(index) * step);
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
        // Laid out from the start edge (the right, in Arabic): title and summary, then the
        // language tag, then the chevron at the end edge, pointing the way of reading.
        const float pad = theme.gap;
        const float chevron = theme.body->FontSize;
        const float row_w = max.x - min.x;
        float end_used = pad + chevron;  // taken from the end edge
        draw_icon(draw, "chevron",
                  ImVec2(ui.end_x(min.x, row_w, chevron, pad) + chevron / 2, (min.y + max.y) / 2),
                  chevron, theme.palette.text_muted);
        if (row.fell_back) {
            // A framed tag with the language's own name: not colour alone.
            const std::string tag = language_name(row.shown_language);
            ImFont* font = theme.body;
            const ImVec2 tag_size = text_size(font, font->FontSize, tag);
            const float tag_w = tag_size.x + pad;
            const float tag_x = ui.end_x(min.x, row_w, tag_w, end_used + pad * 0.2f);
            const ImVec2 tag_min(tag_x, min.y + pad * 0.6f);
            draw->AddRect(tag_min, ImVec2(tag_x + tag_w, tag_min.y + tag_size.y + pad * 0.4f),
                          theme.palette.warning, theme.rounding * 0.5f, 0, 2.0f);
            draw_text(draw, font, font->FontSize,
                      ImVec2(tag_min.x + pad * 0.5f, tag_min.y + pad * 0.2f), theme.palette.text,
                      tag);
            end_used += tag_w + pad * 0.7f;
        }
        const float title_w = row_w - end_used - pad * 1.5f;
        TextStyle start;
        start.box_width = title_w;
        const std::vector<std::string> lines = title_lines(theme.bold, row.title, title_w);
        for (size_t l = 0; l < lines.size(); ++l)
            draw_text(draw, theme.bold, theme.bold->FontSize,
                      ImVec2(ui.start_x(min.x, row_w, title_w, pad),
                             min.y + pad * 0.8f + theme.bold->FontSize * 1.15f * l),
                      theme.palette.text, lines[l], start);
        if (!row.subtitle.empty() && lines.size() == 1) {
            const float subtitle_w = row_w - pad * 2.5f - chevron;
            start.box_width = subtitle_w;
            const std::string subtitle = excerpt_text(theme.body, row.subtitle, subtitle_w);
            draw_text(draw, theme.body, theme.body->FontSize,
                      ImVec2(ui.start_x(min.x, row_w, subtitle_w, pad),
                             min.y + pad * 0.8f + theme.bold->FontSize * 1.15f),
                      theme.palette.text_muted, subtitle, start);
        }
    }
    // Reserve the full height so the region knows how far it can scroll.
    ImGui::SetCursorPosY(start_y + static_cast<float>(total) * step);
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
