// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's fonts in one object: scans the installed fonts once, takes the text the screens
// will draw (UI strings + the current content), and rebuilds the ImGui atlas only when that
// text needs different glyphs. Each rebuild logs the plan and every character no installed
// font can draw. Kiosk builds only (needs guichet::imgui).
//
//   auto fonts = fonts::TextAtlas::create();                 // Result<TextAtlas>, at start-up
//   fonts->set_text({ui_strings_utf8, content_text_utf8});   // Result<bool>: glyphs changed?
//   // or: fonts->clear_text(); store.each_text(lang, [&](auto t) { (void)fonts->add_text(t); });
//   // between frames, when it said true (or the sizes changed):
//   auto faces = fonts->rebuild(*ImGui::GetIO().Fonts, {base_px, large_px});
//   ImGui_ImplSDLRenderer_DestroyFontsTexture(); ImGui_ImplSDLRenderer_CreateFontsTexture();
//
// A rebuild destroys the previous ImFont objects: drop every ImFont* from before it. The
// display releases the atlas's pixels once its texture exists (display::Display::end_frame), so
// destroy the texture only right after a rebuild: a texture made from a released atlas would
// be ImGui's default font (the font files' bytes are gone too).
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "fonts/bidi.h"
#include "fonts/glyph_atlas.h"

namespace guichet::fonts {

class TextAtlas {
  public:
    static Result<TextAtlas> create(
        const std::vector<std::filesystem::path>& folders = default_font_folders());

    // Replaces the text to cover (right-to-left lines count with their shaped forms). True
    // when the glyphs differ from the last rebuild (or there was none): rebuild between frames.
    Result<bool> set_text(const std::vector<std::string_view>& texts);
    // The same piece by piece, for text that lives only during a callback
    // (content::ContentStore::each_text): clear_text(), add_text() for each, needs_rebuild().
    void clear_text() { wanted_ = CodePointSet(); }
    Result<void> add_text(std::string_view text) { return add_display_text(wanted_, text); }
    bool needs_rebuild() const { return !built_ || !(wanted_ == built_set_); }

    Result<AtlasFonts> rebuild(ImFontAtlas& atlas, const AtlasSizes& sizes);

    const FontCatalog& catalog() const { return catalog_; }
    const FontPlan& plan() const { return plan_; }
    const AtlasStats& stats() const { return glyphs_.stats(); }

  private:
    explicit TextAtlas(FontCatalog catalog) : catalog_(std::move(catalog)) {}

    FontCatalog catalog_;
    CodePointSet wanted_;
    CodePointSet built_set_;
    bool built_ = false;
    FontPlan plan_;
    GlyphAtlas glyphs_;
};

}  // namespace guichet::fonts
