// SPDX-License-Identifier: GPL-3.0-or-later
// What shaping and per-line reordering cost a frame (widgets/text.h over fonts/paragraph.h),
// beside the same frame without them, on the real font stack (Noto Sans + Noto Sans Arabic UI,
// 28 px): a screen's worth of labels — twelve area titles, the toolbar's six words, eight list
// rows (a title cut to fit and a wrapped two-line description) and a wrapped paragraph — drawn
// into an ImGui frame. Medians of many frames, in microseconds. Usage: text_bench [SAMPLE_DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "fonts/bidi.h"
#include "fonts/glyph_atlas.h"
#include "fonts/paragraph.h"
#include "widgets/markdown_view.h"
#include "widgets/text.h"

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

struct Screen {
    std::vector<std::string> titles;    // area titles (wrapped to a tile)
    std::vector<std::string> toolbar;   // one-line words
    std::vector<std::string> rows;      // list titles, cut to fit
    std::vector<std::string> details;   // list descriptions, two wrapped lines
    std::string paragraph;              // a wrapped paragraph
};

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string body_of(const std::string& markdown) {
    if (markdown.rfind("---\n", 0) != 0) return markdown;
    const auto end = markdown.find("\n---\n", 4);
    return end == std::string::npos ? markdown : markdown.substr(end + 5);
}

// The words a Spanish and an Arabic visitor see on one screen (the sample's own texts).
Screen spanish() {
    return {{"Sus derechos", "Vivir en el país de acogida", "Regreso y reinserción",
             "Trabajo temporal", "Dónde pedir ayuda", "Leyes migratorias",
             "Cifras de la migración", "Aporte de los migrantes", "Cooperación entre países",
             "Procesos regionales", "Noticias", "Sobre la Comisión"},
            {"Atrás", "Inicio", "Buscar", "Idioma", "Letra grande", "Alto contraste"},
            {"Comisión Mexicana de Ayuda a Refugiados", "Instituto Nacional de Migración",
             "Comitê Nacional para os Refugiados (CONARE)", "Missão Paz (Misioneros Scalabrinianos)",
             "ACNUR Brasil", "OIM Brasil", "Defensoria Pública da União",
             "Immigration, Refugees and Citizenship Canada"},
            {"Recibe y resuelve las solicitudes de la condición de refugiado en México.",
             "Autoridad migratoria de México: entrada y salida del país, visas y permisos.",
             "Decide las solicitudes de reconocimiento de la condición de refugiado en Brasil.",
             "Casa del migrante, orientación legal, empleo, salud y clases de portugués.",
             "Agencia de la ONU para los Refugiados en Brasil: protección e integración.",
             "Organización Internacional para las Migraciones en Brasil: integración y retorno.",
             "Asistencia jurídica gratuita, también para migrantes y refugiados.",
             "Ministerio de inmigración de Canadá: permisos de trabajo y de estudio."},
            "Una persona refugiada tuvo que salir de su país por un temor fundado de persecución "
            "por su raza, religión, nacionalidad, opiniones políticas o pertenencia a un grupo "
            "social. Llame al +52 55 1234 5678 o visite https://www.acnur.org hoy."};
}

