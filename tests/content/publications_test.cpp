// SPDX-License-Identifier: GPL-3.0-or-later
// Publications and studies (FORMAT.md, publications.csv): what the checker says about a slip,
// with its file:line:column, and what the store hands back, full text and all.
#include <doctest/doctest.h>

#include <algorithm>

#include <sqlite3.h>

#include "content/compiler.h"
#include "content/store.h"
#include "content/store_changes.h"
#include "content/store_rows.h"
#include "fixture.h"
#include "problems.h"

using namespace guichet::content;
using fixture::SourceDir;
namespace fs = std::filesystem;

using fixture::joined;
using fixture::problems_in;
using fixture::has;
using fixture::reports;

namespace {

const char* kHeader =
    "id,kind,authors,publisher,year,language,url,source,title@es,title@en,summary@es,summary@en,"
    "contents@es,contents@fr,categories,reviewed\n";

std::string row_a() {
    return "informe-a,report,OEA; OCDE,Organización de los Estados Americanos (OEA),2011,es,"
           "https://example.org/informe-a,Comunicado de prensa,Informe de prueba,Test report,"
           "Un resumen.,A summary.,Prefacio; Capítulo 1; Anexo,,rights,2026-12-01\n";
}

}  // namespace

TEST_CASE("publications: a clean table checks clean, each slip is its file:line:column") {
    SourceDir dir;
    dir.write("publications.csv", std::string(kHeader) + row_a());
    dir.write("publications/informe-a.es.md", "# Informe\n\nEl texto completo.\n");
    CHECK(problems_in(dir).empty());

    dir.write("publications.csv",
              std::string(kHeader) + row_a() +
                  "informe-b,libro,,,20x1,espanol!,www.example.org,,Otro,,,,,,rights,2026-12-01\n");
    dir.write("publications/nadie.es.md", "# Nadie\n");
    const auto problems = problems_in(dir);
    INFO("problems:\n" << joined(problems));
    CHECK(reports(problems, "publications.csv:3:2: column B 'kind': unknown kind 'libro'"));
    CHECK(reports(problems, "publications.csv:3:4: column D 'publisher': missing name"));
    CHECK(reports(problems, "publications.csv:3:5: column E 'year': bad year '20x1'"));
    CHECK(reports(problems, "publications.csv:3:6: column F 'language': malformed language code"));
    CHECK(reports(problems, "publications.csv:3:7: column G 'url': url is not a web address"));
    CHECK(reports(problems, "publications/nadie.es.md:0: no publication 'nadie'"));
    CHECK(problems.size() == 6);
}

TEST_CASE("publications: the store gives the entry in the visitor's language and the full text") {
    SourceDir dir;
    dir.write("publications.csv", std::string(kHeader) + row_a());
    dir.write("publications/informe-a.es.md", "# Informe\n\nEl texto completo.\n");
    const fs::path path = dir.root() / "content.db";
    CheckReport report;
    auto built = build_store(dir.src(), path, report);
    REQUIRE_MESSAGE(built.ok(), (built.ok() ? "" : built.message()));
    auto store = ContentStore::open(path);
    REQUIRE(store.ok());

    auto en = store->publication("informe-a", "en");
    REQUIRE_MESSAGE(en.ok(), (en.ok() ? "" : en.message()));
    CHECK(en->header.title == "Test report");
    CHECK(en->header.summary == "A summary.");
    CHECK(en->authors == "OEA; OCDE");
    CHECK(en->publisher == "Organización de los Estados Americanos (OEA)");
    CHECK(en->year == 2011);
    CHECK(en->language == "es");
    CHECK(en->kind == "report");
    CHECK(en->url == "https://example.org/informe-a");
    CHECK(en->source == "Comunicado de prensa");
    // No English contents: the chain's Spanish ones, one entry a line.
    CHECK(en->contents == std::vector<std::string>{"Prefacio", "Capítulo 1", "Anexo"});
    // The full text exists in Spanish only: an English reader still gets it, marked Spanish.
    CHECK(en->full_text_markdown == "# Informe\n\nEl texto completo.");
    CHECK(en->full_text_language == "es");

    // Search finds it by its words and by who wrote it.
    for (const char* query : {"informe", "OCDE", "completo"}) {
        auto found = store->search(query, "es", SearchOptions{});
        REQUIRE(found.ok());
        INFO(query);
        CHECK(std::any_of(found->hits.begin(), found->hits.end(),
                          [](const SearchHit& hit) { return hit.id == "informe-a"; }));
    }
    auto page = store->list(ItemType::publication, "es", {}, {});
    REQUIRE(page.ok());
    REQUIRE(page->items.size() == 1);
    CHECK(page->items[0].header.title == "Informe de prueba");

    auto wrong = store->publication("rights", "es");
    CHECK_FALSE(wrong.ok());
}

