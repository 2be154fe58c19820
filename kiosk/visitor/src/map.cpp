// SPDX-License-Identifier: GPL-3.0-or-later
// The offline map: the base map's tiles, place names in the visitor's language, and one of two
// layers — the directory's institutions as pins (gathered into numbered clusters where they
// would overlap) or the seasonal-work programmes as arrows from origin to host countries, each
// with a tap disc; the layer toggle at the start edge, zoom buttons and "back to me" at the end
// edge, a card for the tapped place or programme with the way to its page, and the tile set's
// attribution. A drag anywhere on the map moves it; every gesture has a button (WCAG 2.5.1).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

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

// One programme's arrows go out in this order of places along the curve until one is clear.
constexpr double kArrowSpots[] = {0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78};
constexpr double kArrowBend = 0.15;

std::string arrow_name(const MapModel& model, const MapArrow& arrow) {
    return model.programmes[arrow.programme].id + ":" + arrow.from_code + ">" + arrow.to_code;
}

// Names over the map: countries (while their name fits inside them, below city zoom) and the
// directory's cities (from zoom 5), each on a pale band, none over another or the controls.
void draw_labels(const Ui& ui, ImDrawList* draw, const map::View& view, ImVec2 map_min,
                 const MapModel& model, const std::vector<map::Box>& blocked, MapDrawn* drawn) {
    const Theme& theme = ui.theme;
    ImFont* font = theme.body;
    const float size = font->FontSize * 0.85f;
    struct Candidate {
        const MapLabel* label;
        ImVec2 at, extent;
    };
    std::vector<Candidate> candidates;
    std::vector<std::vector<map::Box>> boxes;
    for (const MapLabel& label : model.labels) {
        if (label.country ? view.zoom >= 7 : view.zoom < 5) continue;
        const map::Point p = map::to_screen(view, {label.lon, label.lat});
        if (p.x < -200 || p.y < -50 || p.x > view.width + 200 || p.y > view.height + 50) continue;
        const ImVec2 extent = text_size(font, size, label.text);
        if (label.country &&
            map::screen_extent(label.area_km2, label.lat, view.zoom) < extent.x * 0.8)
            continue;
        // A city's name sits above its place (its pins are on it); a country's on its centre.
        const float x = map_min.x + static_cast<float>(p.x) - extent.x / 2;
        const float y = map_min.y + static_cast<float>(p.y) -
                        (label.country ? extent.y / 2 : extent.y + theme.target / 2);
        if (x < map_min.x || y < map_min.y || x + extent.x > map_min.x + view.width ||
            y + extent.y > map_min.y + view.height)
            continue;
        candidates.push_back({&label, ImVec2(x, y), extent});
        // On its point; a country's name may also sit a line above or below it, or half its
        // width aside (clear of a pin on its centre).
        std::vector<map::Box> places;
        const float up = extent.y * 1.2f, aside = extent.x * 0.5f + theme.target * 0.5f;
        const float shifts[][2] = {{0, 0}, {0, -up}, {0, up}, {-aside, 0}, {aside, 0}};
        for (const auto& shift : shifts) {
            if (!label.country && (shift[0] != 0 || shift[1] != 0)) break;
            places.push_back({x + shift[0] - 3.0, y + shift[1] - 1.0, x + shift[0] + extent.x + 3.0,
                              y + shift[1] + extent.y + 1.0});
        }
        boxes.push_back(std::move(places));
    }
    const std::vector<int> chosen = map::place_labels(boxes, blocked);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (chosen[i] < 0) continue;
        const Candidate& c = candidates[i];
        const map::Box& box = boxes[i][static_cast<std::size_t>(chosen[i])];
        const ImVec2 at(static_cast<float>(box.x0) + 3, static_cast<float>(box.y0) + 1);
        draw->AddRectFilled(ImVec2(at.x - 3, at.y - 1),
                            ImVec2(at.x + c.extent.x + 3, at.y + c.extent.y + 1),
                            theme.palette.background & 0xB0FFFFFF);  // square: SDL's fast path
        draw_text(draw, font, size, at,
                  c.label->country ? theme.palette.text_muted : theme.palette.text, c.label->text);
        if (drawn) drawn->labels.push_back(c.label->text);
    }
}

}  // namespace

