// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "content/compiler.h"
#include "fixture.h"
#include "problems.h"

using namespace guichet::content;
using fixture::SourceDir;
namespace fs = std::filesystem;

using fixture::joined;
using fixture::problems_in;
using fixture::reports;

namespace {

#define CHECK_REPORTS(dir, expected)              \
    do {                                          \
        auto problems_ = problems_in(dir);        \
        INFO("problems:\n" << joined(problems_)); \
        CHECK(reports(problems_, expected));      \
    } while (0)

std::string replace(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "fixture text not found: " << from);
    return text.replace(at, from.size(), to);
}

void edit(SourceDir& dir, const std::string& file, const std::string& from, const std::string& to) {
    dir.write(file, replace(fixture::valid_set().at(file), from, to));
}

}  // namespace

TEST_CASE("the fixture set is clean and its coverage is counted") {
    SourceDir dir;
    auto report = check_sources(dir.src());
    INFO(joined(problems_in(dir)));
    CHECK(report.ok());
    CHECK(report.item_count == 13);
    auto cell = [&](const std::string& lang, ItemType type) {
        for (const auto& row : report.coverage)
            if (row.language == lang && row.type == type)
                return std::make_pair(row.translated, row.total);
        return std::make_pair(-1, -1);
    };
    CHECK(cell("es", ItemType::article) == std::make_pair(5, 5));
    CHECK(cell("en", ItemType::article) == std::make_pair(2, 5));
    CHECK(cell("ht", ItemType::article) == std::make_pair(1, 5));
    CHECK(cell("fr", ItemType::institution) == std::make_pair(1, 2));
    CHECK(cell("en", ItemType::statistics) == std::make_pair(1, 1));
    CHECK(cell("pt", ItemType::legislation) == std::make_pair(0, 1));
    std::string table = format_coverage(report.coverage);
    CHECK(table.find("ht") != std::string::npos);
    CHECK(table.find("1/5") != std::string::npos);
}

TEST_CASE("unknown and missing CSV columns") {
    SourceDir dir;
    edit(dir, "institutions.csv", "lat,lon,", "lat,lon,fax,");
    CHECK_REPORTS(dir, "institutions.csv:1:18: unknown column R 'fax'");
    SourceDir missing;
    edit(missing, "legislation.csv", "id,country,year,", "id,country,");
    CHECK_REPORTS(missing, "legislation.csv:1: missing column 'year'");
    SourceDir unknown_lang;
    edit(unknown_lang, "legislation.csv", "title@en", "title@de");
    CHECK_REPORTS(unknown_lang, "legislation.csv:1:8: unknown column H 'title@de': language 'de'");
}

TEST_CASE("unknown and missing front-matter keys") {
    SourceDir dir;
    edit(dir, "articles/escuela.es.md", "reviewed: 2026-09-01\n",
         "reviewed: 2026-09-01\nauthor: x\n");
    CHECK_REPORTS(dir, "articles/escuela.es.md:5: unknown key 'author'");
    SourceDir missing;
    edit(missing, "articles/escuela.es.md", "reviewed: 2026-09-01\n", "");
    CHECK_REPORTS(missing, "articles/escuela.es.md:1: missing reviewed date");
    SourceDir shared;
    edit(shared, "articles/rights.en.md", "---\n#", "reviewed: 2026-01-01\n---\n#");
    CHECK_REPORTS(shared, "articles/rights.en.md:4: 'reviewed' belongs in the base-language file");
    SourceDir no_title;
    edit(no_title, "articles/rights.ht.md", "title: Dwa ou kòm travayè migran\n", "");
    CHECK_REPORTS(no_title, "articles/rights.ht.md:1: missing key 'title'");
    SourceDir no_fence;
    no_fence.write("news/bulletin-2.es.md", "title: x\n\nbody\n");
    CHECK_REPORTS(no_fence, "news/bulletin-2.es.md:1: missing front matter");
    SourceDir bad_line;
    edit(bad_line, "news/bulletin-2.es.md", "date: 2026-11-01\n", "date: 2026-11-01\njust words\n");
    CHECK_REPORTS(bad_line, "news/bulletin-2.es.md:6: expected 'key: value'");
}

