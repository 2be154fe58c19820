// SPDX-License-Identifier: GPL-3.0-or-later
// Article pictures from the store to pixels (kiosk/providers/pictures.h): the sample's picture
// read through the content adapter, PNG and JPEG decoded, a damaged or mislabelled picture an
// error naming it, and the halving that keeps a texture within its size.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include <unistd.h>

#include "providers/pictures.h"
#include "sample_store.h"

using namespace guichet::kiosk;
using guichet::content::StoredImage;

namespace {

StoredImage stored_file(const char* relative, const char* format) {
    std::ifstream in(std::filesystem::path(GUICHET_SOURCE_DIR) / relative, std::ios::binary);
    REQUIRE(in);
    StoredImage stored;
    stored.path = relative;
    stored.format = format;
    stored.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return stored;
}

guichet::image::Rgba solid(int width, int height, std::uint8_t r, std::uint8_t g, std::uint8_t b,
                           std::uint8_t a) {
    guichet::image::Rgba out{width, height, {}};
    for (int i = 0; i < width * height; ++i) out.pixels.insert(out.pixels.end(), {r, g, b, a});
    return out;
}

}  // namespace

TEST_CASE("pictures: the sample's asylum picture comes through the adapter, decoded") {
    auto adapter = ContentAdapter::open(guichet::kiosk::test::sample_store());
    REQUIRE_MESSAGE(adapter.ok(), adapter.message());
    auto picture = load_picture(**adapter, "asylum", "../images/asylum-steps.png");
    REQUIRE_MESSAGE(picture.ok(), picture.message());
    CHECK(picture->width == 720);
    CHECK(picture->height == 220);
    REQUIRE(picture->pixels.size() == 720u * 220u * 4u);
    // The top-left corner is the picture's paper (make-pictures.py: 250, 248, 243), opaque.
    CHECK(picture->pixels[0] == 250);
    CHECK(picture->pixels[1] == 248);
    CHECK(picture->pixels[2] == 243);
    CHECK(picture->pixels[3] == 255);
    auto missing = load_picture(**adapter, "asylum", "no-such.png");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.message() == "no picture 'no-such.png' in the content");
}

TEST_CASE("pictures: PNG and JPEG decode, a damaged or mislabelled one is an error naming it") {
    auto png = decode_picture(stored_file("tests/platform/data/tile.png", "png"));
    REQUIRE_MESSAGE(png.ok(), png.message());
    CHECK(png->width == 256);
    auto jpeg = decode_picture(stored_file("tests/platform/data/tile.jpg", "jpeg"));
    REQUIRE_MESSAGE(jpeg.ok(), jpeg.message());
    CHECK(jpeg->height == 256);

    StoredImage cut = stored_file("tests/platform/data/tile.png", "png");
    cut.bytes.resize(cut.bytes.size() / 3);
    auto damaged = decode_picture(cut);
    REQUIRE_FALSE(damaged.ok());
    CHECK(damaged.message().rfind("picture 'tests/platform/data/tile.png': ", 0) == 0);

    auto mislabelled = decode_picture(stored_file("tests/platform/data/tile.png", "jpeg"));
    REQUIRE_FALSE(mislabelled.ok());
    CHECK(mislabelled.message().find("is not the PNG or JPEG it claims") != std::string::npos);
    auto webp = decode_picture(stored_file("tests/platform/data/tile.webp", "png"));
    CHECK_FALSE(webp.ok());  // WebP decodes for map tiles, never for article pictures
    StoredImage empty;
    empty.path = "articles/empty.png";
    empty.format = "png";
    CHECK_FALSE(decode_picture(empty).ok());
}

TEST_CASE(
    "pictures: halved until no side is past the limit, odd sizes rounded up, alpha-weighted") {
    auto png = decode_picture(stored_file("tests/platform/data/tile.png", "png"), 100);
    REQUIRE(png.ok());
    CHECK(png->width == 64);  // 256 -> 128 -> 64
    CHECK(png->height == 64);
    CHECK(png->pixels.size() == 64u * 64u * 4u);

    auto odd = shrink_to_fit(solid(5, 3, 10, 20, 30, 255), 2);
    CHECK(odd.width == 2);  // 5x3 -> 3x2 -> 2x1
    CHECK(odd.height == 1);
    CHECK(odd.pixels == std::vector<std::uint8_t>{10, 20, 30, 255, 10, 20, 30, 255});
    CHECK(shrink_to_fit(solid(4, 4, 1, 2, 3, 4), 4).width == 4);  // fits: untouched

    // Transparent black beside opaque white averages to half-transparent white, not grey.
    guichet::image::Rgba edge{2, 1, {0, 0, 0, 0, 255, 255, 255, 255}};
    auto half = shrink_to_fit(edge, 1);
    REQUIRE(half.pixels.size() == 4);
    CHECK(half.pixels[0] == 255);
    CHECK(half.pixels[3] == 128);
}
