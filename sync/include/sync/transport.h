// SPDX-License-Identifier: GPL-3.0-or-later
// How bytes reach the kiosk: over HTTP(S) with libcurl (timeouts, caps, resume of immutable
// files, conditional requests, proxy/CA/pins, bandwidth cap) or from a folder such as a USB
// stick. Both give the same answers, so every check above them is the same.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace guichet::sync {

struct TransferSettings {
    std::int64_t connect_timeout_seconds = 20;
    std::int64_t low_speed_bytes_per_second = 100;
    std::int64_t low_speed_seconds = 30;
    std::int64_t max_bytes_per_second = 0;  // 0: no cap
    std::string proxy;
    std::string ca_file;
    std::string pinned_public_key;
    std::string pinned_public_key_backup;
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(const std::string& what, std::int64_t done, std::int64_t total)> progress;
};

struct FetchOutcome {
    bool ok = false;
    bool not_found = false;      // 404/403/410 or missing file: "there is no such version"
    bool not_modified = false;   // 304 to a conditional request
    bool range_ignored = false;  // a resumed download answered 200: start over
    bool discard = false;        // what was written is not worth resuming (disk full)
    int http_status = 0;         // 0 for folder sources and transport errors
    std::int64_t retry_after_seconds = 0;
    std::string error;  // one line
    std::string etag;   // for the next conditional request
};

// Running totals for the status record and the bench.
struct TransferStats {
    std::int64_t bytes = 0;
    std::int64_t requests = 0;
    std::int64_t retry_after_seconds = 0;  // the last Retry-After the server sent
};

class Transport {
  public:
    virtual ~Transport() = default;
    // The whole body into `out`; more than max_length bytes is an error, aborted at the cap.
    // A non-empty `etag` makes the request conditional (If-None-Match).
    virtual FetchOutcome fetch(const std::string& name, std::int64_t max_length, std::string& out,
                               const std::string& etag = {}) = 0;
    // Into the open file `partial_fd` (read-write, created by the caller inside its state
    // folder), resuming from its size (the name must be immutable, that is hash-named);
    // restarts from zero when the server ignores the range. Never holds more than `length`.
    virtual FetchOutcome download(const std::string& name, std::int64_t length, int partial_fd) = 0;
    virtual const TransferStats& stats() const = 0;
};

// `base` is an http(s):// URL or a folder; names are URL paths relative to it
// ("metadata/1.root.json", "targets/a%20b.txt"): sent as they are over HTTP, percent-decoded
// to a file name in a folder. A folder (a USB stick) is read through platform's confined
// folder: a name that climbs, a symlink leading out of it, a FIFO or a device are refused,
// never opened.
std::unique_ptr<Transport> make_transport(const std::string& base,
                                          const TransferSettings& settings);
bool is_url(const std::string& source);

}  // namespace guichet::sync
