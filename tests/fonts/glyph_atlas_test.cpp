// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <memory>

#include "fonts/glyph_atlas.h"
#include "fonts/text_atlas.h"
#include "installed_fonts.h"

using namespace guichet::fonts;

using fonts_fixture::installed;

namespace {

FontPlan plan_for(const char* text) {
    CodePointSet needed;
    REQUIRE(needed.add_utf8(text).ok());
    return plan_fonts(installed(), needed);
}

}  // namespace

TEST_CASE("the atlas bakes exactly the planned glyphs, merged from several fonts") {
    const FontPlan plan = plan_for("Kreyòl ayisyen Русский العربية");
    ImFontAtlas atlas;
    GlyphAtlas glyphs;
    auto fonts = glyphs.build(atlas, plan, {20.0f, 30.0f});
    REQUIRE_MESSAGE(fonts.ok(), fonts.message());
    CHECK(fonts->has_bold);
    CHECK(fonts->has_italic);
    CHECK(fonts->bold != fonts->regular);
    CHECK(fonts->italic != fonts->regular);
    CHECK(fonts->large_regular->FontSize == doctest::Approx(30.0f));
    CHECK(fonts->regular->FontSize == doctest::Approx(20.0f));
    CHECK(atlas.Fonts.Size == 5);

    for (ImFont* font :
         {fonts->regular, fonts->bold, fonts->italic, fonts->large_regular, fonts->large_bold}) {
        CHECK(font->FindGlyphNoFallback(0x00F2) != nullptr);  // ò from NotoSans
        CHECK(font->FindGlyphNoFallback(0x0420) != nullptr);  // Р
        CHECK(font->FindGlyphNoFallback(0x0627) != nullptr);  // ا merged from NotoSansArabic
        CHECK(font->FindGlyphNoFallback(0xFFFD) != nullptr);
        CHECK(font->FindGlyphNoFallback(0x00E9) == nullptr);  // é: not in the text, not baked
        CHECK(font->FallbackChar == 0xFFFD);
        // ImGui adds one glyph of its own: TAB, made from the space.
        CHECK(font->FindGlyphNoFallback('\t') != nullptr);
        CHECK(static_cast<std::size_t>(font->Glyphs.Size) == plan.planned_code_points + 1);
    }
    const AtlasStats& stats = glyphs.stats();
    CHECK(stats.width > 0);
    CHECK(stats.height > 0);
    CHECK(stats.alpha8_bytes == static_cast<std::size_t>(stats.width) * stats.height);
    CHECK(stats.rgba32_bytes == 4 * stats.alpha8_bytes);
    CHECK(stats.glyphs == static_cast<int>(5 * (plan.planned_code_points + 1)));
    CHECK(stats.build_ms > 0.0);
}

TEST_CASE("a bigger glyph set gives a bigger atlas, and a rebuild replaces the fonts") {
    ImFontAtlas atlas;
    GlyphAtlas glyphs;
    REQUIRE(glyphs.build(atlas, plan_for("abc"), {20.0f, 30.0f}).ok());
    const AtlasStats small = glyphs.stats();

    CodePointSet wide;
    wide.add_range({0x20, 0x24F});   // Latin through Latin Extended-B
    wide.add_range({0x370, 0x4FF});  // Greek, Cyrillic
    auto fonts = glyphs.build(atlas, plan_fonts(installed(), wide), {20.0f, 30.0f});
    REQUIRE(fonts.ok());
    CHECK(atlas.Fonts.Size == 5);
    CHECK(glyphs.stats().glyphs > small.glyphs);
    CHECK(glyphs.stats().alpha8_bytes > small.alpha8_bytes);
    CHECK(fonts->regular->FindGlyphNoFallback(0x0416) != nullptr);
}

