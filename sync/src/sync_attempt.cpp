// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/sync.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "content/store.h"
#include "content/store_rows.h"
#include "platform/clock.h"
#include "platform/log.h"
#include "platform/settings_file.h"
#include "state_folder.h"
#include "sync/crypto.h"
#include "sync/publish.h"
#include "sync/store_delta.h"
#include "sync/transport.h"
#include "sync/tuf.h"

namespace guichet::sync {
namespace fs = std::filesystem;
using namespace state;

SyncClient::SyncClient(SyncConfig config) : config_(std::move(config)) {}

void SyncClient::on_progress(std::function<void(const Progress&)> callback) {
    progress_ = std::move(callback);
}

void SyncClient::cancel() {
    cancelled_ = true;
}

namespace {

// An exclusive, non-blocking flock on a file, released when the holder closes or dies.
class StateLock {
  public:
    explicit StateLock(const fs::path& file) {
        std::error_code ec;
        fs::create_directories(file.parent_path(), ec);
        fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        held_ = fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) == 0;
    }
    StateLock(const StateLock&) = delete;
    StateLock& operator=(const StateLock&) = delete;
    ~StateLock() {
        if (fd_ >= 0) ::close(fd_);
    }
    bool held() const { return held_; }

  private:
    int fd_ = -1;
    bool held_ = false;
};

struct Attempt {
    const SyncConfig& config;
    const std::atomic<bool>& cancelled;
    const std::function<void(const Progress&)>& progress;
    SyncStatus status;
    std::unique_ptr<Transport> transport;
    std::int64_t now = 0;

