// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <functional>
#include <map>

#include "widgets/markdown_view.h"

using namespace guichet::widgets;

namespace {

// A real ImGui context with ImGui's built-in font (ProggyClean, 13 px, 7 px per character),
// drawing into a full-screen window; mouse state is set before each frame as a backend would.
class MarkdownGui {
  public:
    MarkdownGui() : context_(ImGui::CreateContext()) {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1200, 900);
        io.DeltaTime = 1.0f / 60.0f;
        regular = io.Fonts->AddFontDefault();
        bold = io.Fonts->AddFontDefault();  // a second face standing in for a bold font
        io.Fonts->Build();
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
    }
    ~MarkdownGui() { ImGui::DestroyContext(context_); }

    std::optional<MarkdownLink> frame(MarkdownView& view, const MarkdownStyle& style,
                                      ImVec2 mouse = ImVec2(-1, -1), bool down = false,
                                      float width = 1200.0f) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = mouse;
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(width, 900));
        ImGui::Begin("article", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                         ImGuiWindowFlags_NoSavedSettings);
        origin = ImGui::GetCursorScreenPos();
        auto link = view.draw(style);
        ImGui::End();
        ImGui::Render();
        return link;
    }

    MarkdownStyle style(float min_target = 30.0f) const {
        MarkdownStyle s;
        s.regular = regular;
        s.min_target_px = min_target;
        return s;
    }

    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    ImVec2 origin;

  private:
    ImGuiContext* context_;
};

MarkdownView view_of(const char* markdown) {
    auto document = parse_markdown(markdown);
    REQUIRE(document.ok());
    return MarkdownView(std::move(*document));
}

ImVec2 center_of(const MarkdownTarget& t, ImVec2 origin) {
    return ImVec2(origin.x + (t.min.x + t.max.x) / 2, origin.y + (t.min.y + t.max.y) / 2);
}

std::string long_paragraph() {
    std::string text;
    for (int i = 0; i < 60; ++i) text += "palabra" + std::to_string(i) + " ";
    return text;
}

}  // namespace

TEST_CASE("lines wrap at about 70 characters, and no run crosses the wrap width") {
    MarkdownGui gui;
    auto view = view_of(long_paragraph().c_str());
    gui.frame(view, gui.style());
    CHECK(view.wrap_width() == doctest::Approx(70.0f * 7.0f));  // not the 1200 px available
    float bottom = 0.0f;
    int lines = 0;
    float last_y = -1.0f;
    for (const auto& run : view.runs()) {
        CHECK(run.position.x >= 0.0f);
        CHECK(run.position.x + run.size.x <= view.wrap_width() + 0.01f);
        if (run.position.y != last_y) ++lines, last_y = run.position.y;
        bottom = std::max(bottom, run.position.y + run.size.y);
    }
    // 60 words of 9-10 characters: about 600 characters, so at least 9 lines of 70.
    CHECK(lines >= 9);
    CHECK(view.height() >= bottom);

    // A narrow window wraps at its own width instead.
    gui.frame(view, gui.style(), ImVec2(-1, -1), false, 300.0f);
    CHECK(view.wrap_width() < 300.0f);
    for (const auto& run : view.runs())
        CHECK(run.position.x + run.size.x <= view.wrap_width() + 0.01f);
}

TEST_CASE("a word longer than the line is broken between characters") {
    MarkdownGui gui;
    auto view = view_of(
        "https://www.oas.org/es/sadye/migracion/un/camino/muy/largo/que/no/cabe/en/una/sola/linea/"
        "de/setenta/caracteres");
    gui.frame(view, gui.style());
    REQUIRE(view.runs().size() >= 2);
    for (const auto& run : view.runs()) CHECK(run.size.x <= view.wrap_width() + 0.01f);
}