namespace {

// Sources per language: `source@LANG` (es, en and fr here; pt and ht fall back along their
// chains: pt → es, ht → fr → en → es).
const char* kHeaderBySource =
    "id,kind,authors,publisher,year,language,url,title@es,title@en,source@es,source@en,"
    "source@fr,categories,reviewed\n";

std::string open_store(SourceDir& dir, fs::path& path) {
    path = dir.root() / "content.db";
    CheckReport report;
    auto built = build_store(dir.src(), path, report);
    return built.ok() ? std::string() : built.message() + "\n" + joined(report.problems);
}

}  // namespace

TEST_CASE("publications: source@LANG is read per language and falls back along the chain") {
    SourceDir dir;
    dir.write("publications.csv",
              std::string(kHeaderBySource) +
                  "cam,document,CAM,OEA,2014,fr,,Marco de acción,Action framework,"
                  "\"OEA, CIDI/CAM: XXXVIII reunión ordinaria (texto en francés)\","
                  "\"OAS, CIDI/CAM: XXXVIII regular meeting (French text)\","
                  "\"OEA/CIDI/CAM, XXXVIII Réunion ordinaire (texte français)\",rights,2026-12-01\n"
                  // Only a plain source: the base language's, so every visitor reads it.
                  "solo,report,,OEA,,,,Solo,,,,,rights,2026-12-01\n");
    CHECK(problems_in(dir).empty());
    // The plain column, where a file still has one, stands beside the per-language ones.
    dir.write("publications.csv",
              "id,kind,authors,publisher,year,language,url,source,title@es,title@en,source@en,"
              "source@fr,categories,reviewed\n"
              "cam,document,CAM,OEA,2014,fr,,\"OEA, CIDI/CAM (texto en francés)\",Marco de acción,"
              "Action framework,\"OAS, CIDI/CAM (French text)\","
              "\"OEA/CIDI/CAM (texte français)\",rights,2026-12-01\n"
              "solo,report,,OEA,,,,Comunicado de prensa,Solo,,,,rights,2026-12-01\n");
    INFO(joined(problems_in(dir)));
    REQUIRE(problems_in(dir).empty());
    fs::path path;
    const std::string failed = open_store(dir, path);
    REQUIRE_MESSAGE(failed.empty(), failed);
    auto store = ContentStore::open(path);
    REQUIRE(store.ok());
    auto source = [&](const char* id, const char* lang) {
        auto p = store->publication(id, lang);
        REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.message()));
        return p->source;
    };
    CHECK(source("cam", "es") == "OEA, CIDI/CAM (texto en francés)");
    CHECK(source("cam", "en") == "OAS, CIDI/CAM (French text)");
    CHECK(source("cam", "fr") == "OEA/CIDI/CAM (texte français)");
    CHECK(source("cam", "pt") == "OEA, CIDI/CAM (texto en francés)");  // pt → es
    CHECK(source("cam", "ht") == "OEA/CIDI/CAM (texte français)");     // ht → fr
    for (const char* lang : {"es", "en", "fr", "pt", "ht"}) {
        INFO(lang);
        CHECK(source("solo", lang) == "Comunicado de prensa");
        // Never two languages joined into one line.
        const std::string line = source("cam", lang);
        CHECK(line.find(" / ") == std::string::npos);
        CHECK(std::count(line.begin(), line.end(), '(') == 1);
    }
    // Its characters reach the kiosk's glyph atlas with the language's other texts.
    std::string french;
    REQUIRE(store->each_text("fr", [&](std::string_view text) { french += std::string(text) + "\n"; })
                .ok());
    CHECK(french.find("OEA/CIDI/CAM (texte français)\n") != std::string::npos);
    // A source is found by search, in the visitor's language's row.
    auto found = store->search("French text", "en", SearchOptions{});
    REQUIRE(found.ok());
    CHECK(std::any_of(found->hits.begin(), found->hits.end(),
                      [](const SearchHit& hit) { return hit.id == "cam"; }));
}

