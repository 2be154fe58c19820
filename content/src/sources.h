// SPDX-License-Identifier: GPL-3.0-or-later
// The source set read into memory and validated against FORMAT.md: the compiler's front half.
// Internal to content/.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/compiler.h"
#include "content/types.h"

namespace guichet::content::sources {

struct LanguageRow {
    std::string code;
    std::string native_name;
    bool is_base = false;
    std::vector<std::string> chain;  // expanded: declared fallbacks, then the base language
};

struct CategoryRow {
    std::string id;
    std::string icon;
    std::vector<ItemType> types;
    std::map<std::string, std::string> titles;  // lang → title
};

struct Texts {
    std::string title;
    std::string summary;
    std::string body;        // Markdown for articles, news, programmes; institutions: what to bring
    std::string body_plain;  // the body as plain text, for search
    std::string extra;       // institutions: notes on the opening hours (holidays, by appointment);
                             // publications: the table of contents, one entry a line
    std::string source;      // series, publications: where the details come from (source@LANG)
    bool empty() const {
        return title.empty() && summary.empty() && body.empty() && extra.empty() && source.empty();
    }
};

struct Item {
    ItemType type = ItemType::article;
    std::string id;
    std::string file;
    int line = 0;
    int column = 0;  // a table row: the id's column (for a duplicate id's message)
    std::string reviewed, kind, country, city, date;
    std::vector<std::string> categories, tags, services, spoken_languages, host_countries,
        origin_countries;
    std::map<std::string, Texts> texts;  // lang → text
    // Per type (unused fields stay empty).
    std::string official_name, address, phone, email, website;
    // Institutions: `phone` holds each number of the cell, joined by "; "; other names and
    // acronyms (searchable); the rest as FORMAT.md says (opening_hours normalised).
    std::vector<std::string> other_names;
    std::string whatsapp, opening_hours, time_zone, cost, checked, source_of_details;
    std::optional<Coordinates> coordinates;
    std::string sector, season, official_link;
    int year = 0;
    std::string official_reference, url;
    std::string direction, theme, contact;
    std::string unit, source;
    std::vector<DataPoint> points;
    // Publications (year, url and source above are shared with legislation and statistics).
    std::string authors, publisher, publication_language;
    // Where the item writes each code-valued field (codes_of's field → line, column), for the
    // check that every code a visitor reads has a name; a field not here is at `line`.
    std::map<std::string, std::pair<int, int>> code_places;
};

// A code-valued field a visitor reads, by the kiosk's context for it: an institution's kind
// ("kind") and services ("service"), a programme's kind ("programme") and sector, a law's kind
// ("law"), a cooperation entry's direction and theme, a series' unit, a publication's kind
// ("publication"). The `field` of names.csv and of the store's code_names.
const std::vector<std::string>& code_fields();
// The codes `item` uses, as (field, code), in code_fields() order.
std::vector<std::pair<std::string, std::string>> codes_of(const Item& item);

// One row of names.csv: what staff call a code in each language.
struct CodeNameRow {
    std::string file;
    int line = 0;
    std::map<std::string, std::string> names;  // lang → name, non-empty cells only
};

// One direction of a synonym: a query for `word` in `lang` also finds `alternative` (both
// folded; an alternative may be a phrase).
struct Synonym {
    std::string lang, word, alternative;
};

// The base map (map/NAME.mbtiles): its metadata rows as read and every tile, XYZ addressed,
// checked (format by magic bytes, size) but stored as the file holds them.
struct MapTile {
    int z = 0, x = 0, y = 0;
    std::string bytes;
};
struct MapSource {
    std::string file;  // relative to the source folder
    std::map<std::string, std::string> metadata;
    std::vector<MapTile> tiles;  // in (z, x, y) order
};

// A picture a Markdown body shows, as its file holds it: checked to be PNG or JPEG, at most
// kMaxImageBytes and kMaxImageSide px a side (content/store.h: what a kiosk board decodes
// without running out of memory).
struct ImageFile {
    std::string path;    // in the source folder, normalised: "articles/route-map.png"
    std::string format;  // "png" or "jpeg"
    int width = 0, height = 0;
    std::string bytes;
};

struct SourceSet {
    std::vector<LanguageRow> languages;  // in file order
    std::string base_language;
    std::vector<CategoryRow> categories;  // in file order
    std::vector<Item> items;              // sorted by id
    std::vector<Synonym> synonyms;        // by file, then word
    std::string fingerprint;              // hex hash of every file read
    std::string newest_review;
    std::optional<MapSource> map;
    std::map<std::string, ImageFile> images;  // by path; each once, however many pages show it
    // names.csv (optional): (field, code) → the staff's names, which override the kiosk's own.
    std::map<std::pair<std::string, std::string>, CodeNameRow> code_names;
};

// What a visitor reading exactly `lang` (no fallback) is shown for `code` of `field`: the set's
// names table, else the kiosk's catalogue (messages::kiosk_label); nullopt when neither has it.
std::optional<std::string> code_name(const SourceSet& set, const std::string& field,
                                     const std::string& code, const std::string& lang);

// Reads and validates everything; problems go to `report` (sorted), coverage too.
SourceSet load(const std::filesystem::path& dir, CheckReport& report);

}  // namespace guichet::content::sources