TEST_CASE("link targets are at least the minimum touch size and lines make room for them") {
    MarkdownGui gui;
    auto view = view_of(
        "Ver [a](item:x) y [otro enlace](https://oas.org) en la misma línea.\n\nOtro párrafo.");
    gui.frame(view, gui.style(40.0f));
    REQUIRE(view.link_targets().size() == 2);
    for (const auto& t : view.link_targets()) {
        CHECK(t.max.x - t.min.x >= 40.0f - 0.01f);
        CHECK(t.max.y - t.min.y >= 40.0f - 0.01f);
    }
    // The next paragraph starts below the link line's targets.
    float second_paragraph_top = 1e9f;
    for (const auto& run : view.runs()) {
        if (run.block == 1) second_paragraph_top = std::min(second_paragraph_top, run.position.y);
    }
    for (const auto& t : view.link_targets()) CHECK(t.max.y <= second_paragraph_top);
}

TEST_CASE("a tap on a link returns it on release") {
    MarkdownGui gui;
    auto view = view_of("Lea [sus derechos](item:rights-workers) hoy.");
    MarkdownStyle style = gui.style();
    gui.frame(view, style);  // lays out; the window exists for hovering from now on
    REQUIRE(view.link_targets().size() == 1);
    const ImVec2 on_link = center_of(view.link_targets()[0], gui.origin);

    CHECK_FALSE(gui.frame(view, style, on_link, false));
    CHECK_FALSE(gui.frame(view, style, on_link, true));  // press: nothing yet
    auto link = gui.frame(view, style, on_link, false);  // release
    REQUIRE(link.has_value());
    CHECK(link->internal);
    CHECK(link->item_id == "rights-workers");
    CHECK_FALSE(gui.frame(view, style, on_link, false));  // once only
}

TEST_CASE("a drag that starts on a link never activates it") {
    MarkdownGui gui;
    auto view = view_of("Lea [sus derechos](item:rights-workers) hoy.");
    MarkdownStyle style = gui.style();
    gui.frame(view, style);
    const ImVec2 on_link = center_of(view.link_targets()[0], gui.origin);
    gui.frame(view, style, on_link, false);
    gui.frame(view, style, on_link, true);
    gui.frame(view, style, ImVec2(on_link.x, on_link.y + 60), true);  // scrolls away
    gui.frame(view, style, on_link, true);                            // and back
    CHECK_FALSE(gui.frame(view, style, on_link, false));
}

TEST_CASE("a press elsewhere released on a link does not activate it") {
    MarkdownGui gui;
    auto view = view_of("Lea [sus derechos](item:rights-workers) hoy.\n\nMás texto aquí.");
    MarkdownStyle style = gui.style();
    gui.frame(view, style);
    const ImVec2 on_link = center_of(view.link_targets()[0], gui.origin);
    const ImVec2 off_link(on_link.x, on_link.y + 3);  // same target: still inside
    gui.frame(view, style, off_link, false);
    gui.frame(view, style, off_link, true);
    CHECK(gui.frame(view, style, on_link, false).has_value());  // a small wobble is a tap

    const ImVec2 text_below(gui.origin.x + 5, gui.origin.y + view.height() - 5);
    gui.frame(view, style, text_below, false);
    gui.frame(view, style, text_below, true);
    gui.frame(view, style, text_below, true);
    CHECK_FALSE(gui.frame(view, style, text_below, false));
}

TEST_CASE("without a bold or italic font, strong and emphasis are marked, not coloured alone") {
    MarkdownGui gui;
    auto view = view_of("plain **strong** and *soft*");
    MarkdownStyle style = gui.style();
    gui.frame(view, style);
    int marked = 0;
    for (const auto& run : view.runs()) {
        if (run.text == "strong" || run.text == "soft") {
            CHECK((run.style & kSpanMarked) != 0);
            ++marked;
        } else {
            CHECK((run.style & kSpanMarked) == 0);
        }
    }
    CHECK(marked == 2);

    style.bold = gui.bold;  // with a real bold font the strong run uses it, unmarked
    gui.frame(view, style);
    for (const auto& run : view.runs()) {
        if (run.text == "strong") {
            CHECK(run.font == gui.bold);
            CHECK((run.style & kSpanMarked) == 0);
        }
        if (run.text == "soft") CHECK((run.style & kSpanMarked) != 0);
    }
}

