// SPDX-License-Identifier: GPL-3.0-or-later
// What the kiosk says and with which voice, as plain text and plain choices: Markdown and view
// models turned into sentences a voice can read, and the one table mapping a language to an
// eSpeak NG voice. Pure functions, no sound: the speech room (kiosk/speech) makes the sound.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/view_models.h"

namespace guichet::kiosk {

// One thing to say: a sentence (or a heading, a field, a tile) in one language.
struct SpokenLine {
    std::string text;
    std::string language;  // whose voice reads it
    bool pause_after = false;  // a heading or a field label: a breath before what follows
    int block = -1;            // the body's Markdown block it reads (-1: not the body)
    // The bytes of the text it was made from (text_to_speech's input: a block's plain text),
    // so the screen can highlight the sentence heard.
    std::size_t source_begin = 0, source_end = 0;
    bool operator==(const SpokenLine&) const = default;
};

// Markdown as a listener hears it: no symbols, link targets, images' addresses or table pipes;
// a heading its own line with a pause; phone numbers digit by digit; split into sentences.
std::vector<SpokenLine> markdown_to_speech(std::string_view markdown, const std::string& language);

// Plain text (no Markdown) split into sentences, with phone numbers spelt out; each line knows
// the bytes of `text` it reads (source_begin, source_end).
std::vector<SpokenLine> text_to_speech(std::string_view text, const std::string& language);

// "+52 55 1234-5678" as "5 2, 5 5, 1 2 3 4, 5 6 7 8": runs of 7 or more digits (with spaces,
// dots, dashes or brackets between groups) are read one digit at a time, so a visitor can dial
// them; shorter numbers (years, days, article numbers) are left for the voice to read as numbers.
std::string spell_phone_numbers(std::string_view text);

// The detail screen read from the top: title, summary, each field (label, then value), body.
// `label` translates a field's label key in the visitor's language.
std::vector<SpokenLine> speech_for_detail(const DetailView& view, const std::string& language,
                                          const std::function<std::string(std::string_view)>& label);

// The voice table. Defaults: es and every Latin-American es-XX → es-419 (eSpeak NG itself
// maps es-co to Spain's voice), es-ES → es, pt → pt-br, pt-PT → pt, fr → fr, en → en-us,
// ht, ar, qu, gn, quc. Staff may override a language's voice or switch it off.
struct VoiceSettings {
    std::map<std::string, std::string> overrides;  // language → voice name
    std::set<std::string> off;                     // languages never spoken
    bool operator==(const VoiceSettings&) const = default;
};

// The default voice for a language tag (case-insensitive, "_" as "-"); nullopt when the table
// has none.
std::optional<std::string> default_voice(std::string_view language);

// The voice that reads `language` on this kiosk: staff's override, else the table's; nullopt
// when it is switched off, the table has none, or `installed` says the voice is missing. A
// language without a voice gets no Listen button: never another language's voice.
std::optional<std::string> voice_for(std::string_view language, const VoiceSettings& settings,
                                     const std::function<bool(std::string_view voice)>& installed);

// Parses `speech_voices` ("ht=off, es-MX=es, qu=qu"); the error names the bad entry.
std::optional<std::string> parse_voice_settings(std::string_view text, VoiceSettings& out);

// The visitor's volume steps on the listen bar: 3 dB each, from -15 dB to +6 dB (21 dB).
inline constexpr int kVolumeStepDb = 3;
inline constexpr int kVolumeMinStep = -5;
inline constexpr int kVolumeMaxStep = 2;

}  // namespace guichet::kiosk
