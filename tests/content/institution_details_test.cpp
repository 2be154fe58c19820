// SPDX-License-Identifier: GPL-3.0-or-later
// What a visitor needs to go to an institution (issue 17): the optional columns read into the
// store, found by acronym, and each slip refused at file:line:column with what to write.
#include <doctest/doctest.h>

#include <algorithm>

#include "content/compiler.h"
#include "content/store.h"
#include "fixture.h"
#include "problems.h"

using namespace guichet::content;

using fixture::has;
using fixture::joined;

namespace {

const std::string kHeader =
    "id,kind,name,name@fr,other_names,description@es,services,languages,address,city,country,"
    "phone,whatsapp,email,website,hours@es,opening_hours,time_zone,cost,bring@es,bring@fr,lat,"
    "lon,categories,reviewed,checked,source\n";

std::string row(const std::string& opening_hours = "Mo-Fr 08:00-17:00; Sa 09:00-13:00",
                const std::string& time_zone = "America/Mexico_City",
                const std::string& website = "https://www.example.org/oficina") {
    return "inst-a,public-body,Oficina de Atención al Migrante,Bureau d'accueil des migrants,"
           "OAM; Oficina Migrante,Asesoría gratuita,legal-aid;documents,es;en,Calle 1,"
           "Ciudad de México,MX,+52 55 5555 0100; +52 55 5555 0101,+52 55 5555 0102,"
           "oficina@example.org," +
           website + ",Cerrado en días festivos," + opening_hours + "," + time_zone +
           ",free,Pasaporte o identificación,Passeport,19.43,-99.13,,2026-07-01,2026-11-30,"
           "https://www.example.org/directorio\n";
}

}  // namespace

TEST_CASE("institution details: every new column reaches the store") {
    fixture::SourceDir dir;
    dir.write("institutions.csv", kHeader + row());
    const auto out = dir.root() / "content.db";
    CheckReport report;
    auto built = build_store(dir.src(), out, report);
    REQUIRE_MESSAGE(built.ok(), joined(report.problems));
    auto store = ContentStore::open(out);
    REQUIRE(store.ok());
    auto inst = store->institution("inst-a", "fr");
    REQUIRE(inst.ok());
    CHECK(inst->official_name == "Oficina de Atención al Migrante");
    CHECK(inst->header.title == "Bureau d'accueil des migrants");
    CHECK(inst->other_names == std::vector<std::string>{"OAM", "Oficina Migrante"});
    CHECK(inst->phones == std::vector<std::string>{"+52 55 5555 0100", "+52 55 5555 0101"});
    CHECK(inst->whatsapp == "+52 55 5555 0102");
    CHECK(inst->opening_hours == "Mo-Fr 08:00-17:00; Sa 09:00-13:00");
    CHECK(inst->time_zone == "America/Mexico_City");
    CHECK(inst->cost == "free");
    CHECK(inst->what_to_bring == "Passeport");
    CHECK(inst->hours == "Cerrado en días festivos");  // fr → base
    CHECK(inst->checked == "2026-11-30");
    CHECK(inst->source == "https://www.example.org/directorio");
    // Found by its acronym, in any language.
    for (const char* lang : {"es", "fr", "ht"}) {
        auto found = store->search("OAM", lang);
        REQUIRE(found.ok());
        REQUIRE_FALSE(found->empty());
        CHECK(found->front().id == "inst-a");
    }
}

TEST_CASE("institution details: a table without the new columns still reads") {
    fixture::SourceDir dir;  // the fixture's institutions.csv predates them
    auto report = check_sources(dir.src());
    CHECK_MESSAGE(report.problems.empty(), joined(report.problems));
}

TEST_CASE("institution details: opening hours refused at the character, with what to write") {
    fixture::SourceDir dir;
    dir.write("institutions.csv", kHeader + row("Mo-Fr 08:00-17:60"));
    auto report = check_sources(dir.src());
    INFO(joined(report.problems));
    CHECK(has(report.problems,
              "institutions.csv:2:17: column Q 'opening_hours': opening hours, character 13: "
              "'17:60' is not a time of day: write HH:MM from 00:00 to 24:00 (08:00, 17:30) "
              "(example: Mo-Fr 08:00-17:00; Sa 09:00-13:00)"));
    dir.write("institutions.csv", kHeader + row("Lu-Vi 08:00-17:00"));
    CHECK(has(check_sources(dir.src()).problems,
              "character 1: 'Lu' is not a day: write Mo Tu We Th Fr Sa Su"));
    dir.write("institutions.csv", kHeader + row("Mo-Fr 08:00-17:00; PH off"));
    CHECK(has(check_sources(dir.src()).problems, "character 20: 'PH' is not read here"));
}

TEST_CASE("institution details: time zones through ICU, and a country with several needs one") {
    fixture::SourceDir dir;
    dir.write("institutions.csv", kHeader + row("Mo-Fr 08:00-17:00", "America/Ciudad_de_Mexico"));
    CHECK(has(check_sources(dir.src()).problems,
              "institutions.csv:2:18: column R 'time_zone': unknown time zone "
              "'America/Ciudad_de_Mexico'"));
    dir.write("institutions.csv", kHeader + row("Mo-Fr 08:00-17:00", ""));
    CHECK(has(check_sources(dir.src()).problems,
              "opening hours need the time zone: MX has several (America/"));
}

TEST_CASE("institution details: a website without https:// says what to write") {
    fixture::SourceDir dir;
    dir.write("institutions.csv",
              kHeader + row("Mo-Fr 08:00-17:00", "America/Mexico_City", "www.iom.int"));
    auto report = check_sources(dir.src());
    INFO(joined(report.problems));
    CHECK(has(report.problems,
              "institutions.csv:2:15: column O 'website': website is not a web address (http:// "
              "or https://): 'www.iom.int'; write 'https://www.iom.int'"));
}

TEST_CASE("institution details: WhatsApp in full, cost and checked date") {
    fixture::SourceDir dir;
    std::string text = kHeader + row();
    auto replace = [&](const std::string& a, const std::string& b) {
        const auto at = text.find(a);
        REQUIRE(at != std::string::npos);
        text.replace(at, a.size(), b);
    };
    replace(",+52 55 5555 0102,", ",55 5555 0102,");
    replace(",free,", ",gratis,");
    replace(",2026-11-30,", ",30/11/2026,");
    dir.write("institutions.csv", text);
    auto report = check_sources(dir.src());
    INFO(joined(report.problems));
    CHECK(has(report.problems, "column M 'whatsapp': WhatsApp number '55 5555 0102' must be "
                               "written in full with + and the country code"));
    CHECK(has(report.problems, "column S 'cost': unknown cost 'gratis': write free or paid"));
    CHECK(has(report.problems, "column Z 'checked': bad date in checked: '30/11/2026'"));
}
