// SPDX-License-Identifier: GPL-3.0-or-later
// The speaker for real: eSpeak NG synthesises on the speaker's own thread into a test sink
// that keeps the samples; stop() forgets everything queued at once; a voice that is not
// installed is an error a person can act on.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "speech/speaker.h"

using namespace guichet::kiosk;
using namespace guichet::kiosk::speech;

namespace {

struct Heard {
    std::vector<std::vector<std::int16_t>> lines;
    std::int64_t played = 0;  // what the test says has been heard
    int clears = 0;
};

class TestSink final : public Sink {
  public:
    explicit TestSink(Heard& heard) : heard_(heard) {}
    guichet::Result<void> queue(const std::vector<std::int16_t>& samples, int, const Utterance&,
                                std::int64_t, int, std::int64_t) override {
        heard_.lines.push_back(samples);
        return {};
    }
    void pause(bool, std::int64_t) override {}
    void clear(std::int64_t) override {
        ++heard_.clears;
        heard_.played = 0;
    }
    std::int64_t played(std::int64_t) const override { return heard_.played; }
    std::string name() const override { return "test"; }

  private:
    Heard& heard_;
};

double rms(const std::vector<std::int16_t>& samples) {
    double sum = 0;
    for (std::int16_t s : samples) sum += (s / 32768.0) * (s / 32768.0);
    return samples.empty() ? 0 : std::sqrt(sum / samples.size());
}

}  // namespace

TEST_CASE("the voices the kiosk's table names are installed (Debian's espeak-ng-data)") {
    for (const char* voice : {"es-419", "pt-br", "fr", "en-us", "ht", "ar"}) {
        INFO(voice);
        CHECK(voice_installed(voice));
    }
    CHECK_FALSE(voice_installed("xx-none"));
}

TEST_CASE("a line is synthesised off the caller's thread, not silent, longer for more text") {
    Heard heard;
    Speaker speaker({160, 100}, std::make_unique<TestSink>(heard));
    speaker.say(1, {{"Hola.", "es-419", false},
                    {"Usted tiene derecho a la salud, a la educación y al trabajo digno.", "es-419", false}},
                0, 0);
    speaker.wait_for_synthesis(10000);
    const SpeakerStatus status = speaker.poll(0);
    CHECK(status.reading == 1);
    REQUIRE(heard.lines.size() == 2);
    CHECK(rms(heard.lines[0]) > 0.01);
    CHECK(heard.lines[1].size() > heard.lines[0].size() * 2);
    CHECK(speaker.first_sound_ms() == 0);
    CHECK(speaker.audio_seconds() > 1.0);
    // Everything heard: the reading is over.
    heard.played = static_cast<std::int64_t>(heard.lines[0].size() + heard.lines[1].size());
    const SpeakerStatus done = speaker.poll(10);
    CHECK(done.finished);
    CHECK_FALSE(speaker.busy());
}

TEST_CASE("stop() clears the queue at once and an old reading's lines never reach the sink") {
    Heard heard;
    Speaker speaker({160, 100}, std::make_unique<TestSink>(heard));
    std::vector<Utterance> many;
    for (int i = 0; i < 40; ++i)
        many.push_back({"Esta es una frase bastante larga para leer en voz alta, número " +
                            std::to_string(i) + ".", "es-419", false});
    speaker.say(1, many, 0, 0);
    speaker.stop(1);
    CHECK(speaker.queued() == 0);
    CHECK_FALSE(speaker.busy());
    speaker.wait_for_synthesis(10000);
    const SpeakerStatus after = speaker.poll(2);
    CHECK(after.reading == 0);
    CHECK(heard.lines.empty());
    CHECK(heard.clears >= 1);
}

TEST_CASE("only a few lines are synthesised ahead of the one heard") {
    Heard heard;
    Speaker speaker({160, 100}, std::make_unique<TestSink>(heard));
    std::vector<Utterance> many(20, Utterance{"Una frase corta.", "es-419", false});
    speaker.say(1, many, 0, 0);
    for (int i = 0; i < 3; ++i) {
        speaker.wait_for_synthesis(10000);
        speaker.poll(i);
    }
    CHECK(heard.lines.size() <= 4);
    CHECK(heard.lines.size() >= 3);
}

TEST_CASE("a voice that is not installed is an error naming the setting to fix") {
    int rate = 0;
    const auto samples = synthesise_now("hola", "xx-none", 160, &rate);
    REQUIRE_FALSE(samples);
    CHECK(samples.message().find("speech_voices") != std::string::npos);
    const auto ok = synthesise_now("bonjour", "fr", 160, &rate);
    REQUIRE(ok);
    CHECK(rate == 22050);
}
