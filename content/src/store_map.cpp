// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/store_map.h"

#include <sqlite3.h>

#include "schema.h"
#include "sqlite_util.h"

namespace guichet::content {

struct StoreMap::Db {
    sql::DbHandle handle;
    sql::Statement tile;
};

StoreMap::StoreMap(std::unique_ptr<Db> db, std::optional<mbtiles::Metadata> metadata, std::string name)
    : db_(std::move(db)), metadata_(std::move(metadata)), name_(std::move(name)) {}
StoreMap::StoreMap(StoreMap&&) noexcept = default;
StoreMap& StoreMap::operator=(StoreMap&&) noexcept = default;
StoreMap::~StoreMap() = default;

Result<StoreMap> StoreMap::open(const std::filesystem::path& store) {
    const std::string name = store.string();
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(name.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    auto db = std::make_unique<Db>();
    db->handle.reset(raw);
    if (rc != SQLITE_OK) return make_error(name + ": cannot open: " + sql::error_of(raw));
    sqlite3_limit(raw, SQLITE_LIMIT_LENGTH, static_cast<int>(mbtiles::kMaxTileBytes + 1));
    if (auto version = schema::check_readable(raw, name.c_str()); !version) return version.error();
    auto has = sql::Statement::prepare(
        raw, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('map_metadata', 'map_tiles')");
    if (!has || !has->step()) return make_error(name + ": cannot read its tables");
    if (has->integer(0) != 2) return StoreMap(std::move(db), std::nullopt, name);
    auto rows_stmt = sql::Statement::prepare(raw, "SELECT key, value FROM map_metadata LIMIT ?1");
    if (!rows_stmt) return make_error(name + ": map_metadata: " + rows_stmt.message());
    rows_stmt->bind(1, mbtiles::kMaxMetadataRows);
    std::map<std::string, std::string> rows;
    while (rows_stmt->step()) rows.emplace(rows_stmt->text(0), rows_stmt->text(1));
    if (rows_stmt->failed()) return make_error(name + ": map_metadata: " + rows_stmt->last_error());
    if (rows.empty()) return StoreMap(std::move(db), std::nullopt, name);
    auto metadata = mbtiles::parse_metadata(std::move(rows), name + ": map");
    if (!metadata) return metadata.error();
    auto tile = sql::Statement::prepare(raw, "SELECT data FROM map_tiles WHERE zoom = ?1 AND x = ?2 AND y = ?3");
    if (!tile) return make_error(name + ": map_tiles: " + tile.message());
    db->tile = *tile;
    return StoreMap(std::move(db), std::move(*metadata), name);
}

Result<std::optional<std::vector<std::uint8_t>>> StoreMap::tile_bytes(const mbtiles::TileId& id) const {
    if (!metadata_ || !mbtiles::valid(id) || id.z < metadata_->minzoom || id.z > metadata_->maxzoom)
        return std::optional<std::vector<std::uint8_t>>();
    auto& stmt = db_->tile;
    stmt.reset();
    stmt.bind(1, id.z).bind(2, id.x).bind(3, id.y);
    if (!stmt.step()) {
        if (stmt.failed()) return make_error(name_ + ": map tile: " + stmt.last_error());
        return std::optional<std::vector<std::uint8_t>>();
    }
    auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt.raw(), 0));
    if (size > mbtiles::kMaxTileBytes) return make_error(name_ + ": a map tile larger than a tile may be");
    auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt.raw(), 0));
    std::vector<std::uint8_t> bytes(data, data + size);
    stmt.reset();
    return std::optional<std::vector<std::uint8_t>>(std::move(bytes));
}

Result<std::optional<image::Rgba>> StoreMap::tile(const mbtiles::TileId& id) const {
    auto bytes = tile_bytes(id);
    if (!bytes) return bytes.error();
    if (!*bytes) return std::optional<image::Rgba>();
    auto decoded = mbtiles::decode_tile(**bytes, metadata_->format,
                                        name_ + ": map tile " + std::to_string(id.z) + "/" +
                                            std::to_string(id.x) + "/" + std::to_string(id.y));
    if (!decoded) return decoded.error();
    return std::optional<image::Rgba>(std::move(*decoded));
}

}  // namespace guichet::content
