// SPDX-License-Identifier: GPL-3.0-or-later
// The visitor's screens, one file each in visitor/src/: each draws the view models it is given
// (kiosk/view_models.h) into the frame's Ui and pushes actions; none reads content, the disk
// or the network. Plus the chrome they share: the top bar, the idle countdown, "unavailable".
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/state.h"
#include "kiosk/view_models.h"
#include "widgets/ui.h"

namespace guichet::kiosk {

// The bar on top of every screen but welcome: Back, Home, the title, and Search, larger text,
// contrast and language, each an icon beside a word. Returns the height it took.
float draw_top_bar(const Ui& ui, std::string_view title, std::string_view icon);
// The same bar with the screen's own content where the title goes (the search field): the slot
// gets that rectangle, at least `title_share` of the width on the bar's row, or a whole row
// below the buttons where the buttons leave less.
using TitleSlot = std::function<void(ImVec2 min, ImVec2 max)>;
float draw_top_bar(const Ui& ui, std::string_view title, std::string_view icon,
                   const TitleSlot& title_slot, float title_share);

void draw_welcome(const Ui& ui, const std::vector<LanguageChoice>& languages);
void draw_language_picker(const Ui& ui, const std::vector<LanguageChoice>& languages);
void draw_home(const Ui& ui, const std::vector<HomeTile>& tiles,
               const std::vector<NoticeCard>& pinned = {});

// A paged list: `fetch(offset, count)` returns those rows (the adapter caches pages).
using RowFetcher = std::function<std::vector<ListRow>(std::int64_t offset, std::int64_t count)>;
// Rows of a list in a scroll region, drawn only where visible so 100,000 rows cost the same
// as 20. Each row is a target "row.N" and opens the item. `header`, when given, is drawn at the
// top of the region and scrolls away with the rows (filters on a short screen).
void draw_rows(const Ui& ui, const std::string& region, std::int64_t total, const RowFetcher& fetch,
               const std::function<std::string(std::string_view)>& language_name, ImVec2 size,
               const std::function<void()>& header = {});

void draw_item_list(const Ui& ui, const ListHeader& header, const RowFetcher& fetch,
                    const std::function<std::string(std::string_view)>& language_name);

struct DirectoryModel {
    ListHeader header;
    std::vector<std::pair<FilterField, std::string>> active_labels;  // field, value label
    std::vector<FilterOption> open_options;  // of state.open_filter, when the picker is open
    bool near_me = false;   // the kiosk knows where it stands: "nearest first" is offered
    std::string here_city;  // "in this city" (empty: not offered)
};
void draw_directory(const Ui& ui, const DirectoryModel& model, const RowFetcher& fetch,
                    const std::function<std::string(std::string_view)>& language_name);

// The map: the directory's institutions as pins over the content's base map.
struct MapModel {
    std::vector<MapPlace> pins;  // under the directory's filters, with coordinates
    std::optional<std::pair<double, double>> here;  // the kiosk (lon, lat), for "back to me"
    std::string focus;                              // route.id: the place the map opened on
    bool has_map = false;                           // the content has tiles at all
    int min_tile_zoom = 0, max_tile_zoom = 0;
    std::string attribution;
    int filters_active = 0;
    std::vector<MapProgramme> programmes;  // seasonal work, the other layer
    std::vector<MapArrow> arrows;
    std::vector<MapLabel> labels;  // countries first (largest first), then cities
};
// What the last frame of the map drew, for the state dump: the arrows with a tap disc
// ("PROGRAMME:FROM>TO", "PROGRAMME:>TO" for a host marker) and the labels shown.
struct MapDrawn {
    std::vector<std::string> arrows;
    std::vector<std::string> labels;
};
// One tile as the screen draws it: its texture (or an ancestor's, with the part to show),
// or nothing yet (loading), or nothing there (missing: outside the tile set).
struct MapTileLook {
    void* texture = nullptr;
    float u0 = 0, v0 = 0, u1 = 1, v1 = 1;
    bool loading = false;
    bool missing = false;
};
using MapTileSource = std::function<MapTileLook(int z, int x, int y)>;
void draw_map(const Ui& ui, const MapModel& model, const MapTileSource& tiles,
              MapDrawn* drawn = nullptr);

// A link tapped in a text: to another item (navigates) or out of the kiosk (offered as a QR
// code, since the kiosk has no browser).
struct TappedLink {
    std::string item_id;  // set for a link to another item
    std::string url;      // set for an external link
};

struct DetailExtras {
    std::string shown_language_name;  // for the fallback note
    // The Markdown body drawn by the widgets library; returns the link tapped, if any.
    // Null: the body is drawn as plain paragraphs.
    std::function<std::optional<TappedLink>(float width)> draw_markdown;
    // Draws the QR code of the take-away text in a square; null: none available.
    std::function<void(ImDrawList*, ImVec2 top_left, float side)> draw_qr;
    // Draws the QR code of state.offered_link; null: it could not be encoded.
    std::function<void(ImDrawList*, ImVec2 top_left, float side)> draw_link_qr;
};
void draw_detail(const Ui& ui, const DetailView& view, const DetailExtras& extras);
// The institution's own layout inside the detail screen's scrolling column (institution.cpp).
void draw_institution_page(const Ui& ui, const DetailView& view, float measure, bool short_screen,
                           const std::function<void()>& fallback_note);

void draw_search(const Ui& ui, const SearchView& view);

// Read aloud: while a reading goes on, a bar at the bottom (above the alerts' banner) with the
// line heard now and pause/resume, stop, quieter and louder; its height (0 when silent).
float listen_bar_height(const Ui& ui);
void draw_listen_bar(const Ui& ui);

// Over any screen: the idle countdown ("Are you still there? … 12 s").
void draw_idle_countdown(const Ui& ui, int seconds_left);
// Shown instead of a screen when content is missing or broken.
void draw_unavailable(const Ui& ui);

// Fleet alerts (ui.alerts): how many go in the bottom banner (on the welcome screen an urgent
// alert that replaces it is the screen itself), the banner's height for that many (0: none),
// and the banner, drawn over the bottom of any screen, visitor's or staff's.
std::size_t banner_alerts(const std::vector<AlertCard>& alerts, bool on_welcome);
float alert_banner_height(const Theme& theme, std::size_t count);
void draw_alert_banner(const Ui& ui, bool on_welcome);
// An urgent alert's card filling `size` from `origin` (the welcome screen's picture area) in
// the current window; false when its text did not fit.
bool draw_alert_card(const Ui& ui, const AlertCard& card, ImVec2 origin, ImVec2 size);

// Visitors: the notices staff wrote on this kiosk, shown today (`open`: one of them in full).
void draw_notices(const Ui& ui, const std::vector<NoticeCard>& notices,
                  const std::optional<NoticeCard>& open);
// Pinned notices as a band on the home screen; returns the height used (0 when none).
float draw_pinned_notices(const Ui& ui, const std::vector<NoticeCard>& notices, float width);

}  // namespace guichet::kiosk
