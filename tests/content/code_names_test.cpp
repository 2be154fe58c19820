// SPDX-License-Identifier: GPL-3.0-or-later
// Code-valued fields and their names: the set's names table (names.csv) and the kiosk's own
// catalogue name every code the set uses in each language (code_names, staff's names first), the
// check fails on a code with no name in the base language, and search finds an item by those
// names in any language.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>

#include "content/compiler.h"
#include "content/store.h"
#include "fixture.h"
#include "problems.h"
#include "sqlite_util.h"

using namespace guichet::content;
using fixture::joined;
using fixture::problems_in;
using fixture::reports;
using fixture::SourceDir;
namespace fs = std::filesystem;

namespace {

// Every code_names row of a store as "field code lang name" lines, sorted.
std::string code_name_rows(const fs::path& path, const char* where = "1") {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    guichet::content::sql::DbHandle db(raw);
    auto rows = guichet::content::sql::Statement::prepare(
        db.get(), ("SELECT field || ' ' || code || ' ' || lang || ' ' || name FROM code_names"
                   " WHERE " + std::string(where) + " ORDER BY 1").c_str());
    REQUIRE(rows.ok());
    std::string seen;
    while (rows->step()) seen += rows->text(0) + "\n";
    return seen;
}

bool finds(const ContentStore& store, const char* query, const char* lang, const char* id) {
    auto found = store.search(query, lang, SearchOptions{.limit = 20, .correct_spelling = false});
    REQUIRE(found.ok());
    return std::any_of(found->hits.begin(), found->hits.end(),
                       [&](const SearchHit& hit) { return hit.id == id; });
}

}  // namespace

TEST_CASE("code names: a programme of sector 'agriculture' is found by agricultura and agriculture") {
    SourceDir dir;
    // The fixture's names for its Spanish-worded codes, and one for the new sector.
    dir.write("names.csv",
              fixture::valid_set().at("names.csv") + "sector,manufactura,Manufactura,Manufacturing,,,\n");
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
    // The programme's kind by its name too, and a sector by the name staff gave it.
    CHECK(finds(*store, "temporal", "es", "cosecha"));
    CHECK(finds(*store, "manufactura", "es", "fabrica"));
    const std::string seen = code_name_rows(path, "code IN ('agriculture', 'seasonal-work', 'manufactura')");
    CHECK(seen.find("sector agriculture es Agricultura\n") != std::string::npos);
    CHECK(seen.find("sector agriculture en Agriculture\n") != std::string::npos);
    CHECK(seen.find("sector agriculture ht Agrikilti\n") != std::string::npos);
    CHECK(seen.find("programme seasonal-work es Trabajo temporal\n") != std::string::npos);
    CHECK(seen.find("sector manufactura en Manufacturing\n") != std::string::npos);
    CHECK(seen.find("sector manufactura fr") == std::string::npos);

    // The coverage report counts the same codes in es, en and ht; titles, bodies and
    // descriptions are counted where some language has them.
    auto reading = [&](const std::string& lang, const std::string& what) {
        for (const ReadingRow& row : report.reading)
            if (row.language == lang && row.what == what) return std::make_pair(row.have, row.total);
        return std::make_pair(-1, -1);
    };
    const auto names_es = reading("es", "code names");
    REQUIRE(names_es.second > 2);
    // Every code has its Spanish name; 'manufactura' has none in Creole.
    CHECK(names_es.first == names_es.second);
    CHECK(reading("ht", "code names").first == names_es.second - 1);
    CHECK(reading("en", "bodies").second == reading("es", "bodies").second);
    CHECK(reading("es", "titles").first == reading("es", "titles").second);
    CHECK(reading("en", "titles").first < reading("en", "titles").second);
    const std::string table = format_reading(report.reading);
    CHECK(table.find("code names") != std::string::npos);
    CHECK(table.find(std::to_string(names_es.first) + "/" + std::to_string(names_es.second)) !=
          std::string::npos);
}

