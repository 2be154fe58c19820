// SPDX-License-Identifier: GPL-3.0-or-later
// Per-frame cost of the kiosk's widgets on the real font stack, without a renderer: Markdown
// parse, layout + draw (first frame), draw with the layout cached (every later frame), and QR
// encode + draw. Medians. Usage: widgets_bench [ARTICLE.md]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "fonts/bidi.h"
#include "fonts/glyph_atlas.h"
#include "widgets/markdown_view.h"
#include "widgets/qr_code.h"

using namespace guichet;

namespace {

double median_us(int runs, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                .count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void frame(const std::function<void()>& body) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("bench", nullptr, ImGuiWindowFlags_NoDecoration);
    body();
    ImGui::End();
    ImGui::Render();
}

}  // namespace

int main(int argc, char** argv) {
    const std::string path =
        argc > 1 ? argv[1]
                 : std::string(GUICHET_SAMPLE_CONTENT) + "/articles/trafficking-smuggling.fr.md";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "%s: cannot open\n", path.c_str());
        return 1;
    }
    std::string article{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (article.rfind("---\n", 0) == 0) article = article.substr(article.find("\n---\n", 4) + 5);
    std::string long_article;
    for (int i = 0; i < 20; ++i) long_article += article + "\n\n";

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1920, 1080);
    io.DeltaTime = 1.0f / 60.0f;
    auto catalog = fonts::FontCatalog::scan_installed();
    if (!catalog) return std::fprintf(stderr, "%s\n", catalog.message().c_str()), 1;
    fonts::CodePointSet needed;
    (void)fonts::add_display_text(needed, long_article);
    fonts::GlyphAtlas atlas;
    auto faces = atlas.build(*io.Fonts, fonts::plan_fonts(*catalog, needed), {28.0f, 40.0f});
    if (!faces) return std::fprintf(stderr, "%s\n", faces.message().c_str()), 1;
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
    widgets::MarkdownStyle style;
    style.regular = faces->regular;
    style.bold = faces->bold;
    style.italic = faces->italic;
    style.heading = faces->large_bold;
    style.min_target_px = 48.0f;
    frame([] {});  // the window exists from here on

    std::printf("%-44s %12s %12s\n", "Markdown (28 px Noto, 1920x1080 window)", "article",
                "20x article");
    std::printf("%-44s %12zu %12zu\n", "bytes", article.size(), long_article.size());
    const std::string* texts[] = {&article, &long_article};
    double parse[2], first[2], cached[2];
    std::size_t runs[2];
    for (int t = 0; t < 2; ++t) {
        parse[t] = median_us(21, [&] { (void)widgets::parse_markdown(*texts[t]); });
        auto document = widgets::parse_markdown(*texts[t]);
        first[t] = median_us(11, [&] {
            widgets::MarkdownView fresh(*document);
            frame([&] { (void)fresh.draw(style); });
        });
        widgets::MarkdownView view(std::move(*document));
        frame([&] { (void)view.draw(style); });
        cached[t] = median_us(51, [&] { frame([&] { (void)view.draw(style); }); });
        runs[t] = view.runs().size();
    }
    std::printf("%-44s %12.0f %12.0f\n", "parse (us)", parse[0], parse[1]);
    std::printf("%-44s %12.0f %12.0f\n", "first frame: layout + draw (us)", first[0], first[1]);
    std::printf("%-44s %12.0f %12.0f\n", "later frames: draw, layout cached (us)", cached[0],
                cached[1]);
    std::printf("%-44s %12zu %12zu\n", "laid-out runs", runs[0], runs[1]);

    widgets::ContactCard card;
    card.name = "Ministerio de Relaciones Exteriores, Dirección de Migraciones";
    card.phones = {"+54 11 4819-7000"};
    card.street = "Esmeralda 1212";
    card.city = "Buenos Aires";
    card.country = "Argentina";
    card.website = "https://www.cancilleria.gob.ar";
    const std::string payload = widgets::vcard(card);
    const double encode = median_us(51, [&] { (void)widgets::encode_qr(payload); });
    auto qr = widgets::encode_qr(payload);
    const double draw = median_us(51, [&] {
        frame([&] { widgets::draw_qr(ImGui::GetWindowDrawList(), ImVec2(10, 10), 400.0f, *qr); });
    });
    std::printf(
        "\nQR vCard (%zu bytes): version %d (%dx%d modules), encode %.0f us, "
        "frame with draw_qr %.0f us\n",
        payload.size(), qr->version, qr->size, qr->size, encode, draw);
    ImGui::DestroyContext();
    return 0;
}
