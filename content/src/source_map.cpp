// SPDX-License-Identifier: GPL-3.0-or-later
// The base map of a source folder: map/NAME.mbtiles, any raster MBTiles 1.3 set (content/
// FORMAT.md, "The map"). Read through the confined folder (a symlink out of it is refused),
// checked whole here so a broken tile stops the build at the staff's desk, not on a kiosk.
#include <string>

#include "content/mbtiles.h"
#include "messages.h"
#include "source_loader.h"

namespace guichet::content::sources {

void Loader::load_map() {
    if (!folder_->exists("map")) return;
    auto map_dir = folder_->subdir("map");
    if (!map_dir) {
        problems_.add("map", 0, map_dir.message());
        return;
    }
    auto entries = map_dir->list();
    if (!entries) {
        problems_.add("map", 0, entries.message());
        return;
    }
    std::vector<std::string> sets;
    for (const auto& entry : *entries) {
        const auto& name = entry.name;
        if (name.size() > 8 && name.compare(name.size() - 8, 8, ".mbtiles") == 0) sets.push_back(name);
    }
    std::sort(sets.begin(), sets.end());
    if (sets.empty()) return;
    if (sets.size() > 1) {
        std::string names;
        for (const auto& name : sets) names += (names.empty() ? "" : ", ") + name;
        problems_.add("map", 0,
                      messages::trf("more than one tile set ({1}): the kiosk shows one base map; "
                                    "keep one",
                                    {names}));
        return;
    }
    const std::string relative = "map/" + sets[0];
    auto size = map_dir->file_size(sets[0]);
    if (!size) {
        problems_.add(relative, 0, size.message());
        return;
    }
    if (*size > kMaxMapBytes) {
        problems_.add(relative, 0,
                      messages::trf("the tile set is {1} MB; at most {2} MB is shipped to kiosks",
                                    {std::to_string(*size >> 20), std::to_string(kMaxMapBytes >> 20)}));
        return;
    }
    auto fd = map_dir->open_regular(sets[0]);
    if (!fd) {
        problems_.add(relative, 0, fd.message());
        return;
    }
    // SQLite opens by name: the descriptor already opened inside the folder, by its /proc name.
    auto set = mbtiles::File::open("/proc/self/fd/" + std::to_string(fd->get()));
    auto local = [&](std::string message) {
        auto at = message.find(": ");
        return at == std::string::npos ? message : message.substr(at + 2);
    };
    if (!set) {
        problems_.add(relative, 0, local(set.message()));
        return;
    }
    MapSource map;
    map.file = relative;
    map.metadata = set->metadata().rows;
    std::uint64_t hash = 1469598103934665603ull;
    auto walked = set->each_tile([&](const mbtiles::TileId& id, std::span<const std::uint8_t> bytes)
                                     -> Result<void> {
        image::Limits limits;
        limits.max_width = mbtiles::kMaxTilePixels;
        limits.max_height = mbtiles::kMaxTilePixels;
        limits.max_input_bytes = mbtiles::kMaxTileBytes;
        auto header = image::peek(bytes, limits);
        if (!header)
            return make_error("tile " + std::to_string(id.z) + "/" + std::to_string(id.x) + "/" +
                              std::to_string(id.y) + ": " + header.message());
        for (auto b : bytes) {
            hash ^= b;
            hash *= 1099511628211ull;
        }
        map.tiles.push_back({id.z, id.x, id.y, std::string(bytes.begin(), bytes.end())});
        return {};
    });
    if (!walked) {
        problems_.add(relative, 0, local(walked.message()));
        return;
    }
    if (map.tiles.empty()) {
        problems_.add(relative, 0, messages::tr("the tile set holds no tiles"));
        return;
    }
    std::string metadata_text;
    for (const auto& [key, value] : map.metadata) metadata_text += key + '\t' + value + '\n';
    fingerprint_parts_.push_back(relative + '\0' + metadata_text + std::to_string(hash));
    set_.map = std::move(map);
}

}  // namespace guichet::content::sources
