// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes what a kiosk does with a map tile's bytes from any MBTiles set (content/mbtiles.h): the
// format check by magic bytes and the PNG, JPEG and WebP decoders behind it (platform/
// image_decode.h). Any bytes give an error or a square image inside the limits with exactly
// width*height*4 bytes; never a crash, a leak or a read past the input. The first byte picks the
// format the set declares, or (odd values past 2) feeds the rest to the metadata reader as
// "name<TAB>value" lines.
#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "content/mbtiles.h"

using namespace guichet::content::mbtiles;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::uint8_t mode = data[0];
    std::span<const std::uint8_t> rest(data + 1, size - 1);
    if (mode > 2 && (mode & 1)) {
        std::map<std::string, std::string> rows;
        std::string_view text(reinterpret_cast<const char*>(rest.data()), rest.size());
        while (!text.empty()) {
            auto end = text.find('\n');
            auto line = text.substr(0, end);
            auto tab = line.find('\t');
            if (tab != std::string_view::npos)
                rows[std::string(line.substr(0, tab))] = std::string(line.substr(tab + 1));
            text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        }
        auto metadata = parse_metadata(rows, "fuzz.mbtiles");
        if (metadata.ok() && (metadata->minzoom > metadata->maxzoom || metadata->maxzoom > kMaxZoom ||
                              metadata->name.empty() ||
                              (metadata->format != "png" && metadata->format != "jpg" &&
                               metadata->format != "webp")))
            __builtin_trap();
        if (metadata.ok() && metadata->bounds &&
            !(metadata->bounds->west < metadata->bounds->east &&
              metadata->bounds->south < metadata->bounds->north))
            __builtin_trap();
        return 0;
    }
    static const char* const kFormats[] = {"png", "jpg", "webp"};
    auto tile = decode_tile(rest, kFormats[mode % 3], "fuzz.mbtiles: tile 0/0/0");
    if (tile.ok()) {
        if (tile->width <= 0 || tile->width > kMaxTilePixels || tile->height != tile->width ||
            tile->pixels.size() != static_cast<std::size_t>(tile->width) * tile->height * 4)
            __builtin_trap();
    } else if (tile.message().rfind("fuzz.mbtiles: tile 0/0/0: ", 0) != 0) {
        __builtin_trap();
    }
    return 0;
}
