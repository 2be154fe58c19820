// SPDX-License-Identifier: GPL-3.0-or-later
#include "search_index.h"

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "markdown.h"
#include "schema.h"
#include "spelling.h"
#include "sqlite_util.h"
#include "text_search.h"

namespace guichet::content::search_index {
namespace {

// Everything a visitor may search for in one language of an item, as one text: the order and
// the fields are part of what search ranks on, so they are defined here only.
// Column 0 is the row's search rowid: its language's position << 32 | item_texts.id (the
// sequence that keeps an item's texts together on disk), so each language is one rowid range.
static_assert(schema::kLanguageShift == 32);
constexpr const char* kIndexRows = R"sql(
SELECT (lp.position << 32) | t.id,
       CASE WHEN t.title <> '' THEN t.title
            ELSE coalesce((SELECT b.title FROM item_texts b
                           WHERE b.item_id = t.item_id
                             AND b.lang = (SELECT value FROM meta WHERE key = 'base_language')),
                          i.official_name, '') END
       || coalesce(' ' || (SELECT group_concat(value, ' ') FROM
                              (SELECT value FROM item_values v
                               WHERE v.item_id = t.item_id AND v.field = 'other_name'
                               ORDER BY v.position)), ''),
       t.summary, t.body, t.extra, t.source,
       coalesce(i.official_name, ''), coalesce(i.address, ''), it.city,
       coalesce(p.sector, ''), coalesce(p.season, ''), coalesce(c.theme, ''),
       coalesce(l.official_reference, ''), coalesce(s.source, ''),
       coalesce(pb.authors || ' ' || pb.publisher, ''),
       coalesce((SELECT group_concat(n.name, ' ') FROM code_names n
                 WHERE n.lang = t.lang AND (
                       (n.field = 'sector' AND n.code = p.sector)
                    OR (n.field = 'theme' AND n.code = c.theme)
                    OR (n.field = 'unit' AND n.code = s.unit)
                    OR (n.field = CASE it.type WHEN 'institution' THEN 'kind'
                                               WHEN 'programme' THEN 'programme'
                                               WHEN 'legislation' THEN 'law'
                                               WHEN 'cooperation' THEN 'direction'
                                               WHEN 'publication' THEN 'publication'
                                               WHEN 'news' THEN 'news' END
                        AND n.code = it.kind)
                    OR (n.field = 'service' AND n.code IN
                          (SELECT v.value FROM item_values v
                           WHERE v.item_id = t.item_id AND v.field = 'service')))), ''),
       coalesce((SELECT group_concat(value, ' ') FROM
                    (SELECT value FROM item_values v
                     WHERE v.item_id = t.item_id AND v.field = 'tag' ORDER BY v.position)), '')
FROM item_texts t
JOIN languages lp ON lp.code = t.lang
JOIN items it ON it.id = t.item_id
LEFT JOIN institutions i ON i.id = t.item_id
LEFT JOIN programmes p ON p.id = t.item_id
LEFT JOIN cooperation c ON c.id = t.item_id
LEFT JOIN legislation l ON l.id = t.item_id
LEFT JOIN statistics_series s ON s.id = t.item_id
LEFT JOIN publications pb ON pb.id = t.item_id
)sql";
// The items an in-place update touches (store_changes.cpp fills it).
constexpr const char* kChangedItems = "temp.changed_items";

// The derived tables may be missing from a store rebuilt from an older row image.
constexpr const char* kDerivedTables = R"sql(
CREATE TABLE IF NOT EXISTS spell_terms(
    lang TEXT NOT NULL, term TEXT NOT NULL, docs INTEGER NOT NULL,
    PRIMARY KEY(lang, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS spell_keys(
    key TEXT NOT NULL, lang TEXT NOT NULL, term TEXT NOT NULL,
    PRIMARY KEY(key, lang, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_boost(id INTEGER PRIMARY KEY, boost REAL NOT NULL);
)sql";

// Rank factors fixed when the store is built, from its own dates: a row whose item was last
// reviewed (news: dated) more than a year before the set's newest review is stale; an item
// staff tag `essential` gets a small lift. Relative to the set, not to today, so a kiosk that
// has been offline a while ranks the same as the day it synced.
constexpr const char* kBoostRows = R"sql(
SELECT (lp.position << 32) | t.id AS id,
       (CASE WHEN julianday(CASE WHEN i.type = 'news' AND i.date <> '' THEN i.date
                                 ELSE i.reviewed END)
                  < julianday((SELECT value FROM meta WHERE key = 'build_date')) - 365
             THEN 0.8 ELSE 1.0 END)
     * (CASE WHEN EXISTS(SELECT 1 FROM item_values v WHERE v.item_id = t.item_id
                         AND v.field = 'tag' AND v.value = 'essential')
             THEN 1.2 ELSE 1.0 END) AS boost
FROM item_texts t JOIN languages lp ON lp.code = t.lang JOIN items i ON i.id = t.item_id
WHERE boost <> 1.0
)sql";

// Segments the word index may hold before FTS5 merges them all into one (its crisis merge:
// one rewrite of the whole index). In-place updates add one each and never merge (build()).
constexpr int kCrisisMerge = 64;

// The indexed text of one row of kIndexRows.
void index_text(const sql::Statement& row, std::string& text) {
    text.clear();
    auto add = [&](const std::string& part) {
        if (part.empty()) return;
        if (!text.empty()) text += '\n';
        text += part;
    };
    add(row.text(2));
    add(markdown::scan(row.text(3)).plain);
    for (int column = 4; column <= 16; ++column) add(row.text(column));
}

// A word worth offering as a correction: three letters or more, no digits.
bool spellable(std::string_view term) {
    if (spelling::letters(term) < 3) return false;
    return std::none_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Writes spell_terms and spell_keys from each language's vocabulary.
Result<void> write_spelling(
    sqlite3* db, const std::vector<std::string>& codes,
    const std::vector<std::unordered_map<std::string, int>>& vocabulary) {
    auto term = sql::Statement::prepare(
        db, "INSERT INTO spell_terms(lang, term, docs) VALUES(?1, ?2, ?3)");
    auto key = sql::Statement::prepare(
        db, "INSERT OR IGNORE INTO spell_keys(key, lang, term) VALUES(?1, ?2, ?3)");
    if (!term) return term.error();
    if (!key) return key.error();
    for (size_t position = 0; position < vocabulary.size() && position < codes.size();
         ++position) {
        std::vector<std::pair<std::string, int>> sorted(vocabulary[position].begin(),
                                                        vocabulary[position].end());
        std::sort(sorted.begin(), sorted.end());
        for (const auto& [word, docs] : sorted) {
            term->reset();
            term->bind(1, codes[position]).bind(2, word).bind(3, static_cast<std::int64_t>(docs));
            if (auto r = term->run(); !r) return r;
            if (!spellable(word)) continue;
            const std::string sound = spelling::phonetic_key(word);
            const size_t n = spelling::letters(sound);
            const int edits = n >= 8 ? 2 : n >= 4 ? 1 : 0;
            for (const std::string& deleted : spelling::deletions(sound, edits)) {
                key->reset();
                key->bind(1, deleted).bind(2, codes[position]).bind(3, word);
                if (auto r = key->run(); !r) return r;
            }
        }
    }
    return {};
}

}  // namespace

Result<void> build(sqlite3* db, bool write_word_counts) {
    if (auto r = sql::exec(db, kDerivedTables); !r) return r;
    std::vector<std::string> codes;       // by language position
    std::vector<std::int64_t> positions;  // every language's, in order
    {
        auto languages =
            sql::Statement::prepare(db, "SELECT code, position FROM languages ORDER BY position");
        if (!languages) return languages.error();
        while (languages->step()) {
            positions.push_back(languages->integer(1));
            auto position = static_cast<size_t>(languages->integer(1));
            if (position >= static_cast<size_t>(schema::kMaxLanguages)) continue;
            if (codes.size() <= position) codes.resize(position + 1);
            codes[position] = languages->text(0);
        }
    }
    // Every word FTS5 indexes, counted once per text row, per language: the tokenizer hands
    // them over as it indexes (text::set_token_sink), so the text is broken into words once.
    std::vector<std::unordered_map<std::string, int>> vocabulary(codes.size());
    std::vector<std::string> row_words;
    const std::function<void(std::string_view)> sink = [&](std::string_view word) {
        row_words.emplace_back(word);
    };
    struct SinkGuard {
        ~SinkGuard() { text::set_token_sink(nullptr); }
    } guard;
    text::set_token_sink(&sink);

    // The whole index is held in memory and written once, as one segment, at COMMIT: no
    // merges, no free pages, no VACUUM. Rows arrive in rowid order, which FTS5 needs for that:
    // one language after the other (item_texts itself is in item order).
    if (auto r = sql::exec(db, "INSERT INTO search(search, rank) VALUES('hashsize', 1073741824)");
        !r)
        return r;
    // Each in-place update adds one small segment (its rows' old words deleted, new ones
    // added). FTS5's automatic merging (automerge 4) would merge them with this store's one
    // big segment, all on level 0, rewriting the whole word index (~60 MB of the 100,000-item
    // store) every few updates, spread over those updates: measured over consecutive 1 %
    // updates, 25-36 MB written per update from the third on, 210 MB at the eighth, where
    // without merging each writes 19.6 MB. So updates never merge; only a crisis merge does,
    // once kCrisisMerge segments pile up, and a full download starts over with one segment.
    if (auto r = sql::exec(db, ("INSERT INTO search(search, rank) VALUES('automerge', 0);"
                                "INSERT INTO search(search, rank) VALUES('crisismerge', " +
                                std::to_string(kCrisisMerge) + ");")
                                   .c_str());
        !r)
        return r;
    if (auto r = sql::exec(db, "BEGIN"); !r) return r;
    auto rows = sql::Statement::prepare(
        db, std::string(kIndexRows) + " WHERE lp.position = ?1 ORDER BY t.id");
    if (!rows) return rows.error();
    auto insert =
        sql::Statement::prepare(db, "INSERT INTO search(rowid, title, text) VALUES(?1, ?2, ?3)");
    if (!insert) return insert.error();
    std::string text;
    struct WordCounts {
        std::int64_t id, title, text;
    };
    std::vector<WordCounts> counts;
    for (const std::int64_t language : positions) {
        rows->reset();
        rows->bind(1, language);
        while (rows->step()) {
            index_text(*rows, text);
            insert->reset();
            const std::int64_t rowid = rows->integer(0);
            const std::string title = rows->text(1);
            insert->bind(1, rowid).bind(2, title).bind(3, text);
            row_words.clear();
            if (auto r = insert->run(); !r) return r;
            if (write_word_counts) {
                // The sink saw every word of both columns, the title's first; FTS5 counts a
                // column's length in the same words.
                std::int64_t title_words = 0;
                text::for_each_word(title, [&](std::string_view, int, int) { ++title_words; });
                counts.push_back({rowid & 0xffffffff, title_words,
                                  static_cast<std::int64_t>(row_words.size()) - title_words});
            }
            const auto position = static_cast<size_t>(rowid >> schema::kLanguageShift);
            if (position < vocabulary.size()) {
                std::sort(row_words.begin(), row_words.end());
                row_words.erase(std::unique(row_words.begin(), row_words.end()), row_words.end());
                for (const std::string& word : row_words) ++vocabulary[position][word];
            }
        }
        if (rows->failed()) return make_error("search index: " + rows->last_error());
    }
    text::set_token_sink(nullptr);
    if (auto r = sql::exec(db, "COMMIT"); !r) return r;
    if (auto r = sql::exec(db, "BEGIN"); !r) return r;
    if (write_word_counts) {
        auto put = sql::Statement::prepare(
            db, "UPDATE item_texts SET title_words = ?2, text_words = ?3 WHERE id = ?1 "
                "AND (title_words <> ?2 OR text_words <> ?3)");
        if (!put) return put.error();
        for (const WordCounts& c : counts) {
            put->reset();
            if (auto r = put->bind(1, c.id).bind(2, c.title).bind(3, c.text).run(); !r) return r;
        }
    }
    if (auto r = write_spelling(db, codes, vocabulary); !r) return r;
    if (auto r = sql::exec(
            db, ("INSERT INTO search_boost(id, boost) " + std::string(kBoostRows) + " ORDER BY 1")
                    .c_str());
        !r)
        return r;
    if (auto r = sql::exec(db, "COMMIT"); !r) return r;
    return sql::exec(db,
                     "BEGIN;"
                     "CREATE VIRTUAL TABLE temp.search_terms USING fts5vocab(main, search, row);"
                     "INSERT INTO term_stats(term, docs) SELECT term, doc FROM temp.search_terms;"
                     "DROP TABLE temp.search_terms;"
                     "COMMIT;");
}

Result<Update> Update::start(sqlite3* db, size_t kept_text_budget) {
    Update u;
    u.kept_budget_ = kept_text_budget;
    auto languages = sql::Statement::prepare(db, "SELECT code, position FROM languages");
    if (!languages) return languages.error();
    while (languages->step()) {
        auto position = static_cast<size_t>(languages->integer(1));
        if (position >= static_cast<size_t>(schema::kMaxLanguages)) continue;
        if (u.codes_.size() <= position) u.codes_.resize(position + 1);
        u.codes_[position] = languages->text(0);
    }
    if (languages->failed()) return make_error("search index: " + languages->last_error());
    if (auto r = sql::exec(db,
                           "CREATE TEMP TABLE IF NOT EXISTS changed_rows(id INTEGER PRIMARY KEY);"
                           "DELETE FROM temp.changed_rows;");
        !r)
        return r.error();
    return u;
}

// FTS5 hands every word it indexes (or un-indexes: a contentless 'delete' tokenizes the old
// text) to the sink; each word counts once per text row, as build() counts them.
// Before the changes (remove pass) each changed item's rows are read and their search texts
// kept; after them (add pass) a row whose title and text came out the same is left alone:
// a reviewed date, a phone number or a map position changes an item's rows but not what
// search finds, and re-indexing it would cost two tokenizations and a share of a new index
// segment on disk. Texts past the memory budget are taken out at once, as they must be while
// the old rows can still be read.
Result<void> Update::reindex(sqlite3* db, bool add) {
    auto rows = sql::Statement::prepare(db, std::string(kIndexRows) +
                                                " WHERE t.item_id IN (SELECT id FROM " +
                                                kChangedItems + ") ORDER BY 1");
    if (!rows) return rows.error();
    auto insert =
        sql::Statement::prepare(db, "INSERT INTO search(rowid, title, text) VALUES(?1, ?2, ?3)");
    if (!insert) return insert.error();
    auto remove = sql::Statement::prepare(
        db, "INSERT INTO search(search, rowid, title, text) VALUES('delete', ?1, ?2, ?3)");
    if (!remove) return remove.error();
    auto seen = sql::Statement::prepare(db, "INSERT OR IGNORE INTO temp.changed_rows(id) VALUES(?1)");
    if (!seen) return seen.error();
    int sign = 1;
    std::int64_t row = 0;
    size_t position = 0;
    const size_t languages = codes_.size();
    const std::function<void(std::string_view)> sink = [&](std::string_view word) {
        auto found = words_.find(word);
        if (found == words_.end()) found = words_.emplace(std::string(word), WordDelta{}).first;
        WordDelta& delta = found->second;
        if (delta.last_row == row) return;
        delta.last_row = row;
        delta.docs += sign;
        if (position < languages) {
            if (delta.by_language.empty()) delta.by_language.resize(languages);
            delta.by_language[position] += sign;
        }
    };
    struct SinkGuard {
        ~SinkGuard() { text::set_token_sink(nullptr); }
    } guard;
    text::set_token_sink(&sink);
    // Each index operation is its own row for the counts: a row taken out and put back in
    // counts -1 then +1.
    auto index = [&](sql::Statement& st, std::int64_t rowid, const std::string& title,
                     const std::string& text, int how) -> Result<void> {
        sign = how;
        row = rows_++;
        position = static_cast<size_t>(rowid >> schema::kLanguageShift);
        st.reset();
        st.bind(1, rowid).bind(2, title).bind(3, text);
        return st.run();
    };
    std::string title;
    std::string text;
    while (rows->step()) {
        const std::int64_t rowid = rows->integer(0);
        title = rows->text(1);
        index_text(*rows, text);
        seen->reset();
        if (auto r = seen->bind(1, rowid).run(); !r) return r;
        if (!add) {
            const size_t bytes = title.size() + text.size();
            if (kept_bytes_ + bytes <= kept_budget_) {
                kept_bytes_ += bytes;
                kept_.insert_or_assign(rowid, KeptText{title, text});
            } else if (auto r = index(*remove, rowid, title, text, -1); !r) {
                return r;
            }
            continue;
        }
        if (auto old = kept_.find(rowid); old != kept_.end()) {
            const bool same = old->second.title == title && old->second.text == text;
            if (!same) {
                if (auto r = index(*remove, rowid, old->second.title, old->second.text, -1); !r)
                    return r;
            }
            kept_.erase(old);
            if (same) continue;
        }
        if (auto r = index(*insert, rowid, title, text, 1); !r) return r;
    }
    if (rows->failed()) return make_error("search index: " + rows->last_error());
    if (add) {
        // What is left was kept from rows the changes deleted.
        std::vector<std::int64_t> gone;
        gone.reserve(kept_.size());
        for (const auto& entry : kept_) gone.push_back(entry.first);
        std::sort(gone.begin(), gone.end());
        for (std::int64_t rowid : gone) {
            const KeptText& old = kept_.at(rowid);
            if (auto r = index(*remove, rowid, old.title, old.text, -1); !r) return r;
        }
        kept_.clear();
        kept_bytes_ = 0;
    }
    return {};
}

Result<void> Update::remove_changed(sqlite3* db) {
    return reindex(db, false);
}

Result<void> Update::add_changed(sqlite3* db) {
    return reindex(db, true);
}

Result<void> Update::finish(sqlite3* db, bool all_boosts) {
    auto get_term = sql::Statement::prepare(db, "SELECT docs FROM term_stats WHERE term = ?1");
    auto put_term =
        sql::Statement::prepare(db, "INSERT OR REPLACE INTO term_stats(term, docs) VALUES(?1, ?2)");
    auto drop_term = sql::Statement::prepare(db, "DELETE FROM term_stats WHERE term = ?1");
    if (!get_term) return get_term.error();
    if (!put_term) return put_term.error();
    if (!drop_term) return drop_term.error();
    // In word order, as the tables are keyed: each statement finds its page near the last one.
    std::vector<const std::pair<const std::string, WordDelta>*> changed;
    changed.reserve(words_.size());
    for (const auto& entry : words_) changed.push_back(&entry);
    std::sort(changed.begin(), changed.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
    for (const auto* entry : changed) {
        const std::string& term = entry->first;
        const int delta = entry->second.docs;
        if (delta == 0) continue;
        get_term->reset();
        get_term->bind(1, term);
        const std::int64_t before = get_term->step() ? get_term->integer(0) : 0;
        const std::int64_t after = before + delta;
        if (after < 0)
            return make_error("search index: the word counts are out of step with the rows ('" +
                              term + "')");
        auto& st = after == 0 ? *drop_term : *put_term;
        st.reset();
        st.bind(1, term);
        if (after > 0) st.bind(2, after);
        if (auto r = st.run(); !r) return r;
    }

    auto get = sql::Statement::prepare(db, "SELECT docs FROM spell_terms WHERE lang = ?1 AND term = ?2");
    auto put = sql::Statement::prepare(
        db, "INSERT OR REPLACE INTO spell_terms(lang, term, docs) VALUES(?1, ?2, ?3)");
    auto drop = sql::Statement::prepare(db, "DELETE FROM spell_terms WHERE lang = ?1 AND term = ?2");
    auto add_key = sql::Statement::prepare(
        db, "INSERT OR IGNORE INTO spell_keys(key, lang, term) VALUES(?1, ?2, ?3)");
    auto drop_key = sql::Statement::prepare(
        db, "DELETE FROM spell_keys WHERE key = ?1 AND lang = ?2 AND term = ?3");
    for (auto* st : {&get, &put, &drop, &add_key, &drop_key})
        if (!*st) return st->error();
    for (size_t position = 0; position < codes_.size(); ++position) {
        for (const auto* entry : changed) {
            const std::vector<int>& by_language = entry->second.by_language;
            const int delta = position < by_language.size() ? by_language[position] : 0;
            if (delta == 0) continue;
            const std::string& lang = codes_[position];
            const std::string& word = entry->first;
            get->reset();
            get->bind(1, lang).bind(2, word);
            const std::int64_t before = get->step() ? get->integer(0) : 0;
            const std::int64_t after = before + delta;
            if (after < 0)
                return make_error("search index: the vocabulary is out of step with the rows ('" +
                                  word + "')");
            if (after > 0) {
                put->reset();
                if (auto r = put->bind(1, lang).bind(2, word).bind(3, after).run(); !r) return r;
            } else {
                drop->reset();
                if (auto r = drop->bind(1, lang).bind(2, word).run(); !r) return r;
            }
            // Only a word that appears or disappears changes the spelling index.
            if ((before == 0) == (after == 0) || !spellable(word)) continue;
            const std::string sound = spelling::phonetic_key(word);
            const size_t n = spelling::letters(sound);
            const int edits = n >= 8 ? 2 : n >= 4 ? 1 : 0;
            auto& key = after > 0 ? *add_key : *drop_key;
            for (const std::string& deleted : spelling::deletions(sound, edits)) {
                key.reset();
                if (auto r = key.bind(1, deleted).bind(2, lang).bind(3, word).run(); !r) return r;
            }
        }
    }

    // No statement may still be reading when a temporary table is dropped below.
    get_term->reset();
    get->reset();

    // Rank factors: the changed rows' own; every row's when the build date moved (a row may
    // have become stale), written only where the factor differs.
    if (all_boosts) {
        const std::string next = "CREATE TEMP TABLE boost_next AS " + std::string(kBoostRows) + ";";
        if (auto r = sql::exec(
                db, (next +
                     "DELETE FROM search_boost WHERE id NOT IN (SELECT id FROM temp.boost_next);"
                     "INSERT OR REPLACE INTO search_boost(id, boost) SELECT n.id, n.boost FROM "
                     "temp.boost_next n LEFT JOIN search_boost b ON b.id = n.id "
                     "WHERE b.boost IS NOT n.boost;"
                     "DROP TABLE temp.boost_next;")
                        .c_str());
            !r)
            return r;
    } else {
        // Only the factors that differ are written: most changed rows keep theirs, and a row
        // deleted and written again still rewrites its page (853 pages of a 1 % update did).
        if (auto r = sql::exec(
                db, ("CREATE TEMP TABLE boost_next AS " + std::string(kBoostRows) +
                     " AND t.item_id IN (SELECT id FROM " + kChangedItems + ");"
                     "DELETE FROM search_boost WHERE id IN (SELECT id FROM temp.changed_rows "
                     "EXCEPT SELECT id FROM temp.boost_next);"
                     "INSERT OR REPLACE INTO search_boost(id, boost) SELECT n.id, n.boost FROM "
                     "temp.boost_next n LEFT JOIN search_boost b ON b.id = n.id "
                     "WHERE b.boost IS NOT n.boost;"
                     "DROP TABLE temp.boost_next;")
                        .c_str());
            !r)
            return r;
    }
    words_.clear();
    return sql::exec(db, "DELETE FROM temp.changed_rows");
}

}  // namespace guichet::content::search_index
