// SPDX-License-Identifier: GPL-3.0-or-later
// MBTiles sets built here with real SQLite the way GDAL and QGIS write them (metadata and tiles
// tables, TMS rows), holding the real tiles of tests/platform/data, and the sample's own base map.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "content/mbtiles.h"

namespace {
namespace fs = std::filesystem;
using namespace guichet::content::mbtiles;

std::vector<std::uint8_t> read_data(const char* name) {
    std::ifstream in(fs::path(GUICHET_SOURCE_DIR) / "tests/platform/data" / name, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Tile {
    int z, column, tms_row;
    std::vector<std::uint8_t> bytes;
};

// A tile set file: metadata rows, tiles at TMS rows.
fs::path make_set(const std::string& name, const std::vector<std::pair<std::string, std::string>>& metadata,
                  const std::vector<Tile>& tiles) {
    fs::path dir = fs::temp_directory_path() / "guichet-mbtiles-test";
    fs::create_directories(dir);
    fs::path path = dir / name;
    fs::remove(path);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db,
                         "CREATE TABLE metadata(name TEXT, value TEXT);"
                         "CREATE TABLE tiles(zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
                         " tile_data BLOB);",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO metadata VALUES(?1, ?2)", -1, &stmt, nullptr);
    for (const auto& row : metadata) {
        sqlite3_bind_text(stmt, 1, row.first.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 2, row.second.c_str(), -1, SQLITE_TRANSIENT);
        REQUIRE(sqlite3_step(stmt) == SQLITE_DONE);
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    sqlite3_prepare_v2(db, "INSERT INTO tiles VALUES(?1, ?2, ?3, ?4)", -1, &stmt, nullptr);
    for (const auto& tile : tiles) {
        sqlite3_bind_int(stmt, 1, tile.z);
        sqlite3_bind_int(stmt, 2, tile.column);
        sqlite3_bind_int(stmt, 3, tile.tms_row);
        sqlite3_bind_blob(stmt, 4, tile.bytes.data(), static_cast<int>(tile.bytes.size()),
                          SQLITE_TRANSIENT);
        REQUIRE(sqlite3_step(stmt) == SQLITE_DONE);
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return path;
}

const std::vector<std::pair<std::string, std::string>> kPngMetadata = {
    {"name", "test"}, {"format", "png"}, {"bounds", "-170,-57,-30,75"}, {"minzoom", "0"},
    {"maxzoom", "3"}, {"attribution", "GSHHG"}};

}  // namespace

TEST_CASE("a tile is read at its XYZ address from the TMS row MBTiles stores it in") {
    auto png = read_data("tile.png");
    // z3, XYZ y 3 is TMS row 8 - 1 - 3 = 4. Another tile sits at TMS row 3 (XYZ 4).
    auto other = read_data("tile.webp");
    auto path = make_set("flip.mbtiles", kPngMetadata, {{3, 2, 4, png}, {3, 2, 3, other}});
    auto set = File::open(path);
    REQUIRE_MESSAGE(set.ok(), (set.ok() ? std::string() : set.message()));
    CHECK(set->metadata().name == "test");
    CHECK(set->metadata().format == "png");
    CHECK(set->metadata().attribution == "GSHHG");
    REQUIRE(set->metadata().bounds.has_value());
    CHECK(set->metadata().bounds->west == -170);
    CHECK(set->metadata().bounds->north == 75);
    CHECK(set->metadata().maxzoom == 3);
    auto bytes = set->tile_bytes({3, 2, 3});
    REQUIRE(bytes.ok());
    CHECK(*bytes == png);
    auto tile = set->tile({3, 2, 3});
    REQUIRE_MESSAGE(tile.ok(), (tile.ok() ? std::string() : tile.message()));
    CHECK(tile->width == 256);
    CHECK(flip_y(3, 3) == 4);
    CHECK(flip_y(0, 0) == 0);
    CHECK(flip_y(7, 127) == 0);
    // The WebP twin at XYZ y 4 is in a set declaring png: read as bytes, refused as a tile.
    auto wrong = set->tile({3, 2, 4});
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.message() == path.string() + ": tile 3/2/4: tile is WebP but the tile set declares format 'png'");
    // each_tile walks in XYZ order and stops at the first foreign tile with the same words.
    int seen = 0;
    auto walked = set->each_tile([&](const TileId& id, std::span<const std::uint8_t>) {
        CHECK(id == TileId{3, 2, 3});
        ++seen;
        return guichet::Result<void>();
    });
    CHECK(seen == 1);
    REQUIRE_FALSE(walked.ok());
    CHECK(walked.message().find("tile 3/2/4: tile is WebP") != std::string::npos);
}

TEST_CASE("a missing tile, a corrupt tile and an address off the map are errors naming the tile") {
    auto png = read_data("tile.png");
    std::vector<std::uint8_t> corrupt(png.begin(), png.begin() + 200);
    std::vector<std::uint8_t> text = {'<', 'h', 't', 'm', 'l', '>'};
    auto path = make_set("broken.mbtiles", kPngMetadata,
                         {{2, 1, 1, corrupt}, {2, 1, 2, text}, {2, 0, 0, {}}});
    auto set = File::open(path);
    REQUIRE(set.ok());
    auto missing = set->tile({2, 3, 3});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.message() == path.string() + ": tile 2/3/3: not in the tile set");
    auto damaged = set->tile({2, 1, 2});  // TMS row 1
    REQUIRE_FALSE(damaged.ok());
    CHECK(damaged.message().rfind(path.string() + ": tile 2/1/2: damaged PNG image", 0) == 0);
    auto foreign = set->tile({2, 1, 1});  // TMS row 2
    REQUIRE_FALSE(foreign.ok());
    CHECK(foreign.message() == path.string() + ": tile 2/1/1: tile is not a PNG, JPEG or WebP image");
    auto empty = set->tile({2, 0, 3});
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.message().find("tile 2/0/3") != std::string::npos);
    for (TileId off : {TileId{2, 4, 0}, TileId{2, 0, -1}, TileId{21, 0, 0}, TileId{-1, 0, 0}}) {
        auto outside = set->tile(off);
        REQUIRE_FALSE(outside.ok());
        CHECK(outside.message().find("no such tile") != std::string::npos);
    }
}

TEST_CASE("a tile larger than a tile may be is refused before decoding") {
    std::vector<std::uint8_t> huge(kMaxTileBytes + 10, 0);
    auto png = read_data("tile.png");
    std::copy(png.begin(), png.end(), huge.begin());
    auto decoded = decode_tile(huge, "png", "x: tile 0/0/0");
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.message().find("larger than the 1048576 bytes a tile may have") != std::string::npos);
    auto path = make_set("huge.mbtiles", kPngMetadata, {{0, 0, 0, huge}});
    auto set = File::open(path);
    REQUIRE(set.ok());
    auto tile = set->tile({0, 0, 0});
    REQUIRE_FALSE(tile.ok());
}

