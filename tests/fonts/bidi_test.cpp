// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "fonts/bidi.h"
#include "fonts/code_points.h"

using namespace guichet::fonts;

namespace {

std::vector<char32_t> code_points(const std::string& text) {
    auto decoded = decode_utf8(text);
    REQUIRE(decoded.ok());
    return *decoded;
}

}  // namespace

TEST_CASE("left-to-right text comes back unchanged") {
    auto line = shape_for_display("Kreyòl ayisyen, Русский");
    REQUIRE(line.ok());
    CHECK(line->visual == "Kreyòl ayisyen, Русский");
    CHECK_FALSE(line->right_to_left);
    CHECK_FALSE(needs_bidi("abc"));
}

TEST_CASE("Arabic is shaped into presentation forms and put in visual order") {
    const std::string logical = "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85";  // سلام: seen lam alef meem
    CHECK(needs_bidi(logical));
    auto line = shape_for_display(logical);
    REQUIRE_MESSAGE(line.ok(), line.message());
    CHECK(line->right_to_left);
    const auto visual = code_points(line->visual);
    REQUIRE(!visual.empty());
    CHECK(visual.size() <= 4);  // lam + alef may join into one ligature
    for (char32_t c : visual) {
        CHECK(c >= 0xFE70);
        CHECK(c <= 0xFEFF);
    }
    // Drawn left to right, the first logical letter (seen, initial form U+FEB3) comes last and
    // the last one (meem, isolated after alef: U+FEE1) first.
    CHECK(visual.back() == 0xFEB3);
    CHECK(visual.front() == 0xFEE1);
}

TEST_CASE("a left-to-right paragraph keeps its Latin start and reverses the Arabic run") {
    auto line = shape_for_display("Tel: \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 123");
    REQUIRE(line.ok());
    CHECK_FALSE(line->right_to_left);
    CHECK(line->visual.rfind("Tel: ", 0) == 0);
    CHECK(line->visual.find("123") != std::string::npos);

    auto bad = shape_for_display("\xD8");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.message() == "byte 0: truncated UTF-8 sequence");
}

TEST_CASE("add_display_text gathers the shaped forms the kiosk will draw") {
    CodePointSet set;
    REQUIRE(add_display_text(set, "Hola\n\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85").ok());
    CHECK(set.contains(U'H'));
    CHECK(set.contains(0x0633));  // the logical seen
    CHECK(set.contains(0xFEB3));  // and its initial form
    CHECK(set.contains(0xFEE1));
    CodePointSet untouched;
    CHECK_FALSE(add_display_text(untouched, "ok\n\xD8").ok());
    CHECK(untouched.empty());
}
