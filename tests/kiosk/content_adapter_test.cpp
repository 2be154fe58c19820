// SPDX-License-Identifier: GPL-3.0-or-later
// The content adapter over the real sample content, compiled into a store for the test: the
// view models the screens draw, without SDL.
#include <doctest/doctest.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <unistd.h>

#include "providers/content_adapter.h"
#include "sample_store.h"

using namespace guichet::kiosk;

using guichet::kiosk::test::sample_store;

TEST_CASE("languages in picker order, with their own names and chains") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE_MESSAGE(adapter.ok(), adapter.message());
    const auto& languages = (*adapter)->languages();
    REQUIRE(languages.size() >= 5);
    CHECK(languages[0].code == "es");
    CHECK((*adapter)->native_name("ht") == "Kreyòl ayisyen");
    // A language the content is not written in (spoken at a counter) by its own name, not code.
    CHECK((*adapter)->native_name("de") == "Deutsch");
    const auto& chain = (*adapter)->fallback_chain("ht");
    REQUIRE_FALSE(chain.empty());
    CHECK(chain.front() == "fr");
}

TEST_CASE("home tiles carry titles in the visitor's language — institutions open the directory") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    auto tiles = (*adapter)->home("ht");
    REQUIRE(tiles.ok());
    REQUIRE(tiles->size() >= 10);
    CHECK(tiles->front().title == "Dwa ou");
    auto directory = std::find_if(tiles->begin(), tiles->end(), [](const HomeTile& t) {
        return t.category_id == "institutions";
    });
    REQUIRE(directory != tiles->end());
    CHECK(directory->opens_directory);
    CHECK(std::count_if(tiles->begin(), tiles->end(),
                        [](const HomeTile& t) { return t.opens_directory; }) == 1);
}

TEST_CASE("a category list pages through its rows, the same rows however it is paged") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    auto header = (*adapter)->category("rights", "es");
    REQUIRE(header.ok());
    REQUIRE(header->total > 5);
    auto all = (*adapter)->category_rows("rights", "es", 0, header->total);
    REQUIRE(all.ok());
    CHECK(static_cast<std::int64_t>(all->size()) == header->total);
    auto middle = (*adapter)->category_rows("rights", "es", 3, 2);
    REQUIRE(middle.ok());
    REQUIRE(middle->size() == 2);
    CHECK((*middle)[0].id == (*all)[3].id);
    CHECK((*middle)[1].id == (*all)[4].id);
    auto past_end = (*adapter)->category_rows("rights", "es", header->total, 10);
    REQUIRE(past_end.ok());
    CHECK(past_end->empty());
    CHECK_FALSE((*adapter)->category("no-such-area", "es").ok());
}

TEST_CASE("directory filters narrow the list and label their values for the visitor") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    auto everything = (*adapter)->directory({}, "es");
    REQUIRE(everything.ok());
    DirectoryFilter mexico;
    mexico.country = "MX";
    auto in_mexico = (*adapter)->directory(mexico, "es");
    REQUIRE(in_mexico.ok());
    CHECK(in_mexico->total > 0);
    CHECK(in_mexico->total < everything->total);
    auto rows = (*adapter)->directory_rows(mexico, "es", 0, in_mexico->total);
    REQUIRE(rows.ok());
    for (const ListRow& row : *rows) {
        CHECK(row.type == "institution");
        CHECK(row.subtitle.find("México") != std::string::npos);
    }
    auto countries = (*adapter)->filter_options(FilterField::country, "fr");
    REQUIRE(countries.ok());
    auto found = std::find_if(countries->begin(), countries->end(),
                              [](const FilterOption& o) { return o.value == "MX"; });
    REQUIRE(found != countries->end());
    CHECK(found->label == "Mexique");
    CHECK(std::is_sorted(
        countries->begin(), countries->end(),
        [](const FilterOption& a, const FilterOption& b) { return a.label < b.label; }));
    CHECK((*adapter)->filter_label(FilterField::service, "health", "ht") == "Sante");
}

