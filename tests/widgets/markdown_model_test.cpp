// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "widgets/markdown_view.h"

using namespace guichet::widgets;

namespace {

MarkdownDocument parse(const char* markdown) {
    auto document = parse_markdown(markdown);
    REQUIRE_MESSAGE(document.ok(), document.message());
    return std::move(*document);
}

}  // namespace

TEST_CASE("headings and paragraphs with emphasis, strong text and links") {
    const auto doc = parse(
        "# Tus derechos\n\n"
        "Texto con *énfasis*, **fuerte** y [un enlace](item:rights-workers).\n\n"
        "### Más\n"
        "Ver [la OEA](https://www.oas.org/es).\n");
    REQUIRE(doc.blocks.size() == 4);
    CHECK(doc.blocks[0].kind == MarkdownBlockKind::heading);
    CHECK(doc.blocks[0].heading_level == 1);
    CHECK(plain_text(doc.blocks[0].spans) == "Tus derechos");

    const auto& p = doc.blocks[1];
    CHECK(p.kind == MarkdownBlockKind::paragraph);
    REQUIRE(p.spans.size() == 7);
    CHECK(p.spans[0].text == "Texto con ");
    CHECK(p.spans[0].style == kSpanPlain);
    CHECK(p.spans[1].text == "énfasis");
    CHECK(p.spans[1].style == kSpanEmphasis);
    CHECK(p.spans[3].text == "fuerte");
    CHECK(p.spans[3].style == kSpanStrong);
    CHECK(p.spans[5].text == "un enlace");
    CHECK(p.spans[5].link == 0);
    CHECK(p.spans[6].text == ".");
    CHECK(p.spans[6].link == -1);

    CHECK(doc.blocks[2].heading_level == 3);
    REQUIRE(doc.links.size() == 2);
    CHECK(doc.links[0].target == "item:rights-workers");
    CHECK(doc.links[0].internal);
    CHECK(doc.links[0].item_id == "rights-workers");
    CHECK(doc.links[1].target == "https://www.oas.org/es");
    CHECK_FALSE(doc.links[1].internal);
    CHECK(doc.links[1].item_id.empty());
    CHECK(doc.blocks[3].spans[1].link == 1);
}

TEST_CASE("nested bullet lists and numbered lists keep depth and numbers") {
    const auto doc = parse(
        "- uno\n"
        "- dos\n"
        "  - dos a\n"
        "  - dos b\n"
        "- tres\n"
        "\n"
        "3. tercero\n"
        "4. cuarto\n");
    REQUIRE(doc.blocks.size() == 7);
    const char* texts[] = {"uno", "dos", "dos a", "dos b", "tres", "tercero", "cuarto"};
    const int depths[] = {1, 1, 2, 2, 1, 1, 1};
    for (int i = 0; i < 7; ++i) {
        CAPTURE(i);
        CHECK(doc.blocks[i].kind == MarkdownBlockKind::list_item);
        CHECK(plain_text(doc.blocks[i].spans) == texts[i]);
        CHECK(doc.blocks[i].list_depth == depths[i]);
        CHECK(doc.blocks[i].ordered == (i >= 5));
    }
    CHECK(doc.blocks[5].number == 3);
    CHECK(doc.blocks[6].number == 4);
}

TEST_CASE("a loose list item's further paragraphs stay indented under it") {
    const auto doc = parse("- first\n\n  more about first\n\n- second\n\nafter the list\n");
    REQUIRE(doc.blocks.size() == 4);
    CHECK(doc.blocks[0].kind == MarkdownBlockKind::list_item);
    CHECK(plain_text(doc.blocks[0].spans) == "first");
    CHECK(doc.blocks[1].kind == MarkdownBlockKind::paragraph);
    CHECK(doc.blocks[1].list_depth == 1);
    CHECK(plain_text(doc.blocks[1].spans) == "more about first");
    CHECK(doc.blocks[2].kind == MarkdownBlockKind::list_item);
    CHECK(doc.blocks[3].kind == MarkdownBlockKind::paragraph);
    CHECK(doc.blocks[3].list_depth == 0);
}

TEST_CASE("tables become rows of cells with the head marked") {
    const auto doc = parse(
        "| País | Oficina |\n"
        "|------|---------|\n"
        "| Perú | **Lima** |\n"
        "| Chile | [Santiago](item:cl-santiago) |\n");
    REQUIRE(doc.blocks.size() == 3);
    for (const auto& row : doc.blocks) {
        CHECK(row.kind == MarkdownBlockKind::table_row);
        REQUIRE(row.cells.size() == 2);
    }
    CHECK(doc.blocks[0].header_row);
    CHECK_FALSE(doc.blocks[1].header_row);
    CHECK(plain_text(doc.blocks[0].cells[0]) == "País");
    CHECK(plain_text(doc.blocks[1].cells[1]) == "Lima");
    CHECK(doc.blocks[1].cells[1][0].style == kSpanStrong);
    CHECK(doc.blocks[2].cells[1][0].link == 0);
    CHECK(doc.links[0].item_id == "cl-santiago");
}