TEST_CASE("missing base-language text") {
    SourceDir md;
    md.write("articles/only-french.fr.md", "---\ntitle: Seulement en français\n---\nTexte.\n");
    CHECK_REPORTS(
        md,
        "articles/only-french.fr.md:1: missing base-language text: no articles/only-french.es.md");
    SourceDir csv;
    edit(csv, "legislation.csv", "Ley de Migración,Migration Act", ",Migration Act");
    CHECK_REPORTS(csv, "legislation.csv:2:7: missing base-language text: title@es");
    SourceDir summary;
    edit(summary, "institutions.csv", "Asesoría gratuita,Free advice", ",Free advice");
    CHECK_REPORTS(summary,
                  "institutions.csv:2:5: missing base-language text: description@es is empty");
    SourceDir category;
    edit(category, "categories.csv", "rights,rights,,Derechos,", "rights,rights,,,");
    CHECK_REPORTS(category, "categories.csv:2: missing base-language text: title@es");
    SourceDir body;
    edit(body, "articles/ecole.es.md", "Inscribir a los niños.\n", "\n");
    CHECK_REPORTS(body, "articles/ecole.es.md:6: missing body text");
}

TEST_CASE("duplicate and malformed ids") {
    SourceDir duplicate;
    edit(duplicate, "legislation.csv", "mx-ley-migracion,", "rights,");
    CHECK_REPORTS(
        duplicate,
        "legislation.csv:2:1: duplicate id 'rights' (first defined at articles/rights.es.md:1)");
    SourceDir malformed;
    edit(malformed, "institutions.csv", "inst-b,", "Inst_B,");
    CHECK_REPORTS(malformed, "institutions.csv:3:1: column A 'id': malformed id 'Inst_B'");
    SourceDir long_id;
    long_id.write("articles/" + std::string(65, 'a') + ".es.md",
                  "---\ntitle: x\ncategories: rights\nreviewed: 2026-01-01\n---\nx\n");
    CHECK_REPORTS(long_id, "articles/" + std::string(65, 'a') + ".es.md:0: malformed id");
    SourceDir file_name;
    file_name.write("articles/notes.md", "x");
    CHECK_REPORTS(file_name, "articles/notes.md:0: file name must be ID.LANG.md");
}

TEST_CASE("links and category references must resolve") {
    SourceDir link;
    edit(link, "articles/rights.es.md", "item:inst-a", "item:nowhere");
    CHECK_REPORTS(link, "articles/rights.es.md:10: broken link: item:nowhere");
    SourceDir category;
    edit(category, "legislation.csv", "laws,2026", "leyes,2026");
    CHECK_REPORTS(category, "legislation.csv:2: unknown category 'leyes'");
    SourceDir md_category;
    edit(md_category, "articles/escuela.es.md", "categories: rights", "categories: rights; school");
    CHECK_REPORTS(md_category, "articles/escuela.es.md:3: unknown category 'school'");
    SourceDir series;
    edit(series, "statistics/values.csv", "flows,CO", "floes,CO");
    CHECK_REPORTS(series,
                  "statistics/values.csv:4:1: column A 'series': series 'floes' is not in statistics/series.csv");
}

TEST_CASE("invalid UTF-8 is reported by line") {
    SourceDir md;
    edit(md, "news/bulletin-1.es.md", "Novedades",
         "Noved\xC3\x28"
         "ades");
    CHECK_REPORTS(md, "news/bulletin-1.es.md:8: invalid UTF-8");
    // A table that is not UTF-8 is read as Windows-1252 (what Excel saves "CSV" as in Spanish,
    // French and Portuguese locales), with a warning that says so.
    SourceDir csv;
    edit(csv, "institutions.csv", "Casa del Migrante",
         "Casa del Migr\xE9"
         "ante");
    auto report = check_sources(csv.src());
    CHECK(report.ok());
    REQUIRE(report.warnings.size() == 1);
    CHECK(report.warnings[0].file == "institutions.csv");
    CHECK(report.warnings[0].message.find("read as windows-1252") != std::string::npos);
}

TEST_CASE("bad coordinates") {
    SourceDir lat;
    edit(lat, "institutions.csv", "19.43,-99.13", "95,-99.13");
    CHECK_REPORTS(lat, "institutions.csv:2:16: column P 'lat': bad coordinates: lat '95'");
    SourceDir lon;
    edit(lon, "institutions.csv", "19.43,-99.13", "19.43,-199.13");
    CHECK_REPORTS(lon, "institutions.csv:2:17: column Q 'lon': bad coordinates: lon '-199.13'");
    SourceDir one;
    edit(one, "institutions.csv", "19.43,-99.13", "19.43,");
    CHECK_REPORTS(one, "institutions.csv:2:17: column Q 'lon': bad coordinates: give both lat and lon");
    SourceDir text;
    edit(text, "institutions.csv", "19.43,-99.13", "north,-99.13");
    CHECK_REPORTS(text, "institutions.csv:2:16: column P 'lat': bad coordinates: lat 'north'");
}

