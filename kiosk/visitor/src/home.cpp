// SPDX-License-Identifier: GPL-3.0-or-later
// The content areas as large tiles: an icon above the words, the whole tile one target.
#include <algorithm>
#include <cmath>

#include "kiosk/layout_rules.h"
#include "visitor/screens.h"
#include "widgets/icons.h"

namespace guichet::kiosk {

void draw_home(const Ui& ui, const std::vector<HomeTile>& tiles,
               const std::vector<NoticeCard>& pinned) {
    const Theme& theme = ui.theme;
    begin_screen(ui, "home");
    draw_top_bar(ui, ui.t("home"), "home");
    // The "last updated" line, when shown, sits under the tiles and takes its room from them.
    const ImVec2 full = ImGui::GetContentRegionAvail();
    const ImVec2 below(ImGui::GetCursorScreenPos().x, ImGui::GetCursorScreenPos().y + full.y);
    const bool stale = ui.stale_note && !ui.stale_note(ui.language).empty();
    const float note_h = stale ? theme.body->FontSize * 1.6f : 0;
    const ImVec2 avail(full.x, full.y - note_h);
    // Upright tiles where three rows fit the view, lying ones (icon beside words) on a short
    // landscape panel: one rule of the view's size (layout_rules), not a branch per resolution.
    const HomeGridShape shape = home_grid_shape(avail.x, avail.y, theme.title->FontSize, theme.gap);
    const int columns = shape.columns;
    const int rows = std::max(1, (static_cast<int>(tiles.size()) + columns - 1) / columns);
    const float tile_w = std::floor((avail.x - theme.gap * (columns - 1)) / columns);
    // Pinned notices scroll with the tiles: on a short screen (800x480, large text) a notice
    // above a fixed grid would leave the tiles a sliver.
    ui.touch.begin_scroll(scroll_key(ui.state.route, "tiles"), ImVec2(0, avail.y));
    const float notices_top = ImGui::GetCursorPosY();
    draw_pinned_notices(ui, pinned, avail.x);
    const float notices_h = ImGui::GetCursorPosY() - notices_top;
    // Fill the screen when the tiles fit, but never below a comfortable height; then scroll.
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float fitted = std::floor((avail.y - notices_h - spacing * rows - theme.gap) / rows);
    // A lying tile's icon: a disc at the start edge, the words beside it.
    const float lying_icon =
        std::max(theme.target * 0.9f, std::min(theme.title->FontSize * 1.4f, theme.target * 1.2f));
    TextStyle tile_text;
    tile_text.wrap = shape.lying ? tile_w - lying_icon - theme.gap * 3 : tile_w - theme.gap * 2;
    tile_text.box_width = tile_text.wrap;
    tile_text.align = shape.lying ? TextAlign::start : TextAlign::center;
    float tallest_title = 0;
    for (const HomeTile& tile : tiles)
        tallest_title = std::max(
            tallest_title, text_size(theme.bold, theme.bold->FontSize, tile.title, tile_text).y);
    float tile_h = 0;
    if (shape.lying) {
        // As tall as the longest title and the icon need, up to half again to fill the view.
        const float least = std::max(
            {theme.target * 1.2f, tallest_title + theme.gap * 1.4f, lying_icon + theme.gap});
        tile_h = std::max(least, std::min(fitted, least * 1.5f));
    } else {
        // Room for the longest title once wrapped (two lines on a narrow portrait screen): the
        // icon shrinks first (down to 0.3 of the tile), then the tiles grow; never taller than
        // the view, so a tile is always seen whole.
        const float room_for_title = (tallest_title + theme.gap * 1.6f) / 0.504f;
        tile_h = std::max({fitted, theme.title->FontSize * 4.2f, room_for_title});
        tile_h = std::max(std::min(tile_h, avail.y - theme.gap), tallest_title + theme.gap * 2);
    }

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float row_left = ImGui::GetCursorScreenPos().x;
    const float row_width = tile_w * columns + theme.gap * (columns - 1);
    for (size_t i = 0; i < tiles.size(); ++i) {
        const HomeTile& tile = tiles[i];
        if (i % columns != 0) ImGui::SameLine();
        // In reading order: the first tile of a row at its start edge (the right, in Arabic).
        const float column = static_cast<float>(i % columns);
        ImGui::SetCursorScreenPos(
            ImVec2(ui.start_x(row_left, row_width, tile_w, column * (tile_w + theme.gap)),
                   ImGui::GetCursorScreenPos().y));
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const ImVec2 max(min.x + tile_w, min.y + tile_h);
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::InvisibleButton("##tile", ImVec2(tile_w, tile_h))) {
            if (tile.opens_directory)
                ui.act(action::Open{{Screen::directory, ""}});
            else if (tile.opens_notices)
                ui.act(action::Open{{Screen::notices, ""}});
            else if (tile.opens_map)
                ui.act(action::Open{{Screen::map, ""}});
            else
                ui.act(action::Open{{Screen::category, tile.category_id}});
        }
        const bool pressed = ImGui::IsItemActive() && ImGui::IsItemHovered();
        ImGui::PopID();
        ui.touch.add_target("tile." + tile.category_id, min, max);

        const float sink = pressed ? std::round(theme.px_per_mm * 0.6f) : 0;
        const ImVec2 face_min(min.x, min.y + sink), face_max(max.x, max.y + sink);
        if (!pressed && !theme.high_contrast)
            fill_rounded_rect(draw, ImVec2(min.x, min.y + theme.px_per_mm * 0.8f),
                              ImVec2(max.x, max.y + theme.px_per_mm * 0.8f), theme.palette.border,
                              theme.rounding);
        fill_rounded_rect(draw, face_min, face_max,
                          pressed ? theme.palette.surface_pressed : theme.palette.surface,
                          theme.rounding);
        draw->AddRect(face_min, face_max, pressed ? theme.palette.focus : theme.palette.border,
                      theme.rounding, 0, pressed ? 4.0f : 1.5f);

        ImFont* font = theme.bold;
        const ImVec2 text = text_size(font, font->FontSize, tile.title, tile_text);
        ImVec2 text_at;
        if (shape.lying) {
            const ImVec2 icon_center(
                ui.start_x(face_min.x, tile_w, lying_icon, theme.gap) + lying_icon / 2,
                (face_min.y + face_max.y) / 2);
            draw->AddCircleFilled(icon_center, lying_icon / 2, theme.palette.accent, 48);
            draw_icon(draw, tile.icon, icon_center, lying_icon * 0.59f, theme.palette.accent_text);
            text_at =
                ImVec2(ui.start_x(face_min.x, tile_w, tile_text.wrap, lying_icon + theme.gap * 2),
                       face_min.y + (tile_h - text.y) / 2);
        } else {
            const float icon = std::max(
                0.0f, std::min({tile_h * 0.4f, tile_w * 0.3f,
                                (tile_h * 0.9f - tallest_title - theme.gap * 1.6f) / 1.32f}));
            const ImVec2 icon_center((face_min.x + face_max.x) / 2,
                                     face_min.y + tile_h * 0.1f + icon * 0.6f);
            draw->AddCircleFilled(icon_center, icon * 0.72f, theme.palette.accent, 48);
            draw_icon(draw, tile.icon, icon_center, icon * 0.85f, theme.palette.accent_text);
            const float text_top = icon_center.y + icon * 0.72f + theme.gap * 0.6f;
            // Each wrapped line centred on its own.
            text_at =
                ImVec2(face_min.x + theme.gap,
                       text_top + std::max(0.0f, (face_max.y - text_top - text.y) / 2 - theme.gap));
        }
        draw->PushClipRect(face_min, face_max, true);
        draw_text(draw, font, font->FontSize, text_at, theme.palette.text, tile.title, tile_text);
        draw->PopClipRect();
    }
    ui.touch.end_scroll();
    if (stale)
        draw_stale_note(ui, ui.language,
                        ImVec2(below.x, below.y - note_h + theme.body->FontSize * 0.3f), full.x);
    end_screen();
}

}  // namespace guichet::kiosk
