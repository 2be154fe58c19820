// SPDX-License-Identifier: GPL-3.0-or-later
#include "speech/speaker.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "platform/log.h"
#include "synthesizer.h"

namespace guichet::kiosk::speech {
namespace {

// Lines synthesised ahead of the one heard: enough that the next is ready before this one
// ends, few enough that a long article never sits in memory as sound.
constexpr int kLookahead = 3;
constexpr int kPauseMs = 350;
constexpr std::size_t kMaxRecords = 400;

}  // namespace

struct Speaker::Worker {
    struct Job {
        std::int64_t reading = 0;
        int index = 0;
        Utterance what;
        int rate_wpm = 160;
    };
    struct Done {
        std::int64_t reading = 0;
        int index = 0;
        std::vector<std::int16_t> samples;
        std::string error;
    };

    std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable idle;  // a job finished
    std::deque<Job> jobs;
    std::deque<Done> done;
    bool quit = false;
    bool working = false;
    std::atomic<std::uint64_t> generation{0};
    std::atomic<int> sample_rate{0};
    double synth_seconds = 0, audio_seconds = 0;  // under mutex
    std::thread thread;

    Worker() : thread([this] { run(); }) {}
    ~Worker() {
        {
            std::lock_guard lock(mutex);
            quit = true;
            ++generation;
        }
        wake.notify_all();
        thread.join();
    }

    void run() {
        std::unique_lock lock(mutex);
        for (;;) {
            // Blocked here whenever nothing is asked: no CPU while the kiosk is silent.
            wake.wait(lock, [&] { return quit || !jobs.empty(); });
            if (quit) return;
            Job job = std::move(jobs.front());
            jobs.pop_front();
            const std::uint64_t wanted = generation.load();
            working = true;
            lock.unlock();
            Done out{job.reading, job.index, {}, {}};
            int rate = 0;
            const auto began = std::chrono::steady_clock::now();
            try {
                auto samples = synthesise(job.what.text, job.what.voice, job.rate_wpm, &rate,
                                          &generation, wanted);
                if (samples) {
                    out.samples = std::move(*samples);
                    if (job.what.pause_after)
                        out.samples.resize(out.samples.size() + rate * kPauseMs / 1000, 0);
                } else {
                    out.error = samples.message();
                }
            } catch (const std::exception& e) {  // never past this thread
                out.error = std::string("speech failed: ") + e.what();
            } catch (...) {
                out.error = "speech failed";
            }
            const double took =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
            lock.lock();
            working = false;
            idle.notify_all();
            if (rate > 0) sample_rate = rate;
            if (generation.load() == wanted) {
                synth_seconds += took;
                if (rate > 0) audio_seconds += static_cast<double>(out.samples.size()) / rate;
                done.push_back(std::move(out));
            }
        }
    }

    void submit(Job job) {
        {
            std::lock_guard lock(mutex);
            jobs.push_back(std::move(job));
        }
        wake.notify_one();
    }

    // Forgets every job and result; a line being synthesised aborts at its next chunk.
    void forget() {
        std::lock_guard lock(mutex);
        jobs.clear();
        done.clear();
        ++generation;
    }
};

Speaker::Speaker(SpeakerOptions options, std::unique_ptr<Sink> sink)
    : options_(options), sink_(std::move(sink)), worker_(std::make_unique<Worker>()) {}

Speaker::~Speaker() = default;

void Speaker::set_options(SpeakerOptions options) { options_ = options; }

void Speaker::say(std::int64_t reading, std::vector<Utterance> lines, int first,
                  std::int64_t now_ms) {
    stop(now_ms);
    if (lines.empty()) return;
    reading_ = reading;
    lines_ = std::move(lines);
    first_ = std::clamp(first, 0, static_cast<int>(lines_.size()) - 1);
    next_to_queue_ = first_;
    said_at_ms_ = now_ms;
    first_sound_ms_ = -1;
    for (int i = first_; i < std::min<int>(first_ + kLookahead, lines_.size()); ++i)
        worker_->submit({reading_, i, lines_[i], options_.rate_wpm});
    submitted_ = std::min<int>(first_ + kLookahead, lines_.size());
}

void Speaker::stop(std::int64_t now_ms) {
    worker_->forget();
    if (reading_) {
        stopped_at_ms_ = now_ms;
        // What was heard of each line, from the sink's count: lines queued ahead never were.
        const std::int64_t played = sink_->played(now_ms);
        for (UtteranceRecord& record : records_) {
            if (record.reading != reading_) continue;
            for (const auto& [index, end] : queued_ends_)
                if (index == record.line) {
                    const std::int64_t heard =
                        std::clamp<std::int64_t>(played - (end - record.samples), 0, record.samples);
                    record.stopped = heard < record.samples;
                    record.heard_samples = heard;
                }
        }
    }
    sink_->clear(now_ms);
    reading_ = 0;
    lines_.clear();
    queued_ends_.clear();
    queued_total_ = 0;
    last_heard_ = 0;
    paused_ = false;
    submitted_ = 0;
}

void Speaker::pause(bool paused, std::int64_t now_ms) {
    if (paused == paused_ || !reading_) return;
    paused_ = paused;
    sink_->pause(paused, now_ms);
}

void Speaker::wait_for_synthesis(int timeout_ms) {
    std::unique_lock lock(worker_->mutex);
    worker_->idle.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                           [&] { return worker_->jobs.empty() && !worker_->working; });
}

