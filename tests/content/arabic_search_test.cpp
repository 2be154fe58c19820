// SPDX-License-Identifier: GPL-3.0-or-later
// Arabic search folding: the spellings a visitor types find the spellings staff wrote.
#include <doctest/doctest.h>

#include <algorithm>

#include "content/compiler.h"
#include "content/store.h"
#include "fixture.h"
#include "text_search.h"

using namespace guichet::content;
namespace fs = std::filesystem;

TEST_CASE("Arabic folding: hamza seats, madda, wasla, tashkeel, tatweel, yeh, teh marbuta, digits") {
    // أحمد / إحمد / آحمد / احمد all fold to the bare alef.
    CHECK(text::fold("أحمد") == "احمد");
    CHECK(text::fold("إحمد") == "احمد");
    CHECK(text::fold("آخر") == "اخر");
    CHECK(text::fold("ٱلعمل") == "العمل");
    // Tashkeel (fatha, shadda, damma, tanween, sukun) and the tatweel are ignored.
    CHECK(text::fold("مُهَاجِرٌ") == "مهاجر");
    CHECK(text::fold("اللّٰه") == text::fold("الله"));
    CHECK(text::fold("حقـــوق") == "حقوق");
    // Alef maqsura and Farsi yeh → yeh; teh marbuta → heh; keheh → kaf.
    CHECK(text::fold("على") == "علي");
    CHECK(text::fold("علی") == "علي");
    CHECK(text::fold("الهجرة") == "الهجره");
    CHECK(text::fold("کتاب") == "كتاب");
    // Hamza on waw and yeh lose the hamza like an accent.
    CHECK(text::fold("مؤسسة") == "موسسه");
    CHECK(text::fold("لاجئ") == "لاجي");
    // Arabic-Indic and extended Arabic-Indic digits read as the digits people also type.
    CHECK(text::fold("٢٠٢٤") == "2024");
    CHECK(text::fold("۱۹۹۰") == "1990");
    // Presentation forms (text copied from a shaped display) fold to the letters.
    CHECK(text::fold("\uFEE3\uFEAE\uFEA3\uFE92\uFE8E") == "مرحبا");
    CHECK(text::fold("\uFEFB") == "لا");
    // Latin folding is unchanged.
    CHECK(text::fold("ÉCOLE") == "ecole");
    // Words: a vowelled word with a tatweel is one word, folded; the definite article and the
    // particles written onto it come off when two letters are left.
    CHECK(text::words("حُقُوقُ المُهَاجِرِيـن") == std::vector<std::string>{"حقوق", "مهاجرين"});
    CHECK(text::words("اللجوء واللجوء باللجوء للمزيد لجوء") ==
          std::vector<std::string>{"لجوء", "لجوء", "لجوء", "مزيد", "لجوء"});
    CHECK(text::words("الي ال") == std::vector<std::string>{"الي", "ال"});
}

TEST_CASE("an Arabic store is found with or without hamza, tashkeel and teh marbuta") {
    auto files = fixture::valid_set();
    files["languages.csv"] =
        "code,native_name,base,fallback\n"
        "es,Español,yes,\n"
        "en,English,,es\n"
        "fr,Français,,en\n"
        "pt,Português,,es\n"
        "ht,Kreyòl ayisyen,,fr en\n"
        "ar,العربية,,fr en\n";
    files["articles/rights.ar.md"] =
        "---\n"
        "title: حقوق العمال المهاجرين\n"
        "---\n"
        "تحمي الاتفاقيةُ الدوليةُ لعام ١٩٩٠ كلَّ عاملٍ مهاجرٍ وأفرادَ أسرته، أيًّا كان وضعه.\n";
    fixture::SourceDir dir(files);
    const fs::path path = dir.root() / "content.db";
    CheckReport report;
    REQUIRE(build_store(dir.src(), path, report).ok());
    auto store = ContentStore::open(path);
    REQUIRE(store.ok());
    auto find = [&](std::string_view query) {
        auto hits = store->search(query, "ar", 20);
        REQUIRE_MESSAGE(hits.ok(), (hits.ok() ? "" : hits.message()));
        std::vector<std::string> ids;
        for (const auto& hit : *hits) ids.push_back(hit.id);
        return std::find(ids.begin(), ids.end(), "rights") != ids.end();
    };
    CHECK(find("الاتفاقية"));        // written with a damma and teh marbuta
    CHECK(find("الاتفاقيه"));        // typed with heh
    CHECK(find("اسرته"));            // written أسرته
    CHECK(find("أيا"));              // written أيًّا
    CHECK(find("1990"));             // written ١٩٩٠
    CHECK(find("مهاجـر"));           // typed with a tatweel
    CHECK(find("المهاج"));           // a prefix as the visitor types
    CHECK(find("مهاجرين"));          // written المهاجرين: the article is not part of the word
    CHECK(find("والحقوق") == find("حقوق"));
    CHECK_FALSE(find("لاجئين"));     // a word that is not there
}
