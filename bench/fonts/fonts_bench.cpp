// SPDX-License-Identifier: GPL-3.0-or-later
// Prints, side by side: the font catalog scan, gathering code points from text, and the ImGui
// atlas (pixels, bytes, build time) for the sample content's glyph set against baking whole
// script ranges. Medians of several runs. Usage: fonts_bench [CONTENT_DIR] [BASE_PX LARGE_PX]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "fonts/glyph_atlas.h"

using namespace guichet::fonts;
namespace fs = std::filesystem;

namespace {

double median_ms(int runs, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

std::string read_all_text(const fs::path& folder) {
    std::string text;
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        const auto ext = entry.path().extension();
        if (entry.is_regular_file() && (ext == ".md" || ext == ".csv"))
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        text += '\n';
    }
    return text;
}

void print_atlas_row(const char* name, const FontCatalog& catalog, const CodePointSet& set,
                     const AtlasSizes& sizes) {
    const FontPlan plan = plan_fonts(catalog, set);
    ImFontAtlas atlas;
    GlyphAtlas glyphs;
    AtlasStats stats;
    bool ok = true;
    const double ms = median_ms(5, [&] {
        auto built = glyphs.build(atlas, plan, sizes);
        ok = ok && built.ok();
        stats = glyphs.stats();
    });
    if (!ok) {
        std::printf("%-34s build failed\n", name);
        return;
    }
    std::printf("%-34s %7zu %5zu %6d %5dx%-5d %9.2f %9.2f %9.1f\n", name, plan.planned_code_points,
                plan.fonts.size(), stats.glyphs, stats.width, stats.height,
                static_cast<double>(stats.alpha8_bytes) / 1e6,
                static_cast<double>(stats.rgba32_bytes) / 1e6, ms);
}

}  // namespace

int main(int argc, char** argv) {
    const fs::path content = argc > 1 ? fs::path(argv[1]) : fs::path(GUICHET_SAMPLE_CONTENT);
    AtlasSizes sizes;
    if (argc > 3) sizes = {std::strtof(argv[2], nullptr), std::strtof(argv[3], nullptr)};

    FontCatalog catalog;
    const double scan_ms = median_ms(5, [&] {
        auto scanned = FontCatalog::scan_installed();
        if (!scanned) {
            std::fprintf(stderr, "%s\n", scanned.message().c_str());
            std::exit(1);
        }
        catalog = std::move(*scanned);
    });
    std::printf("font catalog scan: %zu faces, median %.1f ms\n", catalog.faces().size(), scan_ms);

    const std::string text = read_all_text(content);
    CodePointSet sample;
    if (auto added = sample.add_utf8(text); !added) {
        std::fprintf(stderr, "%s: %s\n", content.c_str(), added.message().c_str());
        return 1;
    }
    std::string big;
    while (big.size() < 64u << 20) big += text;
    const double gather_ms = median_ms(3, [&] {
        CodePointSet set;
        (void)set.add_utf8(big);
    });
    std::printf("gather code points: %.1f MB of UTF-8 in median %.1f ms (%.0f MB/s)\n",
                static_cast<double>(big.size()) / 1e6, gather_ms,
                static_cast<double>(big.size()) / 1e3 / gather_ms);
    std::printf("sample content %s: %.1f KB of text, %zu distinct code points\n\n", content.c_str(),
                static_cast<double>(text.size()) / 1e3, sample.size());

    std::printf(
        "atlas at %.0f px and %.0f px (regular, bold, italic + large regular, large bold):\n",
        sizes.base_px, sizes.large_px);
    std::printf("%-34s %7s %5s %6s %11s %9s %9s %9s\n", "glyph set", "points", "fonts", "glyphs",
                "texture", "A8 MB", "RGBA MB", "build ms");

    print_atlas_row("sample content (planned)", catalog, sample, sizes);

    CodePointSet latin;
    latin.add_range({0x20, 0x24F});     // Basic Latin .. Latin Extended-B
    latin.add_range({0x1E00, 0x1EFF});  // Latin Extended Additional (Vietnamese)
    latin.add_range({0x2000, 0x206F});  // General Punctuation
    print_atlas_row("Latin+Ext A/B/Additional+punct", catalog, latin, sizes);

    CodePointSet european = latin;
    european.add_range({0x370, 0x3FF});  // Greek
    european.add_range({0x400, 0x52F});  // Cyrillic + Supplement
    print_atlas_row("... + Greek + Cyrillic", catalog, european, sizes);

    CodePointSet with_arabic = european;
    with_arabic.add_range({0x600, 0x6FF});  // Arabic
    with_arabic.add_range({0x900, 0x97F});  // Devanagari
    print_atlas_row("... + Arabic + Devanagari", catalog, with_arabic, sizes);

    CodePointSet all_noto_sans;
    if (const FontFace* face = catalog.find("NotoSans", FontStyle::regular)) {
        for (const auto& range : face->coverage) all_noto_sans.add_range(range);
    }
    print_atlas_row("everything NotoSans-Regular has", catalog, all_noto_sans, sizes);
    return 0;
}
