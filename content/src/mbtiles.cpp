// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/mbtiles.h"

#include <sqlite3.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "sqlite_util.h"

namespace guichet::content::mbtiles {
namespace {

std::string tile_name(const TileId& id) {
    return std::to_string(id.z) + "/" + std::to_string(id.x) + "/" + std::to_string(id.y);
}

std::optional<double> number(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty() || text.size() > 40) return std::nullopt;
    std::string copy(text);
    char* end = nullptr;
    double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<int> zoom(std::string_view text) {
    auto value = number(text);
    if (!value || *value < 0 || *value > kMaxZoom || *value != std::floor(*value)) return std::nullopt;
    return static_cast<int>(*value);
}

std::optional<Bounds> parse_bounds(std::string_view text) {
    double parts[4];
    for (int i = 0; i < 4; ++i) {
        auto comma = text.find(',');
        if ((i < 3) != (comma != std::string_view::npos)) return std::nullopt;
        auto value = number(text.substr(0, comma));
        if (!value) return std::nullopt;
        parts[i] = *value;
        text = i < 3 ? text.substr(comma + 1) : std::string_view();
    }
    Bounds b{parts[0], parts[1], parts[2], parts[3]};
    if (b.west < -180 || b.east > 180 || b.south < -90 || b.north > 90 || b.west >= b.east ||
        b.south >= b.north)
        return std::nullopt;
    return b;
}

}  // namespace

bool valid(const TileId& id) {
    if (id.z < 0 || id.z > kMaxZoom) return false;
    int n = 1 << id.z;
    return id.x >= 0 && id.x < n && id.y >= 0 && id.y < n;
}

Result<Metadata> parse_metadata(std::map<std::string, std::string> rows, const std::string& where) {
    Metadata m;
    auto get = [&](const char* key) -> std::string {
        auto it = rows.find(key);
        return it == rows.end() ? std::string() : it->second;
    };
    m.name = get("name");
    if (m.name.empty()) return make_error(where + ": metadata has no 'name' (MBTiles 1.3 requires it)");
    m.format = get("format");
    if (m.format == "jpeg") m.format = "jpg";
    if (m.format.empty())
        return make_error(where + ": metadata has no 'format' (MBTiles 1.3 requires png, jpg or webp)");
    if (m.format == "pbf")
        return make_error(where + ": holds vector tiles (format pbf); the kiosk draws raster tiles "
                                  "(png, jpg or webp): render the set to raster first");
    if (m.format != "png" && m.format != "jpg" && m.format != "webp")
        return make_error(where + ": tile format '" + m.format + "' is not png, jpg or webp");
    m.attribution = get("attribution");
    m.description = get("description");
    if (auto text = get("bounds"); !text.empty()) {
        m.bounds = parse_bounds(text);
        if (!m.bounds)
            return make_error(where + ": metadata 'bounds' is '" + text +
                              "', expected west,south,east,north in degrees");
    }
    m.minzoom = 0;
    m.maxzoom = kMaxZoom;
    for (auto [key, target] : {std::pair{"minzoom", &m.minzoom}, std::pair{"maxzoom", &m.maxzoom}}) {
        auto text = get(key);
        if (text.empty()) continue;
        auto value = zoom(text);
        if (!value)
            return make_error(where + ": metadata '" + key + "' is '" + text + "', expected 0 to " +
                              std::to_string(kMaxZoom));
        *target = *value;
    }
    if (m.minzoom > m.maxzoom)
        return make_error(where + ": metadata minzoom " + std::to_string(m.minzoom) +
                          " is above maxzoom " + std::to_string(m.maxzoom));
    m.rows = std::move(rows);
    return m;
}

Result<image::Rgba> decode_tile(std::span<const std::uint8_t> bytes, std::string_view format,
                                const std::string& where) {
    if (bytes.size() > kMaxTileBytes)
        return make_error(where + ": tile of " + std::to_string(bytes.size()) +
                          " bytes is larger than the " + std::to_string(kMaxTileBytes) +
                          " bytes a tile may have");
    auto found = image::sniff(bytes);
    if (found == image::Format::unknown)
        return make_error(where + ": tile is not a PNG, JPEG or WebP image");
    std::string_view declared = format == "png" ? "png" : format == "jpg" ? "jpg" : format;
    std::string_view actual = found == image::Format::png    ? "png"
                              : found == image::Format::jpeg ? "jpg"
                                                             : "webp";
    if (declared != actual)
        return make_error(where + ": tile is " + std::string(image::format_name(found)) +
                          " but the tile set declares format '" + std::string(format) + "'");
    image::Limits limits;
    limits.max_width = kMaxTilePixels;
    limits.max_height = kMaxTilePixels;
    limits.max_input_bytes = kMaxTileBytes;
    auto decoded = image::decode(bytes, limits);
    if (!decoded) return make_error(where + ": " + decoded.message());
    if (decoded->width != decoded->height)
        return make_error(where + ": tile is " + std::to_string(decoded->width) + "x" +
                          std::to_string(decoded->height) + " px; tiles are square");
    return decoded;
}

struct File::Db {
    sql::DbHandle handle;
};

File::File(std::unique_ptr<Db> db, Metadata metadata, std::string name)
    : db_(std::move(db)), metadata_(std::move(metadata)), name_(std::move(name)) {}
File::File(File&&) noexcept = default;
File& File::operator=(File&&) noexcept = default;
File::~File() = default;

Result<File> File::open(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) return make_error(name + ": no such file");
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(name.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    auto db = std::make_unique<Db>();
    db->handle.reset(raw);
    if (rc != SQLITE_OK) return make_error(name + ": cannot open: " + sql::error_of(raw));
    sqlite3_limit(raw, SQLITE_LIMIT_LENGTH, static_cast<int>(kMaxTileBytes + 1));
    for (const char* table : {"metadata", "tiles"}) {
        auto stmt = sql::Statement::prepare(
            raw, "SELECT 1 FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?1");
        if (!stmt) return make_error(name + ": not an SQLite file (" + stmt.message() + ")");
        stmt->bind(1, std::string_view(table));
        if (!stmt->step())
            return make_error(name + ": not an MBTiles file (no '" + table + "' table" +
                              (stmt->failed() ? ": " + stmt->last_error() : std::string()) + ")");
    }
    auto stmt = sql::Statement::prepare(raw, "SELECT name, value FROM metadata");
    if (!stmt) return make_error(name + ": metadata table cannot be read: " + stmt.message());
    std::map<std::string, std::string> rows;
    int count = 0;
    while (stmt->step()) {
        if (++count > kMaxMetadataRows)
            return make_error(name + ": metadata has more than " + std::to_string(kMaxMetadataRows) +
                              " rows");
        auto key = stmt->text(0);
        auto value = stmt->text(1);
        if (key.size() > 256 || value.size() > kMaxMetadataValue)
            return make_error(name + ": metadata row '" + key.substr(0, 40) + "' is too long");
        rows.emplace(std::move(key), std::move(value));
    }
    if (stmt->failed()) return make_error(name + ": metadata table: " + stmt->last_error());
    auto metadata = parse_metadata(std::move(rows), name);
    if (!metadata) return metadata.error();
    return File(std::move(db), std::move(*metadata), name);
}

Result<std::vector<std::uint8_t>> File::tile_bytes(const TileId& id) const {
    std::string where = name_ + ": tile " + tile_name(id);
    if (!valid(id)) return make_error(where + ": no such tile at zoom " + std::to_string(id.z));
    auto stmt = sql::Statement::prepare(
        db_->handle.get(),
        "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3");
    if (!stmt) return make_error(where + ": " + stmt.message());
    stmt->bind(1, id.z).bind(2, id.x).bind(3, flip_y(id.z, id.y));
    if (!stmt->step())
        return make_error(where + (stmt->failed() ? ": " + stmt->last_error()
                                                  : std::string(": not in the tile set")));
    if (sqlite3_column_type(stmt->raw(), 0) != SQLITE_BLOB)
        return make_error(where + ": tile_data is not a blob");
    auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt->raw(), 0));
    if (size > kMaxTileBytes)
        return make_error(where + ": " + std::to_string(size) + " bytes, more than a tile may have");
    auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt->raw(), 0));
    return std::vector<std::uint8_t>(data, data + size);
}

