// SPDX-License-Identifier: GPL-3.0-or-later
// Search that forgives spelling: edit distance, sound-alike keys per language, the spelling
// index built into the store, synonyms, ranking, help when nothing matches, and the
// misspelling set (data/misspellings.csv) over the bundled sample with its top-3 hit rate.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "content/compiler.h"
#include "content/store.h"
#include "fixture.h"
#include "spelling.h"
#include "text_search.h"

using namespace guichet::content;
namespace fs = std::filesystem;

namespace {

std::string key(const char* word) { return spelling::phonetic_key(text::fold(word)); }

struct Built {
    fs::path root;
    std::optional<ContentStore> store;
    explicit Built(const fs::path& src, const char* name) {
        root = fs::temp_directory_path() / (std::string("guichet-spelling-") + name + "-" +
                                            std::to_string(::getpid()));
        fs::remove_all(root);
        fs::create_directories(root);
        CheckReport report;
        auto built = build_store(src, root / "content.db", report);
        std::string problems;
        for (const auto& p : report.problems) problems += p.to_string() + "\n";
        REQUIRE_MESSAGE(built.ok(), problems);
        auto opened = ContentStore::open(root / "content.db");
        REQUIRE(opened.ok());
        store.emplace(std::move(opened).value());
    }
    ~Built() { fs::remove_all(root); }
    SearchResult find(std::string_view query, std::string_view lang, bool correct = true) {
        auto result = store->search(query, lang, SearchOptions{.limit = 20,
                                                               .correct_spelling = correct});
        REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.message()));
        return *result;
    }
};

std::vector<std::string> ids(const SearchResult& r, size_t n = 99) {
    std::vector<std::string> out;
    for (size_t i = 0; i < r.hits.size() && i < n; ++i) out.push_back(r.hits[i].id);
    return out;
}

Built& sample() {
    static Built built(GUICHET_SAMPLE_CONTENT, "sample");
    return built;
}

}  // namespace

TEST_CASE("edit distance: Damerau-Levenshtein over letters, bounded") {
    CHECK(spelling::distance("refugio", "refugio", 1) == 0);
    CHECK(spelling::distance("refugio", "refugo", 1) == 1);     // a letter left out
    CHECK(spelling::distance("refugio", "refuigo", 1) == 1);    // two letters swapped
    CHECK(spelling::distance("refugio", "refujio", 1) == 1);    // one letter changed
    CHECK(spelling::distance("refugio", "reffugio", 1) == 1);   // one letter added
    CHECK(spelling::distance("pasaporte", "pasport", 3) == 2);
    CHECK(spelling::distance("pasaporte", "pasaport", 0) == 1);  // stops at max + 1
    CHECK(spelling::distance("ab", "abcdef", 2) == 3);
    // Letters, not bytes: é against e is one edit.
    CHECK(spelling::distance("réfugié", "refugie", 2) == 2);
    CHECK(spelling::distance("لجوء", "لجو", 1) == 1);
    CHECK(spelling::edit_budget(3) == 0);
    CHECK(spelling::edit_budget(4) == 1);
    CHECK(spelling::edit_budget(7) == 1);
    CHECK(spelling::edit_budget(8) == 2);
}

TEST_CASE("deletions: every string up to n letters shorter, once") {
    auto one = spelling::deletions("abc", 1);
    CHECK(one == std::vector<std::string>{"ab", "abc", "ac", "bc"});
    auto two = spelling::deletions("abcd", 2);
    CHECK(two.size() == 1 + 4 + 6);
    CHECK(spelling::deletions("aab", 1).size() == 3);  // aab, ab, aa
    CHECK(spelling::deletions("é", 1) == std::vector<std::string>{"é"});
}