TEST_CASE("publications and series: a bad source column is reported at its file:line:column") {
    SourceDir dir;
    const std::string too_long(501, 'x');
    dir.write("publications.csv",
              "id,kind,authors,publisher,year,language,url,source,title@es,source@es,source@fr,"
              "source@de,categories,reviewed\n"
              "a,report,,OEA,,,,,Uno,Fuente,Source,Quelle,rights,2026-12-01\n"
              "b,report,,OEA,,,,,Dos,," + too_long + ",,rights,2026-12-01\n"
              "c,report,,OEA,,,,,Tres,,Seulement en français,,rights,2026-12-01\n"
              "d,report,,OEA,,,,Base,Cuatro,Fuente,,,rights,2026-12-01\n");
    dir.write("statistics/series.csv",
              "id,unit,title@es,source@es,source@xx,categories,reviewed\n"
              "flows,persons,Flujos," + too_long + ",,,2026-04-01\n");
    auto report = check_sources(dir.src());
    std::vector<std::string> problems;
    for (const auto& p : report.problems) problems.push_back(p.to_string());
    INFO("problems:\n" << joined(problems) << "warnings:\n" << joined(report.warnings));
    CHECK(reports(problems, "publications.csv:1:12: unknown column L 'source@de': language 'de' "
                            "is not in languages.csv"));
    CHECK(reports(problems, "publications.csv:3:11: column K 'source@fr': a source of 501 bytes "
                            "(at most 500)"));
    CHECK(reports(problems, "publications.csv:4:10: missing base-language text: source@es is "
                            "empty but other languages have it"));
    CHECK(reports(problems, "statistics/series.csv:1:5: unknown column E 'source@xx'"));
    CHECK(reports(problems, "statistics/series.csv:2:4: column D 'source@es': a source of 501 "
                            "bytes"));
    CHECK(problems.size() == 5);
    // Both the plain column and the base language's: a warning at the plain one.
    CHECK(has(report.warnings, "publications.csv:5:8: column H 'source': 'source' and "
                               "'source@es' both given"));
}

TEST_CASE("series: source@LANG lives with the language's text, the plain source for all") {
    SourceDir dir;
    dir.write("statistics/series.csv",
              "id,unit,source,title@es,title@en,source@en,source@fr,categories,reviewed\n"
              "flows,persons,SICREMI (OEA),Flujos,Flows,SICREMI (OAS),SICREMI (OEA) en français,,"
              "2026-04-01\n");
    fs::path path;
    const std::string failed = open_store(dir, path);
    REQUIRE_MESSAGE(failed.empty(), failed);
    auto store = ContentStore::open(path);
    REQUIRE(store.ok());
    CHECK(store->statistics("flows", "es").value().source == "SICREMI (OEA)");
    CHECK(store->statistics("flows", "en").value().source == "SICREMI (OAS)");
    CHECK(store->statistics("flows", "ht").value().source == "SICREMI (OEA) en français");
    CHECK(store->statistics("flows", "pt").value().source == "SICREMI (OEA)");
}

namespace {

// A publication and a series with their sources per language, as a kiosk's store is built
// (from the row image), into `out`.
const char* kPublicationsWithSources =
    "id,kind,authors,publisher,year,language,url,title@es,title@fr,source@es,source@fr,"
    "categories,reviewed\n"
    "cam,document,CAM,OEA,2014,fr,,Marco de acción,Cadre d'action,"
    "\"OEA, CIDI/CAM (texto en francés)\",\"OEA/CIDI/CAM (texte français)\",rights,2026-12-01\n";
const char* kSeriesWithSources =
    "id,unit,source,title@es,title@en,source@en,source@fr,categories,reviewed\n"
    "flows,persons,SICREMI (OEA),Flujos,Flows,SICREMI (OAS),SICREMI (OEA) en français,,"
    "2026-04-01\n";

void build_as_kiosk(SourceDir& dir, const fs::path& out) {
    const fs::path compiled = dir.root() / "compiled.db", image = dir.root() / "rows";
    fs::remove(compiled);
    fs::remove(image);
    CheckReport report;
    auto built = build_store(dir.src(), compiled, report);
    REQUIRE_MESSAGE(built.ok(), (built.ok() ? "" : built.message()) << joined(report.problems));
    REQUIRE(export_store_rows(compiled, image).ok());
    auto rebuilt = build_store_from_rows(image, out);
    REQUIRE_MESSAGE(rebuilt.ok(), (rebuilt.ok() ? "" : rebuilt.message()));
}

void run_sql_on(const fs::path& store, const char* sql_text) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(store.c_str(), &db) == SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql_text, nullptr, nullptr, &error);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    INFO(message);
    REQUIRE(rc == SQLITE_OK);
}

std::string text_of(const fs::path& store, const char* query) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, query, -1, &stmt, nullptr) == SQLITE_OK);
    std::string out;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
            const unsigned char* t = sqlite3_column_text(stmt, c);
            out += (c ? "|" : "") + std::string(t ? reinterpret_cast<const char*>(t) : "NULL");
        }
        out += "\n";
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

}  // namespace