TEST_CASE("bad dates") {
    SourceDir impossible;
    edit(impossible, "legislation.csv", "laws,2026-06-01", "laws,2026-02-30");
    CHECK_REPORTS(impossible, "legislation.csv:2:11: column K 'reviewed': bad date in reviewed: '2026-02-30'");
    SourceDir shape;
    edit(shape, "news/bulletin-1.es.md", "date: 2026-10-01", "date: 1/10/2026");
    CHECK_REPORTS(shape, "news/bulletin-1.es.md:5: bad date in date: '1/10/2026'");
    SourceDir leap;  // 2024 was a leap year: no problem for 29 February.
    edit(leap, "legislation.csv", "laws,2026-06-01", "laws,2024-02-29");
    CHECK(problems_in(leap).empty());
    SourceDir not_leap;
    edit(not_leap, "legislation.csv", "laws,2026-06-01", "laws,2100-02-29");
    CHECK_REPORTS(not_leap, "legislation.csv:2:11: column K 'reviewed': bad date in reviewed: '2100-02-29'");
}

TEST_CASE("malformed CSV rows") {
    SourceDir count;
    edit(count, "legislation.csv", "laws,2026-06-01\n", "laws,2026-06-01,extra\n");
    CHECK_REPORTS(count, "legislation.csv:2: malformed row: 12 columns, the header has 11");
    SourceDir quote;
    edit(quote, "institutions.csv", "\"Albergue, comida\"", "\"Albergue, comida");
    CHECK_REPORTS(quote, "institutions.csv:3: unterminated quoted field");
    SourceDir stray;
    edit(stray, "cooperation.csv", "Oferta de capacitación", "Oferta \"de\" capacitación");
    CHECK_REPORTS(stray, "cooperation.csv:2: quote inside an unquoted field");
    SourceDir multiline;  // A quoted cell may span lines; later rows keep their real line numbers.
    multiline.write(
        "institutions.csv",
        replace(replace(fixture::valid_set().at("institutions.csv"), "\"Albergue, comida\"",
                        "\"Albergue,\ncomida\""),
                "2026-07-02\n", "2026-07-02\ninst-c,ngo,X,,,,food,es,,,gtx,,,,,,,,2026-01-01\n"));
    CHECK_REPORTS(multiline, "institutions.csv:5:11: column K 'country' (row 4 in a spreadsheet): bad country 'gtx'");
}

TEST_CASE("unknown kinds, services, languages and malformed countries") {
    SourceDir kind;
    edit(kind, "institutions.csv", "inst-b,ngo,", "inst-b,charity,");
    CHECK_REPORTS(kind, "institutions.csv:3:2: column B 'kind': unknown kind 'charity'");
    SourceDir service;
    edit(service, "institutions.csv", "shelter;food", "shelter;laundry");
    CHECK_REPORTS(service, "institutions.csv:3:7: column G 'services': unknown service 'laundry'");
    SourceDir spoken;
    edit(spoken, "institutions.csv", "es;en;ht", "es;English");
    CHECK_REPORTS(spoken, "institutions.csv:2:8: column H 'languages': malformed language code 'English'");
    SourceDir country;
    edit(country, "legislation.csv", "mx-ley-migracion,MX,", "mx-ley-migracion,MEXX,");
    CHECK_REPORTS(country, "legislation.csv:2:2: column B 'country': bad country 'MEXX'");
    SourceDir host;
    edit(host, "programmes/sawp.es.md", "host_countries: CA", "host_countries: Kanadá");
    CHECK_REPORTS(host, "programmes/sawp.es.md:6: bad country 'Kanadá'");
    {
        SourceDir named;  // a name is read as its code, with a warning, as in tables
        edit(named, "programmes/sawp.es.md", "host_countries: CA", "host_countries: Canadá");
        CheckReport report = check_sources(named.src());
        CHECK(report.ok());
        REQUIRE(report.warnings.size() >= 1);
        bool found = false;
        for (const auto& w : report.warnings)
            found |= w.to_string() == "programmes/sawp.es.md:6: country 'Canadá' read as CA (write "
                                      "CA to say so yourself)";
        CHECK(found);
    }
    SourceDir programme;
    edit(programme, "programmes/sawp.es.md", "kind: seasonal-work", "kind: holiday");
    CHECK_REPORTS(programme, "programmes/sawp.es.md:5: unknown kind 'holiday'");
    SourceDir norm;
    edit(norm, "legislation.csv", ",law,", ",bill,");
    CHECK_REPORTS(norm, "legislation.csv:2:4: column D 'kind': unknown kind 'bill'");
    SourceDir direction;
    edit(direction, "cooperation.csv", "coop-1,offer,", "coop-1,gift,");
    CHECK_REPORTS(direction, "cooperation.csv:2:2: column B 'direction': unknown direction 'gift'");
    SourceDir icon;
    edit(icon, "categories.csv", "rights,rights,", "rights,star,");
    CHECK_REPORTS(icon, "categories.csv:2: unknown icon 'star'");
    SourceDir language;
    edit(language, "languages.csv", "pt,Português", "Portuguese,Português");
    CHECK_REPORTS(language, "languages.csv:5: malformed language code 'Portuguese'");
    SourceDir fallback;
    edit(fallback, "languages.csv", "ht,Kreyòl ayisyen,,fr en", "ht,Kreyòl ayisyen,,fr de");
    CHECK_REPORTS(fallback, "languages.csv:6: fallback 'de' is not a language of the set");
    SourceDir two_bases;
    edit(two_bases, "languages.csv", "en,English,,es", "en,English,yes,");
    CHECK_REPORTS(two_bases, "languages.csv:3: a second base language");
}

