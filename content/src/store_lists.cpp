// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/store.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>
#include <utility>

#include "markdown.h"
#include "schema.h"
#include "sqlite_util.h"
#include "store_impl.h"
#include "text_search.h"

namespace guichet::content {
namespace fs = std::filesystem;
using namespace store_detail;

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

// The key list screens sort on, then item id: news newest first (each digit of the YYYY-MM-DD
// date replaced by 9 minus it, so ascending order is newest first; no date after every date),
// then the title the language shows, folded. 0x1f ends the date part: below any letter.
std::string list_sort_key(bool news, const std::string& date, const std::string& folded_title) {
    std::string key;
    if (news) {
        for (char c : date) key += (c >= '0' && c <= '9') ? static_cast<char>('9' - (c - '0')) : c;
        if (date.empty()) key += '~';
        key += '\x1f';
    }
    return key + folded_title;
}

// Every item of `type` in the order a list in `resolved` shows them: by the title along the
// language's chain (an institution without one: its official name). No table holds the order:
// one keyed by title scattered every retitled item through its pages, most of what a small
// in-place update rewrote (schema 7). It is computed at the first list of a type, for every
// language at once (an item's texts are neighbours on disk: the page read for one language
// serves them all), and kept for the store's life (an open store reads one snapshot: its
// content never changes under it). One pass over every title of the store for all types at
// once cost more for the first list (1.4 s against 0.5 s for 35,000 institutions).
Result<const std::vector<std::string>*> list_order(const ContentStore::Impl& impl, ItemType type,
                                                   const std::string& resolved) {
    const std::string type_name(to_string(type));
    auto found = [&]() -> const std::vector<std::string>* {
        auto it = impl.list_orders.find({type_name, resolved});
        return it == impl.list_orders.end() ? &impl.no_items : &it->second;
    };
    if (impl.types_ordered.count(type_name)) return found();
    const auto& languages = impl.language_order;
    auto language_index = [&](std::string_view code) -> int {
        for (size_t l = 0; l < languages.size(); ++l)
            if (languages[l] == code) return static_cast<int>(l);
        return -1;
    };
    std::vector<std::vector<int>> chains;  // each language's chain, as indexes
    for (const auto& lang : languages) {
        chains.emplace_back();
        for (const auto& fallback : impl.chain(lang))
            if (int l = language_index(fallback); l >= 0) chains.back().push_back(l);
    }
    auto rows = impl.prepare(
        "SELECT i.id, i.date, coalesce(n.official_name, ''), t.lang, t.title FROM items i"
        " LEFT JOIN institutions n ON n.id = i.id"
        " LEFT JOIN item_texts t ON t.item_id = i.id AND t.title <> ''"
        " WHERE i.type = ?1 ORDER BY i.id");
    if (!rows) return rows.error();
    rows->bind(1, type_name);
    const bool news = type == ItemType::news;
    using Entry = std::pair<std::string, std::string>;  // sort key, item id
    std::vector<std::vector<Entry>> keyed(languages.size());
    std::string id, date, official;
    std::vector<std::string> titles(languages.size());  // this item's, by language index
    std::vector<std::pair<const std::string*, std::string>> folded;  // each title folded once
    auto flush = [&] {
        folded.clear();
        for (size_t l = 0; l < languages.size(); ++l) {
            const std::string* title = &official;
            for (int fallback : chains[l])
                if (!titles[static_cast<size_t>(fallback)].empty()) {
                    title = &titles[static_cast<size_t>(fallback)];
                    break;
                }
            auto f = std::find_if(folded.begin(), folded.end(),
                                  [&](const auto& x) { return x.first == title; });
            if (f == folded.end()) {
                folded.emplace_back(title, text::fold(*title));
                f = folded.end() - 1;
            }
            keyed[l].emplace_back(news ? list_sort_key(true, date, f->second) : f->second, id);
        }
        for (auto& t : titles) t.clear();
    };
    bool any = false;
    while (rows->step()) {
        std::string row_id = rows->text(0);
        if (!any || row_id != id) {
            if (any) flush();
            any = true;
            id = std::move(row_id);
            date = rows->text(1);
            official = rows->text(2);
        }
        if (rows->is_null(3)) continue;
        if (int l = language_index(rows->text(3)); l >= 0)
            titles[static_cast<size_t>(l)] = rows->text(4);
    }
    if (rows->failed()) return impl.fail(*rows);
    if (any) flush();
    for (size_t l = 0; l < languages.size(); ++l) {
        std::sort(keyed[l].begin(), keyed[l].end());
        std::vector<std::string> ids;
        ids.reserve(keyed[l].size());
        for (auto& entry : keyed[l]) ids.push_back(std::move(entry.second));
        impl.list_orders[{type_name, languages[l]}] = std::move(ids);
    }
    impl.types_ordered.insert(type_name);
    return found();
}

}  // namespace