TEST_CASE("an institution's detail: translated fields and a contact card to take away") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    DirectoryFilter mexico;
    mexico.country = "MX";
    auto rows = (*adapter)->directory_rows(mexico, "ht", 0, 1);
    REQUIRE(rows.ok());
    REQUIRE_FALSE(rows->empty());
    auto view = (*adapter)->detail(rows->front().id, "ht");
    REQUIRE_MESSAGE(view.ok(), view.message());
    CHECK(view->type == "institution");
    CHECK(view->take_away.rfind("BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\n", 0) == 0);
    const auto address =
        std::find_if(view->fields.begin(), view->fields.end(),
                     [](const DetailField& f) { return f.label_key == "field.address"; });
    REQUIRE(address != view->fields.end());
    CHECK(address->value.find("Mexique") != std::string::npos);  // French country names for ht
    // COMAR (asylum in Mexico) has its Kreyòl text; a shelter in Saltillo does not yet, and its
    // view says so.
    auto comar = (*adapter)->detail("comar", "ht");
    REQUIRE(comar.ok());
    CHECK_FALSE(comar->fell_back);
    CHECK(comar->shown_language == "ht");
    auto saltillo = (*adapter)->detail("casa-migrante-saltillo", "ht");
    REQUIRE(saltillo.ok());
    CHECK(saltillo->fell_back);
    CHECK(saltillo->shown_language != "ht");
}

TEST_CASE("statistics become chart series per country") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    auto view = (*adapter)->detail("remittances-received", "en");
    REQUIRE_MESSAGE(view.ok(), view.message());
    CHECK(view->type == "statistics");
    REQUIRE(view->chart.size() >= 2);
    for (const ChartSeries& series : view->chart) {
        CHECK_FALSE(series.country.empty());
        CHECK_FALSE(series.points.empty());
    }
    const auto unit =
        std::find_if(view->fields.begin(), view->fields.end(),
                     [](const DetailField& f) { return f.label_key == "field.unit"; });
    REQUIRE(unit != view->fields.end());
    CHECK(unit->value == "millions of US dollars");
}

TEST_CASE("search results come grouped by type with the matched words marked") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    auto found = (*adapter)->search("derechos", "es");
    REQUIRE(found.ok());
    const std::vector<SearchGroup>& groups = found->groups;
    REQUIRE_FALSE(groups.empty());
    bool marked = false;
    for (const SearchGroup& group : groups) {
        CHECK_FALSE(group.rows.empty());
        for (const SearchRow& row : group.rows)
            if (row.snippet.find('\x01') != std::string::npos) marked = true;
    }
    CHECK(marked);
    // Found as typed: nothing corrected, nothing suggested.
    CHECK_FALSE(found->corrected());
    CHECK(found->typed_query.empty());
    CHECK(found->suggestions.empty());
    CHECK(found->nearest_categories.empty());
    CHECK_FALSE(found->ask_here.has_value());
    auto nothing = (*adapter)->search("", "es");
    REQUIRE(nothing.ok());
    CHECK(nothing->groups.empty());
    CHECK(nothing->suggestions.empty());
    CHECK(nothing->nearest_categories.empty());
    // Spelled by ear, the asylum article is still found; the group with the best hit first.
    auto by_ear = (*adapter)->search("refujio", "es");
    REQUIRE(by_ear.ok());
    REQUIRE_FALSE(by_ear->groups.empty());
    auto exact = (*adapter)->search("refugio", "es");
    REQUIRE(exact.ok());
    REQUIRE_FALSE(exact->groups.empty());
    CHECK(by_ear->groups.front().type == exact->groups.front().type);
    CHECK(by_ear->groups.front().rows.front().id == exact->groups.front().rows.front().id);
}

TEST_CASE("a misspelled search says what it searched and what was typed, first result as spelled") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    const std::pair<const char*, const char*> cases[] = {{"regularisacion", "regularización"},
                                                         {"refujio", "refugio"}};
    for (const auto& one_case : cases) {
        const std::string typed = one_case.first, meant = one_case.second;
        INFO(typed);
        auto misspelled = (*adapter)->search(typed, "es");
        REQUIRE(misspelled.ok());
        CHECK(misspelled->corrected_query == meant);
        CHECK(misspelled->typed_query == typed);
        auto spelled = (*adapter)->search(meant, "es");
        REQUIRE(spelled.ok());
        CHECK_FALSE(spelled->corrected());
        REQUIRE_FALSE(misspelled->groups.empty());
        REQUIRE_FALSE(spelled->groups.empty());
        CHECK(misspelled->groups.front().rows.front().id ==
              spelled->groups.front().rows.front().id);
        // "Search instead for": the words as typed, never corrected.
        auto as_typed = (*adapter)->search(typed, "es", false);
        REQUIRE(as_typed.ok());
        CHECK_FALSE(as_typed->corrected());
        CHECK(as_typed->typed_query.empty());
    }
}

