// SPDX-License-Identifier: GPL-3.0-or-later
// Article pictures from the store to pixels (kiosk/providers/pictures.h): the sample's picture
// read through the content adapter, PNG and JPEG decoded, a damaged or mislabelled picture an
// error naming it, and the halving that keeps a texture within its size.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <atomic>
#include <chrono>
#include <iterator>
#include <mutex>
#include <thread>
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

TEST_CASE("pictures: the size a page lays out before decoding is the size decoding gives") {
    // Not a structured binding: clang 14 cannot capture one in CAPTURE's lambda.
    for (const auto& file : {std::pair{"tests/platform/data/tile.png", "png"},
                             std::pair{"tests/platform/data/tile.jpg", "jpeg"}}) {
        const char* path = file.first;
        const StoredImage stored = stored_file(path, file.second);
        for (const int max_side : {4096, 256, 100, 7}) {
            CAPTURE(path);
            CAPTURE(max_side);
            auto size = picture_size(stored, max_side);
            auto decoded = decode_picture(stored, max_side);
            REQUIRE(size.ok());
            REQUIRE(decoded.ok());
            CHECK(size->width == decoded->width);
            CHECK(size->height == decoded->height);
        }
    }
    // What decoding refuses, the size refuses too, naming the picture.
    auto mislabelled = picture_size(stored_file("tests/platform/data/tile.png", "jpeg"));
    REQUIRE_FALSE(mislabelled.ok());
    CHECK(mislabelled.message().find("tests/platform/data/tile.png") != std::string::npos);
    StoredImage cut = stored_file("tests/platform/data/tile.png", "png");
    cut.bytes.resize(12);
    CHECK_FALSE(picture_size(cut).ok());
}

TEST_CASE("pictures: the decoder's thread answers every ask, in order, and wakes its owner") {
    std::atomic<int> wakes{0};
    PictureDecoder decoder([&] { ++wakes; });
    decoder.want("a", stored_file("tests/platform/data/tile.png", "png"));
    decoder.want("b", stored_file("tests/platform/data/tile.png", "jpeg"));  // mislabelled
    decoder.want("c", stored_file("tests/platform/data/tile.jpg", "jpeg"));
    decoder.wait_idle(20'000);
    CHECK_FALSE(decoder.idle());  // answers wait to be taken
    auto ready = decoder.take();
    REQUIRE(ready.size() == 3);
    CHECK(ready[0].key == "a");
    CHECK(ready[0].picture.ok());
    CHECK(ready[0].picture->width == 256);
    CHECK(ready[1].key == "b");
    CHECK_FALSE(ready[1].picture.ok());
    CHECK(ready[2].key == "c");
    CHECK(ready[2].picture.ok());
    CHECK(wakes.load() == 3);
    CHECK(decoder.idle());
}

TEST_CASE("pictures: the decoder's queue is bounded, the oldest ask answered as dropped") {
    // The thread is kept busy by a wake that waits, so the asks pile up behind it.
    std::mutex gate;
    std::unique_lock hold(gate);
    std::atomic<bool> waking{false};
    PictureDecoder decoder([&] {
        waking = true;
        std::lock_guard wait(gate);
    });
    const StoredImage tile = stored_file("tests/platform/data/tile.png", "png");
    decoder.want("first", tile);
    // The first ask is decoded, and the thread then waits in `wake`; the rest queue.
    for (int i = 0; i < 2000 && !waking; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    REQUIRE(waking.load());
    for (std::size_t i = 0; i < PictureDecoder::kMaxWaiting + 3; ++i)
        decoder.want("q" + std::to_string(i), tile);
    hold.unlock();
    decoder.wait_idle(60'000);
    std::vector<std::string> dropped, decoded;
    for (auto& ready : decoder.take())
        (ready.picture.ok() ? decoded : dropped).push_back(ready.key);
    // At most kMaxWaiting wait at once: the three oldest went unanswered by pixels.
    CHECK(dropped == std::vector<std::string>{"q0", "q1", "q2"});
    CHECK(decoded.size() + dropped.size() == PictureDecoder::kMaxWaiting + 4);
}
