// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/store.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "markdown.h"
#include "schema.h"
#include "sqlite_util.h"
#include "store_impl.h"
#include "text_search.h"

namespace guichet::content {
namespace fs = std::filesystem;
using namespace store_detail;

namespace store_detail {

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
        impl.prepare("SELECT lang, title, summary, body, extra, source FROM item_texts "
                     "WHERE item_id = ?1");
    if (!texts) return texts.error();
    texts->bind(1, id);
    std::map<std::string, TextRow> by_lang;
    while (texts->step())
        by_lang[texts->text(0)] = {texts->text(1), texts->text(2), texts->text(3), texts->text(4),
                                   texts->text(5)};
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
                   pick(&TextRow::extra), pick(&TextRow::source)};
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

}  // namespace store_detail

namespace {

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
                         "SELECT official_name, address, phone, email, website, lat, lon, "
                         "whatsapp, opening_hours, time_zone, cost, checked, source "
                         "FROM institutions WHERE id = ?1",
                         id);
    if (!row) return row.error();
    auto services = values_of(*impl_, id, "service");
    auto spoken = values_of(*impl_, id, "spoken_language");
    auto other_names = values_of(*impl_, id, "other_name");
    if (!other_names) return other_names.error();
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
    i.other_names = std::move(*other_names);
    const std::string phone_cell = row->text(2);
    for (std::string_view rest = phone_cell; !rest.empty();) {
        const size_t cut = rest.find(';');
        std::string_view phone = rest.substr(0, cut);
        while (!phone.empty() && phone.front() == ' ') phone.remove_prefix(1);
        while (!phone.empty() && phone.back() == ' ') phone.remove_suffix(1);
        if (!phone.empty()) i.phones.emplace_back(phone);
        rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
    }
    i.email = row->text(3);
    i.website = row->text(4);
    i.hours = loaded->text.extra;
    i.whatsapp = row->text(7);
    i.opening_hours = row->text(8);
    i.time_zone = row->text(9);
    i.cost = row->text(10);
    i.checked = row->text(11);
    i.source = row->text(12);
    i.what_to_bring = loaded->text.body;
    if (!row->is_null(5) && !row->is_null(6))
        i.coordinates = Coordinates{row->real(5), row->real(6)};
    return i;
}

Result<std::vector<std::pair<std::string, Coordinates>>> ContentStore::institution_places() const {
    auto rows = impl_->prepare(
        "SELECT id, lat, lon FROM institutions WHERE lat IS NOT NULL AND lon IS NOT NULL");
    if (!rows) return rows.error();
    std::vector<std::pair<std::string, Coordinates>> out;
    while (rows->step()) out.emplace_back(rows->text(0), Coordinates{rows->real(1), rows->real(2)});
    if (rows->failed()) return impl_->fail(*rows);
    return out;
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

Result<Publication> ContentStore::publication(std::string_view id,
                                              std::string_view lang) const {
    auto loaded = load_item(*impl_, id, lang, ItemType::publication);
    if (!loaded) return loaded.error();
    auto row = typed_row(*impl_,
                         "SELECT authors, publisher, year, language, url, source FROM publications "
                         "WHERE id = ?1",
                         id);
    if (!row) return row.error();
    Publication p;
    p.header = std::move(loaded->header);
    p.kind = loaded->kind;
    p.authors = row->text(0);
    p.publisher = row->text(1);
    p.year = static_cast<int>(row->integer(2));
    p.language = row->text(3);
    p.url = row->text(4);
    // The source in the visitor's chain when staff wrote it per language, else the one for all.
    p.source = loaded->text.source.empty() ? row->text(5) : loaded->text.source;
    const std::string& contents = loaded->text.extra;
    for (size_t start = 0; start < contents.size();) {
        size_t end = contents.find('\n', start);
        if (end == std::string::npos) end = contents.size();
        if (end > start) p.contents.push_back(contents.substr(start, end - start));
        start = end + 1;
    }
    // The full text in the first language of the visitor's chain that has one, else in the
    // publication's own language, else in any.
    auto full = impl_->prepare(
        "SELECT t.lang, t.body FROM item_texts t LEFT JOIN language_chain c"
        " ON c.lang = ?2 AND c.fallback = t.lang WHERE t.item_id = ?1 AND t.body <> ''"
        " ORDER BY c.rank IS NULL, c.rank, t.lang <> ?3, t.lang LIMIT 1");
    if (!full) return full.error();
    full->bind(1, id).bind(2, lang).bind(3, p.language);
    if (full->step()) {
        p.full_text_language = full->text(0);
        p.full_text_markdown = full->text(1);
    }
    if (full->failed()) return impl_->fail(*full);
    return p;
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
    // The source in the visitor's chain when staff wrote it per language, else the one for all.
    s.source = loaded->text.source.empty() ? row->text(1) : loaded->text.source;
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

}  // namespace guichet::content