TEST_CASE("nothing found is no dead end: suggestions or areas, and the centre to ask at") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    // Typed exactly ("search instead for"), a misspelling finds nothing.
    auto exact = (*adapter)->search("regularisacion", "es", false);
    REQUIRE(exact.ok());
    CHECK(exact->groups.empty());
    CHECK(exact->found_nothing());
    // "Did you mean": first what the forgiving search read it as.
    REQUIRE_FALSE(exact->suggestions.empty());
    CHECK(exact->suggestions.front() == "regularización");
    // An area whose title comes close is offered to open.
    auto area = (*adapter)->search("publicasiones", "es", false);
    REQUIRE(area.ok());
    CHECK(area->groups.empty());
    REQUIRE_FALSE(area->nearest_categories.empty());
    CHECK(area->nearest_categories.front().category_id == "publications");
    CHECK(area->nearest_categories.front().title == "Publicaciones y estudios");
    // No `location`, or one by coordinates: no entry to offer.
    CHECK_FALSE(exact->ask_here.has_value());
    auto by_point = (*adapter)->resolve_location("19.4326,-99.1332", "Ciudad de México");
    REQUIRE(by_point.ok());
    (*adapter)->set_here(*by_point);
    auto still = (*adapter)->search("zzqxw", "es");
    REQUIRE(still.ok());
    CHECK(still->groups.empty());
    CHECK_FALSE(still->ask_here.has_value());
    // The centre's own entry: offered, named in the visitor's language, with its city.
    auto centre = (*adapter)->resolve_location("comar", "");
    REQUIRE(centre.ok());
    CHECK(centre->centre_id == "comar");
    (*adapter)->set_here(*centre);
    for (const char* lang : {"es", "en"}) {
        INFO(lang);
        auto lost = (*adapter)->search("zzqxw", lang);
        REQUIRE(lost.ok());
        CHECK(lost->groups.empty());
        REQUIRE(lost->ask_here.has_value());
        CHECK(lost->ask_here->id == "comar");
        CHECK(lost->ask_here->snippet == "Ciudad de México");
        auto page = (*adapter)->detail("comar", lang);
        REQUIRE(page.ok());
        CHECK(lost->ask_here->title == page->title);
    }
    // Found: nothing else offered.
    auto found = (*adapter)->search("refugio", "es");
    REQUIRE(found.ok());
    CHECK_FALSE(found->groups.empty());
    CHECK_FALSE(found->ask_here.has_value());
    CHECK(found->suggestions.empty());
}

TEST_CASE("a missing or broken store is an error naming the file") {
    auto missing = ContentAdapter::open("/nonexistent/store.db");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.message().find("/nonexistent/store.db") != std::string::npos);
}

TEST_CASE("country names come from ICU in the visitor's language") {
    CHECK(country_name("HT", "es") == "Haití");
    CHECK(country_name("HT", "ht") == "Haïti");
    CHECK(country_name("BR", "pt") == "Brasil");
    CHECK(country_name("X", "es") == "X");
}