    Result<SyncResult> run();
    Result<fs::path> build_from_delta(tuf::Updater& up, const ContentPointer& current,
                                      const std::string& want_sha, const fs::path& out);
    Result<fs::path> build_from_full(tuf::Updater& up, const tuf::TargetFile& info,
                                     const std::string& want_sha, const fs::path& out);
};

// Both builders leave the signed row image of the new version at `out`, checked against its
// signed SHA-256; the store is then built from it.
Result<fs::path> Attempt::build_from_delta(tuf::Updater& up, const ContentPointer& current,
                                           const std::string& want_sha, const fs::path& out) {
    auto name = publish::delta_target(current.version);
    if (current.rows.empty() || !fs::exists(current.rows))
        return make_error("the live version's row image is not kept");
    auto info = up.target(name);
    if (!info) return info.error();
    const auto& g =
        info->custom.contains("guichet") ? info->custom["guichet"] : nlohmann::json::object();
    if (g.value("from_sha256", std::string()) != current.sha256)
        return make_error(name + ": made for another base");
    if (g.value("rows_sha256", std::string()) != want_sha)
        return make_error(name + ": leads to another version than the store target");
    auto partial = downloads_dir(config.state_dir) / (info->hashes.begin()->second + ".part");
    if (auto d = up.download_target(name, *info, partial); !d) return d.error();
    std::ifstream in(partial, std::ios::binary);
    std::string patch((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (auto a = store::apply_patch(current.rows, patch, out); !a) return a.error();
    std::error_code ec;
    auto sha = sha256_file_hex(out);
    if (!sha || *sha != want_sha) {
        fs::remove(out, ec);
        return make_error(name + ": rebuilt row image does not match the signed rows_sha256");
    }
    fs::remove(partial, ec);
    return out;
}

Result<fs::path> Attempt::build_from_full(tuf::Updater& up, const tuf::TargetFile& info,
                                          const std::string& want_sha, const fs::path& out) {
    auto partial = downloads_dir(config.state_dir) / (info.hashes.begin()->second + ".part");
    if (auto d = up.download_target(publish::kStoreTarget, info, partial); !d) return d.error();
    std::error_code ec;
    fs::remove(out, ec);
    if (auto d = store::decompress_file(partial, out); !d) {
        fs::remove(out, ec);
        fs::remove(partial, ec);
        return d.error();
    }
    auto sha = sha256_file_hex(out);
    if (!sha || *sha != want_sha) {
        fs::remove(out, ec);
        return make_error("decompressed row image does not match the signed rows_sha256");
    }
    fs::remove(partial, ec);
    return out;
}

Result<SyncResult> Attempt::run() {
    const fs::path& state = config.state_dir;
    for (auto dir : {content_dir(state), tuf_dir(state), downloads_dir(state), state / "sync"}) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) return make_error(dir.string() + ": " + ec.message());
    }

    // Time: never earlier than the newest signed time seen; far ahead of it is a clock fault.
    auto clock = read_json(clock_file(state)).value_or(nlohmann::json::object());
    std::int64_t floor = read_int(clock, "newest_signed_time");
    // A kiosk that never synced still knows when its trusted root was signed.
    floor = std::max(floor, signed_at(read_json(tuf_dir(state) / "root.json")));
    if (floor == 0 && !config.trusted_root.empty())
        floor = signed_at(read_json(config.trusted_root));
    now = config.clock_override > 0 ? config.clock_override : guichet::clock::wall_seconds();
    // Far ahead of every signed time seen: either the kiosk was off for years or its clock is
    // wrong. The server decides: fresh metadata that verifies at this time settles it; if it
    // does not, this is a clock fault and nothing is acted on.
    const bool clock_suspect = floor > 0 && now > floor + config.max_clock_ahead_days * 86400;
    auto clock_fault = [&](const std::string& why) {
        status.error = "clock fault: the clock says " + tuf::format_utc(now) +
                       ", far beyond the newest signed time " + tuf::format_utc(floor) + " (" +
                       why + "); nothing changed";
        return SyncResult::clock_fault;
    };
    if (now < floor) {
        log::warn(kLog, "clock is behind the newest signed time; using " + tuf::format_utc(floor));
        now = floor;
    }

    if (!fs::exists(tuf_dir(state) / "root.json")) {
        if (config.trusted_root.empty())
            return make_error("no trusted root: set trusted_root in the config");
        std::ifstream in(config.trusted_root, std::ios::binary);
        if (!in) return make_error(config.trusted_root.string() + ": cannot read trusted root");
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (auto ts = tuf::TrustedSet::from_root(bytes, now); !ts)
            return make_error(config.trusted_root.string() + ": " + ts.message());
        if (auto w = tuf::write_file_atomically(tuf_dir(state) / "root.json", bytes); !w)
            return w.error();
    }

    TransferSettings ts;
    ts.connect_timeout_seconds = config.connect_timeout_seconds;
    ts.low_speed_bytes_per_second = config.low_speed_bytes_per_second;
    ts.low_speed_seconds = config.low_speed_seconds;
    ts.max_bytes_per_second = config.max_bytes_per_second;
    ts.proxy = config.proxy;
    ts.ca_file = config.ca_file.string();
    ts.pinned_public_key = config.pinned_public_key;
    ts.pinned_public_key_backup = config.pinned_public_key_backup;
    ts.cancel = &cancelled;
    if (progress)
        ts.progress = [this](const std::string& what, std::int64_t done, std::int64_t total) {
            progress(Progress{what, done, total});
        };
    transport = make_transport(config.source, ts);

    tuf::UpdaterOptions uo;
    uo.metadata_dir = tuf_dir(state);
    uo.now = now;
    tuf::Updater up(uo, *transport, *transport);

    auto current = current_store(state);
    std::int64_t last_root_probe = read_int(clock, "last_root_probe");
    bool quick = !clock_suspect && now - last_root_probe < config.root_probe_max_age_seconds &&
                 now >= last_root_probe;
    bool nothing_new = false;
    if (quick) {
        auto u = up.unchanged(clock.value("timestamp_etag", std::string()));
        if (!u) return u.error();
        nothing_new = *u;
    }
    if (!nothing_new) {
        auto r = up.refresh();
        if (!r && clock_suspect) return clock_fault(r.message());
        if (!r) return r.error();
        clock["last_root_probe"] = now;
    }
    clock["timestamp_etag"] = up.timestamp_etag();
    const auto& tsmd = up.trusted().timestamp();
    if (tsmd && tsmd->signed_part.contains("x-guichet-signed-at") &&
        tsmd->signed_part["x-guichet-signed-at"].is_string()) {
        auto signed_at =
            tuf::parse_utc(tsmd->signed_part["x-guichet-signed-at"].get<std::string>());
        if (signed_at && *signed_at > floor) clock["newest_signed_time"] = *signed_at;
    }
    if (auto w = write_json(clock_file(state), clock); !w) return w.error();

    auto info = up.target(publish::kStoreTarget);
    if (!info) return make_error("the repository holds no content store yet");
    const auto& g =
        info->custom.contains("guichet") ? info->custom["guichet"] : nlohmann::json::object();
    std::int64_t want = read_int(g, "content_version");
    std::string want_sha = g.value("rows_sha256", std::string());
    std::int64_t want_schema = read_int(g, "schema_version");
    if (want <= 0 || want_sha.empty())
        return make_error("store target without guichet custom data");
    if (g.value("format", std::string()) != publish::kRowImageFormat)
        return make_error("the store target's format '" + g.value("format", std::string()) +
                          "' is not one this kiosk reads; update the kiosk software");

    if (current && current->version == want) {
        status.version = want;
        clean_dir(downloads_dir(state));
        return SyncResult::up_to_date;
    }
    if (current && current->version > want)
        return make_error("the server offers content version " + std::to_string(want) +
                          ", older than the live " + std::to_string(current->version));
    if (bad_versions(state).count(want_sha))
        return make_error(
            "content version " + std::to_string(want) +
            " was rolled back after repeated start failures; waiting for a newer one");

    // Free disk: the compressed download, the row image and the store built from it, plus
    // the configured margin.
    std::int64_t need = info->length + read_int(g, "rows_length") + read_int(g, "store_length") +
                        config.min_free_bytes;
    auto avail = free_bytes(state);
    if (avail >= 0 && avail < need)
        return make_error("not enough free disk: " + std::to_string(avail / 1048576) +
                          " MiB free, " + std::to_string(need / 1048576) + " MiB needed");

    // Leftovers of an interrupted apply are useless; partial downloads are kept for resume.
    for (const auto& e : fs::directory_iterator(downloads_dir(state)))
        if (e.path().extension() != ".part") fs::remove_all(e.path());

    auto rows = downloads_dir(state) / ("apply-" + std::to_string(want) + ".rows");
    Result<fs::path> built = make_error("no base");
    if (current) {
        built = build_from_delta(up, *current, want_sha, rows);
        if (!built)
            log::info(kLog, "delta not used (" + built.message() + "); fetching the full store");
    }
    if (!built) built = build_from_full(up, *info, want_sha, rows);
    if (!built) return built.error();

    // The store itself is built here, from the verified rows, into a file of its own: the
    // live store stays open and readable throughout.
    const auto apply_start = guichet::clock::monotonic_ms();
    auto out = downloads_dir(state) / ("apply-" + std::to_string(want) + ".db");
    std::error_code ec;
    if (auto b = content::build_store_from_rows(rows, out); !b) {
        fs::remove(out, ec);
        return make_error("building the store from its rows: " + b.message());
    }
    auto schema = store::check_store(out);
    status.apply_ms = guichet::clock::monotonic_ms() - apply_start;
    if (!schema) {
        fs::remove(out, ec);
        return schema.error();
    }
    if (*schema > content::current_schema_version()) {
        fs::remove(out, ec);
        return make_error("store schema version " + std::to_string(*schema) +
                          " is newer than this kiosk reads (" +
                          std::to_string(content::current_schema_version()) +
                          "); update the kiosk software");
    }
    if (*schema != want_schema) {
        fs::remove(out, ec);
        return make_error("store schema version " + std::to_string(*schema) +
                          " differs from the signed " + std::to_string(want_schema));
    }

    // Switch: a new file name per version (never renamed over an open database), then the
    // pointer replaced atomically; the previous store stays for rollback.
    fsync_path(out, false);
    fsync_path(rows, false);
    ContentPointer next;
    next.version = want;
    next.sha256 = want_sha;
    next.targets_version = up.trusted().targets()->version;
    next.path = content_dir(state) /
                ("store-" + std::to_string(want) + "-" + want_sha.substr(0, 12) + ".db");
    next.rows = content_dir(state) /
                ("rows-" + std::to_string(want) + "-" + want_sha.substr(0, 12) + ".bin");
    fs::rename(out, next.path, ec);
    if (ec) return make_error(next.path.string() + ": " + ec.message());
    fs::rename(rows, next.rows, ec);
    if (ec) return make_error(next.rows.string() + ": " + ec.message());
    fsync_path(content_dir(state), true);
    std::optional<ContentPointer> previous;
    if (current) previous = *current;
    if (auto w = write_pointer(state, next, previous); !w) return w.error();
    std::set<std::string> keep = {"current.json", "boot.json", "bad-versions.json",
                                  next.path.filename().string(), next.rows.filename().string()};
    if (previous) keep.insert(previous->path.filename().string());
    if (previous && !previous->rows.empty()) keep.insert(previous->rows.filename().string());
    clean_dir(content_dir(state), keep);
    clean_dir(downloads_dir(state));
    status.version = want;
    return SyncResult::updated;
}

}  // namespace

