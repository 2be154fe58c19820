// SPDX-License-Identifier: GPL-3.0-or-later
// What each screen draws, as plain structs built by the content adapter: screens never see
// the content API, and view models are unit-tested without SDL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace guichet::kiosk {

struct LanguageChoice {
    std::string code;
    std::string native_name;
    std::vector<std::string> fallback_chain;
};

struct HomeTile {
    std::string category_id;
    std::string icon;
    std::string title;
    bool opens_directory = false;  // the institutions area opens the filterable directory
    bool opens_notices = false;    // the notices staff wrote on this kiosk
    bool opens_map = false;        // the offline map
};

// An institution on the map: where it is and what its pin's card says.
struct MapPlace {
    std::string id;
    std::string title;
    std::string subtitle;
    double lat = 0;
    double lon = 0;
};

// A seasonal-work programme on the map: its card, and its arrows from each origin country to
// each host country (or, with no origin given, a marker on each host).
struct MapProgramme {
    std::string id;
    std::string title;
    std::string subtitle;  // "Mexico → Canada"
};
struct MapArrow {
    std::size_t programme = 0;  // index into the model's programmes
    std::string from_code;      // ISO 3166-1 alpha-2; empty: a marker on the host alone
    std::string to_code;
    double from_lon = 0, from_lat = 0, to_lon = 0, to_lat = 0;
};
// A name drawn over the map in the visitor's language: a country at its centroid (shown once
// the country is about as wide as its name), or a city of the directory's institutions.
struct MapLabel {
    std::string text;
    double lon = 0, lat = 0;
    double area_km2 = 0;  // countries; 0 for a city
    bool country = false;
};

struct MapLayers {
    std::vector<MapProgramme> programmes;
    std::vector<MapArrow> arrows;
    std::vector<MapLabel> labels;
};

struct ListRow {
    std::string id;
    std::string type;  // item type name ("article", "institution" ...)
    std::string title;
    std::string subtitle;  // summary, or kind · city · country for institutions
    std::string shown_language;
    bool fell_back = false;
};

// One list screen: rows come in pages, fetched as the visitor scrolls.
struct ListHeader {
    std::string title;
    std::string icon;
    std::int64_t total = 0;
};

struct DetailField {
    std::string label_key;  // a ui_strings key
    std::string value;
};

struct ChartSeries {
    std::string country;
    std::vector<std::pair<int, double>> points;  // year, value
};

// One day of an institution's week, in the visitor's language.
struct HoursRow {
    std::string day;    // "Monday"
    std::string times;  // "08:00–17:00", or "Closed"
    bool today = false;
};

// A way to reach an institution that a phone can take away as a QR code.
struct ContactLine {
    std::string label_key;  // field.phone, field.whatsapp, field.email, field.website
    std::string value;      // as written ("+52 55 5209 1100")
    std::string link;       // what its QR code carries (tel:, https://wa.me/, mailto:, https://)
};

// What a visitor needs to go to an institution, beyond the common fields.
struct InstitutionView {
    std::string official_name;    // as written on the door: the page's big title
    std::string translated_name;  // the visitor's language, beneath; empty when the same
    std::string other_names;      // "COMAR · …"
    std::vector<std::pair<std::string, std::string>> services;  // icon, words
    std::vector<std::string> languages;                         // native names
    std::string address;
    std::vector<ContactLine> contacts;
    std::vector<HoursRow> hours;  // Monday first; empty when no structured hours
    std::string hours_note;
    std::string open_status;  // "Open now, until 17:00"; empty without hours
    bool open_now = false;
    std::string cost;
    std::string bring;
    std::string distance;  // "2.3 km · 30 min on foot" from the kiosk's location
    std::string checked;   // "Details checked on 27 November 2026"
    std::string source;
    std::string geo;  // geo: URI of the location, or empty
};

struct DetailView {
    std::string id;
    std::string type;
    std::string icon;
    std::string title;
    std::string summary;
    std::string body_markdown;
    std::vector<DetailField> fields;
    std::vector<std::string> contents;  // publications: the table of contents
    std::string full_text_note;  // "Full text in French" when the body is in another language
    std::string unit;  // statistics: the unit's name in the visitor's language
    std::vector<ChartSeries> chart;
    std::string reviewed;
    std::string shown_language;  // the language the text is in
    bool fell_back = false;
    std::string take_away;  // what the QR code carries: a contact card, a link or a summary
    bool is_institution = false;
    bool on_map = false;  // a seasonal-work programme the map can draw ("Show on map")
    InstitutionView institution;
};

struct SearchRow {
    std::string id;
    std::string title;
    std::string snippet;  // matched words between \x01 and \x02
};

struct SearchGroup {
    std::string type;  // item type name
    std::vector<SearchRow> rows;
};

// A search's whole answer, as the screen shows it: what was found, how the words were read, and
// where to go next when nothing was found (never a dead end).
struct SearchView {
    std::vector<SearchGroup> groups;
    // Words read as the store's own ("regularisacion" → "regularización"): the query as
    // searched ("Showing results for …") and as typed ("Search instead for …", which
    // searches the words exactly). Both empty when nothing was corrected.
    std::string corrected_query;
    std::string typed_query;
    // Only when nothing was found: words of the store close to what was typed, best first
    // ("Did you mean …"), the home areas whose titles come closest, and the centre's own
    // directory entry (the `location` setting, when it names one) to ask in person.
    std::vector<std::string> suggestions;
    std::vector<HomeTile> nearest_categories;
    std::optional<SearchRow> ask_here;  // id, name; the snippet holds its city
    bool corrected() const { return !corrected_query.empty(); }
    bool found_nothing() const { return groups.empty(); }
};

struct FilterOption {
    std::string value;
    std::string label;
};

// A notice staff wrote on this kiosk, as a visitor reads it.
struct NoticeCard {
    std::int64_t id = 0;
    std::string title;
    std::string body;
    std::string snippet;  // search only: matched words between \x01 and \x02
    std::string shown_language;
    std::string shown_language_name;  // for the fallback note
    bool fell_back = false;
    bool pinned = false;
    std::string end_day;  // YYYY-MM-DD, the last day it is shown
    std::uint8_t weekdays = 0;  // bit 0 = Monday; 0: every day
    int start_minute = -1;      // minutes after midnight; -1: all day
    int end_minute = -1;
};

// A fleet alert (sync/alerts.h) as a visitor reads it: a banner on every screen, and for an
// urgent one that asks for it, a full-screen card in place of the welcome screen.
struct AlertCard {
    std::string id;
    std::string severity;  // "info", "warning", "urgent"
    std::string title;
    std::string body;
    std::string shown_language;
    bool fell_back = false;
    bool replaces_home = false;
    bool central = true;  // false: a regional office's (`region` names it)
    std::string region;
};

// The listen bar: whether this screen can be heard (a voice for its language, speech on) and,
// while it is read, the line being heard, shown in the bar so it is always in view.
struct ListenView {
    bool available = false;
    std::string caption;   // the line heard now
    int line = 0, lines = 0;
    int block = -1;        // the body block being read, highlighted and kept in view (-1: none)
    // The sentence heard: its bytes in the block's text (SpokenLine::source_begin/end).
    std::size_t from = 0, to = 0;
    std::int64_t reading = 0;
    std::string problem;   // the sound could not start (no audio device): said, not hidden
};

}  // namespace guichet::kiosk
