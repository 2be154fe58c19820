// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <random>

#include "content/compiler.h"
#include "content/store.h"
#include "content/synth.h"
#include "fixture.h"

using namespace guichet::content;
namespace fs = std::filesystem;

namespace {

// Every item's base-language title, summary and body-ish text, keyed by id.
std::map<std::string, std::string> item_texts(const fs::path& db) {
    auto store = ContentStore::open(db);
    REQUIRE(store.ok());
    std::map<std::string, std::string> out;
    for (ItemType type : kAllItemTypes) {
        auto page = store->list(type, "es", {}, {.offset = 0, .limit = 1000});
        REQUIRE(page.ok());
        for (const auto& item : page->items) {
            std::string text = item.header.title + "|" + item.header.summary;
            if (type == ItemType::article)
                text += "|" + store->article(item.header.id, "es")->body_markdown;
            if (type == ItemType::institution)
                text += "|" + store->institution(item.header.id, "es")->description;
            out[item.header.id] = text;
        }
    }
    return out;
}

}  // namespace

TEST_CASE("synth: a clean, deterministic set — --mutate-percent changes exactly that share") {
    fixture::SourceDir dir(std::map<std::string, std::string>{});
    auto plain = dir.root() / "plain";
    auto again = dir.root() / "again";
    auto mutated = dir.root() / "mutated";
    auto written = write_synthetic_sources(plain, {.items = 200, .seed = 9, .mutate_percent = 0});
    REQUIRE(written.ok());
    CHECK(written->items == 200);
    CHECK(written->mutated == 0);
    REQUIRE(write_synthetic_sources(again, {.items = 200, .seed = 9, .mutate_percent = 0}).ok());
    auto changed = write_synthetic_sources(mutated, {.items = 200, .seed = 9, .mutate_percent = 5});
    REQUIRE(changed.ok());
    CHECK(changed->mutated == 10);

    CheckReport report;
    REQUIRE(build_store(plain, dir.root() / "plain.db", report).ok());
    CHECK(report.item_count == 201);  // 200 items and the statistics series
    REQUIRE(build_store(again, dir.root() / "again.db", report).ok());
    REQUIRE(build_store(mutated, dir.root() / "mutated.db", report).ok());
    CHECK(fixture::read_bytes(dir.root() / "plain.db") ==
          fixture::read_bytes(dir.root() / "again.db"));

    auto before = item_texts(dir.root() / "plain.db");
    auto after = item_texts(dir.root() / "mutated.db");
    REQUIRE(before.size() == after.size());
    int differing = 0;
    for (const auto& [id, text] : before) {
        REQUIRE(after.count(id));
        differing += after[id] != text;
    }
    CHECK(differing == 10);
    // Another seed is another set.
    REQUIRE(write_synthetic_sources(dir.root() / "other", {.items = 200, .seed = 10}).ok());
    CHECK(fixture::read_bytes(plain / "institutions.csv") !=
          fixture::read_bytes(dir.root() / "other" / "institutions.csv"));
}
