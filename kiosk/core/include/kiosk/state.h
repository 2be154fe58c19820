// SPDX-License-Identifier: GPL-3.0-or-later
// Everything the kiosk remembers about the current visit, in one plain struct: where the
// visitor is, in which language, what they typed and how far they scrolled. A reset to the
// welcome screen wipes all of it; nothing here is ever written to disk or to the log.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kiosk/staff_state.h"

namespace guichet::kiosk {

enum class Screen {
    welcome,    // "touch to start", cycling through the content languages
    language,   // the language picker
    home,       // the tiles of the content areas
    category,   // the items of one area (route.id: category id)
    detail,     // one item (route.id: item id)
    directory,  // institutions with filters
    search,     // on-screen keyboard and results
    staff,      // staff mode, behind the hidden corner and the PIN (state.staff)
    notices,    // notices staff wrote on this kiosk (route.id: one notice)
    map,        // the offline map (route.id: an institution or a programme to show, or "")
};

const char* to_string(Screen screen);

struct Route {
    Screen screen = Screen::welcome;
    std::string id;
    bool operator==(const Route&) const = default;
};

// The directory's filters; an empty value means "any".
struct DirectoryFilter {
    std::string country;
    std::string city;
    std::string kind;
    std::string service;
    std::string spoken_language;
    bool nearest = false;  // ordered by distance from the kiosk (config `location`)
    bool operator==(const DirectoryFilter&) const = default;
};

enum class FilterField { country, city, kind, service, spoken_language };

// Read aloud, as the visitor asked for it on the listen bar. The sound is the speech room's
// (kiosk/speech); it reports which line it reached as actions, so the bar draws from here.
struct SpeechState {
    std::int64_t reading = 0;  // 0: silent; else the number of the reading going on
    std::int64_t started = 0;  // readings started this visit (the next one's number - 1)
    bool paused = false;
    int line = 0;         // the line being read, highlighted on the bar
    int from_block = -1;  // the reading starts at this body block ("read from here"; -1: none)
    int volume_step = 0;  // the visitor's (kVolumeStepDb each); 0 again with every new visit
    bool mode = false;    // speech mode: each screen announced, the focused target read
    int focus = -1;       // speech mode: the target read last, in the frame's order
    bool operator==(const SpeechState&) const = default;
};

// Where the map looks and which place's card is open. `placed` is false until the map screen
// first knows its size: it then places the view (on route.id's place, the kiosk, or the pins).
struct MapState {
    bool placed = false;
    double lon = -80;
    double lat = 5;
    double zoom = 3;
    std::string selected;   // the institution (or programme) whose card is open ("": none)
    bool seasonal = false;  // the layer shown: seasonal-work programmes, else institutions
    bool operator==(const MapState&) const = default;
};

// A statistics page's chart: shown as its table instead, and the year whose values are shown
// (0: none). A new page starts on the chart with no year chosen.
struct ChartState {
    bool table = false;
    int year = 0;
    bool operator==(const ChartState&) const = default;
};

struct KioskState {
    Route route;
    std::vector<Route> history;  // screens behind the current one, for Back
    std::string language;        // UI and content language; empty until the visitor picks one
    std::string search_text;
    // The visitor chose "search instead for …": the words are searched exactly as typed until
    // the text changes.
    bool search_exact = false;
    // The visitor put the keyboard away to read the results; it comes back with a tap on the
    // field and whenever search is opened again.
    bool keyboard_hidden = false;
    DirectoryFilter directory_filter;
    MapState map;
    ChartState chart;
    FilterField open_filter = FilterField::country;
    bool filter_picker_open = false;
    // The top bar's "More" menu: the tools a narrow screen could not fit in the bar.
    bool toolbar_menu_open = false;
    std::map<std::string, float> scroll;  // scroll offset per scrolling region, in pixels
    bool qr_open = false;                 // the take-away QR code of the current item
    std::string offered_link;             // an external link tapped in a text, offered as a QR code
    bool large_text = false;
    bool high_contrast = false;
    std::int64_t last_input_ms = 0;
    std::int64_t visit_started_ms = 0;
    // Content switching: a new store is waiting, to be opened at the next reset to welcome.
    bool content_switch_pending = false;
    std::int64_t content_generation = 0;  // counts stores opened since start
    StaffState staff;                     // wiped with the visit, like everything here
    SpeechState speech;                   // the volume and the queue go with the visit too
};

}  // namespace guichet::kiosk
