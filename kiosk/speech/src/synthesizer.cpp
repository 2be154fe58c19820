// SPDX-License-Identifier: GPL-3.0-or-later
// eSpeak NG driven in memory: AUDIO_OUTPUT_SYNCHRONOUS with a synth callback that appends to
// the caller's buffer. eSpeak's state is global, so one caller at a time (a mutex), and it is
// started only by the first synthesis, so an idle kiosk never loads phoneme or voice data.
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <set>

#include "platform/log.h"
#include "synthesizer.h"

namespace guichet::kiosk::speech {
namespace {

std::mutex espeak_mutex;
bool started = false;
int started_rate = 0;
std::string current_voice;

struct Capture {
    std::vector<std::int16_t>* out = nullptr;
    const std::atomic<std::uint64_t>* generation = nullptr;
    std::uint64_t wanted = 0;
};
thread_local Capture* capture = nullptr;

int on_samples(short* wav, int count, espeak_EVENT*) {
    if (!capture) return 1;
    // A stop() since this line began: abort rather than finish a sentence nobody will hear.
    if (capture->generation && capture->generation->load() != capture->wanted) return 1;
    if (wav && count > 0) capture->out->insert(capture->out->end(), wav, wav + count);
    return 0;
}

std::string lower(std::string_view text) {
    std::string out;
    for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::filesystem::path data_folder() {
    if (const char* env = std::getenv("ESPEAK_DATA_PATH"))
        return std::filesystem::path(env) / "espeak-ng-data";
    std::error_code ec;
    for (const char* root : {"/usr/lib", "/usr/local/lib"}) {
        for (const auto& entry : std::filesystem::directory_iterator(root, ec)) {
            const auto candidate = entry.path() / "espeak-ng-data";
            if (std::filesystem::is_directory(candidate / "lang", ec)) return candidate;
        }
        if (std::filesystem::is_directory(std::filesystem::path(root) / "espeak-ng-data" / "lang", ec))
            return std::filesystem::path(root) / "espeak-ng-data";
    }
    return "/usr/share/espeak-ng-data";
}

}  // namespace

std::vector<std::string> installed_voices() {
    static const std::vector<std::string> voices = [] {
        std::set<std::string> names;
        std::error_code ec;
        const auto lang = data_folder() / "lang";
        for (auto it = std::filesystem::recursive_directory_iterator(lang, ec);
             !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
            if (it->is_regular_file(ec)) names.insert(lower(it->path().filename().string()));
        return std::vector<std::string>(names.begin(), names.end());
    }();
    return voices;
}

bool voice_installed(std::string_view voice) {
    const auto& voices = installed_voices();
    return std::binary_search(voices.begin(), voices.end(), lower(voice));
}

Result<std::vector<std::int16_t>> synthesise(const std::string& text, const std::string& voice,
                                             int rate_wpm, int* sample_rate,
                                             const std::atomic<std::uint64_t>* generation,
                                             std::uint64_t wanted) {
    std::lock_guard lock(espeak_mutex);
    if (!started) {
        const int rate =
            espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (rate <= 0)
            return make_error("eSpeak NG could not start (is espeak-ng-data installed? " +
                              data_folder().string() + ")");
        espeak_SetSynthCallback(on_samples);
        started = true;
        started_rate = rate;
        // Once per run: an operator sees when the voice data was loaded (never what is read).
        log::info("speech", "eSpeak NG started (" + std::to_string(rate) + " Hz), first voice " + voice);
    }
    if (sample_rate) *sample_rate = started_rate;
    if (voice != current_voice) {
        if (espeak_SetVoiceByName(voice.c_str()) != EE_OK)
            return make_error("eSpeak NG has no voice '" + voice +
                              "': fix speech_voices in kiosk.conf or switch the language off");
        current_voice = voice;
    }
    espeak_SetParameter(espeakRATE, std::clamp(rate_wpm, 80, 450), 0);
    std::vector<std::int16_t> samples;
    Capture here{&samples, generation, wanted};
    capture = &here;
    const espeak_ERROR result =
        espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                     nullptr, nullptr);
    capture = nullptr;
    if (result != EE_OK) return make_error("eSpeak NG could not read a line (error " +
                                           std::to_string(static_cast<int>(result)) + ")");
    return samples;
}

Result<std::vector<std::int16_t>> synthesise_now(const std::string& text, const std::string& voice,
                                                 int rate_wpm, int* sample_rate) {
    return synthesise(text, voice, rate_wpm, sample_rate, nullptr, 0);
}

}  // namespace guichet::kiosk::speech
