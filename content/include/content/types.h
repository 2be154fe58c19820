// SPDX-License-Identifier: GPL-3.0-or-later
// The values the content store hands out: plain structs, copied out of the store, valid after
// it closes. Text is UTF-8; every translatable field comes in the language named by
// `language`, which differs from the one asked for exactly when `fell_back` is true.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "content/item_type.h"

namespace guichet::content {

struct StoreInfo {
    std::string content_version;  // the source set's fingerprint (hex), same sources → same value
    std::string build_date;       // YYYY-MM-DD, the newest `reviewed` date in the set
    int schema_version = 0;
    std::string base_language;
    std::int64_t item_count = 0;
};

struct TypeCoverage {
    ItemType type = ItemType::article;
    std::int64_t total = 0;       // items of this type
    std::int64_t translated = 0;  // items with their own text in this language
};

struct Language {
    std::string code;  // BCP 47
    std::string native_name;
    bool is_base = false;
    // Languages tried, in order, when an item has no text in `code`; always ends with the
    // base language (empty for the base language itself).
    std::vector<std::string> fallback_chain;
    std::vector<TypeCoverage> coverage;  // one entry per ItemType, in kAllItemTypes order
};

struct Category {
    std::string id;
    std::string icon;
    std::vector<ItemType> types;  // types shown in the area besides items naming it
    std::string title;
    std::string language;
    bool fell_back = false;
};

// What every item carries, in the language actually used.
struct ItemHeader {
    ItemType type = ItemType::article;
    std::string id;
    std::string title;
    std::string summary;
    std::string language;
    bool fell_back = false;
    std::vector<std::string> categories;
    std::vector<std::string> tags;
    std::string reviewed;  // YYYY-MM-DD
};

struct Coordinates {
    double lat = 0;
    double lon = 0;
};

struct Article {
    ItemHeader header;
    std::string body_markdown;  // links to other items are written item:ID
};

struct NewsItem {
    ItemHeader header;
    std::string date;  // YYYY-MM-DD
    std::string kind;  // bulletin, press, interview (may be empty)
    std::string body_markdown;
};

struct Programme {
    ItemHeader header;
    std::string kind;  // job-insertion, productive-investment, human-capital, seasonal-work
    std::vector<std::string> host_countries;    // ISO 3166-1 alpha-2
    std::vector<std::string> origin_countries;  // ISO 3166-1 alpha-2
    std::string sector;
    std::string season;
    std::string official_link;
    std::string body_markdown;
};

struct Institution {
    ItemHeader header;  // title: the name in this language, else the official name
    std::string official_name;             // as written on the door
    std::vector<std::string> other_names;  // acronyms and other names (COMAR, ACNUR, UNHCR)
    std::string kind;  // public-body, consulate, ngo, university, ...
    std::string description;
    std::vector<std::string> services;          // service codes
    std::vector<std::string> spoken_languages;  // language codes at the counter
    std::string address;
    std::string city;
    std::string country;              // ISO 3166-1 alpha-2
    std::vector<std::string> phones;  // as written; none when not known for certain
    std::string whatsapp;             // +country code and number, or empty
    std::string email;
    std::string website;
    std::string hours;          // notes on the hours, in this language (holidays, appointments)
    std::string opening_hours;  // structured (content/opening_hours.h), or empty
    std::string time_zone;      // IANA ("America/Mexico_City"), or empty
    std::string cost;           // "free", "paid", or empty when not known
    std::string what_to_bring;  // in this language
    std::string checked;        // YYYY-MM-DD the details were last checked, or empty
    std::string source;         // where the details are published
    std::optional<Coordinates> coordinates;
};

struct Legislation {
    ItemHeader header;
    std::string country;
    int year = 0;
    std::string kind;  // constitution, law, decree, regulation, treaty, resolution
    std::string official_reference;
    std::string url;
};

struct CooperationEntry {
    ItemHeader header;
    std::string direction;  // offer or request
    std::string country;
    std::string theme;
    std::string contact;
};

struct DataPoint {
    std::string country;
    int year = 0;
    double value = 0;
};

struct StatisticsSeries {
    ItemHeader header;
    std::string unit;  // persons, percent, usd-millions, ...
    std::string source;
    std::string description;
    std::vector<DataPoint> points;  // ordered by country, then year
};

// A publication or study (the action framework's V.B): the catalogue entry in the visitor's
// language, the full text online (url) and, when staff gave it, the full text itself.
struct Publication {
    ItemHeader header;
    std::string kind;       // report, study, document
    std::string authors;    // as credited; may be empty when only the publisher is known
    std::string publisher;
    int year = 0;           // 0 when not known
    std::string language;   // BCP 47 code of the publication itself (not of this entry's text)
    std::vector<std::string> contents;  // the table of contents, one line per entry
    std::string url;        // the full text online, or empty
    // In the visitor's chain when staff gave it so, else in the language staff gave it in
    // (a French report is shown in French to a Spanish reader rather than not at all).
    std::string full_text_markdown;     // empty when staff gave none
    std::string full_text_language;
    std::string source;     // where the entry's details come from
};

// A row of a list screen: enough to draw it without fetching the item.
struct ItemSummary {
    ItemHeader header;
    std::string kind;
    std::string country;
    std::string city;
    std::string date;  // news only
};

// Fields left out match everything; designated initializers work: {.country = "MX"}.
struct ItemFilter {
    std::optional<std::string> country = std::nullopt;
    std::optional<std::string> city = std::nullopt;
    std::optional<std::string> kind = std::nullopt;
    std::optional<std::string> service = std::nullopt;          // institutions
    std::optional<std::string> spoken_language = std::nullopt;  // institutions
    std::optional<std::string> category = std::nullopt;
};

struct PageRequest {
    std::int64_t offset = 0;
    std::int64_t limit = 50;
};

// News come newest first; everything else by title in the language asked for.
struct ItemPage {
    std::vector<ItemSummary> items;
    std::int64_t total = 0;  // matches for the filter, all pages together
};

enum class FilterField { country, city, kind, service, spoken_language };

struct SearchHit {
    ItemType type = ItemType::article;
    std::string id;
    std::string title;
    // A short extract of the matched text; every matched word sits between
    // kHighlightBegin and kHighlightEnd.
    std::string snippet;
    std::string language;  // the language of the text that matched
    double score = 0;      // higher is better
};

// What a search found, and how it read the query.
struct SearchResult {
    std::vector<SearchHit> hits;
    // When words matched nothing as typed and were read as the store's own words
    // ("regularisacion" → "regularización"): the query as searched, for "Showing results for
    // …", and the query as typed, for "search instead for …". Both empty when nothing was
    // corrected.
    std::string corrected_query;
    std::string typed_query;
    // With no hits: words of the store close to what was typed, best first (they may be
    // offered as "Did you mean …"), and the home areas whose titles come closest.
    std::vector<std::string> suggestions;
    std::vector<Category> nearest_categories;
};

struct SearchOptions {
    int limit = 20;
    // Off: search exactly the words typed (the visitor chose "search instead for …").
    bool correct_spelling = true;
};

inline constexpr char kHighlightBegin = '\x01';
inline constexpr char kHighlightEnd = '\x02';

}  // namespace guichet::content
