// SPDX-License-Identifier: GPL-3.0-or-later
// End to end on the real stack: installed Noto fonts -> font plan -> ImGui atlas -> an article
// from the sample content drawn by MarkdownView beside a vCard QR code, rendered headless
// through SDL_Renderer and written as a PNG, which is then read back and checked for size and
// ink. Usage: widgets_screenshot ARTICLE.md OUT.png
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include <imgui_impl_sdlrenderer.h>
#include <stb/stb_image.h>

#include "fonts/bidi.h"
#include "fonts/glyph_atlas.h"
#include "platform/display/display.h"
#include "widgets/markdown_view.h"
#include "widgets/qr_code.h"

using namespace guichet;

namespace {

int fail(const std::string& message) {
    std::fprintf(stderr, "widgets_screenshot: %s\n", message.c_str());
    return 1;
}

std::string body_of(const std::string& text) {
    if (text.rfind("---\n", 0) != 0) return text;
    const auto end = text.find("\n---\n", 4);
    return end == std::string::npos ? text : text.substr(end + 5);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) return fail("usage: widgets_screenshot ARTICLE.md OUT.png");
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) return fail(std::string(argv[1]) + ": cannot open");
    const std::string markdown =
        body_of({std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}) +
        "\n\n| Idioma | Texto |\n|---|---|\n| ht | *Mwen renmen w* |\n| ar | مرحبا بكم |\n"
        "\nحقوق العمال المهاجرين [محمية](item:rights) بموجب اتفاقية 1990 لجميع العمال.\n";

    const int width = 1280, height = 900;
    display::DisplayOptions options;
    options.width = width;
    options.height = height;
    options.headless = true;
    auto screen = display::Display::open(options);
    if (!screen) return fail(screen.message());

    auto catalog = fonts::FontCatalog::scan_installed();
    if (!catalog) return fail(catalog.message());
    fonts::CodePointSet needed;
    if (auto added = fonts::add_display_text(needed, markdown); !added) {
        return fail(added.message());
    }
    const fonts::FontPlan plan = fonts::plan_fonts(*catalog, needed);
    fonts::GlyphAtlas atlas;
    auto faces = atlas.build(*ImGui::GetIO().Fonts, plan, {24.0f, 34.0f});
    if (!faces) return fail(faces.message());

    auto document = widgets::parse_markdown(markdown);
    if (!document) return fail(document.message());
    widgets::MarkdownView view(std::move(*document));
    widgets::MarkdownStyle style;
    const auto use_faces = [&style](const fonts::AtlasFonts& built) {
        style.regular = built.regular;
        style.bold = built.has_bold ? built.bold : nullptr;
        style.italic = built.has_italic ? built.italic : nullptr;
        style.heading = built.large_bold;
    };
    use_faces(*faces);
    style.min_target_px = 48.0f;

    widgets::ContactCard card;
    card.name = "Oficina de ejemplo";
    card.phones = {"+1 202 370 5000"};
    card.street = "1889 F Street NW";
    card.city = "Washington, DC";
    card.country = "United States";
    card.website = "https://www.oas.org";
    auto qr = widgets::encode_qr(widgets::vcard(card));
    if (!qr) return fail(qr.message());

    const std::filesystem::path out = argv[2];
    std::filesystem::path bottom = out;
    bottom.replace_filename(out.stem().string() + "-end" + out.extension().string());
    // One frame of the article (scrolled to its end or its top) beside the QR code.
    const auto draw_frame = [&](bool to_end, const std::filesystem::path* png) {
        (*screen)->begin_frame(1.0f / 60.0f);
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(static_cast<float>(width), static_cast<float>(height)));
        ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(250, 250, 247, 255));
        ImGui::Begin("article", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::BeginChild("text", ImVec2(width - 360.0f, 0));
        ImGui::SetScrollY(to_end ? ImGui::GetScrollMaxY() : 0.0f);
        (void)view.draw(style);
        ImGui::EndChild();
        ImGui::SameLine();
        const ImVec2 corner = ImGui::GetCursorScreenPos();
        widgets::draw_qr(ImGui::GetWindowDrawList(), ImVec2(corner.x + 10, corner.y + 10), 320.0f,
                         *qr);
        ImGui::End();
        ImGui::PopStyleColor();
        return (*screen)->end_frame(png);
    };
    // Frame 0 lays out (a new window is hidden in its first frame), 1 is the top of the
    // article, 2 scrolls to the end (the table and the Arabic line), 3 shows it.
    for (int frame = 0; frame < 4; ++frame) {
        auto ended = draw_frame(frame >= 2, frame == 1 ? &out : frame == 3 ? &bottom : nullptr);
        if (!ended) return fail(ended.message());
    }

    // The display keeps no copy of the atlas's pixels once its texture exists (display.h).
    const ImFontAtlas& fonts = *ImGui::GetIO().Fonts;
    if (fonts.TexPixelsAlpha8 || fonts.TexPixelsRGBA32)
        return fail("the atlas still holds its pixels after the texture was made");
    if (!fonts.IsBuilt()) return fail("releasing the atlas's pixels unbuilt the atlas");

    const auto ink_of = [&](const std::filesystem::path& png) -> double {
        int w = 0, h = 0, channels = 0;
        unsigned char* pixels = stbi_load(png.c_str(), &w, &h, &channels, 4);
        if (pixels == nullptr || w != width || h != height) {
            stbi_image_free(pixels);
            return -1.0;
        }
        std::size_t dark = 0;
        for (int i = 0; i < w * h; ++i) {
            const unsigned char* p = pixels + 4 * i;
            if (p[0] + p[1] + p[2] < 3 * 100) ++dark;
        }
        stbi_image_free(pixels);
        return static_cast<double>(dark) / (static_cast<double>(w) * h);
    };
    const double ink = ink_of(out);
    std::printf("%s: %dx%d, %.1f%% dark pixels, %zu fonts in the plan, atlas %dx%d\n", out.c_str(),
                width, height, 100.0 * ink, plan.fonts.size(), atlas.stats().width,
                atlas.stats().height);
    if (ink < 0) return fail(out.string() + ": cannot read back the PNG, or it has the wrong size");
    if (ink < 0.02 || ink > 0.5) return fail("screenshot looks blank or flooded");

    // A rebuild after the release (as the kiosk does for large text) draws from new pixels,
    // never from ImGui's built-in font, which ImGui would add to an atlas it had to rebuild
    // by itself.
    faces = atlas.build(*ImGui::GetIO().Fonts, plan, {36.0f, 50.0f});
    if (!faces) return fail(faces.message());
    const int fonts_after_rebuild = fonts.Fonts.Size;
    use_faces(*faces);
    ImGui_ImplSDLRenderer_DestroyFontsTexture();
    std::filesystem::path larger = out;
    larger.replace_filename(out.stem().string() + "-larger" + out.extension().string());
    for (int frame = 0; frame < 2; ++frame) {
        auto ended = draw_frame(false, frame == 1 ? &larger : nullptr);
        if (!ended) return fail(ended.message());
    }
    const double larger_ink = ink_of(larger);
    std::printf("%s: %.1f%% dark pixels after a rebuild at 36 px\n", larger.c_str(),
                100.0 * larger_ink);
    if (larger_ink < 0.02 || larger_ink > 0.5)
        return fail("after a rebuild the screenshot looks blank or flooded");
    if (fonts.Fonts.Size != fonts_after_rebuild || faces->regular->FontSize != 36.0f ||
        fonts.TexPixelsAlpha8 || fonts.TexPixelsRGBA32)
        return fail("after a rebuild the texture did not come from the rebuilt atlas");
    return 0;
}