TEST_CASE("sound-alike keys: Spanish spellings by ear") {
    CHECK(key("regularización") == key("regularisacion"));
    CHECK(key("regularización") == key("regularizasion"));
    CHECK(key("refugio") == key("refujio"));           // g before i sounds j
    CHECK(key("migración") == key("migrasion"));       // c before i sounds s
    CHECK(key("vivienda") == key("bibienda"));         // v and b
    CHECK(key("calle") == key("caye"));                // ll and y
    CHECK(key("hospital") == key("ospital"));          // silent h
    CHECK(key("embajada") == key("enbajada"));         // m before b
    CHECK(key("quién") == key("kien"));                // qu before e, i
    CHECK(key("cuando") != key("kando"));              // the u of cua is heard
    CHECK(key("guerra") == key("guera"));              // the u of gue is mute
    CHECK(key("guerra") != key("jerra"));              // and the g stays hard
    CHECK(key("casa") != key("cosa"));                 // vowels are kept
}

TEST_CASE("sound-alike keys: Portuguese, French and Creole") {
    // Portuguese
    CHECK(key("trabalho") == key("trabayo"));          // lh and y
    CHECK(key("situação") == key("situasao"));
    CHECK(key("passaporte") == key("pasaporte"));      // doubled letters once
    // French
    CHECK(key("nouveau") == key("nuveau"));            // ou and u
    CHECK(key("phare") == key("fare"));
    CHECK(key("migration") == key("migrasion"));       // tion sounds sion
    CHECK(key("qualifié") == key("kalifie"));
    CHECK(key("chez") == key("shez"));
    // Haitian Creole, written by ear from French
    CHECK(key("travay") == key("trabay"));
    CHECK(key("wout") == key("uut"));                  // w and ou are one sound
    CHECK(key("sitiyasyon") == key("sitiyazyon"));
    // Outside Latin script the key is the word.
    CHECK(key("لجوء") == text::fold("لجوء"));
}

TEST_CASE("the store holds each language's vocabulary and its spelling index") {
    auto& built = sample();
    // A Spanish visitor's by-ear spellings find the Spanish words.
    auto r = built.find("regularisacion", "es");
    REQUIRE_FALSE(r.hits.empty());
    CHECK(ids(r, 3) == ids(built.find("regularización", "es"), 3));
    CHECK(r.typed_query == "regularisacion");
    CHECK(r.corrected_query == "regularización");
    r = built.find("refujio", "es");
    REQUIRE_FALSE(r.hits.empty());
    CHECK(ids(r, 3) == std::vector<std::string>(ids(built.find("refugio", "es"), 3)));
    CHECK(r.corrected_query == "refugio");
    r = built.find("migrasion", "es");
    CHECK_FALSE(r.hits.empty());
    CHECK(r.corrected_query == "migración");
    // English written by a Spanish speaker: the nearest word of any language.
    r = built.find("pasport", "es");
    CHECK(r.corrected_query.empty() == r.hits.empty());
    // The typed words stay around the corrected one, as typed.
    r = built.find("Programa interamerikano", "es");
    REQUIRE_FALSE(r.hits.empty());
    CHECK(r.corrected_query == "Programa interamericano");
    CHECK(r.typed_query == "Programa interamerikano");
    // A word the store has is never corrected; with correction off nothing is.
    CHECK(built.find("refugio", "es").corrected_query.empty());
    CHECK(built.find("refujio", "es", false).hits.empty());
    // Short words are left alone: too many neighbours.
    CHECK(built.find("azl", "ht").corrected_query.empty());
}

TEST_CASE("typing letter by letter: a sound-alike prefix finds the word being written") {
    auto& built = sample();
    auto r = built.find("refuj", "es");
    REQUIRE_FALSE(r.hits.empty());
    const auto top = ids(r, 5);
    CHECK(std::find(top.begin(), top.end(), "asylum") != top.end());
    // A prefix the store has works as before.
    CHECK_FALSE(built.find("refu", "es").hits.empty());
}

TEST_CASE("nothing found: suggestions and the nearest home areas, never a dead end") {
    fixture::SourceDir dir;
    Built built(dir.src(), "nothing");
    auto r = built.find("zzqqxx", "es");
    CHECK(r.hits.empty());
    CHECK(r.corrected_query.empty());
    CHECK(r.nearest_categories.empty());
    // A word near a home area's title names that area ("Legislación"), though no item has it.
    r = built.find("lejislasiones", "es");
    CHECK(r.hits.empty());
    REQUIRE_FALSE(r.nearest_categories.empty());
    CHECK(r.nearest_categories.front().id == "laws");
    CHECK(r.nearest_categories.front().title == "Legislación");
}