TEST_CASE("sources: a schema 7 store file is migrated to 8, its series' sources moved, readable") {
    SourceDir dir;
    dir.write("publications.csv", kPublicationsWithSources);
    dir.write("statistics/series.csv", kSeriesWithSources);
    const fs::path fresh = dir.root() / "fresh.db", old = dir.root() / "seven.db";
    build_as_kiosk(dir, fresh);
    fs::copy_file(fresh, old);
    // As schema 7 kept it: a series' per-language source in `extra`, a publication's only in
    // its table (here the one the plain column would have written), no source column.
    run_sql_on(old,
               "UPDATE item_texts SET extra = source WHERE item_id = 'flows';"
               "UPDATE publications SET source = 'OEA/CIDI/CAM, 2014 (texte français)';"
               "ALTER TABLE item_texts DROP COLUMN source; PRAGMA user_version = 7;");
    CHECK_FALSE(ContentStore::open(old).ok());
    auto upgraded = upgrade_store(old);
    REQUIRE_MESSAGE(upgraded.ok(), upgraded.message());
    CHECK(*upgraded);
    CHECK(text_of(old, "PRAGMA user_version") == "8\n");
    const char* declared =
        "SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('item_texts')"
        " WHERE name = 'source'";
    CHECK(text_of(old, declared) == "source|TEXT|1|''\n");
    CHECK(text_of(fresh, declared) == "source|TEXT|1|''\n");
    const char* series_rows =
        "SELECT lang, extra, source FROM item_texts WHERE item_id = 'flows' ORDER BY lang";
    CHECK(text_of(old, series_rows) == text_of(fresh, series_rows));
    CHECK(text_of(old, "PRAGMA integrity_check") == "ok\n");
    auto store = ContentStore::open(old);
    REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.message()));
    CHECK(store->statistics("flows", "en").value().source == "SICREMI (OAS)");
    CHECK(store->statistics("flows", "ht").value().source == "SICREMI (OEA) en français");
    CHECK(store->statistics("flows", "es").value().source == "SICREMI (OEA)");
    // The publication of an older store reads the one source it had, in every language.
    CHECK(store->publication("cam", "fr").value().source == "OEA/CIDI/CAM, 2014 (texte français)");
    CHECK(store->publication("cam", "es").value().source == "OEA/CIDI/CAM, 2014 (texte français)");
}

TEST_CASE("sources: a version that changes only one source line is applied in place") {
    SourceDir dir;
    dir.write("publications.csv", kPublicationsWithSources);
    dir.write("statistics/series.csv", kSeriesWithSources);
    const fs::path v1 = dir.root() / "v1.db", v2 = dir.root() / "v2.db";
    build_as_kiosk(dir, v1);
    std::string changed = kPublicationsWithSources;
    const std::string before = "OEA/CIDI/CAM (texte français)";
    changed.replace(changed.find(before), before.size(), "OEA/CIDI/CAM, 22 mai 2014 (texte français)");
    dir.write("publications.csv", changed);
    build_as_kiosk(dir, v2);
    auto d1 = store_content_digest(v1);
    auto d2 = store_content_digest(v2);
    REQUIRE(d1.ok());
    REQUIRE(d2.ok());
    CHECK(*d1 != *d2);
    auto changes = make_store_changeset(v1, v2);
    REQUIRE_MESSAGE(changes.ok(), (changes.ok() ? "" : changes.message()));
    // The French text row of one publication, and the sources' fingerprint in meta; nothing
    // else (no type table row, no other language).
    CHECK(changes->changes == 2);
    const char* fingerprint = "SELECT value FROM meta WHERE key = 'content_version'";
    CHECK(text_of(v1, fingerprint) != text_of(v2, fingerprint));
    const char* others = "SELECT * FROM item_texts WHERE lang <> 'fr' ORDER BY id";
    CHECK(text_of(v1, others) == text_of(v2, others));

    const fs::path live = dir.root() / "live.db";
    fs::copy_file(v1, live);
    REQUIRE(prepare_store_for_changes(live, {*d1, 1}).ok());
    ApplyOptions options;
    options.base_digest = *d1;
    options.result = {*d2, 2};
    auto applied = apply_store_changeset(live, changes->bytes, options);
    REQUIRE_MESSAGE(applied.ok(), (applied.ok() ? "" : applied.message()));
    CHECK(applied->items == 1);
    CHECK(store_content_digest(live).value() == *d2);
    auto store = ContentStore::open(live);
    REQUIRE(store.ok());
    CHECK(store->publication("cam", "fr").value().source ==
          "OEA/CIDI/CAM, 22 mai 2014 (texte français)");
    CHECK(store->publication("cam", "ht").value().source ==
          "OEA/CIDI/CAM, 22 mai 2014 (texte français)");
    CHECK(store->publication("cam", "es").value().source == "OEA, CIDI/CAM (texto en francés)");
    // Search follows: the new words find it in French.
    auto found = store->search("mai 2014", "fr", SearchOptions{});
    REQUIRE(found.ok());
    CHECK(std::any_of(found->hits.begin(), found->hits.end(),
                      [](const SearchHit& hit) { return hit.id == "cam"; }));
}
