// SPDX-License-Identifier: GPL-3.0-or-later
#include "fonts/glyph_atlas.h"

#include <chrono>
#include <fstream>
#include <map>

namespace guichet::fonts {
namespace {

Result<std::vector<unsigned char>> read_file(const std::filesystem::path& path) {
    // One read of the known size: a byte-by-byte stream copy of the Noto files was ~10 % of
    // the kiosk's time to its first frame.
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return make_error(path.string() + ": cannot open font file");
    const std::streamsize size = in.tellg();
    if (size <= 0) return make_error(path.string() + ": empty font file");
    std::vector<unsigned char> bytes(static_cast<std::size_t>(size));
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(bytes.data()), size))
        return make_error(path.string() + ": cannot read font file");
    return bytes;
}

}  // namespace

Result<AtlasFonts> GlyphAtlas::build(ImFontAtlas& atlas, const FontPlan& plan,
                                     const AtlasSizes& sizes) {
    const auto started = std::chrono::steady_clock::now();
    if (plan.fonts.empty())
        return make_error("font plan is empty: no installed font covers the text");
    if (sizes.base_px <= 0.0f || sizes.large_px <= 0.0f) {
        return make_error("font sizes must be positive");
    }
    // Each file is read once, before the atlas is touched, so a missing or unreadable font
    // leaves the current atlas as it was; the bytes are shared by every size and style, not
    // owned by the atlas, and released (with ImGui's copy of the inputs) after Build.
    std::map<std::filesystem::path, std::vector<unsigned char>> file_bytes;
    for (const auto& font : plan.fonts) {
        for (const FontFile* file : {&font.regular, font.bold ? &*font.bold : nullptr,
                                     font.italic ? &*font.italic : nullptr}) {
            if (file == nullptr || file_bytes.count(file->path) != 0) continue;
            auto bytes = read_file(file->path);
            if (!bytes) return bytes.error();
            file_bytes.emplace(file->path, std::move(*bytes));
        }
    }

    atlas.Clear();
    // Keep power-of-two heights: with a 512x242 atlas, SDL's software renderer sampled glyph
    // rows wrongly (the bottom bar of an "E" vanished); 512x256 renders them correctly.
    atlas.Flags &= ~ImFontAtlasFlags_NoPowerOfTwoHeight;

    ranges_.clear();
    for (const auto& font : plan.fonts) {
        ImFontGlyphRangesBuilder builder;
        for (const auto& range : font.ranges) {
            for (char32_t c = range.first; c <= range.last && c <= 0xFFFF; ++c) {
                builder.AddChar(static_cast<ImWchar>(c));
            }
        }
        ImVector<ImWchar> built;
        builder.BuildRanges(&built);
        ranges_.emplace_back(built.begin(), built.end());
    }

    auto add_merged = [&](float size_px, bool want_bold, bool want_italic) -> Result<ImFont*> {
        ImFont* first = nullptr;
        float first_line_height = 0.0f;
        for (std::size_t i = 0; i < plan.fonts.size(); ++i) {
            const PlannedFont& planned = plan.fonts[i];
            const FontFile& file = want_bold && planned.bold       ? *planned.bold
                                   : want_italic && planned.italic ? *planned.italic
                                                                   : planned.regular;
            auto entry = file_bytes.find(file.path);
            ImFontConfig config;
            config.FontDataOwnedByAtlas = false;
            config.FontNo = file.face_index;
            config.MergeMode = i > 0;
            config.OversampleH = 1;
            config.OversampleV = 1;
            config.PixelSnapH = true;
            // One em for every merged font: ImGui scales each by its own line height.
            if (i == 0) first_line_height = file.line_height_em;
            const float merged_px = i == 0 || first_line_height <= 0.0f
                                        ? size_px
                                        : size_px * file.line_height_em / first_line_height;
            ImFont* font = atlas.AddFontFromMemoryTTF(entry->second.data(),
                                                      static_cast<int>(entry->second.size()),
                                                      merged_px, &config, ranges_[i].data());
            if (font == nullptr)
                return make_error(file.path.string() + ": ImGui could not add font");
            if (first == nullptr) first = font;
        }
        return first;
    };

    const PlannedFont& base = plan.fonts.front();
    AtlasFonts fonts;
    fonts.has_bold = base.bold.has_value();
    fonts.has_italic = base.italic.has_value();
    auto regular = add_merged(sizes.base_px, false, false);
    if (!regular) return regular.error();
    fonts.regular = fonts.bold = fonts.italic = *regular;
    if (fonts.has_bold) {
        auto bold = add_merged(sizes.base_px, true, false);
        if (!bold) return bold.error();
        fonts.bold = *bold;
    }
    if (fonts.has_italic) {
        auto italic = add_merged(sizes.base_px, false, true);
        if (!italic) return italic.error();
        fonts.italic = *italic;
    }
    auto large = add_merged(sizes.large_px, false, false);
    if (!large) return large.error();
    fonts.large_regular = fonts.large_bold = *large;
    if (fonts.has_bold) {
        auto large_bold = add_merged(sizes.large_px, true, false);
        if (!large_bold) return large_bold.error();
        fonts.large_bold = *large_bold;
    }

    if (!atlas.Build()) {
        atlas.Clear();
        return make_error("ImGui could not build the font atlas (" +
                          std::to_string(plan.planned_code_points) + " code points)");
    }
    atlas.ClearInputData();  // the TTF bytes below go away with file_bytes

    stats_ = AtlasStats{};
    stats_.width = atlas.TexWidth;
    stats_.height = atlas.TexHeight;
    stats_.alpha8_bytes = static_cast<std::size_t>(atlas.TexWidth) * atlas.TexHeight;
    stats_.rgba32_bytes = stats_.alpha8_bytes * 4;
    for (const ImFont* font : atlas.Fonts) stats_.glyphs += font->Glyphs.Size;
    stats_.build_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    return fonts;
}

}  // namespace guichet::fonts
