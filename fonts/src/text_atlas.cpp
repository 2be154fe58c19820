// SPDX-License-Identifier: GPL-3.0-or-later
#include "fonts/text_atlas.h"

#include <cstdio>

#include "fonts/bidi.h"
#include "platform/log.h"

namespace guichet::fonts {
namespace {

constexpr std::size_t kMaxUncoveredLogLines = 20;

}  // namespace

Result<TextAtlas> TextAtlas::create(const std::vector<std::filesystem::path>& folders) {
    auto catalog = FontCatalog::scan(folders);
    if (!catalog) return catalog.error();
    for (const auto& skipped : catalog->skipped()) log::debug("fonts", "skipped " + skipped);
    return TextAtlas(std::move(*catalog));
}

Result<bool> TextAtlas::set_text(const std::vector<std::string_view>& texts) {
    CodePointSet wanted;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (auto added = add_display_text(wanted, texts[i]); !added) {
            return make_error("text " + std::to_string(i + 1) + ": " + added.message());
        }
    }
    wanted_ = std::move(wanted);
    return needs_rebuild();
}

Result<AtlasFonts> TextAtlas::rebuild(ImFontAtlas& atlas, const AtlasSizes& sizes) {
    plan_ = plan_fonts(catalog_, wanted_);
    auto fonts = glyphs_.build(atlas, plan_, sizes);
    if (!fonts) return fonts.error();
    built_set_ = wanted_;
    built_ = true;

    const AtlasStats& stats = glyphs_.stats();
    char line[200];
    std::snprintf(line, sizeof line,
                  "atlas %dx%d (%zu KB RGBA) built in %.1f ms: %zu code points from %zu fonts, "
                  "%zu that cannot be drawn",
                  stats.width, stats.height, stats.rgba32_bytes / 1024, stats.build_ms,
                  plan_.planned_code_points, plan_.fonts.size(), plan_.uncovered.size());
    log::info("fonts", line);
    for (std::size_t i = 0; i < plan_.uncovered.size() && i < kMaxUncoveredLogLines; ++i) {
        log::warn("fonts", describe(plan_.uncovered[i]));
    }
    if (plan_.uncovered.size() > kMaxUncoveredLogLines) {
        log::warn("fonts", std::to_string(plan_.uncovered.size() - kMaxUncoveredLogLines) +
                               " more characters cannot be drawn (guichet-glyphs lists them all)");
    }
    return fonts;
}

}  // namespace guichet::fonts
