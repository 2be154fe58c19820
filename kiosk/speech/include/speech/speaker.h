// SPDX-License-Identifier: GPL-3.0-or-later
// Read aloud: the main loop hands the Speaker lines with their voices; a worker thread it owns
// synthesises them with eSpeak NG into memory (voice data loaded at the first use), and the
// main loop's poll() queues the samples to a sink (SDL audio, or WAV files headless) and says
// which line is heard. stop() forgets everything queued at once; nothing throws across threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace guichet::kiosk::speech {

struct Utterance {
    std::string text;
    std::string voice;         // an eSpeak NG voice name (kiosk/speech.h's table)
    bool pause_after = false;  // a heading: a short silence after it
};

// Where samples go: 16-bit mono at the synthesiser's rate.
class Sink {
  public:
    virtual ~Sink() = default;
    // Queues one utterance's samples; `index` is its line in the reading (for WAV names).
    virtual Result<void> queue(const std::vector<std::int16_t>& samples, int rate,
                               const Utterance& what, std::int64_t reading, int index,
                               std::int64_t now_ms) = 0;
    virtual void pause(bool paused, std::int64_t now_ms) = 0;
    virtual void clear(std::int64_t now_ms) = 0;
    // Samples already heard since the last clear().
    virtual std::int64_t played(std::int64_t now_ms) const = 0;
    virtual std::string name() const = 0;
    // The file the last queued utterance went to ("" for a sound card).
    virtual std::string last_file() const { return {}; }
};

// The sound card through SDL audio (SDL_AUDIODRIVER picks the driver; dummy or disk in CI).
std::unique_ptr<Sink> make_sdl_sink();
// Headless: each utterance a WAV file in `folder` (NNNN-READING-LINE.wav), "heard" on the
// kiosk's clock as if played, so scripts see the same progress a sound card would give.
std::unique_ptr<Sink> make_wav_sink(std::filesystem::path folder);

struct SpeakerOptions {
    int rate_wpm = 160;
    int volume_percent = 70;  // staff's level; the visitor's steps are set_visitor_db()
};

// What the state dump shows of each line spoken: text, voice, when its sound starts.
struct UtteranceRecord {
    std::int64_t reading = 0;
    int line = 0;
    std::string text;
    std::string voice;
    std::int64_t start_ms = 0;
    std::int64_t samples = 0;
    std::int64_t heard_samples = 0;  // all of them, unless stop() cut the line off or before it
    double rms = 0;  // of the samples sent to the sink, full scale = 1
    std::string file;
    bool stopped = false;  // cut off by stop()
};

struct SpeakerStatus {
    std::int64_t reading = 0;  // 0: nothing going on
    int line = 0;              // the line heard now
    bool finished = false;     // the reading's last line has been heard
};

class Speaker {
  public:
    Speaker(SpeakerOptions options, std::unique_ptr<Sink> sink);
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    // Starts reading `lines` from `first` as reading number `reading`, replacing any other.
    void say(std::int64_t reading, std::vector<Utterance> lines, int first, std::int64_t now_ms);
    // Silences and forgets everything: what is playing, queued and being synthesised.
    void stop(std::int64_t now_ms);
    void pause(bool paused, std::int64_t now_ms);
    void set_visitor_db(double db) { visitor_db_ = db; }
    void set_options(SpeakerOptions options);
    // Moves synthesised lines to the sink and reports progress. Call every frame while busy().
    SpeakerStatus poll(std::int64_t now_ms);
    // Blocks until the lines asked for are synthesised (at most `timeout_ms`): scripted runs
    // on a virtual clock, never the live kiosk.
    void wait_for_synthesis(int timeout_ms);
    // A reading is going on (synthesising or sound still queued), paused or not.
    bool busy() const { return reading_ != 0; }
    bool paused() const { return paused_; }
    // Lines waiting for synthesis or for the sink (0 after stop()).
    std::size_t queued() const;
    const std::vector<UtteranceRecord>& records() const { return records_; }
    std::string sink_name() const { return sink_->name(); }
    // Milliseconds from say() to the first line's samples reaching the sink (-1: not yet).
    std::int64_t first_sound_ms() const { return first_sound_ms_; }
    // When stop() last cut a reading off (-1: never).
    std::int64_t stopped_at_ms() const { return stopped_at_ms_; }
    // Synthesis time and audio produced so far, for the real-time factor.
    double synth_seconds() const;
    double audio_seconds() const;
    // The sink's own failure (no audio device): speech is off, and the bar says nothing.
    const std::string& problem() const { return problem_; }

  private:
    struct Worker;
    SpeakerOptions options_;
    std::unique_ptr<Sink> sink_;
    std::unique_ptr<Worker> worker_;  // owns the thread; joined in the destructor
    std::int64_t reading_ = 0;
    std::int64_t said_at_ms_ = 0;
    int first_ = 0;
    std::vector<Utterance> lines_;
    // Per line queued to the sink: where its samples end, cumulative since the last clear.
    std::vector<std::pair<int, std::int64_t>> queued_ends_;
    std::int64_t queued_total_ = 0;
    std::int64_t last_heard_ = 0;  // at the last poll
    int next_to_queue_ = 0;
    int submitted_ = 0;
    bool paused_ = false;
    double visitor_db_ = 0;
    std::int64_t first_sound_ms_ = -1;
    std::int64_t stopped_at_ms_ = -1;
    std::int64_t sound_end_ms_ = 0;
    int rate_ = 22050;
    std::vector<UtteranceRecord> records_;
    std::string problem_;
};

// The voices eSpeak NG has on this system (the data folder's voice files, without starting
// the synthesiser); names in lower case, e.g. "es-419", "pt-br", "ht".
std::vector<std::string> installed_voices();
bool voice_installed(std::string_view voice);

// Synthesises `text` with `voice` on the calling thread (tests, benchmarks): the samples,
// or an error a person can act on.
Result<std::vector<std::int16_t>> synthesise_now(const std::string& text, const std::string& voice,
                                                 int rate_wpm, int* sample_rate);

}  // namespace guichet::kiosk::speech
