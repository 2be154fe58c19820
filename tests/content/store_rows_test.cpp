// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "../support/temp_dir.h"
#include "content/compiler.h"
#include "content/store.h"
#include "content/store_rows.h"

using namespace guichet::content;
namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_all(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary) << bytes;
}

std::string hits(const ContentStore& store, const char* query, const char* lang) {
    auto found = store.search(query, lang, 30);
    REQUIRE(found);
    std::string out;
    for (const auto& h : *found)
        out += h.id + "|" + h.language + "|" + h.title + "|" + h.snippet + "|" +
               std::to_string(h.score) + "\n";
    return out;
}

}  // namespace

TEST_CASE("a store rebuilt from its row image holds the same rows and searches the same") {
    auto dir = guichet::testing::fresh_temp_dir("guichet-store-rows");
    CheckReport report;
    REQUIRE(build_store(GUICHET_SAMPLE_CONTENT, dir / "compiled.db", report));
    auto image = export_store_rows(dir / "compiled.db", dir / "image");
    REQUIRE(image);
    CHECK(image->rows > 1000);
    CHECK(image->bytes == static_cast<std::int64_t>(fs::file_size(dir / "image")));

    auto built = build_store_from_rows(dir / "image", dir / "rebuilt.db");
    REQUIRE_MESSAGE(built, built.message());
    CHECK(built->rows == image->rows);
    REQUIRE(export_store_rows(dir / "rebuilt.db", dir / "image-again"));
    CHECK(read_all(dir / "image") == read_all(dir / "image-again"));

    auto compiled = ContentStore::open(dir / "compiled.db");
    auto rebuilt = ContentStore::open(dir / "rebuilt.db");
    REQUIRE(compiled);
    REQUIRE(rebuilt);
    for (const char* lang : {"es", "fr", "ht"})
        for (const char* query : {"derechos", "ecole", "trabajo migrante", "sao paulo", "visa"}) {
            INFO(query << " in " << lang);
            std::string expected = hits(*compiled, query, lang);
            CHECK(expected == hits(*rebuilt, query, lang));
        }
    CHECK(!hits(*rebuilt, "derechos", "es").empty());
    fs::remove_all(dir);
}

TEST_CASE("a damaged or foreign row image is an error and leaves no store") {
    auto dir = guichet::testing::fresh_temp_dir("guichet-store-rows-bad");
    CheckReport report;
    REQUIRE(build_store(GUICHET_SAMPLE_CONTENT, dir / "compiled.db", report));
    REQUIRE(export_store_rows(dir / "compiled.db", dir / "image"));
    const std::string image = read_all(dir / "image");

    write_all(dir / "truncated", image.substr(0, image.size() / 2));
    auto truncated = build_store_from_rows(dir / "truncated", dir / "out.db");
    REQUIRE_FALSE(truncated);
    CHECK(truncated.message().find("truncated") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out.db"));

    for (size_t cut :
         {size_t{1}, size_t{20}, image.size() / 7, image.size() / 3, image.size() - 2}) {
        INFO("cut at " << cut);
        write_all(dir / "cut", image.substr(0, cut));
        CHECK_FALSE(build_store_from_rows(dir / "cut", dir / "out.db"));
        CHECK_FALSE(fs::exists(dir / "out.db"));
    }

    write_all(dir / "foreign", "SQLite format 3\0 and more bytes");
    auto foreign = build_store_from_rows(dir / "foreign", dir / "out.db");
    REQUIRE_FALSE(foreign);
    CHECK(foreign.message().find("not a Guichet row image") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out.db"));

    write_all(dir / "trailing", image + "x");
    auto trailing = build_store_from_rows(dir / "trailing", dir / "out.db");
    REQUIRE_FALSE(trailing);
    CHECK(trailing.message().find("after the end") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out.db"));

    CHECK_FALSE(build_store_from_rows(dir / "missing", dir / "out.db"));
    CHECK_FALSE(export_store_rows(dir / "missing.db", dir / "x"));
    fs::remove_all(dir);
}

TEST_CASE("a row image's SQL shapes the new store only: it cannot write a file elsewhere") {
    auto dir = guichet::testing::fresh_temp_dir("guichet-store-rows-sql");
    CheckReport report;
    REQUIRE(build_store(GUICHET_SAMPLE_CONTENT, dir / "compiled.db", report));
    REQUIRE(export_store_rows(dir / "compiled.db", dir / "image"));
    const std::string image = read_all(dir / "image");
    const auto at = image.find("CREATE TABLE");
    REQUIRE(at != std::string::npos);
    // Relative names: the files would appear in the working folder.
    for (const std::string hostile :
         {"ATTACH 'guichet-evil.db' AS e;CREATE TABLE e.t(x);", "VACUUM INTO 'guichet-evil.db';"}) {
        INFO(hostile);
        // Swap the first table's DDL for a statement padded to the same length, so the
        // image stays well formed and the builder reaches the statement.
        std::string swapped = image;
        swapped.replace(at, hostile.size(), hostile);
        const auto close = image.find(')', image.find('(', at));
        REQUIRE(close > at + hostile.size());
        swapped.replace(at + hostile.size(), close + 1 - at - hostile.size(),
                        std::string(close + 1 - at - hostile.size(), ' '));
        write_all(dir / "hostile", swapped);
        auto built = build_store_from_rows(dir / "hostile", dir / "out.db");
        CHECK_FALSE(built);
        CHECK_FALSE(fs::exists("guichet-evil.db"));
        CHECK_FALSE(fs::exists(dir / "out.db"));
        fs::remove("guichet-evil.db");
    }
}