void draw_map(const Ui& ui, const MapModel& model, const MapTileSource& tiles, MapDrawn* drawn) {
    const Theme& theme = ui.theme;
    const MapState& state = ui.state.map;
    begin_screen(ui, "map");
    draw_top_bar(ui, ui.t("map"), "regional");
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // The map takes the screen's full width below the bar, to the alerts' band and the listen
    // bar (the screen's window already stops above them: they are not taken off twice).
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 map_min(viewport->Pos.x, origin.y);
    const float free_bottom = viewport->Pos.y + viewport->Size.y - ui.bottom_reserved;
    const ImVec2 map_max(
        viewport->Pos.x + viewport->Size.x,
        std::max(origin.y + 1,
                 std::min(free_bottom, origin.y + avail.y + ImGui::GetStyle().WindowPadding.y)));
    const double width = map_max.x - map_min.x, height = map_max.y - map_min.y;
    const map::View view{{state.lon, state.lat}, state.zoom, width, height};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // Whole pixels: the tiles are cut to this rectangle below, so SDL never has to clip them.
    const ImVec2 clip_min(std::floor(map_min.x), std::floor(map_min.y));
    const ImVec2 clip_max(std::floor(map_max.x), std::floor(map_max.y));
    draw->PushClipRect(clip_min, clip_max, false);
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
            if (look.texture) {
                // Cut to the map's rectangle here, the texture coordinates with it: SDL 2.26's
                // software renderer reads past a texture when it clips a magnified part of one
                // itself (a z7 tile's quarter drawn at z9 crashed the kiosk).
                const ImVec2 lo(std::max(a.x, clip_min.x), std::max(a.y, clip_min.y));
                const ImVec2 hi(std::min(b.x, clip_max.x), std::min(b.y, clip_max.y));
                if (lo.x < hi.x && lo.y < hi.y) {
                    const float du = (look.u1 - look.u0) / (b.x - a.x);
                    const float dv = (look.v1 - look.v0) / (b.y - a.y);
                    draw->AddImage(look.texture, lo, hi,
                                   ImVec2(look.u0 + (lo.x - a.x) * du, look.v0 + (lo.y - a.y) * dv),
                                   ImVec2(look.u0 + (hi.x - a.x) * du, look.v0 + (hi.y - a.y) * dv));
                }
            }
            missing |= look.missing;
            loading |= look.loading && !look.texture;
        }
    }

    // The controls and the card are drawn over the pins (channel 1), though laid out first so
    // the pins can keep clear of them.
    // Channels: 0 the tiles and names, 1 the pins and arrows, 2 the controls, card and notes.
    draw->ChannelsSplit(3);
    draw->ChannelsSetCurrent(2);
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

    // The layer toggle at the start edge, when the content has seasonal work to draw: one
    // button per layer, the shown one lit; side by side where both fit beside the zoom
    // buttons, else one above the other.
    float notes_top = map_min.y + pad;  // the "no map here" note goes below the toggle
    if (!model.programmes.empty()) {
        const float room = static_cast<float>(width) - side - pad * 4;
        const auto button_w = [&](const char* key) {
            return std::min(room, text_size(theme.bold, theme.bold->FontSize, ui.t(key)).x +
                                      theme.gap * 2.5f + theme.bold->FontSize * 1.5f);
        };
        const float w1 = button_w("map.layer_institutions"), w2 = button_w("map.layer_seasonal");
        const bool row = w1 + w2 + pad <= room;
        const float x1 = ui.start_x(map_min.x, static_cast<float>(width), w1, pad);
        const float x2 = row ? ui.start_x(map_min.x, static_cast<float>(width), w2, pad * 2 + w1)
                             : ui.start_x(map_min.x, static_cast<float>(width), w2, pad);
        const float y1 = map_min.y + pad, y2 = row ? y1 : y1 + theme.button + pad;
        ImGui::SetCursorScreenPos(ImVec2(x1, y1));
        if (ui.touch.button("map.layer_institutions", "institutions",
                            ui.t("map.layer_institutions"), ImVec2(w1, theme.button),
                            state.seasonal ? ButtonLook::normal : ButtonLook::primary))
            ui.act(action::MapLayer{false});
        ImGui::SetCursorScreenPos(ImVec2(x2, y2));
        if (ui.touch.button("map.layer_seasonal", "seasonal", ui.t("map.layer_seasonal"),
                            ImVec2(w2, theme.button),
                            state.seasonal ? ButtonLook::primary : ButtonLook::normal)) {
            // Every programme's countries in view (not closer than zoom 5).
            std::vector<map::LonLat> places;
            for (const MapArrow& arrow : model.arrows)
                places.push_back({arrow.from_lon, arrow.from_lat}),
                    places.push_back({arrow.to_lon, arrow.to_lat});
            const map::View framed = map::fit(view, places, theme.target * 2, {kMapMinZoom, 5});
            ui.act(action::MapLayer{true});
            ui.act(
                action::MapShow{framed.center.lon, framed.center.lat, framed.zoom, width, height});
        }
        covered.push_back({ImVec2(std::min(x1, x2) - pad, map_min.y),
                           ImVec2(std::max(x1 + w1, x2 + w2) + pad, y2 + theme.button + pad)});
        notes_top = y2 + theme.button + pad;
    }

    // The card of the place or programme tapped: its name (wrapped, never cut), what it is, and
    // the way to its page.
    struct Selected {
        std::string id, title, subtitle;
    };
    std::optional<Selected> selected;
    if (!state.seasonal) {
        for (const MapPlace& pin : model.pins)
            if (pin.id == state.selected) selected = Selected{pin.id, pin.title, pin.subtitle};
    } else {
        for (const MapProgramme& p : model.programmes)
            if (p.id == state.selected) selected = Selected{p.id, p.title, p.subtitle};
    }
    float card_top = static_cast<float>(map_max.y);
    if (selected) {
        const float card_w = std::min(static_cast<float>(width) - 2 * pad, theme.body->FontSize * 30);
        const float inner = card_w - 2 * pad;
        TextStyle wrapped;
        wrapped.wrap = inner;
        wrapped.box_width = inner;
        const float title_h =
            text_size(theme.bold, theme.bold->FontSize, selected->title, wrapped).y;
        const float subtitle_h =
            text_size(theme.body, theme.body->FontSize, selected->subtitle, wrapped).y;
        const float card_h = pad * 3.5f + title_h + subtitle_h + theme.button;
        const ImVec2 c0(ui.start_x(map_min.x, static_cast<float>(width), card_w, pad), map_max.y - card_h - pad);
        const ImVec2 c1(c0.x + card_w, c0.y + card_h);
        card_top = c0.y - pad;
        covered.push_back({ImVec2(c0.x - pad, c0.y - pad), ImVec2(c1.x + pad, c1.y + pad)});
        draw->AddRectFilled(c0, c1, theme.palette.background, theme.rounding);
        draw->AddRect(c0, c1, theme.palette.accent, theme.rounding, 0, 3.0f);
        draw_text(draw, theme.bold, theme.bold->FontSize, ImVec2(c0.x + pad, c0.y + pad),
                  theme.palette.text, selected->title, wrapped);
        draw_text(draw, theme.body, theme.body->FontSize,
                  ImVec2(c0.x + pad, c0.y + pad * 1.5f + title_h), theme.palette.text_muted,
                  selected->subtitle, wrapped);
        const float bw = (inner - pad) / 2;
        const float by = c0.y + pad * 2.5f + title_h + subtitle_h;
        ImGui::SetCursorScreenPos(ImVec2(ui.start_x(c0.x, card_w, bw, pad), by));
        if (ui.touch.button("map.open_place", state.seasonal ? "seasonal" : "institutions",
                            ui.t("map.open_place"), ImVec2(bw, theme.button), ButtonLook::primary))
            ui.act(action::Open{{Screen::detail, selected->id}});
        ImGui::SetCursorScreenPos(ImVec2(ui.start_x(c0.x, card_w, bw, pad * 2 + bw), by));
        if (ui.touch.button("map.close_card", "close", ui.t("close"), ImVec2(bw, theme.button)))
            ui.act(action::MapSelect{""});
    }

    // Pins: a cluster is a numbered disc a finger can hit (9 mm); only whole discs clear of the
    // controls and the card are tappable (and named targets for scripts).
    draw->ChannelsSetCurrent(1);
    std::vector<map::Pin> pins;
    pins.reserve(model.pins.size());
    if (!state.seasonal)
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

    // Seasonal work: each programme's arrows from its origins to its hosts (a ring on a host
    // where no origin is given), and a tap disc on each, clear of the others; the discs of one
    // programme's arrows from neighbouring islands merge into one.
    struct ArrowHit {
        ImVec2 min, max;
        std::size_t programme;
    };
    std::vector<ArrowHit> arrow_hits;
    if (state.seasonal) {
        const float line_w = std::max(2.0f, theme.px_per_mm * 0.6f);
        const float head = std::max(8.0f, theme.px_per_mm * 2.5f);
        std::vector<map::Curve> curves;
        for (const MapArrow& arrow : model.arrows)
            curves.push_back(map::arrow_curve(view, {arrow.from_lon, arrow.from_lat},
                                              {arrow.to_lon, arrow.to_lat}, kArrowBend));
        for (std::size_t i = 0; i < model.arrows.size(); ++i) {
            const MapArrow& arrow = model.arrows[i];
            const bool chosen = model.programmes[arrow.programme].id == state.selected;
            const ImU32 color = chosen ? theme.palette.warning : theme.palette.accent;
            const map::Curve& c = curves[i];
            const ImVec2 to(map_min.x + static_cast<float>(c.to.x),
                            map_min.y + static_cast<float>(c.to.y));
            if (arrow.from_code.empty()) {
                draw->AddCircle(to, radius * 0.6f, color, 24, line_w * 1.5f);
                continue;
            }
            constexpr int kSteps = 16;  // smooth at full HD; every segment is triangles to fill
            for (int k = 0; k <= kSteps; ++k) {
                const map::Point p = map::curve_point(c, static_cast<double>(k) / kSteps);
                draw->PathLineTo(ImVec2(map_min.x + static_cast<float>(p.x),
                                        map_min.y + static_cast<float>(p.y)));
            }
            draw->PathStroke(color & 0xD0FFFFFF, 0, chosen ? line_w * 1.8f : line_w);
            // The head: a triangle along the curve's last direction.
            const map::Point d = map::curve_direction(c, 1);
            const double length = std::hypot(d.x, d.y);
            if (length > 0) {
                const float ux = static_cast<float>(d.x / length),
                            uy = static_cast<float>(d.y / length);
                draw->AddTriangleFilled(to,
                                        ImVec2(to.x - ux * head - uy * head * 0.5f,
                                               to.y - uy * head + ux * head * 0.5f),
                                        ImVec2(to.x - ux * head + uy * head * 0.5f,
                                               to.y - uy * head - ux * head * 0.5f),
                                        color);
            }
        }
        // Tap discs: every programme's first arrow before any programme's second.
        std::vector<std::size_t> order(model.arrows.size());
        std::vector<std::size_t> rank(model.arrows.size());
        std::map<std::size_t, std::size_t> seen;
        for (std::size_t i = 0; i < model.arrows.size(); ++i)
            order[i] = i, rank[i] = seen[model.arrows[i].programme]++;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return rank[a] < rank[b]; });
        std::vector<std::vector<map::Point>> candidates;
        std::vector<std::size_t> groups;
        for (std::size_t i : order) {
            const map::Curve& c = curves[i];
            std::vector<map::Point> spots;
            if (model.arrows[i].from_code.empty()) {
                const double r2 = radius * 2.2;
                const double offsets[][2] = {{0, 0}, {r2, 0}, {-r2, 0}, {0, r2}, {0, -r2}};
                for (const auto& o : offsets) spots.push_back({c.to.x + o[0], c.to.y + o[1]});
            } else {
                for (double t : kArrowSpots) spots.push_back(map::curve_point(c, t));
            }
            candidates.push_back(std::move(spots));
            groups.push_back(model.arrows[i].programme);
        }
        const auto spots = map::place_spots(candidates, groups, radius, {});
        for (std::size_t k = 0; k < order.size(); ++k) {
            if (!spots[k].placed) continue;
            const MapArrow& arrow = model.arrows[order[k]];
            const bool chosen = model.programmes[arrow.programme].id == state.selected;
            const ImVec2 c(map_min.x + static_cast<float>(spots[k].at.x),
                           map_min.y + static_cast<float>(spots[k].at.y));
            const ImVec2 h0(c.x - radius, c.y - radius), h1(c.x + radius, c.y + radius);
            bool free =
                inside(h0, map_min, map_max) && inside(h1, map_min, map_max) && h1.y <= card_top;
            for (const auto& [a, b] : covered) free = free && !overlaps(h0, h1, a, b);
            if (!free) continue;
            draw->AddCircleFilled(c, radius, chosen ? theme.palette.warning : theme.palette.accent,
                                  24);
            draw->AddCircle(c, radius, theme.palette.background, 24, 3.0f);
            draw_icon(draw, "seasonal", c, radius * 1.1f, theme.palette.accent_text);
            arrow_hits.push_back({h0, h1, arrow.programme});
            const std::string name = arrow_name(model, arrow);
            ui.touch.add_target("arrow." + name, h0, h1, model.programmes[arrow.programme].title);
            if (drawn) drawn->arrows.push_back(name);
        }
    }

    // Names under the pins and arrows, none over a control, a pin or a disc.
    draw->ChannelsSetCurrent(0);
    std::vector<map::Box> blocked;
    for (const auto& [a, b] : covered) blocked.push_back({a.x, a.y, b.x, b.y});
    for (const Hit& hit : hits) blocked.push_back({hit.min.x, hit.min.y, hit.max.x, hit.max.y});
    for (const ArrowHit& hit : arrow_hits)
        blocked.push_back({hit.min.x, hit.min.y, hit.max.x, hit.max.y});
    draw_labels(ui, draw, view, map_min, model, blocked, drawn);

    // Words over the map: where it has no tiles, and whose data it is.
    draw->ChannelsSetCurrent(2);
    if (missing && !loading) {
        // Shaped and ordered by our text code (Arabic), centred over the map, wrapped.
        const std::string note(ui.t(model.has_map ? "map.no_tiles" : "map.no_map"));
        const float wrap = static_cast<float>(width) - side * 2 - pad * 6;
        const float cx = map_min.x + static_cast<float>(width) / 2;
        const float h = theme.body->CalcTextSizeA(theme.body->FontSize, FLT_MAX, wrap, note.c_str()).y;
        draw->AddRectFilled(ImVec2(cx - wrap / 2 - pad, notes_top),
                            ImVec2(cx + wrap / 2 + pad, notes_top + pad + h),
                            theme.palette.background, theme.rounding);
        draw_centered_lines(draw, theme.body, theme.body->FontSize, note, cx,
                            notes_top + pad * 0.5f, wrap, theme.palette.text);
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
    // Two fingers: zoomed about their midpoint by how far they spread (+/- do the same in steps).
    if (ImGui::IsItemActive() && finger.pinch) {
        const double to =
            map::pinch_zoom(state.zoom, 1, finger.pinch->ratio, {kMapMinZoom, kMapMaxZoom});
        ui.act(action::MapZoom{to - state.zoom, finger.pinch->center.x - map_min.x,
                               finger.pinch->center.y - map_min.y, width, height});
    }
    if (ImGui::IsItemDeactivated() && io.MousePos.x > -1e30f) {
        const ImVec2 at = io.MousePos;
        for (const ArrowHit& hit : arrow_hits)
            if (inside(at, hit.min, hit.max)) {
                ui.act(action::MapSelect{model.programmes[hit.programme].id});
                break;
            }
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
        std::vector<map::LonLat> programme_places;
        for (const MapArrow& arrow : model.arrows)
            if (model.programmes[arrow.programme].id == model.focus) {
                programme_places.push_back({arrow.from_lon, arrow.from_lat});
                programme_places.push_back({arrow.to_lon, arrow.to_lat});
            }
        if (!programme_places.empty()) {
            // A programme's page: the seasonal layer, framed on its countries (at most zoom 5),
            // its card open.
            const map::View framed = map::fit(map::View{{state.lon, state.lat}, 5, width, height},
                                              programme_places, theme.target * 2, {kMapMinZoom, 5});
            ui.act(action::MapLayer{true});
            ui.act(
                action::MapShow{framed.center.lon, framed.center.lat, framed.zoom, width, height});
            ui.act(action::MapSelect{model.focus});
        } else if (focus) {
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
