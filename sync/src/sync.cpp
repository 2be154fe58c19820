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
#include "sync/crypto.h"
#include "sync/publish.h"
#include "sync/store_delta.h"
#include "sync/transport.h"
#include "sync/tuf.h"

namespace guichet::sync {
namespace fs = std::filesystem;
namespace {

constexpr const char* kLog = "sync";

fs::path content_dir(const fs::path& s) {
    return s / "content";
}
fs::path pointer_file(const fs::path& s) {
    return s / "content" / "current.json";
}
fs::path boot_file(const fs::path& s) {
    return s / "content" / "boot.json";
}
fs::path bad_file(const fs::path& s) {
    return s / "content" / "bad-versions.json";
}
fs::path tuf_dir(const fs::path& s) {
    return s / "tuf";
}
fs::path downloads_dir(const fs::path& s) {
    return s / "downloads";
}
fs::path status_file(const fs::path& s) {
    return s / "sync" / "status.json";
}
fs::path clock_file(const fs::path& s) {
    return s / "sync" / "clock.json";
}

std::optional<nlohmann::json> read_json(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return j;
}

Result<void> write_json(const fs::path& p, const nlohmann::json& j) {
    return tuf::write_file_atomically(p, j.dump(2) + "\n");
}

nlohmann::json pointer_json(const ContentPointer& p) {
    nlohmann::json j = {{"file", p.path.filename().string()},
                        {"version", p.version},
                        {"sha256", p.sha256},
                        {"targets_version", p.targets_version}};
    if (!p.rows.empty()) j["rows_file"] = p.rows.filename().string();
    return j;
}

std::optional<ContentPointer> pointer_from(const fs::path& state_dir, const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("file") || !j["file"].is_string()) return std::nullopt;
    ContentPointer p;
    p.path = content_dir(state_dir) / j["file"].get<std::string>();
    p.version = j.value("version", std::int64_t{0});
    p.sha256 = j.value("sha256", std::string());
    p.targets_version = j.value("targets_version", std::int64_t{0});
    if (j.contains("rows_file") && j["rows_file"].is_string())
        p.rows = content_dir(state_dir) / j["rows_file"].get<std::string>();
    return p;
}

Result<void> write_pointer(const fs::path& state_dir, const ContentPointer& current,
                           const std::optional<ContentPointer>& previous) {
    nlohmann::json j = {{"current", pointer_json(current)}};
    if (previous) j["previous"] = pointer_json(*previous);
    return write_json(pointer_file(state_dir), j);
}

void fsync_path(const fs::path& p, bool directory) {
    int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

std::set<std::string> bad_versions(const fs::path& state_dir) {
    std::set<std::string> out;
    if (auto j = read_json(bad_file(state_dir)); j && j->is_array())
        for (const auto& e : *j)
            if (e.is_string()) out.insert(e.get<std::string>());
    return out;
}

std::int64_t free_bytes(const fs::path& dir) {
    struct statvfs st {};
    if (::statvfs(dir.c_str(), &st) != 0) return -1;
    return static_cast<std::int64_t>(st.f_bavail) * static_cast<std::int64_t>(st.f_frsize);
}

void clean_dir(const fs::path& dir, const std::set<std::string>& keep = {}) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (keep.count(e.path().filename().string())) continue;
        fs::remove_all(e.path(), ec);
    }
}

std::int64_t read_int(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_number_integer() ? j[key].get<std::int64_t>() : 0;
}

nlohmann::json status_json(const SyncStatus& s) {
    return {{"time", s.time},
            {"time_utc", tuf::format_utc(s.time)},
            {"result", to_string(s.result)},
            {"version", s.version},
            {"bytes", s.bytes},
            {"requests", s.requests},
            {"duration_ms", s.duration_ms},
            {"apply_ms", s.apply_ms},
            {"error", s.error},
            {"retry_after_seconds", s.retry_after_seconds},
            {"last_success_time", s.last_success_time},
            {"consecutive_failures", s.consecutive_failures}};
}

}  // namespace

namespace {

// The publisher's signing time ("x-guichet-signed-at" inside the signed part), 0 when absent.
std::int64_t signed_at(const std::optional<nlohmann::json>& doc) {
    if (!doc || !doc->contains("signed") || !(*doc)["signed"].is_object()) return 0;
    const auto& s = (*doc)["signed"];
    if (!s.contains("x-guichet-signed-at") || !s["x-guichet-signed-at"].is_string()) return 0;
    auto t = tuf::parse_utc(s["x-guichet-signed-at"].get<std::string>());
    return t ? *t : 0;
}

}  // namespace

