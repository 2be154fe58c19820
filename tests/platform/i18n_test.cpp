// SPDX-License-Identifier: GPL-3.0-or-later
// platform/i18n.h over catalogues made by the real msgfmt (gettext), and over hostile bytes.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "../support/temp_dir.h"
#include "platform/files.h"
#include "platform/i18n.h"

namespace fs = std::filesystem;
using namespace guichet;

namespace {

const char* const kFrenchPo = R"(msgid ""
msgstr ""
"Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "Save"
msgstr "Enregistrer"

msgctxt "back"
msgid "Back"
msgstr "Retour"

msgctxt "staff.delete"
msgid "Delete"
msgstr "Supprimer"

msgid "Delete"
msgstr "Effacer"

msgid "{} row imported"
msgid_plural "{} rows imported"
msgstr[0] "{} ligne importée"
msgstr[1] "{} lignes importées"

#, fuzzy
msgid "Cancel"
msgstr "Annuler peut-être"

msgid "Untranslated"
msgstr ""
)";

// Writes `po` and compiles it with msgfmt (extra options such as --endianness=big).
std::string compile(const fs::path& dir, const std::string& name, const std::string& po,
                    const std::string& options = "") {
    const fs::path po_file = dir / (name + ".po");
    const fs::path mo_file = dir / (name + ".mo");
    std::ofstream(po_file, std::ios::binary) << po;
    const std::string command = "msgfmt " + options + " -o '" + mo_file.string() + "' '" +
                                po_file.string() + "'";
    REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command);
    auto bytes = files::read_file(mo_file);
    REQUIRE(bytes.ok());
    return *bytes;
}

void put_word(std::string& bytes, std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

}  // namespace

TEST_CASE("a catalogue msgfmt made: plain msgids, contexts, plurals — fuzzy and empty left out") {
    const fs::path dir = testing::fresh_temp_dir("guichet-i18n-roundtrip");
    for (const char* endianness : {"little", "big"}) {
        CAPTURE(endianness);
        const std::string mo =
            compile(dir, std::string("fr-") + endianness, kFrenchPo,
                    std::string("--endianness=") + endianness);
        auto catalog = i18n::Catalog::parse(mo, "fr.mo");
        if (!catalog.ok()) FAIL(catalog.message());
        CHECK(catalog->language() == "fr");
        CHECK(catalog->size() == 5);
        CHECK(catalog->find("Save") == "Enregistrer");
        CHECK(catalog->find("back", "Back") == "Retour");
        // The same msgid in two contexts, and without one, are three messages.
        CHECK(catalog->find("staff.delete", "Delete") == "Supprimer");
        CHECK(catalog->find("Delete") == "Effacer");
        CHECK(catalog->find("{} row imported") == "{} ligne importée");
        CHECK_FALSE(catalog->find("Cancel").has_value());
        CHECK_FALSE(catalog->find("Untranslated").has_value());
        CHECK_FALSE(catalog->find("Back").has_value());  // only under its context
    }
}

TEST_CASE("a translator falls back along the chain, then the base subtag, then the source") {
    const fs::path dir = testing::fresh_temp_dir("guichet-i18n-chain");
    i18n::Translator translator;
    translator.add("fr", *i18n::Catalog::parse(compile(dir, "fr", kFrenchPo), "fr.mo"));
    translator.add("es", *i18n::Catalog::parse(compile(dir, "es", R"(msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgctxt "back"
msgid "Back"
msgstr "Atrás"
)"),
                                               "es.mo"));
    CHECK(translator.languages() == std::vector<std::string>{"es", "fr"});
    CHECK(translator.translate("back", "Back", "fr") == "Retour");
    CHECK(translator.translate("back", "Back", "es-419") == "Atrás");
    const std::vector<std::string> creole_chain = {"fr", "en"};
    CHECK(translator.translate("back", "Back", "gcr", creole_chain) == "Retour");
    CHECK(translator.translate("Save", "es", creole_chain) == "Enregistrer");
    CHECK(translator.translate("Save", "qu") == "Save");
    CHECK(translator.translate("nowhere", "Nowhere", "fr") == "Nowhere");
    CHECK(translator.has("back", "Back", "es"));
    CHECK_FALSE(translator.has("back", "Back", "pt"));
}

