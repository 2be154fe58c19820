// SPDX-License-Identifier: GPL-3.0-or-later
// Shaping and reordering per line after wrapping: known Arabic words against their presentation
// forms in drawing order, mixed Arabic/Latin/digit lines against the expected visual order, and a
// long Arabic paragraph wrapped at three widths.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fonts/code_points.h"
#include "fonts/paragraph.h"

using namespace guichet::fonts;

namespace {

// 10 px a character, 4 px a space: easy to reason about, like a real font's advances.
float fake_advance(char32_t c, std::size_t) {
    return c == U' ' ? 4.0f : 10.0f;
}

std::vector<TextLine> lay_out(std::string_view text, LayoutOptions options = {}) {
    auto lines = layout_text(text, fake_advance, options);
    REQUIRE_MESSAGE(lines.ok(), lines.message());
    return *lines;
}

std::u32string visual(const TextLine& line) {
    auto decoded = decode_utf8(line.visual());
    REQUIRE(decoded.ok());
    return std::u32string(decoded->begin(), decoded->end());
}

std::u32string single_line(std::string_view text, LayoutOptions options = {}) {
    auto lines = lay_out(text, options);
    REQUIRE(lines.size() == 1);
    return visual(lines[0]);
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (char c : text) {
        if (c == ' ') {
            if (!word.empty()) words.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(word);
    return words;
}

}  // namespace

TEST_CASE("known Arabic words come out as joined presentation forms, last letter drawn first") {
    // مرحبا: meem initial, reh final, hah initial (reh does not join left), beh medial, alef final.
    CHECK(single_line("مرحبا") == U"\uFE8E\uFE92\uFEA3\uFEAE\uFEE3");
    // السلام: alef isolated, lam initial, seen medial, lam-alef as one final ligature, meem isolated.
    CHECK(single_line("السلام") == U"\uFEE1\uFEFC\uFEB4\uFEDF\uFE8D");
    // لا alone is the isolated ligature; مصر: meem initial, sad medial, reh final.
    CHECK(single_line("لا") == U"\uFEFB");
    CHECK(single_line("مصر") == U"\uFEAE\uFEBC\uFEE3");
    // Tashkeel are left out of the drawing; the letters join as without them.
    CHECK(single_line("مَرْحَبًا") == single_line("مرحبا"));
    auto lines = lay_out("مرحبا");
    CHECK(lines[0].right_to_left);
    CHECK(lines[0].width == doctest::Approx(50));
}

TEST_CASE("a lam-alef ligature stands for both letters' bytes") {
    const std::string text = "السلام";
    auto lines = lay_out(text);
    REQUIRE(lines[0].runs.size() == 1);
    CHECK(lines[0].runs[0].source_begin == 0);
    CHECK(lines[0].runs[0].source_end == text.size());
    // One style break between the two words of "مرحبا بكم": the later logical word is the
    // left-hand run, the earlier one the right-hand run.
    LayoutOptions options;
    const std::string two = "مرحبا بكم";
    options.breaks = {two.find(' ') + 1};
    auto styled = lay_out(two, options);
    REQUIRE(styled[0].runs.size() == 2);
    CHECK(styled[0].runs[0].source_begin == two.find(' ') + 1);
    CHECK(styled[0].runs[1].source_begin == 0);
    CHECK(styled[0].runs[1].x == doctest::Approx(styled[0].runs[0].width));
}

TEST_CASE("mixed Arabic, Latin and digits in visual order — phone numbers and URLs stay left to right") {
    // "Call +509 2222 3333 today": the number keeps its groups in order in the middle of the line.
    CHECK(single_line("اتصل على +509 2222 3333 اليوم") ==
          U"\uFEE1\uFEEE\uFEF4\uFEDF\uFE8D +509 2222 3333 \uFEF0\uFEE0\uFECB \uFEDE\uFEBC\uFE97\uFE8D");
    // A URL and an address keep their characters in order; the sentence's full stop stays at the
    // sentence's end (the left, in Arabic).
    const std::u32string url = single_line("زوروا https://www.oas.org/ar للمزيد.");
    CHECK(url.front() == U'.');
    CHECK(url.find(U"https://www.oas.org/ar") != std::u32string::npos);
    CHECK(single_line("البريد info@oas.org").find(U"info@oas.org") == 0);
    // Digits in an Arabic sentence: the number reads left to right, left of the word before it.
    CHECK(single_line("عام 2024") == U"2024 \uFEE1\uFE8E\uFECB");
    // Brackets are mirrored in a right-to-left run.
    CHECK(single_line("(مرحبا)") == U"(\uFE8E\uFE92\uFEA3\uFEAE\uFEE3)");
    // A left-to-right paragraph: Latin first, the Arabic word reversed with the number after it.
    CHECK(single_line("Tel: سلام 123") == U"Tel: 123 \uFEE1\uFEFC\uFEB3");
    // Latin alone, in an Arabic screen's direction: its full stop goes to the left.
    LayoutOptions rtl;
    rtl.direction = TextDirection::right_to_left;
    CHECK(single_line("Hola.", rtl) == U".Hola");
    CHECK(single_line("Hola.") == U"Hola.");
}

TEST_CASE("a long Arabic paragraph wrapped at three widths: lines fit, words stay whole and in order") {
    // Article 1 of the Universal Declaration of Human Rights.
    const std::string paragraph =
        "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وهم قد وهبوا العقل والوجدان "
        "وعليهم أن يعامل بعضهم بعضًا بروح الإخاء.";
    const std::vector<std::string> words = split_words(paragraph);
    std::size_t previous_count = 1000;
    for (float width : {120.0f, 250.0f, 400.0f}) {
        CAPTURE(width);
        LayoutOptions options;
        options.wrap_width = width;
        auto lines = lay_out(paragraph, options);
        CHECK(lines.size() < previous_count);
        previous_count = lines.size();
        std::vector<std::string> seen;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const TextLine& line = lines[i];
            CHECK(line.right_to_left);
            CHECK(line.width <= width);
            const std::string logical =
                paragraph.substr(line.source_begin, line.source_end - line.source_begin);
            for (const std::string& word : split_words(logical)) seen.push_back(word);
            // Reordered on its own: the same as laying out the line's words alone.
            CHECK(visual(line) == single_line(logical));
            // The line's first word is drawn at its right end.
            const std::u32string first = single_line(split_words(logical).front());
            CHECK(visual(line).substr(visual(line).size() - first.size()) == first);
            // Greedy: the next line's first word would not have fitted on this one.
            if (i + 1 < lines.size()) {
                const std::string next_logical = paragraph.substr(
                    lines[i + 1].source_begin, lines[i + 1].source_end - lines[i + 1].source_begin);
                const auto next_word = split_words(next_logical).front();
                const float next_width = lay_out(next_word)[0].width;
                CHECK(line.width + 4.0f + next_width > width);
            }
        }
        CHECK(seen == words);
    }
    CHECK(previous_count > 1);
}

TEST_CASE("a word wider than the line is cut between characters — paragraphs end at newlines") {
    LayoutOptions options;
    options.wrap_width = 35;
    auto lines = lay_out("abcdefghij", options);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].visual() == "abc");
    CHECK(lines[3].visual() == "j");
    auto two = lay_out("Hola\nمرحبا");
    REQUIRE(two.size() == 2);
    CHECK_FALSE(two[0].right_to_left);
    CHECK(two[1].right_to_left);
    CHECK(two[1].source_begin == 5);
    auto bad = layout_text("ok\xD8", fake_advance);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.message() == "byte 2: truncated UTF-8 sequence");
}

TEST_CASE("scripts ICU cannot shape are named — directions are read from the first strong letter") {
    CHECK(unshaped_script("नमस्ते") == std::optional<std::string>("Devanagari"));
    CHECK(unshaped_script("ܫܠܡܐ") == std::optional<std::string>("Syriac"));
    CHECK_FALSE(unshaped_script("مرحبا Kreyòl Русский שלום").has_value());
    CHECK(first_strong_direction("123 مرحبا") == TextDirection::right_to_left);
    CHECK(first_strong_direction("123 abc") == TextDirection::left_to_right);
    CHECK(has_right_to_left("שלום"));
    CHECK(language_is_right_to_left("ar"));
    CHECK(language_is_right_to_left("ar-EG"));
    CHECK(language_is_right_to_left("fa"));
    CHECK(language_is_right_to_left("he"));
    CHECK_FALSE(language_is_right_to_left("ht"));
    CHECK_FALSE(language_is_right_to_left("es-419"));
    CHECK_FALSE(language_is_right_to_left(""));
    CHECK_FALSE(has_right_to_left("Kreyòl"));
}