TEST_CASE("lists indent by depth, numbers are drawn before the text, tables split the width") {
    MarkdownGui gui;
    auto view = view_of("- one\n  - two\n\n7. seven\n\n| a | b |\n|---|---|\n| c | d |\n");
    gui.frame(view, gui.style());
    auto run_text_x = [&](const std::string& text) {
        for (const auto& run : view.runs()) {
            if (run.text == text) return run.position.x;
        }
        FAIL("no run " << text);
        return 0.0f;
    };
    CHECK(run_text_x("two") > run_text_x("one"));
    CHECK(run_text_x("7.") < run_text_x("seven"));
    CHECK(run_text_x("b") > view.wrap_width() / 2 - 1);
    CHECK(run_text_x("d") == doctest::Approx(run_text_x("b")));
    CHECK(run_text_x("a") < view.wrap_width() / 2);
}

TEST_CASE("headings are larger than body text") {
    MarkdownGui gui;
    auto view = view_of("# Title\n\nbody\n\n## Sub\n");
    gui.frame(view, gui.style());
    REQUIRE(view.runs().size() == 3);
    CHECK(view.runs()[0].font_size > view.runs()[2].font_size);
    CHECK(view.runs()[2].font_size > view.runs()[1].font_size);
    CHECK(view.runs()[1].font_size == doctest::Approx(13.0f));
}

TEST_CASE("a right-to-left paragraph is shaped, reordered per line and placed from the right") {
    MarkdownGui gui;
    // سلام عليكم: two Arabic words, logical order.
    auto view =
        view_of("\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xD8\xB9\xD9\x84\xD9\x8A\xD9\x83\xD9\x85");
    gui.frame(view, gui.style());
    REQUIRE(view.runs().size() == 1);  // one style, one direction: one run
    const MarkdownRun& run = view.runs()[0];
    CHECK(run.position.x + run.size.x == doctest::Approx(view.wrap_width()));  // aligned right
    // Shaped: presentation forms (U+FExx: UTF-8 lead byte 0xEF), not the logical letters; the
    // first logical word (seen-lam-alef-meem, ending in meem U+FEE1) is drawn last, on the right.
    CHECK(static_cast<unsigned char>(run.text[0]) == 0xEF);
    CHECK(run.text.find("\xD8\xB3") == std::string::npos);
    CHECK(run.text.substr(run.text.size() - 3) == "\xEF\xBA\xB3");  // U+FEB3, seen initial
}

TEST_CASE("a long Arabic paragraph wraps into lines that each end, on the right, with their first word") {
    MarkdownGui gui;
    std::string text;
    for (int i = 0; i < 40; ++i) text += "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 ";  // سلام
    text += "[\xD8\xB1\xD8\xA7\xD8\xA8\xD8\xB7](https://oas.org) 2024.";       // a link, a year
    auto view = view_of(text.c_str());
    gui.frame(view, gui.style(), ImVec2(-1, -1), false, 300.0f);
    std::map<float, std::vector<const MarkdownRun*>> lines;
    for (const auto& run : view.runs()) lines[run.position.y].push_back(&run);
    REQUIRE(lines.size() > 2);
    for (const auto& [y, runs] : lines) {
        // Every line is flush right and within the width.
        float right = 0.0f;
        for (const MarkdownRun* run : runs) {
            CHECK(run->position.x >= -0.01f);
            right = std::max(right, run->position.x + run->size.x);
        }
        CHECK(right == doctest::Approx(view.wrap_width()));
    }
    // The link is its own run; the year after it is on its left (read right to left) and the
    // full stop at the very left of the last line.
    const MarkdownRun* link = nullptr;
    for (const auto& run : view.runs())
        if (run.link >= 0) link = &run;
    REQUIRE(link != nullptr);
    const auto& last = lines.rbegin()->second;
    CHECK(last.front()->text.front() == '.');
    CHECK(last.front()->position.x < link->position.x);
}