SyncStatus SyncClient::run_once() {
    cancelled_ = false;
    auto start = guichet::clock::monotonic_ms();
    Attempt a{config_, cancelled_, progress_, {}, nullptr, 0};
    auto previous = read_status(config_.state_dir);
    a.status.time =
        config_.clock_override > 0 ? config_.clock_override : guichet::clock::wall_seconds();
    if (previous) {
        a.status.last_success_time = previous->last_success_time;
        a.status.consecutive_failures = previous->consecutive_failures;
    }
    Result<SyncResult> r = make_error("internal error");
    // One attempt at a time per state folder (the kiosk's thread and a staff member running
    // guichet-sync by hand): the second one stops at once.
    StateLock lock(config_.state_dir / "sync" / "lock");
    const bool locked = lock.held();
    try {
        if (!locked)
            r = make_error("another sync of this state folder is running");
        else
            r = a.run();
    } catch (const std::exception& e) {
        r = make_error(std::string("internal error: ") + e.what());
    }
    if (r) {
        a.status.result = *r;
    } else {
        // A failed attempt leaves only resumable partial downloads behind.
        std::error_code ec;
        if (locked)
            for (const auto& e : fs::directory_iterator(downloads_dir(config_.state_dir), ec))
                if (e.path().extension() != ".part") fs::remove_all(e.path(), ec);
        a.status.result = SyncResult::failed;
        a.status.error = r.message();
    }
    if (a.status.result == SyncResult::up_to_date || a.status.result == SyncResult::updated) {
        a.status.last_success_time = a.status.time;
        a.status.consecutive_failures = 0;
    } else {
        a.status.consecutive_failures += 1;
    }
    if (a.status.version == 0) {
        if (auto c = current_store(config_.state_dir)) a.status.version = c->version;
    }
    if (a.transport) {
        a.status.bytes = a.transport->stats().bytes;
        a.status.requests = a.transport->stats().requests;
        a.status.retry_after_seconds = a.transport->stats().retry_after_seconds;
    }
    a.status.duration_ms = guichet::clock::monotonic_ms() - start;
    if (!locked) return a.status;  // the running attempt owns status.json
    std::error_code ec;
    fs::create_directories(config_.state_dir / "sync", ec);
    if (auto w = write_json(status_file(config_.state_dir), status_json(a.status)); !w)
        log::error(kLog, w.message());
    return a.status;
}

}  // namespace guichet::sync
