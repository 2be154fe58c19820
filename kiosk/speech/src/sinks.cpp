// SPDX-License-Identifier: GPL-3.0-or-later
// The two places sound goes: SDL audio (opened at the first line, so a kiosk nobody listens to
// holds no audio device) and WAV files for headless runs, heard on the kiosk's own clock.
#include <SDL.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "speech/speaker.h"

namespace guichet::kiosk::speech {
namespace {

class SdlSink final : public Sink {
  public:
    ~SdlSink() override {
        if (device_) SDL_CloseAudioDevice(device_);
        if (subsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    Result<void> queue(const std::vector<std::int16_t>& samples, int rate, const Utterance&,
                       std::int64_t, int, std::int64_t) override {
        if (!device_) {
            if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
                return make_error(std::string("no sound (SDL audio): ") + SDL_GetError());
            subsystem_ = true;
            SDL_AudioSpec want{}, have{};
            want.freq = rate;
            want.format = AUDIO_S16SYS;
            want.channels = 1;
            want.samples = 1024;
            // No allowed changes: SDL converts to whatever the card wants, so the queue is in
            // our format and its byte count is our sample count.
            device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
            if (!device_)
                return make_error(std::string("no sound device (SDL_OpenAudioDevice): ") +
                                  SDL_GetError());
            SDL_PauseAudioDevice(device_, paused_ ? 1 : 0);
        }
        if (SDL_QueueAudio(device_, samples.data(),
                           static_cast<Uint32>(samples.size() * sizeof(std::int16_t))) != 0)
            return make_error(std::string("sound queue refused the line: ") + SDL_GetError());
        total_ += static_cast<std::int64_t>(samples.size());
        return {};
    }
    void pause(bool paused, std::int64_t) override {
        paused_ = paused;
        if (device_) SDL_PauseAudioDevice(device_, paused ? 1 : 0);
    }
    void clear(std::int64_t) override {
        // Closed, not paused: an open SDL device keeps its thread feeding silence to the card,
        // and a silent kiosk should use no CPU. Reopening costs a few ms at the next Listen.
        if (device_) {
            SDL_ClearQueuedAudio(device_);
            SDL_CloseAudioDevice(device_);
            device_ = 0;
        }
        total_ = 0;
        paused_ = false;
    }
    std::int64_t played(std::int64_t) const override {
        if (!device_) return 0;
        return total_ - static_cast<std::int64_t>(SDL_GetQueuedAudioSize(device_) / sizeof(std::int16_t));
    }
    std::string name() const override {
        const char* driver = SDL_GetCurrentAudioDriver();
        return std::string("sdl:") + (driver ? driver : "none");
    }

  private:
    SDL_AudioDeviceID device_ = 0;
    bool subsystem_ = false;
    bool paused_ = false;
    std::int64_t total_ = 0;
};

void put16(std::ofstream& out, std::uint16_t v) {
    const char b[2] = {static_cast<char>(v & 0xFF), static_cast<char>(v >> 8)};
    out.write(b, 2);
}
void put32(std::ofstream& out, std::uint32_t v) {
    put16(out, static_cast<std::uint16_t>(v & 0xFFFF));
    put16(out, static_cast<std::uint16_t>(v >> 16));
}

class WavSink final : public Sink {
  public:
    explicit WavSink(std::filesystem::path folder) : folder_(std::move(folder)) {}
    Result<void> queue(const std::vector<std::int16_t>& samples, int rate, const Utterance&,
                       std::int64_t reading, int index, std::int64_t now_ms) override {
        rate_ = rate;
        std::error_code ec;
        std::filesystem::create_directories(folder_, ec);
        char name[64];
        std::snprintf(name, sizeof name, "%04d-r%lld-l%d.wav", ++count_,
                      static_cast<long long>(reading), index);
        const auto file = folder_ / name;
        std::ofstream out(file, std::ios::binary);
        const auto bytes = static_cast<std::uint32_t>(samples.size() * 2);
        out.write("RIFF", 4);
        put32(out, 36 + bytes);
        out.write("WAVEfmt ", 8);
        put32(out, 16);
        put16(out, 1);  // PCM
        put16(out, 1);  // mono
        put32(out, static_cast<std::uint32_t>(rate));
        put32(out, static_cast<std::uint32_t>(rate * 2));
        put16(out, 2);
        put16(out, 16);
        out.write("data", 4);
        put32(out, bytes);
        for (std::int16_t s : samples) put16(out, static_cast<std::uint16_t>(s));
        if (!out) return make_error("cannot write " + file.string() + " (speech_wav folder)");
        last_ = file.string();
        // Queued after silence: the clock of this line starts now, not when the last ended.
        if (!paused_ && heard(now_ms) >= total_) {
            frozen_ = total_;
            resumed_ms_ = now_ms;
        }
        total_ += static_cast<std::int64_t>(samples.size());
        return {};
    }
    void pause(bool paused, std::int64_t now_ms) override {
        if (paused == paused_) return;
        if (paused) frozen_ = heard(now_ms);
        resumed_ms_ = now_ms;
        paused_ = paused;
    }
    void clear(std::int64_t now_ms) override {
        total_ = frozen_ = 0;
        resumed_ms_ = now_ms;
        paused_ = false;
    }
    std::int64_t played(std::int64_t now_ms) const override { return heard(now_ms); }
    std::string name() const override { return "wav"; }
    std::string last_file() const override { return last_; }

  private:
    std::int64_t heard(std::int64_t now_ms) const {
        if (paused_) return std::min(frozen_, total_);
        return std::min(total_, frozen_ + (now_ms - resumed_ms_) * rate_ / 1000);
    }
    std::filesystem::path folder_;
    int count_ = 0;
    int rate_ = 22050;
    std::int64_t total_ = 0, frozen_ = 0, resumed_ms_ = 0;
    bool paused_ = false;
    std::string last_;
};

}  // namespace

std::unique_ptr<Sink> make_sdl_sink() { return std::make_unique<SdlSink>(); }
std::unique_ptr<Sink> make_wav_sink(std::filesystem::path folder) {
    return std::make_unique<WavSink>(std::move(folder));
}

}  // namespace guichet::kiosk::speech