TEST_CASE("JPEG and WebP sets decode their own tiles") {
    auto jpg_set = make_set("jpg.mbtiles", {{"name", "j"}, {"format", "jpg"}}, {{1, 0, 1, read_data("tile.jpg")}});
    auto jpg = File::open(jpg_set);
    REQUIRE(jpg.ok());
    CHECK(jpg->tile({1, 0, 0}).ok());
    auto webp_set = make_set("webp.mbtiles", {{"name", "w"}, {"format", "webp"}}, {{1, 1, 0, read_data("tile.webp")}});
    auto webp = File::open(webp_set);
    REQUIRE(webp.ok());
    CHECK(webp->tile({1, 1, 1}).ok());
}

TEST_CASE("files that are not tile sets, and incomplete metadata, say what is wrong") {
    fs::path dir = fs::temp_directory_path() / "guichet-mbtiles-test";
    fs::create_directories(dir);
    CHECK(File::open(dir / "nothing.mbtiles").message() == (dir / "nothing.mbtiles").string() + ": no such file");
    {
        std::ofstream out(dir / "text.mbtiles");
        out << "this is not SQLite at all, just some words in a file that is long enough";
    }
    auto text = File::open(dir / "text.mbtiles");
    REQUIRE_FALSE(text.ok());
    CHECK(text.message().find("not an SQLite file") != std::string::npos);
    auto no_name = File::open(make_set("noname.mbtiles", {{"format", "png"}}, {}));
    CHECK(no_name.message().find("metadata has no 'name'") != std::string::npos);
    auto no_format = File::open(make_set("noformat.mbtiles", {{"name", "x"}}, {}));
    CHECK(no_format.message().find("metadata has no 'format'") != std::string::npos);
    auto vector = File::open(make_set("pbf.mbtiles", {{"name", "x"}, {"format", "pbf"}}, {}));
    CHECK(vector.message().find("vector tiles (format pbf)") != std::string::npos);
    auto bounds = File::open(make_set("bounds.mbtiles", {{"name", "x"}, {"format", "png"}, {"bounds", "-30,10,-170,20"}}, {}));
    CHECK(bounds.message().find("metadata 'bounds' is '-30,10,-170,20'") != std::string::npos);
    auto zooms = File::open(make_set("zooms.mbtiles", {{"name", "x"}, {"format", "png"}, {"minzoom", "5"}, {"maxzoom", "2"}}, {}));
    CHECK(zooms.message().find("minzoom 5 is above maxzoom 2") != std::string::npos);
    auto bad_zoom = File::open(make_set("badzoom.mbtiles", {{"name", "x"}, {"format", "png"}, {"maxzoom", "7.5"}}, {}));
    CHECK(bad_zoom.message().find("metadata 'maxzoom' is '7.5'") != std::string::npos);
}

