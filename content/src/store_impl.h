// SPDX-License-Identifier: GPL-3.0-or-later
// What a ContentStore holds once open: the connection, its prepared statements, the meta
// figures read at open and every language's fallback chain. Shared by the store's parts
// (store.cpp: opening and the set's shape; store_items.cpp: one item; store_lists.cpp:
// lists and filters; store_search.cpp: search). Internal to content/.
#pragma once

#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/store.h"
#include "sqlite_util.h"

namespace guichet::content {

namespace store_detail {

inline std::optional<std::int64_t> to_count(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

}  // namespace store_detail

struct ContentStore::Impl {
    sql::DbHandle db;
    std::string name;
    std::string base_language;
    std::vector<std::string> language_order;
    std::int64_t text_rows = 0;  // rows of item_texts: N in the search's IDF
    std::map<std::string, std::string, std::less<>> meta;    // read once at open
    std::map<std::string, std::vector<std::string>> chains;  // lang → lang, fallbacks…, base
    // Every list's items in order, by (type, language), computed at the first list of a
    // type (store_lists.cpp), for the types in types_ordered.
    mutable std::map<std::pair<std::string, std::string>, std::vector<std::string>> list_orders;
    mutable std::set<std::string> types_ordered;
    const std::vector<std::string> no_items{};

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
            if (auto value = store_detail::to_count(it->second)) return *value;
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

namespace store_detail {

struct TextRow {
    std::string title, summary, body, extra, source;
};

inline std::vector<std::string> split(const std::string& s, char separator) {
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

// The header, plus the item's kind/country/city/date and its text in every language.
struct Loaded {
    ItemHeader header;
    std::string kind, country, city, date;
    TextRow text;  // resolved along the chain, field by field
};

// Reads one item's header and its texts resolved along `lang`'s chain; `expected` refuses an
// item of another type.
Result<Loaded> load_item(const ContentStore::Impl& impl, std::string_view id, std::string_view lang,
                         std::optional<ItemType> expected);

}  // namespace store_detail

}  // namespace guichet::content