TEST_CASE("synonyms staff write per language widen a search, both ways when asked") {
    fixture::SourceDir dir;
    dir.write("synonyms/es.csv",
              "word,synonyms,both_ways\n"
              "papeles,documentos;sus hijos,\n"
              "colegio,escuela,yes\n");
    dir.write("synonyms/en.csv", "word,synonyms,both_ways\njob,work;employment,\n");
    Built built(dir.src(), "synonyms");
    auto contains = [](const SearchResult& r, const char* id) {
        auto found = ids(r);
        return std::find(found.begin(), found.end(), id) != found.end();
    };
    // The fixture's article "escuela" is titled "Educación para sus hijos": a phrase synonym.
    CHECK_FALSE(contains(built.find("hijos", "es"), "rights"));
    CHECK(contains(built.find("papeles", "es"), "escuela"));
    CHECK(contains(built.find("papeles", "es", false), "escuela"));  // not a correction
    CHECK(built.find("papeles", "es").corrected_query.empty());
    // Both ways: colegio finds escuela's text; and escuela is still found by itself.
    CHECK(contains(built.find("colegio", "es"), "escuela"));
    CHECK(contains(built.find("escuela", "es"), "escuela"));
}

TEST_CASE("synonyms files are checked: file:line and a message staff can act on") {
    fixture::SourceDir dir;
    dir.write("synonyms/es.csv",
              "word,synonyms,both_ways\n"
              "papeles,documentos,\n"
              "papeles,regularización,\n"
              ",vacío,\n"
              "dos palabras,algo,\n"
              "asilo,asilo,\n"
              "visa,pasaporte,maybe\n");
    dir.write("synonyms/xx.csv", "word,synonyms,both_ways\n");
    dir.write("synonyms/notes.md", "hello\n");
    dir.write("synonyms/fr.xlsx", "not a workbook");  // a table file of any format is read
    CheckReport report;
    auto built = build_store(dir.src(), dir.root() / "bad.db", report);
    CHECK_FALSE(built.ok());
    std::string all;
    for (const auto& p : report.problems) all += p.to_string() + "\n";
    CHECK(all.find("synonyms/es.csv:3: 'papeles' already has a row (line 2)") != std::string::npos);
    CHECK(all.find("synonyms/es.csv:4: missing word") != std::string::npos);
    CHECK(all.find("synonyms/es.csv:5: word 'dos palabras' must be one word") != std::string::npos);
    CHECK(all.find("synonyms/es.csv:6: synonym 'asilo' is empty or the word itself") !=
          std::string::npos);
    CHECK(all.find("synonyms/es.csv:7: both_ways must be 'yes' or empty") != std::string::npos);
    CHECK(all.find("synonyms/xx.csv:0: 'xx' is not a language of the set") != std::string::npos);
    CHECK(all.find("synonyms/notes.md:0: expected files named LANG.csv") != std::string::npos);
    CHECK(all.find("synonyms/fr.xlsx:0: ") != std::string::npos);
}

