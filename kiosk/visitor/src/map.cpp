// SPDX-License-Identifier: GPL-3.0-or-later
// The offline map: the base map's tiles, the directory's institutions as pins (gathered into
// numbered clusters where they would overlap), zoom buttons and "back to me" at the end edge,
// a card for the tapped place with the way to its page, and the tile set's attribution. A drag
// anywhere on the map moves it; every gesture has a button (WCAG 2.5.1).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "kiosk/map_geometry.h"
#include "visitor/screens.h"
#include "widgets/icons.h"

namespace guichet::kiosk {
namespace {

bool inside(ImVec2 p, ImVec2 min, ImVec2 max) {
    return p.x >= min.x && p.y >= min.y && p.x <= max.x && p.y <= max.y;
}

bool overlaps(ImVec2 a0, ImVec2 a1, ImVec2 b0, ImVec2 b1) {
    return a0.x < b1.x && b0.x < a1.x && a0.y < b1.y && b0.y < a1.y;
}

}  // namespace

void draw_map(const Ui& ui, const MapModel& model, const MapTileSource& tiles) {
    const Theme& theme = ui.theme;
    const MapState& state = ui.state.map;
    begin_screen(ui, "map");
    draw_top_bar(ui, ui.t("map"), "regional");
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // The map takes the screen's full width below the bar, to the alerts' band.
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 map_min(viewport->Pos.x, origin.y);
    const ImVec2 map_max(viewport->Pos.x + viewport->Size.x,
                         std::max(origin.y + 1, origin.y + avail.y - ui.bottom_reserved +
                                                    ImGui::GetStyle().WindowPadding.y));
    const double width = map_max.x - map_min.x, height = map_max.y - map_min.y;
    const map::View view{{state.lon, state.lat}, state.zoom, width, height};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(map_min, map_max, false);
    draw->AddRectFilled(map_min, map_max, theme.palette.surface);

    // Tiles, and whether some of the view has none.
    bool missing = !model.has_map, loading = false;
    if (model.has_map) {
        const int z = map::tile_zoom(state.zoom, model.min_tile_zoom, model.max_tile_zoom);
        for (const map::TilePlacement& t : map::visible_tiles(view, z)) {
            // Whole pixels: neighbours share their edge exactly (no seam between tiles).
            const ImVec2 a(std::floor(map_min.x + static_cast<float>(t.left)),
                           std::floor(map_min.y + static_cast<float>(t.top)));
            const ImVec2 b(std::floor(map_min.x + static_cast<float>(t.left + t.size)),
                           std::floor(map_min.y + static_cast<float>(t.top + t.size)));
            const MapTileLook look = tiles(t.z, t.x, t.y);
            if (look.texture)
                draw->AddImage(look.texture, a, b, ImVec2(look.u0, look.v0), ImVec2(look.u1, look.v1));
            missing |= look.missing;
            loading |= look.loading && !look.texture;
        }
    }

    // The controls and the card are drawn over the pins (channel 1), though laid out first so
    // the pins can keep clear of them.
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    // The controls at the end edge, top to bottom; the card at the bottom when a place is open.
    const float side = std::max(theme.button, theme.target);
    const float pad = theme.gap;
    std::vector<std::pair<ImVec2, ImVec2>> covered;  // areas pins are not tapped through
    const float controls_x = ui.end_x(map_min.x, static_cast<float>(width), side, pad);
    float y = map_min.y + pad;
    ImGui::SetCursorScreenPos(ImVec2(controls_x, y));
    if (ui.touch.button("map.zoom_in", "", "+", ImVec2(side, side)))
        ui.act(action::MapZoom{1, width / 2, height / 2, width, height});
    y += side + pad;
    ImGui::SetCursorScreenPos(ImVec2(controls_x, y));
    if (ui.touch.button("map.zoom_out", "", "\xe2\x88\x92", ImVec2(side, side)))  // minus sign
        ui.act(action::MapZoom{-1, width / 2, height / 2, width, height});
    y += side + pad;
    covered.push_back({ImVec2(controls_x - pad, map_min.y), ImVec2(controls_x + side + pad, y)});
    if (model.here) {
        const std::string label(ui.t("map.back_to_me"));
        const float w = std::min(static_cast<float>(width) - 2 * pad,
                                 text_size(theme.bold, theme.bold->FontSize, label).x + theme.gap * 3 +
                                     theme.bold->FontSize * 1.5f);
        const float x = ui.end_x(map_min.x, static_cast<float>(width), w, pad);
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        if (ui.touch.button("map.back_to_me", "home", label, ImVec2(w, theme.button)))
            ui.act(action::MapShow{model.here->first, model.here->second, std::max(state.zoom, 9.0),
                                   width, height});
        covered.push_back({ImVec2(x - pad, y - pad), ImVec2(x + w + pad, y + theme.button + pad)});
    }

    const MapPlace* selected = nullptr;
    for (const MapPlace& pin : model.pins)
        if (pin.id == state.selected) selected = &pin;
    float card_top = static_cast<float>(map_max.y);
    if (selected) {
        const float card_w = std::min(static_cast<float>(width) - 2 * pad, theme.body->FontSize * 30);
        const float line = theme.bold->FontSize * 1.3f;
        const float card_h = pad * 3 + line * 2 + theme.button;
        const ImVec2 c0(ui.start_x(map_min.x, static_cast<float>(width), card_w, pad), map_max.y - card_h - pad);
        const ImVec2 c1(c0.x + card_w, c0.y + card_h);
        card_top = c0.y - pad;
        covered.push_back({ImVec2(c0.x - pad, c0.y - pad), ImVec2(c1.x + pad, c1.y + pad)});
        draw->AddRectFilled(c0, c1, theme.palette.background, theme.rounding);
        draw->AddRect(c0, c1, theme.palette.accent, theme.rounding, 0, 3.0f);
        const float inner = card_w - 2 * pad;
        const std::string title = fit_text(theme.bold, selected->title, inner);
        const std::string subtitle = fit_text(theme.body, selected->subtitle, inner);
        const float tw = text_size(theme.bold, theme.bold->FontSize, title).x;
        const float sw = text_size(theme.body, theme.body->FontSize, subtitle).x;
        draw_text(draw, theme.bold, theme.bold->FontSize, ImVec2(ui.start_x(c0.x, card_w, tw, pad), c0.y + pad),
                  theme.palette.text, title);
        draw_text(draw, theme.body, theme.body->FontSize,
                  ImVec2(ui.start_x(c0.x, card_w, sw, pad), c0.y + pad + line), theme.palette.text_muted,
                  subtitle);
        const float bw = (inner - pad) / 2;
        const float by = c0.y + pad * 2 + line * 2;
        ImGui::SetCursorScreenPos(ImVec2(ui.start_x(c0.x, card_w, bw, pad), by));
        if (ui.touch.button("map.open_place", "institutions", ui.t("map.open_place"), ImVec2(bw, theme.button),
                            ButtonLook::primary))
            ui.act(action::Open{{Screen::detail, selected->id}});
        ImGui::SetCursorScreenPos(ImVec2(ui.start_x(c0.x, card_w, bw, pad * 2 + bw), by));
        if (ui.touch.button("map.close_card", "close", ui.t("close"), ImVec2(bw, theme.button)))
            ui.act(action::MapSelect{""});
    }

    // Pins: a cluster is a numbered disc a finger can hit (9 mm); only whole discs clear of the
    // controls and the card are tappable (and named targets for scripts).
    draw->ChannelsSetCurrent(0);
    std::vector<map::Pin> pins;
    pins.reserve(model.pins.size());
    for (const MapPlace& p : model.pins) pins.push_back({p.id, {p.lon, p.lat}});
    const float radius = theme.target / 2;
    const auto clusters = map::cluster_pins(view, pins, radius * 2);
    struct Hit {
        ImVec2 min, max;
        const map::Cluster* cluster;
    };
    std::vector<Hit> hits;
    for (const map::Cluster& cluster : clusters) {
        const ImVec2 c(map_min.x + static_cast<float>(cluster.screen.x), map_min.y + static_cast<float>(cluster.screen.y));
        const bool one = cluster.members.size() == 1;
        const bool chosen = one && model.pins[cluster.members[0]].id == state.selected;
        draw->AddCircleFilled(c, radius, chosen ? theme.palette.warning : theme.palette.accent, 24);
        draw->AddCircle(c, radius, theme.palette.background, 24, 3.0f);
        if (one) {
            draw->AddCircleFilled(c, radius * 0.3f, theme.palette.accent_text, 12);
        } else {
            char count[16];
            std::snprintf(count, sizeof count, "%zu", cluster.members.size());
            const ImVec2 size = text_size(theme.bold, theme.bold->FontSize, count);
            draw_text(draw, theme.bold, theme.bold->FontSize, ImVec2(c.x - size.x / 2, c.y - size.y / 2),
                      theme.palette.accent_text, count);
        }
        const ImVec2 h0(c.x - radius, c.y - radius), h1(c.x + radius, c.y + radius);
        bool free = inside(h0, map_min, map_max) && inside(h1, map_min, map_max) && h1.y <= card_top;
        for (const auto& [a, b] : covered) free = free && !overlaps(h0, h1, a, b);
        if (!free) continue;
        hits.push_back({h0, h1, &cluster});
        const std::string name = one ? "pin." + model.pins[cluster.members[0]].id
                                     : "cluster." + model.pins[cluster.members[0]].id;
        ui.touch.add_target(name, h0, h1, one ? model.pins[cluster.members[0]].title : std::string());
    }

    // Words over the map: where it has no tiles, and whose data it is.
    draw->ChannelsSetCurrent(1);
    if (missing && !loading) {
        // Shaped and ordered by our text code (Arabic), centred over the map, wrapped.
        const std::string note(ui.t(model.has_map ? "map.no_tiles" : "map.no_map"));
        const float wrap = static_cast<float>(width) - side * 2 - pad * 6;
        const float cx = map_min.x + static_cast<float>(width) / 2;
        const float h = theme.body->CalcTextSizeA(theme.body->FontSize, FLT_MAX, wrap, note.c_str()).y;
        draw->AddRectFilled(ImVec2(cx - wrap / 2 - pad, map_min.y + pad),
                            ImVec2(cx + wrap / 2 + pad, map_min.y + pad * 2 + h), theme.palette.background,
                            theme.rounding);
        draw_centered_lines(draw, theme.body, theme.body->FontSize, note, cx, map_min.y + pad * 1.5f, wrap,
                            theme.palette.text);
    }
    if (!model.attribution.empty() && !selected) {
        const float small = theme.body->FontSize * 0.75f;
        const float wrap = static_cast<float>(width) * 0.7f;
        const ImVec2 size = theme.body->CalcTextSizeA(small, FLT_MAX, wrap, model.attribution.c_str());
        const ImVec2 a0(ui.start_x(map_min.x, static_cast<float>(width), size.x + 8, 0), map_max.y - size.y - 4);
        draw->AddRectFilled(a0, ImVec2(a0.x + size.x + 8, map_max.y), theme.palette.background & 0xC0FFFFFF);
        draw->AddText(theme.body, small, ImVec2(a0.x + 4, a0.y + 2), theme.palette.text_muted,
                      model.attribution.c_str(), nullptr, wrap);
    }
    draw->ChannelsMerge();
    draw->PopClipRect();

    // The map itself, under everything above: a drag moves it, a tap on a pin opens it.
    ImGui::SetCursorScreenPos(map_min);
    ImGui::InvisibleButton("##map_area", ImVec2(static_cast<float>(width), static_cast<float>(height)));
    // While a finger drags, ImGui sees no pointer (widgets/touch_ui.h); the drag's motion comes
    // from the touch layer, and a release after a drag is no tap.
    const ImGuiIO& io = ImGui::GetIO();
    const PointerFrame& finger = ui.touch.pointer();
    if (ImGui::IsItemActive() && finger.gesture.dragging && (finger.drag_dx != 0 || finger.drag_dy != 0))
        ui.act(action::MapMove{finger.drag_dx, finger.drag_dy, width, height});
    if (ImGui::IsItemDeactivated() && io.MousePos.x > -1e30f) {
        const ImVec2 at = io.MousePos;
        for (const Hit& hit : hits) {
            if (!inside(at, hit.min, hit.max)) continue;
            if (hit.cluster->members.size() == 1) {
                ui.act(action::MapSelect{model.pins[hit.cluster->members[0]].id});
            } else if (state.zoom >= kMapMaxZoom - 0.01) {
                // Places at one address never part: the deepest zoom opens the first one's card.
                ui.act(action::MapSelect{model.pins[hit.cluster->members[0]].id});
            } else {
                const double zoom = map::zoom_to_open(view, pins, *hit.cluster, {kMapMinZoom, kMapMaxZoom});
                ui.act(action::MapShow{hit.cluster->where.lon, hit.cluster->where.lat, zoom, width, height});
            }
            break;
        }
    }
    end_screen();
    // The first frame places the view: on the place it opened for, the kiosk, or the pins.
    if (!state.placed) {
        const MapPlace* focus = nullptr;
        for (const MapPlace& pin : model.pins)
            if (pin.id == model.focus) focus = &pin;
        if (focus) {
            ui.act(action::MapShow{focus->lon, focus->lat, 9, width, height});
            ui.act(action::MapSelect{focus->id});
        } else if (model.here) {
            ui.act(action::MapShow{model.here->first, model.here->second, 5, width, height});
        } else {
            ui.act(action::MapShow{-80, 5, std::log2(std::max(width, height) / 256.0) + 0.3, width, height});
        }
    }
}

}  // namespace guichet::kiosk
