// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "kiosk/keyboard.h"

using namespace guichet::kiosk;

TEST_CASE("each UI language's keyboard has its own accented letters and digits") {
    CHECK(layout_has_key(keyboard_for("es"), "ñ"));
    CHECK(layout_has_key(keyboard_for("es"), "á"));
    CHECK(layout_has_key(keyboard_for("fr"), "ç"));
    CHECK(layout_has_key(keyboard_for("fr"), "è"));
    CHECK(layout_has_key(keyboard_for("pt"), "ã"));
    CHECK(layout_has_key(keyboard_for("pt"), "õ"));
    CHECK(layout_has_key(keyboard_for("ht"), "ò"));
    CHECK(layout_has_key(keyboard_for("ht"), "è"));
    for (const char* language : {"es", "en", "fr", "pt", "ht", "ar"}) {
        for (const char* digit : {"0", "5", "9"})
            CHECK(layout_has_key(keyboard_for(language), digit));
        CHECK(layout_has_key(keyboard_for(language), " "));
    }
    CHECK_FALSE(layout_has_key(keyboard_for("en"), "ñ"));
}

TEST_CASE("French and Kreyòl keyboards are AZERTY") {
    CHECK(keyboard_for("fr").rows[1][0] == "a");
    CHECK(keyboard_for("ht").rows[1][1] == "z");
    CHECK(keyboard_for("es").rows[1][0] == "q");
}

TEST_CASE("the Arabic keyboard is the Arabic PC layout, with every letter and the hamza forms") {
    const KeyboardLayout& ar = keyboard_for("ar");
    CHECK(ar.language == "ar");
    CHECK(keyboard_for("ar-EG").language == "ar");
    // ض where Q is, ش where A is: the keys stand left to right as on the keyboard.
    CHECK(ar.rows[1].front() == "ض");
    CHECK(ar.rows[2].front() == "ش");
    // The 28 letters, teh marbuta, alef maqsura, hamza and its seats: every word can be typed.
    for (const std::string& letter : split_code_points("ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "ةىءأإآؤئ"))
        CHECK_MESSAGE(layout_has_key(ar, letter), letter);
    CHECK_FALSE(layout_has_key(ar, "q"));
}

TEST_CASE("unknown languages get a layout, regional ones their base layout") {
    CHECK(keyboard_for("es-419").language == "es");
    CHECK(keyboard_for("qu").language == "en");
}

TEST_CASE("code points split whole") {
    CHECK(split_code_points("kreyòl") == std::vector<std::string>{"k", "r", "e", "y", "ò", "l"});
    CHECK(split_code_points("").empty());
    CHECK(split_code_points("€1") == std::vector<std::string>{"€", "1"});
}
