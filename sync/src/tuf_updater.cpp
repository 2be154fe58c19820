// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/tuf.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

#include "sync/crypto.h"

#include "tuf_internal.h"

namespace guichet::sync::tuf {
using namespace detail;

// ---- files --------------------------------------------------------------------------------

Result<void> write_file_atomically(const std::filesystem::path& path, const std::string& bytes) {
    auto tmp = path;
    tmp += ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return err(tmp.string() + ": cannot create: " + std::strerror(errno));
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            std::string why = std::strerror(errno);
            ::close(fd);
            ::unlink(tmp.c_str());
            return err(tmp.string() + ": write failed: " + why);
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) {
        std::string why = std::strerror(errno);
        ::close(fd);
        ::unlink(tmp.c_str());
        return err(tmp.string() + ": fsync failed: " + why);
    }
    ::close(fd);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        std::string why = std::strerror(errno);
        ::unlink(tmp.c_str());
        return err(path.string() + ": rename failed: " + why);
    }
    auto dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

// ---- Updater ------------------------------------------------------------------------------

Updater::Updater(UpdaterOptions options, Transport& metadata_transport, Transport& target_transport)
    : options_(std::move(options)),
      metadata_transport_(metadata_transport),
      target_transport_(target_transport) {}

std::optional<std::string> Updater::read_local(const std::string& role) const {
    return read_file(options_.metadata_dir / (role + ".json"));
}

Result<void> Updater::persist(const std::string& role, const std::string& bytes) {
    return write_file_atomically(options_.metadata_dir / (role + ".json"), bytes);
}

Result<bool> Updater::refresh() {
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
        std::error_code ec;
        std::filesystem::remove(options_.metadata_dir / "timestamp.json", ec);
        std::filesystem::remove(options_.metadata_dir / "snapshot.json", ec);
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
        std::string body;
        auto r = metadata_transport_.fetch(options_.metadata_prefix + name,
                                           m.length.value_or(kSnapshotMaxLength), body);
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
        std::string body;
        auto r = metadata_transport_.fetch(options_.metadata_prefix + name,
                                           it->second.length.value_or(kTargetsMaxLength), body);
        if (!r.ok) return err(name + ": " + r.error);
        if (auto u = trusted_->update_targets(body, false); !u)
            return err(name + ": " + u.message());
        if (auto p = persist("targets", body); !p) return p.error();
    }
    return *updated;
}

Result<bool> Updater::unchanged(const std::string& etag) {
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
                                      const std::filesystem::path& partial) {
    // Resume only when the name is immutable (hash-prefixed): otherwise the bytes already
    // here may belong to another version of the file.
    if (!trusted_->root().consistent_snapshot) {
        std::error_code ec;
        std::filesystem::remove(partial, ec);
    }
    auto r = target_transport_.download(target_url_name(path, info), info.length, partial);
    if (!r.ok) return err(path + ": " + r.error);
    std::error_code ec;
    auto size = std::filesystem::file_size(partial, ec);
    if (ec || static_cast<std::int64_t>(size) != info.length) {
        std::filesystem::remove(partial, ec);
        return err(path + ": length differs from the signed " + std::to_string(info.length));
    }
    for (const auto& [alg, hex] : info.hashes) {
        if (alg != "sha256" && alg != "sha512")
            return err(path + ": unsupported hash algorithm " + alg);
        std::string got;
        if (alg == "sha256") {
            auto h = sha256_file_hex(partial);
            if (!h) return h.error();
            got = *h;
        } else {
            auto body = read_file(partial);
            got = body ? hash_hex("sha512", *body) : "";
        }
        if (got != hex) {
            std::filesystem::remove(partial, ec);
            return err(path + ": " + alg + " mismatch (tampered or corrupted); discarded");
        }
    }
    return {};
}

}  // namespace guichet::sync::tuf
