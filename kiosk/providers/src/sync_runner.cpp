// SPDX-License-Identifier: GPL-3.0-or-later
#include "providers/sync_runner.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <exception>

#include "platform/clock.h"
#include "platform/log.h"

namespace guichet::kiosk {
namespace {

constexpr std::string_view kLog = "kiosk-sync";
constexpr std::int64_t kProgressWakeMs = 250;
// Above the UI's priority (nice 0): sync's hashing and zstd never take a frame's CPU.
constexpr int kSyncNice = 10;

std::int64_t wall_now(const sync::SyncConfig& config) {
    return config.clock_override > 0 ? config.clock_override : clock::wall_seconds();
}

std::string describe(const sync::SyncStatus& status) {
    std::string line = std::string("sync attempt: ") + sync::to_string(status.result) +
                       ", content version " + std::to_string(status.version) + ", " +
                       std::to_string(status.bytes) + " bytes in " +
                       std::to_string(status.duration_ms) + " ms";
    if (!status.error.empty()) line += ": " + status.error;
    return line;
}

}  // namespace

SyncRunner::SyncRunner(sync::SyncConfig config, std::function<void()> wake_ui,
                       fleet::FleetSettings fleet, FirstAttemptDelay first)
    : config_(std::move(config)),
      wake_ui_(std::move(wake_ui)),
      fleet_(std::move(fleet)),
      client_(config_),
      rng_(std::random_device{}()) {
    if (auto previous = sync::read_status(config_.state_dir); previous) last_status_ = *previous;
    std::uniform_int_distribution<std::int64_t> draw(std::max<std::int64_t>(first.min_ms, 0),
                                                     std::max(first.min_ms, first.max_ms));
    std::int64_t delay_ms = draw(rng_);
    // A kiosk restarted soon after an attempt keeps to that attempt's schedule rather than
    // asking the server again; never longer than one jittered interval from now.
    if (last_status_) {
        const std::int64_t planned = sync::next_attempt(*last_status_, config_, rng_);
        const std::int64_t longest = config_.interval_seconds + config_.interval_seconds / 2;
        const std::int64_t wait_s = std::min(planned - wall_now(config_), longest);
        delay_ms = std::max(delay_ms, wait_s * 1000);
    }
    due_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms);
    due_wall_ = wall_now(config_) + delay_ms / 1000;
    client_.on_progress([this](const sync::Progress& progress) { on_progress(progress); });
    schedule_alert_check();
    thread_ = std::thread([this] { run(); });
}

SyncRunner::~SyncRunner() {
    if (!thread_.joinable()) return;
    std::unique_lock lock(mutex_);
    stopping_ = true;
    changed_.notify_all();
    // run_once() clears the cancel flag when it starts, so keep cancelling until the thread
    // has left its loop: an attempt that began just now stops at its next transfer callback.
    while (!finished_) {
        client_.cancel();
        changed_.wait_for(lock, std::chrono::milliseconds(50));
    }
    lock.unlock();
    thread_.join();
}

void SyncRunner::request_now() {
    std::lock_guard lock(mutex_);
    if (activity_.running) return;  // the attempt under way is the one asked for
    requested_ = true;
    changed_.notify_all();
}

SyncActivity SyncRunner::activity() const {
    std::lock_guard lock(mutex_);
    return activity_;
}

std::optional<sync::SyncStatus> SyncRunner::last_status() const {
    std::lock_guard lock(mutex_);
    return last_status_;
}

std::int64_t SyncRunner::next_attempt_time() const {
    std::lock_guard lock(mutex_);
    return due_wall_;
}

std::int64_t SyncRunner::attempts_finished() const {
    std::lock_guard lock(mutex_);
    return attempts_;
}

void SyncRunner::wake() {
    if (!wake_ui_) return;
    try {
        wake_ui_();
    } catch (const std::exception& e) {
        log::error(kLog, std::string("waking the UI failed: ") + e.what());
    } catch (...) {
        log::error(kLog, "waking the UI failed");
    }
}