TEST_CASE("ImGui 1.86 draws a character above U+FFFF as U+FFFD, and text renders after a build") {
    ImGuiContext* context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // tests leave no files behind
    GlyphAtlas glyphs;
    auto fonts = glyphs.build(*io.Fonts, plan_for("Olá \xF0\x9F\x98\x80"), {20.0f, 30.0f});
    REQUIRE(fonts.ok());
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    CHECK(pixels != nullptr);
    CHECK(width == glyphs.stats().width);
    CHECK(fonts->regular->ConfigData == nullptr);  // inputs released: no TTF bytes kept

    ImFont* font = fonts->regular;
    const float emoji = font->CalcTextSizeA(20.0f, 1e9f, 0.0f, "\xF0\x9F\x98\x80").x;
    const float replacement = font->CalcTextSizeA(20.0f, 1e9f, 0.0f, "\xEF\xBF\xBD").x;
    CHECK(emoji == doctest::Approx(replacement));
    CHECK(emoji > 0.0f);

    io.DisplaySize = ImVec2(400, 300);
    io.DeltaTime = 1.0f / 60.0f;
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
    for (int frame = 0; frame < 2; ++frame) {  // a new window is hidden in its first frame
        ImGui::NewFrame();
        ImGui::Begin("w");
        ImGui::PushFont(fonts->bold);
        ImGui::TextUnformatted("Olá");
        ImGui::PopFont();
        ImGui::End();
        ImGui::Render();
    }
    CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
    ImGui::DestroyContext(context);
}

TEST_CASE("an empty plan is an error, not an empty atlas") {
    ImFontAtlas atlas;
    GlyphAtlas glyphs;
    auto fonts = glyphs.build(atlas, FontPlan{}, {20.0f, 30.0f});
    REQUIRE_FALSE(fonts.ok());
    CHECK(fonts.message() == "font plan is empty: no installed font covers the text");
}

TEST_CASE("TextAtlas rebuilds only when the text needs other glyphs") {
    auto fonts = TextAtlas::create();
    REQUIRE_MESSAGE(fonts.ok(), fonts.message());
    CHECK(fonts->needs_rebuild());

    auto changed = fonts->set_text({"Bienvenue", "Droits des travailleurs"});
    REQUIRE(changed.ok());
    CHECK(*changed);
    ImFontAtlas atlas;
    auto faces = fonts->rebuild(atlas, {20.0f, 30.0f});
    REQUIRE(faces.ok());
    CHECK_FALSE(fonts->needs_rebuild());
    CHECK(faces->regular->FindGlyphNoFallback(U'B') != nullptr);

    // Same letters in another order: nothing to rebuild.
    changed = fonts->set_text({"Droits des travailleurs", "Bienvenue"});
    REQUIRE(changed.ok());
    CHECK_FALSE(*changed);

    // New content with Arabic: rebuild, and the shaped forms are baked.
    changed = fonts->set_text({"Bienvenue", "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85"});
    REQUIRE(changed.ok());
    CHECK(*changed);
    faces = fonts->rebuild(atlas, {20.0f, 30.0f});
    REQUIRE(faces.ok());
    CHECK(faces->regular->FindGlyphNoFallback(0xFEB3) != nullptr);
    CHECK(fonts->plan().fonts.size() == 2);

    auto bad = fonts->set_text({"ok", "\xC3"});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.message() == "text 2: byte 0: truncated UTF-8 sequence");
}

TEST_CASE("a font file that cannot be read leaves the current atlas as it was") {
    ImFontAtlas atlas;
    GlyphAtlas glyphs;
    REQUIRE(glyphs.build(atlas, plan_for("abc"), {20.0f, 30.0f}).ok());
    const int fonts_before = atlas.Fonts.Size;
    ImFont* regular_before = atlas.Fonts[0];

    FontPlan broken = plan_for("abc");
    broken.fonts[0].regular.path = "/nonexistent/NotoSans-Regular.ttf";
    auto rebuilt = glyphs.build(atlas, broken, {20.0f, 30.0f});
    REQUIRE_FALSE(rebuilt.ok());
    CHECK(rebuilt.message() == "/nonexistent/NotoSans-Regular.ttf: cannot open font file");
    CHECK(atlas.Fonts.Size == fonts_before);
    CHECK(atlas.Fonts[0] == regular_before);
    CHECK(atlas.IsBuilt());
    CHECK(regular_before->FindGlyphNoFallback(U'a') != nullptr);
}

TEST_CASE("TextAtlas takes text piece by piece") {
    auto fonts = TextAtlas::create();
    REQUIRE(fonts.ok());
    REQUIRE(fonts->set_text({"abc"}).ok());
    ImFontAtlas atlas;
    REQUIRE(fonts->rebuild(atlas, {20.0f, 30.0f}).ok());
    fonts->clear_text();
    REQUIRE(fonts->add_text("ab").ok());
    REQUIRE(fonts->add_text("c").ok());
    CHECK_FALSE(fonts->needs_rebuild());
    REQUIRE(fonts->add_text("\xD0\x96").ok());  // Ж
    CHECK(fonts->needs_rebuild());
    CHECK_FALSE(fonts->add_text("\xFF").ok());
}
