// SPDX-License-Identifier: GPL-3.0-or-later
// Read aloud's pure half: Markdown as a listener hears it, phone digits, the voice table
// (es-MX → es-419, staff's off switch, no voice → nothing), the listen bar's state resets.
#include <doctest/doctest.h>

#include "kiosk/actions.h"
#include "kiosk/config.h"
#include "kiosk/speech.h"

using namespace guichet::kiosk;

namespace {

std::vector<std::string> texts(const std::vector<SpokenLine>& lines) {
    std::vector<std::string> out;
    for (const SpokenLine& line : lines) out.push_back(line.text);
    return out;
}

bool any_of_chars(const std::vector<SpokenLine>& lines, std::string_view chars) {
    for (const SpokenLine& line : lines)
        if (line.text.find_first_of(chars) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("Markdown is read as words: no symbols, link targets, images' addresses or pipes") {
    const auto lines = markdown_to_speech(
        "# Sus derechos\n\nUsted tiene **derecho** a la _salud_. Vea [la ley](https://ley.example/1) "
        "y ![un mapa](mapa.png).\n\n- Primero: `pedir` cita\n- Segundo <https://x.example>\n\n"
        "| País | Teléfono |\n|---|---|\n| México | 800 123 4567 |\n\n---\n\n> Una cita.\n",
        "es");
    CHECK_FALSE(any_of_chars(lines, "*_#|`<>[]"));
    for (const SpokenLine& line : lines) {
        CHECK(line.text.find("http") == std::string::npos);
        CHECK(line.text.find("png") == std::string::npos);
        CHECK(line.language == "es");
    }
    const auto said = texts(lines);
    REQUIRE(said.size() >= 6);
    CHECK(said[0] == "Sus derechos");
    CHECK(lines[0].pause_after);  // a heading: a pause after it
    CHECK(said[1] == "Usted tiene derecho a la salud.");
    CHECK(said[2] == "Vea la ley y Imagen: un mapa.");
    CHECK(said[3] == "Primero: pedir cita");
    CHECK(said[4] == "Segundo");
    CHECK(said[5] == "País, Teléfono.");
    CHECK(said[6] == "México, 8 0 0, 1 2 3, 4 5 6 7.");
    CHECK(said.back() == "Una cita.");
}

TEST_CASE(
    "a picture is heard as 'Image: ' and its alt text, in the text's language — its address "
    "never") {
    const auto lines = markdown_to_speech(
        "Antes.\n\n![Mapa de la ruta de Tapachula a Tijuana](ruta.png)\n\nDespués.\n\n"
        "![](sin-texto.png)\n\n![Fin!](fin.jpg)\n",
        "es");
    CHECK(texts(lines) ==
          std::vector<std::string>{"Antes.", "Imagen: Mapa de la ruta de Tapachula a Tijuana.",
                                   "Después.", "Imagen: Fin!"});
    const auto arabic =
        markdown_to_speech("![\xD8\xAE\xD8\xB1\xD9\x8A\xD8\xB7\xD8\xA9](map.png)\n", "ar");
    REQUIRE(arabic.size() == 1);
    CHECK(arabic[0].language == "ar");
    CHECK(arabic[0].text.find("\xD8\xAE\xD8\xB1\xD9\x8A\xD8\xB7\xD8\xA9") != std::string::npos);
    CHECK(arabic[0].text.find("map.png") == std::string::npos);
    CHECK(arabic[0].text.rfind("Image", 0) != 0);  // said in Arabic, not in English
    // A "![" that is no picture is left as words.
    CHECK(texts(markdown_to_speech("Hola ![no cierra\n", "es")) ==
          std::vector<std::string>{"Hola no cierra"});
}

TEST_CASE("sentences split at their end, not at 'art. 5' or inside a number") {
    const auto said = texts(text_to_speech("Lea el art. 5 de la ley. ¿Tiene dudas? Llame hoy! Fin", "es"));
    REQUIRE(said.size() == 4);
    CHECK(said[0] == "Lea el art. 5 de la ley.");
    CHECK(said[1] == "¿Tiene dudas?");
    CHECK(said[3] == "Fin");
    // Arabic's question mark ends a sentence too.
    CHECK(text_to_speech("هل لديك سؤال؟ اتصل بنا.", "ar").size() == 2);
}

TEST_CASE("phone numbers digit by digit — years, dates, amounts and short numbers stay numbers") {
    CHECK(spell_phone_numbers("Llame al +52 55 1234-5678.") == "Llame al 5 2, 5 5, 1 2 3 4, 5 6 7 8.");
    CHECK(spell_phone_numbers("Tel (01) 800 1234") == "Tel 0 1, 8 0 0, 1 2 3 4");
    CHECK(spell_phone_numbers("5551234567") == "5 5 5 1 2 3 4 5 6 7");
    CHECK(spell_phone_numbers("desde 2024, en 90 días") == "desde 2024, en 90 días");
    CHECK(spell_phone_numbers("el 2024-01-15 o 15/01/2024") == "el 2024-01-15 o 15/01/2024");
    CHECK(spell_phone_numbers("USD 1.000.000") == "USD 1.000.000");
    CHECK(spell_phone_numbers("Ley 12345678bis") == "Ley 12345678bis");
}

TEST_CASE("a detail is read title, summary, each field's label then value, then the body") {
    DetailView view;
    view.title = "Oficina de migración";
    view.summary = "Atiende a personas migrantes.";
    view.fields = {{"field.phone", "+57 1 234 5678"}, {"field.website", "https://ofi.example/"}};
    view.body_markdown = "## Horario\n\nLunes a viernes.";
    view.shown_language = "es";
    const auto lines = speech_for_detail(view, "es", [](std::string_view key) {
        return key == "field.phone" ? std::string("Teléfono") : std::string("Sitio");
    });
    const auto said = texts(lines);
    REQUIRE(said.size() == 8);
    CHECK(said[0] == "Oficina de migración");
    CHECK(said[2] == "Teléfono");
    CHECK(said[3] == "5 7, 1, 2 3 4, 5 6 7 8");
    CHECK(said[5] == "ofi.example");
    CHECK(said[6] == "Horario");
    CHECK(lines[6].pause_after);
}

TEST_CASE("a statistics chart is read as its table: a year a sentence, every year") {
    DetailView view;
    view.title = "Remesas recibidas";
    view.fields = {{"field.unit", "millones de dólares estadounidenses"}};
    view.chart = {{"México", {{2019, 36400}, {2020, 40600}, {2021, 51600}}},
                  {"Guatemala", {{2019, 10500}, {2021, 15300}}}};
    view.body_markdown = "Fin.";
    const auto said = texts(speech_for_detail(view, "es", [](std::string_view key) {
        return key == "chart.spoken_table" ? std::string("Las cifras, año por año.")
                                           : std::string("Unidad");
    }));
    REQUIRE(said.size() == 8);
    CHECK(said[3] == "Las cifras, año por año.");
    CHECK(said[4] == "2019: México 36.400, Guatemala 10.500.");
    CHECK(said[5] == "2020: México 40.600.");  // Guatemala has no 2020: not said as zero
    CHECK(said[6] == "2021: México 51.600, Guatemala 15.300.");
    CHECK(said[7] == "Fin.");
    // In English the numbers are grouped the English way.
    const auto en = texts(speech_for_detail(view, "en", [](std::string_view) { return std::string("x"); }));
    CHECK(en[4] == "2019: México 36,400, Guatemala 10,500.");
}

TEST_CASE("voices: every Latin-American Spanish to es-419, pt to pt-br, the off switch, none") {
    const VoiceSettings none;
    const auto all = [](std::string_view) { return true; };
    CHECK(voice_for("es", none, all) == "es-419");
    CHECK(voice_for("es-MX", none, all) == "es-419");
    CHECK(voice_for("es_CO", none, all) == "es-419");
    CHECK(voice_for("es-ES", none, all) == "es");
    CHECK(voice_for("pt", none, all) == "pt-br");
    CHECK(voice_for("pt-PT", none, all) == "pt");
    CHECK(voice_for("fr", none, all) == "fr");
    CHECK(voice_for("en", none, all) == "en-us");
    CHECK(voice_for("ht", none, all) == "ht");
    CHECK(voice_for("ar", none, all) == "ar");
    CHECK(voice_for("quc", none, all) == "quc");
    // No voice in the table: nothing, never another language's voice.
    CHECK_FALSE(voice_for("ay", none, all));
    CHECK_FALSE(voice_for("", none, all));
    // The voice is in the table but not installed.
    CHECK_FALSE(voice_for("ht", none, [](std::string_view v) { return v != "ht"; }));

    VoiceSettings staff;
    REQUIRE_FALSE(parse_voice_settings("ht=off, es-MX=es, qu = qu", staff));
    CHECK_FALSE(voice_for("ht", staff, all));
    CHECK(voice_for("es-MX", staff, all) == "es");
    CHECK(voice_for("es-CO", staff, all) == "es-419");
    CHECK(parse_voice_settings("ht", staff).has_value());
}

TEST_CASE("speech_voices and the other speech settings are checked keys of kiosk.conf") {
    KioskConfig config;
    CHECK(set_config_value(config, "speech_voices", "ht=off,fr=fr"));
    CHECK(config.speech_voices.off.count("ht"));
    const auto bad = set_config_value(config, "speech_voices", "ht");
    REQUIRE_FALSE(bad);
    CHECK(bad.message().starts_with("speech_voices: 'ht' is not LANGUAGE=VOICE"));
    CHECK_FALSE(set_config_value(config, "speech_rate", "1000"));
    CHECK(set_config_value(config, "speech_volume", "40"));
    CHECK(config.speech_volume == 40);
}

TEST_CASE("Back, Home, a language and the idle reset stop the reading — the reset resets volume") {
    KioskState state;
    state.language = "es";
    state.route = {Screen::detail, "a1"};
    state.history = {{Screen::home, ""}};
    apply(state, action::Listen{});
    CHECK(state.speech.reading == 1);
    apply(state, action::ListenVolume{+1});
    apply(state, action::ListenVolume{+5});
    CHECK(state.speech.volume_step == kVolumeMaxStep);
    CHECK((kVolumeMaxStep - kVolumeMinStep) * kVolumeStepDb >= 18);
    apply(state, action::ListenPause{});
    CHECK(state.speech.paused);
    apply(state, action::Back{});
    CHECK(state.speech.reading == 0);
    CHECK_FALSE(state.speech.paused);

    apply(state, action::Listen{});
    CHECK(state.speech.reading == 2);  // a new number: the old reading's progress is ignored
    apply(state, action::SpeechProgress{1, 7, false});
    CHECK(state.speech.line == 0);
    apply(state, action::SpeechProgress{2, 3, false});
    CHECK(state.speech.line == 3);
    apply(state, action::Home{});
    CHECK(state.speech.reading == 0);

    apply(state, action::Listen{});
    apply(state, action::ChooseLanguage{"fr"});
    CHECK(state.speech.reading == 0);

    apply(state, action::Listen{});
    apply(state, action::SpeechProgress{state.speech.reading, 4, true});
    CHECK(state.speech.reading == 0);

    apply(state, action::Listen{});
    apply(state, action::ListenVolume{-3});
    apply(state, action::ResetVisit{});
    CHECK(state.speech == SpeechState{});
}

TEST_CASE("staff's reading speed and volume steps stay within what kiosk.conf accepts") {
    KioskState state;
    state.route = {Screen::staff, ""};
    state.staff.page = StaffPage::settings;
    state.staff.settings = SettingsDraft{};
    for (int i = 0; i < 30; ++i) apply_staff(state, staff_action::SpeechRateStep{+20});
    CHECK(state.staff.settings->speech_rate == 400);
    for (int i = 0; i < 30; ++i) apply_staff(state, staff_action::SpeechVolumeStep{-10});
    CHECK(state.staff.settings->speech_volume == 10);
    KioskConfig config;
    CHECK(set_config_value(config, "speech_rate", std::to_string(state.staff.settings->speech_rate)));
    CHECK(set_config_value(config, "speech_volume", std::to_string(state.staff.settings->speech_volume)));
}

TEST_CASE("entering staff mode silences a reading") {
    KioskState state;
    state.language = "es";
    state.route = {Screen::welcome, ""};
    apply(state, action::Listen{});
    apply(state, action::Staff{staff_action::Enter{}});
    CHECK(state.speech.reading == 0);
}

TEST_CASE("each sentence knows the bytes it was read from — the screen highlights them") {
    const std::string text = "  Uno dos.\nLlame al 5551234567 hoy.  ¿Tiene dudas? Fin";
    const auto said = text_to_speech(text, "es");
    REQUIRE(said.size() == 4);
    const auto source = [&](const SpokenLine& line) {
        return text.substr(line.source_begin, line.source_end - line.source_begin);
    };
    CHECK(source(said[0]) == "Uno dos.");
    CHECK(source(said[1]) == "Llame al 5551234567 hoy.");
    CHECK(said[1].text ==
          "Llame al 5 5 5 1 2 3 4 5 6 7 hoy.");  // spelt, yet its bytes are the screen's
    CHECK(source(said[2]) == "¿Tiene dudas?");
    CHECK(source(said[3]) == "Fin");
    // Arabic: byte ranges, whatever the script.
    const std::string arabic = "هل لديك سؤال؟ اتصل بنا.";
    const auto ar = text_to_speech(arabic, "ar");
    REQUIRE(ar.size() == 2);
    CHECK(arabic.substr(ar[1].source_begin, ar[1].source_end - ar[1].source_begin) == "اتصل بنا.");
}

TEST_CASE("read from here starts a reading at a body block — Back forgets it") {
    KioskState state;
    state.language = "es";
    state.route = {Screen::detail, "a1"};
    state.history = {{Screen::home, ""}};
    apply(state, action::Listen{0, 5});
    CHECK(state.speech.reading == 1);
    CHECK(state.speech.from_block == 5);
    CHECK(state.speech.line == 0);
    apply(state, action::Listen{});  // the top bar's Listen: from the top of the screen
    CHECK(state.speech.from_block == -1);
    apply(state, action::Listen{0, 2});
    apply(state, action::Back{});
    CHECK(state.speech.reading == 0);
    CHECK(state.speech.from_block == -1);
}

TEST_CASE("start-with-speech on headphones is a kiosk.conf switch, off unless asked") {
    KioskConfig config;
    CHECK_FALSE(config.speech_on_headphones);
    CHECK(set_config_value(config, "speech_on_headphones", "yes"));
    CHECK(config.speech_on_headphones);
    CHECK(set_config_value(config, "speech_on_headphones", "no"));
    CHECK_FALSE(config.speech_on_headphones);
    CHECK(set_config_value(config, "speech_on_headphones", "sometimes")
              .message()
              .find("speech_on_headphones") != std::string::npos);
}

TEST_CASE("an address's abbreviations and a name's initials end no sentence") {
    const auto said = texts(text_to_speech(
        "Versalles 49, Col. Juárez, Av. Reforma 12. Pregunte por el Dr. J. Pérez. Fin.", "es"));
    REQUIRE(said.size() == 3);
    CHECK(said[0] == "Versalles 49, Col. Juárez, Av. Reforma 12.");
    CHECK(said[1] == "Pregunte por el Dr. J. Pérez.");
    // A word ending a sentence is still its end ("no." is not taken for "número").
    CHECK(texts(text_to_speech("Dijo que no. Luego volvió.", "es")).size() == 2);
}

TEST_CASE("the map's other layer silences a reading of this one") {
    KioskState state;
    state.language = "es";
    state.route = {Screen::map, ""};
    apply(state, action::Listen{});
    apply(state, action::MapLayer{false});  // the layer shown already: nothing changes
    CHECK(state.speech.reading == 1);
    apply(state, action::MapLayer{true});
    CHECK(state.speech.reading == 0);
}
