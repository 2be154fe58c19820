// SPDX-License-Identifier: GPL-3.0-or-later
// What the kiosk needs from sync: which verified store file is live, one sync attempt at a
// time (safe to run on a background thread: nothing throws out of it), the status record of
// each attempt, a jittered schedule, and the boot-attempt / boot-ok pair that rolls back a
// content version which keeps crashing the kiosk.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "platform/result.h"

namespace guichet::sync {

// The live content store. `path` is an immutable file under STATE/content/ that sync never
// renames or rewrites while it is current or previous, so a reader may keep it open.
struct ContentPointer {
    std::filesystem::path path;
    std::int64_t version = 0;  // content version published with `guichet-publish push`
    // Of the signed row image the store was built from (content/store_rows.h).
    std::string sha256;
    std::int64_t targets_version = 0;  // the signed targets metadata that named it
    // The signed content digest of that version (content/store_changes.h); empty for a store
    // installed before digests were signed.
    std::string digest;
    // For the previous version only: when it lives in the same file as the current one (the
    // store was changed in place), the changes that bring it back.
    std::filesystem::path undo;
    // `undo` holds the signed changes that led from this version to the current one, kept as
    // downloaded (zstd); going back applies their inverse. Otherwise it holds the inverse
    // itself (written by software before 2026-12-07).
    bool undo_is_forward = false;
};

// The live store, or an error when no store was ever installed. Cheap: reads one small file.
Result<ContentPointer> current_store(const std::filesystem::path& state_dir);
// The store kept for rollback, if any.
std::optional<ContentPointer> previous_store(const std::filesystem::path& state_dir);

// Boot protocol. The kiosk calls boot_attempt() before it opens the content store and boot_ok()
// once its first screen has drawn. When `max_failed_boots` attempts in a row end without
// boot_ok(), the current version is marked bad (never re-applied) and the previous store is
// made live again. Returns the store to open.
Result<ContentPointer> boot_attempt(const std::filesystem::path& state_dir,
                                    int max_failed_boots = 3);
Result<void> boot_ok(const std::filesystem::path& state_dir);

// Every setting a kiosk or `guichet-sync --config FILE` understands. The config file is
// `key = value` lines; the keys are the field names below (see sync/OPERATORS.md).
struct SyncConfig {
    std::string source;               // http(s):// URL of the repository, or a folder (USB stick)
    std::filesystem::path state_dir;  // everything sync writes lives under it
    std::filesystem::path trusted_root;  // root.json shipped with the kiosk (first run only)
    std::int64_t interval_seconds = 6 * 3600;
    std::int64_t retry_base_seconds = 60;  // first backoff step after a failure
    std::int64_t retry_max_seconds = 6 * 3600;
    std::int64_t connect_timeout_seconds = 20;
    std::int64_t low_speed_bytes_per_second = 100;  // below this for low_speed_seconds: dropped
    std::int64_t low_speed_seconds = 30;
    std::int64_t max_bytes_per_second = 0;  // 0: no cap (metered links: set one)
    std::string proxy;                      // e.g. http://proxy:3128
    std::filesystem::path ca_file;          // custom CA bundle for https
    std::string pinned_public_key;          // "sha256//BASE64" of the server key
    std::string pinned_public_key_backup;   // second pin, for key rollover
    std::int64_t stale_after_days = 30;     // then visitors see "last updated on …"
    std::int64_t max_clock_ahead_days =
        3 * 365;  // newer than newest signed time + this: clock fault
    std::int64_t min_free_bytes = 64 * 1024 * 1024;  // kept free beyond what an update needs
    int keep_versions = 2;                           // current + previous
    // "Nothing new" costs one conditional request for timestamp.json; the probe for a new
    // root.json is then skipped, but never for longer than this.
    std::int64_t root_probe_max_age_seconds = 86400;
    std::int64_t clock_override = 0;  // Unix s used as "now" (clock drills, tests)
    // Fleet alerts (sync/alerts.h): the region this kiosk belongs to (its delegated role's
    // regions/<region>/alerts.json is fetched too) and its tags, for alerts' audiences.
    std::string region;
    std::vector<std::string> tags;
    // The kiosk's alert-only check: a conditional request for timestamp.json, and the alerts
    // when it changed; the content itself waits for its own schedule. 0: alerts only with the
    // regular sync.
    std::int64_t alert_check_seconds = 0;
};

// Reads a `key = value` config file; unknown keys and bad values are `file:line: message`.
Result<SyncConfig> load_config(const std::filesystem::path& file);

enum class SyncResult {
    up_to_date,   // nothing new: one small request
    updated,      // a new version is live
    failed,       // network/server/verification/disk problem: see error
    clock_fault,  // the clock is far ahead of every signed time seen: nothing done
};
const char* to_string(SyncResult result);

// One attempt, as recorded in STATE/sync/status.json and shown by `guichet-sync --status`.
struct SyncStatus {
    std::int64_t time = 0;  // wall clock at the start of the attempt (Unix s)
    SyncResult result = SyncResult::failed;
    std::int64_t version = 0;   // content version live after the attempt
    std::int64_t bytes = 0;     // bytes received over the network or read from the folder
    std::int64_t requests = 0;  // HTTP requests or files read
    std::int64_t duration_ms = 0;
    std::int64_t apply_ms = 0;  // of which: rebuilding the new store from its rows and checking it
    std::string error;          // one line; empty on success
    std::int64_t retry_after_seconds = 0;  // the server asked us to wait (503 + Retry-After)
    std::int64_t last_success_time = 0;    // last attempt that ended up_to_date or updated
    int consecutive_failures = 0;
    int alerts = 0;             // fleet alerts this kiosk holds after the attempt
    std::string alerts_error;   // the alerts could not be updated (the content still was)
};

// The last recorded attempt (an error when none was recorded yet).
Result<SyncStatus> read_status(const std::filesystem::path& state_dir);

// The newest signed time this kiosk has seen (Unix s; 0: none yet): its clock is never
// trusted below it (a board whose clock fell back to 1970), for metadata as for alerts.
std::int64_t newest_signed_time(const std::filesystem::path& state_dir);

// When the kiosk should show "information last updated on <date>": the date (Unix s) of the
// last successful update when it is older than stale_after_days, otherwise nothing.
std::optional<std::int64_t> stale_since(const SyncStatus& status, std::int64_t now,
                                        std::int64_t stale_after_days);

// Next attempt time (Unix s) after `last`. Success: a full-jitter draw in [interval/2,
// interval*3/2) so a fleet spreads out; failure: full jitter in [0, min(max, base*2^n)), but
// never sooner than the server's Retry-After.
std::int64_t next_attempt(const SyncStatus& last, const SyncConfig& config, std::mt19937_64& rng);

struct Progress {
    std::string file;        // what is being fetched
    std::int64_t done = 0;   // bytes so far
    std::int64_t total = 0;  // expected bytes (0: unknown)
};

class SyncClient {
  public:
    explicit SyncClient(SyncConfig config);
    // Called from the syncing thread; keep it short.
    void on_progress(std::function<void(const Progress&)> callback);
    // Asks a running run_once() to stop at the next transfer callback; thread-safe.
    void cancel();
    // One attempt: refresh the signed metadata, fetch what is missing, verify, switch
    // atomically. Writes the status record. Never throws.
    SyncStatus run_once();
    // The alert-only check: the metadata refreshed when timestamp.json changed, and the
    // alerts; the content store is not touched. Records nothing in status.json.
    SyncStatus check_alerts();

  private:
    SyncStatus attempt(bool alerts_only);
    SyncConfig config_;
    std::function<void(const Progress&)> progress_;
    std::atomic<bool> cancelled_{false};
};

}  // namespace guichet::sync