TEST_CASE("the sample's base map: the world at z0-4, the Americas to z7, the directory's places at z8-9") {
    auto set = File::open(fs::path(GUICHET_SOURCE_DIR) / "content/sample/map/americas.mbtiles");
    REQUIRE_MESSAGE(set.ok(), (set.ok() ? std::string() : set.message()));
    CHECK(set->metadata().format == "png");
    CHECK(set->metadata().minzoom == 0);
    CHECK(set->metadata().maxzoom == 9);
    CHECK(set->metadata().attribution.find("GSHHG") != std::string::npos);
    // Closer in only around the sample directory's places: São Paulo has z9, the Amazon's
    // middle (no institution near) stops at z7.
    CHECK(set->tile({9, 189, 290}).ok());
    CHECK(set->tile({8, 94, 145}).ok());
    CHECK_FALSE(set->tile({9, 170, 263}).ok());
    CHECK(set->tile({7, 170 / 4, 263 / 4}).ok());
    auto caribbean = set->tile({3, 2, 3});
    REQUIRE(caribbean.ok());
    CHECK(caribbean->width == 256);
    // The whole set decodes: every tile is a PNG of 256 px.
    std::int64_t decoded = 0;
    auto walked = set->each_tile([&](const TileId& id, std::span<const std::uint8_t> bytes) -> guichet::Result<void> {
        auto tile = decode_tile(bytes, "png", std::to_string(id.z));
        if (!tile) return tile.error();
        if (tile->width != 256) return guichet::make_error("not 256 px");
        ++decoded;
        return {};
    });
    REQUIRE_MESSAGE(walked.ok(), (walked.ok() ? std::string() : walked.message()));
    CHECK(*walked == decoded);
    CHECK(decoded > 1000);
    // The whole world to z4, so a wide screen or a map's edge shows no blank paper (Europe,
    // Asia's far east); past z4 only the Americas.
    CHECK(set->tile({3, 4, 2}).ok());
    CHECK(set->tile({4, 15, 15}).ok());
    CHECK(set->tile({4, 0, 0}).ok());
    CHECK(set->tile({4, 15, 0}).ok());
    CHECK_FALSE(set->tile({5, 16, 10}).ok());
    CHECK_FALSE(set->tile({5, 31, 10}).ok());
    // Past its edge (30 degrees west) the Americas' z5 tiles are whole, not partly blank.
    auto edge = set->tile({5, 13, 15});
    REQUIRE(edge.ok());
    bool transparent = false;
    for (std::size_t i = 3; i < edge->pixels.size(); i += 4) transparent = transparent || edge->pixels[i] < 255;
    CHECK_FALSE(transparent);
}

#include "content/compiler.h"
#include "content/store_map.h"