TEST_CASE("an institution's page: the name on the door, its translation beneath, free, source") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    auto comar = (*adapter)->detail("comar", "en");
    REQUIRE_MESSAGE(comar.ok(), comar.message());
    REQUIRE(comar->is_institution);
    CHECK(comar->title == "Comisión Mexicana de Ayuda a Refugiados");
    CHECK(comar->institution.translated_name == "Mexican Commission for Refugee Assistance");
    CHECK(comar->institution.other_names == "COMAR");
    CHECK(comar->institution.cost == "Free of charge");
    CHECK(comar->institution.source == "Source: https://www.gob.mx/comar");
    CHECK(comar->institution.geo == "geo:19.43,-99.13");
    CHECK(comar->institution.address.find("Versalles 49") == 0);
    CHECK(comar->take_away.find("URL:https://www.gob.mx/comar\r\n") != std::string::npos);
    CHECK(comar->take_away.find("GEO:geo:19.43,-99.13\r\n") != std::string::npos);
    // In Spanish the name on the door is the visitor's own: nothing beneath it.
    auto es = (*adapter)->detail("comar", "es");
    REQUIRE(es.ok());
    CHECK(es->institution.translated_name.empty());
    // The US trafficking hotline: a 24/7 line with a number a phone dials.
    auto hotline = (*adapter)->detail("trafficking-hotline-us", "es", 1796601600);
    REQUIRE(hotline.ok());
    CHECK(hotline->institution.open_status == "Abierto ahora, las 24 horas");
    REQUIRE_FALSE(hotline->institution.contacts.empty());
    CHECK(hotline->institution.contacts[0].link == "tel:+1-888-373-7888");
    CHECK(hotline->take_away.find("TEL;VALUE=uri;TYPE=\"work,voice\":tel:+1-888-373-7888\r\n") !=
          std::string::npos);
}

TEST_CASE("an institution's acronyms find it: COMAR, ACNUR, UNHCR, OIM, IOM") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    const std::pair<const char*, const char*> cases[] = {
        {"COMAR", "comar"}, {"ACNUR", "acnur-"}, {"UNHCR", "acnur-"},
        {"OIM", "iom-"},    {"IOM", "iom-"}};
    // Not a structured binding: clang 14 cannot capture one in INFO's lambda.
    for (const auto& one_case : cases)
        for (const char* lang : {"es", "en", "ht"}) {
            const char* query = one_case.first;
            const char* id_start = one_case.second;
            auto found = (*adapter)->search(query, lang);
            REQUIRE(found.ok());
            const std::vector<SearchGroup>& groups = found->groups;
            REQUIRE_FALSE(groups.empty());
            INFO(query << " in " << lang);
            CHECK(groups.front().type == "institution");
            CHECK(groups.front().rows.front().id.rfind(id_start, 0) == 0);
        }
}

TEST_CASE("near me: the kiosk's location by coordinates or by the centre's own entry") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    CHECK_FALSE((*adapter)->resolve_location("19.4,", "").ok());
    CHECK_FALSE((*adapter)->resolve_location("no-such-centre", "").ok());
    auto entry = (*adapter)->resolve_location("comar", "");
    REQUIRE_MESSAGE(entry.ok(), entry.message());
    CHECK(entry->city == "Ciudad de México");
    auto here = (*adapter)->resolve_location("19.4326,-99.1332", "Ciudad de México");
    REQUIRE(here.ok());
    (*adapter)->set_here(*here);
    auto inm = (*adapter)->detail("inm-mexico", "es");
    REQUIRE(inm.ok());
    // The sample's coordinates are the city's (19.43, -99.13): a few hundred metres.
    CHECK(inm->institution.distance == "450 m \xC2\xB7 10 min a pie");
}

TEST_CASE("near me: the directory nearest first, each row saying how far") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    auto bogota = (*adapter)->resolve_location("4.711,-74.0721", "Bogotá");
    REQUIRE(bogota.ok());
    (*adapter)->set_here(*bogota);
    DirectoryFilter nearest;
    nearest.nearest = true;
    auto header = (*adapter)->directory(nearest, "es");
    REQUIRE(header.ok());
    auto rows = (*adapter)->directory_rows(nearest, "es", 0, header->total);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == static_cast<size_t>(header->total));
    // Bogotá's institutions first; Quito (~700 km) before Lima (~1,900 km); an institution
    // without coordinates (Villa del Rosario's shelter) after every one with them.
    CHECK(rows->front().subtitle.find("Bogotá") != std::string::npos);
    auto at = [&](const char* id) {
        return std::find_if(rows->begin(), rows->end(),
                            [&](const ListRow& r) { return r.id == id; });
    };
    REQUIRE(at("hias-ecuador") != rows->end());
    REQUIRE(at("migraciones-peru") != rows->end());
    REQUIRE(at("casa-de-paso-divina-providencia") != rows->end());
    CHECK(at("hias-ecuador") < at("migraciones-peru"));
    CHECK(at("migraciones-peru") < at("casa-de-paso-divina-providencia"));
    CHECK(at("hias-ecuador")->subtitle.find(" km \xC2\xB7 ") != std::string::npos);
    CHECK(at("casa-de-paso-divina-providencia")->subtitle.find(" km") == std::string::npos);
    // Paging the sorted list gives the same rows.
    auto second = (*adapter)->directory_rows(nearest, "es", 5, 3);
    REQUIRE(second.ok());
    REQUIRE(second->size() == 3);
    CHECK((*second)[0].id == (*rows)[5].id);
    // Without a location the order is by name again.
    (*adapter)->set_here(std::nullopt);
    auto by_name = (*adapter)->directory_rows(nearest, "es", 0, 1);
    REQUIRE(by_name.ok());
    CHECK(by_name->front().subtitle.find(" km") == std::string::npos);
}

