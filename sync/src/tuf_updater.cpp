// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/tuf.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

#include "sync/crypto.h"
#include "sync/names.h"

#include "tuf_internal.h"

namespace guichet::sync::tuf {
using namespace detail;

std::int64_t max_length(const std::string& role) {
    if (role == "root") return kRootMaxLength;
    if (role == "timestamp") return kTimestampMaxLength;
    if (role == "snapshot") return kSnapshotMaxLength;
    return kTargetsMaxLength;
}

// ---- Updater ------------------------------------------------------------------------------

Updater::Updater(UpdaterOptions options, Transport& metadata_transport, Transport& target_transport)
    : options_(std::move(options)),
      metadata_transport_(metadata_transport),
      target_transport_(target_transport) {}

Result<void> Updater::open_metadata_dir() {
    if (metadata_dir_) return {};
    auto dir = files::ConfinedDir::create(options_.metadata_dir);
    if (!dir) return dir.error();
    metadata_dir_.emplace(std::move(*dir));
    return {};
}

std::optional<std::string> Updater::read_local(const std::string& role) const {
    if (!metadata_dir_) return std::nullopt;
    auto bytes = metadata_dir_->read(role + ".json", max_length(role));
    if (!bytes) return std::nullopt;
    return std::move(*bytes);
}

Result<void> Updater::persist(const std::string& role, const std::string& bytes) {
    if (auto opened = open_metadata_dir(); !opened) return opened;
    return metadata_dir_->write_atomically(role + ".json", bytes);
}

namespace {

// The length a parent role declares for a metadata file, within the role's cap.
Result<std::int64_t> declared_length(const MetaFile& meta, const std::string& role) {
    const std::int64_t cap = max_length(role);
    if (!meta.length) return cap;
    if (*meta.length > cap)
        return err(role + ".json: the signed length " + std::to_string(*meta.length) +
                   " is more than the " + std::to_string(cap) + " bytes this client accepts");
    return *meta.length;
}

}  // namespace

Result<bool> Updater::refresh() {
    if (auto opened = open_metadata_dir(); !opened) return opened.error();
    auto root_bytes = read_local("root");
    if (!root_bytes)
        return err((options_.metadata_dir / "root.json").string() + ": no trusted root");
    auto ts = TrustedSet::from_root(*root_bytes, options_.now);
    if (!ts) return ts.error();
    trusted_ = std::move(*ts);

    // Root chain, one version at a time.
    const RoleKeys old_ts_keys = trusted_->root().roles.at("timestamp");
    const RoleKeys old_snap_keys = trusted_->root().roles.at("snapshot");
    for (int i = 0; i < kMaxRootRotations; ++i) {
        std::string next = std::to_string(trusted_->root().version + 1) + ".root.json";
        std::string body;
        auto f = metadata_transport_.fetch(options_.metadata_prefix + next, kRootMaxLength, body);
        if (f.not_found) break;
        if (!f.ok) return err(next + ": " + f.error);
        if (auto u = trusted_->update_root(body); !u) return err(next + ": " + u.message());
        if (auto p = persist("root", body); !p) return p.error();
    }
    const auto& roles = trusted_->root().roles;
    if (roles.at("timestamp").keyids != old_ts_keys.keyids ||
        roles.at("snapshot").keyids != old_snap_keys.keyids) {
        // Fast-forward recovery: the old timestamp/snapshot may carry versions an attacker
        // pushed with compromised keys.
        if (auto r = metadata_dir_->remove("timestamp.json"); !r) return r.error();
        if (auto r = metadata_dir_->remove("snapshot.json"); !r) return r.error();
    }

    // Timestamp.
    if (auto local = read_local("timestamp")) (void)trusted_->load_local_timestamp(*local);
    std::string ts_body;
    if (prefetched_timestamp_) {
        ts_body = std::move(*prefetched_timestamp_);
        prefetched_timestamp_.reset();
    } else {
        auto f = metadata_transport_.fetch(options_.metadata_prefix + "timestamp.json",
                                           kTimestampMaxLength, ts_body);
        if (!f.ok) return err("timestamp.json: " + f.error);
        etag_ = f.etag;
    }
    auto updated = trusted_->update_timestamp(ts_body);
    if (!updated) return updated.error();
    if (*updated) {
        if (auto p = persist("timestamp", ts_body); !p) return p.error();
    }

    // Snapshot: the local one when it is the version timestamp names.
    bool snapshot_ok = false;
    if (auto local = read_local("snapshot"))
        snapshot_ok = trusted_->update_snapshot(*local, true).ok();
    if (!snapshot_ok) {
        const MetaFile& m = trusted_->timestamp()->meta.at("snapshot.json");
        std::string name = trusted_->root().consistent_snapshot
                               ? std::to_string(m.version) + ".snapshot.json"
                               : "snapshot.json";
        auto length = declared_length(m, "snapshot");
        if (!length) return length.error();
        std::string body;
        auto r = metadata_transport_.fetch(options_.metadata_prefix + name, *length, body);
        if (!r.ok) return err(name + ": " + r.error);
        if (auto u = trusted_->update_snapshot(body, false); !u)
            return err(name + ": " + u.message());
        if (auto p = persist("snapshot", body); !p) return p.error();
    }

    // Targets.
    bool targets_ok = false;
    if (auto local = read_local("targets"))
        targets_ok = trusted_->update_targets(*local, true).ok();
    if (!targets_ok) {
        auto it = trusted_->snapshot()->meta.find("targets.json");
        if (it == trusted_->snapshot()->meta.end())
            return err("snapshot.json does not list targets.json");
        std::string name = trusted_->root().consistent_snapshot
                               ? std::to_string(it->second.version) + ".targets.json"
                               : "targets.json";
        auto length = declared_length(it->second, "targets");
        if (!length) return length.error();
        std::string body;
        auto r = metadata_transport_.fetch(options_.metadata_prefix + name, *length, body);
        if (!r.ok) return err(name + ": " + r.error);
        if (auto u = trusted_->update_targets(body, false); !u)
            return err(name + ": " + u.message());
        if (auto p = persist("targets", body); !p) return p.error();
    }
    return *updated;
}

Result<bool> Updater::unchanged(const std::string& etag) {
    if (auto opened = open_metadata_dir(); !opened) return opened.error();
    auto root_bytes = read_local("root");
    auto ts_bytes = read_local("timestamp");
    auto snap_bytes = read_local("snapshot");
    auto targets_bytes = read_local("targets");
    if (!root_bytes)
        return err((options_.metadata_dir / "root.json").string() + ": no trusted root");
    std::string body;
    auto f = metadata_transport_.fetch(
        options_.metadata_prefix + "timestamp.json", kTimestampMaxLength, body,
        ts_bytes && snap_bytes && targets_bytes ? etag : std::string());
    if (!f.ok && !f.not_modified) return err("timestamp.json: " + f.error);
    if (f.ok) {
        etag_ = f.etag;
        prefetched_timestamp_ = body;
    } else {
        etag_ = etag;
    }
    if (!ts_bytes || !snap_bytes || !targets_bytes) return false;
    auto ts = TrustedSet::from_root(*root_bytes, options_.now);
    if (!ts) return ts.error();
    if (!ts->load_local_timestamp(*ts_bytes)) return false;
    if (f.ok) {
        auto md = parse(body, "timestamp");
        if (!md || md->version != ts->timestamp()->version || body != *ts_bytes) return false;
    }
    if (ts->root().expires <= options_.now) return false;
    if (!ts->update_snapshot(*snap_bytes, true)) return false;
    if (!ts->update_targets(*targets_bytes, true)) return false;
    trusted_ = std::move(*ts);
    prefetched_timestamp_.reset();
    return true;
}

Result<TargetFile> Updater::target(const std::string& path) const {
    if (!trusted_ || !trusted_->targets()) return err("metadata not refreshed");
    auto it = trusted_->targets()->targets.find(path);
    if (it == trusted_->targets()->targets.end()) return err("no target named " + path);
    return it->second;
}

std::string Updater::target_url_name(const std::string& path, const TargetFile& info) const {
    if (!trusted_->root().consistent_snapshot) return options_.targets_prefix + path;
    auto slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    auto h = info.hashes.count("sha256") ? info.hashes.at("sha256") : info.hashes.begin()->second;
    return options_.targets_prefix + dir + h + "." + base;
}

Result<void> Updater::download_target(const std::string& path, const TargetFile& info,
                                      const files::ConfinedDir& dir, const std::string& file_name) {
    // Metadata was checked when parsed; checked again here, where the names become a URL and
    // a file.
    if (auto ok = names::check_target_path(path); !ok) return err(ok.message());
    if (auto ok = files::check_file_name(file_name); !ok)
        return err(dir.path().string() + ": refused name: " + ok.message());
    // Resume only when the name is immutable (hash-prefixed): otherwise the bytes already
    // here may belong to another version of the file.
    if (!trusted_->root().consistent_snapshot) {
        if (auto r = dir.remove(file_name); !r) return r.error();
    }
    auto fd = dir.open_file(file_name, O_RDWR | O_CREAT, 0644);
    if (!fd) return fd.error();
    const auto discard = [&](const std::string& why) {
        (void)dir.remove(file_name);
        return err(path + ": " + why);
    };
    auto r = target_transport_.download(target_url_name(path, info), info.length, fd->get());
    if (!r.ok) {
        if (r.discard) (void)dir.remove(file_name);
        return err(path + ": " + r.error);
    }
    struct stat st {};
    if (::fstat(fd->get(), &st) != 0 || static_cast<std::int64_t>(st.st_size) != info.length)
        return discard("length differs from the signed " + std::to_string(info.length));
    bool verified = false;
    for (const auto& [alg, hex] : info.hashes) {
        if (!names::is_known_hash_algorithm(alg)) continue;
        auto got = digest_file_hex(alg, fd->get());
        if (!got) return err(path + ": " + got.message());
        if (*got != hex) return discard(alg + " mismatch (tampered or corrupted); discarded");
        verified = true;
    }
    if (!verified) return discard("no hash algorithm this client computes (sha256, sha512)");
    return {};
}

}  // namespace guichet::sync::tuf
