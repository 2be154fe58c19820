// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/text_ids.h"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "schema.h"
#include "search_index.h"
#include "sqlite_util.h"
#include "text_search.h"
#include "whole_file.h"

namespace guichet::content {
namespace fs = std::filesystem;
namespace {

// Past this share of unused ids the compiler's dense numbering is taken again: FTS5 stores
// rowid gaps as varints, so a few holes cost nothing, but ids only grow from version to
// version while items come and go.
constexpr std::int64_t kMostIdsPerText = 2;
constexpr std::int64_t kSpareIds = 1024;
// A search rowid is the language's position above bit kLanguageShift: an id must stay below.
constexpr std::int64_t kLargestId = (std::int64_t{1} << (schema::kLanguageShift - 1)) - 1;

std::string text_key(const std::string& item, const std::string& lang) {
    return item + '\0' + lang;
}

struct TextIdMove {
    std::int64_t compiled_id;
    std::int64_t id;
};

// Whether `path` is a store with texts at all; an error if it is not an SQLite file.
Result<bool> holds_texts(const fs::path& path) {
    auto db = sql::open(path, SQLITE_OPEN_READONLY);
    if (!db) return db.error();
    auto table = sql::Statement::prepare(
        db->get(), "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'item_texts'");
    if (!table) return make_error(path.string() + ": " + table.message());
    const bool found = table->step();
    if (table->failed()) return make_error(path.string() + ": " + table->last_error());
    return found;
}

Result<std::optional<TextIdReport>> copy_unguarded(const fs::path& store, const fs::path& previous,
                                                   const fs::path& out) {
    for (const auto* path : {&store, &previous}) {
        auto texts = holds_texts(*path);
        if (!texts) return texts.error();
        if (!*texts) return std::optional<TextIdReport>();
    }
    std::unordered_map<std::string, std::int64_t> previous_ids;
    std::int64_t previous_largest = 0;
    {
        auto db = sql::open(previous, SQLITE_OPEN_READONLY);
        if (!db) return db.error();
        auto rows = sql::Statement::prepare(db->get(), "SELECT item_id, lang, id FROM item_texts");
        if (!rows) return make_error(previous.string() + ": " + rows.message());
        while (rows->step()) {
            const std::int64_t id = rows->integer(2);
            previous_ids.emplace(text_key(rows->text(0), rows->text(1)), id);
            previous_largest = std::max(previous_largest, id);
        }
        if (rows->failed()) return make_error(previous.string() + ": " + rows->last_error());
    }

    std::error_code ignored;
    fs::remove(out, ignored);
    TextIdReport report;
    std::vector<TextIdMove> texts;
    {
        auto db = sql::open(store, SQLITE_OPEN_READONLY);
        if (!db) return db.error();
        auto rows = sql::Statement::prepare(db->get(),
                                            "SELECT id, item_id, lang FROM item_texts ORDER BY id");
        if (!rows) return make_error(store.string() + ": " + rows.message());
        std::int64_t next = previous_largest;
        while (rows->step()) {
            TextIdMove t{rows->integer(0), 0};
            auto was = previous_ids.find(text_key(rows->text(1), rows->text(2)));
            if (was != previous_ids.end()) {
                t.id = was->second;
                ++report.kept;
            } else {
                t.id = ++next;
                ++report.added;
            }
            if (t.id != t.compiled_id) ++report.moved;
            texts.push_back(t);
        }
        if (rows->failed()) return make_error(store.string() + ": " + rows->last_error());
        report.removed = static_cast<std::int64_t>(previous_ids.size()) - report.kept;
        const auto count = static_cast<std::int64_t>(texts.size());
        if (next > kLargestId) {
            report.renumbered = true;
            report.why = "text ids would pass " + std::to_string(kLargestId);
        } else if (next > kMostIdsPerText * count + kSpareIds) {
            report.renumbered = true;
            report.why = "the previous ids would leave " + std::to_string(next - count) +
                         " unused ids for " + std::to_string(count) + " texts";
        }
    }
    if (report.renumbered) {
        report.moved = 0;
        return std::optional(report);
    }
    if (report.moved == 0) return std::optional(report);

    {
        auto db = sql::open(store, SQLITE_OPEN_READONLY);
        if (!db) return db.error();
        auto copy = sql::Statement::prepare(db->get(), "VACUUM INTO ?1");
        if (!copy) return make_error(store.string() + ": " + copy.message());
        copy->bind(1, out.string());
        if (auto c = copy->run(); !c) return make_error(out.string() + ": " + c.message());
    }
    auto db = sql::open(out, SQLITE_OPEN_READWRITE);
    if (!db) return db.error();
    sqlite3* d = db->get();
    if (auto t = text::register_search_functions(d); !t) return t.error();
    // A new file nobody reads until the caller has checked it: no journal.
    if (auto p = sql::exec(d,
                           "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                           " PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -65536;"
                           " PRAGMA temp_store = MEMORY;");
        !p)
        return p.error();

    // Old ids made negative first, so that no new id meets one not yet moved.
    if (auto r = sql::exec(d,
                           "BEGIN;"
                           "INSERT INTO search(search) VALUES('delete-all');"
                           "DELETE FROM term_stats; DELETE FROM spell_terms;"
                           "DELETE FROM spell_keys; DELETE FROM search_boost;"
                           "UPDATE item_texts SET id = -1 - id;");
        !r)
        return make_error(out.string() + ": " + r.message());
    auto move = sql::Statement::prepare(d, "UPDATE item_texts SET id = ?2 WHERE id = ?1");
    if (!move) return make_error(out.string() + ": " + move.message());
    for (const TextIdMove& t : texts) {
        move->reset();
        if (auto r = move->bind(1, -1 - t.compiled_id).bind(2, t.id).run(); !r)
            return make_error(out.string() + ": " + r.message());
    }
    if (auto r = sql::exec(d, "COMMIT"); !r) return make_error(out.string() + ": " + r.message());
    if (auto b = search_index::build(d, /*write_word_counts=*/false); !b)
        return make_error(out.string() + ": search index: " + b.message());
    if (sqlite3_close_v2(db->release()) != SQLITE_OK)
        return make_error(out.string() + ": cannot close");
    return std::optional(report);
}

}  // namespace

Result<std::optional<TextIdReport>> copy_keeping_text_ids(const fs::path& store,
                                                          const fs::path& previous,
                                                          const fs::path& out) {
    return written_whole(out, [&] { return copy_unguarded(store, previous, out); });
}

}  // namespace guichet::content
