// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "../support/temp_dir.h"
#include "content/compiler.h"
#include "content/store.h"
#include "content/store_changes.h"
#include "content/store_rows.h"
#include "content/synth.h"
#include "store_versions.h"
#include "text_search.h"

using namespace guichet::content;
using namespace guichet::content::testing;
namespace fs = std::filesystem;

namespace {

// Two versions of a synthetic corpus as a kiosk builds them (from their row images): `mutate`
// percent of the items have other texts in the second.
struct Versions {
    fs::path dir, v1, v2;
};

Versions make_versions(const char* name, double mutate) {
    Versions v;
    v.dir = guichet::testing::fresh_temp_dir(name);
    for (int i = 0; i < 2; ++i) {
        const fs::path src = v.dir / ("src" + std::to_string(i));
        SynthOptions o;
        o.items = 300;
        o.seed = 7;
        o.mutate_percent = i == 0 ? 0 : mutate;
        REQUIRE(write_synthetic_sources(src, o));
        (i == 0 ? v.v1 : v.v2) = kiosk_store(src, v.dir, "v" + std::to_string(i + 1));
    }
    return v;
}

// Every list screen's items in order, each type in each language (no table holds the order:
// it is computed from the titles when a list is read, so it must follow the changes too).
std::string lists_of(const fs::path& store) {
    auto opened = ContentStore::open(store);
    REQUIRE(opened);
    std::string out;
    for (ItemType type : kAllItemTypes)
        for (const char* lang : {"es", "en", "fr", "pt", "ht"}) {
            auto page = opened->list(type, lang, {}, {.offset = 0, .limit = 1000});
            REQUIRE(page);
            out += std::string(to_string(type)) + " " + lang + ":";
            for (const auto& item : page->items) out += " " + item.header.id;
            out += "\n";
        }
    return out;
}

const char* kDerived[] = {"term_stats", "spell_terms", "spell_keys", "search_boost"};

// Text rows holding a word in the word index (a contentless FTS5 table cannot be scanned;
// its vocabulary's instances name every row).
std::int64_t indexed_rows(const fs::path& store) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    REQUIRE(text::register_search_functions(db).ok());
    REQUIRE(sqlite3_exec(db, "CREATE VIRTUAL TABLE temp.search_instances USING fts5vocab(main, "
                             "search, instance)",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT count(DISTINCT doc) FROM temp.search_instances", -1,
                               &st, nullptr) == SQLITE_OK);
    const std::int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

}  // namespace

