// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/text_ids.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "store_versions.h"

using namespace guichet::content;
using namespace guichet::content::testing;
namespace fs = std::filesystem;

namespace {

// The first article gets a Creole translation and the first law of legislation.csv is
// repealed: the compiler's sequence moves every text id after either.
struct TranslatedAndRepealed {
    fs::path dir, previous, compiled;
    std::string translated, repealed;
};

TranslatedAndRepealed translated_and_repealed(const char* name) {
    const auto [dir, src0, src1] = two_source_sets(name);
    TranslatedAndRepealed t;
    t.dir = dir;
    const fs::path article = first_spanish_article(src1);
    const std::string file = article.filename().string();
    t.translated = file.substr(0, file.find('.'));
    const fs::path creole = article.parent_path() / (t.translated + ".ht.md");
    REQUIRE_FALSE(fs::exists(creole));
    write_file(creole,
               "---\ntitle: Dwa moun ki fèk rive yo\nsummary: Sa pou w konnen\n---\n"
               "Ou gen dwa mande azil.\n");
    const std::string laws = read_file(src1 / "legislation.csv");
    const size_t first = laws.find('\n') + 1, second = laws.find('\n', first) + 1;
    t.repealed = laws.substr(first, laws.find(',', first) - first);
    write_file(src1 / "legislation.csv", laws.substr(0, first) + laws.substr(second));
    t.previous = kiosk_store(src0, dir, "previous");
    CheckReport report;
    t.compiled = dir / "compiled.db";
    REQUIRE(build_store(src1, t.compiled, report));
    return t;
}

std::int64_t count_of(const fs::path& store, const std::string& sql) {
    const auto rows = rows_of(store, sql);
    REQUIRE(rows.size() == 1);
    return std::stoll(rows[0]);
}

}  // namespace

TEST_CASE(
    "texts keep their previous ids: a translation added and an item removed change their own "
    "rows") {
    const auto t = translated_and_repealed("guichet-text-ids");
    const fs::path kept = t.dir / "kept.db";
    auto copied = copy_keeping_text_ids(t.compiled, t.previous, kept);
    REQUIRE_MESSAGE(copied, copied.message());
    REQUIRE(copied->has_value());
    const auto& report = *copied;
    const std::int64_t repealed_texts = count_of(
        t.previous, "SELECT count(*) FROM item_texts WHERE item_id = '" + t.repealed + "'");
    REQUIRE(repealed_texts > 0);
    const std::int64_t texts = count_of(t.compiled, "SELECT count(*) FROM item_texts");
    CHECK_FALSE(report->renumbered);
    CHECK(report->added == 1);
    CHECK(report->removed == repealed_texts);
    CHECK(report->kept == texts - 1);
    CHECK(report->moved > 100);

    // Every text both versions hold has its old id; the new one follows the largest.
    const std::string pairs = "SELECT item_id, lang, id FROM item_texts ORDER BY 1, 2";
    auto shared = rows_of(t.previous, pairs);
    std::erase_if(shared, [&](const std::string& r) { return r.starts_with(t.repealed + "|"); });
    auto now = rows_of(kept, pairs);
    std::erase_if(now, [&](const std::string& r) { return r.starts_with(t.translated + "|ht|"); });
    CHECK(now == shared);
    CHECK(count_of(kept, "SELECT id FROM item_texts WHERE item_id = '" + t.translated +
                             "' AND lang = 'ht'") ==
          count_of(t.previous, "SELECT max(id) FROM item_texts") + 1);

    // The content is the compiled one but for those ids: the changes from the previous version
    // are the edit's own rows, where the compiled store's are most of the texts.
    auto from_compiled = make_store_changeset(t.previous, t.compiled);
    auto from_kept = make_store_changeset(t.previous, kept);
    REQUIRE(from_compiled);
    REQUIRE_MESSAGE(from_kept, from_kept.message());
    CHECK(from_compiled->changes > report->moved);
    CHECK(from_kept->changes < 30);
    const std::string texts_without_ids =
        "SELECT item_id, lang, title, summary, body, extra, title_words, text_words "
        "FROM item_texts ORDER BY 1, 2";
    CHECK(rows_of(kept, texts_without_ids) == rows_of(t.compiled, texts_without_ids));
    for (const char* table : {"items", "legislation", "term_stats", "spell_terms", "spell_keys"}) {
        INFO(table);
        const std::string all = std::string("SELECT * FROM ") + table + " ORDER BY 1, 2";
        CHECK(rows_of(kept, all) == rows_of(t.compiled, all));
    }
    CHECK(count_of(kept, "SELECT count(*) FROM search_boost") ==
          count_of(t.compiled, "SELECT count(*) FROM search_boost"));
    CHECK(rows_of(kept, "PRAGMA integrity_check") == std::vector<std::string>{"ok|"});
    // The word index follows the new ids: the new translation is found, and search finds the
    // same items with the same scores.
    CHECK(hits(kept, "azil", "ht").find(t.translated + "|ht|") != std::string::npos);
    for (const char* lang : {"es", "fr", "ht"})
        for (const char* query : {"derechos", "trabajo migrante", "visa", "pasaprte", "refugio"}) {
            INFO(query << " in " << lang);
            CHECK(hits(kept, query, lang) == hits(t.compiled, query, lang));
        }

    // Applied the way a kiosk applies it, the small changes give the published content.
    const fs::path live = t.dir / "live.db";
    fs::copy_file(t.previous, live);
    const std::string before = digest_of(live), after = digest_of(kept);
    REQUIRE(prepare_store_for_changes(live, {before, 1}));
    ApplyOptions apply;
    apply.base_digest = before;
    apply.result = {after, 2};
    auto applied = apply_store_changeset(live, from_kept->bytes, apply);
    REQUIRE_MESSAGE(applied, applied.message());
    CHECK(digest_of(live) == after);
    CHECK(hits(live, "azil", "ht") == hits(kept, "azil", "ht"));
}

