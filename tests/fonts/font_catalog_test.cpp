// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#include <stb/stb_truetype.h>

#include "fonts/font_catalog.h"

using namespace guichet::fonts;
namespace fs = std::filesystem;

namespace {

const fs::path kNoto = "/usr/share/fonts/truetype/noto";

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name)
        : path(fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("cmap coverage agrees with stb_truetype on every code point") {
    // An independent cmap reader (stb_truetype, as ImGui uses) must find a glyph for exactly
    // the code points our reader says a font covers.
    for (const char* name : {"NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf",
                             "NotoSansGothic-Regular.ttf", "NotoSansSymbols2-Regular.ttf"}) {
        CAPTURE(name);
        const fs::path path = kNoto / name;
        auto coverage = read_cmap_coverage(path);
        REQUIRE_MESSAGE(coverage.ok(), coverage.message());
        const FontFace face{path, 0, "x", FontStyle::regular, *coverage};

        const std::string bytes = slurp(path);
        stbtt_fontinfo info{};
        const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
        REQUIRE(stbtt_InitFont(&info, data, stbtt_GetFontOffsetForIndex(data, 0)));
        std::size_t stb_count = 0, mismatches = 0;
        for (char32_t c = 0; c < 0x30000; ++c) {
            const bool stb_has = stbtt_FindGlyphIndex(&info, static_cast<int>(c)) != 0;
            stb_count += stb_has;
            mismatches += stb_has != face.covers(c);
        }
        CHECK(mismatches == 0);
        CHECK(face.code_point_count() == stb_count);
        CHECK(stb_count > 10);
    }
}

TEST_CASE("NotoSans covers Latin, Cyrillic and Greek but not Arabic") {
    auto coverage = read_cmap_coverage(kNoto / "NotoSans-Regular.ttf");
    REQUIRE(coverage.ok());
    const FontFace face{kNoto / "NotoSans-Regular.ttf", 0, "NotoSans", FontStyle::regular,
                        *coverage};
    for (char32_t c :
         {U'A', char32_t{0xE9}, char32_t{0x0410}, char32_t{0x03A9}, char32_t{0x20AC}}) {
        CHECK(face.covers(c));
    }
    CHECK_FALSE(face.covers(0x0627));
    CHECK_FALSE(face.covers(0x1F600));
}

TEST_CASE("read_cmap_coverage names the file it cannot read") {
    TempDir dir("guichet-fonts-bad");
    const fs::path text = dir.path / "notes-Regular.ttf";
    std::ofstream(text) << "this is not a font";
    auto result = read_cmap_coverage(text);
    REQUIRE_FALSE(result.ok());
    CHECK(result.message() == text.string() + ": not a TrueType/OpenType font");

    const fs::path truncated = dir.path / "Cut-Regular.ttf";
    std::ofstream(truncated, std::ios::binary)
        << slurp(kNoto / "NotoSans-Regular.ttf").substr(0, 200);
    result = read_cmap_coverage(truncated);
    REQUIRE_FALSE(result.ok());
    CHECK(result.message().find(truncated.string() + ": ") == 0);

    result = read_cmap_coverage(dir.path / "missing.ttf");
    REQUIRE_FALSE(result.ok());
    CHECK(result.message() == (dir.path / "missing.ttf").string() + ": cannot open");
}

TEST_CASE("FontCatalog scans a folder, reads styles from names and skips what it cannot use") {
    TempDir dir("guichet-fonts-scan");
    for (const char* name :
         {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansArabic-Regular.ttf"}) {
        fs::copy_file(kNoto / name, dir.path / name);
    }
    std::ofstream(dir.path / "Broken-Regular.ttf") << "garbage garbage";
    fs::copy_file(kNoto / "NotoSans-Regular.ttf", dir.path / "NotoSans-Light.ttf");
    std::ofstream(dir.path / "README.txt") << "not a font";

    auto catalog = FontCatalog::scan({dir.path, dir.path / "does-not-exist"});
    REQUIRE_MESSAGE(catalog.ok(), catalog.message());
    REQUIRE(catalog->faces().size() == 3);
    CHECK(catalog->faces()[0].family == "NotoSans");
    CHECK(catalog->faces()[0].style == FontStyle::regular);
    CHECK(catalog->faces()[1].style == FontStyle::bold);
    CHECK(catalog->faces()[2].family == "NotoSansArabic");
    REQUIRE(catalog->find("NotoSansArabic", FontStyle::regular) != nullptr);
    CHECK(catalog->find("NotoSansArabic", FontStyle::regular)->covers(0x0627));
    CHECK(catalog->find("NotoSansArabic", FontStyle::bold) == nullptr);
    REQUIRE(catalog->skipped().size() == 2);
    CHECK(catalog->skipped()[0].find("Broken-Regular.ttf: not a TrueType") != std::string::npos);
    CHECK(catalog->skipped()[1].find("NotoSans-Light.ttf") != std::string::npos);
}

TEST_CASE("FontCatalog fails with the folder and the package when no font is found") {
    TempDir dir("guichet-fonts-empty");
    auto catalog = FontCatalog::scan({dir.path});
    REQUIRE_FALSE(catalog.ok());
    CHECK(catalog.message() ==
          "no usable font in " + dir.path.string() + " (apt-get install fonts-noto-core)");
}

TEST_CASE("the installed Noto fonts scan completely") {
    auto catalog = FontCatalog::scan_installed();
    REQUIRE(catalog.ok());
    CHECK(catalog->faces().size() >= 200);
    CHECK(catalog->skipped().empty());
    CHECK(catalog->find("NotoSans", FontStyle::italic) != nullptr);
}