Result<void> ContentStore::prepare_lists() const {
    const std::string& base = impl_->chain(impl_->base_language).front();
    for (ItemType type : kAllItemTypes)
        if (auto order = list_order(*impl_, type, base); !order) return order.error();
    return {};
}

Result<ItemPage> ContentStore::list(ItemType type, std::string_view lang, const ItemFilter& filter,
                                    PageRequest page) const {
    const std::string& resolved = impl_->chain(lang).front();
    auto order = list_order(*impl_, type, resolved);
    if (!order) return order.error();
    const std::vector<std::string>& ids = **order;
    ItemPage result;
    const auto offset = static_cast<size_t>(std::max<std::int64_t>(page.offset, 0));
    const auto limit = static_cast<size_t>(std::clamp<std::int64_t>(page.limit, 0, 1000));
    std::vector<std::string> page_ids;
    const std::string conditions = filter_conditions(filter);
    if (conditions.empty()) {
        result.total = static_cast<std::int64_t>(ids.size());
        for (size_t i = offset; i < ids.size() && page_ids.size() < limit; ++i)
            page_ids.push_back(ids[i]);
    } else {
        // The filter picks the items, the list's order places them.
        auto matching = impl_->prepare("SELECT i.id FROM items i WHERE i.type = ?1" + conditions);
        if (!matching) return matching.error();
        bind_filter(*matching, type, filter);
        std::unordered_set<std::string> picked;
        while (matching->step()) picked.insert(matching->text(0));
        if (matching->failed()) return impl_->fail(*matching);
        result.total = static_cast<std::int64_t>(picked.size());
        size_t seen = 0;
        for (const auto& id : ids) {
            if (page_ids.size() >= limit) break;
            if (!picked.count(id)) continue;
            if (seen++ >= offset) page_ids.push_back(id);
        }
    }
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
        "SELECT title, summary, body, extra, source FROM item_texts WHERE lang = ?1 ORDER BY id");
    auto categories =
        impl_->prepare("SELECT title FROM category_titles WHERE lang = ?1 ORDER BY category_id");
    auto names = impl_->prepare("SELECT native_name FROM languages ORDER BY position");
    if (!texts) return texts.error();
    if (!categories) return categories.error();
    if (!names) return names.error();
    texts->bind(1, lang);
    while (texts->step())
        for (int column = 0; column < 5; ++column) {
            std::string text = texts->text(column);
            if (!text.empty()) visit(text);
        }
    if (texts->failed()) return impl_->fail(*texts);
    categories->bind(1, lang);
    while (categories->step()) visit(categories->text(0));
    while (names->step()) visit(names->text(0));
    auto codes = impl_->prepare("SELECT name FROM code_names WHERE lang = ?1 ORDER BY field, code");
    if (!codes) return codes.error();
    codes->bind(1, lang);
    while (codes->step()) visit(codes->text(0));
    if (codes->failed()) return impl_->fail(*codes);
    return {};
}

Result<std::vector<CodeName>> ContentStore::code_names() const {
    auto stmt = impl_->prepare(
        "SELECT field, code, lang, name FROM code_names ORDER BY field, code, lang");
    if (!stmt) return stmt.error();
    std::vector<CodeName> out;
    while (stmt->step()) {
        if (out.size() >= kMaxCodeNames)
            return make_error(impl_->name + ": more than " + std::to_string(kMaxCodeNames) +
                              " code names (a broken store)");
        out.push_back({stmt->text(0), stmt->text(1), stmt->text(2), stmt->text(3)});
    }
    if (stmt->failed()) return impl_->fail(*stmt);
    return out;
}

}  // namespace guichet::content
