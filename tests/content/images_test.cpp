// SPDX-License-Identifier: GPL-3.0-or-later
// Pictures in Markdown bodies (issue 19): the checker reads them (PNG or JPEG, at most 4 MiB and
// 4096 px a side), the compiler keeps their bytes in the store's `images` table, and the store
// hands them back by the name a body writes.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "content/compiler.h"
#include "content/store.h"
#include "fixture.h"
#include "problems.h"

using namespace guichet::content;
using fixture::SourceDir;
namespace fs = std::filesystem;

namespace {

std::string read_test_file(const fs::path& relative) {
    std::ifstream in(fs::path(GUICHET_SOURCE_DIR) / relative, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// rights.es.md shows the pictures `markdown` names (appended to its body).
void show_pictures(SourceDir& dir, const std::string& markdown) {
    dir.write("articles/rights.es.md", fixture::valid_set().at("articles/rights.es.md") + "\n" +
                                           markdown + "\n");
}

}  // namespace

TEST_CASE("images: a page's PNG and JPEG go into the store and come back by the name the page writes") {
    SourceDir dir;
    const std::string png = read_test_file("tests/platform/data/tile.png");
    const std::string jpeg = read_test_file("tests/platform/data/tile.jpg");
    dir.write("articles/route.png", png);
    dir.write("images/photo.JPG", jpeg);  // a shared folder, named from the page with ../
    show_pictures(dir, "![Mapa de la ruta](route.png)\n\n![Foto](../images/photo.JPG)");
    CheckReport report;
    const fs::path store_file = dir.root() / "out.db";
    REQUIRE_MESSAGE(build_store(dir.src(), store_file, report).ok(),
                    fixture::joined(report.problems));
    auto store = ContentStore::open(store_file);
    REQUIRE(store.ok());

    auto route = store->image("rights", "route.png");
    REQUIRE(route.ok());
    REQUIRE(route->has_value());
    CHECK((*route)->path == "articles/route.png");
    CHECK((*route)->format == "png");
    CHECK((*route)->width == 256);
    CHECK((*route)->height == 256);
    CHECK(std::string((*route)->bytes.begin(), (*route)->bytes.end()) == png);
    // The same file however the path is spelt.
    auto dotted = store->image("rights", "./route.png");
    REQUIRE(dotted.ok());
    REQUIRE(dotted->has_value());
    CHECK((*dotted)->bytes == (*route)->bytes);

    auto photo = store->image("rights", "../images/photo.JPG");
    REQUIRE(photo.ok());
    REQUIRE(photo->has_value());
    CHECK((*photo)->format == "jpeg");
    CHECK(std::string((*photo)->bytes.begin(), (*photo)->bytes.end()) == jpeg);

    // Names that lead nowhere, out of the content or to an item without a body: nothing.
    for (const char* name : {"missing.png", "../../etc/passwd", "/etc/passwd", "", "../route.png"}) {
        CAPTURE(name);
        auto none = store->image("rights", name);
        REQUIRE(none.ok());
        CHECK_FALSE(none->has_value());
    }
    auto unknown_item = store->image("no-such-item", "route.png");
    REQUIRE(unknown_item.ok());
    CHECK_FALSE(unknown_item->has_value());
    auto institution = store->image("inst-a", "route.png");  // institutions have no folder
    REQUIRE(institution.ok());
    CHECK_FALSE(institution->has_value());
}

TEST_CASE("images: a picture file beside the pages is not an item, and a set without pictures has none") {
    SourceDir dir;
    dir.write("articles/unused.png", read_test_file("tests/platform/data/tile.png"));
    auto problems = fixture::problems_in(dir);
    INFO(fixture::joined(problems));
    CHECK(problems.empty());
}

TEST_CASE("images: too wide, damaged, not a picture or missing, each one message at the page's line") {
    SourceDir dir;
    dir.write("articles/wide.png", read_test_file("tests/content/data/wide-5000x1.png"));
    const std::string png = read_test_file("tests/platform/data/tile.png");
    dir.write("articles/cut.png", png.substr(0, 20));  // the signature and half a header
    dir.write("articles/text.png", "not a picture at all");
    show_pictures(dir, "![a](wide.png)\n\n![b](cut.png)\n\n![c](text.png)\n\n![d](gone.png)");
    auto problems = fixture::problems_in(dir);
    INFO(fixture::joined(problems));
    CHECK(fixture::reports(problems, "articles/rights.es.md:12:6: image 'wide.png' is 5000x1 px; "
                                     "an image may have at most 4096 px a side"));
    CHECK(fixture::reports(problems, "articles/rights.es.md:14:6: image 'cut.png' is damaged ("));
    CHECK(fixture::reports(problems,
                           "articles/rights.es.md:16:6: image 'text.png' is not a PNG or JPEG file"));
    CHECK(fixture::reports(problems, "articles/rights.es.md:18:6: image 'gone.png' is missing"));
    CHECK(problems.size() == 4);
}