TEST_CASE(
    "a version with the same texts keeps the compiler's ids, and ids too sparse are numbered "
    "anew") {
    const auto t = translated_and_repealed("guichet-text-ids-same");
    auto copied = copy_keeping_text_ids(t.previous, t.previous, t.dir / "same.db");
    REQUIRE_MESSAGE(copied, copied.message());
    REQUIRE(copied->has_value());
    const auto& same = *copied;
    CHECK(same->moved == 0);
    CHECK(same->added == 0);
    CHECK(same->removed == 0);
    CHECK_FALSE(fs::exists(t.dir / "same.db"));  // the store itself is the one to publish

    // A previous version whose ids lie far apart (many texts removed over the versions), or
    // near the top of what a search rowid holds: the compiler's numbering is taken again.
    for (const char* shift : {"-id * 4", "-id + 2147483000"}) {
        INFO(shift);
        const fs::path sparse = t.dir / "sparse.db";
        fs::remove(sparse);
        fs::copy_file(t.previous, sparse);
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(sparse.c_str(), &db) == SQLITE_OK);
        const std::string sql =
            std::string("UPDATE item_texts SET id = -id; UPDATE item_texts SET id = ") + shift +
            " WHERE id < 0;";
        CHECK(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
        const fs::path out = t.dir / "renumbered.db";
        auto copied_sparse = copy_keeping_text_ids(t.compiled, sparse, out);
        REQUIRE_MESSAGE(copied_sparse, copied_sparse.message());
        REQUIRE(copied_sparse->has_value());
        const auto& r = *copied_sparse;
        CHECK(r->renumbered);
        CHECK_FALSE(r->why.empty());
        CHECK(r->moved == 0);
        CHECK_FALSE(fs::exists(out));
    }

    // A file that is not a store is an error naming it, and leaves nothing behind.
    const fs::path junk = t.dir / "junk.db";
    write_file(junk, "not a store");
    auto bad = copy_keeping_text_ids(t.compiled, junk, t.dir / "out.db");
    REQUIRE_FALSE(bad);
    CHECK(bad.message().find("junk.db") != std::string::npos);
    CHECK_FALSE(fs::exists(t.dir / "out.db"));

    // A store of other data (no texts) published the same way: nothing to keep, no copy.
    const fs::path other = t.dir / "other.db";
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(other.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)", nullptr,
                       nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    for (const auto& [store, previous] : {std::pair{other, t.previous}, {t.compiled, other}}) {
        auto none = copy_keeping_text_ids(store, previous, t.dir / "out.db");
        REQUIRE_MESSAGE(none, none.message());
        CHECK_FALSE(none->has_value());
        CHECK_FALSE(fs::exists(t.dir / "out.db"));
    }
}
