// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/actions.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kiosk/map_geometry.h"
#include "kiosk/speech.h"

namespace guichet::kiosk {
namespace {

// Nothing read survives a move: the new screen is not what was being read.
void silence(KioskState& state) {
    state.speech.reading = 0;
    state.speech.paused = false;
    state.speech.line = 0;
    state.speech.from_block = -1;
    state.speech.focus = -1;
}

void go(KioskState& state, Route to) {
    if (state.route == to) return;
    silence(state);
    state.history.push_back(state.route);
    state.route = std::move(to);
    state.qr_open = false;
    state.offered_link.clear();
    state.filter_picker_open = false;
    state.chart = {};
    state.toolbar_menu_open = false;
    if (state.route.screen == Screen::search) state.keyboard_hidden = false;
    // The map opens anew on what it was opened for; Back to it keeps where it was.
    if (state.route.screen == Screen::map) state.map = {};
}

map::View map_view(const MapState& m, double width, double height) {
    return map::View{{m.lon, m.lat}, m.zoom, width, height};
}

void set_map_view(MapState& m, const map::View& v) {
    m.lon = v.center.lon;
    m.lat = v.center.lat;
    m.zoom = v.zoom;
    m.placed = true;
}

constexpr map::ZoomRange kMapRange{kMapMinZoom, kMapMaxZoom};

std::string& filter_value(DirectoryFilter& filter, FilterField field) {
    switch (field) {
        case FilterField::country:
            return filter.country;
        case FilterField::city:
            return filter.city;
        case FilterField::kind:
            return filter.kind;
        case FilterField::service:
            return filter.service;
        case FilterField::spoken_language:
            return filter.spoken_language;
    }
    return filter.country;
}

struct Applier {
    KioskState& state;

