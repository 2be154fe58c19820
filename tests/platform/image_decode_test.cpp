// SPDX-License-Identifier: GPL-3.0-or-later
// Real tiles: tests/platform/data/tile.{png,jpg,webp} are one 256 px tile of the sample base map
// (z3, the Caribbean) as the base map stores it (PNG8 with a palette) and converted by GDAL to
// JPEG and WebP, so each decoder sees what an operator's tile set holds.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "platform/image_decode.h"

namespace {
namespace fs = std::filesystem;
using guichet::image::Format;

std::vector<std::uint8_t> read_data(const char* name) {
    std::ifstream in(fs::path(GUICHET_SOURCE_DIR) / "tests/platform/data" / name, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The sample base map's land colour (make-basemap.sh: 238/232/218) and sea (170/205/230).
bool near(const std::uint8_t* p, int r, int g, int b, int tolerance) {
    return std::abs(p[0] - r) <= tolerance && std::abs(p[1] - g) <= tolerance &&
           std::abs(p[2] - b) <= tolerance;
}

int count_colour(const guichet::image::Rgba& image, int r, int g, int b, int tolerance) {
    int n = 0;
    for (std::size_t i = 0; i + 3 < image.pixels.size(); i += 4)
        n += near(&image.pixels[i], r, g, b, tolerance);
    return n;
}

}  // namespace

TEST_CASE("each tile format is recognised by its first bytes and decoded to 256x256 RGBA") {
    for (auto [name, format] : {std::pair{"tile.png", Format::png}, std::pair{"tile.jpg", Format::jpeg},
                                std::pair{"tile.webp", Format::webp}}) {
        const char* file = name;
        CAPTURE(file);
        auto bytes = read_data(name);
        CHECK(guichet::image::sniff(bytes) == format);
        auto size = guichet::image::peek(bytes);
        REQUIRE(size.ok());
        CHECK(size->width == 256);
        CHECK(size->height == 256);
        auto image = guichet::image::decode(bytes);
        REQUIRE_MESSAGE(image.ok(), (image.ok() ? std::string() : image.message()));
        CHECK(image->width == 256);
        CHECK(image->height == 256);
        REQUIRE(image->pixels.size() == 256u * 256u * 4u);
        // Both land and sea are there in every format (JPEG within its losses).
        int tolerance = format == Format::jpeg ? 12 : 3;
        CHECK(count_colour(*image, 238, 232, 218, tolerance) > 2000);
        CHECK(count_colour(*image, 170, 205, 230, tolerance) > 2000);
        CHECK(image->pixels[3] == 255);  // opaque
    }
}

TEST_CASE("the PNG tile decodes to the same pixels as its lossless WebP twin") {
    auto png = guichet::image::decode(read_data("tile.png"));
    auto webp = guichet::image::decode(read_data("tile.webp"));
    REQUIRE(png.ok());
    REQUIRE(webp.ok());
    CHECK(png->pixels == webp->pixels);
}

TEST_CASE("an image larger than the limits is refused before its pixels are decoded") {
    guichet::image::Limits small;
    small.max_width = 128;
    small.max_height = 128;
    for (const char* name : {"tile.png", "tile.jpg", "tile.webp"}) {
        CAPTURE(name);
        auto image = guichet::image::decode(read_data(name), small);
        REQUIRE_FALSE(image.ok());
        CHECK(image.message().find("256x256 px is larger than the 128x128 px allowed") !=
              std::string::npos);
    }
    guichet::image::Limits few_bytes;
    few_bytes.max_input_bytes = 100;
    auto image = guichet::image::decode(read_data("tile.png"), few_bytes);
    REQUIRE_FALSE(image.ok());
    CHECK(image.message().find("bytes allowed") != std::string::npos);
}

TEST_CASE("empty, foreign, truncated and damaged images are errors that say what is wrong") {
    CHECK(guichet::image::decode({}).message() == "empty image (0 bytes)");
    std::string text = "<html>not a tile</html>";
    std::vector<std::uint8_t> html(text.begin(), text.end());
    CHECK(guichet::image::sniff(html) == Format::unknown);
    CHECK(guichet::image::decode(html).message().find("not a PNG, JPEG or WebP") != std::string::npos);
    for (const char* name : {"tile.png", "tile.jpg", "tile.webp"}) {
        CAPTURE(name);
        auto bytes = read_data(name);
        auto half = std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + bytes.size() / 2);
        auto truncated = guichet::image::decode(half);
        REQUIRE_FALSE(truncated.ok());
        CHECK(truncated.message().find("damaged") != std::string::npos);
        // Past the header, every fourth byte flipped: an error or an image, never a crash.
        auto flipped = bytes;
        for (std::size_t i = 40; i < flipped.size(); i += 4) flipped[i] ^= 0x5a;
        auto damaged = guichet::image::decode(flipped);
        if (damaged.ok()) CHECK(damaged->pixels.size() == 256u * 256u * 4u);
        else CHECK(damaged.message().find("damaged") != std::string::npos);
    }
}
