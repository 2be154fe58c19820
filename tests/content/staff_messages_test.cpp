// SPDX-License-Identifier: GPL-3.0-or-later
// The staff tool's messages in the staff's language (content/po through messages.h), codes
// suggested from the names staff write, and the checks added for what a visitor cannot use:
// a language the kiosk's buttons do not speak, opening hours with a time that is not one.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "content/compiler.h"
#include "fixture.h"
#include "problems.h"
#include "messages.h"
#include "source_values.h"
#include "table_export.h"
#include "table_file.h"
#include "value_help.h"

using namespace guichet::content;
using namespace guichet::content::sources;

using fixture::has;
using fixture::joined;

namespace {

// Sets the message language for one scope, English again after it.
struct InLanguage {
    explicit InLanguage(const char* language) { messages::set_language(language); }
    ~InLanguage() { messages::set_language(""); }
};

std::string replaced(std::string s, const std::string& a, const std::string& b) {
    auto at = s.find(a);
    REQUIRE(at != std::string::npos);
    return s.replace(at, a.size(), b);
}

}  // namespace

TEST_CASE("messages: placeholders in any order, a language without messages is English") {
    CHECK(messages::format("{2} before {1}", {"a", "b"}) == "b before a");
    CHECK(messages::format("{3} stays", {"a"}) == "{3} stays");
    CHECK(messages::tr("missing file") == "missing file");
    {
        InLanguage fr("fr");
        CHECK(messages::tr("missing file") == "fichier manquant");
        CHECK(messages::trf("duplicate id '{1}' (first defined at {2})", {"x", "a.csv:2"}) ==
              "identifiant en double 'x' (défini d'abord en a.csv:2)");
    }
    {
        InLanguage regional("pt-BR");  // the base subtag's catalogue
        CHECK(messages::tr("missing file") == "falta o arquivo");
    }
    CHECK(messages::has_language("es"));
    CHECK(messages::has_language("es-MX"));
    CHECK_FALSE(messages::has_language("de"));
    CHECK(messages::kiosk_label("service", "health", "es") == "Salud");
    CHECK_FALSE(messages::kiosk_label("service", "laundry", "es"));
    CHECK(messages::kiosk_has_language("ht"));
    CHECK_FALSE(messages::kiosk_has_language("qu"));
}

TEST_CASE("value help: codes suggested from the names staff write, in their language") {
    CHECK(code_named("orientación", kServices, "service") == "information");
    CHECK(code_named("Asesoría legal", kServices, "service") == "legal-aid");  // kiosk label
    CHECK(code_named("Santé", kServices, "service") == "health");
    CHECK(code_named("regroupement familial", kServices, "service") == "family-reunification");
    CHECK(code_named("consulado", kInstitutionKinds, "kind") == "consulate");
    CHECK(code_named("Universidade", kInstitutionKinds, "kind") == "university");
    CHECK_FALSE(code_named("laundry", kServices, "service"));
    CHECK(did_you_mean("orientación", kServices, "service").rfind(
              "; did you mean 'information'? Valid: asylum, documents,", 0) == 0);
    CHECK(did_you_mean("refugio", kServices, "service", false) ==
          "; did you mean 'asylum' (Asylum and refuge)?");
    InLanguage es("es");
    std::string help = did_you_mean("orientación", kServices, "service");
    CHECK(help.rfind("; ¿quiso decir 'information' (Información)? Válidos: asylum (Asilo y "
                     "refugio), documents (Documentos),",
                     0) == 0);
    CHECK(did_you_mean("laundry", kServices, "service").rfind(". Válidos: asylum (Asilo", 0) == 0);
}

TEST_CASE("value help: ISO 3166-1 alpha-3 codes are read as alpha-2") {
    CHECK(country_code("MEX") == "MX");
    CHECK(country_code("bra") == "BR");
    CHECK(country_code("HTI") == "HT");
    CHECK_FALSE(country_code("XYZ"));
}

TEST_CASE("a table's problems in Spanish: file:row:column, the column as staff named it") {
    std::string text = fixture::valid_set().at("institutions.csv");
    text = replaced(text, "legal-aid;documents", "legal-aid;orientación");
    text = replaced(text, "https://www.gob.mx/", "www.iom.int");
    text = replaced(text, ",GT,", ",Guatemala,");
    fixture::SourceDir dir;
    dir.write("institutions.csv", text);
    InLanguage es("es");
    auto report = check_sources(dir.src());
    INFO(joined(report.problems) << joined(report.warnings));
    CHECK(has(report.problems,
              "institutions.csv:2:7: columna G 'services': 'orientación' no es un servicio; "
              "¿quiso decir 'information' (Información)? Válidos: asylum (Asilo y refugio)"));
    CHECK(has(report.problems,
              "institutions.csv:2:14: columna N 'website': el sitio web no es una dirección web "
              "(http:// o https://): 'www.iom.int'; escriba 'https://www.iom.int'"));
    CHECK(has(report.warnings, "institutions.csv:3:11: columna K 'country': país 'Guatemala' "
                               "leído como GT"));
}

