// SPDX-License-Identifier: GPL-3.0-or-later
// Code-valued fields and their names: the compiler writes the kiosk's name of every code the set
// uses in each language (code_names), and search finds an item by those names in any language.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>

#include "content/compiler.h"
#include "content/store.h"
#include "fixture.h"
#include "sqlite_util.h"

using namespace guichet::content;
using fixture::SourceDir;
namespace fs = std::filesystem;

namespace {

bool finds(const ContentStore& store, const char* query, const char* lang, const char* id) {
    auto found = store.search(query, lang, SearchOptions{.limit = 20, .correct_spelling = false});
    REQUIRE(found.ok());
    return std::any_of(found->hits.begin(), found->hits.end(),
                       [&](const SearchHit& hit) { return hit.id == id; });
}

}  // namespace

TEST_CASE("code names: a programme of sector 'agriculture' is found by agricultura and agriculture") {
    SourceDir dir;
    // Neither text names the sector in words: only the code does.
    dir.write("programmes/cosecha.es.md",
              "---\ntitle: Programa de cosecha\ncategories: rights\nreviewed: 2026-11-01\n"
              "kind: seasonal-work\nsector: agriculture\n---\nTrabajo por temporadas en Canadá.\n");
    dir.write("programmes/cosecha.en.md",
              "---\ntitle: Harvest programme\n---\nWork by the season in Canada.\n");
    dir.write("programmes/fabrica.es.md",
              "---\ntitle: Programa de fábrica\ncategories: rights\nreviewed: 2026-11-01\n"
              "kind: job-insertion\nsector: manufactura\n---\nTrabajo en fábricas.\n");
    const fs::path path = dir.root() / "content.db";
    CheckReport report;
    auto built = build_store(dir.src(), path, report);
    REQUIRE_MESSAGE(built.ok(), (built.ok() ? "" : built.message()));
    auto store = ContentStore::open(path);
    REQUIRE(store.ok());

    CHECK(finds(*store, "agricultura", "es", "cosecha"));
    CHECK(finds(*store, "agriculture", "en", "cosecha"));
    CHECK(finds(*store, "agriculture", "es", "cosecha"));  // the English row's name
    CHECK_FALSE(finds(*store, "agricultura", "es", "fabrica"));
    // The programme's kind by its name too; a sector without a name stays as written.
    CHECK(finds(*store, "temporal", "es", "cosecha"));
    CHECK(finds(*store, "manufactura", "es", "fabrica"));
    // Services of the fixture's institutions, by their Spanish names (service.legal-aid).
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sql::DbHandle db(raw);
    auto rows = sql::Statement::prepare(
        db.get(), "SELECT field || ' ' || code || ' ' || lang || ' ' || name FROM code_names"
                  " WHERE code IN ('agriculture', 'seasonal-work') ORDER BY 1");
    REQUIRE(rows.ok());
    std::string seen;
    while (rows->step()) seen += rows->text(0) + "\n";
    CHECK(seen.find("sector agriculture es Agricultura\n") != std::string::npos);
    CHECK(seen.find("sector agriculture en Agriculture\n") != std::string::npos);
    CHECK(seen.find("sector agriculture ht Agrikilti\n") != std::string::npos);
    CHECK(seen.find("programme seasonal-work es Trabajo temporal\n") != std::string::npos);
    CHECK(seen.find("manufactura") == std::string::npos);

    // The coverage report counts the same codes in es, en and ht; titles, bodies and
    // descriptions are counted where some language has them.
    auto reading = [&](const std::string& lang, const std::string& what) {
        for (const ReadingRow& row : report.reading)
            if (row.language == lang && row.what == what) return std::make_pair(row.have, row.total);
        return std::make_pair(-1, -1);
    };
    const auto names_es = reading("es", "code names");
    REQUIRE(names_es.second > 2);
    // Three written as words, not codes: sectors 'manufactura' and 'agricultura', theme 'retorno'.
    CHECK(names_es.first == names_es.second - 3);
    CHECK(reading("ht", "code names") == names_es);
    CHECK(reading("en", "bodies").second == reading("es", "bodies").second);
    CHECK(reading("es", "titles").first == reading("es", "titles").second);
    CHECK(reading("en", "titles").first < reading("en", "titles").second);
    const std::string table = format_reading(report.reading);
    CHECK(table.find("code names") != std::string::npos);
    CHECK(table.find(std::to_string(names_es.first) + "/" + std::to_string(names_es.second)) !=
          std::string::npos);
}