TEST_CASE("a publication's page: its details in the visitor's words, contents, full text, QR") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    auto tiles = (*adapter)->home("es");
    REQUIRE(tiles.ok());
    CHECK(std::any_of(tiles->begin(), tiles->end(), [](const HomeTile& t) {
        return t.category_id == "publications" && t.icon == "publications" &&
               t.title == "Publicaciones y estudios";
    }));

    auto report = (*adapter)->detail("sicremi-first-report-2011", "en");
    REQUIRE_MESSAGE(report.ok(), report.message());
    CHECK(report->type == "publication");
    CHECK(report->icon == "publications");
    CHECK(report->take_away == "https://migracionoea.org/es/prefacio");
    auto field = [](const DetailView& view, std::string_view key) {
        for (const DetailField& f : view.fields)
            if (f.label_key == key) return f.value;
        return std::string("(none)");
    };
    CHECK(field(*report, "field.kind") == "Report");
    CHECK(field(*report, "field.year") == "2011");
    CHECK(field(*report, "field.language") == "Spanish");
    CHECK(field(*report, "field.full_text_online") == "https://migracionoea.org/es/prefacio");
    CHECK(report->body_markdown.empty());  // no full text on the kiosk for this one
    CHECK(report->full_text_note.empty());

    // The action framework: its full text is French only; a Spanish reader gets it, told so.
    for (const char* lang : {"es", "ht", "ar"}) {
        auto document = (*adapter)->detail("cam-action-framework-2014", lang);
        REQUIRE(document.ok());
        INFO(lang);
        CHECK(document->body_markdown.rfind("# CADRE D\xE2\x80\x99" "ACTION", 0) == 0);
        CHECK(document->contents.size() == 7);
        CHECK_FALSE(document->full_text_note.empty());
        CHECK(document->take_away.find("https://") == std::string::npos);
    }
    auto es = (*adapter)->detail("cam-action-framework-2014", "es");
    REQUIRE(es.ok());
    CHECK(es->full_text_note == "El texto completo está en francés.");
    CHECK(field(*es, "field.kind") == "Documento");
    CHECK(es->contents.front() == "I. Temas centrales");
    auto fr = (*adapter)->detail("cam-action-framework-2014", "fr");
    REQUIRE(fr.ok());
    CHECK(fr->full_text_note.empty());  // in the visitor's own language: nothing to say
    CHECK(language_name("fr", "ar") == "الفرنسية");
}

TEST_CASE("a series' source line is in the visitor's language only, nothing appended") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    auto source = [&](const char* lang) {
        auto view = (*adapter)->detail("remittances-received", lang);
        REQUIRE(view.ok());
        for (const DetailField& f : view->fields)
            if (f.label_key == "field.source") return f.value;
        return std::string();
    };
    CHECK(source("es").rfind("Datos de muestra ilustrativos", 0) == 0);
    CHECK(source("en").rfind("Illustrative sample data", 0) == 0);
    CHECK(source("fr").rfind("Données d'exemple", 0) == 0);
    CHECK(source("pt").rfind("Datos de muestra", 0) == 0);  // pt falls back to es
    for (const char* lang : {"es", "en", "fr", "ht", "ar"}) {
        INFO(lang);
        CHECK(source(lang).find(" / ") == std::string::npos);
        CHECK((std::string(lang) == "en" || source(lang).find("Illustrative") == std::string::npos));
    }
}

