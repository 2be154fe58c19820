// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>

#include "content/compiler.h"
#include "content/store.h"
#include "fixture.h"

using namespace guichet::content;
using fixture::SourceDir;
namespace fs = std::filesystem;

namespace {

// Builds the fixture set once per test into a store and opens it.
struct BuiltStore {
    SourceDir dir;
    fs::path path = dir.root() / "content.db";
    BuiltStore() {
        CheckReport report;
        auto built = build_store(dir.src(), path, report);
        REQUIRE_MESSAGE(built.ok(), (built.ok() ? "" : built.message()));
    }
    ContentStore open() const {
        auto store = ContentStore::open(path);
        REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.message()));
        return std::move(store).value();
    }
};

std::vector<std::string> ids(const ItemPage& page) {
    std::vector<std::string> out;
    for (const auto& item : page.items) out.push_back(item.header.id);
    return out;
}

}  // namespace

TEST_CASE("store info: version, date, schema, base language") {
    BuiltStore built;
    auto store = built.open();
    auto info = store.info();
    REQUIRE(info.ok());
    CHECK(info->content_version.size() == 16);
    CHECK(info->build_date == "2026-11-01");
    CHECK(info->schema_version == current_schema_version());
    CHECK(info->base_language == "es");
    CHECK(info->item_count == 13);
}

TEST_CASE("languages come in file order with chains ending in the base, and coverage") {
    BuiltStore built;
    auto languages = built.open().languages();
    REQUIRE(languages.ok());
    REQUIRE(languages->size() == 5);
    CHECK((*languages)[0].code == "es");
    CHECK((*languages)[0].is_base);
    CHECK((*languages)[0].fallback_chain.empty());
    CHECK((*languages)[4].code == "ht");
    CHECK((*languages)[4].native_name == "Kreyòl ayisyen");
    CHECK((*languages)[4].fallback_chain == std::vector<std::string>{"fr", "en", "es"});
    CHECK((*languages)[2].fallback_chain == std::vector<std::string>{"en", "es"});
    const auto& ht_articles = (*languages)[4].coverage[0];
    CHECK(ht_articles.type == ItemType::article);
    CHECK(ht_articles.total == 5);
    CHECK(ht_articles.translated == 1);
}