TEST_CASE("a folder of .mo files loads, one translator per domain") {
    const fs::path dir = testing::fresh_temp_dir("guichet-i18n-dir");
    compile(dir, "fr", kFrenchPo);
    auto translator = i18n::Translator::load_dir(dir);
    REQUIRE(translator.ok());
    CHECK(translator->languages() == std::vector<std::string>{"fr"});
    CHECK(translator->translate("Save", "fr") == "Enregistrer");
    CHECK_FALSE(i18n::Translator::load_dir(dir / "missing").ok());
}

TEST_CASE("hostile catalogues are refused with a message, never read past their end") {
    const fs::path dir = testing::fresh_temp_dir("guichet-i18n-hostile");
    const std::string good = compile(dir, "fr", kFrenchPo);
    REQUIRE(i18n::Catalog::parse(good, "fr.mo").ok());

    // Every truncation fails cleanly (the string tables come after the header).
    for (std::size_t length = 0; length < good.size(); ++length) {
        auto cut = i18n::Catalog::parse(std::string_view(good).substr(0, length), "cut.mo");
        CHECK_FALSE_MESSAGE(cut.ok(), "length ", length);
    }
    auto wrong_magic = good;
    wrong_magic[0] = 'X';
    auto refused = i18n::Catalog::parse(wrong_magic, "x.mo");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.message() == "x.mo: not a usable .mo catalogue: wrong magic number");

    auto too_many = good;
    put_word(too_many, 8, i18n::kMaxMessages + 1);
    CHECK_FALSE(i18n::Catalog::parse(too_many, "many.mo").ok());

    auto outside = good;
    put_word(outside, 12, 0xfffffff0u);  // the originals' table far past the end
    CHECK_FALSE(i18n::Catalog::parse(outside, "outside.mo").ok());

    // A string whose length runs over its NUL.
    auto no_nul = good;
    const std::uint32_t originals = static_cast<unsigned char>(good[12]);
    put_word(no_nul, originals + 8, 2);  // the second msgid ("Delete", 6 bytes) said to be 2
    auto unterminated = i18n::Catalog::parse(no_nul, "nul.mo");
    CHECK_FALSE(unterminated.ok());

    // Not UTF-8: a Latin-1 catalogue, and UTF-8 that is broken.
    const std::string latin1 = compile(dir, "latin1", "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\nmsgid \"Save\"\nmsgstr \"Enregistr\xe9\"\n");
    auto charset = i18n::Catalog::parse(latin1, "latin1.mo");
    REQUIRE_FALSE(charset.ok());
    CHECK(charset.message().find("not UTF-8") != std::string::npos);
    auto broken = good;
    const auto at = broken.find("Enregistrer");
    REQUIRE(at != std::string::npos);
    broken[at] = '\xff';
    CHECK_FALSE(i18n::Catalog::parse(broken, "broken.mo").ok());

    CHECK_FALSE(i18n::Catalog::parse(std::string(i18n::kMaxCatalogBytes + 1, '\0'), "big.mo").ok());
    // A file that is not a regular file is refused before it is read.
    CHECK_FALSE(i18n::Catalog::load(dir).ok());
}

TEST_CASE("the language a command-line user reads, from the locale variables") {
    CHECK(i18n::language_from_locale("fr_FR.UTF-8") == "fr-FR");
    CHECK(i18n::language_from_locale("es") == "es");
    CHECK(i18n::language_from_locale("pt_BR:pt:en") == "pt-BR");
    CHECK(i18n::language_from_locale("sr_RS@latin") == "sr-RS");
    CHECK(i18n::language_from_locale("C.UTF-8") == "");
    CHECK(i18n::language_from_locale("POSIX") == "");
    CHECK(i18n::language_from_locale("") == "");
}
