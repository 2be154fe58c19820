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
// language's chain (an institution without one: its official name), computed at the first
// read of that list and kept for the store's life (its content never changes under an open
// store: it reads one snapshot). No table holds the order: one keyed by title scattered every
// retitled item through its pages, most of what a small in-place update rewrote (schema 7).
Result<const std::vector<std::string>*> list_order(const ContentStore::Impl& impl, ItemType type,
                                                   const std::string& resolved) {
    const std::pair<std::string, std::string> key{std::string(to_string(type)), resolved};
    if (auto it = impl.list_orders.find(key); it != impl.list_orders.end()) return &it->second;
    const auto& chain = impl.chain(resolved);
    std::string query = "SELECT i.id, i.date, coalesce(";
    for (size_t k = 0; k < chain.size(); ++k)
        query += "(SELECT t.title FROM item_texts t WHERE t.item_id = i.id AND t.lang = ?" +
                 std::to_string(k + 2) + " AND t.title <> ''), ";
    query += "(SELECT n.official_name FROM institutions n WHERE n.id = i.id), '') "
             "FROM items i WHERE i.type = ?1";
    auto stmt = impl.prepare(query);
    if (!stmt) return stmt.error();
    stmt->bind(1, key.first);
    for (size_t k = 0; k < chain.size(); ++k) stmt->bind(static_cast<int>(k + 2), chain[k]);
    const bool news = type == ItemType::news;
    std::vector<std::pair<std::string, std::string>> keyed;  // sort key, item id
    while (stmt->step())
        keyed.emplace_back(list_sort_key(news, news ? stmt->text(1) : std::string(),
                                         text::fold(stmt->text(2))),
                           stmt->text(0));
    if (stmt->failed()) return impl.fail(*stmt);
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::string> ids;
    ids.reserve(keyed.size());
    for (auto& entry : keyed) ids.push_back(std::move(entry.second));
    return &impl.list_orders.emplace(key, std::move(ids)).first->second;
}

}  // namespace

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

}  // namespace guichet::content