TEST_CASE("a changeset applied in place gives the store built whole: rows, derived data, search") {
    auto v = make_versions("guichet-changes-equal", 10);
    auto d1 = store_content_digest(v.v1);
    auto d2 = store_content_digest(v.v2);
    REQUIRE(d1);
    REQUIRE(d2);
    CHECK(*d1 != *d2);
    auto changes = make_store_changeset(v.v1, v.v2);
    REQUIRE_MESSAGE(changes, changes.message());
    CHECK(changes->changes > 0);

    const fs::path live = v.dir / "live.db";
    fs::copy_file(v.v1, live);
    REQUIRE(prepare_store_for_changes(live, {*d1, 1}));
    ApplyOptions o;
    o.base_digest = *d1;
    o.result = {*d2, 2};
    o.undo = v.dir / "undo";
    auto applied = apply_store_changeset(live, changes->bytes, o);
    REQUIRE_MESSAGE(applied, applied.message());
    CHECK(applied->items > 0);
    CHECK(digest_of(live) == *d2);
    auto state = read_store_state(live);
    REQUIRE(state);
    CHECK(state->version == 2);
    for (const char* table : kDerived) {
        INFO(table);
        const std::string all = std::string("SELECT * FROM ") + table + " ORDER BY 1, 2";
        CHECK(rows_of(live, all) == rows_of(v.v2, all));
    }
    CHECK(rows_of(live, "PRAGMA integrity_check") == std::vector<std::string>{"ok|"});
    // Retitled items moved in their lists, as in the store built whole.
    CHECK(lists_of(v.v1) != lists_of(v.v2));
    CHECK(lists_of(live) == lists_of(v.v2));
    for (const char* lang : {"es", "fr", "ht"})
        for (const char* query : {"derechos", "trabajo migrante", "visa", "pasaprte", "refugio"}) {
            INFO(query << " in " << lang);
            CHECK(hits(live, query, lang) == hits(v.v2, query, lang));
        }

    // The undo brings the previous version back, derived data included.
    std::ifstream in(o.undo, std::ios::binary);
    const std::string undo((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // What a kiosk that kept the forward changes computes when it goes back.
    auto inverted = invert_store_changeset(changes->bytes);
    REQUIRE_MESSAGE(inverted, inverted.message());
    CHECK(*inverted == undo);
    CHECK(invert_store_changeset(*inverted).value() == changes->bytes);
    CHECK_FALSE(invert_store_changeset("not a changeset at all").ok());
    ApplyOptions back;
    back.base_digest = *d2;
    back.result = {*d1, 1};
    REQUIRE(apply_store_changeset(live, undo, back));
    CHECK(digest_of(live) == *d1);
    for (const char* table : kDerived) {
        const std::string all = std::string("SELECT * FROM ") + table + " ORDER BY 1, 2";
        CHECK(rows_of(live, all) == rows_of(v.v1, all));
    }
    CHECK(hits(live, "derechos", "es") == hits(v.v1, "derechos", "es"));
}

TEST_CASE("rows whose search text the changes leave as it was are not indexed again") {
    // The next version: every institution reviewed again (its items row changes, and with it
    // the rank factors: the set's newest review moves), the statistics series withdrawn (its rows
    // deleted), one article's Spanish text rewritten.
    const auto [dir, src0, src1] = two_source_sets("guichet-changes-same-text");
    std::string institutions = read_file(src1 / "institutions.csv");
    std::string reviewed_again;
    int institutions_changed = 0;
    for (size_t start = 0; start < institutions.size();) {
        size_t end = institutions.find('\n', start);
        if (end == std::string::npos) end = institutions.size();
        std::string line = institutions.substr(start, end - start);
        if (start > 0 && !line.empty()) {
            line = line.substr(0, line.rfind(',') + 1) + "2026-11-30";
            ++institutions_changed;
        }
        reviewed_again += line + "\n";
        start = end + 1;
    }
    REQUIRE(institutions_changed > 20);
    write_file(src1 / "institutions.csv", reviewed_again);
    const std::string withdrawn = withdraw_last_item(src1);
    const fs::path article = first_spanish_article(src1);
    write_file(article, read_file(article) + "\nUn párrafo nuevo sobre el refugio y la visa.\n");

    const fs::path v1 = kiosk_store(src0, dir, "v1");
    const fs::path v2 = kiosk_store(src1, dir, "v2");
    const auto withdrawn_rows =
        rows_of(v1, "SELECT count(*) FROM item_texts WHERE item_id = '" + withdrawn + "'");
    REQUIRE(withdrawn_rows.size() == 1);
    const int withdrawn_texts = std::stoi(withdrawn_rows[0]);
    REQUIRE(withdrawn_texts > 0);
    auto d1 = store_content_digest(v1);
    auto d2 = store_content_digest(v2);
    REQUIRE(d1);
    REQUIRE(d2);
    auto changes = make_store_changeset(v1, v2);
    REQUIRE_MESSAGE(changes, changes.message());
    const std::string index_data = "SELECT * FROM search_data ORDER BY 1";

    // With room for the old texts (the default), and with none (every changed item's rows
    // indexed again, as before): the same store either way.
    for (const std::size_t memory : {ApplyOptions{}.search_text_memory, std::size_t{0}}) {
        INFO("memory for old texts: " << memory);
        const fs::path live = dir / ("live-" + std::to_string(memory) + ".db");
        fs::copy_file(v1, live);
        REQUIRE(prepare_store_for_changes(live, {*d1, 1}));
        ApplyOptions options;
        options.base_digest = *d1;
        options.result = {*d2, 2};
        options.search_text_memory = memory;
        auto applied = apply_store_changeset(live, changes->bytes, options);
        REQUIRE_MESSAGE(applied, applied.message());
        CHECK(digest_of(live) == *d2);
        CHECK(applied->items >= institutions_changed + 2);
        if (memory > 0) {
            // Only the rewritten text (out, in) and the withdrawn series' texts (out).
            CHECK(applied->text_rows == 2 + withdrawn_texts);
        } else {
            CHECK(applied->text_rows > 2 * institutions_changed);
        }
        for (const char* table : kDerived) {
            INFO(table);
            const std::string all = std::string("SELECT * FROM ") + table + " ORDER BY 1, 2";
            CHECK(rows_of(live, all) == rows_of(v2, all));
        }
        CHECK(rows_of(v1, "SELECT * FROM search_boost ORDER BY 1") !=
              rows_of(v2, "SELECT * FROM search_boost ORDER BY 1"));
        CHECK(indexed_rows(live) == indexed_rows(v2));
        CHECK(rows_of(live, "PRAGMA integrity_check") == std::vector<std::string>{"ok|"});
        for (const char* lang : {"es", "fr"})
            for (const char* query : {"refugio", "visa", "derechos", "instituto", "ley"}) {
                INFO(query << " in " << lang);
                CHECK(hits(live, query, lang) == hits(v2, query, lang));
            }
    }
}

TEST_CASE("changes that give the wrong content, or meet another base, leave the store as it was") {
    auto v = make_versions("guichet-changes-wrong", 10);
    auto d1 = store_content_digest(v.v1);
    auto d2 = store_content_digest(v.v2);
    REQUIRE(d1);
    REQUIRE(d2);
    auto changes = make_store_changeset(v.v1, v.v2);
    REQUIRE(changes);
    const fs::path live = v.dir / "live.db";
    fs::copy_file(v.v1, live);
    REQUIRE(prepare_store_for_changes(live, {*d1, 1}));
    const auto before = rows_of(live, "SELECT * FROM spell_terms ORDER BY 1, 2");

    // Applies cleanly, but the signed digest says another content: rolled back.
    ApplyOptions wrong;
    wrong.base_digest = *d1;
    wrong.result = {*d1, 2};
    auto applied = apply_store_changeset(live, changes->bytes, wrong);
    REQUIRE_FALSE(applied);
    CHECK(applied.message().find("signed digest") != std::string::npos);
    CHECK(digest_of(live) == *d1);
    CHECK(read_store_state(live).value().version == 1);
    CHECK(rows_of(live, "SELECT * FROM spell_terms ORDER BY 1, 2") == before);

    // Made for another base: refused before anything changes.
    ApplyOptions other;
    other.base_digest = *d2;
    other.result = {*d2, 2};
    auto refused = apply_store_changeset(live, changes->bytes, other);
    REQUIRE_FALSE(refused);
    CHECK(refused.message().find("other content") != std::string::npos);

    // A row the changes expect is not there (the store's own state lies): aborted, unchanged.
    ApplyOptions good;
    good.base_digest = *d1;
    good.result = {*d2, 2};
    REQUIRE(apply_store_changeset(live, changes->bytes, good));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(live.c_str(), &db) == SQLITE_OK);
    const std::string sql = "UPDATE applied_state SET value = '" + *d1 + "' WHERE key = 'digest'";
    REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto conflict = apply_store_changeset(live, changes->bytes, good);
    REQUIRE_FALSE(conflict);
    CHECK(conflict.message().find("not as the changes expect") != std::string::npos);
    CHECK(digest_of(live) == *d2);

    // Garbage is not a changeset.
    auto garbage = apply_store_changeset(live, "not a changeset at all", good);
    CHECK_FALSE(garbage);
}

TEST_CASE("a reader sees only whole versions while changes commit under it") {
    auto v = make_versions("guichet-changes-reader", 20);
    auto d1 = store_content_digest(v.v1);
    auto d2 = store_content_digest(v.v2);
    REQUIRE(d1);
    REQUIRE(d2);
    auto changes = make_store_changeset(v.v1, v.v2);
    REQUIRE(changes);
    auto back = make_store_changeset(v.v2, v.v1);
    REQUIRE(back);
    const fs::path live = v.dir / "live.db";
    fs::copy_file(v.v1, live);
    REQUIRE(prepare_store_for_changes(live, {*d1, 1}));

    // The items whose Spanish title differs between the versions, with both titles.
    const auto old_titles = rows_of(v.v1, "SELECT item_id, title FROM item_texts WHERE lang = 'es' "
                                          "ORDER BY item_id");
    const auto new_titles = rows_of(v.v2, "SELECT item_id, title FROM item_texts WHERE lang = 'es' "
                                          "ORDER BY item_id");
    REQUIRE(old_titles.size() == new_titles.size());
    std::vector<std::string> ids, before, after;
    for (size_t i = 0; i < old_titles.size(); ++i)
        if (old_titles[i] != new_titles[i]) {
            const auto bar = old_titles[i].find('|');
            ids.push_back(old_titles[i].substr(0, bar));
            before.push_back(old_titles[i].substr(bar + 1, old_titles[i].size() - bar - 2));
            after.push_back(new_titles[i].substr(bar + 1, new_titles[i].size() - bar - 2));
        }
    REQUIRE(ids.size() >= 20);

    // Which version each title read through one open store belongs to: 1, 2, or 0 (a mix).
    auto version_seen = [&](const ContentStore& store, size_t from, size_t to) {
        int seen = -1;
        for (size_t i = from; i < to; ++i) {
            auto header = store.header(ids[i], "es");
            if (!header) return -2;
            const int now = header->title == before[i] ? 1 : header->title == after[i] ? 2 : 0;
            if (seen == -1) seen = now;
            if (now != seen) return 0;
        }
        return seen;
    };

    // Deterministic: half the titles read, the change committed, the other half read.
    {
        auto reader = ContentStore::open(live);
        REQUIRE(reader);
        CHECK(version_seen(*reader, 0, ids.size() / 2) == 1);
        ApplyOptions o;
        o.base_digest = *d1;
        o.result = {*d2, 2};
        REQUIRE(apply_store_changeset(live, changes->bytes, o));
        CHECK(version_seen(*reader, 0, ids.size()) == 1);
        auto fresh = ContentStore::open(live);
        REQUIRE(fresh);
        CHECK(version_seen(*fresh, 0, ids.size()) == 2);
    }

    // And under load: a reader thread opening the store again and again while the versions
    // go back and forth.
    std::atomic<bool> stop{false};
    std::atomic<int> mixed{0}, reads{0};
    std::thread reader([&] {
        while (!stop) {
            auto store = ContentStore::open(live);
            if (!store) continue;
            if (version_seen(*store, 0, ids.size()) == 0) ++mixed;
            ++reads;
        }
    });
    std::string at = *d2;
    for (int round = 0; round < 6; ++round) {
        const bool forward = at == *d1;
        ApplyOptions o;
        o.base_digest = at;
        o.result = {forward ? *d2 : *d1, forward ? 2 : 1};
        auto done = apply_store_changeset(live, forward ? changes->bytes : back->bytes, o);
        REQUIRE_MESSAGE(done, done.message());
        at = o.result.digest;
    }
    stop = true;
    reader.join();
    CHECK(reads > 0);
    CHECK(mixed == 0);
}

namespace {

// One value from a store file.
std::int64_t scalar_of(const fs::path& store, const char* query) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, query, -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    const std::int64_t value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

void exec_on(const fs::path& store, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(store.c_str(), &db) == SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    INFO(std::string(error ? error : ""));
    sqlite3_free(error);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

}  // namespace

TEST_CASE("a store of an older schema is migrated in place, readable, and no longer claims its digest") {
    const Versions v = make_versions("guichet-upgrade-store", 0);
    const fs::path dir = v.dir;
    const fs::path store = v.v1;
    auto digest = store_content_digest(store);
    REQUIRE(digest.ok());
    REQUIRE(prepare_store_for_changes(store, {*digest, 7}).ok());
    CHECK(upgrade_store(store).value() == false);  // current: nothing to do
    // As the software before schema 5 left it (a kiosk updated before its content).
    exec_on(store, "DROP TABLE images; DROP TABLE publications; DROP TABLE code_names;"
            " ALTER TABLE item_texts DROP COLUMN title_words;"
            " ALTER TABLE item_texts DROP COLUMN text_words;"
            " ALTER TABLE item_texts DROP COLUMN source; PRAGMA user_version = 4;");
    CHECK_FALSE(ContentStore::open(store).ok());
    auto upgraded = upgrade_store(store);
    REQUIRE_MESSAGE(upgraded.ok(), upgraded.message());
    CHECK(*upgraded);
    CHECK(scalar_of(store, "PRAGMA user_version") == current_schema_version());
    CHECK(scalar_of(store, "SELECT count(*) FROM applied_state WHERE key = 'digest'") == 0);
    CHECK(scalar_of(store, "SELECT count(*) FROM applied_state WHERE key = 'version'") == 1);
    CHECK(scalar_of(store, "PRAGMA integrity_check = 1") >= 0);
    auto opened = ContentStore::open(store);
    REQUIRE_MESSAGE(opened.ok(), opened.message());
    CHECK_FALSE(read_store_state(store).ok());  // the next update is a full download
    // A newer store is refused and left as it was.
    exec_on(store, "PRAGMA user_version = 99;");
    const auto size = fs::file_size(store);
    auto newer = upgrade_store(store);
    REQUIRE_FALSE(newer.ok());
    CHECK(newer.message().find("newer than this program") != std::string::npos);
    CHECK(scalar_of(store, "PRAGMA user_version") == 99);
    CHECK(fs::file_size(store) == size);
    // A file that is no content store is not touched either.
    exec_on(dir / "other.db", "CREATE TABLE t(x); PRAGMA user_version = 2;");
    CHECK_FALSE(upgrade_store(dir / "other.db").ok());
    CHECK(scalar_of(dir / "other.db", "PRAGMA user_version") == 2);
}

TEST_CASE("a row image of an older schema builds a store of this one, derived data included") {
    const Versions v = make_versions("guichet-old-image", 0);
    const fs::path old_store = v.dir / "schema4.db";
    fs::copy_file(v.v1, old_store);
    exec_on(old_store, "DROP TABLE images; DROP TABLE publications; DROP TABLE code_names;"
            " ALTER TABLE item_texts DROP COLUMN title_words;"
            " ALTER TABLE item_texts DROP COLUMN text_words;"
            " ALTER TABLE item_texts DROP COLUMN source; PRAGMA user_version = 4;");
    REQUIRE(export_store_rows(old_store, v.dir / "image4"));
    const fs::path built = v.dir / "built.db";
    auto summary = build_store_from_rows(v.dir / "image4", built);
    REQUIRE_MESSAGE(summary.ok(), summary.message());
    CHECK(scalar_of(built, "PRAGMA user_version") == current_schema_version());
    CHECK(scalar_of(built, "SELECT count(*) FROM code_names") == 0);
    auto opened = ContentStore::open(built);
    REQUIRE_MESSAGE(opened.ok(), opened.message());
    // The word index was derived again: it holds every text row, as the original's does.
    CHECK(indexed_rows(built) == indexed_rows(v.v1));
    CHECK(indexed_rows(built) > 300);
}