TEST_CASE(
    "the map's seasonal layer: origin -> host arrows, host markers, names in the visitor's "
    "language") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE_MESSAGE(adapter.ok(), adapter.message());
    auto pins = (*adapter)->map_places({}, "es");
    REQUIRE_MESSAGE(pins.ok(), pins.message());
    auto layers = (*adapter)->map_layers(*pins, "es");
    REQUIRE_MESSAGE(layers.ok(), layers.message());
    const auto arrow = [&](std::string_view programme, std::string_view from, std::string_view to) {
        for (const MapArrow& a : layers->arrows)
            if (layers->programmes[a.programme].id == programme && a.from_code == from &&
                a.to_code == to)
                return &a;
        return static_cast<const MapArrow*>(nullptr);
    };
    // Mexico's SAWP: one arrow from Mexico's point to Canada's (content/countries.h).
    const MapArrow* mx = arrow("canada-sawp-mexico", "MX", "CA");
    REQUIRE(mx);
    CHECK(mx->from_lon == doctest::Approx(-102.181));
    CHECK(mx->to_lat == doctest::Approx(58.628));
    // The Caribbean SAWP: an arrow from each of its eleven origins.
    std::size_t caribbean = 0;
    for (const MapArrow& a : layers->arrows)
        caribbean +=
            layers->programmes[a.programme].id == "canada-sawp-caribbean" && a.to_code == "CA";
    CHECK(caribbean == 11);
    CHECK(arrow("canada-sawp-caribbean", "JM", "CA"));
    // H-2A names no origin (any country): a marker on its host.
    CHECK(arrow("us-h2a", "", "US"));
    // Only seasonal work: no return programme.
    for (const MapProgramme& p : layers->programmes) CHECK(p.id != "colombia-return-law");
    // The card says where from and where to, in the visitor's language.
    for (const MapProgramme& p : layers->programmes)
        if (p.id == "canada-sawp-mexico") CHECK(p.subtitle == "México \xE2\x86\x92 Canadá");
    // Labels: country names from ICU (largest first), then the directory's cities.
    REQUIRE(!layers->labels.empty());
    CHECK(layers->labels.front().text == "Brasil");
    CHECK(layers->labels.front().country);
    bool brazil = false, city = false;
    for (const MapLabel& l : layers->labels) brazil |= l.text == "Brasil", city |= !l.country;
    CHECK(brazil);
    CHECK(city);
    auto arabic = (*adapter)->map_layers(*pins, "ar");
    REQUIRE(arabic.ok());
    CHECK(arabic->labels.front().text == "البرازيل");
    // A seasonal-work programme's page offers the map; a return programme's does not.
    auto page = (*adapter)->detail("canada-sawp-mexico", "es");
    REQUIRE(page.ok());
    CHECK(page->on_map);
    auto other = (*adapter)->detail("colombia-return-law", "es");
    REQUIRE(other.ok());
    CHECK_FALSE(other->on_map);
}

TEST_CASE("news rows say how long ago in the visitor's words, again on the next day") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    auto header = (*adapter)->category("news", "es");
    REQUIRE(header.ok());
    auto subtitle_of = [&](std::string_view id_part) {
        auto rows = (*adapter)->category_rows("news", "es", 0, header->total);
        REQUIRE(rows.ok());
        for (const ListRow& row : *rows)
            if (row.id.find(id_part) != std::string::npos) return row.subtitle;
        FAIL("no news row with id containing " << id_part);
        return std::string();
    };
    // No clock: the date as Spanish writes it.
    CHECK(subtitle_of("kiosk-sample-content-2026").rfind("27 de noviembre de 2026", 0) == 0);
    // The sample's item of 2026-11-27, seen on 2026-11-30 at noon local time.
    std::tm noon{};
    noon.tm_year = 2026 - 1900, noon.tm_mon = 10, noon.tm_mday = 30, noon.tm_hour = 12;
    noon.tm_isdst = -1;
    const std::int64_t day = static_cast<std::int64_t>(std::mktime(&noon));
    (*adapter)->set_now(day);
    CHECK(subtitle_of("kiosk-sample-content-2026").rfind("hace 3 días", 0) == 0);
    // The cached rows are made again the next day, not an hour later.
    (*adapter)->set_now(day + 86400);
    CHECK(subtitle_of("kiosk-sample-content-2026").rfind("hace 4 días", 0) == 0);
    // Older than a month: the date again.
    CHECK(subtitle_of("cam-created-2012").find("2012") != std::string::npos);
    CHECK(subtitle_of("cam-created-2012").find("hace") == std::string::npos);
}