TEST_CASE("counts recorded at build time match a count made at open, and bad ones are errors") {
    BuiltStore built;
    auto recorded_info = built.open().info();
    auto recorded = built.open().languages();
    REQUIRE(recorded.ok());
    REQUIRE(recorded_info.ok());
    // A store from an older compiler (same schema) has no recorded figures: counted on open.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(built.path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db,
                         "DELETE FROM meta WHERE key IN ('item_count', 'text_rows', 'coverage')",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto counted = built.open().languages();
    REQUIRE(counted.ok());
    REQUIRE(counted->size() == recorded->size());
    for (size_t i = 0; i < counted->size(); ++i) {
        REQUIRE((*counted)[i].coverage.size() == (*recorded)[i].coverage.size());
        for (size_t t = 0; t < (*counted)[i].coverage.size(); ++t) {
            CHECK((*counted)[i].coverage[t].total == (*recorded)[i].coverage[t].total);
            CHECK((*counted)[i].coverage[t].translated == (*recorded)[i].coverage[t].translated);
        }
    }
    CHECK(built.open().info()->item_count == recorded_info->item_count);
    REQUIRE(sqlite3_open(built.path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "INSERT INTO meta(key, value) VALUES('coverage', 'es article x 1')",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto broken = built.open().languages();
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.message().find("meta coverage line 'es article x 1'") != std::string::npos);
}

TEST_CASE("categories with titles falling back along the chain") {
    BuiltStore built;
    auto categories = built.open().categories("ht");
    REQUIRE(categories.ok());
    REQUIRE(categories->size() == 3);
    CHECK((*categories)[0].id == "rights");
    CHECK((*categories)[0].title == "Dwa");
    CHECK_FALSE((*categories)[0].fell_back);
    CHECK((*categories)[1].icon == "institutions");
    CHECK((*categories)[1].types == std::vector<ItemType>{ItemType::institution});
    CHECK((*categories)[1].title == "Institutions");
    CHECK((*categories)[1].language == "fr");
    CHECK((*categories)[1].fell_back);
    CHECK((*categories)[2].title == "Législation");
}

TEST_CASE("an item in a language, with the fallback flag and the language used") {
    BuiltStore built;
    auto store = built.open();
    auto ht = store.article("rights", "ht");
    REQUIRE(ht.ok());
    CHECK(ht->header.title == "Dwa ou kòm travayè migran");
    CHECK(ht->header.language == "ht");
    CHECK_FALSE(ht->header.fell_back);
    CHECK(ht->body_markdown.find("Tout moun gen dwa") != std::string::npos);
    // ht has no summary: that one field comes from further down the chain (en).
    CHECK(ht->header.summary == "The 1990 Convention protects every migrant worker.");
    CHECK(ht->header.categories == std::vector<std::string>{"rights"});
    CHECK(ht->header.tags == std::vector<std::string>{"convención", "trabajadores"});
    CHECK(ht->header.reviewed == "2026-10-15");

    auto fr = store.article("rights", "fr");  // fr → en → es
    REQUIRE(fr.ok());
    CHECK(fr->header.language == "en");
    CHECK(fr->header.fell_back);
    CHECK(fr->header.title == "Your rights as a migrant worker");

    auto pt = store.article("escuela", "pt");
    REQUIRE(pt.ok());
    CHECK(pt->header.language == "es");
    CHECK(pt->header.fell_back);
    CHECK(pt->body_markdown == "La escuela pública en São Paulo recibe a todos los niños.");

    auto unknown_lang = store.article("rights", "de");
    REQUIRE(unknown_lang.ok());
    CHECK(unknown_lang->header.language == "es");
    CHECK(unknown_lang->header.fell_back);

    CHECK_FALSE(store.article("no-such-item", "es").ok());
    auto wrong_type = store.article("inst-a", "es");
    REQUIRE_FALSE(wrong_type.ok());
    CHECK(wrong_type.message().find("institution") != std::string::npos);
    CHECK(store.type_of("sawp").ok());
    CHECK(*store.type_of("sawp") == ItemType::programme);
}

TEST_CASE("typed items carry their type's fields") {
    BuiltStore built;
    auto store = built.open();
    auto inst = store.institution("inst-a", "fr");
    REQUIRE(inst.ok());
    CHECK(inst->header.title == "Bureau d'accueil des migrants");
    CHECK(inst->header.language == "fr");
    CHECK(inst->official_name == "Oficina de Atención al Migrante");
    CHECK(inst->description == "Free advice");  // fr → en
    CHECK(inst->services == std::vector<std::string>{"legal-aid", "documents"});
    CHECK(inst->spoken_languages == std::vector<std::string>{"es", "en", "ht"});
    CHECK(inst->city == "Ciudad de México");
    CHECK(inst->country == "MX");
    CHECK(inst->phones.empty());
    CHECK(inst->website == "https://www.gob.mx/");
    CHECK(inst->hours == "Lunes a viernes");
    REQUIRE(inst->coordinates.has_value());
    CHECK(inst->coordinates->lat == doctest::Approx(19.43));
    CHECK(inst->coordinates->lon == doctest::Approx(-99.13));
    auto en = store.institution("inst-a", "en");
    REQUIRE(en.ok());
    CHECK(en->header.title == "Oficina de Atención al Migrante");  // no English name: official one
    CHECK(en->header.language == "en");
    auto b = store.institution("inst-b", "es");
    REQUIRE(b.ok());
    CHECK_FALSE(b->coordinates.has_value());
    CHECK(b->description == "Albergue, comida");

    auto prog = store.programme("sawp", "en");
    REQUIRE(prog.ok());
    CHECK(prog->kind == "seasonal-work");
    CHECK(prog->host_countries == std::vector<std::string>{"CA"});
    CHECK(prog->origin_countries == std::vector<std::string>{"MX", "JM"});
    CHECK(prog->sector == "agricultura");
    CHECK(prog->official_link == "https://www.canada.ca/");
    CHECK(prog->header.fell_back);

    auto law = store.legislation("mx-ley-migracion", "en");
    REQUIRE(law.ok());
    CHECK(law->header.title == "Migration Act");
    CHECK(law->header.summary == "Regula la entrada y salida.");
    CHECK(law->year == 2011);
    CHECK(law->kind == "law");
    CHECK(law->official_reference == "DOF 25-05-2011");

    auto coop = store.cooperation("coop-1", "es");
    REQUIRE(coop.ok());
    CHECK(coop->direction == "offer");
    CHECK(coop->country == "CO");
    CHECK(coop->theme == "retorno");

    auto news = store.news("bulletin-1", "es");
    REQUIRE(news.ok());
    CHECK(news->date == "2026-10-01");
    CHECK(news->kind == "bulletin");

    auto series = store.statistics("flows", "en");
    REQUIRE(series.ok());
    CHECK(series->header.title == "Migration flows");
    CHECK(series->unit == "persons");
    CHECK(series->source == "SICREMI");
    CHECK(series->description == "Entradas por año.");
    REQUIRE(series->points.size() == 3);
    CHECK(series->points[0].country == "CO");
    CHECK(series->points[1].country == "MX");
    CHECK(series->points[1].year == 2019);
    CHECK(series->points[1].value == doctest::Approx(1200.5));
}

TEST_CASE("lists: a store prepared ahead lists every type and language as one that was not") {
    BuiltStore built;
    auto prepared = built.open();
    auto plain = built.open();
    REQUIRE(prepared.prepare_lists().ok());
    auto languages = plain.languages();
    REQUIRE(languages.ok());
    REQUIRE(languages->size() >= 2);
    int items = 0;
    for (ItemType type : kAllItemTypes) {
        for (const Language& language : *languages) {
            auto a = prepared.list(type, language.code);
            auto b = plain.list(type, language.code);
            REQUIRE(a.ok());
            REQUIRE(b.ok());
            CHECK(a->total == b->total);
            CHECK(ids(*a) == ids(*b));
            items += static_cast<int>(a->items.size());
            // A filtered list goes through the same prepared order.
            auto filtered = prepared.list(type, language.code, {.country = "MX"});
            REQUIRE(filtered.ok());
            CHECK(ids(*filtered) == ids(*plain.list(type, language.code, {.country = "MX"})));
        }
    }
    CHECK(items > 0);
    // Preparing twice, or after lists were read, changes nothing.
    REQUIRE(prepared.prepare_lists().ok());
    CHECK(ids(*prepared.list(ItemType::institution, "es")) ==
          std::vector<std::string>{"inst-b", "inst-a"});
}

TEST_CASE("lists: filters, order and paging") {
    BuiltStore built;
    auto store = built.open();
    auto all = store.list(ItemType::institution, "es");
    REQUIRE(all.ok());
    CHECK(all->total == 2);
    // By title: "Casa del Migrante" before "Oficina de Atención al Migrante".
    CHECK(ids(*all) == std::vector<std::string>{"inst-b", "inst-a"});
    auto by_country = store.list(ItemType::institution, "es", {.country = "MX"});
    REQUIRE(by_country.ok());
    CHECK(ids(*by_country) == std::vector<std::string>{"inst-a"});
    CHECK(ids(*store.list(ItemType::institution, "es", {.city = "Guatemala"})) ==
          std::vector<std::string>{"inst-b"});
    CHECK(ids(*store.list(ItemType::institution, "es", {.kind = "ngo"})) ==
          std::vector<std::string>{"inst-b"});
    CHECK(ids(*store.list(ItemType::institution, "es", {.service = "documents"})) ==
          std::vector<std::string>{"inst-a"});
    CHECK(ids(*store.list(ItemType::institution, "es", {.spoken_language = "ht"})) ==
          std::vector<std::string>{"inst-a"});
    CHECK(store.list(ItemType::institution, "es", {.service = "asylum"})->total == 0);
    CHECK(ids(*store.list(ItemType::legislation, "es", {.category = "laws"})) ==
          std::vector<std::string>{"mx-ley-migracion"});
    // Programmes match their host and origin countries.
    CHECK(ids(*store.list(ItemType::programme, "es", {.country = "JM"})) ==
          std::vector<std::string>{"sawp"});

    auto news = store.list(ItemType::news, "es");
    REQUIRE(news.ok());
    CHECK(ids(*news) == std::vector<std::string>{"bulletin-2", "bulletin-1"});
    CHECK(news->items[0].date == "2026-11-01");

    auto page = store.list(ItemType::article, "es", {}, {.offset = 1, .limit = 2});
    REQUIRE(page.ok());
    CHECK(page->total == 5);
    CHECK(page->items.size() == 2);
    auto whole = store.list(ItemType::article, "es", {}, {.offset = 0, .limit = 100});
    REQUIRE(whole->items.size() == 5);
    CHECK(page->items[0].header.id == whole->items[1].header.id);
    CHECK(page->items[1].header.id == whole->items[2].header.id);
    // Titles sort without regard to accents or case: Educación < Inscripción < Oficina < Sus.
    CHECK(whole->items[0].header.title == "Educación para sus hijos");
    CHECK(whole->items[4].header.title == "Sus derechos como trabajador migrante");

    auto in_ht = store.list(ItemType::article, "ht", {}, {.offset = 0, .limit = 100});
    REQUIRE(in_ht.ok());
    // In Kreyòl, "Dwa ou…" has its own text and sorts first; the rest fall back.
    REQUIRE(in_ht->items.size() == 5);
    CHECK(in_ht->items[0].header.id == "rights");
    CHECK_FALSE(in_ht->items[0].header.fell_back);
    CHECK(in_ht->items[1].header.fell_back);
    CHECK(in_ht->items[1].header.language == "es");
}

TEST_CASE("distinct values for filter pickers") {
    BuiltStore built;
    auto store = built.open();
    CHECK(*store.distinct_values(ItemType::institution, FilterField::country) ==
          std::vector<std::string>{"GT", "MX"});
    CHECK(*store.distinct_values(ItemType::institution, FilterField::city) ==
          std::vector<std::string>{"Ciudad de México", "Guatemala"});
    CHECK(*store.distinct_values(ItemType::institution, FilterField::kind) ==
          std::vector<std::string>{"ngo", "public-body"});
    CHECK(*store.distinct_values(ItemType::institution, FilterField::service) ==
          std::vector<std::string>{"documents", "food", "legal-aid", "shelter"});
    CHECK(*store.distinct_values(ItemType::institution, FilterField::spoken_language) ==
          std::vector<std::string>{"en", "es", "ht"});
    CHECK(*store.distinct_values(ItemType::programme, FilterField::country) ==
          std::vector<std::string>{"CA", "JM", "MX"});
}

TEST_CASE("open: missing file, not a store, schema too new") {
    SourceDir dir;
    auto missing = ContentStore::open(dir.root() / "missing.db");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.message().find("missing.db") != std::string::npos);

    auto junk = dir.root() / "junk.db";
    std::ofstream(junk) << "this is not a database at all, just some text";
    auto not_db = ContentStore::open(junk);
    REQUIRE_FALSE(not_db.ok());
    CHECK(not_db.message().find("junk.db") != std::string::npos);

    auto empty = dir.root() / "empty.db";
    {
        sqlite3* db = nullptr;
        sqlite3_open(empty.c_str(), &db);
        sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    auto not_ours = ContentStore::open(empty);
    REQUIRE_FALSE(not_ours.ok());
    CHECK(not_ours.message().find("not a Guichet content store") != std::string::npos);

    BuiltStore built;
    {
        sqlite3* db = nullptr;
        sqlite3_open(built.path.c_str(), &db);
        sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    auto too_new = ContentStore::open(built.path);
    REQUIRE_FALSE(too_new.ok());
    CHECK(too_new.message().find("schema version 99 is newer") != std::string::npos);
}

TEST_CASE("the store is opened read-only and never changed by reading") {
    BuiltStore built;
    auto before = fixture::read_bytes(built.path);
    ::chmod(built.path.c_str(), 0444);
    {
        auto store = built.open();
        CHECK(store.search("derechos", "es").ok());
        CHECK(store.list(ItemType::article, "fr").ok());
        CHECK(store.languages().ok());
    }
    CHECK(fixture::read_bytes(built.path) == before);
    // No journal or WAL file appears beside it.
    CHECK_FALSE(fs::exists(built.path.string() + "-wal"));
    CHECK_FALSE(fs::exists(built.path.string() + "-journal"));
    ::chmod(built.path.c_str(), 0644);
}

TEST_CASE("every text of a language, for glyph coverage") {
    BuiltStore built;
    auto store = built.open();
    std::string all;
    REQUIRE(store.each_text("ht", [&](std::string_view text) { all += std::string(text) + "\n"; })
                .ok());
    CHECK(all.find("Dwa ou kòm travayè migran") != std::string::npos);
    CHECK(all.find("Tout moun gen dwa") != std::string::npos);
    CHECK(all.find("Kreyòl ayisyen") != std::string::npos);  // language names, for the picker
    CHECK(all.find("Dwa\n") != std::string::npos);           // category title
    CHECK(all.find("Sus derechos") == std::string::npos);    // no fallback text
}
