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
#include "content/store_changes.h"
#include "content/store_rows.h"
#include "platform/clock.h"
#include "platform/confined_dir.h"
#include "platform/files.h"
#include "platform/log.h"
#include "platform/safe_json.h"
#include "platform/settings_file.h"
#include "platform/utf8.h"
#include "state_folder.h"
#include "sync/alerts.h"
#include "sync/crypto.h"
#include "sync/names.h"
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

// Guichet's custom data on the store target, every field checked before use: the hashes end
// up in file names, the lengths cap what is decompressed and what free space must be there.
struct StoreTarget {
    std::int64_t content_version = 0;
    std::int64_t schema_version = 0;
    std::int64_t rows_length = 0;   // the row image, uncompressed
    std::int64_t store_length = 0;  // the store built from it
    std::string rows_sha256;
    std::string content_digest;  // content/store_changes.h; empty from an older publisher
};

bool is_content_digest(const std::string& hex) {
    return hex.size() == 512 &&
           hex.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// Far beyond any content a kiosk holds (the 100,000-item corpus: 183 MB of rows, 290 MB of
// store), small enough that sums of them cannot overflow.
constexpr std::int64_t kMaxSignedLength = 1LL << 40;

Result<StoreTarget> read_store_target(const tuf::TargetFile& info) {
    const nlohmann::json* g = safe_json::find(info.custom, "guichet");
    if (!g || !g->is_object()) return make_error("store target without guichet custom data");
    const std::string format = read_string(*g, "format");
    if (format != publish::kRowImageFormat)
        return make_error("the store target's format '" + utf8::sanitize(format.substr(0, 40)) +
                          "' is not one this kiosk reads; update the kiosk software");
    StoreTarget t;
    t.content_version = read_int(*g, "content_version");
    t.schema_version = read_int(*g, "schema_version");
    t.rows_length = read_int(*g, "rows_length");
    t.store_length = read_int(*g, "store_length");
    t.rows_sha256 = read_string(*g, "rows_sha256");
    t.content_digest = read_string(*g, "content_digest");
    if (!t.content_digest.empty() && !is_content_digest(t.content_digest))
        return make_error("store target: content_digest is not 512 lowercase hex digits");
    if (t.content_version <= 0 || t.rows_sha256.empty())
        return make_error("store target without guichet custom data");
    if (auto ok = names::check_sha256(t.rows_sha256); !ok)
        return make_error("store target: rows_sha256: " + ok.message());
    if (t.schema_version <= 0) return make_error("store target: no schema_version");
    if (t.rows_length <= 0 || t.rows_length > kMaxSignedLength || t.store_length < 0 ||
        t.store_length > kMaxSignedLength)
        return make_error(
            "store target: rows_length and store_length must be signed (from 1 "
            "byte to 1 TiB)");
    return t;
}

// The downloads folder keeps one partial file per signed target, named by its signed
// SHA-256 (checked: 64 lowercase hex digits), so it never holds more than the signed sizes.
Result<std::string> partial_name(const tuf::TargetFile& info) {
    const auto sha = info.hashes.find("sha256");
    if (sha == info.hashes.end()) return make_error("target without a sha256 hash");
    if (auto ok = names::check_sha256(sha->second); !ok) return ok.error();
    return sha->second + ".part";
}

struct Attempt {
    const SyncConfig& config;
    const std::atomic<bool>& cancelled;
    const std::function<void(const Progress&)>& progress;
    bool alerts_only = false;
    SyncStatus status;
    std::unique_ptr<Transport> transport;
    std::int64_t now = 0;
    std::optional<files::ConfinedDir> state_root, content, downloads;

    Result<SyncResult> run();
    Result<void> apply_in_place(tuf::Updater& up, const ContentPointer& current,
                                const StoreTarget& want);
    Result<void> build_from_full(tuf::Updater& up, const tuf::TargetFile& info,
                                 const StoreTarget& want, const std::string& out);
    Result<void> check_rows(const std::string& out, const StoreTarget& want,
                            const std::string& what);
    Result<int> update_alerts(tuf::Updater& up);
};

// Fleet alerts: the central office's file (from the top-level targets role only: no region
// can speak for the centre) and this kiosk's region's (whichever role the delegations trust
// for that path). Only alerts meant for this kiosk are kept; on any failure the alerts held
// so far stay, and the content update goes on.
Result<int> Attempt::update_alerts(tuf::Updater& up) {
    alerts::KioskIdentity me;
    me.region = config.region;
    me.tags = config.tags;
    if (auto id = files::read_regular_file(config.state_dir / "kiosk-id", 128)) {
        me.kiosk_id = *id;
        while (!me.kiosk_id.empty() && (me.kiosk_id.back() == '\n' || me.kiosk_id.back() == ' '))
            me.kiosk_id.pop_back();
    }
    struct Source {
        std::string target, label;
        bool central;
    };
    std::vector<Source> sources = {{alerts::kCentralAlertsTarget, "central", true}};
    if (!config.region.empty())
        sources.push_back(
            {alerts::region_alerts_target(config.region), "region:" + config.region, false});
    std::vector<alerts::Alert> held;
    for (const auto& src : sources) {
        auto info = up.target(src.target);
        if (!info) {
            if (info.message() == "no target named " + src.target) continue;  // none published
            return make_error(src.target + ": " + info.message());
        }
        if (src.central && info->role != "targets")
            return make_error(src.target + ": listed by delegated role " + info->role +
                              ", not by the central targets role");
        if (info->length > alerts::kMaxAlertsFileBytes)
            return make_error(src.target + ": signed length above " +
                              std::to_string(alerts::kMaxAlertsFileBytes) + " bytes");
        auto partial = partial_name(*info);
        if (!partial) return make_error(src.target + ": " + partial.message());
        if (auto d = up.download_target(src.target, *info, *downloads, *partial); !d)
            return make_error(src.target + ": " + d.message());
        auto bytes = downloads->read(*partial, alerts::kMaxAlertsFileBytes);
        (void)downloads->remove(*partial);
        if (!bytes) return make_error(src.target + ": " + bytes.message());
        auto parsed = alerts::parse(*bytes, src.label);
        if (!parsed) return make_error(src.target + ": " + parsed.message());
        for (auto& a : *parsed)
            if (alerts::applies_to(a, me)) held.push_back(std::move(a));
    }
    if (auto made = state_root->subdir("alerts", true); !made) return made.error();
    if (auto w = state_root->write_atomically("alerts/alerts.json", alerts::serialize(held, true));
        !w)
        return w.error();
    return static_cast<int>(held.size());
}

// The image at `out` must be the signed one; otherwise it is removed.
Result<void> Attempt::check_rows(const std::string& out, const StoreTarget& want,
                                 const std::string& what) {
    auto fd = downloads->open_regular(out);
    if (!fd) return fd.error();
    auto sha = digest_file_hex("sha256", fd->get());
    if (!sha || *sha != want.rows_sha256) {
        (void)downloads->remove(out);
        return make_error(what + " does not match the signed rows_sha256");
    }
    return {};
}

// The live store changed in place by the signed changes from its version (one transaction:
// readers keep the old version until they open the store again), the previous version kept
// as the changes back. Any failure leaves the live store as it was; the caller then downloads
// the full image.
Result<void> Attempt::apply_in_place(tuf::Updater& up, const ContentPointer& current,
                                     const StoreTarget& want) {
    if (want.content_digest.empty())
        return make_error("the store target has no content_digest (publisher too old)");
    auto held = content::read_store_state(current.path);
    if (!held)
        return make_error("the live store was not installed for in-place changes (" +
                          held.message() + ")");
    const std::string store_name = current.path.filename().string();
    // The signed changes, kept as downloaded: their inverse is the way back.
    const std::string undo_name = "changes-" + std::to_string(current.version) + "-to-" +
                                  std::to_string(want.content_version) + ".zst";
    ContentPointer next = current;
    next.version = want.content_version;
    next.sha256 = want.rows_sha256;
    next.digest = want.content_digest;
    next.targets_version = up.trusted().targets()->version;
    next.undo.clear();
    ContentPointer previous = current;
    previous.undo = content_dir(config.state_dir) / undo_name;
    previous.undo_is_forward = true;
    auto switch_pointer = [&]() -> Result<void> {
        std::optional<ContentPointer> back;
        if (content->exists(undo_name)) back = previous;
        if (auto w = write_pointer(config.state_dir, next, back); !w) return w.error();
        clean_dir(content_dir(config.state_dir),
                  {"current.json", "boot.json", "bad-versions.json", store_name,
                   store_name + "-wal", store_name + "-shm", undo_name});
        return {};
    };
    // Committed by an attempt that died before it wrote the pointer: finish its switch.
    if (held->version == want.content_version && held->digest == want.content_digest)
        return switch_pointer();
    if (held->version != current.version || (!current.digest.empty() && held->digest != current.digest))
        return make_error("the live store holds version " + std::to_string(held->version) +
                          ", not the recorded " + std::to_string(current.version));
    auto name = publish::delta_target(current.version);
    auto info = up.target(name);
    if (!info) return info.error();
    if (info->role != "targets")
        return make_error(name + ": listed by delegated role " + info->role +
                          ", not by the central targets role");
    const nlohmann::json* g = safe_json::find(info->custom, "guichet");
    if (!g || read_string(*g, "format") != publish::kChangesFormat)
        return make_error(name + ": not changes this kiosk reads");
    if (read_string(*g, "from_digest") != held->digest)
        return make_error(name + ": made for another base");
    if (read_string(*g, "content_digest") != want.content_digest ||
        read_string(*g, "rows_sha256") != want.rows_sha256)
        return make_error(name + ": leads to another version than the store target");
    const std::int64_t changes_length = read_int(*g, "changes_length");
    if (changes_length <= 0 || changes_length > kMaxSignedLength)
        return make_error(name + ": changes_length must be signed (from 1 byte to 1 TiB)");
    // The download (kept: it is the way back) and the pages the changes rewrite (in the WAL):
    // a few times the changes, nothing like a second store.
    const std::int64_t need = info->length + 2 * changes_length + config.min_free_bytes;
    const std::int64_t avail = free_bytes(config.state_dir);
    if (avail >= 0 && avail < need)
        return make_error("not enough free disk in " + config.state_dir.string() + " for " +
                          name + ": " + files::describe_bytes(avail) + " free, " +
                          files::describe_bytes(need) + " needed");
    auto partial = partial_name(*info);
    if (!partial) return make_error(name + ": " + partial.message());
    if (auto d = up.download_target(name, *info, *downloads, *partial); !d) return d.error();
    // Verified and synced by the transfer; moved beside the store and its folder synced before
    // the store commits, so the way back is on disk whenever the new version is. Kept instead
    // of writing the inverse again: that was 0.77 MB of a 1 % update's ~16 MB.
    if (auto r = state_root->rename("downloads/" + *partial, "content/" + undo_name); !r) {
        (void)downloads->remove(*partial);
        return r.error();
    }
    auto drop_undo = [&] { (void)content->remove(undo_name); };
    if (auto r = content->sync(); !r) {
        drop_undo();
        return r.error();
    }
    auto packed = content->read(undo_name, info->length);
    if (!packed) {
        drop_undo();
        return packed.error();
    }
    // Capped by what was signed.
    auto changes = store::decompress(*packed, changes_length);
    if (!changes) {
        drop_undo();
        return make_error(name + ": " + changes.message());
    }
    const auto apply_start = guichet::clock::monotonic_ms();
    content::ApplyOptions options;
    options.base_digest = held->digest;
    options.result = {want.content_digest, want.content_version};
    auto applied = content::apply_store_changeset(current.path, *changes, options);
    status.apply_ms = guichet::clock::monotonic_ms() - apply_start;
    if (!applied) {
        drop_undo();
        return make_error(name + ": " + applied.message());
    }
    return switch_pointer();
}

Result<void> Attempt::build_from_full(tuf::Updater& up, const tuf::TargetFile& info,
                                      const StoreTarget& want, const std::string& out) {
    auto partial = partial_name(info);
    if (!partial) return make_error(std::string(publish::kStoreTarget) + ": " + partial.message());
    if (auto d = up.download_target(publish::kStoreTarget, info, *downloads, *partial); !d)
        return d.error();
    auto in = downloads->open_regular(*partial);
    if (!in) return in.error();
    auto target = downloads->open_file(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (!target) return target.error();
    // Capped by what was signed: decompression stops at rows_length.
    if (auto d = store::decompress_file(in->get(), target->get(), want.rows_length,
                                        publish::kStoreTarget);
        !d) {
        (void)downloads->remove(out);
        (void)downloads->remove(*partial);
        return d.error();
    }
    if (auto c = check_rows(out, want, "the decompressed row image"); !c) return c;
    (void)downloads->remove(*partial);
    return {};
}

Result<SyncResult> Attempt::run() {
    const fs::path& state = config.state_dir;
    auto root = open_state(state);
    if (!root) return root.error();
    state_root.emplace(std::move(*root));
    for (const char* dir : {"tuf", "sync"})
        if (auto made = state_root->subdir(dir, true); !made) return made.error();
    auto made_content = state_root->subdir("content", true);
    if (!made_content) return made_content.error();
    content.emplace(std::move(*made_content));
    auto made_downloads = state_root->subdir("downloads", true);
    if (!made_downloads) return made_downloads.error();
    downloads.emplace(std::move(*made_downloads));

    // Time: never earlier than the newest signed time seen; far ahead of it is a clock fault.
    auto clock = read_json(clock_file(state)).value_or(nlohmann::json::object());
    std::int64_t floor = read_int(clock, "newest_signed_time");
    // A kiosk that never synced still knows when its trusted root was signed.
    floor = std::max(floor, signed_at(read_json(tuf_dir(state) / "root.json")));
    std::optional<std::string> shipped_root;
    if (!config.trusted_root.empty()) {
        auto bytes = files::read_regular_file(config.trusted_root, tuf::kRootMaxLength);
        if (bytes) shipped_root = std::move(*bytes);
    }
    if (floor == 0 && shipped_root) {
        auto doc = safe_json::parse(*shipped_root);
        if (doc) floor = signed_at(std::move(*doc));
    }
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

    if (!state_root->exists("tuf/root.json")) {
        if (config.trusted_root.empty())
            return make_error("no trusted root: set trusted_root in the config");
        if (!shipped_root) {
            auto bytes = files::read_regular_file(config.trusted_root, tuf::kRootMaxLength);
            return make_error("cannot read the trusted root: " + bytes.message());
        }
        if (auto ts = tuf::TrustedSet::from_root(*shipped_root, now); !ts)
            return make_error(config.trusted_root.string() + ": " + ts.message());
        if (auto w = state_root->write_atomically("tuf/root.json", *shipped_root); !w)
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
    // Kiosk software newer than its store (a software update came before new content): the
    // store is migrated forward here, before any network, so the kiosk reads it again now
    // rather than showing nothing until a new version is published. Its next update is a full
    // download (upgrade_store drops the recorded digest).
    if (current && !alerts_only) {
        auto upgraded = content::upgrade_store(current->path);
        if (!upgraded)
            log::warn(kLog, "the live store was not migrated: " + upgraded.message());
        else if (*upgraded)
            log::info(kLog, "the live store was migrated to schema " +
                                std::to_string(content::current_schema_version()));
    }
    std::int64_t last_root_probe = read_int(clock, "last_root_probe");
    bool quick = !clock_suspect && now - last_root_probe < config.root_probe_max_age_seconds &&
                 now >= last_root_probe;
    bool nothing_new = false;
    if (quick) {
        auto u = up.unchanged(read_string(clock, "timestamp_etag"));
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

    // Alerts first: they are small and may be urgent. Unchanged metadata, unchanged alerts,
    // unless the last try failed (alerts/retry): the metadata it verified is trusted by now.
    if (nothing_new && state_root->exists("alerts/alerts.json") &&
        !state_root->exists("alerts/retry")) {
        if (auto held = alerts::read_kiosk_alerts(state))
            status.alerts = static_cast<int>(held->size());
    } else if (auto n = update_alerts(up); n) {
        status.alerts = *n;
        (void)state_root->remove("alerts/retry");
    } else {
        status.alerts_error = n.message();
        log::warn(kLog, "fleet alerts not updated: " + n.message());
        if (state_root->subdir("alerts", true))
            (void)state_root->write_atomically("alerts/retry", n.message() + "\n");
        if (auto held = alerts::read_kiosk_alerts(state))
            status.alerts = static_cast<int>(held->size());
    }
    if (alerts_only) return SyncResult::up_to_date;

    auto info = up.target(publish::kStoreTarget);
    if (!info)
        return make_error("the repository holds no content store yet (" + info.message() + ")");
    // The central content is the top-level targets role's alone: a delegated role that also
    // names it (the search reaches delegations only when the top level does not) is not heard.
    if (info->role != "targets")
        return make_error(std::string(publish::kStoreTarget) + ": listed by delegated role " +
                          info->role + ", not by the central targets role");
    auto store_target = read_store_target(*info);
    if (!store_target) return store_target.error();
    const std::int64_t want = store_target->content_version;
    const std::string want_sha = store_target->rows_sha256;
    const std::int64_t want_schema = store_target->schema_version;

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

    // Leftovers of an interrupted apply are useless; a partial download is kept for resume
    // only when it is one of the files signed now (no more than their signed sizes).
    std::set<std::string> resumable;
    if (auto p = partial_name(*info)) resumable.insert(*p);
    if (current)
        if (auto delta = up.target(publish::delta_target(current->version)))
            if (auto p = partial_name(*delta)) resumable.insert(*p);
    clean_dir(downloads_dir(state), resumable);
    if (current) {
        // What a reader no longer needs of the last change goes back into the store file.
        (void)content::checkpoint_store(current->path);
        auto in_place = apply_in_place(up, *current, *store_target);
        if (in_place) {
            clean_dir(downloads_dir(state));
            status.version = want;
            return SyncResult::updated;
        }
        log::info(kLog, "changes not applied in place (" + in_place.message() +
                            "); fetching the full store");
    }
    std::int64_t held = 0;
    for (const auto& name : resumable)
        if (auto size = downloads->file_size(name)) held += *size;

    // Free disk: the compressed download, the uncompressed row image and the store built from
    // it, plus the configured margin; what is already downloaded counts as done.
    const std::int64_t need = std::max<std::int64_t>(info->length - held, 0) +
                              store_target->rows_length + store_target->store_length +
                              config.min_free_bytes;
    const std::int64_t avail = free_bytes(state);
    if (avail >= 0 && avail < need)
        return make_error(
            "not enough free disk in " + state.string() + ": " + files::describe_bytes(avail) +
            " free, " + files::describe_bytes(need) + " needed (download " +
            files::describe_bytes(std::max<std::int64_t>(info->length - held, 0)) + ", row image " +
            files::describe_bytes(store_target->rows_length) + ", store " +
            files::describe_bytes(store_target->store_length) + ", margin min_free_bytes " +
            files::describe_bytes(config.min_free_bytes) + "): " +
            files::describe_bytes(need - avail) + " short");

    const std::string rows_name = "apply-" + std::to_string(want) + ".rows";
    const fs::path rows = downloads_dir(state) / rows_name;
    if (auto built = build_from_full(up, *info, *store_target, rows_name); !built)
        return built.error();

    // The store itself is built here, from the verified rows, into a file of its own: the
    // live store stays open and readable throughout.
    const auto apply_start = guichet::clock::monotonic_ms();
    const std::string out_name = "apply-" + std::to_string(want) + ".db";
    const fs::path out = downloads_dir(state) / out_name;
    std::error_code ec;
    if (auto b = content::build_store_from_rows(rows, out); !b) {
        fs::remove(out, ec);
        return make_error("building the store from its rows: " + b.message());
    }
    // Not needed once the store is built: later versions change the store itself.
    (void)downloads->remove(rows_name);
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
    // Built from an image of an older schema, the store was migrated to this program's.
    const bool migrated =
        *schema == content::current_schema_version() && want_schema < *schema;
    if (*schema != want_schema && !migrated) {
        fs::remove(out, ec);
        return make_error("store schema version " + std::to_string(*schema) +
                          " differs from the signed " + std::to_string(want_schema));
    }

    // Built from the verified image, the store holds the signed content: its signed digest
    // is recorded in it, for the changes of later versions to start from (computed here only
    // when an older publisher signed none).
    std::string digest = store_target->content_digest;
    if (digest.empty()) {
        auto computed = content::store_content_digest(out);
        if (!computed) {
            fs::remove(out, ec);
            return computed.error();
        }
        digest = *computed;
    }
    if (auto p = content::prepare_store_for_changes(out, {digest, want}); !p) {
        fs::remove(out, ec);
        return p.error();
    }
    // Migrated, its rows are no longer the signed ones: no digest to change it from.
    if (migrated) {
        if (auto f = content::forget_store_digest(out); !f) {
            fs::remove(out, ec);
            return f.error();
        }
        digest.clear();
    }

    // Switch: a new file name per version (never renamed over an open database), then the
    // pointer replaced atomically; the previous store stays for rollback.
    fsync_path(out, false);
    ContentPointer next;
    next.version = want;
    next.sha256 = want_sha;
    next.digest = digest;
    next.targets_version = up.trusted().targets()->version;
    // want_sha was checked to be 64 lowercase hex digits.
    const std::string store_name =
        "store-" + std::to_string(want) + "-" + want_sha.substr(0, 12) + ".db";
    next.path = content_dir(state) / store_name;
    if (auto r = state_root->rename("downloads/" + out_name, "content/" + store_name); !r)
        return r.error();
    fsync_path(content_dir(state), true);
    std::optional<ContentPointer> previous;
    if (current) {
        previous = *current;
        previous->undo.clear();
    }
    if (auto w = write_pointer(state, next, previous); !w) return w.error();
    std::set<std::string> keep = {"current.json", "boot.json", "bad-versions.json", store_name,
                                  store_name + "-wal", store_name + "-shm"};
    if (previous)
        for (const char* suffix : {"", "-wal", "-shm"})
            keep.insert(previous->path.filename().string() + suffix);
    clean_dir(content_dir(state), keep);
    clean_dir(downloads_dir(state));
    status.version = want;
    return SyncResult::updated;
}

}  // namespace

SyncStatus SyncClient::run_once() {
    return attempt(false);
}

SyncStatus SyncClient::check_alerts() {
    return attempt(true);
}

SyncStatus SyncClient::attempt(bool alerts_only) {
    cancelled_ = false;
    auto start = guichet::clock::monotonic_ms();
    Attempt a{config_, cancelled_, progress_, alerts_only, {}, nullptr, 0, {}, {}, {}};
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
    } catch (...) {
        r = make_error("internal error");
    }
    if (r) {
        a.status.result = *r;
    } else {
        // A failed attempt leaves only resumable partial downloads behind.
        if (locked && a.downloads) {
            if (auto entries = a.downloads->list())
                for (const auto& e : *entries)
                    if (!e.name.ends_with(".part") ||
                        e.kind != files::ConfinedDir::Entry::Kind::regular)
                        (void)a.downloads->remove(e.name);
        }
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
    // The running attempt owns status.json; an alert-only check leaves the content's record
    // (and its backoff) alone.
    if (!locked || alerts_only) return a.status;
    std::error_code ec;
    fs::create_directories(config_.state_dir / "sync", ec);
    if (auto w = write_json(status_file(config_.state_dir), status_json(a.status)); !w)
        log::error(kLog, w.message());
    return a.status;
}

}  // namespace guichet::sync