namespace {

std::string field_value(const DetailView& view, const char* label_key) {
    for (const DetailField& f : view.fields)
        if (f.label_key == label_key) return f.value;
    return "";
}

}  // namespace

TEST_CASE("code names: a programme's sector and an institution's kind and services in words") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    // The sector is named by the content's names.csv, the kind by the kiosk's catalogue.
    const std::pair<const char*, const char*> sectors[] = {
        {"es", "Ciencia y tecnología"},
        {"ht", "Syans ak teknoloji"},
        {"ar", "العلوم والتكنولوجيا"}};
    for (const auto& [lang, sector] : sectors) {
        auto view = (*adapter)->detail("argentina-raices", lang);
        REQUIRE_MESSAGE(view.ok(), view.message());
        CHECK(field_value(*view, "field.sector") == sector);
        CHECK(field_value(*view, "field.kind") != "human-capital");
    }
    auto comar = (*adapter)->detail("comar", "ht");
    REQUIRE(comar.ok());
    CHECK(field_value(*comar, "field.kind") == "Biwo leta");
    REQUIRE_FALSE(comar->institution.services.empty());
    CHECK(comar->institution.services.front().second == "Azil ak refij");
    auto comar_ar = (*adapter)->detail("comar", "ar");
    REQUIRE(comar_ar.ok());
    CHECK(field_value(*comar_ar, "field.kind") == "هيئة حكومية");
}

TEST_CASE("code names: no code of the sample reaches a visitor raw, in any language") {
    auto store = guichet::content::ContentStore::open(sample_store());
    REQUIRE(store.ok());
    auto names = store->code_names();
    REQUIRE(names.ok());
    REQUIRE(names->size() > 40);
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    // A name that is the code itself would be a code shown raw, unless the store says so.
    auto named_as_itself = [&](const std::string& field, const std::string& code) {
        return std::any_of(names->begin(), names->end(), [&](const guichet::content::CodeName& n) {
            return n.field == field && n.code == code && n.name == code;
        });
    };
    int checked = 0;
    for (const auto& row : *names)
        for (const LanguageChoice& language : (*adapter)->languages()) {
            const std::string shown = (*adapter)->code_name(row.field, row.code, language.code);
            INFO(row.field << " " << row.code << " in " << language.code << ": " << shown);
            CHECK_FALSE(shown.empty());
            if (shown == row.code) CHECK(named_as_itself(row.field, row.code));
            ++checked;
        }
    CHECK(checked > 200);
}

TEST_CASE("code names: a name missing in the visitor's language comes from its chain") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() /
                         ("guichet-code-names-" + std::to_string(::getpid()));
    fs::create_directories(dir / "src/programmes");
    auto write = [&](const char* name, const char* text) {
        std::ofstream(dir / "src" / name, std::ios::binary) << text;
    };
    write("languages.csv",
          "code,native_name,base,fallback\nes,Español,yes,\nfr,Français,,es\n"
          "ht,Kreyòl ayisyen,,fr\npt,Português,,es\n");
    write("categories.csv", "id,icon,types,title@es\nreturn,return,programme,Retorno\n");
    write("programmes/p.es.md",
          "---\ntitle: Programa\ncategories: return\nreviewed: 2026-11-01\nkind: job-insertion\n"
          "sector: pesca\n---\nTexto.\n");
    // Named in Spanish and French only: Creole reads French (its chain), Portuguese Spanish.
    write("names.csv", "field,code,name@es,name@fr\nsector,pesca,Pesca artesanal,Pêche artisanale\n");
    guichet::content::CheckReport report;
    const fs::path store = dir / "content.db";
    auto built = guichet::content::build_store(dir / "src", store, report);
    REQUIRE_MESSAGE(built.ok(), (built.ok() ? "" : built.message()));
    auto adapter = ContentAdapter::open(store);
    REQUIRE(adapter.ok());
    CHECK((*adapter)->code_name("sector", "pesca", "es") == "Pesca artesanal");
    CHECK((*adapter)->code_name("sector", "pesca", "fr") == "Pêche artisanale");
    CHECK((*adapter)->code_name("sector", "pesca", "ht") == "Pêche artisanale");
    CHECK((*adapter)->code_name("sector", "pesca", "pt") == "Pesca artesanal");
    // The page shows it; a code the store does not name falls to the kiosk's catalogue (its
    // own chain), and only a code nobody names shows as written.
    auto page = (*adapter)->detail("p", "ht");
    REQUIRE(page.ok());
    CHECK(field_value(*page, "field.sector") == "Pêche artisanale");
    CHECK((*adapter)->code_name("programme", "job-insertion", "ht") == "Jwenn travay");
    CHECK((*adapter)->code_name("service", "asylum", "ht") == "Azil ak refij");
    CHECK((*adapter)->code_name("theme", "unheard-of", "ht") == "unheard-of");
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