void SyncRunner::schedule_alert_check() {
    if (config_.alert_check_seconds <= 0) return;
    // Uniform in [interval/2, 3*interval/2), like the content's schedule: a fleet spreads out.
    const std::int64_t ms = config_.alert_check_seconds * 1000;
    std::uniform_int_distribution<std::int64_t> draw(ms / 2, ms + ms / 2);
    alert_due_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(draw(rng_));
}

void SyncRunner::run() {
    // Linux applies a nice value to one thread when given its id; the threads libcurl starts
    // for name resolution inherit it.
    if (::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kSyncNice) != 0)
        log::warn(kLog, "could not lower the sync thread's priority");
    try {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            changed_.wait_until(lock, std::min(due_, alert_due_), [this] {
                const auto now = std::chrono::steady_clock::now();
                return stopping_ || requested_ || now >= due_ || now >= alert_due_;
            });
            if (stopping_) break;
            if (!requested_ && std::chrono::steady_clock::now() < due_ &&
                std::chrono::steady_clock::now() >= alert_due_) {
                lock.unlock();
                const sync::SyncStatus checked = client_.check_alerts();
                if (!checked.error.empty() || !checked.alerts_error.empty())
                    log::warn(kLog, "alert check: " + checked.error + checked.alerts_error);
                wake();
                lock.lock();
                schedule_alert_check();
                continue;
            }
            requested_ = false;
            activity_ = SyncActivity{true, {}, 0, 0};
            lock.unlock();
            attempt();
            lock.lock();
        }
    } catch (const std::exception& e) {
        log::error(kLog, std::string("sync thread stopped: ") + e.what());
    } catch (...) {
        log::error(kLog, "sync thread stopped by an unknown error");
    }
    std::lock_guard lock(mutex_);
    finished_ = true;
    changed_.notify_all();
}

void SyncRunner::attempt() {
    wake();
    sync::SyncStatus status;
    try {
        status = client_.run_once();
    } catch (const std::exception& e) {  // run_once promises not to throw; hold it to that
        status.result = sync::SyncResult::failed;
        status.error = std::string("internal error: ") + e.what();
    }
    log::write(status.result == sync::SyncResult::failed ? log::Level::warn : log::Level::info,
               kLog, describe(status));
    bool stopping = false;
    {
        std::lock_guard lock(mutex_);
        stopping = stopping_;
    }
    // An attempt cut short by shutdown is not news for the fleet.
    if (!stopping) {
        try {
            const fleet::ReportOutcome outcome =
                fleet::report_after_sync(config_.state_dir, fleet_, status, wall_now(config_));
            if (!outcome.error.empty())
                log::warn(kLog, "fleet status queued (" + std::to_string(outcome.still_queued) +
                                    " waiting): " + outcome.error);
        } catch (const std::exception& e) {
            log::error(kLog, std::string("fleet report failed: ") + e.what());
        }
    }
    {
        std::lock_guard lock(mutex_);
        last_status_ = status;
        activity_ = SyncActivity{};
        ++attempts_;
        schedule_after(status);
        changed_.notify_all();
    }
    wake();
}

void SyncRunner::schedule_after(const sync::SyncStatus& status) {
    // next_attempt() counts from the attempt's own start time; the wait is kept relative so a
    // clock that jumps (or clock_override) never makes the kiosk retry in a tight loop.
    const std::int64_t delay_s =
        std::max<std::int64_t>(sync::next_attempt(status, config_, rng_) - status.time, 1);
    due_ = std::chrono::steady_clock::now() + std::chrono::seconds(delay_s);
    due_wall_ = wall_now(config_) + delay_s;
}

void SyncRunner::on_progress(const sync::Progress& progress) {
    bool wake_now = false;
    {
        std::lock_guard lock(mutex_);
        if (stopping_) client_.cancel();
        activity_.file = progress.file;
        activity_.done = progress.done;
        activity_.total = progress.total;
        const std::int64_t now_ms = clock::monotonic_ms();
        if (now_ms - last_progress_wake_ms_ >= kProgressWakeMs) {
            last_progress_wake_ms_ = now_ms;
            wake_now = true;
        }
    }
    if (wake_now) wake();
}

}  // namespace guichet::kiosk