TEST_CASE("ranking: title above body, phrase above scattered, current above stale, essential") {
    fixture::SourceDir dir;
    auto article = [&](const std::string& id, const std::string& title, const std::string& body,
                       const std::string& reviewed, const std::string& tags = "") {
        dir.write("articles/" + id + ".es.md", "---\ntitle: " + title +
                                                   "\ncategories: rights\n" +
                                                   (tags.empty() ? "" : "tags: " + tags + "\n") +
                                                   "reviewed: " + reviewed + "\n---\n" + body +
                                                   "\n");
    };
    const std::string filler =
        " Esta guía explica paso a paso lo que hay que llevar, dónde ir y cuánto tarda cada"
        " trámite, con ejemplos y preguntas frecuentes de otras personas.";
    article("en-titulo", "Consulado móvil", "Información general sobre servicios." + filler,
            "2026-10-01");
    article("en-cuerpo", "Información general",
            "El consulado visita la ciudad cada mes con servicios." + filler, "2026-10-01");
    article("frase-junta", "Guía uno",
            "Aquí se explica la tarjeta de residencia temporal para todos." + filler,
            "2026-10-01");
    article("frase-suelta", "Guía dos",
            "La residencia es un tema, la tarjeta es otro, lo temporal también." + filler,
            "2026-10-01");
    article("vigente", "Oficina de empleo", "Horarios de la bolsa de empleo local." + filler,
            "2026-10-01");
    article("antigua", "Oficina de empleo", "Horarios de la bolsa de empleo local." + filler,
            "2024-01-10");
    article("comun", "Ayuda alimentaria", "Comedores y despensas de la ciudad." + filler,
            "2026-10-01");
    article("esencial", "Ayuda alimentaria", "Comedores y despensas de la ciudad." + filler,
            "2026-10-01", "essential");
    Built built(dir.src(), "ranking");
    auto first = [&](const char* query) {
        auto r = built.find(query, "es");
        REQUIRE_FALSE(r.hits.empty());
        return r.hits.front().id;
    };
    auto order = [&](const char* query) { return ids(built.find(query, "es"), 2); };
    CHECK(first("consulado") == "en-titulo");
    CHECK(order("tarjeta residencia temporal") ==
          std::vector<std::string>{"frase-junta", "frase-suelta"});
    CHECK(order("bolsa empleo") == std::vector<std::string>{"vigente", "antigua"});
    CHECK(order("despensas") == std::vector<std::string>{"esencial", "comun"});
    // The visitor's language first: the Creole text for a Creole visitor, the Spanish one for
    // a Spanish visitor, of the same item.
    auto ht = built.find("dwa", "ht");
    REQUIRE_FALSE(ht.hits.empty());
    CHECK(ht.hits.front().language == "ht");
    auto es = built.find("derechos", "es");
    REQUIRE_FALSE(es.hits.empty());
    CHECK(es.hits.front().language == "es");
}

TEST_CASE("misspelling set: top-3 hit rate over the sample is at least 90 %") {
    auto& built = sample();
    std::ifstream in(fs::path(GUICHET_SOURCE_DIR) / "tests/content/data/misspellings.csv");
    REQUIRE(in);
    std::string line;
    std::getline(in, line);  // header
    int total = 0, found = 0, baseline = 0;
    std::map<std::string, std::pair<int, int>> by_kind;
    std::string misses;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream cut(line);
        for (std::string cell; std::getline(cut, cell, ',');) cells.push_back(cell);
        REQUIRE(cells.size() == 5);
        const std::string &lang = cells[0], &typed = cells[1], &correct = cells[2],
                          &kind = cells[3], &expected = cells[4];
        std::vector<std::string> wanted;
        std::stringstream list(expected);
        for (std::string id; std::getline(list, id, ';');) wanted.push_back(id);
        auto in_top3 = [&](const SearchResult& r) {
            for (const auto& id : ids(r, 3))
                if (std::find(wanted.begin(), wanted.end(), id) != wanted.end()) return true;
            return false;
        };
        ++total;
        // The item named, or what the correct spelling finds first: the misspelling should
        // find what the word meant finds (ranking is tested on its own).
        const auto right = built.find(correct, lang);
        const bool base = in_top3(right);
        baseline += base;
        if (!right.hits.empty()) wanted.push_back(right.hits.front().id);
        const bool hit = in_top3(built.find(typed, lang));
        found += hit;
        by_kind[kind].first += hit;
        ++by_kind[kind].second;
        if (!hit) misses += "  " + lang + " '" + typed + "' (" + correct + ")\n";
    }
    const double rate = 100.0 * found / total;
    std::printf("misspelling set: %d queries, top-3 hit rate %.1f %% (%d; the item named or the "
                "correct spelling's first hit), correct spellings find the item named: %.1f %%\n",
                total, rate, found, 100.0 * baseline / total);
    for (const auto& [kind, counts] : by_kind)
        std::printf("  %-10s %3d/%3d\n", kind.c_str(), counts.first, counts.second);
    std::printf("misses:\n%s", misses.c_str());
    CHECK(total >= 200);
    CHECK(rate >= 90.0);
}
