// SPDX-License-Identifier: GPL-3.0-or-later
// What a visitor can do, as plain values: screens and input produce actions, and apply()
// is the only code that changes KioskState. Tests drive the kiosk through the same actions
// without SDL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "kiosk/state.h"

namespace guichet::kiosk {

namespace action {
struct StartVisit {        // the welcome screen was touched
    std::string language;  // a language's name on it: straight home in that language
};
struct ChooseLanguage {
    std::string code;
};
struct Open {
    Route to;
};
struct Back {};
struct Home {};
struct TypeText {
    std::string utf8;
};
struct Backspace {};  // removes the last character (a whole UTF-8 sequence)
struct ClearSearch {};
struct SearchExact {};  // "Search instead for …": the words exactly as typed, not corrected
struct SearchFor {      // a suggestion tapped ("Did you mean …"): its word replaces the text
    std::string text;
};
struct ShowKeyboard {  // search: the keyboard out (true) or away, for the results
    bool shown;
};
struct ToggleLargeText {};
struct ToggleHighContrast {};
struct OpenFilterPicker {
    FilterField field;
};
struct SetFilter {
    FilterField field;
    std::string value;  // empty: any
};
struct CloseFilterPicker {};
struct ClearFilters {};
struct ToggleNearest {};  // the directory nearest first, or back to by name
struct ScrollTo {
    std::string region;
    float offset;
};
struct ToggleQr {};
struct OfferLink {  // an external link was tapped: show it as a QR code ("" closes it)
    std::string url;
};
struct ResetVisit {};  // idle timeout: back to welcome, forgetting the visit
struct Touched {       // any input: the visit is still going
    std::int64_t now_ms;
};
struct ContentChanged {};   // a new store is on disk: switch at the next welcome
struct ContentSwitched {};  // the new store is open
struct Staff {              // everything staff mode does (staff_state.h)
    StaffAction what;
};
// Read aloud (state.speech). Listen starts reading the screen from a line; the speech room
// reports progress with SpeechProgress; Back, Home, a language and the idle reset stop it.
struct Listen {
    int from_line = 0;
    int from_block = -1;  // "read from here": the body's Markdown block held or tapped
};
struct ListenPause {};  // pauses, or resumes a paused reading
struct ListenStop {};
struct ListenVolume {
    int delta_steps;
};
struct SpeechProgress {
    std::int64_t reading;
    int line;
    bool finished;
};
struct ToggleSpeechMode {};
// The map (state.map). Each carries the map area's size, so the view stays inside the world.
struct MapMove {  // a drag: the map follows the finger by (dx, dy) px
    double dx, dy, width, height;
};
struct MapZoom {  // +/- buttons (by = +-1) and pinch: about a point of the map area
    double by, anchor_x, anchor_y, width, height;
};
struct MapShow {  // placed on a point: first view, back to me, a cluster opened
    double lon, lat, zoom, width, height;
};
struct MapSelect {  // a pin tapped: its card ("" closes it)
    std::string id;
};
struct ChartShowTable {  // a statistics page: its table (true) or its chart
    bool table;
};
struct ChartSelect {  // a year of the chart tapped: its values shown (0 hides them)
    int year;
};
struct MapLayer {  // the layer toggle: seasonal-work programmes (true) or institutions
    bool seasonal;
};
struct SpeechFocus {  // speech mode: the next (+1) or previous (-1) target is read
    int index;
};
struct ToolbarMenu {  // the top bar's "More" menu (tools that did not fit the bar) open or closed
    bool open;
};
}  // namespace action

using Action = std::variant<
    action::StartVisit, action::ChooseLanguage, action::Open, action::Back, action::Home,
    action::TypeText, action::Backspace, action::ClearSearch, action::ToggleLargeText,
    action::ToggleHighContrast, action::OpenFilterPicker, action::SetFilter,
    action::CloseFilterPicker, action::ClearFilters, action::ToggleNearest, action::ScrollTo,
    action::ToggleQr, action::ResetVisit, action::Touched, action::ContentChanged,
    action::ContentSwitched, action::OfferLink, action::Staff, action::Listen, action::ListenPause,
    action::ListenStop, action::ListenVolume, action::SpeechProgress, action::ToggleSpeechMode,
    action::SpeechFocus, action::ShowKeyboard, action::MapMove, action::MapZoom, action::MapShow,
    action::MapSelect, action::MapLayer, action::ChartShowTable, action::ChartSelect,
    action::ToolbarMenu, action::SearchExact, action::SearchFor>;

// The map's zoom range: the world (1) to streets (16, tiles past their deepest level drawn
// larger).
inline constexpr double kMapMinZoom = 1;
inline constexpr double kMapMaxZoom = 16;

// The search text never grows past this many bytes: an on-screen keyboard needs no more.
inline constexpr std::size_t kMaxSearchBytes = 120;

void apply(KioskState& state, const Action& action);

// Staff mode's share of apply() (staff_actions.cpp). Until the PIN is accepted only the pad's
// own actions do anything. In staff mode the on-screen keyboard types into the notice draft.
void apply_staff(KioskState& state, const StaffAction& action);
void type_into_draft(KioskState& state, const std::string& utf8);
void erase_from_draft(KioskState& state, bool everything);

// Drops the last code point, never leaving half a UTF-8 sequence behind.
void pop_code_point(std::string& text);

// The scroll region key of the current screen ("detail/ID/body").
std::string scroll_key(const Route& route, const char* region);

// Idle timing: the visit ends `timeout_ms` after the last input; the last `countdown_ms` of
// that show a visible countdown. The welcome screen has no visit to end.
struct IdleSettings {
    std::int64_t timeout_ms = 90'000;
    std::int64_t countdown_ms = 20'000;
};

struct IdleStatus {
    bool counting_down = false;
    int seconds_left = 0;  // shown while counting down
    bool expired = false;
    std::int64_t next_change_ms = 0;  // when this status next changes (for the wait timeout)
};

IdleStatus idle_status(const KioskState& state, std::int64_t now_ms, const IdleSettings& idle);

}  // namespace guichet::kiosk