Screen arabic() {
    return {{"حقوقك", "العيش في البلد الجديد", "العودة وإعادة الاندماج", "العمل الموسمي",
             "أين تطلب المساعدة", "قوانين الهجرة", "أرقام الهجرة", "مساهمة المهاجرين",
             "التعاون بين البلدان", "العمليات الإقليمية", "الأخبار", "عن اللجنة"},
            {"رجوع", "الرئيسية", "بحث", "اللغة", "خط أكبر", "تباين عالٍ"},
            {"المفوضية السامية للأمم المتحدة لشؤون اللاجئين - المكتب الإقليمي للأمريكتين",
             "المفوضية السامية للأمم المتحدة لشؤون اللاجئين في البرازيل",
             "اللجنة الوطنية للاجئين في البرازيل (CONARE)",
             "كاريتاس أبرشية ساو باولو - المركز المرجعي للاجئين",
             "ميساو باز (المرسلون السكالابرينيون)", "المنظمة الدولية للهجرة في البرازيل",
             "وزارة الهجرة واللاجئين والمواطنة الكندية", "لجنة البلدان الأمريكية لحقوق الإنسان"},
            {"المكتب الإقليمي لوكالة الأمم المتحدة للاجئين: حماية اللاجئين والنازحين.",
             "وكالة الأمم المتحدة للاجئين في البرازيل: الحماية ودعم اندماج اللاجئين.",
             "تبتّ في طلبات الاعتراف بصفة اللاجئ في البرازيل (القانون 9.474/1997).",
             "استقبال طالبي اللجوء واللاجئين وتوجيههم قانونيًا ودعم اندماجهم.",
             "بيت للمهاجرين، وتوجيه قانوني، ومساعدة في إيجاد عمل، ورعاية صحية.",
             "المنظمة الدولية للهجرة في البرازيل: الاندماج والعودة الطوعية.",
             "وزارة الهجرة في كندا: تصاريح العمل والدراسة، والإقامة الدائمة.",
             "تتلقى العرائض بشأن انتهاكات حقوق الإنسان في الدول الأعضاء."},
            "اللاجئ هو من اضطر إلى مغادرة بلده بسبب خوف له ما يبرره من التعرض للاضطهاد بسبب "
            "عرقه أو دينه أو جنسيته أو آرائه السياسية. اتصل على +52 55 1234 5678 أو زر "
            "https://www.acnur.org اليوم."};
}

// One frame of the screen through widgets/text.h (shaping where a text needs it).
void draw_screen(const Screen& s, ImFont* font, bool rtl) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    kiosk::TextStyle tile;
    tile.wrap = 280;
    tile.align = kiosk::TextAlign::center;
    tile.right_to_left = rtl;
    float y = 10;
    for (const auto& t : s.titles) {
        kiosk::draw_text(draw, font, font->FontSize, ImVec2(10, y), IM_COL32_WHITE, t, tile);
        y += 20;
    }
    kiosk::TextStyle one;
    one.right_to_left = rtl;
    for (const auto& t : s.toolbar)
        kiosk::draw_text(draw, font, font->FontSize, ImVec2(10, 10), IM_COL32_WHITE, t, one);
    kiosk::TextStyle two;
    two.wrap = 900;
    two.right_to_left = rtl;
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
        kiosk::draw_text(draw, font, font->FontSize, ImVec2(400, 10), IM_COL32_WHITE,
                         kiosk::fit_text(font, s.rows[i], 700), one);
        kiosk::draw_text(draw, font, font->FontSize, ImVec2(400, 40), IM_COL32_WHITE,
                         s.details[i], two);
    }
    kiosk::draw_text(draw, font, font->FontSize, ImVec2(10, 600), IM_COL32_WHITE, s.paragraph,
                     two);
}

// The same words handed to ImGui as they are: no shaping, no reordering (Arabic would show
// unjoined and reversed) — the frame without it.
void draw_raw(const Screen& s, ImFont* font) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    auto add = [&](const std::string& t, float wrap) {
        draw->AddText(font, font->FontSize, ImVec2(10, 10), IM_COL32_WHITE, t.data(),
                      t.data() + t.size(), wrap);
    };
    for (const auto& t : s.titles) add(t, 280);
    for (const auto& t : s.toolbar) add(t, 0);
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
        add(s.rows[i], 0);
        add(s.details[i], 900);
    }
    add(s.paragraph, 900);
}

