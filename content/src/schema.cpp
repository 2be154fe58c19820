// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema.h"

#include <cstdint>
#include <string>

#include "sqlite_util.h"

namespace guichet::content::schema {
namespace {

// Version 1. Text in several languages lives in *_texts tables keyed by (id, lang); the
// language chain is stored expanded so lookups fall back in one query.
constexpr const char* kCreateV1 = R"sql(
CREATE TABLE meta(
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE languages(
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    native_name TEXT NOT NULL,
    is_base INTEGER NOT NULL
) WITHOUT ROWID;
-- rank 0 is the language itself; the base language has the highest rank of every chain.
CREATE TABLE language_chain(
    lang TEXT NOT NULL,
    rank INTEGER NOT NULL,
    fallback TEXT NOT NULL,
    PRIMARY KEY(lang, rank)
) WITHOUT ROWID;
CREATE TABLE categories(
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    icon TEXT NOT NULL,
    types TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE category_titles(
    category_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY(category_id, lang)
) WITHOUT ROWID;
CREATE TABLE items(
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    reviewed TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    city TEXT NOT NULL,
    date TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX items_by_type ON items(type, kind, country);
-- One row per item and language. id is a sequence in item order, so an item's texts are
-- neighbours on disk and changing an item rewrites its own pages (ordered by language, one
-- item's 3-5 texts sat on 3-5 pages). The row's search rowid is the language's position in
-- `languages` times 2^32 plus id, so each language is one rowid range of the word index.
-- title_words and text_words (schema 9) are the number of words the word index holds for the
-- row in its two columns (the lengths search's BM25F ranks by), written by the compiler. They
-- live here, before the long columns, rather than in FTS5's own per-row size table: that table
-- is ordered by search rowid, i.e. by language, so an update of 1 % of the items rewrote
-- nearly every page of it (1,021 pages); here they sit on pages the update rewrites anyway.
CREATE TABLE item_texts(
    id INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    title_words INTEGER NOT NULL DEFAULT 0,
    text_words INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    extra TEXT NOT NULL,
    UNIQUE(item_id, lang)
);
-- No table of list order (schema 7): a list screen's order, by the title the language shows
-- (after fallback), folded, news newest first, is computed when a list is first read
-- (store_lists.cpp) from the titles here. A title-keyed table scattered every retitled item's
-- rows through itself, and was most of the pages a small in-place update rewrote.
CREATE TABLE item_categories(
    item_id TEXT NOT NULL,
    category_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY(item_id, category_id)
) WITHOUT ROWID;
CREATE INDEX item_categories_by_category ON item_categories(category_id);
-- Lists of codes: field is tag, service, spoken_language, host_country, origin_country or
-- other_name (an institution's acronyms and other names, searchable: COMAR, ACNUR).
CREATE TABLE item_values(
    item_id TEXT NOT NULL,
    field TEXT NOT NULL,
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY(item_id, field, position)
) WITHOUT ROWID;
CREATE INDEX item_values_by_value ON item_values(field, value);
CREATE TABLE institutions(
    id TEXT PRIMARY KEY,
    official_name TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    website TEXT NOT NULL,
    lat REAL,
    lon REAL,
    whatsapp TEXT NOT NULL DEFAULT '',
    opening_hours TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL DEFAULT '',
    cost TEXT NOT NULL DEFAULT '',
    checked TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE programmes(
    id TEXT PRIMARY KEY,
    sector TEXT NOT NULL,
    season TEXT NOT NULL,
    official_link TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE legislation(
    id TEXT PRIMARY KEY,
    year INTEGER NOT NULL,
    official_reference TEXT NOT NULL,
    url TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE cooperation(
    id TEXT PRIMARY KEY,
    direction TEXT NOT NULL,
    theme TEXT NOT NULL,
    contact TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE statistics_series(
    id TEXT PRIMARY KEY,
    unit TEXT NOT NULL,
    source TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE statistics_values(
    series_id TEXT NOT NULL,
    country TEXT NOT NULL,
    year INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY(series_id, country, year)
) WITHOUT ROWID;
-- How many rows of item_texts hold each indexed term: search's inverse document frequencies.
CREATE TABLE term_stats(
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;
-- Staff's synonyms (sources synonyms/LANG.csv), folded, one row per direction: a query word
-- `word` in `lang` also finds `alternative` (a word or a phrase of folded words).
CREATE TABLE synonyms(
    lang TEXT NOT NULL,
    word TEXT NOT NULL,
    alternative TEXT NOT NULL,
    PRIMARY KEY(lang, word, alternative)
) WITHOUT ROWID;
-- Derived by search_index.cpp (never in a row image): each language's vocabulary with the
-- number of its text rows holding each word, the spelling index (every deletion of each
-- word's sound-alike key, spelling.h) and the rank factor of stale and essential rows.
CREATE TABLE spell_terms(
    lang TEXT NOT NULL,
    term TEXT NOT NULL,
    docs INTEGER NOT NULL,
    PRIMARY KEY(lang, term)
) WITHOUT ROWID;
CREATE TABLE spell_keys(
    key TEXT NOT NULL,
    lang TEXT NOT NULL,
    term TEXT NOT NULL,
    PRIMARY KEY(key, lang, term)
) WITHOUT ROWID;
CREATE TABLE search_boost(
    id INTEGER PRIMARY KEY,
    boost REAL NOT NULL
);
-- The word index over item_texts: the title (with its fallback) and the plain text of
-- everything else worth finding. Contentless: the text lives once, in item_texts, and search
-- builds its own snippets from there. No per-row sizes (columnsize = 0, schema 9): ranking
-- reads them from item_texts.
CREATE VIRTUAL TABLE search USING fts5(
    title, text, content = '', tokenize = 'guichet', detail = 'full', columnsize = 0
);
)sql";

// Publications and studies and the names of code values: created by create() and by the 4 -> 5
// migration step alike, so a new store and a migrated one hold the same tables.
constexpr const char* kCreatePublications = R"sql(
-- Publications and studies (action framework V.B). Texts (title, summary, the table of contents
-- in `extra`, one entry a line, the full text in `body`) are in item_texts; `language` is the
-- publication's own, `source` where its details come from.
CREATE TABLE publications(
    id TEXT PRIMARY KEY,
    authors TEXT NOT NULL,
    publisher TEXT NOT NULL,
    year INTEGER NOT NULL,
    language TEXT NOT NULL,
    url TEXT NOT NULL,
    source TEXT NOT NULL
) WITHOUT ROWID;
-- What a code-valued field (field: sector, kind, service, theme, unit ...) is called in each
-- language, so a visitor reads words and finds an item by them (`agricultura` finds the
-- programmes whose sector is `agriculture`). Filled by the compiler from the kiosk's names.
CREATE TABLE code_names(
    field TEXT NOT NULL,
    code TEXT NOT NULL,
    lang TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY(field, code, lang)
) WITHOUT ROWID;
)sql";

// The base map (issue 17): a raster tile set from the sources' map/NAME.mbtiles, shipped by
// sync like any content. Tiles are addressed XYZ (y from the north, as the kiosk draws them),
// not MBTiles' TMS rows; `data` is the tile's PNG, JPEG or WebP bytes as the set holds them.
// A store without these tables has no map. Kept apart from kCreateV1 so another change of
// the schema version can adopt it in its own migration step (see create() and migrate()).
constexpr const char* kCreateMap = R"sql(
CREATE TABLE IF NOT EXISTS map_metadata(
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS map_tiles(
    zoom INTEGER NOT NULL,
    x INTEGER NOT NULL,
    y INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY(zoom, x, y)
);
)sql";

// The pictures Markdown bodies show (issue 19), created by create() and by the 5 -> 6 step alike:
// each file's bytes as the sources hold it (PNG or JPEG, checked), keyed by its path in the
// source folder, normalised ("articles/route-map.png"; a body's `![alt](route-map.png)` in
// articles/ names it), with its size in pixels so a kiosk lays a page out before decoding.
// In the store, not beside it: the store is the one unit sync signs, verifies by its digest and
// swaps or changes in place whole, so a page and its pictures are always of one version.
// A rowid table: pictures are large rows, which WITHOUT ROWID stores badly.
constexpr const char* kCreateImages = R"sql(
CREATE TABLE images(
    path TEXT PRIMARY KEY,
    format TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    data BLOB NOT NULL
);
)sql";

// A text row's source line (schema 8): where the details of a publication or a statistics
// series come from, written per language (`source@LANG`) so a visitor reads it in their own
// language, falling back along the chain like every other text. A column of item_texts, not a
// table of its own: it is a text of the item in one language, so it is read with the row the
// page reads anyway, travels in the same in-place changes, and an item without one costs
// nothing. Added by ALTER in create() and in the 7 -> 8 step alike: the last column of a new
// store and of a migrated one (a migrated store records no digest, so it takes no in-place
// changes before a whole version replaces it; a new one is what the row images hold). The type
// tables' own `source` stays: the one line staff wrote for every language.
constexpr const char* kTextSources = R"sql(
ALTER TABLE item_texts ADD COLUMN source TEXT NOT NULL DEFAULT '';
)sql";

Result<int> user_version(sqlite3* db) {
    auto stmt = sql::Statement::prepare(db, "PRAGMA user_version");
    if (!stmt) return stmt.error();
    if (!stmt->step()) return make_error("cannot read user_version: " + sql::error_of(db));
    return static_cast<int>(stmt->integer(0));
}

bool has_table(sqlite3* db, const char* name) {
    auto stmt = sql::Statement::prepare(
        db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    if (!stmt) return false;
    stmt->bind(1, std::string_view(name));
    return stmt->step();
}

// Forward migrations: kMigrations[n] takes a store from version n+1 to n+2. Version 1 is
// the first; add steps here, never edit one that shipped.
// 1 -> 2: list_order by sort key; the old positions, zero-padded, keep their order.
constexpr const char* kMigrations[] = {R"sql(
CREATE TABLE list_order_v2(
    lang TEXT NOT NULL,
    type TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    item_id TEXT NOT NULL,
    PRIMARY KEY(lang, type, sort_key, item_id)
) WITHOUT ROWID;
INSERT INTO list_order_v2 SELECT lang, type, printf('%012d', position), item_id FROM list_order;
DROP TABLE list_order;
ALTER TABLE list_order_v2 RENAME TO list_order;
)sql",
// 2 -> 3: item_texts in item order (id keeps the sequence, drops the language; the search
// rowids and rank factors, computed from both, stay as they are); list_order one row per item
// and key with the languages that list it.
R"sql(
CREATE TABLE item_texts_v3(
    id INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    extra TEXT NOT NULL,
    UNIQUE(item_id, lang)
);
INSERT INTO item_texts_v3 SELECT id & 4294967295, item_id, lang, title, summary, body, extra
    FROM item_texts ORDER BY id & 4294967295;
DROP TABLE item_texts;
ALTER TABLE item_texts_v3 RENAME TO item_texts;
CREATE TABLE list_order_v3(
    type TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    item_id TEXT NOT NULL,
    langs INTEGER NOT NULL,
    PRIMARY KEY(type, sort_key, item_id)
) WITHOUT ROWID;
INSERT INTO list_order_v3 SELECT o.type, o.sort_key, o.item_id, SUM(1 << l.position)
    FROM list_order o JOIN languages l ON l.code = o.lang
    GROUP BY o.type, o.sort_key, o.item_id ORDER BY o.type, o.sort_key, o.item_id;
DROP TABLE list_order;
ALTER TABLE list_order_v3 RENAME TO list_order;
)sql",
// 3 -> 4: what a visitor needs to go to an institution (issue 17): WhatsApp, structured opening
// hours and their time zone, cost, when and where the details were checked. Additive: an
// institution of an older store has them empty. (Phones: several in `phone`, joined by "; ";
// what to bring: item_texts.body of the institution; other names: item_values.)
R"sql(
ALTER TABLE institutions ADD COLUMN whatsapp TEXT NOT NULL DEFAULT '';
ALTER TABLE institutions ADD COLUMN opening_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE institutions ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
ALTER TABLE institutions ADD COLUMN cost TEXT NOT NULL DEFAULT '';
ALTER TABLE institutions ADD COLUMN checked TEXT NOT NULL DEFAULT '';
ALTER TABLE institutions ADD COLUMN source TEXT NOT NULL DEFAULT '';
)sql",
// 4 -> 5: publications and studies (issue 18), and the names of code values per language.
// Additive: an older store has no publications and no names (codes are shown as written).
kCreatePublications,
// 5 -> 6: the pictures articles show (issue 19). Additive: an older store has none, and its
// pages show each picture's alt text in a frame.
kCreateImages,
// 6 -> 7: list order computed when read, from the titles (store_lists.cpp); the table that
// held it goes (IF EXISTS: a test's store may be made without it).
R"sql(
DROP TABLE IF EXISTS list_order;
)sql",
// 7 -> 8: a source line per language (kTextSources' ALTER, written again here: a step is one
// string; schema_test checks that a new store and a migrated one declare the column alike). A
// series' per-language source, kept in `extra` until now, moves to it, so a migrated store
// holds what this compiler writes.
R"sql(
ALTER TABLE item_texts ADD COLUMN source TEXT NOT NULL DEFAULT '';
UPDATE item_texts SET source = extra, extra = ''
    WHERE extra <> '' AND item_id IN (SELECT id FROM items WHERE type = 'statistics');
)sql",
// 8 -> 9: each text's word counts in item_texts, where a new store's ranking reads them (its
// word index keeps no per-row sizes). A migrated store keeps its word index as it is, with
// FTS5's own sizes, which ranking still reads where they exist (text_search.cpp): the counts
// stay 0 and unused until the next full version replaces the store (a migrated store records
// no digest, so that is its next update). At the end of the row, not before the long columns
// as in a new store: ALTER TABLE cannot place them, and nothing reads them here.
R"sql(
ALTER TABLE item_texts ADD COLUMN title_words INTEGER NOT NULL DEFAULT 0;
ALTER TABLE item_texts ADD COLUMN text_words INTEGER NOT NULL DEFAULT 0;
)sql"};
constexpr int kMigrationCount = 8;
static_assert(kMigrationCount == kVersion - 1);

}  // namespace

Result<void> create(sqlite3* db) {
    if (auto done = sql::exec(db, kCreateV1); !done) return done.error();
    if (auto done = sql::exec(db, kTextSources); !done) return done.error();
    if (auto done = sql::exec(db, kCreatePublications); !done) return done.error();
    if (auto done = sql::exec(db, kCreateImages); !done) return done.error();
    if (auto done = sql::exec(db, kCreateMap); !done) return done.error();
    return sql::exec(db, ("PRAGMA user_version = " + std::to_string(kVersion)).c_str());
}

Result<void> migrate(sqlite3* db) {
    auto version = user_version(db);
    if (!version) return version.error();
    if (*version > kVersion)
        return make_error("store schema version " + std::to_string(*version) +
                          " is newer than this program (" + std::to_string(kVersion) + ")");
    if (*version == 0) return create(db);
    (void)kMigrations;
    for (int v = *version; v < kVersion && v - 1 < kMigrationCount; ++v) {
        if (auto done = sql::exec(db, kMigrations[v - 1]); !done) return done.error();
        if (auto done = sql::exec(db, ("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
            !done)
            return done.error();
    }
    // Empty map tables for a store written before them (IF NOT EXISTS: no-op on a new one).
    return sql::exec(db, kCreateMap);
}

Result<int> check_readable(sqlite3* db, const char* name) {
    auto version = user_version(db);
    if (!version) return make_error(std::string(name) + ": " + version.message());
    if (*version == 0 || !has_table(db, "items"))
        return make_error(std::string(name) + ": not a Guichet content store (user_version " +
                          std::to_string(*version) + ")");
    if (*version > kVersion)
        return make_error(std::string(name) + ": store schema version " + std::to_string(*version) +
                          " is newer than this program supports (" + std::to_string(kVersion) +
                          "); update Guichet before using this content");
    if (*version < kVersion)
        return make_error(std::string(name) + ": store schema version " + std::to_string(*version) +
                          " is older than " + std::to_string(kVersion) +
                          "; rebuild it with guichet-content build");
    return *version;
}

namespace local {
namespace {

// Version 1: a notice has dates and a pin flag; its text is per language like items'.
// application_id marks the file as ours ("GLOC").
constexpr const char* kCreateLocalV1 = R"sql(
PRAGMA application_id = 1196183363;
CREATE TABLE notices(
    id INTEGER PRIMARY KEY,
    start_day TEXT NOT NULL,
    end_day TEXT NOT NULL,
    pinned INTEGER NOT NULL
);
CREATE TABLE notice_texts(
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY(notice_id, lang)
) WITHOUT ROWID;
)sql";

constexpr int kLocalApplicationId = 1196183363;

// Forward steps: kLocalMigrations[n] takes a local store from version n+1 to n+2; never edit
// one that shipped. 1 -> 2: a notice may be limited to days of the week (bit 0 = Monday; 0:
// every day) and to times of day (minutes after local midnight; -1: all day). A notice of
// an older kiosk stays as it was: every day, all day.
constexpr const char* kLocalMigrations[] = {R"sql(
ALTER TABLE notices ADD COLUMN weekdays INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notices ADD COLUMN start_minute INTEGER NOT NULL DEFAULT -1;
ALTER TABLE notices ADD COLUMN end_minute INTEGER NOT NULL DEFAULT -1;
)sql"};
constexpr int kLocalMigrationCount = 1;
static_assert(kLocalMigrationCount == kVersion - 1);

// From version `from` (0: an empty file, created as version 1 first) to kVersion, all in one
// transaction: a power cut leaves the file as it was or at kVersion.
Result<void> migrate_local(sqlite3* db, int from) {
    if (auto began = sql::exec(db, "BEGIN IMMEDIATE"); !began) return began;
    if (from == 0) {
        auto made = sql::exec(db, kCreateLocalV1);
        if (!made) {
            (void)sql::exec(db, "ROLLBACK");
            return made;
        }
        from = 1;
    }
    for (int v = from; v < kVersion; ++v) {
        auto step = sql::exec(db, kLocalMigrations[v - 1]);
        if (step) step = sql::exec(db, ("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
        if (!step) {
            (void)sql::exec(db, "ROLLBACK");
            return step;
        }
    }
    return sql::exec(db, "COMMIT");
}

}  // namespace

Result<void> create_or_check(sqlite3* db, const char* name) {
    auto version = user_version(db);
    if (!version) return make_error(std::string(name) + ": " + version.message());
    auto id_stmt = sql::Statement::prepare(db, "PRAGMA application_id");
    if (!id_stmt) return id_stmt.error();
    const std::int64_t application_id = id_stmt->step() ? id_stmt->integer(0) : -1;
    if (*version == 0 && !has_table(db, "notices")) {
        // A new store is made as version 1 and taken through every step, so a new file and
        // an old one migrated are the same by construction.
        if (auto made = migrate_local(db, 0); !made)
            return make_error(std::string(name) + ": " + made.message());
        return {};
    }
    if (application_id != kLocalApplicationId || !has_table(db, "notices"))
        return make_error(std::string(name) + ": not a Guichet local store");
    if (*version > kVersion)
        return make_error(std::string(name) + ": local store version " + std::to_string(*version) +
                          " is newer than this program (" + std::to_string(kVersion) + ")");
    if (*version < 1)
        return make_error(std::string(name) + ": local store version " + std::to_string(*version) +
                          " is not one this program knows");
    if (*version < kVersion)
        if (auto moved = migrate_local(db, *version); !moved)
            return make_error(std::string(name) + ": migrating the local store from version " +
                              std::to_string(*version) + ": " + moved.message());
    return {};
}

}  // namespace local

}  // namespace guichet::content::schema
