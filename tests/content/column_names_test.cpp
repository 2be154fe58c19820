// SPDX-License-Identifier: GPL-3.0-or-later
// Headers as staff write them: Spanish, French, Portuguese and English names, any case and
// accents, languages as @es, (es), [es] or (español), all through one table.
#include <doctest/doctest.h>

#include <string>

#include "column_names.h"
#include "content/compiler.h"
#include "fixture.h"

using namespace guichet::content;

namespace {
const std::vector<std::string> kPlain = {"id",      "kind", "name",    "services",   "languages",
                                         "address", "city", "country", "phone",      "email",
                                         "website", "lat",  "lon",     "categories", "reviewed"};
const std::vector<std::string> kTexts = {"name", "description", "hours"};
std::string resolve(const std::string& header) {
    return columns::resolve(header, kPlain, kTexts).canonical;
}
}  // namespace

TEST_CASE("column names: staff languages, case and accents aside") {
    CHECK(resolve("nombre") == "name");
    CHECK(resolve("NOM") == "name");
    CHECK(resolve("Nome") == "name");
    CHECK(resolve("Dirección") == "address");
    CHECK(resolve("adresse") == "address");
    CHECK(resolve("Endereço") == "address");
    CHECK(resolve("Teléfono") == "phone");
    CHECK(resolve("téléphone") == "phone");
    CHECK(resolve("horario (es)") == "hours@es");
    CHECK(resolve("País") == "country");
    CHECK(resolve("pays") == "country");
    CHECK(resolve("Sitio web") == "website");
    CHECK(resolve("site_web") == "website");
    CHECK(resolve("Correo electrónico") == "email");
    CHECK(resolve("Fecha de revisión") == "reviewed");
    CHECK(resolve("native_name").empty());
    CHECK(resolve("fax").empty());
}

TEST_CASE("column names: languages of translatable columns in every written form") {
    CHECK(resolve("name@es") == "name@es");
    CHECK(resolve("nombre@es") == "name@es");
    CHECK(resolve("nombre (es)") == "name@es");
    CHECK(resolve("Nombre (ES)") == "name@es");
    CHECK(resolve("nom [fr]") == "name@fr");
    CHECK(resolve("Descripción (español)") == "description@es");
    CHECK(resolve("description (anglais)") == "description@en");
    CHECK(resolve("descrição (português)") == "description@pt");
    CHECK(resolve("horaires (fr)") == "hours@fr");
    // A suffix on a column that has no translations is not a language.
    CHECK(resolve("ciudad (es)").empty());
}

TEST_CASE("column names: the file's own columns decide between two meanings") {
    std::vector<std::string> laws = {"id",  "country",    "year",    "kind", "official_reference",
                                     "url", "categories", "reviewed"};
    CHECK(columns::resolve("sitio web", laws, {"title", "summary"}).canonical == "url");
    CHECK(columns::resolve("sitio web", kPlain, kTexts).canonical == "website");
    CHECK(columns::resolve("tipo", laws, {}).canonical == "kind");
    CHECK(columns::resolve("Título (fr)", laws, {"title", "summary"}).canonical == "title@fr");
}

TEST_CASE("column names: cooperation's theme and the names table's columns in staff words") {
    const std::vector<std::string> cooperation = {"id",      "direction",  "country", "theme",
                                                  "contact", "categories", "reviewed"};
    CHECK(columns::resolve("Tema", cooperation, {"title"}).canonical == "theme");
    CHECK(columns::resolve("Thème", cooperation, {"title"}).canonical == "theme");
    const std::vector<std::string> names = {"field", "code"};
    CHECK(columns::resolve("Campo", names, {"name"}).canonical == "field");
    CHECK(columns::resolve("champ", names, {"name"}).canonical == "field");
    CHECK(columns::resolve("Código", names, {"name"}).canonical == "code");
    CHECK(columns::resolve("Nombre (español)", names, {"name"}).canonical == "name@es");
    CHECK(columns::resolve("Nom [ht]", names, {"name"}).canonical == "name@ht");
}

TEST_CASE("column names: a table with Spanish headers reads like the canonical one") {
    fixture::SourceDir dir;
    std::string text = fixture::valid_set().at("legislation.csv");
    auto end = text.find('\n');
    dir.write("legislation.csv",
              "Identificador,País,Año,Tipo,Referencia oficial,Enlace,Título (es),Título (inglés),"
              "Resumen (es),Categorías,Fecha de revisión" +
                  text.substr(end));
    auto report = check_sources(dir.src());
    INFO((report.problems.empty() ? "" : report.problems[0].to_string()));
    CHECK(report.ok());
    CHECK(report.item_count == 13);

    fixture::SourceDir twice;
    twice.write("legislation.csv", "id,identificador," + text.substr(3));
    auto dup = check_sources(twice.src());
    REQUIRE_FALSE(dup.ok());
    CHECK(dup.problems[0].message == "duplicate column 'identificador' (it names 'id' too)");

    fixture::SourceDir missing;
    missing.write("legislation.csv",
                  "id,country,kind,official_reference,url,title@es,"
                  "categories,reviewed\n");
    auto gone = check_sources(missing.src());
    REQUIRE_FALSE(gone.ok());
    CHECK(gone.problems[0].message.find(
              "missing column 'year' (it may also be called año, année)") == 0);
}
