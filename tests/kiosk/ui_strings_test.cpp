// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <set>

#include "kiosk/ui_strings.h"

using namespace guichet::kiosk;

TEST_CASE("the UI comes in the six promised languages, from the PO files") {
    CHECK(ui_languages() == std::vector<std::string>{"es", "en", "fr", "pt", "ht", "ar"});
    CHECK(ui_string_keys().size() > 150);
}

TEST_CASE("every UI string is written in every UI language, with the same placeholders") {
    for (std::string_view key : ui_string_keys()) {
        const std::string_view source = ui_string_source(key);
        const bool has_placeholder = source.find("{}") != std::string_view::npos;
        for (const std::string& language : ui_languages()) {
            const std::string_view text = ui_string_cell(key, language);
            CHECK_MESSAGE(!text.empty(), key, " has no ", language);
            CHECK_MESSAGE((text.find("{}") != std::string_view::npos) == has_placeholder, key,
                          " in ", language);
        }
    }
}

TEST_CASE("keys are unique") {
    std::set<std::string_view> seen;
    for (std::string_view key : ui_string_keys()) CHECK_MESSAGE(seen.insert(key).second, key);
}

TEST_CASE("lookups in each language, and fallback for others") {
    CHECK(tr("back", "ht") == "Retounen");
    CHECK(tr("back", "fr") == "Retour");
    CHECK(tr("back", "pt") == "Voltar");
    CHECK(tr("back", "ar") == "رجوع");
    CHECK(tr("touch_to_start", "ar") == "المس الشاشة للبدء");
    CHECK(tr("back", "en") == "Back");
    // A regional variant uses its base language.
    CHECK(tr("back", "es-419") == "Atrás");
    // A language the table lacks follows the content's chain first, then English.
    CHECK(tr("back", "gcr", {"fr"}) == "Retour");
    CHECK(tr("back", "qu") == "Back");
    // An unknown key shows itself rather than nothing.
    CHECK(tr("no.such.key", "es") == "no.such.key");
}

TEST_CASE("format1 fills the one placeholder") {
    CHECK(format1(tr("idle_countdown", "en"), "12") ==
          "Going back to the start in 12 s. Touch the screen to continue.");
    CHECK(format1("no placeholder", "x") == "no placeholder");
}