TEST_CASE("code names: staff's names override the kiosk's and add languages it lacks") {
    SourceDir dir;
    dir.write("names.csv", fixture::valid_set().at("names.csv") +
                               "service,shelter,Albergue temporal,,,,\n"
                               "kind,ngo,,,,,ONG (òganizasyon san bi likratif)\n");
    const fs::path path = dir.root() / "content.db";
    CheckReport report;
    auto built = build_store(dir.src(), path, report);
    REQUIRE_MESSAGE(built.ok(), (built.ok() ? "" : built.message()));
    const std::string seen = code_name_rows(path, "code IN ('ngo', 'shelter', 'food')");
    INFO(seen);
    CHECK(seen.find("service shelter es Albergue temporal\n") != std::string::npos);  // staff's
    CHECK(seen.find("service shelter en Shelter\n") != std::string::npos);            // kiosk's
    CHECK(seen.find("service food es Alimentación\n") != std::string::npos);
    CHECK(seen.find("kind ngo ht ONG (òganizasyon san bi likratif)\n") != std::string::npos);
    CHECK(seen.find("kind ngo es Organización sin fines de lucro\n") != std::string::npos);
    // The store's API gives the same rows to the kiosk.
    auto store = ContentStore::open(path);
    REQUIRE(store.ok());
    auto names = store->code_names();
    REQUIRE(names.ok());
    CHECK(std::any_of(names->begin(), names->end(), [](const CodeName& n) {
        return n.field == "service" && n.code == "shelter" && n.lang == "es" &&
               n.name == "Albergue temporal";
    }));
    // Search finds the institution by staff's name of its service.
    CHECK(finds(*store, "temporal", "es", "inst-b"));
}

TEST_CASE("code names: a code with no name in the base language fails the check at its row") {
    SourceDir dir;
    dir.remove("names.csv");
    const auto problems = problems_in(dir);
    INFO(joined(problems));
    // The programme's sector, at its front-matter line; the cooperation theme, at its cell.
    CHECK(reports(problems, "programmes/sawp.es.md:8: sector 'agricultura' has no name in es (the "
                            "base language), so visitors would read the code: name it in "
                            "names.csv, a row sector,agricultura,…"));
    CHECK(reports(problems, "cooperation.csv:2:4: theme 'retorno' has no name in es"));
    CHECK(problems.size() == 2);

    // Named in Spanish only: clean, and each other language gets one warning listing its gaps.
    dir.write("names.csv", "field,code,name@es\nsector,agricultura,Agricultura\ntheme,retorno,Retorno\n");
    CheckReport report = check_sources(dir.src());
    INFO(joined(report.warnings));
    CHECK(report.ok());
    const std::string warnings = joined(report.warnings);
    for (const char* lang : {"en", "fr", "pt", "ht"})
        CHECK(warnings.find(std::string("names.csv:0: no name in ") + lang +
                            " for 2 of the codes used") != std::string::npos);
    CHECK(warnings.find("sector agricultura, theme retorno") != std::string::npos);
    CHECK(warnings.find("no name in es") == std::string::npos);

    // A base language the kiosk has no words in: even its fixed codes need staff's names.
    SourceDir german;
    german.write("languages.csv", "code,native_name,base,fallback\nde,Deutsch,yes,\n");
    german.write("categories.csv",
                 "id,icon,types,title@de\nrights,rights,,Rechte\ndirectory,institutions,"
                 "institution,Einrichtungen\nlaws,legislation,legislation,Gesetze\n");
    for (const char* gone : {"articles/rights.es.md", "articles/rights.en.md",
                             "articles/rights.ht.md", "articles/escuela.es.md",
                             "articles/ecole.es.md", "articles/ecole.fr.md",
                             "articles/guatemala-es.es.md", "articles/guatemala-en.es.md",
                             "articles/guatemala-en.en.md", "news/bulletin-1.es.md",
                             "news/bulletin-2.es.md", "programmes/sawp.es.md", "cooperation.csv",
                             "statistics/series.csv", "statistics/values.csv", "names.csv"})
        german.remove(gone);
    german.write("legislation.csv",
                 "id,country,year,kind,official_reference,url,title@de,categories,reviewed\n"
                 "de-gesetz,DE,2004,law,,,Aufenthaltsgesetz,laws,2026-06-01\n");
    german.write("institutions.csv",
                 "id,kind,name,services,languages,address,city,country,phone,email,website,lat,"
                 "lon,categories,reviewed\n"
                 "stelle,ngo,Beratungsstelle,legal-aid,de,,Berlin,DE,,,,,,,2026-07-01\n");
    auto german_problems = problems_in(german);
    INFO(joined(german_problems));
    CHECK(reports(german_problems, "institutions.csv:2:2: kind 'ngo' has no name in de"));
    CHECK(reports(german_problems, "institutions.csv:2:4: service 'legal-aid' has no name in de"));
    CHECK(reports(german_problems, "legislation.csv:2:4: law 'law' has no name in de"));
    CHECK(german_problems.size() == 3);
    german.write("names.csv", "field,code,name@de\nkind,ngo,Verein\nservice,legal-aid,Rechtsberatung\n"
                              "law,law,Gesetz\n");
    CHECK(problems_in(german).empty());
}