const char* to_string(SyncResult r) {
    switch (r) {
        case SyncResult::up_to_date:
            return "up_to_date";
        case SyncResult::updated:
            return "updated";
        case SyncResult::failed:
            return "failed";
        case SyncResult::clock_fault:
            return "clock_fault";
    }
    return "failed";
}

Result<ContentPointer> current_store(const fs::path& state_dir) {
    auto j = read_json(pointer_file(state_dir));
    if (!j || !j->contains("current"))
        return make_error(pointer_file(state_dir).string() + ": no content installed yet");
    auto p = pointer_from(state_dir, (*j)["current"]);
    if (!p) return make_error(pointer_file(state_dir).string() + ":1: malformed pointer");
    if (!fs::exists(p->path)) return make_error(p->path.string() + ": live store is missing");
    return *p;
}

std::optional<ContentPointer> previous_store(const fs::path& state_dir) {
    auto j = read_json(pointer_file(state_dir));
    if (!j || !j->contains("previous")) return std::nullopt;
    auto p = pointer_from(state_dir, (*j)["previous"]);
    if (!p || !fs::exists(p->path)) return std::nullopt;
    return p;
}

Result<ContentPointer> boot_attempt(const fs::path& state_dir, int max_failed_boots) {
    auto current = current_store(state_dir);
    if (!current) return current.error();
    auto boot = read_json(boot_file(state_dir)).value_or(nlohmann::json::object());
    std::int64_t attempts = 0;
    if (boot.value("sha256", std::string()) == current->sha256)
        attempts = read_int(boot, "failed_attempts");
    if (attempts >= max_failed_boots) {
        auto previous = previous_store(state_dir);
        if (previous) {
            log::warn(kLog, "content version " + std::to_string(current->version) +
                                " failed to start " + std::to_string(attempts) +
                                " times; rolling back to version " +
                                std::to_string(previous->version));
            auto bad = bad_versions(state_dir);
            bad.insert(current->sha256);
            nlohmann::json list = nlohmann::json::array();
            for (const auto& b : bad) list.push_back(b);
            if (auto w = write_json(bad_file(state_dir), list); !w) return w.error();
            if (auto w = write_pointer(state_dir, *previous, std::nullopt); !w) return w.error();
            current = *previous;
            attempts = 0;
        }
    }
    nlohmann::json next = {{"sha256", current->sha256},
                           {"version", current->version},
                           {"failed_attempts", attempts + 1}};
    if (auto w = write_json(boot_file(state_dir), next); !w) return w.error();
    return *current;
}

Result<void> boot_ok(const fs::path& state_dir) {
    auto current = current_store(state_dir);
    if (!current) return current.error();
    return write_json(
        boot_file(state_dir),
        {{"sha256", current->sha256}, {"version", current->version}, {"failed_attempts", 0}});
}

