// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's background sync: one thread, at a lower CPU priority than the UI, runs sync's
// SyncClient at jittered times (and at once on request), reports to the fleet after every
// attempt, and wakes the UI through a callback; the UI thread only reads snapshots.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "fleet/fleet_reporter.h"
#include "sync/sync.h"

namespace guichet::kiosk {

struct SyncActivity {
    bool running = false;
    std::string file;
    std::int64_t done = 0, total = 0;
};

// When the first attempt happens after start: a uniform draw in [min, max] milliseconds, so a
// fleet powering on together does not reach the server at the same instant.
struct FirstAttemptDelay {
    std::int64_t min_ms = 10'000;
    std::int64_t max_ms = 120'000;
};

class SyncRunner {
  public:
    // Starts the thread. `wake_ui` is called from that thread (keep it short and thread-safe)
    // when an attempt starts or ends and when its progress changes (at most every 250 ms).
    SyncRunner(sync::SyncConfig config, std::function<void()> wake_ui,
               fleet::FleetSettings fleet = {}, FirstAttemptDelay first = {});
    SyncRunner(const SyncRunner&) = delete;
    SyncRunner& operator=(const SyncRunner&) = delete;
    ~SyncRunner();  // cancels a running attempt and joins

    void request_now();  // "Sync now": an attempt as soon as none is running
    SyncActivity activity() const;
    std::optional<sync::SyncStatus> last_status() const;
    std::int64_t next_attempt_time() const;  // Unix s
    // Attempts finished since start; lets a caller wait for the one it asked for.
    std::int64_t attempts_finished() const;
    const sync::SyncConfig& config() const { return config_; }

  private:
    void run();
    void attempt();
    void wake();
    void on_progress(const sync::Progress& progress);
    void schedule_after(const sync::SyncStatus& status);

    const sync::SyncConfig config_;
    const std::function<void()> wake_ui_;
    const fleet::FleetSettings fleet_;
    sync::SyncClient client_;
    std::mt19937_64 rng_;

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    bool stopping_ = false;
    bool requested_ = false;
    bool finished_ = false;  // the thread has left its loop
    std::chrono::steady_clock::time_point due_;
    // The alert-only check (config alert_check_seconds > 0): metadata and alerts between two
    // content syncs, each at a jittered point of its interval.
    std::chrono::steady_clock::time_point alert_due_ = std::chrono::steady_clock::time_point::max();
    void schedule_alert_check();
    std::int64_t due_wall_ = 0;
    SyncActivity activity_;
    std::optional<sync::SyncStatus> last_status_;
    std::int64_t attempts_ = 0;
    std::int64_t last_progress_wake_ms_ = 0;

    std::thread thread_;  // last: started once everything above exists
};

}  // namespace guichet::kiosk