TEST_CASE("the valid list comes once per column when a code is suggested") {
    std::string text = fixture::valid_set().at("institutions.csv");
    text = replaced(text, "legal-aid;documents", "legal-aid;documentos");
    text = replaced(text, "shelter;food", "albergue;comida");
    fixture::SourceDir dir;
    dir.write("institutions.csv", text);
    auto report = check_sources(dir.src());
    INFO(joined(report.problems));
    REQUIRE(report.problems.size() == 3);
    CHECK(report.problems[0].message.find("did you mean 'documents'? Valid: asylum") !=
          std::string::npos);
    CHECK(report.problems[1].message ==
          "column G 'services': unknown service 'albergue'; did you mean 'shelter'?");
    CHECK(report.problems[2].message ==
          "column G 'services': unknown service 'comida'; did you mean 'food'?");
}

TEST_CASE("a language the kiosk's buttons do not speak is a warning on its languages.csv row") {
    fixture::SourceDir dir;
    dir.write("languages.csv", fixture::valid_set().at("languages.csv") + "qu,Runasimi,,es\n");
    auto report = check_sources(dir.src());
    INFO(joined(report.problems) << joined(report.warnings));
    CHECK(report.ok());
    CHECK(has(report.warnings,
              "languages.csv:7:1: the kiosk has no interface in 'qu' (Runasimi): a visitor who "
              "picks it reads the content in it but the buttons and labels in 'es'"));
    CHECK_FALSE(has(report.warnings, "interface in 'ht'"));
}

TEST_CASE("opening hours: a time that is not a time of day is a problem of its cell") {
    CHECK(bad_time_in_hours("Lunes a viernes 9:00–14:00") == "");
    CHECK(bad_time_in_hours("Du lundi au vendredi 9 h – 14 h 30") == "");
    CHECK(bad_time_in_hours("8h30-17h; sábados 9.00 a 13.00") == "");
    CHECK(bad_time_in_hours("24 horas, 365 días; tel. 55 5209 8800") == "");
    CHECK(bad_time_in_hours("Nota: 3 ventanillas, 2026") == "");
    CHECK(bad_time_in_hours("Lunes 9:00–25:00") == "25:00");
    CHECK(bad_time_in_hours("9:75 a 14:00") == "9:75");
    CHECK(bad_time_in_hours("9:5 a 14:00") == "9:5");
    CHECK(bad_time_in_hours("de 8 h 70 à 12 h") == "8 h 70");
    fixture::SourceDir dir;
    dir.write("institutions.csv", replaced(fixture::valid_set().at("institutions.csv"),
                                           "Lunes a viernes", "Lunes a viernes 8:00-19:60"));
    auto report = check_sources(dir.src());
    CHECK(has(report.problems, "institutions.csv:2:15: column O 'hours@es': '19:60' in the "
                               "opening hours is not a time of day (00:00 to 24:00): 'Lunes a "
                               "viernes 8:00-19:60'"));
}

TEST_CASE("opening hours: any text is scanned without fault, a bad time is part of it") {
    const std::string alphabet = "0123456789:.hH -\xE2\x80\x93" "a";
    std::uint32_t seed = 12345;
    for (int n = 0; n < 20000; ++n) {
        std::string text;
        size_t length = (seed >> 8) % 24;
        for (size_t i = 0; i < length; ++i) {
            seed = seed * 1664525u + 1013904223u;
            text += alphabet[(seed >> 16) % alphabet.size()];
        }
        seed = seed * 1664525u + 1013904223u;
        std::string bad = bad_time_in_hours(text);
        if (!bad.empty()) REQUIRE(text.find(bad) != std::string::npos);
    }
}

TEST_CASE("export: a table written as CSV reads back cell for cell, header separators quoted") {
    namespace tf = table_file;
    tf::Rows rows = {{"id", "Servicios; códigos; nota; fin", "nota\ttab"},  // more ; than ,
                     {"a", "asylum;documents", "dice \"hola\""},
                     {"b", "", "dos\nlíneas"},
                     {"c", "19.43", ", coma"}};
    auto read = tf::read(tf::to_csv(rows), tf::Format::csv);
    REQUIRE_FALSE(read.fatal);
    CHECK(read.delimiter_name == "comma");
    CHECK(read.table.problems.empty());
    REQUIRE(read.table.records.size() == rows.size());
    for (size_t i = 0; i < rows.size(); ++i) CHECK(read.table.records[i].fields == rows[i]);
}