Result<SyncConfig> load_config(const fs::path& file) {
    SyncConfig c;
    std::map<std::string, std::function<bool(const std::string&)>> setters;
    auto integer = [](std::int64_t& field) {
        return [&field](const std::string& v) {
            try {
                size_t used = 0;
                long long n = std::stoll(v, &used);
                if (used != v.size() || n < 0) return false;
                field = n;
                return true;
            } catch (...) {
                return false;
            }
        };
    };
    auto text = [](std::string& field) {
        return [&field](const std::string& v) {
            field = v;
            return true;
        };
    };
    auto path = [](fs::path& field) {
        return [&field](const std::string& v) {
            field = v;
            return true;
        };
    };
    std::int64_t keep = c.keep_versions;
    setters["source"] = text(c.source);
    setters["state_dir"] = path(c.state_dir);
    setters["trusted_root"] = path(c.trusted_root);
    setters["interval_seconds"] = integer(c.interval_seconds);
    setters["retry_base_seconds"] = integer(c.retry_base_seconds);
    setters["retry_max_seconds"] = integer(c.retry_max_seconds);
    setters["connect_timeout_seconds"] = integer(c.connect_timeout_seconds);
    setters["low_speed_bytes_per_second"] = integer(c.low_speed_bytes_per_second);
    setters["low_speed_seconds"] = integer(c.low_speed_seconds);
    setters["max_bytes_per_second"] = integer(c.max_bytes_per_second);
    setters["proxy"] = text(c.proxy);
    setters["ca_file"] = path(c.ca_file);
    setters["pinned_public_key"] = text(c.pinned_public_key);
    setters["pinned_public_key_backup"] = text(c.pinned_public_key_backup);
    setters["stale_after_days"] = integer(c.stale_after_days);
    setters["max_clock_ahead_days"] = integer(c.max_clock_ahead_days);
    setters["min_free_bytes"] = integer(c.min_free_bytes);
    setters["keep_versions"] = integer(keep);
    setters["root_probe_max_age_seconds"] = integer(c.root_probe_max_age_seconds);
    setters["clock_override"] = integer(c.clock_override);
    auto lines = settings::read_settings_file(file);
    if (!lines) return lines.error();
    for (const settings::Setting& setting : *lines) {
        auto s = setters.find(setting.key);
        if (s == setters.end())
            return make_error(settings::where(file, setting) + "unknown key '" + setting.key + "'");
        if (!s->second(setting.value))
            return make_error(settings::where(file, setting) + "bad value for " + setting.key +
                              ": '" + setting.value + "'");
    }
    c.keep_versions = static_cast<int>(std::clamp<std::int64_t>(keep, 2, 10));
    auto base = file.parent_path();
    for (fs::path* p : {&c.state_dir, &c.trusted_root, &c.ca_file})
        if (!p->empty() && p->is_relative()) *p = base / *p;
    if (!c.source.empty() && !is_url(c.source) && fs::path(c.source).is_relative())
        c.source = (base / c.source).string();
    if (c.source.empty())
        return make_error(file.string() + ": 'source' is required (URL or folder)");
    if (c.state_dir.empty()) return make_error(file.string() + ": 'state_dir' is required");
    return c;
}

Result<SyncStatus> read_status(const fs::path& state_dir) {
    auto j = read_json(status_file(state_dir));
    if (!j) return make_error(status_file(state_dir).string() + ": no sync attempt recorded yet");
    SyncStatus s;
    s.time = read_int(*j, "time");
    std::string r = j->value("result", "failed");
    s.result = r == "up_to_date"    ? SyncResult::up_to_date
               : r == "updated"     ? SyncResult::updated
               : r == "clock_fault" ? SyncResult::clock_fault
                                    : SyncResult::failed;
    s.version = read_int(*j, "version");
    s.bytes = read_int(*j, "bytes");
    s.requests = read_int(*j, "requests");
    s.duration_ms = read_int(*j, "duration_ms");
    s.apply_ms = read_int(*j, "apply_ms");
    s.error = j->value("error", "");
    s.retry_after_seconds = read_int(*j, "retry_after_seconds");
    s.last_success_time = read_int(*j, "last_success_time");
    s.consecutive_failures = static_cast<int>(read_int(*j, "consecutive_failures"));
    return s;
}

std::optional<std::int64_t> stale_since(const SyncStatus& status, std::int64_t now,
                                        std::int64_t stale_after_days) {
    if (status.last_success_time <= 0) return std::nullopt;
    if (now - status.last_success_time < stale_after_days * 86400) return std::nullopt;
    return status.last_success_time;
}

std::int64_t next_attempt(const SyncStatus& last, const SyncConfig& config, std::mt19937_64& rng) {
    bool ok = last.result == SyncResult::up_to_date || last.result == SyncResult::updated;
    std::int64_t delay;
    if (ok) {
        std::int64_t interval = std::max<std::int64_t>(config.interval_seconds, 1);
        std::uniform_int_distribution<std::int64_t> d(interval / 2, interval + interval / 2 - 1);
        delay = d(rng);
    } else {
        int n = std::min(last.consecutive_failures, 30);
        double ceiling = std::min<double>(
            static_cast<double>(config.retry_max_seconds),
            static_cast<double>(config.retry_base_seconds) * std::pow(2.0, std::max(n - 1, 0)));
        std::uniform_int_distribution<std::int64_t> d(
            0, std::max<std::int64_t>(static_cast<std::int64_t>(ceiling), 1));
        delay = d(rng);
        delay = std::max(delay, last.retry_after_seconds);
    }
    return last.time + delay;
}

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
