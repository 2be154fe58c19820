// SPDX-License-Identifier: GPL-3.0-or-later
// Builds Dear ImGui 1.86's font atlas from a FontPlan: the planned fonts merged (MergeMode) in
// plan order, baked only for the planned code points (ImFontGlyphRangesBuilder), OversampleH 1,
// at a base size and a larger-text size; each merged font is sized so that its em matches
// NotoSans' (ImGui sizes fonts by line height, which would shrink Arabic or Devanagari).
// Only for the kiosk build (needs guichet::imgui).
//
// Call build() only between frames (never between NewFrame and Render). After it succeeds
// the renderer must upload the new texture: with the SDL_Renderer backend,
// ImGui_ImplSDLRenderer_DestroyFontsTexture() then ImGui_ImplSDLRenderer_CreateFontsTexture().
// Rebuild when the content changes (new plan) or the sizes change; the GlyphAtlas must outlive
// the ImFontAtlas' fonts (it owns the glyph ranges ImGui keeps pointers to).
#pragma once

#include <cstddef>
#include <vector>

#include <imgui.h>

#include "fonts/font_plan.h"
#include "platform/result.h"

namespace guichet::fonts {

struct AtlasSizes {
    float base_px = 28.0f;
    float large_px = 40.0f;  // larger-text toggle and headings
};

// bold and italic are the regular font when the plan's first font has no such style, so they
// are never null after a successful build; has_bold / has_italic say whether they are real
// (otherwise mark emphasis another way than by colour alone).
struct AtlasFonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    ImFont* italic = nullptr;
    ImFont* large_regular = nullptr;
    ImFont* large_bold = nullptr;
    bool has_bold = false;
    bool has_italic = false;
};

struct AtlasStats {
    int width = 0;
    int height = 0;
    std::size_t alpha8_bytes = 0;  // width * height
    std::size_t rgba32_bytes = 0;  // what the SDL_Renderer backend uploads
    int glyphs = 0;                // over all fonts and sizes
    double build_ms = 0.0;         // reading files + ImFontAtlas::Build
};

class GlyphAtlas {
  public:
    // Clears the atlas, adds the plan's fonts and builds it. Errors name the font file.
    Result<AtlasFonts> build(ImFontAtlas& atlas, const FontPlan& plan, const AtlasSizes& sizes);
    const AtlasStats& stats() const { return stats_; }

  private:
    // One zero-terminated ImWchar range list per planned font; ImGui keeps pointers to them.
    std::vector<std::vector<ImWchar>> ranges_;
    AtlasStats stats_;
};

}  // namespace guichet::fonts
