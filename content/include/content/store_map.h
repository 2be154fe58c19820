// SPDX-License-Identifier: GPL-3.0-or-later
// The base map a content store carries (map_metadata, map_tiles: the sources' map/NAME.mbtiles
// as the compiler stored it), read on its own read-only connection so a tile loader thread can
// use it beside the screens' ContentStore. A store without a map is not an error: has_map() is
// false and every tile is absent.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "content/mbtiles.h"
#include "platform/result.h"

namespace guichet::content {

class StoreMap {
  public:
    static Result<StoreMap> open(const std::filesystem::path& store);
    StoreMap(StoreMap&&) noexcept;
    StoreMap& operator=(StoreMap&&) noexcept;
    ~StoreMap();

    bool has_map() const { return metadata_.has_value(); }
    // The tile set's metadata (name, format, attribution, bounds, zooms) when there is a map.
    const std::optional<mbtiles::Metadata>& metadata() const { return metadata_; }
    // nullopt: no tile there (outside the set's area or zooms); an error: the store is broken.
    Result<std::optional<std::vector<std::uint8_t>>> tile_bytes(const mbtiles::TileId& id) const;
    // The tile decoded (format and size checked as mbtiles::decode_tile does).
    Result<std::optional<image::Rgba>> tile(const mbtiles::TileId& id) const;

  private:
    struct Db;
    StoreMap(std::unique_ptr<Db> db, std::optional<mbtiles::Metadata> metadata, std::string name);
    std::unique_ptr<Db> db_;
    std::optional<mbtiles::Metadata> metadata_;
    std::string name_;
};

}  // namespace guichet::content