std::size_t Speaker::queued() const {
    if (!reading_) return 0;
    std::size_t unheard = 0;
    for (const auto& [index, end] : queued_ends_) unheard += end > last_heard_;
    // Lines not yet given to the worker wait too: the rest of the reading.
    const std::size_t unsubmitted = lines_.size() - static_cast<std::size_t>(submitted_);
    std::lock_guard lock(worker_->mutex);
    return unheard + unsubmitted + worker_->jobs.size() + worker_->done.size() +
           (worker_->working ? 1 : 0);
}

double Speaker::synth_seconds() const {
    std::lock_guard lock(worker_->mutex);
    return worker_->synth_seconds;
}

double Speaker::audio_seconds() const {
    std::lock_guard lock(worker_->mutex);
    return worker_->audio_seconds;
}

SpeakerStatus Speaker::poll(std::int64_t now_ms) {
    if (!reading_) return {};
    std::deque<Worker::Done> ready;
    {
        std::lock_guard lock(worker_->mutex);
        ready.swap(worker_->done);
        if (worker_->sample_rate > 0) rate_ = worker_->sample_rate;
    }
    const double gain = options_.volume_percent / 100.0 * std::pow(10.0, visitor_db_ / 20.0);
    for (Worker::Done& line : ready) {
        if (line.reading != reading_) continue;
        next_to_queue_ = line.index + 1;
        if (!line.error.empty()) {
            log::error("speech", line.error);
            problem_ = line.error;
            continue;
        }
        double sum = 0;
        for (std::int16_t& s : line.samples) {
            const double v = std::clamp(s * gain, -32768.0, 32767.0);
            s = static_cast<std::int16_t>(std::lround(v));
            sum += (v / 32768.0) * (v / 32768.0);
        }
        const std::int64_t heard = sink_->played(now_ms);
        const std::int64_t ahead = std::max<std::int64_t>(0, queued_total_ - heard);
        if (auto queued = sink_->queue(line.samples, rate_, lines_[line.index], reading_,
                                       line.index, now_ms);
            !queued) {
            log::error("speech", queued.message());
            problem_ = queued.message();
            continue;
        }
        if (first_sound_ms_ < 0) first_sound_ms_ = now_ms - said_at_ms_;
        const auto count = static_cast<std::int64_t>(line.samples.size());
        queued_total_ += count;
        queued_ends_.push_back({line.index, queued_total_});
        UtteranceRecord record;
        record.reading = reading_;
        record.line = line.index;
        record.text = lines_[line.index].text;
        record.voice = lines_[line.index].voice;
        record.start_ms = now_ms + (paused_ ? 0 : ahead * 1000 / rate_);
        record.samples = count;
        record.heard_samples = count;
        record.rms = count ? std::sqrt(sum / count) : 0;
        record.file = sink_->last_file();
        records_.push_back(std::move(record));
        if (records_.size() > kMaxRecords) records_.erase(records_.begin());
    }
    const std::int64_t heard = sink_->played(now_ms);
    last_heard_ = heard;
    int line = next_to_queue_ > first_ ? next_to_queue_ - 1 : first_;
    for (const auto& [index, end] : queued_ends_)
        if (end > heard) {
            line = index;
            break;
        }
    // Keep kLookahead lines ready beyond the one heard.
    while (submitted_ < static_cast<int>(lines_.size()) && submitted_ < line + 1 + kLookahead) {
        worker_->submit({reading_, submitted_, lines_[submitted_], options_.rate_wpm});
        ++submitted_;
    }
    SpeakerStatus status{reading_, line, false};
    const bool all_queued = next_to_queue_ >= static_cast<int>(lines_.size());
    if (all_queued && heard >= queued_total_) {
        status.finished = true;
        const std::int64_t ended = reading_;
        reading_ = 0;
        lines_.clear();
        queued_ends_.clear();
        queued_total_ = 0;
        sink_->clear(now_ms);
        status.reading = ended;
    }
    return status;
}

}  // namespace guichet::kiosk::speech
