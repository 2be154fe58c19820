// SPDX-License-Identifier: GPL-3.0-or-later
// widgets/text.h: the same words measured and drawn through ImGui for Latin text and through
// shaping and per-line reordering for Arabic; alignment by the screen's direction.
#include <doctest/doctest.h>

#include <imgui.h>

#include "widgets/text.h"

using namespace guichet::kiosk;

namespace {

// ImGui's built-in font: 13 px, 7 px a character (no Arabic glyphs: they measure as the
// fallback glyph, which is all these tests need).
class TextGui {
  public:
    TextGui() : context_(ImGui::CreateContext()) {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(800, 600);
        io.DeltaTime = 1.0f / 60.0f;
        font = io.Fonts->AddFontDefault();
        io.Fonts->Build();
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
        clear_text_cache();
    }
    ~TextGui() {
        clear_text_cache();
        ImGui::DestroyContext(context_);
    }
    ImFont* font = nullptr;

  private:
    ImGuiContext* context_;
};


// Where the glyph quads of a draw list start and end.
float leftmost_vertex(const ImDrawList& list) {
    float x = 1e9f;
    for (const ImDrawVert& v : list.VtxBuffer) x = std::min(x, v.pos.x);
    return x;
}
float rightmost_vertex(const ImDrawList& list) {
    float x = -1e9f;
    for (const ImDrawVert& v : list.VtxBuffer) x = std::max(x, v.pos.x);
    return x;
}

}  // namespace

TEST_CASE("needs_layout finds right-to-left letters with a byte scan") {
    CHECK(needs_layout("مرحبا"));
    CHECK(needs_layout("Tel: שלום"));
    CHECK(needs_layout("\uFEFB"));
    CHECK_FALSE(needs_layout("Kreyòl ayisyen, Русский, Português"));
    CHECK_FALSE(needs_layout("Ա Armenian U+0531"));
    CHECK_FALSE(needs_layout(""));
}

TEST_CASE("Latin text measures as ImGui wraps it — Arabic by its shaped lines") {
    TextGui gui;
    TextStyle wrapped;
    wrapped.wrap = 7 * 12;
    const ImVec2 latin = text_size(gui.font, 13, "uno dos tres cuatro cinco", wrapped);
    CHECK(latin.y == doctest::Approx(13 * 2));  // "uno dos tres" / "cuatro cinco": 12 chars each
    CHECK(latin.x <= wrapped.wrap);
    const ImVec2 arabic = text_size(gui.font, 13, "سلام عليكم سلام عليكم", wrapped);
    CHECK(arabic.y > 13);
    CHECK(arabic.x <= wrapped.wrap);
    CHECK(text_cache_size() == 1);
    // A second measure (the next frame) uses the cached layout.
    (void)text_size(gui.font, 13, "سلام عليكم سلام عليكم", wrapped);
    CHECK(text_cache_size() == 1);
    TextStyle spaced;
    spaced.line_spacing = 1.5f;
    CHECK(text_size(gui.font, 13, "a\nb", spaced).y == doctest::Approx(39));
}

TEST_CASE("start is the left edge in a left-to-right screen and the right edge in a right-to-left one") {
    TextGui gui;
    ImGui::NewFrame();
    for (const char* text : {"Hola", "مرحبا"}) {
        for (bool rtl : {false, true}) {
            CAPTURE(text);
            CAPTURE(rtl);
            ImDrawList list(ImGui::GetDrawListSharedData());
            list._ResetForNewFrame();
            list.PushClipRectFullScreen();
            list.PushTextureID(ImGui::GetIO().Fonts->TexID);
            TextStyle style;
            style.box_width = 400;
            style.right_to_left = rtl;
            draw_text(&list, gui.font, 13, ImVec2(100, 10), IM_COL32_WHITE, text, style);
            const float width = text_size(gui.font, 13, text).x;
            if (rtl) {
                CHECK(rightmost_vertex(list) <= 500.5f);
                CHECK(rightmost_vertex(list) >= 500.0f - 7.0f);
                CHECK(leftmost_vertex(list) >= 500.0f - width - 1.0f);
            } else {
                CHECK(leftmost_vertex(list) >= 100.0f);
                CHECK(leftmost_vertex(list) <= 100.0f + 7.0f);
            }
        }
    }
    ImGui::EndFrame();
}

TEST_CASE("fit_text cuts at a word end — in Arabic the ellipsis ends the logical text") {
    TextGui gui;
    CHECK(fit_text(gui.font, "corto", 200) == "corto");
    const std::string latin = fit_text(gui.font, "Instituto Nacional de Migración", 7 * 20);
    CHECK(latin == "Instituto Nacional…");
    const std::string arabic =
        fit_text(gui.font, "المفوضية السامية للأمم المتحدة لشؤون اللاجئين", 7 * 20);
    CHECK(arabic.rfind("المفوضية", 0) == 0);
    CHECK(arabic.size() > std::string("…").size());
    CHECK(arabic.substr(arabic.size() - 3) == "…");
    CHECK(arabic.find("اللاجئين") == std::string::npos);
    CHECK(text_size(gui.font, 13, arabic).x <= 7 * 20 + 0.01f);
}