    void operator()(const action::StartVisit& a) {
        if (a.language.empty()) return go(state, {Screen::language, ""});
        state.language = a.language;
        go(state, {Screen::home, ""});
    }
    void operator()(const action::ChooseLanguage& a) {
        silence(state);
        state.language = a.code;
        if (state.route.screen == Screen::language) {
            go(state, {Screen::home, ""});
        }
    }
    void operator()(const action::Open& a) {
        if (a.to.screen == Screen::welcome) return (*this)(action::ResetVisit{});
        go(state, a.to);
    }
    void operator()(const action::Back&) {
        silence(state);
        if (state.qr_open || !state.offered_link.empty()) {
            state.qr_open = false;
            state.offered_link.clear();
            return;
        }
        if (state.filter_picker_open) {
            state.filter_picker_open = false;
            return;
        }
        if (state.toolbar_menu_open) {
            state.toolbar_menu_open = false;
            return;
        }
        if (state.route.screen == Screen::map && !state.map.selected.empty()) {
            state.map.selected.clear();
            return;
        }
        // A chart's year values close first, like a map's card.
        if (state.route.screen == Screen::detail && state.chart.year != 0) {
            state.chart.year = 0;
            return;
        }
        state.chart = {};
        if (state.history.empty()) return;
        if (state.history.back().screen == Screen::welcome) return (*this)(action::ResetVisit{});
        state.route = state.history.back();
        state.history.pop_back();
    }
    void operator()(const action::Home&) {
        // Before a language is chosen there is no home yet: the start is the welcome screen.
        if (state.language.empty()) return (*this)(action::ResetVisit{});
        silence(state);
        state.toolbar_menu_open = false;
        if (state.route.screen == Screen::home) return;
        // Home keeps the path to the language picker, so Back from home still leads there.
        std::vector<Route> kept;
        for (const Route& route : state.history)
            if (route.screen == Screen::welcome || route.screen == Screen::language)
                kept.push_back(route);
        state.history = std::move(kept);
        state.route = {Screen::home, ""};
        state.qr_open = false;
        state.offered_link.clear();
        state.filter_picker_open = false;
        state.chart = {};
    }
    void operator()(const action::TypeText& a) {
        if (state.route.screen == Screen::staff) return type_into_draft(state, a.utf8);
        if (state.search_text.size() + a.utf8.size() > kMaxSearchBytes) return;
        state.search_text += a.utf8;
        state.search_exact = false;
        state.scroll.erase(scroll_key({Screen::search, ""}, "results"));
    }
    void operator()(const action::Backspace&) {
        if (state.route.screen == Screen::staff) return erase_from_draft(state, false);
        pop_code_point(state.search_text);
        state.search_exact = false;
        state.scroll.erase(scroll_key({Screen::search, ""}, "results"));
    }
    void operator()(const action::ClearSearch&) {
        if (state.route.screen == Screen::staff) return erase_from_draft(state, true);
        state.search_text.clear();
        state.search_exact = false;
        state.scroll.erase(scroll_key({Screen::search, ""}, "results"));
    }
    void operator()(const action::SearchExact&) {
        if (state.route.screen != Screen::search || state.search_text.empty()) return;
        state.search_exact = true;
        state.scroll.erase(scroll_key({Screen::search, ""}, "results"));
    }
    void operator()(const action::SearchFor& a) {
        if (state.route.screen != Screen::search || a.text.empty() ||
            a.text.size() > kMaxSearchBytes)
            return;
        state.search_text = a.text;
        state.search_exact = false;
        state.scroll.erase(scroll_key({Screen::search, ""}, "results"));
    }
    void operator()(const action::ShowKeyboard& a) { state.keyboard_hidden = !a.shown; }
    void operator()(const action::ToggleLargeText&) { state.large_text = !state.large_text; }
    void operator()(const action::ToggleHighContrast&) {
        state.high_contrast = !state.high_contrast;
    }
    void operator()(const action::OpenFilterPicker& a) {
        state.open_filter = a.field;
        state.filter_picker_open = true;
    }
    void operator()(const action::SetFilter& a) {
        filter_value(state.directory_filter, a.field) = a.value;
        state.filter_picker_open = false;
        state.scroll.erase(scroll_key({Screen::directory, ""}, "list"));
    }
    void operator()(const action::CloseFilterPicker&) { state.filter_picker_open = false; }
    void operator()(const action::ToolbarMenu& a) { state.toolbar_menu_open = a.open; }
    void operator()(const action::ClearFilters&) {
        state.directory_filter = {};
        state.scroll.erase(scroll_key({Screen::directory, ""}, "list"));
    }
    void operator()(const action::ToggleNearest&) {
        state.directory_filter.nearest = !state.directory_filter.nearest;
        state.scroll.erase(scroll_key({Screen::directory, ""}, "list"));
    }
    void operator()(const action::MapMove& a) {
        if (!std::isfinite(a.dx) || !std::isfinite(a.dy) || a.width <= 0 || a.height <= 0) return;
        set_map_view(state.map, map::pan(map_view(state.map, a.width, a.height), a.dx, a.dy, kMapRange));
    }
    void operator()(const action::MapZoom& a) {
        if (!std::isfinite(a.by) || a.width <= 0 || a.height <= 0) return;
        auto view = map_view(state.map, a.width, a.height);
        set_map_view(state.map, map::zoom_about(view, view.zoom + a.by, {a.anchor_x, a.anchor_y}, kMapRange));
    }
    void operator()(const action::MapShow& a) {
        if (!std::isfinite(a.lon) || !std::isfinite(a.lat) || a.width <= 0 || a.height <= 0) return;
        set_map_view(state.map, map::centred(map_view(state.map, a.width, a.height), {a.lon, a.lat},
                                             a.zoom, kMapRange));
    }
    void operator()(const action::MapSelect& a) { state.map.selected = a.id; }
    void operator()(const action::ChartShowTable& a) { state.chart.table = a.table; }
    void operator()(const action::ChartSelect& a) { state.chart.year = a.year; }
    void operator()(const action::MapLayer& a) {
        if (state.map.seasonal != a.seasonal) {
            state.map.selected.clear();
            silence(state);  // the other layer's cards are not what is being read
        }
        state.map.seasonal = a.seasonal;
    }
    void operator()(const action::ScrollTo& a) {
        state.scroll[a.region] = std::max(0.0f, a.offset);
    }
    void operator()(const action::ToggleQr&) {
        state.qr_open = !state.qr_open;
        state.offered_link.clear();
    }
    void operator()(const action::OfferLink& a) {
        state.offered_link = a.url;
        state.qr_open = false;
    }
    void operator()(const action::ResetVisit&) {
        // Everything about the visitor goes; the content generation and a pending switch stay.
        KioskState fresh;
        fresh.content_switch_pending = state.content_switch_pending;
        fresh.content_generation = state.content_generation;
        fresh.last_input_ms = state.last_input_ms;
        state = std::move(fresh);
    }
    void operator()(const action::Touched& a) { state.last_input_ms = a.now_ms; }
    void operator()(const action::ContentChanged&) { state.content_switch_pending = true; }
    void operator()(const action::Staff& a) {
        if (std::holds_alternative<staff_action::Enter>(a.what)) silence(state);
        apply_staff(state, a.what);
    }
    void operator()(const action::Listen& a) {
        state.speech.reading = ++state.speech.started;
        state.speech.paused = false;
        state.speech.line = std::max(0, a.from_line);
        state.speech.from_block = a.from_block;
    }
    void operator()(const action::ListenPause&) {
        if (state.speech.reading) state.speech.paused = !state.speech.paused;
    }
    void operator()(const action::ListenStop&) { silence(state); }
    void operator()(const action::ListenVolume& a) {
        state.speech.volume_step =
            std::clamp(state.speech.volume_step + a.delta_steps, kVolumeMinStep, kVolumeMaxStep);
    }
    void operator()(const action::SpeechProgress& a) {
        if (a.reading != state.speech.reading || a.reading == 0) return;  // an old reading's
        state.speech.line = a.line;
        if (a.finished) {
            state.speech.reading = 0;
            state.speech.paused = false;
        }
    }
    void operator()(const action::ToggleSpeechMode&) {
        silence(state);
        state.speech.mode = !state.speech.mode;
    }
    void operator()(const action::SpeechFocus& a) { state.speech.focus = a.index; }
    void operator()(const action::ContentSwitched&) {
        state.content_switch_pending = false;
        ++state.content_generation;
        // Item ids and list positions of the old store mean nothing in the new one.
        if (state.route.screen != Screen::welcome) (*this)(action::ResetVisit{});
    }
};

}  // namespace

const char* to_string(Screen screen) {
    switch (screen) {
        case Screen::welcome:
            return "welcome";
        case Screen::language:
            return "language";
        case Screen::home:
            return "home";
        case Screen::category:
            return "category";
        case Screen::detail:
            return "detail";
        case Screen::directory:
            return "directory";
        case Screen::search:
            return "search";
        case Screen::staff:
            return "staff";
        case Screen::notices:
            return "notices";
        case Screen::map:
            return "map";
    }
    return "?";
}

void apply(KioskState& state, const Action& action) {
    std::visit(Applier{state}, action);
}

void pop_code_point(std::string& text) {
    while (!text.empty()) {
        const unsigned char last = static_cast<unsigned char>(text.back());
        text.pop_back();
        if ((last & 0xC0) != 0x80) break;
    }
}

std::string scroll_key(const Route& route, const char* region) {
    std::string key = to_string(route.screen);
    if (!route.id.empty()) key += "/" + route.id;
    return key + "/" + region;
}

IdleStatus idle_status(const KioskState& state, std::int64_t now_ms, const IdleSettings& idle) {
    IdleStatus status;
    if (state.route.screen == Screen::welcome) {
        status.next_change_ms = std::numeric_limits<std::int64_t>::max();
        return status;
    }
    const std::int64_t deadline = state.last_input_ms + idle.timeout_ms;
    const std::int64_t countdown_start = deadline - idle.countdown_ms;
    if (now_ms >= deadline) {
        status.expired = true;
        status.next_change_ms = now_ms;
    } else if (now_ms >= countdown_start) {
        status.counting_down = true;
        const std::int64_t left_ms = deadline - now_ms;
        status.seconds_left = static_cast<int>((left_ms + 999) / 1000);
        // The shown number changes when left_ms crosses the next whole second.
        status.next_change_ms = now_ms + (left_ms - (status.seconds_left - 1) * 1000);
    } else {
        status.next_change_ms = countdown_start;
    }
    return status;
}

}  // namespace guichet::kiosk
