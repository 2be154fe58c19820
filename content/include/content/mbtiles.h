// SPDX-License-Identifier: GPL-3.0-or-later
// Raster tile sets in MBTiles 1.3 (an SQLite file: `metadata(name, value)` and
// `tiles(zoom_level, tile_column, tile_row, tile_data)` with rows counted from the south, TMS)
// as QGIS, GDAL and tilemaker write them. Tiles are addressed here as the kiosk draws them, XYZ
// with y from the north; the flip happens in this file only. Every read is bounded; a missing,
// damaged or foreign tile is an Error naming the file and the tile, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/image_decode.h"
#include "platform/result.h"

namespace guichet::content::mbtiles {

// A raster tile is 256 px; a PNG of one rarely passes 100 kB. Anything past this is not a tile.
inline constexpr std::size_t kMaxTileBytes = 1u << 20;
// Tiles decode to at most 512x512 (some sets use 512 px "retina" tiles).
inline constexpr int kMaxTilePixels = 512;
// Zoom levels a kiosk map uses; MBTiles allows more, none is meaningful past street level.
inline constexpr int kMaxZoom = 20;
// metadata rows read and each value's length: a tile set's metadata is a few dozen short rows.
inline constexpr int kMaxMetadataRows = 256;
inline constexpr std::size_t kMaxMetadataValue = 64u << 10;

struct TileId {
    int z = 0;
    int x = 0;
    int y = 0;  // XYZ: 0 is the northmost row
    bool operator<(const TileId& o) const {
        return z != o.z ? z < o.z : x != o.x ? x < o.x : y < o.y;
    }
    bool operator==(const TileId& o) const { return z == o.z && x == o.x && y == o.y; }
};

// The TMS row of an XYZ tile and back (the same formula both ways): 2^z - 1 - y.
inline int flip_y(int z, int y) { return (1 << z) - 1 - y; }
bool valid(const TileId& id);

struct Bounds {
    double west = -180, south = -85.0511, east = 180, north = 85.0511;
};

struct Metadata {
    std::string name;
    std::string format;  // png, jpg or webp (pbf, vector tiles, is refused: the kiosk draws rasters)
    std::string attribution;
    std::string description;
    std::optional<Bounds> bounds;
    int minzoom = 0;
    int maxzoom = 0;
    std::map<std::string, std::string> rows;  // every row as read
};

// Checks a metadata table's rows (MBTiles 1.3: name and format required; bounds, minzoom,
// maxzoom as numbers when present). `where` names the file in messages.
Result<Metadata> parse_metadata(std::map<std::string, std::string> rows, const std::string& where);

// The decoder a tile's bytes call: its format by magic bytes must be the set's format (a JPEG in
// a set declaring png is an error, like a tile that is not an image at all).
Result<image::Rgba> decode_tile(std::span<const std::uint8_t> bytes, std::string_view format,
                                const std::string& where);

class File {
  public:
    // Opens read-only and reads the metadata; fails when the file is missing, not SQLite, has no
    // metadata or tiles table, or its metadata is incomplete (each with the file's name).
    static Result<File> open(const std::filesystem::path& path);
    File(File&&) noexcept;
    File& operator=(File&&) noexcept;
    ~File();

    const Metadata& metadata() const { return metadata_; }
    // One tile's bytes; an error ("no tile z/x/y") when the set has none there.
    Result<std::vector<std::uint8_t>> tile_bytes(const TileId& id) const;
    Result<image::Rgba> tile(const TileId& id) const;
    // Every tile in (z, x, y) order, bytes checked against kMaxTileBytes and the set's format;
    // stops at and returns the first problem, or the visitor's own error.
    Result<std::int64_t> each_tile(
        const std::function<Result<void>(const TileId&, std::span<const std::uint8_t>)>& visit) const;

  private:
    struct Db;
    File(std::unique_ptr<Db> db, Metadata metadata, std::string name);
    std::unique_ptr<Db> db_;
    Metadata metadata_;
    std::string name_;
};

}  // namespace guichet::content::mbtiles
