// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <map>

#include "fonts/font_plan.h"
#include "installed_fonts.h"

using namespace guichet::fonts;

using fonts_fixture::installed;

namespace {

const PlannedFont* font_for(const FontPlan& plan, char32_t c) {
    for (const auto& font : plan.fonts) {
        for (const auto& r : font.ranges) {
            if (c >= r.first && c <= r.last) return &font;
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("a plan puts NotoSans first and one Sans font per further script") {
    CodePointSet needed;
    // French, Haitian Creole, Russian, Arabic, Hindi, Hebrew.
    REQUIRE(needed.add_utf8("Démarches Kreyòl ayisyen Русский العربية हिन्दी עברית").ok());
    const FontPlan plan = plan_fonts(installed(), needed);

    REQUIRE(plan.fonts.size() == 4);
    CHECK(plan.fonts[0].family == "NotoSans");
    CHECK(plan.fonts[0].bold.has_value());
    CHECK(plan.fonts[0].italic.has_value());
    CHECK(font_for(plan, 0x0420)->family == "NotoSans");        // Cyrillic Р
    CHECK(font_for(plan, 0x0627)->family == "NotoSansArabicUI");  // not Naskh or Kufi
    CHECK(font_for(plan, 0x0939)->family == "NotoSansDevanagariUI");
    CHECK(font_for(plan, 0x05E2)->family == "NotoSansHebrew");  // not Rashi or Serif
    CHECK(plan.uncovered.empty());

    // Every needed code point is planned exactly once, and the basics are always there.
    std::map<char32_t, int> times;
    std::size_t total = 0;
    for (const auto& font : plan.fonts) {
        std::size_t in_font = 0;
        for (const auto& r : font.ranges) {
            for (char32_t c = r.first; c <= r.last; ++c) ++times[c], ++in_font;
        }
        CHECK(in_font == font.code_point_count);
        total += in_font;
    }
    CHECK(total == plan.planned_code_points);
    for (char32_t c : needed.to_vector()) CHECK(times[c] == 1);
    for (char32_t c : {U'~', U'?', char32_t{0xFFFD}, char32_t{0x2026}}) CHECK(times[c] == 1);
    for (const auto& [c, n] : times) CHECK(n == 1);
}

TEST_CASE("a Latin-only text needs only NotoSans") {
    CodePointSet needed;
    REQUIRE(needed.add_utf8("Información para trabajadores migrantes: ¿Dónde está?").ok());
    const FontPlan plan = plan_fonts(installed(), needed);
    REQUIRE(plan.fonts.size() == 1);
    CHECK(plan.fonts[0].regular.path.filename() == "NotoSans-Regular.ttf");
    CHECK(plan.fonts[0].bold->path.filename() == "NotoSans-Bold.ttf");
}

TEST_CASE("control characters need no glyph — what cannot be drawn is reported with why") {
    CodePointSet needed;
    REQUIRE(needed.add_utf8("a\tb\nc\x7F \xC2\x85 \xF0\x9F\x98\x80 \xEE\x80\x80 \xCD\xB8").ok());
    PlanOptions options;
    options.always_include_basics = false;
    const FontPlan plan = plan_fonts(installed(), needed, options);
    REQUIRE(plan.uncovered.size() == 3);
    CHECK(plan.uncovered[0].code_point == 0x0378);  // unassigned
    CHECK(plan.uncovered[0].reason == UncoveredCodePoint::Reason::no_installed_font);
    CHECK(plan.uncovered[1].code_point == 0xE000);  // private use
    CHECK(plan.uncovered[2].code_point == 0x1F600);
    CHECK(plan.uncovered[2].reason == UncoveredCodePoint::Reason::beyond_16_bit);
    CHECK(plan.planned_code_points == 4);  // a b c space
}

TEST_CASE("astral code points are reported even when an installed font covers them") {
    // NotoSansGothic covers U+10330..: ImGui 1.86 still cannot draw them.
    auto uncovered = uncovered_code_points("\xF0\x90\x8C\xB0", installed());
    REQUIRE(uncovered.ok());
    REQUIRE(uncovered->size() == 1);
    CHECK((*uncovered)[0].reason == UncoveredCodePoint::Reason::beyond_16_bit);
    CHECK(describe((*uncovered)[0]) ==
          "U+10330 \xF0\x90\x8C\xB0 (Gothic): above U+FFFF, ImGui 1.86 cannot draw it "
          "(shown as U+FFFD)");
}

TEST_CASE("uncovered_code_points: the glyph check for guichet-content") {
    auto none = uncovered_code_points("Olá, Mwen renmen w. Привет", installed());
    REQUIRE(none.ok());
    CHECK(none->empty());

    auto some = uncovered_code_points("ok \xEE\x80\x81 \xEE\x80\x81", installed());
    REQUIRE(some.ok());
    REQUIRE(some->size() == 1);
    CHECK(describe((*some)[0]) ==
          "U+E001 \xEE\x80\x81: no installed font covers it (shown as U+FFFD)");

    auto bad = uncovered_code_points("ok \xC3", installed());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.message() == "byte 3: truncated UTF-8 sequence");
}

TEST_CASE("summarize lists the fonts in merge order") {
    CodePointSet needed;
    REQUIRE(needed.add_utf8("abc العربية").ok());
    const std::string text = summarize(plan_fonts(installed(), needed));
    const auto sans = text.find("NotoSans-Regular.ttf: ");
    const auto arabic = text.find("NotoSansArabicUI-Regular.ttf: ");
    REQUIRE(sans != std::string::npos);
    REQUIRE(arabic != std::string::npos);
    CHECK(sans < arabic);
    CHECK(text.find("0 that cannot be drawn") != std::string::npos);
}

TEST_CASE("find_undrawable: characters without a glyph and scripts the kiosk cannot shape, by line") {
    const std::vector<NamedText> texts = {
        {"articles/a.hi.md", "# नमस्ते\nplain line\nमराठी 😀\n"},
        {"articles/b.ar.md", "مرحبا بكم\nOK\n"},
    };
    const auto problems = find_undrawable(texts, installed());
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].to_string().rfind("articles/a.hi.md:1: Devanagari text: the kiosk cannot shape",
                                        0) == 0);
    CHECK(problems[1].to_string().rfind("articles/a.hi.md:3: Devanagari text", 0) == 0);
    CHECK(problems[2].to_string().rfind("articles/a.hi.md:3: U+1F600", 0) == 0);
    // Arabic is shaped: nothing to report for it.
    for (const auto& problem : problems) CHECK(problem.name != "articles/b.ar.md");
}
