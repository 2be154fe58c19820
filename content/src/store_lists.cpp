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
    // list_order holds each (item, key) once with the languages listing it (schema.cpp).
    constexpr const char* kListed =
        "(o.langs >> (SELECT position FROM languages WHERE code = ?8)) & 1";
    auto count = impl_->prepare(
        conditions.empty()
            ? std::string("SELECT COUNT(*) FROM list_order o WHERE o.type = ?1 AND ") + kListed
            : "SELECT COUNT(*) FROM items i WHERE i.type = ?1" + conditions);
    auto ids = impl_->prepare(
        std::string("SELECT o.item_id FROM list_order o JOIN items i ON i.id = o.item_id"
                    " WHERE o.type = ?1 AND ") +
        kListed + conditions + " ORDER BY o.sort_key, o.item_id LIMIT ?9 OFFSET ?10");
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