TEST_CASE("code names: each slip in names.csv is its file:line:column") {
    SourceDir dir;
    const std::string long_name(260, 'x');
    dir.write("names.csv", fixture::valid_set().at("names.csv") +
                               "sectr,agricultura,Agricultura,,,,\n"           // line 4
                               "sector,,Algo,,,,\n"                            // line 5
                               "sector,agricultura,Otra vez,,,,\n"             // line 6
                               "theme,consular,,,,,\n"                         // line 7
                               "theme,asuntos,Asuntos,,,,\n"                   // line 8
                               "unit,persons," + long_name + ",,,,\n"          // line 9
                               "service,laundry,Lavandería,,,,\n");            // line 10
    CheckReport report = check_sources(dir.src());
    std::vector<std::string> problems, warnings;
    for (const auto& p : report.problems) problems.push_back(p.to_string());
    for (const auto& w : report.warnings) warnings.push_back(w.to_string());
    INFO(joined(problems) << joined(warnings));
    CHECK(reports(problems, "names.csv:4:1: column A 'field': unknown field 'sectr'; did you mean "
                            "'sector'?"));
    CHECK(reports(problems, "names.csv:5:2: column B 'code': missing code"));
    CHECK(reports(problems, "names.csv:6: sector 'agricultura' already has a row (line 2): put "
                            "all its names there"));
    CHECK(reports(problems, "names.csv:7: no name for theme 'consular' in any language"));
    CHECK(reports(problems, "names.csv:9:3: column C 'name@es': a name of 260 bytes (at most 200)"));
    CHECK(problems.size() == 5);
    // Names for codes no item uses: a warning when the kiosk does not know the code either.
    CHECK(reports(warnings, "names.csv:8: no item uses theme 'asuntos' (a slip in the code?)"));
    CHECK(reports(warnings, "names.csv:10: no item uses service 'laundry'"));
    CHECK_FALSE(reports(warnings, "names.csv:7"));

    // A code written as staff's own name of it (the names table's) is suggested by that name.
    dir.write("names.csv", fixture::valid_set().at("names.csv") + "service,shelter,Albergue temporal,,,,\n");
    std::string institutions = fixture::valid_set().at("institutions.csv");
    institutions.replace(institutions.find("shelter;food"), 12, "Albergue Temporal;food");
    dir.write("institutions.csv", institutions);
    auto named = problems_in(dir);
    INFO(joined(named));
    REQUIRE(named.size() == 1);
    CHECK(reports(named, "institutions.csv:3:7: column G 'services': unknown service 'Albergue "
                         "Temporal'; did you mean 'shelter' (Albergue temporal)?"));
    dir.write("institutions.csv", fixture::valid_set().at("institutions.csv"));

    // A names table that cannot be read is one message, not one per code it would have named.
    dir.write("names.csv", "nombre,apellido\nsector,agricultura\n");
    auto refused = problems_in(dir);
    INFO(joined(refused));
    REQUIRE(refused.size() == 1);
    CHECK(reports(refused, "names.csv:0: no header row"));

    // Headers as staff write them in Spanish, and a language the set does not have.
    dir.write("names.csv", "Campo,Código,Nombre (español),nombre@de\nsector,agricultura,Agricultura,"
                           "Landwirtschaft\ntheme,retorno,Retorno,\n");
    auto header = problems_in(dir);
    INFO(joined(header));
    REQUIRE(header.size() == 1);
    CHECK(reports(header, "names.csv:1:4: unknown column D 'nombre@de': language 'de' is not in "
                          "languages.csv"));
}