TEST_CASE("entities are decoded, breaks kept, raw HTML shown as text") {
    const auto doc = parse("a&amp;b &#233; &#x41; &unknown; &#0;\nnext  \nline <b>x</b>\n");
    REQUIRE(doc.blocks.size() == 1);
    CHECK(plain_text(doc.blocks[0].spans) ==
          "a&b \xC3\xA9 A &unknown; \xEF\xBF\xBD next\nline <b>x</b>");
}

TEST_CASE("code, strikethrough, rules and block quotes") {
    const auto doc = parse(
        "Use `guichet-content` ~~never~~ now.\n\n"
        "---\n\n"
        "> quoted *text*\n"
        "> > deeper\n\n"
        "```\nline 1\nline 2\n```\n");
    REQUIRE(doc.blocks.size() == 5);
    const auto& p = doc.blocks[0].spans;
    REQUIRE(p.size() == 5);
    CHECK(p[1].text == "guichet-content");
    CHECK(p[1].style == kSpanCode);
    CHECK(p[3].text == "never");
    CHECK(p[3].style == kSpanStrikethrough);
    CHECK(doc.blocks[1].kind == MarkdownBlockKind::rule);
    CHECK(doc.blocks[2].quote_depth == 1);
    CHECK(doc.blocks[2].spans[1].style == kSpanEmphasis);
    CHECK(doc.blocks[3].quote_depth == 2);
    CHECK(doc.blocks[4].kind == MarkdownBlockKind::code_block);
    CHECK(plain_text(doc.blocks[4].spans) == "line 1\nline 2");
}

TEST_CASE("nested emphasis combines styles — an empty text gives no blocks") {
    const auto doc = parse("***both*** and **bold *inside***\n");
    const auto& s = doc.blocks[0].spans;
    REQUIRE(s.size() == 4);
    CHECK(s[0].text == "both");
    CHECK(s[0].style == (kSpanEmphasis | kSpanStrong));
    CHECK(s[2].text == "bold ");
    CHECK(s[2].style == kSpanStrong);
    CHECK(s[3].style == (kSpanEmphasis | kSpanStrong));
    CHECK(parse("").blocks.empty());
}

TEST_CASE("every Markdown file of the sample content parses into blocks with sound links") {
    namespace fs = std::filesystem;
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(GUICHET_SAMPLE_CONTENT)) {
        if (entry.path().extension() != ".md") continue;
        // A publication's full text is plain Markdown with no front matter (FORMAT.md).
        if (entry.path().parent_path().filename() == "publications") continue;
        CAPTURE(entry.path().string());
        std::ifstream in(entry.path(), std::ios::binary);
        std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        const auto end_of_front_matter = text.find("\n---\n", 4);
        REQUIRE(end_of_front_matter != std::string::npos);
        const auto doc = parse(text.substr(end_of_front_matter + 5).c_str());
        CHECK_FALSE(doc.blocks.empty());
        for (const auto& link : doc.links) {
            CHECK_FALSE(link.target.empty());
            if (link.internal) CHECK_FALSE(link.item_id.empty());
        }
        for (const auto& block : doc.blocks) {
            if (block.kind == MarkdownBlockKind::paragraph ||
                block.kind == MarkdownBlockKind::heading) {
                CHECK_FALSE(plain_text(block.spans).empty());
            }
        }
        ++files;
    }
    CHECK(files > 0);
}

TEST_CASE(
    "a picture is a block of its own: its source, its alt text as spans, text around it kept") {
    const auto doc = parse(
        "Antes del mapa ![Mapa de *la* ruta](img/ruta.png) y después.\n\n"
        "![](sin-texto.jpg)\n\n"
        "[![Enlace](foto.png)](item:otra)\n\n"
        "| a | b |\n|---|---|\n| ![celda](c.png) | x |\n");
    std::vector<std::string> kinds;
    for (const auto& block : doc.blocks)
        kinds.push_back(block.kind == MarkdownBlockKind::image ? "image:" + block.image_source
                        : block.kind == MarkdownBlockKind::paragraph
                            ? "p:" + plain_text(block.spans)
                        : block.kind == MarkdownBlockKind::table_row ? "row"
                                                                     : "other");
    CHECK(kinds == std::vector<std::string>{"p:Antes del mapa ", "image:img/ruta.png",
                                            "p:y después.", "image:sin-texto.jpg", "image:foto.png",
                                            "row", "row"});
    CHECK(plain_text(doc.blocks[1].spans) == "Mapa de la ruta");
    CHECK(doc.blocks[3].spans.empty());
    // A picture's caption is never a link, even inside one.
    for (const auto& span : doc.blocks[4].spans) CHECK(span.link == -1);
    // In a table cell only the alt text stays, inline.
    CHECK(plain_text(doc.blocks[6].cells[0]) == "celda");
}
