// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/config.h"

#include <charconv>
#include <functional>

#include "platform/settings_file.h"

namespace guichet::kiosk {
namespace {

std::string trim_setting(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return std::string(text.substr(first, last - first + 1));
}

Result<int> parse_int(std::string_view key, std::string_view value, int min, int max) {
    int number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec != std::errc{} || end != value.data() + value.size() || number < min || number > max)
        return make_error(std::string(key) + ": want a whole number from " + std::to_string(min) +
                          " to " + std::to_string(max) + ", got '" + std::string(value) + "'");
    return number;
}

Result<bool> parse_bool(std::string_view key, std::string_view value) {
    if (value == "yes" || value == "true" || value == "1") return true;
    if (value == "no" || value == "false" || value == "0") return false;
    return make_error(std::string(key) + ": want yes or no, got '" + std::string(value) + "'");
}

bool is_language_code(std::string_view code) {
    if (code.empty() || code.size() > 35) return false;
    for (char c : code)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-'))
            return false;
    return true;
}

using Setter = std::function<Result<void>(KioskConfig&, std::string_view key, std::string_view)>;

struct KeyDef {
    ConfigKey key;
    Setter set;
};

const std::vector<KeyDef>& key_defs() {
    static const std::vector<KeyDef> defs = {
        {{"content", "content store file (default: the one sync made current)"},
         [](KioskConfig& c, std::string_view, std::string_view v) -> Result<void> {
             c.content = std::string(v);
             return {};
         }},
        {{"languages", "languages offered, comma-separated (default: all in the content)"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             std::vector<std::string> codes;
             size_t start = 0;
             while (start <= v.size()) {
                 const auto comma = v.find(',', start);
                 const std::string code = trim_setting(v.substr(start, comma - start));
                 if (!is_language_code(code))
                     return make_error(std::string(k) + ": '" + code +
                                       "' is not a language code (e.g. es, fr, ht)");
                 codes.push_back(code);
                 if (comma == std::string_view::npos) break;
                 start = comma + 1;
             }
             c.languages = std::move(codes);
             return {};
         }},
        {{"location",
          "where this kiosk stands: LAT,LON or the id of this centre's directory entry "
          "(distances, nearest first, in this city)"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             // Checked in full against the content when it opens (an id must exist there);
             // here only its shape.
             if (v.size() > 64 || v.find_first_of("\t\r\n") != std::string_view::npos)
                 return make_error(std::string(k) + ": want LAT,LON or an institution id, got '" +
                                   std::string(v) + "'");
             c.location = trim_setting(v);
             return {};
         }},
        {{"location_city", "the city \"in this city\" means (default: the location entry's city)"},
         [](KioskConfig& c, std::string_view, std::string_view v) -> Result<void> {
             c.location_city = trim_setting(v);
             return {};
         }},
        {{"clock_start",
          "headless tests only: the wall clock starts at this Unix time (default: now)"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             long long seconds = 0;
             const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
             if (ec != std::errc{} || end != v.data() + v.size() || seconds < 0)
                 return make_error(std::string(k) + ": want seconds since 1970, got '" +
                                   std::string(v) + "'");
             c.clock_start = seconds;
             return {};
         }},
        {{"default_language", "language of the welcome and picker screens' own words"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             if (!is_language_code(v))
                 return make_error(std::string(k) + ": '" + std::string(v) +
                                   "' is not a language code");
             c.default_language = std::string(v);
             return {};
         }},
        {{"idle_timeout", "seconds without input before the visit resets (default 90)"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             auto n = parse_int(k, v, 10, 3600);
             if (!n) return n.error();
             c.idle_timeout_seconds = *n;
             return {};
         }},
        {{"idle_countdown", "seconds of visible countdown before the reset (default 20)"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             auto n = parse_int(k, v, 3, 120);
             if (!n) return n.error();
             c.idle_countdown_seconds = *n;
             return {};
         }},
        {{"staff_idle_timeout", "seconds without input before staff mode closes (default 120)"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             auto n = parse_int(k, v, 30, 3600);
             if (!n) return n.error();
             c.staff_idle_timeout_seconds = *n;
             return {};
         }},
        {{"rotation", "0, 90, 180 or 270 degrees clockwise, for screens mounted sideways"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             for (int degrees : {0, 90, 180, 270})
                 if (v == std::to_string(degrees)) {
                     c.rotation = degrees;
                     return {};
                 }
             return make_error(std::string(k) + ": want 0, 90, 180 or 270, got '" + std::string(v) +
                               "'");
         }},
        {{"dpi", "the panel's pixels per inch, 40 to 600 (default 0: what the display reports)"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             auto n = parse_int(k, v, 0, 600);
             if (!n) return n.error();
             if (*n != 0 && *n < 40)
                 return make_error(std::string(k) + ": want 0 (from the display) or 40 to 600, got '" +
                                   std::string(v) + "'");
             c.dpi = *n;
             return {};
         }},
        {{"fullscreen", "yes (kiosk) or no (a window, for development)"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             auto b = parse_bool(k, v);
             if (!b) return b.error();
             c.fullscreen = *b;
             return {};
         }},
        {{"renderer", "auto, software or opengl (auto avoids software OpenGL)"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             if (v != "auto" && v != "software" && v != "opengl")
                 return make_error(std::string(k) + ": want auto, software or opengl, got '" +
                                   std::string(v) + "'");
             c.renderer = std::string(v);
             return {};
         }},
        {{"display_backend",
          "auto, sdl or drm: drm draws straight to the screen without Mesa (boards with no GPU); "
          "auto picks it where there is no desktop and no GPU"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             if (v != "auto" && v != "sdl" && v != "drm")
                 return make_error(std::string(k) + ": want auto, sdl or drm, got '" +
                                   std::string(v) + "'");
             c.display_backend = std::string(v);
             return {};
         }},
        {{"state_dir", "folder for everything the kiosk writes"},
         [](KioskConfig& c, std::string_view, std::string_view v) -> Result<void> {
             c.state_dir = std::string(v);
             return {};
         }},
        {{"sync_config", "sync.conf for the background sync (default: STATE/sync.conf if present)"},
         [](KioskConfig& c, std::string_view, std::string_view v) -> Result<void> {
             c.sync_config = std::string(v);
             return {};
         }},
        {{"speech", "yes: Listen buttons read the screen aloud (eSpeak NG); no: never"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             auto b = parse_bool(k, v);
             if (!b) return b.error();
             c.speech = *b;
             return {};
         }},
        {{"speech_voices", "voice per language over the built-in table, e.g. ht=off, es-MX=es-419"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             if (auto problem = parse_voice_settings(v, c.speech_voices))
                 return make_error(std::string(k) + ": " + *problem);
             return {};
         }},
        {{"speech_rate", "reading speed in words per minute, 80 to 400 (default 160)"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             auto n = parse_int(k, v, 80, 400);
             if (!n) return n.error();
             c.speech_rate = *n;
             return {};
         }},
        {{"speech_volume", "speech volume in percent, 10 to 100 (default 70); visitors adjust it"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             auto n = parse_int(k, v, 10, 100);
             if (!n) return n.error();
             c.speech_volume = *n;
             return {};
         }},
        {{"speech_key", "key that starts speech mode (SDL key name, e.g. F9; empty: none)"},
         [](KioskConfig& c, std::string_view, std::string_view v) -> Result<void> {
             c.speech_key = std::string(v);
             return {};
         }},
        {{"speech_on_headphones",
          "yes: speech mode starts when the board reports a sound output plugged in (USB or "
          "Bluetooth headphones; most analogue jacks report nothing); default no"},
         [](KioskConfig& c, std::string_view k, std::string_view v) -> Result<void> {
             auto b = parse_bool(k, v);
             if (!b) return b.error();
             c.speech_on_headphones = *b;
             return {};
         }},
        {{"speech_wav", "headless: write each utterance as a WAV file in this folder"},
         [](KioskConfig& c, std::string_view, std::string_view v) -> Result<void> {
             c.speech_wav = std::string(v);
             return {};
         }},
    };
    return defs;
}

}  // namespace

