// SPDX-License-Identifier: GPL-3.0-or-later
// The only place the kiosk calls content/'s API: it turns store answers into view models,
// caches list pages so scrolling a 100,000-item list stays cheap, and knows which store file
// it opened so the kiosk can tell when sync replaced it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/store.h"
#include "kiosk/state.h"
#include "kiosk/view_models.h"
#include "platform/result.h"

namespace guichet::kiosk {

// The identity of a file on disk: a replaced file (rename over it) has another one.
struct FileIdentity {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::int64_t size = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const FileIdentity&) const = default;
};
std::optional<FileIdentity> file_identity(const std::filesystem::path& file);

class ContentAdapter {
  public:
    static Result<std::unique_ptr<ContentAdapter>> open(const std::filesystem::path& store);
    // Reads ahead what the first screens of a new store would (every type's list order), for
    // a store opened away from the screen: its first lists then answer at once.
    Result<void> prepare() const { return store_.prepare_lists(); }

    const std::filesystem::path& path() const { return path_; }
    const std::optional<FileIdentity>& identity() const { return identity_; }
    const std::string& version() const { return version_; }
    const std::string& base_language() const { return base_language_; }
    const std::string& build_date() const { return build_date_; }
    // The type name of an item ("article" ...), empty when the id is unknown.
    std::string item_type(std::string_view id) const;
    const std::vector<LanguageChoice>& languages() const { return languages_; }
    // The fallback chain of `lang` (empty when the content does not have it).
    const std::vector<std::string>& fallback_chain(std::string_view lang) const;
    // A language's own name, from the content's table ("Kreyòl ayisyen"), else ICU's ("Deutsch").
    std::string native_name(std::string_view code) const;
    // What a visitor reading `lang` is shown for `code` of `field` (an institution's kind and
    // services, a programme's kind and sector, a law's kind, a cooperation entry's direction
    // and theme, a series' unit, a publication's kind: content/FORMAT.md's names): the
    // content's name (staff's, else the kiosk's as compiled) in `lang` then along its chain,
    // then the kiosk's own catalogue, then the content's name in any language. The raw code only
    // when nothing anywhere names it (a store the check did not pass).
    std::string code_name(std::string_view field, std::string_view code,
                          std::string_view lang) const;

    Result<std::vector<HomeTile>> home(std::string_view lang) const;

    // The kiosk's clock (Unix seconds), for list rows that say how long ago a news item is
    // ("hace 3 días"): cached rows made on another calendar day are made again.
    void set_now(std::int64_t now_unix);

    Result<ListHeader> category(std::string_view category_id, std::string_view lang);
    // Rows [offset, offset+count) of a category list (fewer at the end).
    Result<std::vector<ListRow>> category_rows(std::string_view category_id, std::string_view lang,
                                               std::int64_t offset, std::int64_t count);

    Result<ListHeader> directory(const DirectoryFilter& filter, std::string_view lang);
    Result<std::vector<ListRow>> directory_rows(const DirectoryFilter& filter,
                                                std::string_view lang, std::int64_t offset,
                                                std::int64_t count);
    // The map's pins: the directory's institutions under `filter` that have coordinates (at
    // most kMaxMapPlaces), by name.
    static constexpr std::int64_t kMaxMapPlaces = 5000;
    Result<std::vector<MapPlace>> map_places(const DirectoryFilter& filter, std::string_view lang);
    // The map's other layer and its names: seasonal-work programmes (at most
    // kMaxMapProgrammes) as arrows between the countries content/countries.h can place, and
    // labels in `lang` (country names from ICU, the cities of `pins`).
    static constexpr std::int64_t kMaxMapProgrammes = 500;
    Result<MapLayers> map_layers(const std::vector<MapPlace>& pins, std::string_view lang);
    // The values a directory filter can take, labelled in `lang`, sorted by label.
    Result<std::vector<FilterOption>> filter_options(FilterField field, std::string_view lang);
    // A filter value as the visitor reads it (country code → country name, service code →
    // its name in `lang`).
    std::string filter_label(FilterField field, std::string_view value, std::string_view lang);

