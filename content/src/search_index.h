// SPDX-License-Identifier: GPL-3.0-or-later
// The derived part of a store: the FTS5 word index and term_stats, computed from the tables
// alone, so the compiler and a kiosk rebuilding a store from its rows (store_rows.h) make the
// same index from the same rows. Internal to content/.
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/result.h"

namespace guichet::content::search_index {

// Fills `search` and `term_stats` (both empty) from items, item_texts and the per-type tables,
// in item_texts.id order, as one FTS5 segment. Runs its own transactions; the search functions
// (text::register_search_functions) must be registered on `db`. write_word_counts: also sets
// item_texts' title_words and text_words to what the index holds for each row (the compiler;
// a store built from a row image has them from the image, as they were signed).
Result<void> build(sqlite3* db, bool write_word_counts);

// The same derived data kept right while rows change in place, inside the caller's
// transaction, at the cost of the rows changed: the caller lists the ids of every item whose
// rows change in temp.changed_items(id TEXT PRIMARY KEY), then calls remove_changed before
// changing the rows, add_changed after, and finish. The result equals what build() makes from
// the changed rows (the derived tables and every search result), except FTS5's segment layout.
// A row whose search text the changes leave as it was is not indexed again; to know, the old
// texts are kept in memory between the two passes, up to kept_text_budget bytes (rows past it
// are indexed again, as before).
class Update {
  public:
    static Result<Update> start(sqlite3* db, size_t kept_text_budget);
    Result<void> remove_changed(sqlite3* db);
    Result<void> add_changed(sqlite3* db);
    // all_boosts: meta's build_date changed, so any row's rank factor may have.
    Result<void> finish(sqlite3* db, bool all_boosts);
    // Index operations done: rows taken out of the word index and rows put in.
    std::int64_t rows_indexed() const { return rows_; }

  private:
    // What the changed rows add to or take from one word's counts: the rows holding it
    // (term_stats) and, per language position, its vocabulary entry (spell_terms).
    struct WordDelta {
        std::int64_t last_row = -1;  // the row that counted it last: a word counts once a row
        int docs = 0;
        std::vector<int> by_language;
    };
    struct WordHash {
        using is_transparent = void;
        size_t operator()(std::string_view word) const {
            return std::hash<std::string_view>{}(word);
        }
    };
    Result<void> reindex(sqlite3* db, bool add);
    std::vector<std::string> codes_;  // by language position
    // A hash table looked up once per word the tokenizer hands over (a 10 % update: millions):
    // no per-row sort, no ordered tree; finish() orders the few thousand words it writes.
    std::unordered_map<std::string, WordDelta, WordHash, std::equal_to<>> words_;
    struct KeptText {
        std::string title;
        std::string text;
    };
    std::unordered_map<std::int64_t, KeptText> kept_;  // by search rowid
    size_t kept_bytes_ = 0;
    size_t kept_budget_ = 0;
    std::int64_t rows_ = 0;
};

}  // namespace guichet::content::search_index