const std::vector<ConfigKey>& config_keys() {
    static const std::vector<ConfigKey> keys = [] {
        std::vector<ConfigKey> out;
        for (const KeyDef& def : key_defs()) out.push_back(def.key);
        return out;
    }();
    return keys;
}

Result<void> set_config_value(KioskConfig& config, std::string_view key, std::string_view value) {
    for (const KeyDef& def : key_defs())
        if (def.key.name == key) return def.set(config, key, trim_setting(value));
    return make_error(std::string(key) + ": unknown setting");
}

Result<void> load_config_file(const std::filesystem::path& file, KioskConfig& config) {
    auto lines = settings::read_settings_file(file);
    if (!lines) return lines.error();
    for (const settings::Setting& setting : *lines) {
        const std::string& key = setting.key;
        if (auto set = set_config_value(config, key, setting.value); !set)
            return make_error(settings::where(file, setting) + set.message());
        if ((key == "content" || key == "state_dir" || key == "sync_config" ||
             key == "speech_wav") &&
            !setting.value.empty()) {
            std::filesystem::path& path = key == "content"       ? config.content
                                          : key == "state_dir"   ? config.state_dir
                                          : key == "speech_wav"  ? config.speech_wav
                                                                 : config.sync_config;
            if (path.is_relative()) path = file.parent_path() / path;
        }
    }
    return {};
}

}  // namespace guichet::kiosk