std::size_t screen_bytes(const Screen& s) {
    std::size_t n = s.paragraph.size();
    for (const auto* list : {&s.titles, &s.toolbar, &s.rows, &s.details})
        for (const auto& t : *list) n += t.size();
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string sample = argc > 1 ? argv[1] : GUICHET_SAMPLE_CONTENT;
    const Screen es = spanish(), ar = arabic();
    const std::string article_es = body_of(read(sample + "/articles/asylum.es.md"));
    const std::string article_ar = body_of(read(sample + "/articles/asylum.ar.md"));

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1920, 1080);
    io.DeltaTime = 1.0f / 60.0f;
    auto catalog = fonts::FontCatalog::scan_installed();
    if (!catalog) return std::fprintf(stderr, "%s\n", catalog.message().c_str()), 1;
    fonts::CodePointSet needed;
    for (const Screen* s : {&es, &ar})
        for (const auto* list : {&s->titles, &s->toolbar, &s->rows, &s->details})
            for (const auto& t : *list) (void)fonts::add_display_text(needed, t);
    (void)fonts::add_display_text(needed, es.paragraph + ar.paragraph + article_es + article_ar);
    fonts::GlyphAtlas atlas;
    const fonts::FontPlan plan = fonts::plan_fonts(*catalog, needed);
    auto faces = atlas.build(*io.Fonts, plan, {28.0f, 40.0f});
    if (!faces) return std::fprintf(stderr, "%s\n", faces.message().c_str()), 1;
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
    ImFont* font = faces->regular;
    frame([] {});

    std::printf("fonts: %s", fonts::summarize(plan).c_str());
    std::printf("\none screen of labels (12 titles, 6 tools, 8 rows + descriptions, a paragraph)\n");
    std::printf("%-58s %10s %10s\n", "per frame, median of 301 (us)", "es", "ar");
    std::printf("%-58s %10zu %10zu\n", "bytes of text", screen_bytes(es), screen_bytes(ar));
    const double raw_es = median_us(301, [&] { frame([&] { draw_raw(es, font); }); });
    const double raw_ar = median_us(301, [&] { frame([&] { draw_raw(ar, font); }); });
    std::printf("%-58s %10.0f %10.0f\n", "without shaping: ImGui AddText as is", raw_es, raw_ar);
    double warm[2], cold[2];
    const Screen* screens[] = {&es, &ar};
    for (int i = 0; i < 2; ++i) {
        const bool rtl = i == 1;
        kiosk::clear_text_cache();
        frame([&] { draw_screen(*screens[i], font, rtl); });
        warm[i] = median_us(301, [&] { frame([&] { draw_screen(*screens[i], font, rtl); }); });
        cold[i] = median_us(301, [&] {
            kiosk::clear_text_cache();
            frame([&] { draw_screen(*screens[i], font, rtl); });
        });
    }
    std::printf("%-58s %10.0f %10.0f\n", "text.h, laid-out texts kept (every frame after the first)",
                warm[0], warm[1]);
    std::printf("%-58s %10.0f %10.0f\n", "text.h, shaping every text every frame (first frame)",
                cold[0], cold[1]);
    std::printf("%-58s %10zu %10zu\n", "texts kept", std::size_t{0}, kiosk::text_cache_size());

    // fonts::layout_text alone, for the paragraph: ICU's share.
    const float scale = 1.0f;
    auto advance = [font, scale](char32_t c, std::size_t) {
        return font->GetCharAdvance(static_cast<ImWchar>(c > 0xFFFF ? 0xFFFD : c)) * scale;
    };
    fonts::LayoutOptions wrap;
    wrap.wrap_width = 900;
    const double layout_es =
        median_us(301, [&] { (void)fonts::layout_text(es.paragraph, advance, wrap); });
    const double layout_ar =
        median_us(301, [&] { (void)fonts::layout_text(ar.paragraph, advance, wrap); });
    std::printf("%-58s %10.1f %10.1f\n", "fonts::layout_text, the paragraph alone (us)", layout_es,
                layout_ar);

    // An article: Markdown layout (shaped per line in both languages) and later frames.
    widgets::MarkdownStyle style;
    style.regular = faces->regular;
    style.bold = faces->bold;
    style.italic = faces->italic;
    style.heading = faces->large_bold;
    const std::string* articles[] = {&article_es, &article_ar};
    double first[2], later[2];
    for (int i = 0; i < 2; ++i) {
        auto document = widgets::parse_markdown(*articles[i]);
        if (!document) return 1;
        first[i] = median_us(51, [&] {
            widgets::MarkdownView fresh(*document);
            frame([&] { (void)fresh.draw(style); });
        });
        widgets::MarkdownView view(*document);
        frame([&] { (void)view.draw(style); });
        later[i] = median_us(301, [&] { frame([&] { (void)view.draw(style); }); });
    }
    std::printf("\nthe asylum article (Markdown, %zu / %zu bytes)\n", article_es.size(),
                article_ar.size());
    std::printf("%-58s %10.0f %10.0f\n", "first frame: layout (shaping) + draw (us)", first[0],
                first[1]);
    std::printf("%-58s %10.0f %10.0f\n", "later frames: draw, layout kept (us)", later[0], later[1]);
    ImGui::DestroyContext();
    return 0;
}
