// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/store.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "markdown.h"
#include "schema.h"
#include "sqlite_util.h"
#include "text_search.h"

namespace guichet::content {
namespace fs = std::filesystem;

namespace {

std::optional<std::int64_t> to_count(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

}  // namespace

struct ContentStore::Impl {
    sql::DbHandle db;
    std::string name;
    std::string base_language;
    std::vector<std::string> language_order;
    std::int64_t text_rows = 0;  // rows of item_texts: N in the search's IDF
    std::map<std::string, std::string, std::less<>> meta;    // read once at open
    std::map<std::string, std::vector<std::string>> chains;  // lang → lang, fallbacks…, base

    // Statements are prepared once per connection and reused (reset, bindings cleared).
    mutable std::map<std::string, sql::Statement, std::less<>> statements;

    Result<sql::Statement> prepare(std::string_view text) const {
        if (auto it = statements.find(text); it != statements.end()) {
            it->second.reset();
            return it->second;
        }
        auto stmt = sql::Statement::prepare(db.get(), text);
        if (!stmt) return make_error(name + ": " + stmt.message());
        statements.emplace(std::string(text), *stmt);
        return stmt;
    }
    Error fail(const sql::Statement& stmt) const {
        return make_error(name + ": " + stmt.last_error());
    }
    // A figure the compiler recorded in meta, or counted now for a store that lacks it.
    Result<std::int64_t> count(const char* key, std::string_view query) const {
        if (auto it = meta.find(key); it != meta.end()) {
            if (auto value = to_count(it->second)) return *value;
            return make_error(name + ": meta " + key + " is not a count: '" + it->second + "'");
        }
        auto stmt = prepare(query);
        if (!stmt) return stmt.error();
        if (!stmt->step()) return fail(*stmt);
        return stmt->integer(0);
    }