TEST_CASE("right-to-left list items put their marks on the right — a Latin paragraph stays left") {
    MarkdownGui gui;
    auto view = view_of(
        "- \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85\n\n"
        "1. \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85\n\n"
        "Hola amigos.\n");
    gui.frame(view, gui.style());
    // The numbered item's number is drawn right of its text, as ".1".
    const MarkdownRun* number = nullptr;
    const MarkdownRun* item = nullptr;
    const MarkdownRun* latin = nullptr;
    for (const auto& run : view.runs()) {
        if (run.text == ".1") number = &run;
        else if (run.block == 1 && !item) item = &run;
        if (run.text.rfind("Hola", 0) == 0) latin = &run;
    }
    REQUIRE(number != nullptr);
    REQUIRE(item != nullptr);
    REQUIRE(latin != nullptr);
    CHECK(number->position.x > item->position.x + item->size.x);
    CHECK(latin->position.x == doctest::Approx(0.0f));
}

TEST_CASE("a bold font that is the regular font counts as no bold font") {
    MarkdownGui gui;
    auto view = view_of("plain **strong**");
    MarkdownStyle style = gui.style();
    style.bold = gui.regular;  // what AtlasFonts gives when the plan has no bold face
    gui.frame(view, style);
    bool found = false;
    for (const auto& run : view.runs()) {
        if (run.text != "strong") continue;
        found = true;
        CHECK((run.style & kSpanMarked) != 0);
    }
    CHECK(found);
}

TEST_CASE("an explicit width caps the lines below the window's width") {
    MarkdownGui gui;
    auto view = view_of(long_paragraph().c_str());
    MarkdownStyle style = gui.style();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(1200, 900));
    ImGui::Begin("article");
    (void)view.draw(style, 200.0f);
    ImGui::End();
    ImGui::Render();
    CHECK(view.wrap_width() == doctest::Approx(200.0f));
    for (const auto& run : view.runs()) CHECK(run.position.x + run.size.x <= 200.01f);
}

TEST_CASE("with a heading font, headings use baked sizes only") {
    MarkdownGui gui;
    auto view = view_of("# Title\n\n## Sub\n\n### Small\n\nbody\n");
    MarkdownStyle style = gui.style();
    style.heading = gui.bold;
    style.bold = gui.bold;
    gui.frame(view, style);
    REQUIRE(view.runs().size() == 4);
    for (int i = 0; i < 3; ++i) {
        CHECK(view.runs()[i].font == gui.bold);
        CHECK(view.runs()[i].font_size == doctest::Approx(gui.bold->FontSize));
    }
    CHECK(view.runs()[3].font == gui.regular);
}

TEST_CASE("Markdown nested past the depth limit is drawn in full, flattened, inside the width") {
    MarkdownGui gui;
    std::string quotes(80, '>');
    std::string lists;
    for (int depth = 0; depth < 40; ++depth)
        lists += std::string(2 * static_cast<std::size_t>(depth), ' ') + "- level" +
                 std::to_string(depth) + "\n";
    auto view = view_of((quotes + " deep quoted words here\n\n" + lists).c_str());
    gui.frame(view, gui.style());
    std::map<std::string, int> seen;
    std::string drawn;
    for (const auto& run : view.runs()) {
        CHECK(run.position.x >= 0.0f);
        CHECK(run.position.x + run.size.x <= view.wrap_width() + 0.01f);
        ++seen[run.text];
        drawn += run.text + " ";
    }
    CAPTURE(drawn);
    CHECK(drawn.find("deep quoted words here") != std::string::npos);
    for (int depth = 0; depth < 40; ++depth) CHECK(seen["level" + std::to_string(depth)] == 1);
}

TEST_CASE(
    "a picture's size: the column's width at most, never past twice its pixels, height capped") {
    MarkdownStyle style;
    // Narrow column: shrunk to it, proportions kept.
    ImVec2 size = picture_size(1000, 500, 400.0f, style);
    CHECK(size.x == doctest::Approx(400));
    CHECK(size.y == doctest::Approx(200));
    // Small picture, wide column: enlarged twice, no more.
    size = picture_size(100, 50, 1200.0f, style);
    CHECK(size.x == doctest::Approx(200));
    CHECK(size.y == doctest::Approx(100));
    style.max_picture_scale = 1.0f;
    CHECK(picture_size(100, 50, 1200.0f, style).x == doctest::Approx(100));
    // Tall picture on a short screen: the height decides.
    style.max_picture_scale = 2.0f;
    style.max_picture_height = 300.0f;
    size = picture_size(400, 1200, 800.0f, style);
    CHECK(size.y == doctest::Approx(300));
    CHECK(size.x == doctest::Approx(100));
    // Nothing to draw.
    CHECK(picture_size(0, 10, 800.0f, style).x == 0);
    CHECK(picture_size(10, 10, 0.0f, style).x == 0);
}