namespace {
fs::path copy_sample(const char* name) {
    fs::path dir = fs::temp_directory_path() / "guichet-mbtiles-test" / name;
    fs::remove_all(dir);
    fs::copy(fs::path(GUICHET_SOURCE_DIR) / "content/sample", dir, fs::copy_options::recursive);
    return dir;
}

bool has_problem(const guichet::content::CheckReport& report, const std::string& text) {
    for (const auto& p : report.problems)
        if (p.to_string().find(text) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("the compiler stores the sample's base map, the store's map gives the same tiles") {
    fs::path out = fs::temp_directory_path() / "guichet-mbtiles-test" / "sample-map.db";
    guichet::content::CheckReport report;
    auto built = guichet::content::build_store(fs::path(GUICHET_SOURCE_DIR) / "content/sample", out, report);
    REQUIRE_MESSAGE(built.ok(), (built.ok() ? std::string() : built.message()));
    auto map = guichet::content::StoreMap::open(out);
    REQUIRE_MESSAGE(map.ok(), (map.ok() ? std::string() : map.message()));
    REQUIRE(map->has_map());
    CHECK(map->metadata()->maxzoom == 9);
    CHECK(map->metadata()->attribution.find("GSHHG") != std::string::npos);
    auto source = File::open(fs::path(GUICHET_SOURCE_DIR) / "content/sample/map/americas.mbtiles");
    REQUIRE(source.ok());
    for (TileId id : {TileId{0, 0, 0}, TileId{3, 2, 3}, TileId{7, 35, 60}}) {
        CAPTURE(id.z);
        auto stored = map->tile_bytes(id);
        REQUIRE(stored.ok());
        REQUIRE(stored->has_value());
        CHECK(**stored == *source->tile_bytes(id));
        auto decoded = map->tile(id);
        REQUIRE(decoded.ok());
        CHECK((*decoded)->width == 256);
    }
    // Outside the area, past the zooms, off the world: absent, not an error.
    for (TileId id : {TileId{5, 20, 10}, TileId{8, 70, 120}, TileId{2, 9, 9}}) {
        auto none = map->tile_bytes(id);
        REQUIRE(none.ok());
        CHECK_FALSE(none->has_value());
    }
}

TEST_CASE("a store without a map opens with no map") {
    auto dir = copy_sample("nomap");
    fs::remove_all(dir / "map");
    fs::path out = dir.parent_path() / "nomap.db";
    guichet::content::CheckReport report;
    REQUIRE(guichet::content::build_store(dir, out, report).ok());
    auto map = guichet::content::StoreMap::open(out);
    REQUIRE(map.ok());
    CHECK_FALSE(map->has_map());
    auto tile = map->tile_bytes({0, 0, 0});
    REQUIRE(tile.ok());
    CHECK_FALSE(tile->has_value());
}

TEST_CASE("a second tile set, a damaged tile or a vector set in map/ stop the build with the file named") {
    auto dir = copy_sample("badmap");
    fs::copy_file(dir / "map/americas.mbtiles", dir / "map/other.mbtiles");
    auto report = guichet::content::check_sources(dir);
    CHECK(has_problem(report, "map:0: more than one tile set (americas.mbtiles, other.mbtiles)"));
    fs::remove(dir / "map/other.mbtiles");
    fs::remove(dir / "map/americas.mbtiles");
    make_set("x.mbtiles", kPngMetadata, {{3, 2, 4, read_data("tile.jpg")}});
    fs::copy_file(fs::temp_directory_path() / "guichet-mbtiles-test/x.mbtiles", dir / "map/americas.mbtiles");
    report = guichet::content::check_sources(dir);
    CHECK(has_problem(report, "map/americas.mbtiles:0: tile 3/2/3: tile is JPEG but the tile set declares format 'png'"));
    fs::remove(dir / "map/americas.mbtiles");
    fs::copy_file(make_set("v.mbtiles", {{"name", "v"}, {"format", "pbf"}}, {}), dir / "map/americas.mbtiles");
    report = guichet::content::check_sources(dir);
    CHECK(has_problem(report, "map/americas.mbtiles:0: holds vector tiles"));
}
