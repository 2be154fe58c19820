// SPDX-License-Identifier: GPL-3.0-or-later
// Messages that say what to do: the nearest valid value, country names to codes, links a QR code
// can carry, dialable phones, and images a kiosk can show.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <string>

#include "content/compiler.h"
#include "fixture.h"
#include "source_values.h"
#include "value_help.h"

using namespace guichet::content;
using namespace guichet::content::sources;

namespace {
bool any_message(const std::vector<Diagnostic>& list, const std::string& part) {
    for (const auto& d : list)
        if (d.to_string().find(part) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("value help: the nearest valid value, accents and case aside") {
    CHECK(edit_distance("Educación", "educacion") == 0);
    CHECK(edit_distance("informaton", "information") == 1);
    CHECK(nearest("informaton", kServices) == "information");
    CHECK(nearest("Shelter", kServices) == "shelter");
    CHECK(nearest("legal aid", kServices) == "legal-aid");
    CHECK_FALSE(nearest("laundry", kServices));
    auto help = did_you_mean("asylun", kServices);
    CHECK(help.find("; did you mean 'asylum'? Valid: asylum, documents") == 0);
    CHECK(did_you_mean("laundry", kServices).find(". Valid: asylum") == 0);
}

TEST_CASE("value help: countries by name in the staff languages") {
    CHECK(country_code("México") == "MX");
    CHECK(country_code("mexico") == "MX");
    CHECK(country_code("Brasil") == "BR");
    CHECK(country_code("Brésil") == "BR");
    CHECK(country_code("États-Unis") == "US");
    CHECK(country_code("Estados Unidos") == "US");
    CHECK(country_code("Haïti") == "HT");
    CHECK(country_code("gt") == "GT");
    CHECK_FALSE(country_code("Atlantis"));
    CHECK_FALSE(country_code("QQ"));
}

TEST_CASE("value help: links, phones") {
    CHECK(is_link("https://www.iom.int"));
    CHECK(is_link("mailto:info@iom.int"));
    CHECK(is_link("tel:+525552098800"));
    CHECK_FALSE(is_link("www.iom.int"));
    CHECK_FALSE(is_link("tel:"));
    CHECK(is_phone("+52 55 5209 8800"));
    CHECK(is_phone("1-888-373-7888"));
    CHECK(is_phone("(55) 5209.8800"));
    CHECK_FALSE(is_phone("55 5209 8800 ext. 4"));
    CHECK_FALSE(is_phone("52+55"));
    CHECK_FALSE(is_phone("12"));
}

TEST_CASE("value help: the loader says what to write") {
    fixture::SourceDir names;
    std::string text = fixture::valid_set().at("institutions.csv");
    auto replace = [](std::string s, const std::string& a, const std::string& b) {
        auto at = s.find(a);
        REQUIRE(at != std::string::npos);
        return s.replace(at, a.size(), b);
    };
    names.write("institutions.csv", replace(replace(text, ",MX,", ",México,"), "shelter;food",
                                            "shelter;fod"));
    auto report = check_sources(names.src());
    CHECK(any_message(report.warnings,
                      "institutions.csv:2:11: column K 'country': country 'México' read as MX"));
    CHECK(any_message(report.problems,
                      "institutions.csv:3:7: column G 'services': unknown service 'fod'; did you "
                      "mean 'food'?"));
    fixture::SourceDir web;
    web.write("institutions.csv",
              replace(replace(text, ",MX,,,https", ",MX,+52 55 ext 4,,https"),
                      "https://www.gob.mx/", "www.gob.mx"));
    auto bad = check_sources(web.src());
    CHECK(any_message(bad.problems, "write 'https://www.gob.mx'"));
    CHECK(any_message(bad.problems, "phone '+52 55 ext 4' is not a number a visitor can dial"));
}

TEST_CASE("value help: Markdown links and images") {
    fixture::SourceDir dir;
    std::string article = fixture::valid_set().at("articles/rights.en.md");
    dir.write("articles/rights.en.md",
              article + "\nSee [IOM](www.iom.int), [mail](mailto:a@b.org).\n\n"
                        "![A map](map.png)\n\n![Logo](../images/logo.png)\n\n![Far](https://x.org/a.png)\n");
    dir.write("images/logo.png", "GIF89a not a png");
    auto report = check_sources(dir.src());
    CHECK(any_message(report.problems, "link 'www.iom.int' is not a whole address"));
    CHECK(any_message(report.problems, "write 'https://www.iom.int'"));
    CHECK_FALSE(any_message(report.problems, "link 'mailto:"));
    CHECK(any_message(report.problems, "image 'map.png' is missing (looked for articles/map.png)"));
    CHECK(any_message(report.problems, "image '../images/logo.png' is not a PNG or JPEG"));
    CHECK(any_message(report.problems, "image 'https://x.org/a.png' is on the internet"));
    fixture::SourceDir good;
    good.write("articles/rights.en.md", article + "\n![A map](../images/map.png)\n");
    // A real PNG: the checker reads its header (a signature over junk is a damaged picture).
    std::ifstream tile(std::filesystem::path(GUICHET_SOURCE_DIR) / "tests/platform/data/tile.png",
                       std::ios::binary);
    REQUIRE(tile);
    good.write("images/map.png", std::string(std::istreambuf_iterator<char>(tile), {}));
    auto clean = check_sources(good.src());
    CHECK_MESSAGE(clean.ok(), (clean.problems.empty() ? "" : clean.problems[0].to_string()));
}
