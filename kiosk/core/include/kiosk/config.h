// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's settings: one small `key = value` file plus command-line overrides
// (`--idle-timeout 60` sets `idle_timeout`). Every key is defined once, in config.cpp's table;
// a bad value is an error naming the key (and the file and line when it came from a file).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/speech.h"
#include "platform/result.h"

namespace guichet::kiosk {

struct KioskConfig {
    // The content store to show. Empty: the store sync made current under state_dir.
    std::filesystem::path content;
    std::vector<std::string> languages;  // offered on the picker; empty: every content language
    std::string default_language;        // the kiosk's own words before a visitor picks one
    int idle_timeout_seconds = 90;
    int idle_countdown_seconds = 20;
    int staff_idle_timeout_seconds = 120;  // staff mode closes itself after this long untouched
    int rotation = 0;  // degrees clockwise: 0, 90, 180, 270
    // Pixels per inch of the panel, for panels that report nonsense (0 mm, a TV's size).
    // 0: from the display (SDL, the X output's physical size); 96 headless and on a board's
    // KMS display, which gives none (the DRM display logs the panel's figure).
    int dpi = 0;
    bool fullscreen = true;
    std::string renderer = "auto";    // auto, software, opengl
    // auto, sdl, drm (platform/display/backend_choice.h)
    std::string display_backend = "auto";
    std::filesystem::path state_dir;  // empty: platform's default
    // sync.conf for the in-kiosk background sync. Empty: STATE/sync.conf when it exists,
    // otherwise no background sync.
    std::filesystem::path sync_config;
    // Read aloud (kiosk/speech): off switches every Listen button; voices per language (the
    // table is kiosk/speech.h's; staff override or switch off one language); staff's speed
    // (eSpeak words per minute) and volume (percent of full scale, the visitor's steps apply
    // on top); the key that starts speech mode (an SDL key name, e.g. F9 or a headset button's
    // key; empty: none); and, headless only, a folder where each utterance is written as WAV.
    bool speech = true;
    VoiceSettings speech_voices;
    int speech_rate = 160;
    int speech_volume = 70;
    std::string speech_key = "F9";
    // Start-with-speech for a headset: a sound output the board reports plugged in after start
    // (SDL_AUDIODEVICEADDED) starts speech mode. Off by default: it keeps SDL's audio
    // subsystem (and its device watch) running from start.
    bool speech_on_headphones = false;
    std::filesystem::path speech_wav;
    // Where the kiosk stands: "LAT,LON" or the id of the service centre's own directory entry;
    // empty: no distances. location_city: the city "in this city" filters on (default: the
    // entry's city).
    std::string location;
    std::string location_city;
    // Headless tests: the wall clock's start (Unix seconds), so opening hours read the same
    // every run; 0: the real clock.
    std::int64_t clock_start = 0;
};

struct ConfigKey {
    std::string_view name;
    std::string_view help;
};
const std::vector<ConfigKey>& config_keys();

// Sets one key from its text form; the error message starts with the key.
Result<void> set_config_value(KioskConfig& config, std::string_view key, std::string_view value);

// Reads `key = value` lines (`#` comments, blank lines) over `config`; errors are
// `FILE:LINE: key: message`. Relative paths in the file are relative to the file's folder.
Result<void> load_config_file(const std::filesystem::path& file, KioskConfig& config);

}  // namespace guichet::kiosk