    // The chain for a language; an unknown one reads as the base language.
    const std::vector<std::string>& chain(std::string_view lang) const {
        auto it = chains.find(std::string(lang));
        if (it != chains.end()) return it->second;
        return chains.at(base_language);
    }
};

namespace {

struct TextRow {
    std::string title, summary, body, extra;
};

std::vector<std::string> split(const std::string& s, char separator) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < s.size()) {
        size_t end = s.find(separator, start);
        if (end == std::string::npos) end = s.size();
        if (end > start) out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace

int current_schema_version() {
    return schema::kVersion;
}

ContentStore::ContentStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ContentStore::ContentStore(ContentStore&&) noexcept = default;
ContentStore& ContentStore::operator=(ContentStore&&) noexcept = default;
ContentStore::~ContentStore() = default;

Result<ContentStore> ContentStore::open(const fs::path& path) {
    auto impl = std::make_unique<Impl>();
    impl->name = path.string();
    std::error_code error;
    if (!fs::is_regular_file(path, error))
        return make_error(impl->name + ": no such content store");
    sqlite3* raw = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    impl->db.reset(raw);
    if (rc != SQLITE_OK) return make_error(impl->name + ": cannot open: " + sql::error_of(raw));
    if (auto r = text::register_search_functions(raw); !r)
        return make_error(impl->name + ": " + r.message());
    if (auto v = schema::check_readable(raw, impl->name.c_str()); !v) return v.error();

    auto meta = impl->prepare("SELECT key, value FROM meta");
    if (!meta) return meta.error();
    while (meta->step()) impl->meta[meta->text(0)] = meta->text(1);
    if (meta->failed()) return impl->fail(*meta);
    auto base = impl->meta.find("base_language");
    if (base == impl->meta.end()) return make_error(impl->name + ": no base language recorded");
    impl->base_language = base->second;
    auto chains = impl->prepare(
        "SELECT l.code, c.fallback FROM languages l JOIN language_chain c ON c.lang = l.code "
        "ORDER BY l.position, c.rank");
    if (!chains) return chains.error();
    while (chains->step()) {
        std::string code = chains->text(0);
        if (impl->chains.find(code) == impl->chains.end()) impl->language_order.push_back(code);
        impl->chains[code].push_back(chains->text(1));
    }
    if (chains->failed()) return impl->fail(*chains);
    if (auto counted = impl->count(schema::kMetaTextRows, "SELECT COUNT(*) FROM item_texts");
        counted)
        impl->text_rows = *counted;
    else
        return counted.error();
    if (!impl->chains.count(impl->base_language))
        return make_error(impl->name + ": the base language has no row in languages");
    return ContentStore(std::move(impl));
}

Result<StoreInfo> ContentStore::info() const {
    StoreInfo info;
    info.schema_version = schema::kVersion;
    info.base_language = impl_->base_language;
    if (auto it = impl_->meta.find("content_version"); it != impl_->meta.end())
        info.content_version = it->second;
    if (auto it = impl_->meta.find("build_date"); it != impl_->meta.end())
        info.build_date = it->second;
    auto count = impl_->count(schema::kMetaItemCount, "SELECT COUNT(*) FROM items");
    if (!count) return count.error();
    info.item_count = *count;
    return info;
}

Result<std::vector<Language>> ContentStore::languages() const {
    auto rows =
        impl_->prepare("SELECT code, native_name, is_base FROM languages ORDER BY position");
    auto coverage = impl_->prepare(
        "SELECT i.type, COUNT(*), SUM(EXISTS(SELECT 1 FROM item_texts t WHERE t.item_id = i.id "
        "AND t.lang = ?1)) FROM items i GROUP BY i.type");
    if (!rows) return rows.error();
    if (!coverage) return coverage.error();
    // Recorded by the compiler; counted here (a scan per language) only for older stores.
    const auto recorded = impl_->meta.find(schema::kMetaCoverage);
    std::vector<Language> out;
    while (rows->step()) {
        Language language;
        language.code = rows->text(0);
        language.native_name = rows->text(1);
        language.is_base = rows->integer(2) != 0;
        const auto& chain = impl_->chain(language.code);
        language.fallback_chain.assign(chain.begin() + 1, chain.end());
        std::map<ItemType, TypeCoverage> by_type;
        if (recorded != impl_->meta.end()) {
            for (const std::string& line : split(recorded->second, '\n')) {
                const auto words = split(line, ' ');
                if (words.size() != 4 || words[0] != language.code) continue;
                auto type = item_type_from_string(words[1]);
                auto total = to_count(words[2]), translated = to_count(words[3]);
                if (!type || !total || !translated)
                    return make_error(impl_->name + ": meta coverage line '" + line +
                                      "' is not LANG TYPE ITEMS TRANSLATED");
                by_type[*type] = {*type, *total, *translated};
            }
        } else {
            coverage->reset();
            coverage->bind(1, language.code);
            while (coverage->step()) {
                auto type = item_type_from_string(coverage->text(0));
                if (!type) continue;
                by_type[*type] = {*type, coverage->integer(1), coverage->integer(2)};
            }
            if (coverage->failed()) return impl_->fail(*coverage);
        }
        for (ItemType type : kAllItemTypes) {
            auto it = by_type.find(type);
            language.coverage.push_back(it == by_type.end() ? TypeCoverage{type, 0, 0}
                                                            : it->second);
        }
        out.push_back(std::move(language));
    }
    if (rows->failed()) return impl_->fail(*rows);
    return out;
}

Result<std::vector<Category>> ContentStore::categories(std::string_view lang) const {
    auto rows = impl_->prepare("SELECT id, icon, types FROM categories ORDER BY position");
    auto titles = impl_->prepare("SELECT lang, title FROM category_titles WHERE category_id = ?1");
    if (!rows) return rows.error();
    if (!titles) return titles.error();
    const auto& chain = impl_->chain(lang);
    std::vector<Category> out;
    while (rows->step()) {
        Category category;
        category.id = rows->text(0);
        category.icon = rows->text(1);
        for (const auto& name : split(rows->text(2), ' '))
            if (auto type = item_type_from_string(name)) category.types.push_back(*type);
        std::map<std::string, std::string> by_lang;
        titles->reset();
        titles->bind(1, category.id);
        while (titles->step()) by_lang[titles->text(0)] = titles->text(1);
        for (const auto& candidate : chain) {
            auto it = by_lang.find(candidate);
            if (it != by_lang.end() && !it->second.empty()) {
                category.title = it->second;
                category.language = candidate;
                break;
            }
        }
        category.fell_back = category.language != lang;
        out.push_back(std::move(category));
    }
    if (rows->failed()) return impl_->fail(*rows);
    return out;
}

Result<ItemType> ContentStore::type_of(std::string_view id) const {
    auto stmt = impl_->prepare("SELECT type FROM items WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id);
    if (!stmt->step()) return make_error("no item '" + std::string(id) + "' in " + impl_->name);
    auto type = item_type_from_string(stmt->text(0));
    if (!type) return make_error(impl_->name + ": item '" + std::string(id) + "' has unknown type");
    return *type;
}

namespace {

// The header, plus the item's kind/country/city/date and its text in every language.
struct Loaded {
    ItemHeader header;
    std::string kind, country, city, date;
    TextRow text;  // resolved along the chain, field by field
};

Result<Loaded> load_item(const ContentStore::Impl& impl, std::string_view id, std::string_view lang,
                         std::optional<ItemType> expected) {
    auto item =
        impl.prepare("SELECT type, reviewed, kind, country, city, date FROM items WHERE id = ?1");
    if (!item) return item.error();
    item->bind(1, id);
    if (!item->step()) {
        if (item->failed()) return impl.fail(*item);
        return make_error("no item '" + std::string(id) + "' in " + impl.name);
    }
    Loaded loaded;
    auto type = item_type_from_string(item->text(0));
    if (!type) return make_error(impl.name + ": item '" + std::string(id) + "' has unknown type");
    if (expected && *type != *expected)
        return make_error("item '" + std::string(id) + "' is a " + std::string(to_string(*type)) +
                          ", not a " + std::string(to_string(*expected)));
    loaded.header.type = *type;
    loaded.header.id = std::string(id);
    loaded.header.reviewed = item->text(1);
    loaded.kind = item->text(2);
    loaded.country = item->text(3);
    loaded.city = item->text(4);
    loaded.date = item->text(5);

    auto texts =
        impl.prepare("SELECT lang, title, summary, body, extra FROM item_texts WHERE item_id = ?1");
    if (!texts) return texts.error();
    texts->bind(1, id);
    std::map<std::string, TextRow> by_lang;
    while (texts->step())
        by_lang[texts->text(0)] = {texts->text(1), texts->text(2), texts->text(3), texts->text(4)};
    if (texts->failed()) return impl.fail(*texts);
    const auto& chain = impl.chain(lang);
    // The language used is the first of the chain with text; fields it lacks fall back further.
    for (const auto& candidate : chain)
        if (by_lang.count(candidate)) {
            loaded.header.language = candidate;
            break;
        }
    auto pick = [&](std::string TextRow::*field) {
        for (const auto& candidate : chain) {
            auto it = by_lang.find(candidate);
            if (it != by_lang.end() && !(it->second.*field).empty()) return it->second.*field;
        }
        return std::string();
    };
    loaded.text = {pick(&TextRow::title), pick(&TextRow::summary), pick(&TextRow::body),
                   pick(&TextRow::extra)};
    loaded.header.title = loaded.text.title;
    loaded.header.summary = loaded.text.summary;
    loaded.header.fell_back = loaded.header.language != lang;

    auto categories = impl.prepare(
        "SELECT category_id FROM item_categories WHERE item_id = ?1 ORDER BY position");
    if (!categories) return categories.error();
    categories->bind(1, id);
    while (categories->step()) loaded.header.categories.push_back(categories->text(0));
    auto tags = impl.prepare(
        "SELECT value FROM item_values WHERE item_id = ?1 AND field = 'tag' ORDER BY position");
    if (!tags) return tags.error();
    tags->bind(1, id);
    while (tags->step()) loaded.header.tags.push_back(tags->text(0));
    return loaded;
}

Result<std::vector<std::string>> values_of(const ContentStore::Impl& impl, std::string_view id,
                                           std::string_view field) {
    auto stmt = impl.prepare(
        "SELECT value FROM item_values WHERE item_id = ?1 AND field = ?2 ORDER BY position");
    if (!stmt) return stmt.error();
    stmt->bind(1, id).bind(2, field);
    std::vector<std::string> out;
    while (stmt->step()) out.push_back(stmt->text(0));
    if (stmt->failed()) return impl.fail(*stmt);
    return out;
}

// One row of a type table, or an error naming the item.
Result<sql::Statement> typed_row(const ContentStore::Impl& impl, std::string_view sql_text,
                                 std::string_view id) {
    auto stmt = impl.prepare(sql_text);
    if (!stmt) return stmt.error();
    stmt->bind(1, id);
    if (!stmt->step())
        return make_error(impl.name + ": item '" + std::string(id) + "' has no type row");
    return stmt;
}

}  // namespace

Result<ItemHeader> ContentStore::header(std::string_view id, std::string_view lang) const {
    auto loaded = load_item(*impl_, id, lang, std::nullopt);
    if (!loaded) return loaded.error();
    return std::move(loaded->header);
}

Result<Article> ContentStore::article(std::string_view id, std::string_view lang) const {
    auto loaded = load_item(*impl_, id, lang, ItemType::article);
    if (!loaded) return loaded.error();
    return Article{std::move(loaded->header), std::move(loaded->text.body)};
}

Result<NewsItem> ContentStore::news(std::string_view id, std::string_view lang) const {
    auto loaded = load_item(*impl_, id, lang, ItemType::news);
    if (!loaded) return loaded.error();
    return NewsItem{std::move(loaded->header), loaded->date, loaded->kind,
                    std::move(loaded->text.body)};
}

Result<Programme> ContentStore::programme(std::string_view id, std::string_view lang) const {
    auto loaded = load_item(*impl_, id, lang, ItemType::programme);
    if (!loaded) return loaded.error();
    auto row =
        typed_row(*impl_, "SELECT sector, season, official_link FROM programmes WHERE id = ?1", id);
    if (!row) return row.error();
    auto hosts = values_of(*impl_, id, "host_country");
    auto origins = values_of(*impl_, id, "origin_country");
    if (!hosts) return hosts.error();
    if (!origins) return origins.error();
    Programme p;
    p.header = std::move(loaded->header);
    p.kind = loaded->kind;
    p.host_countries = std::move(*hosts);
    p.origin_countries = std::move(*origins);
    p.sector = row->text(0);
    p.season = row->text(1);
    p.official_link = row->text(2);
    p.body_markdown = std::move(loaded->text.body);
    return p;
}

Result<Institution> ContentStore::institution(std::string_view id, std::string_view lang) const {
    auto loaded = load_item(*impl_, id, lang, ItemType::institution);
    if (!loaded) return loaded.error();
    auto row = typed_row(*impl_,
                         "SELECT official_name, address, phone, email, website, lat, lon "
                         "FROM institutions WHERE id = ?1",
                         id);
    if (!row) return row.error();
    auto services = values_of(*impl_, id, "service");
    auto spoken = values_of(*impl_, id, "spoken_language");
    if (!services) return services.error();
    if (!spoken) return spoken.error();
    Institution i;
    i.header = std::move(loaded->header);
    i.official_name = row->text(0);
    i.kind = loaded->kind;
    i.description = loaded->text.summary;
    i.services = std::move(*services);
    i.spoken_languages = std::move(*spoken);
    i.address = row->text(1);
    i.city = loaded->city;
    i.country = loaded->country;
    i.phone = row->text(2);
    i.email = row->text(3);
    i.website = row->text(4);
    i.hours = loaded->text.extra;
    if (!row->is_null(5) && !row->is_null(6))
        i.coordinates = Coordinates{row->real(5), row->real(6)};
    return i;
}

Result<Legislation> ContentStore::legislation(std::string_view id, std::string_view lang) const {
    auto loaded = load_item(*impl_, id, lang, ItemType::legislation);
    if (!loaded) return loaded.error();
    auto row = typed_row(*impl_,
                         "SELECT year, official_reference, url FROM legislation WHERE id = ?1", id);
    if (!row) return row.error();
    Legislation l;
    l.header = std::move(loaded->header);
    l.country = loaded->country;
    l.year = static_cast<int>(row->integer(0));
    l.kind = loaded->kind;
    l.official_reference = row->text(1);
    l.url = row->text(2);
    return l;
}

Result<CooperationEntry> ContentStore::cooperation(std::string_view id,
                                                   std::string_view lang) const {
    auto loaded = load_item(*impl_, id, lang, ItemType::cooperation);
    if (!loaded) return loaded.error();
    auto row =
        typed_row(*impl_, "SELECT direction, theme, contact FROM cooperation WHERE id = ?1", id);
    if (!row) return row.error();
    CooperationEntry c;
    c.header = std::move(loaded->header);
    c.direction = row->text(0);
    c.country = loaded->country;
    c.theme = row->text(1);
    c.contact = row->text(2);
    return c;
}

Result<StatisticsSeries> ContentStore::statistics(std::string_view id,
                                                  std::string_view lang) const {
    auto loaded = load_item(*impl_, id, lang, ItemType::statistics);
    if (!loaded) return loaded.error();
    auto row = typed_row(*impl_, "SELECT unit, source FROM statistics_series WHERE id = ?1", id);
    if (!row) return row.error();
    StatisticsSeries s;
    s.header = std::move(loaded->header);
    s.unit = row->text(0);
    s.source = row->text(1);
    s.description = loaded->text.summary;
    auto points = impl_->prepare(
        "SELECT country, year, value FROM statistics_values WHERE series_id = ?1 "
        "ORDER BY country, year");
    if (!points) return points.error();
    points->bind(1, id);
    while (points->step())
        s.points.push_back(
            {points->text(0), static_cast<int>(points->integer(1)), points->real(2)});
    if (points->failed()) return impl_->fail(*points);
    return s;
}

namespace {

// One constant clause per filter; only the filters set are joined into the query (the SQL text
// comes from this table alone, the values are bound), so SQLite can use the indexes.
std::string filter_conditions(const ItemFilter& filter) {
    std::string where;
    if (filter.country)
        where +=
            " AND (i.country = ?2 OR i.id IN (SELECT item_id FROM item_values WHERE field IN"
            " ('host_country', 'origin_country') AND value = ?2))";
    if (filter.city) where += " AND i.city = ?3";
    if (filter.kind) where += " AND i.kind = ?4";
    if (filter.service)
        where +=
            " AND i.id IN (SELECT item_id FROM item_values WHERE field = 'service' AND value = ?5)";
    if (filter.spoken_language)
        where +=
            " AND i.id IN (SELECT item_id FROM item_values WHERE field = 'spoken_language'"
            " AND value = ?6)";
    if (filter.category)
        where += " AND i.id IN (SELECT item_id FROM item_categories WHERE category_id = ?7)";
    return where;
}

void bind_filter(sql::Statement& stmt, ItemType type, const ItemFilter& filter) {
    stmt.bind(1, to_string(type));
    stmt.bind_optional(2, filter.country);
    stmt.bind_optional(3, filter.city);
    stmt.bind_optional(4, filter.kind);
    stmt.bind_optional(5, filter.service);
    stmt.bind_optional(6, filter.spoken_language);
    stmt.bind_optional(7, filter.category);
}

}  // namespace

Result<ItemPage> ContentStore::list(ItemType type, std::string_view lang, const ItemFilter& filter,
                                    PageRequest page) const {
    const std::string& resolved = impl_->chain(lang).front();
    const std::string conditions = filter_conditions(filter);
    auto count = impl_->prepare(
        conditions.empty()
            ? std::string("SELECT COUNT(*) FROM list_order WHERE lang = ?8 AND type = ?1")
            : "SELECT COUNT(*) FROM items i WHERE i.type = ?1" + conditions);
    auto ids = impl_->prepare(
        std::string("SELECT o.item_id FROM list_order o JOIN items i ON i.id = o.item_id"
                    " WHERE o.lang = ?8 AND o.type = ?1") +
        conditions + " ORDER BY o.position LIMIT ?9 OFFSET ?10");
    if (!count) return count.error();
    if (!ids) return ids.error();
    ItemPage result;
    bind_filter(*count, type, filter);
    count->bind(8, resolved);
    if (!count->step()) return impl_->fail(*count);
    result.total = count->integer(0);
    bind_filter(*ids, type, filter);
    ids->bind(8, resolved)
        .bind(9, std::clamp<std::int64_t>(page.limit, 0, 1000))
        .bind(10, std::max<std::int64_t>(page.offset, 0));
    std::vector<std::string> page_ids;
    while (ids->step()) page_ids.push_back(ids->text(0));
    if (ids->failed()) return impl_->fail(*ids);
    for (const auto& id : page_ids) {
        auto loaded = load_item(*impl_, id, lang, type);
        if (!loaded) return loaded.error();
        result.items.push_back(
            {std::move(loaded->header), loaded->kind, loaded->country, loaded->city, loaded->date});
    }
    return result;
}

Result<std::vector<std::string>> ContentStore::distinct_values(ItemType type,
                                                               FilterField field) const {
    const char* text = nullptr;
    switch (field) {
        case FilterField::country:
            text =
                "SELECT country FROM items WHERE type = ?1 AND country <> '' UNION "
                "SELECT v.value FROM item_values v JOIN items i ON i.id = v.item_id WHERE "
                "i.type = ?1 AND v.field IN ('host_country', 'origin_country') ORDER BY 1";
            break;
        case FilterField::city:
            text = "SELECT DISTINCT city FROM items WHERE type = ?1 AND city <> '' ORDER BY 1";
            break;
        case FilterField::kind:
            text = "SELECT DISTINCT kind FROM items WHERE type = ?1 AND kind <> '' ORDER BY 1";
            break;
        case FilterField::service:
            text =
                "SELECT DISTINCT v.value FROM item_values v JOIN items i ON i.id = v.item_id "
                "WHERE i.type = ?1 AND v.field = 'service' ORDER BY 1";
            break;
        case FilterField::spoken_language:
            text =
                "SELECT DISTINCT v.value FROM item_values v JOIN items i ON i.id = v.item_id "
                "WHERE i.type = ?1 AND v.field = 'spoken_language' ORDER BY 1";
            break;
    }
    auto stmt = impl_->prepare(text);
    if (!stmt) return stmt.error();
    stmt->bind(1, to_string(type));
    std::vector<std::string> out;
    while (stmt->step()) out.push_back(stmt->text(0));
    if (stmt->failed()) return impl_->fail(*stmt);
    return out;
}

Result<void> ContentStore::each_text(std::string_view lang,
                                     const std::function<void(std::string_view)>& visit) const {
    auto texts = impl_->prepare(
        "SELECT title, summary, body, extra FROM item_texts WHERE lang = ?1 ORDER BY id");
    auto categories =
        impl_->prepare("SELECT title FROM category_titles WHERE lang = ?1 ORDER BY category_id");
    auto names = impl_->prepare("SELECT native_name FROM languages ORDER BY position");
    if (!texts) return texts.error();
    if (!categories) return categories.error();
    if (!names) return names.error();
    texts->bind(1, lang);
    while (texts->step())
        for (int column = 0; column < 4; ++column) {
            std::string text = texts->text(column);
            if (!text.empty()) visit(text);
        }
    if (texts->failed()) return impl_->fail(*texts);
    categories->bind(1, lang);
    while (categories->step()) visit(categories->text(0));
    while (names->step()) visit(names->text(0));
    return {};
}

namespace {

// Rows ranked per language and query: enough to rank any selective query exactly; a query of
// very common words ranks the first matches of each language (bounded latency on a small board).
constexpr int kCandidatesPerLanguage = 100;
// A typed prefix becomes an OR of the most frequent indexed terms it starts: FTS5's own prefix
// query would merge every such term's whole doclist (or need prefix indexes, tripling the
// index). Rarer completions appear as the visitor types more letters.
constexpr int kPrefixExpansion = 24;
constexpr int kSnippetWords = 18;

struct Candidate {
    std::int64_t rowid = 0;
    double score = 0;  // higher is better
};

// The MATCH expressions for a sanitised query, with each phrase's IDF in MATCH order.
struct SearchPlan {
    std::string match_all, match_any;
    text::RankInput rank;
    bool empty = true;
};

}  // namespace

Result<std::vector<SearchHit>> ContentStore::search(std::string_view query, std::string_view lang,
                                                    int limit) const {
    std::vector<SearchHit> hits;
    limit = std::clamp(limit, 0, 200);
    text::SanitisedQuery sanitised = text::sanitise_query(query);
    if (sanitised.words.empty() || limit == 0) return hits;

    auto exact = impl_->prepare("SELECT docs FROM term_stats WHERE term = ?1");
    auto prefix_terms = impl_->prepare(
        "SELECT term, docs FROM term_stats WHERE term >= ?1 AND term < ?2"
        " ORDER BY docs DESC, term LIMIT ?3");
    if (!exact) return exact.error();
    if (!prefix_terms) return prefix_terms.error();
    const double rows = static_cast<double>(std::max<std::int64_t>(impl_->text_rows, 1));
    auto idf = [&](double docs) {
        docs = std::min(docs, rows);
        return std::max(1e-6, std::log((rows - docs + 0.5) / (docs + 0.5)));
    };

    SearchPlan plan;
    std::vector<std::string> all_phrases, any_phrases;
    for (size_t i = 0; i < sanitised.words.size(); ++i) {
        const std::string& word = sanitised.words[i];
        bool last_prefix = i + 1 == sanitised.words.size() && sanitised.last_is_prefix;
        if (!last_prefix) {
            exact->reset();
            exact->bind(1, word);
            plan.rank.idf.push_back(
                idf(exact->step() ? static_cast<double>(exact->integer(0)) : 0));
            all_phrases.push_back(text::quote_phrase(word));
            continue;
        }
        prefix_terms->reset();
        prefix_terms->bind(1, word).bind(2, word + "\xFF").bind(3, kPrefixExpansion);
        std::string alternatives;
        while (prefix_terms->step()) {
            if (!alternatives.empty()) alternatives += " OR ";
            alternatives += text::quote_phrase(prefix_terms->text(0));
            plan.rank.idf.push_back(idf(static_cast<double>(prefix_terms->integer(1))));
        }
        if (alternatives.empty()) {  // no indexed word starts so: the phrase matches nothing
            plan.rank.idf.push_back(idf(0));
            alternatives = text::quote_phrase(word);
        }
        all_phrases.push_back("(" + alternatives + ")");
    }
    for (size_t i = 0; i < all_phrases.size(); ++i) {
        plan.match_all += (i ? " AND " : "") + all_phrases[i];
        plan.match_any += (i ? " OR " : "") + all_phrases[i];
    }
    (void)any_phrases;

    // The visitor's language weighs most, then its fallbacks, then every other language.
    const auto& chain = impl_->chain(lang);
    std::vector<std::pair<std::int64_t, double>> ranges;  // language position, weight
    static constexpr double kWeights[] = {2.0, 1.3, 1.2, 1.1};
    std::set<std::string> placed;
    auto position_of = [&](const std::string& code) {
        auto it = std::find(impl_->language_order.begin(), impl_->language_order.end(), code);
        return static_cast<std::int64_t>(it - impl_->language_order.begin());
    };
    for (size_t i = 0; i < chain.size(); ++i)
        if (placed.insert(chain[i]).second)
            ranges.emplace_back(position_of(chain[i]), i < 4 ? kWeights[i] : 1.0);
    for (const auto& code : impl_->language_order)
        if (placed.insert(code).second) ranges.emplace_back(position_of(code), 1.0);

    auto ranked = impl_->prepare(
        "SELECT rowid, guichet_rank(search, ?5) FROM search"
        " WHERE search MATCH ?1 AND rowid BETWEEN ?2 AND ?3 LIMIT ?4");
    auto row = impl_->prepare(
        "SELECT t.item_id, t.lang, t.title, t.summary, t.body, t.extra, i.type,"
        " (SELECT b.title FROM item_texts b WHERE b.item_id = t.item_id AND b.lang = ?2)"
        " FROM item_texts t JOIN items i ON i.id = t.item_id WHERE t.id = ?1");
    if (!ranked) return ranked.error();
    if (!row) return row.error();

    for (const std::string* match : {&plan.match_all, &plan.match_any}) {
        if (match == &plan.match_any && (!hits.empty() || sanitised.words.size() < 2)) break;
        std::vector<Candidate> candidates;
        for (const auto& [position, weight] : ranges) {
            ranked->reset();
            ranked->bind(1, *match)
                .bind(2, position << schema::kLanguageShift)
                .bind(3, ((position + 1) << schema::kLanguageShift) - 1)
                .bind(4, kCandidatesPerLanguage);
            sqlite3_bind_pointer(ranked->raw(), 5, &plan.rank, text::kRankInputType, nullptr);
            while (ranked->step())
                candidates.push_back({ranked->integer(0), ranked->real(1) * weight});
            if (ranked->failed()) return impl_->fail(*ranked);
        }
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
        std::set<std::string> seen;
        for (const auto& candidate : candidates) {
            if (static_cast<int>(hits.size()) >= limit) break;
            row->reset();
            row->bind(1, candidate.rowid).bind(2, impl_->base_language);
            if (!row->step()) continue;
            std::string id = row->text(0);
            if (!seen.insert(id).second) continue;
            SearchHit hit;
            hit.id = id;
            hit.language = row->text(1);
            hit.title = row->text(2).empty() ? row->text(7) : row->text(2);
            if (auto type = item_type_from_string(row->text(6))) hit.type = *type;
            hit.score = candidate.score;
            std::string body = row->text(4);
            if (hit.type == ItemType::article || hit.type == ItemType::news ||
                hit.type == ItemType::programme)
                body = markdown::scan(body).plain;
            std::string text = row->text(3) + "\n" + body + "\n" + row->text(5);
            hit.snippet =
                text::snippet(text, sanitised.words, sanitised.last_is_prefix, kSnippetWords);
            if (hit.snippet.empty())
                hit.snippet = text::snippet(hit.title, sanitised.words, sanitised.last_is_prefix,
                                            kSnippetWords * 4);
            if (hit.snippet.empty())  // matched in fields not shown here (city, address…)
                hit.snippet = text::snippet(text, {}, false, kSnippetWords);
            hits.push_back(std::move(hit));
        }
    }
    return hits;
}

}  // namespace guichet::content