TEST_CASE("a publication's source line is in the visitor's language only, nothing appended") {
    auto adapter = ContentAdapter::open(sample_store());
    REQUIRE(adapter.ok());
    auto source = [&](const char* lang) {
        auto view = (*adapter)->detail("cam-action-framework-2014", lang);
        REQUIRE(view.ok());
        return field_value(*view, "field.source");
    };
    // The sample's CAM framework, written in each language (the seed's French text named in it).
    CHECK(source("es") == "OEA, CIDI/CAM: XXXVIII reunión ordinaria, 22 de mayo de 2014 (texto en "
                          "francés)");
    CHECK(source("en") == "OAS, CIDI/CAM: XXXVIII regular meeting, 22 May 2014 (French text)");
    CHECK(source("fr") == "OEA/CIDI/CAM, XXXVIII Réunion ordinaire, 22 mai 2014 (texte français)");
    CHECK(source("pt").rfind("OEA, CIDI/CAM: XXXVIII reunião ordinária", 0) == 0);
    CHECK(source("ht").rfind("OEA, CIDI/CAM: XXXVIII reyinyon òdinè", 0) == 0);
    CHECK(source("ar").rfind("منظمة الدول الأمريكية", 0) == 0);
    for (const char* lang : {"es", "en", "pt", "ht", "ar"}) {
        INFO(lang);
        CHECK(source(lang).find("Réunion") == std::string::npos);  // no French appended
    }
    for (const char* id : {"sicremi-first-report-2011", "sicremi-second-report-2012"}) {
        auto ht = (*adapter)->detail(id, "ht");
        REQUIRE(ht.ok());
        INFO(id);
        CHECK(field_value(*ht, "field.source").find("an panyòl") != std::string::npos);
    }
}

TEST_CASE("a publication's source missing in the visitor's language comes from its chain") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() /
                         ("guichet-publication-sources-" + std::to_string(::getpid()));
    fs::create_directories(dir / "src");
    auto write = [&](const char* name, const char* text) {
        std::ofstream(dir / "src" / name, std::ios::binary) << text;
    };
    write("languages.csv",
          "code,native_name,base,fallback\nes,Español,yes,\nfr,Français,,es\n"
          "ht,Kreyòl ayisyen,,fr\npt,Português,,es\n");
    write("categories.csv",
          "id,icon,types,title@es\npublications,publications,publication,Publicaciones\n");
    // Sources in Spanish and French only: Creole reads French (its chain), Portuguese Spanish.
    write("publications.csv",
          "id,kind,authors,publisher,year,language,url,title@es,title@ht,source@es,source@fr,"
          "categories,reviewed\n"
          "p,report,,OEA,2011,es,,Informe,Rapò,Comunicado de prensa,Communiqué de presse,"
          "publications,2026-12-01\n");
    guichet::content::CheckReport report;
    const fs::path store = dir / "content.db";
    auto built = guichet::content::build_store(dir / "src", store, report);
    REQUIRE_MESSAGE(built.ok(), (built.ok() ? "" : built.message()));
    auto adapter = ContentAdapter::open(store);
    REQUIRE(adapter.ok());
    auto source = [&](const char* lang) {
        auto view = (*adapter)->detail("p", lang);
        REQUIRE(view.ok());
        return field_value(*view, "field.source");
    };
    CHECK(source("es") == "Comunicado de prensa");
    CHECK(source("fr") == "Communiqué de presse");
    CHECK(source("ht") == "Communiqué de presse");  // its own title, the chain's source
    CHECK(source("pt") == "Comunicado de prensa");
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}
