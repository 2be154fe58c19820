// SPDX-License-Identifier: GPL-3.0-or-later
// End to end on the real stack: installed Noto fonts -> font plan -> ImGui atlas -> an article
// from the sample content drawn by MarkdownView beside a vCard QR code, rendered headless
// through SDL_Renderer and written as a PNG, which is then read back and checked for size and
// ink. Usage: widgets_screenshot ARTICLE.md OUT.png
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

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
    style.regular = faces->regular;
    style.bold = faces->has_bold ? faces->bold : nullptr;
    style.italic = faces->has_italic ? faces->italic : nullptr;
    style.heading = faces->large_bold;
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
    // Frame 0 lays out (a new window is hidden in its first frame), 1 is the top of the
    // article, 2 scrolls to the end (the table and the Arabic line), 3 shows it.
    for (int frame = 0; frame < 4; ++frame) {
        (*screen)->begin_frame(1.0f / 60.0f);
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(static_cast<float>(width), static_cast<float>(height)));
        ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(250, 250, 247, 255));
        ImGui::Begin("article", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::BeginChild("text", ImVec2(width - 360.0f, 0));
        if (frame == 2) ImGui::SetScrollY(ImGui::GetScrollMaxY());
        (void)view.draw(style);
        ImGui::EndChild();
        ImGui::SameLine();
        const ImVec2 corner = ImGui::GetCursorScreenPos();
        widgets::draw_qr(ImGui::GetWindowDrawList(), ImVec2(corner.x + 10, corner.y + 10), 320.0f,
                         *qr);
        ImGui::End();
        ImGui::PopStyleColor();
        auto ended = (*screen)->end_frame(frame == 1 ? &out : frame == 3 ? &bottom : nullptr);
        if (!ended) return fail(ended.message());
    }

    int w = 0, h = 0, channels = 0;
    unsigned char* pixels = stbi_load(out.c_str(), &w, &h, &channels, 4);
    if (pixels == nullptr) return fail(out.string() + ": cannot read back the PNG");
    std::size_t dark = 0;
    for (int i = 0; i < w * h; ++i) {
        const unsigned char* p = pixels + 4 * i;
        if (p[0] + p[1] + p[2] < 3 * 100) ++dark;
    }
    stbi_image_free(pixels);
    const double ink = static_cast<double>(dark) / (static_cast<double>(w) * h);
    std::printf("%s: %dx%d, %.1f%% dark pixels, %zu fonts in the plan, atlas %dx%d\n", out.c_str(),
                w, h, 100.0 * ink, plan.fonts.size(), atlas.stats().width, atlas.stats().height);
    if (w != width || h != height) return fail("screenshot has the wrong size");
    if (ink < 0.02 || ink > 0.5) return fail("screenshot looks blank or flooded");
    return 0;
}
