// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <random>

#include "../support/temp_dir.h"
#include "content/compiler.h"
#include "content/store.h"
#include "content/synth.h"
#include "fixture.h"
#include "search_index.h"
#include "sqlite_util.h"
#include "text_search.h"

using namespace guichet::content;
using fixture::SourceDir;
namespace fs = std::filesystem;

namespace {

struct SearchStore {
    SourceDir dir;
    fs::path path = dir.root() / "content.db";
    std::optional<ContentStore> store;
    SearchStore() {
        CheckReport report;
        REQUIRE(build_store(dir.src(), path, report).ok());
        auto opened = ContentStore::open(path);
        REQUIRE(opened.ok());
        store.emplace(std::move(opened).value());
    }
    std::vector<SearchHit> find(std::string_view query, std::string_view lang = "es") {
        auto hits = store->search(query, lang, 20);
        REQUIRE_MESSAGE(hits.ok(), (hits.ok() ? "" : hits.message()));
        return *hits;
    }
};

std::vector<std::string> hit_ids(const std::vector<SearchHit>& hits) {
    std::vector<std::string> out;
    for (const auto& h : hits) out.push_back(h.id);
    return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TEST_CASE("folding: case and diacritics, ICU word breaks, apostrophes") {
    CHECK(text::fold("ÉCOLE") == "ecole");
    CHECK(text::fold("São Paulo") == "sao paulo");
    CHECK(text::fold("Educación") == "educacion");
    CHECK(text::fold("Kreyòl") == "kreyol");
    CHECK(text::words("l'école, São-Paulo!") ==
          std::vector<std::string>{"l", "ecole", "sao", "paulo"});
    CHECK(text::words("ECOLE") == text::words("école"));
    // Scripts written without spaces still break into several words.
    CHECK(text::words("日本語のテキストを検索する").size() > 2);
    CHECK(text::words("ภาษาไทยไม่มีช่องว่าง").size() > 2);
    CHECK(text::words("  ,;:!  ").empty());
    CHECK(text::repair_utf8("a\xFF"
                            "b") ==
          "a\xEF\xBF\xBD"
          "b");
}

TEST_CASE("the query sanitiser leaves only quoted words") {
    auto q = text::sanitise_query("\"droits\" NEAR(travail AND asile)* OR -x ^y :z (((");
    CHECK(q.words == std::vector<std::string>{"droits", "near", "travail", "and", "asile", "or",
                                              "x", "y", "z"});
    CHECK(q.match == "\"droits\" \"near\" \"travail\" \"and\" \"asile\" \"or\" \"x\" \"y\" \"z\"");
    CHECK(text::sanitise_query("sao pa").match == "\"sao\" \"pa\"*");
    CHECK(text::sanitise_query("").match.empty());
    CHECK(text::sanitise_query("***").words.empty());
    CHECK(text::sanitise_query(std::string(10000, 'a')).words.size() == 1);
    CHECK(text::sanitise_query(std::string(10000, ' ') + "x").words.empty());  // beyond the cut
}

TEST_CASE("snippets: the densest window, marked words, cuts shown") {
    std::string text =
        "Uno dos tres cuatro cinco seis siete ocho nueve diez. La Educación pública en São Paulo "
        "es gratuita para todos los niños y niñas, sin importar su situación migratoria.";
    auto cut = text::snippet(text, {"educacion", "sao"}, false, 8);
    CHECK(cut.rfind("…", 0) == 0);
    CHECK(cut.find("\x01"
                   "Educación"
                   "\x02") != std::string::npos);
    CHECK(cut.find("\x01"
                   "São"
                   "\x02") != std::string::npos);
    CHECK(cut.find("Uno") == std::string::npos);
    CHECK(cut.size() > 3);
    CHECK(cut.substr(cut.size() - 3) == "…");
    // The last word as a prefix.
    CHECK(text::snippet(text, {"gratu"}, true, 6)
              .find("\x01"
                    "gratuita"
                    "\x02") != std::string::npos);
    CHECK(text::snippet(text, {"gratu"}, false, 6).empty());
    // Marker bytes in the text never unbalance the highlights.
    auto stray = text::snippet(
        "a\x02 b \x01"
        "c escuela",
        {"escuela"}, false, 10);
    CHECK(stray ==
          "a b c \x01"
          "escuela"
          "\x02");
    // Exact extracts: three words before the first match, the window's length in all, "…"
    // where text goes on, whether or not reading stopped early.
    std::string numbers;
    for (int i = 1; i <= 400; ++i) numbers += "w" + std::to_string(i) + " ";
    CHECK(text::snippet(numbers + "asilo fin.", {"asilo"}, false, 5) == "…w398 w399 w400 \x01" "asilo\x02 fin.");
    CHECK(text::snippet("w1 w2 w3 w4 w5 w6 asilo w7 w8 w9 w10 w11", {"asilo"}, false, 5) ==
          "…w4 w5 w6 \x01" "asilo\x02 w7…");
    CHECK(text::snippet("asilo w1 w2 w3 w4 w5 w6 w7 " + numbers, {"asilo"}, false, 4) ==
          "\x01" "asilo\x02 w1 w2 w3…");
    // Every query word in one window beats a window repeating one of them.
    CHECK(text::snippet("refugio refugio refugio refugio x x x x x x refugio asilo y y", {"refugio", "asilo"},
                        false, 3) == "…x \x01" "refugio\x02 \x01" "asilo\x02…");
    // A text shorter than the window: all of it.
    CHECK(text::snippet("solo asilo aquí", {"asilo"}, false, 10) == "solo \x01" "asilo\x02 aquí");
    CHECK(text::snippet(numbers, {}, false, 3) == "w1 w2 w3…");
    CHECK(text::sanitise_query("sao pa").match == "\"sao\" \"pa\"*");
    CHECK(text::sanitise_query("sao p").match == "\"sao\" \"p\"");
}

TEST_CASE("accent- and case-blind matching") {
    SearchStore s;
    CHECK(contains(hit_ids(s.find("educacion")), "escuela"));
    CHECK(contains(hit_ids(s.find("EDUCACIÓN")), "escuela"));
    CHECK(contains(hit_ids(s.find("ECOLE", "fr")), "ecole"));
    CHECK(contains(hit_ids(s.find("sao paulo")), "escuela"));
    CHECK(contains(hit_ids(s.find("SAO PAULO")), "escuela"));
    // Words that are not there find nothing.
    CHECK(s.find("zanahoria").empty());
}

TEST_CASE("prefix matching as the visitor types") {
    SearchStore s;
    for (const char* typed : {"ed", "edu", "educ", "educa", "educac", "educaci", "educacio"})
        CHECK_MESSAGE(contains(hit_ids(s.find(typed)), "escuela"), typed);
    CHECK(contains(hit_ids(s.find("sao pau")), "escuela"));
    CHECK(contains(hit_ids(s.find("ECO", "fr")), "ecole"));
}

TEST_CASE("hits carry type, title, language and a snippet with marked words") {
    SearchStore s;
    auto hits = s.find("migrante");
    REQUIRE_FALSE(hits.empty());
    auto inst = std::find_if(hits.begin(), hits.end(), [](auto& h) { return h.id == "inst-b"; });
    REQUIRE(inst != hits.end());
    CHECK(inst->type == ItemType::institution);
    CHECK(inst->title == "Casa del Migrante");
    auto escuela = s.find("escuela publica");
    REQUIRE_FALSE(escuela.empty());
    CHECK(escuela[0].id == "escuela");
    CHECK(escuela[0].type == ItemType::article);
    CHECK(escuela[0].language == "es");
    CHECK(escuela[0].snippet.find("\x01"
                                  "escuela"
                                  "\x02") != std::string::npos);
    CHECK(escuela[0].snippet.find("\x01"
                                  "pública"
                                  "\x02") != std::string::npos);
    CHECK(escuela[0].score > 0);
    // Results are one per item, best first.
    auto ids = hit_ids(s.find("migrantes"));
    auto sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::unique(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("bm25 across types: more of the words ranks higher") {
    SearchStore s;
    // "derechos" appears in the rights article's title, summary and body; nowhere else as much.
    auto hits = s.find("derechos");
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].id == "rights");
    auto law = s.find("ley migracion");
    REQUIRE_FALSE(law.empty());
    CHECK(law[0].id == "mx-ley-migracion");
    CHECK(law[0].type == ItemType::legislation);
}

TEST_CASE("the visitor's language ranks first") {
    SearchStore s;
    // Two items say the same about Guatemala: one in Spanish, one in English.
    auto in_es = hit_ids(s.find("guatemala migrantes", "es"));
    auto in_en = hit_ids(s.find("guatemala migrants", "en"));
    REQUIRE(in_es.size() >= 1);
    REQUIRE(in_en.size() >= 1);
    CHECK(in_es[0] == "guatemala-es");
    CHECK(in_en[0] == "guatemala-en");
    auto plain_es = hit_ids(s.find("guatemala", "es"));
    auto plain_en = hit_ids(s.find("guatemala", "en"));
    REQUIRE(plain_es.size() >= 2);
    REQUIRE(plain_en.size() >= 2);
    CHECK(std::find(plain_es.begin(), plain_es.end(), "guatemala-es") <
          std::find(plain_es.begin(), plain_es.end(), "guatemala-en"));
    CHECK(std::find(plain_en.begin(), plain_en.end(), "guatemala-en") <
          std::find(plain_en.begin(), plain_en.end(), "guatemala-es"));
}

TEST_CASE("whatever the visitor types is searched as plain words and never errors") {
    SearchStore s;
    std::vector<std::string> hostile = {
        "\"",
        "\"\"\"",
        "educación\"",
        "*",
        "**educ*",
        "NEAR",
        "NEAR(a b)",
        "a NEAR b",
        "AND",
        "derechos AND",
        "OR OR OR",
        "NOT derechos",
        "(((",
        ")",
        "derechos)",
        "title:x",
        "{title body}: x",
        "^derechos",
        "-",
        "+",
        "a'b",
        "'; DROP TABLE items; --",
        "\x01\x02",
        std::string(10000, 'x'),
        std::string(10000, '('),
        "caf\xC3",
        "\xFF\xFE\xFD",
        "edu\xC3\x28"
        "cacion",
        std::string("\0derechos", 9),
        "🙂 derechos",
    };
    for (const auto& query : hostile) {
        auto hits = s.store->search(query, "es", 20);
        CHECK_MESSAGE(hits.ok(), "query failed: " << query.substr(0, 40));
    }
    // The words inside the syntax still count.
    CHECK(contains(hit_ids(s.find("\"derechos\"")), "rights"));
    CHECK(contains(hit_ids(s.find("derechos AND")), "rights"));
    CHECK(contains(hit_ids(s.find("(derechos")), "rights"));
    CHECK(contains(hit_ids(s.find("derechos*")), "rights"));
    // Empty and wordless queries give no hits.
    CHECK(s.find("").empty());
    CHECK(s.find("   ").empty());
    CHECK(s.find("*()\"").empty());
    // When all words together match nothing, any of them may.
    CHECK(contains(hit_ids(s.find("derechos zanahoria")), "rights"));
    // The store still works after all that.
    CHECK(s.store->info().ok());
}

namespace {

// Every hit of every query, with its score, in each language a visitor may use.
std::string ranking_of(const fs::path& store, const std::vector<std::string>& queries) {
    auto opened = ContentStore::open(store);
    REQUIRE(opened.ok());
    std::string out;
    for (const auto& query : queries)
        for (const char* lang : {"es", "en", "fr", "pt", "ht"}) {
            auto found = opened->search(query, lang, 20);
            REQUIRE_MESSAGE(found.ok(), (found.ok() ? "" : found.message()));
            out += query + " [" + lang + "]:";
            for (const auto& h : *found) {
                char score[40];
                std::snprintf(score, sizeof score, "%.17g", h.score);
                out += " " + h.id + "/" + h.language + "=" + score;
            }
            out += "\n";
        }
    return out;
}

void rank_identity_exec(const fs::path& store, const std::string& sql, bool rebuild_index) {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(store.c_str(), &raw) == SQLITE_OK);
    sql::DbHandle db(raw);
    REQUIRE(text::register_search_functions(raw).ok());
    auto done = sql::exec(raw, sql.c_str());
    REQUIRE_MESSAGE(done.ok(), (done.ok() ? "" : done.message()));
    if (rebuild_index) {
        auto built = search_index::build(raw, false);
        REQUIRE_MESSAGE(built.ok(), (built.ok() ? "" : built.message()));
    }
}

}  // namespace

TEST_CASE("search ranks the same with the word counts in item_texts as with FTS5's own sizes") {
    // Schema 9 keeps each text's two lengths in item_texts (the word index has no per-row
    // sizes); BM25F must see exactly what FTS5's size table held before.
    const fs::path dir = guichet::testing::fresh_temp_dir("rank-identity");
    SynthOptions o;
    o.items = 300;
    o.seed = 11;
    REQUIRE(write_synthetic_sources(dir / "src", o));
    CheckReport report;
    const fs::path counted = dir / "counted.db";
    REQUIRE(build_store(dir / "src", counted, report));

    // The same store with the word index of schema 7: FTS5 keeps the sizes, item_texts' are 0.
    const fs::path sized = dir / "sized.db";
    fs::copy_file(counted, sized);
    rank_identity_exec(sized,
                       "DROP TABLE search; DELETE FROM term_stats; DELETE FROM spell_terms;"
                       "DELETE FROM spell_keys; DELETE FROM search_boost;"
                       "CREATE VIRTUAL TABLE search USING fts5(title, text, content = '',"
                       " tokenize = 'guichet', detail = 'full');"
                       "UPDATE item_texts SET title_words = 0, text_words = 0;",
                       true);

    // Queries from the store's own words: single words, pairs, triples, prefixes.
    std::vector<std::string> words;
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open_v2(counted.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
        sql::DbHandle db(raw);
        auto stmt = sql::Statement::prepare(
            raw, "SELECT term FROM spell_terms WHERE length(term) >= 4 ORDER BY docs DESC, term");
        REQUIRE(stmt.ok());
        while (stmt->step()) words.push_back(stmt->text(0));
        // Every row has its counts, and they are not all alike.
        auto counts = sql::Statement::prepare(
            raw, "SELECT COUNT(*), MIN(title_words), COUNT(DISTINCT text_words) FROM item_texts");
        REQUIRE(counts.ok());
        REQUIRE(counts->step());
        CHECK(counts->integer(0) > 300);
        CHECK(counts->integer(1) > 0);
        CHECK(counts->integer(2) > 20);
    }
    REQUIRE(words.size() > 100);
    std::mt19937 pick(5);
    auto word = [&] { return words[pick() % words.size()]; };
    std::vector<std::string> queries;
    for (int i = 0; i < 40; ++i) queries.push_back(word());
    for (int i = 0; i < 40; ++i) queries.push_back(word() + " " + word());
    for (int i = 0; i < 20; ++i) queries.push_back(word() + " " + word() + " " + word());
    for (int i = 0; i < 20; ++i) queries.push_back(word().substr(0, 3));

    const std::string expected = ranking_of(sized, queries);
    CHECK(std::count(expected.begin(), expected.end(), '=') > 3000);  // hits, not empty lists
    CHECK(ranking_of(counted, queries) == expected);

    // The counts are what ranks: other counts rank otherwise.
    const fs::path skewed = dir / "skewed.db";
    fs::copy_file(counted, skewed);
    rank_identity_exec(skewed, "UPDATE item_texts SET text_words = text_words * 3 + 5;", false);
    CHECK(ranking_of(skewed, queries) != expected);
}

TEST_CASE("a word in too many texts to rank them all still finds the text published last") {
    // Search ranks a bounded share of each language's matches: the first in id order and the
    // last. Sync gives a text published after the others the ids after theirs, so a notice
    // added today must not drop out of a common word's results.
    SourceDir dir;
    for (int i = 0; i < 150; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "articles/aviso-%03d.es.md", i);
        dir.write(name, "---\ntitle: Aviso " + std::to_string(i) +
                            "\ncategories: rights\nreviewed: 2026-11-01\n---\nEl consulado atiende "
                            "con cita previa, aviso número " +
                            std::to_string(i) + ".\n");
    }
    dir.write("articles/zz-horario.es.md",
              "---\ntitle: Consulado, horario nuevo\ncategories: rights\nreviewed: "
              "2026-12-01\n---\nEl consulado abre también los "
              "sábados.\n");
    const fs::path path = dir.root() / "content.db";
    CheckReport report;
    REQUIRE(build_store(dir.src(), path, report).ok());
    {
        auto db = guichet::content::sql::open(path, SQLITE_OPEN_READONLY);
        REQUIRE(db);
        auto before = guichet::content::sql::Statement::prepare(
            db->get(),
            "SELECT count(*) FROM item_texts WHERE lang = 'es' AND body LIKE '%consulado%' AND "
            "id < (SELECT id FROM item_texts WHERE item_id = 'zz-horario' AND lang = 'es')");
        REQUIRE(before);
        REQUIRE(before->step());
        REQUIRE(before->integer(0) >= 150);  // the newest text comes after every other match
    }
    auto opened = ContentStore::open(path);
    REQUIRE(opened.ok());
    auto hits = opened->search("consulado", "es", 10);
    REQUIRE_MESSAGE(hits.ok(), (hits.ok() ? "" : hits.message()));
    REQUIRE_FALSE(hits->empty());
    CHECK(hits->front().id == "zz-horario");
    // Both shares count: the first aviso still ranks among the rest.
    auto all = opened->search("consulado aviso", "es", 200);
    REQUIRE(all.ok());
    CHECK(contains(hit_ids(*all), "aviso-000"));
}