TEST_CASE(
    "a picture is drawn in the column with its caption beneath, and one that cannot be shown is its "
    "alt text in a frame") {
    MarkdownGui gui;
    auto view = view_of(
        "Texto antes.\n\n![Mapa de la ruta](ruta.png)\n\n![Foto rota](rota.png)\n\nDespues.");
    const int picture_block = 1, broken_block = 2;
    REQUIRE(view.document().blocks[picture_block].kind == MarkdownBlockKind::image);
    view.set_picture(picture_block, MarkdownPicture{reinterpret_cast<ImTextureID>(7), 1600, 800});
    gui.frame(view, gui.style());
    REQUIRE(view.pictures().size() == 2);
    const MarkdownPictureBox& drawn = view.pictures()[0];
    CHECK_FALSE(drawn.framed);
    CHECK(drawn.texture == reinterpret_cast<ImTextureID>(7));
    CHECK(drawn.min.x == doctest::Approx(0));                  // the start edge
    CHECK(drawn.max.x == doctest::Approx(view.wrap_width()));  // as wide as the column, no wider
    CHECK((drawn.max.y - drawn.min.y) == doctest::Approx(view.wrap_width() / 2));
    // The caption's runs are under the picture, at the start edge.
    float caption_top = 1e9f, caption_left = 1e9f;
    std::string caption;
    for (const MarkdownRun& run : view.runs())
        if (run.block == picture_block) {
            caption_top = std::min(caption_top, run.position.y);
            caption_left = std::min(caption_left, run.position.x);
            caption += run.text;
        }
    CHECK(caption == "Mapa de la ruta");
    CHECK(caption_top >= drawn.max.y);
    CHECK(caption_left == doctest::Approx(0));
    // Never given a picture: a frame the column's width holding the alt text.
    const MarkdownPictureBox& frame = view.pictures()[1];
    CHECK(frame.framed);
    CHECK(frame.block == broken_block);
    CHECK(frame.min.y >= drawn.max.y);
    for (const MarkdownRun& run : view.runs())
        if (run.block == broken_block) {
            CHECK(run.position.x > frame.min.x);
            CHECK(run.position.x + run.size.x < frame.max.x);
            CHECK(run.position.y > frame.min.y);
            CHECK(run.position.y + run.size.y < frame.max.y);
        }
    // A texture without pixels is a frame too, and the page is laid out again.
    view.set_picture(picture_block, MarkdownPicture{reinterpret_cast<ImTextureID>(7), 0, 0});
    gui.frame(view, gui.style());
    REQUIRE(view.pictures().size() == 2);
    CHECK(view.pictures()[0].framed);
}

TEST_CASE(
    "a small picture is enlarged at most twice, and an Arabic caption sits at the right edge") {
    MarkdownGui gui;
    // خريطة الطريق: "map of the road".
    auto view = view_of(
        "![\xD8\xAE\xD8\xB1\xD9\x8A\xD8\xB7\xD8\xA9 "
        "\xD8\xA7\xD9\x84\xD8\xB7\xD8\xB1\xD9\x8A\xD9\x82](map.png)");
    view.set_picture(0, MarkdownPicture{reinterpret_cast<ImTextureID>(3), 60, 40});
    gui.frame(view, gui.style());
    REQUIRE(view.pictures().size() == 1);
    const MarkdownPictureBox& drawn = view.pictures()[0];
    CHECK((drawn.max.x - drawn.min.x) == doctest::Approx(120));
    CHECK((drawn.max.y - drawn.min.y) == doctest::Approx(80));
    CHECK(drawn.max.x ==
          doctest::Approx(view.wrap_width()));  // right to left: the start is the right
    float caption_right = 0;
    for (const MarkdownRun& run : view.runs())
        caption_right = std::max(caption_right, run.position.x + run.size.x);
    CHECK(caption_right == doctest::Approx(view.wrap_width()));
}
