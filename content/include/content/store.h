// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's read-only view of a compiled content store: languages, home categories, lists
// with filters, one item in a language with its fallback, and search. Every call returns a
// Result; nothing a visitor types can make a call fail except a broken store file.
#pragma once

#include <filesystem>
#include <functional>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/types.h"
#include "platform/result.h"

namespace guichet::content {

// Pictures in Markdown bodies (issue 19): what the compiler accepts and a reader trusts.
inline constexpr std::size_t kMaxImageBytes = 4u << 20;
inline constexpr int kMaxImageSide = 4096;

// A picture as the store keeps it: the file's bytes (PNG or JPEG, checked by the compiler, not
// decoded here) and its size in pixels.
struct StoredImage {
    std::string path;    // in the source folder: "articles/route-map.png"
    std::string format;  // "png" or "jpeg"
    int width = 0, height = 0;
    std::vector<std::uint8_t> bytes;
};

// What a code a visitor reads is called in one language (an institution's kind, a programme's
// sector …: `field` as content/FORMAT.md's names table writes it): the content's own name, else
// the kiosk's, as the compiler merged them.
struct CodeName {
    std::string field, code, lang, name;
};
// More rows than a content set has codes times languages: a store past it is refused.
inline constexpr std::size_t kMaxCodeNames = 100000;

class ContentStore {
  public:
    // Opens read-only. Fails with a message naming the file when it is missing, not a Guichet
    // store, or written by a newer Guichet (schema newer than this code).
    static Result<ContentStore> open(const std::filesystem::path& path);

    ContentStore(ContentStore&&) noexcept;
    ContentStore& operator=(ContentStore&&) noexcept;
    ~ContentStore();

    Result<StoreInfo> info() const;
    // In the order the language picker shows them.
    Result<std::vector<Language>> languages() const;
    // The home tiles, in order, with titles in `lang` (falling back along its chain).
    Result<std::vector<Category>> categories(std::string_view lang) const;

    Result<ItemPage> list(ItemType type, std::string_view lang, const ItemFilter& filter = {},
                          PageRequest page = {}) const;
    // Computes now what the first list() of each type would (the order of every type's items
    // in every language: half a second for 35,000 institutions here), so that a store opened
    // and prepared away from the screen answers its first lists at once.
    Result<void> prepare_lists() const;
    // Distinct values present for `type`, sorted, for filter pickers.
    Result<std::vector<std::string>> distinct_values(ItemType type, FilterField field) const;
    // Every item type an id belongs to (ids are unique across types); error when unknown.
    Result<ItemType> type_of(std::string_view id) const;

    // One item in `lang`; fields with no text there come from the fallback chain.
    // Fails when the id is unknown or of another type.
    Result<Article> article(std::string_view id, std::string_view lang) const;
    Result<NewsItem> news(std::string_view id, std::string_view lang) const;
    Result<Programme> programme(std::string_view id, std::string_view lang) const;
    Result<Institution> institution(std::string_view id, std::string_view lang) const;
    Result<Legislation> legislation(std::string_view id, std::string_view lang) const;
    Result<CooperationEntry> cooperation(std::string_view id, std::string_view lang) const;
    Result<Publication> publication(std::string_view id, std::string_view lang) const;
    Result<StatisticsSeries> statistics(std::string_view id, std::string_view lang) const;
    // The picture item `item_id`'s body shows as `![alt](source)`, `source` as written (a path
    // beside the item's file, like the sources' own). nullopt when the store holds none by that
    // name (an older store, an item type without a body, a path leading out of the content);
    // an error when the store is broken (a row past kMaxImageBytes or kMaxImageSide).
    Result<std::optional<StoredImage>> image(std::string_view item_id,
                                             std::string_view source) const;
    // Every code's name in every language the store names it in, by field, code, language.
    Result<std::vector<CodeName>> code_names() const;
    // Where each institution with coordinates is (the directory's "nearest first"), by id.
    Result<std::vector<std::pair<std::string, Coordinates>>> institution_places() const;
    // The header of any item (title, summary, categories ...) without its type's fields.
    Result<ItemHeader> header(std::string_view id, std::string_view lang) const;

    // Whatever the visitor typed, searched as plain words; the last word also matches as a
    // prefix. Ranked by bm25 across all types, text in `lang` (then its fallback chain) first;
    // one hit per item. Empty or wordless queries give no hits, never an error.
    Result<std::vector<SearchHit>> search(std::string_view query, std::string_view lang,
                                          int limit = 20) const;
    // The same search, forgiving spelling: a word that matches nothing is read as the nearest
    // word of the store's vocabulary (edit distance and sound-alike spellings, the visitor's
    // language first), staff's synonyms widen each word, and a search that still finds
    // nothing says what was close (content/FORMAT.md, "What the store keeps").
    Result<SearchResult> search(std::string_view query, std::string_view lang,
                                const SearchOptions& options) const;

    // Every piece of text a visitor may see in `lang` (its own rows only, no fallback): item
    // titles, summaries, bodies, opening hours, category titles, code names and language names.
    // For the
    // fonts module's glyph coverage and atlas; order is stable.
    Result<void> each_text(std::string_view lang,
                           const std::function<void(std::string_view text)>& visit) const;

    struct Impl;

  private:
    explicit ContentStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The schema version this code writes and reads.
int current_schema_version();

}  // namespace guichet::content