    // `now` (Unix seconds, the kiosk's clock) says whether an institution is open; 0 leaves
    // the status out.
    Result<DetailView> detail(std::string_view id, std::string_view lang,
                              std::int64_t now = 0) const;

    // The picture `source` (as the body writes it) of item `item_id`'s body: its bytes as the
    // store keeps them (providers/pictures.h decodes them); nullopt when there is none.
    Result<std::optional<content::StoredImage>> picture(std::string_view item_id,
                                                        std::string_view source) const {
        return store_.image(item_id, source);
    }

    // Where the kiosk stands (config `location`): distances on institution pages, the
    // directory's "nearest first" and "in this city". Unset: none of them.
    struct Here {
        std::optional<double> lat, lon;
        std::string city;
        std::string country;
        std::string centre_id;  // the centre's own directory entry, when the setting names one
    };
    void set_here(std::optional<Here> here) {
        here_ = std::move(here);
        nearest_key_.clear();
    }
    const std::optional<Here>& here() const { return here_; }
    // A `location` setting read against the content: "LAT,LON" or the id of an institution (the
    // service centre's own entry, which also gives the city). An error names what is wrong.
    Result<Here> resolve_location(std::string_view setting, std::string_view city) const;

    // Forgiving spelling unless `forgive_spelling` is false (the visitor chose "search instead
    // for …", or words found as typed elsewhere, in this kiosk's notices, are not misspellings).
    // Nothing found: the store's suggestions and nearest areas, and the centre's own entry
    // (set_here) to ask at.
    Result<SearchView> search(std::string_view text, std::string_view lang,
                              bool forgive_spelling = true) const;

  private:
    struct Segment {
        content::ItemType type;
        content::ItemFilter filter;
        std::int64_t total = 0;
    };
    struct ListPlan {
        std::string key;
        ListHeader header;
        std::vector<Segment> segments;
    };
    Result<ListPlan*> plan_for(std::string key, std::string_view lang,
                               std::vector<Segment> segments, ListHeader header);
    Result<std::vector<ListRow>> rows(ListPlan& plan, std::string_view lang, std::int64_t offset,
                                      std::int64_t count);
    ListRow to_row(const content::ItemSummary& item, std::string_view lang) const;
    void fill_institution(DetailView& view, const content::Institution& item,
                          std::string_view lang, std::int64_t now) const;
    std::optional<Here> here_;
    // The directory nearest first: every matching row, sorted once per filter and language.
    std::string nearest_key_;
    std::vector<ListRow> nearest_rows_;

    explicit ContentAdapter(content::ContentStore store) : store_(std::move(store)) {}
    content::ContentStore store_;
    std::filesystem::path path_;
    std::optional<FileIdentity> identity_;
    std::string version_;
    std::string base_language_;
    std::string build_date_;
    std::vector<LanguageChoice> languages_;
    // The store's code names: (field, code) → lang → name, read once when the store is opened.
    std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>, std::less<>>
        code_names_;
    std::vector<content::Category> categories_cache_;
    std::optional<ListPlan> plan_;                                        // the list on screen now
    std::map<std::pair<int, std::int64_t>, std::vector<ListRow>> pages_;  // (segment, page)
    std::int64_t now_ = 0;             // 0: no clock, rows show dates only
    std::optional<int> pages_day_;     // the local calendar day pages_ were made on
};

// The visitor-facing name of an ISO 3166-1 country code in `lang` (ICU's table; Haitian
// Creole reads French names, which ICU has).
std::string country_name(std::string_view code, std::string_view lang);
// A language's name ("francés") in the visitor's language, from ICU.
std::string language_name(std::string_view code, std::string_view lang);

}  // namespace guichet::kiosk