Result<image::Rgba> File::tile(const TileId& id) const {
    auto bytes = tile_bytes(id);
    if (!bytes) return bytes.error();
    return decode_tile(*bytes, metadata_.format, name_ + ": tile " + tile_name(id));
}

Result<std::int64_t> File::each_tile(
    const std::function<Result<void>(const TileId&, std::span<const std::uint8_t>)>& visit) const {
    auto stmt = sql::Statement::prepare(
        db_->handle.get(),
        "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles "
        "ORDER BY zoom_level, tile_column, tile_row DESC");
    if (!stmt) return make_error(name_ + ": tiles table: " + stmt.message());
    std::int64_t count = 0;
    while (stmt->step()) {
        auto z = stmt->integer(0), x = stmt->integer(1), row = stmt->integer(2);
        if (z < 0 || z > kMaxZoom)
            return make_error(name_ + ": a tile at zoom " + std::to_string(z) + " (0 to " +
                              std::to_string(kMaxZoom) + " allowed)");
        TileId id{static_cast<int>(z), static_cast<int>(x),
                  static_cast<int>(flip_y(static_cast<int>(z), static_cast<int>(row)))};
        if (x < 0 || x >= (1 << z) || row < 0 || row >= (1 << z) || !valid(id))
            return make_error(name_ + ": tile column " + std::to_string(x) + " row " +
                              std::to_string(row) + " is outside zoom " + std::to_string(z));
        std::string where = name_ + ": tile " + tile_name(id);
        if (sqlite3_column_type(stmt->raw(), 3) != SQLITE_BLOB)
            return make_error(where + ": tile_data is not a blob");
        auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt->raw(), 3));
        if (size > kMaxTileBytes)
            return make_error(where + ": " + std::to_string(size) + " bytes, more than a tile may have");
        auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt->raw(), 3));
        std::span<const std::uint8_t> bytes(data, size);
        auto found = image::sniff(bytes);
        bool matches = (found == image::Format::png && metadata_.format == "png") ||
                       (found == image::Format::jpeg && metadata_.format == "jpg") ||
                       (found == image::Format::webp && metadata_.format == "webp");
        if (!matches)
            return make_error(where + ": tile is " +
                              (found == image::Format::unknown ? std::string("not a PNG, JPEG or WebP image")
                                                               : std::string(image::format_name(found))) +
                              " but the tile set declares format '" + metadata_.format + "'");
        if (auto r = visit(id, bytes); !r) return r.error();
        ++count;
    }
    if (stmt->failed()) return make_error(name_ + ": tiles table: " + stmt->last_error());
    return count;
}

}  // namespace guichet::content::mbtiles
