// SPDX-License-Identifier: GPL-3.0-or-later
// Sizes, colours and fonts, all derived from the screen's real DPI so every target is at least
// 9 mm under a finger: the normal and high-contrast palettes, and the larger-text scale.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "fonts/code_points.h"
#include "fonts/font_catalog.h"
#include "fonts/glyph_atlas.h"

namespace guichet::kiosk {

struct Palette {
    ImU32 background, surface, surface_pressed, text, text_muted, accent, accent_text, border,
        highlight, warning, focus;
};

struct Theme {
    float dpi = 96;
    float px_per_mm = 96 / 25.4f;
    float target = 0;  // smallest touch target, px (9 mm, never less)
    float button = 0;  // height of ordinary buttons
    float gap = 0;     // spacing between targets
    float margin = 0;  // screen edge
    float rounding = 0;
    float text_scale = 1;  // 1 or the larger-text factor
    int screen_height = 0;  // the logical height the sizes above were computed for
    float body_px = 0;      // body text height
    Palette palette;
    bool high_contrast = false;
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* title = nullptr;
    ImFont* huge = nullptr;  // drawn at huge_px (the welcome phrase, the countdown number)
    float huge_px = 0;
};

// The fonts module's catalog and atlas, plus every code point the kiosk has needed so far:
// the atlas holds exactly those glyphs and grows (between frames) when new text appears.
struct FontSystem {
    std::optional<fonts::FontCatalog> catalog;
    fonts::GlyphAtlas atlas;
    fonts::CodePointSet needed;
    std::size_t built_with = 0;  // needed.size() at the last build
    std::string last_error;
};

inline constexpr float kLargeTextFactor = 1.35f;

// Recomputes metrics and colours (cheap; no font work).
void update_theme(Theme& theme, float dpi, int screen_height, bool large_text, bool high_contrast);

// Adds the code points of `text` to what the atlas must hold; true when something new came.
bool need_text(FontSystem& fonts, std::string_view text);

// (Re)builds the font atlas for the current text scale with every needed glyph; call between
// frames only, then have the renderer upload the texture. Falls back to ImGui's built-in font
// (and says why in fonts.last_error) when no installed font can be used.
bool build_fonts(Theme& theme, FontSystem& fonts, int screen_height);

// Applies the palette and metrics to ImGui's style.
void apply_style(const Theme& theme);

}  // namespace guichet::kiosk