TEST_CASE("every problem is reported in one run, in file order") {
    SourceDir dir;
    edit(dir, "institutions.csv", "19.43,-99.13", "95,-99.13");
    edit(dir, "legislation.csv", "laws,2026-06-01", "laws,2026-13-01");
    edit(dir, "articles/rights.es.md", "item:inst-a", "item:nowhere");
    auto report = check_sources(dir.src());
    REQUIRE(report.problems.size() == 3);
    CHECK(report.problems[0].to_string().rfind("articles/rights.es.md:10:", 0) == 0);
    CHECK(report.problems[1].to_string().rfind("institutions.csv:2:", 0) == 0);
    CHECK(report.problems[2].to_string().rfind("legislation.csv:2:", 0) == 0);
}

TEST_CASE("build refuses bad sources and leaves nothing behind") {
    SourceDir dir;
    edit(dir, "legislation.csv", "laws,2026-06-01", "laws,2026-13-01");
    auto out = dir.root() / "out.db";
    CheckReport report;
    auto built = build_store(dir.src(), out, report);
    CHECK_FALSE(built.ok());
    CHECK(report.problems.size() == 1);
    CHECK_FALSE(fs::exists(out));
    // An existing store stays as it was.
    std::ofstream(out) << "previous store";
    CHECK_FALSE(build_store(dir.src(), out, report).ok());
    CHECK(fixture::read_bytes(out) == "previous store");
    int files = 0;
    for (const auto& entry : fs::directory_iterator(dir.root())) {
        (void)entry;
        ++files;
    }
    CHECK(files == 2);  // src/ and out.db: no temporary file left
}

TEST_CASE("build is deterministic: same sources, same bytes") {
    SourceDir dir;
    CheckReport report;
    auto first = dir.root() / "a.db";
    auto second = dir.root() / "b.db";
    REQUIRE(build_store(dir.src(), first, report).ok());
    REQUIRE(build_store(dir.src(), second, report).ok());
    auto a = fixture::read_bytes(first);
    CHECK(a.size() > 4096);
    CHECK(a == fixture::read_bytes(second));
    // A one-character edit changes the file.
    edit(dir, "articles/escuela.es.md", "todos", "todas");
    auto third = dir.root() / "c.db";
    REQUIRE(build_store(dir.src(), third, report).ok());
    CHECK(a != fixture::read_bytes(third));
}

TEST_CASE("a missing source folder or output folder is an error, not a crash") {
    SourceDir dir;
    auto missing = check_sources(dir.root() / "no-such-folder");
    REQUIRE(missing.problems.size() == 1);
    CHECK(missing.problems[0].message == "not a folder");
    CheckReport report;
    auto built = build_store(dir.src(), dir.root() / "no-such-folder" / "out.db", report);
    REQUIRE_FALSE(built.ok());
    CHECK(built.message().find("no such folder") != std::string::npos);
    SourceDir empty(std::map<std::string, std::string>{});
    auto nothing = check_sources(empty.src());
    CHECK(reports(problems_in(empty), "languages.csv:0: missing file"));
    CHECK(reports(problems_in(empty), "categories.csv:0: missing file"));
    CHECK_FALSE(nothing.ok());
}
