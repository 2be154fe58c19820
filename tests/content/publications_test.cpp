// SPDX-License-Identifier: GPL-3.0-or-later
// Publications and studies (FORMAT.md, publications.csv): what the checker says about a slip,
// with its file:line:column, and what the store hands back, full text and all.
#include <doctest/doctest.h>

#include <algorithm>

#include "content/compiler.h"
#include "content/store.h"
#include "fixture.h"
#include "problems.h"

using namespace guichet::content;
using fixture::SourceDir;
namespace fs = std::filesystem;

using fixture::joined;
using fixture::problems_in;
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
