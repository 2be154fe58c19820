// SPDX-License-Identifier: GPL-3.0-or-later
#include <cctype>

#include "kiosk/speech.h"

namespace guichet::kiosk {
namespace {

std::string normalise(std::string_view tag) {
    std::string out;
    for (char c : tag) out += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string trim_blanks(std::string_view text) {
    std::size_t a = 0, b = text.size();
    while (a < b && (text[a] == ' ' || text[a] == '\t')) ++a;
    while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t')) --b;
    return std::string(text.substr(a, b - a));
}

}  // namespace

std::optional<std::string> default_voice(std::string_view language) {
    const std::string tag = normalise(language);
    const std::string base = tag.substr(0, tag.find('-'));
    const std::string region = tag.size() > base.size() ? tag.substr(base.size() + 1) : "";
    // Spain keeps Spain's voice; every other Spanish (Latin America, es-419, plain es, since
    // this kiosk's visitors are mostly Latin-American) gets es-419.
    if (base == "es") return region == "es" ? "es" : "es-419";
    if (base == "pt") return region == "pt" ? "pt" : "pt-br";
    if (base == "en") return region == "gb" ? "en-gb" : "en-us";
    if (base == "fr") return "fr";
    for (const char* same : {"ht", "ar", "qu", "gn", "quc"})
        if (base == same) return base;
    return std::nullopt;
}

std::optional<std::string> voice_for(std::string_view language, const VoiceSettings& settings,
                                     const std::function<bool(std::string_view voice)>& installed) {
    const std::string tag = normalise(language);
    const std::string base = tag.substr(0, tag.find('-'));
    // The most specific setting wins: es-MX's own, then es's.
    std::optional<std::string> voice;
    for (const std::string& key : {tag, base}) {
        if (settings.off.count(key)) return std::nullopt;
        if (auto it = settings.overrides.find(key); it != settings.overrides.end()) {
            voice = it->second;
            break;
        }
    }
    if (!voice) voice = default_voice(tag);
    if (!voice || (installed && !installed(*voice))) return std::nullopt;
    return voice;
}

std::optional<std::string> parse_voice_settings(std::string_view text, VoiceSettings& out) {
    VoiceSettings parsed;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const std::string entry = trim_blanks(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (!entry.empty()) {
            const auto eq = entry.find('=');
            const std::string language = eq == std::string::npos ? "" : normalise(trim_blanks(entry.substr(0, eq)));
            const std::string voice = eq == std::string::npos ? "" : trim_blanks(entry.substr(eq + 1));
            if (language.empty() || voice.empty())
                return "'" + entry + "' is not LANGUAGE=VOICE or LANGUAGE=off (e.g. ht=off, es-MX=es-419)";
            if (voice == "off")
                parsed.off.insert(language);
            else
                parsed.overrides[language] = voice;
        }
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    out = std::move(parsed);
    return std::nullopt;
}

}  // namespace guichet::kiosk
