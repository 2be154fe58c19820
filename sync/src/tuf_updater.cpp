// SPDX-License-Identifier: GPL-3.0-or-later
// The client workflow over a transport: the root chain, timestamp, snapshot, targets, and the
// pre-order depth-first search of delegated roles for one target (§5.6.7); then the target
// itself, checked against every supported hash its role lists.
#include "sync/tuf.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

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
    auto name = role_file_name(role);
    if (!metadata_dir_ || !name) return std::nullopt;
    auto bytes = metadata_dir_->read(*name, max_length(role));
    if (!bytes) return std::nullopt;
    return std::move(*bytes);
}

Result<void> Updater::persist(const std::string& role, const std::string& bytes) {
    auto name = role_file_name(role);
    if (!name) return name.error();
    if (auto opened = open_metadata_dir(); !opened) return opened;
    return metadata_dir_->write_atomically(*name, bytes);
}

// Trusted files of delegated roles the new snapshot no longer lists: a repository can make a
// client keep one file per role it ever delegated, so only the listed ones stay.
void Updater::forget_undelegated_roles() {
    std::set<std::string> keep = {"root.json", "timestamp.json", "snapshot.json", "targets.json"};
    constexpr std::string_view suffix = ".json";
    for (const auto& [name, meta] : trusted_->snapshot()->meta) {
        if (name.size() <= suffix.size() ||
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        if (auto file = role_file_name(name.substr(0, name.size() - suffix.size())))
            keep.insert(*file);
    }
    auto entries = metadata_dir_->list();
    if (!entries) return;
    for (const auto& e : *entries) {
        const std::string& file = e.name;
        if (e.kind == files::ConfinedDir::Entry::Kind::regular && file.size() > 5 &&
            file.compare(file.size() - 5, 5, ".json") == 0 && !keep.count(file))
            (void)metadata_dir_->remove(file);
    }
}

namespace {

// The length a parent role declares for a metadata file, within the role's cap.
Result<std::int64_t> declared_length(const MetaFile& meta, const std::string& role) {
    const std::int64_t cap = max_length(role);
    if (!meta.length) return cap;
    if (*meta.length > cap)
        return err(shown_role(role) + ".json: the signed length " + std::to_string(*meta.length) +
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

    // Root chain, one version at a time. An intermediate root may have expired (§5.3.6):
    // only the last one is checked, in update_timestamp.
    const RoleKeys old_ts_keys = trusted_->root().roles.at("timestamp");
    const RoleKeys old_snap_keys = trusted_->root().roles.at("snapshot");
    for (int i = 0; i < options_.max_root_rotations; ++i) {
        std::string next = std::to_string(trusted_->root().version + 1) + ".root.json";
        std::string body;
        auto f = metadata_transport_.fetch(options_.metadata_prefix + next, kRootMaxLength, body);
        if (f.not_found) break;
        if (!f.ok) return err(next + ": " + f.error);
        auto u = trusted_->update_root(body);
        if (!u) return err(next + ": " + u.message());
        if (!*u) break;  // N+1.root.json holds version N: discarded, the chain ends (§5.3.5)
        if (auto p = persist("root", body); !p) return p.error();
    }
    const auto& roles = trusted_->root().roles;
    if (roles.at("timestamp").keyids != old_ts_keys.keyids ||
        roles.at("snapshot").keyids != old_snap_keys.keyids) {
        // Fast-forward recovery (§5.3.11): the old timestamp/snapshot may carry versions an
        // attacker pushed with compromised keys, for themselves and for every targets role.
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
    forget_undelegated_roles();

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

Result<const Metadata*> Updater::load_delegated(const std::string& role,
                                                const Delegations& delegator,
                                                const RoleKeys& role_keys) {
    if (const Metadata* known = trusted_->delegated(role)) {
        // Loaded by an earlier lookup, perhaps through another delegator: it must also carry
        // the signatures this delegator asks for.
        if (auto v = verify_signatures(delegator.keys, role_keys, *known, role); !v)
            return v.error();
        return known;
    }
    if (auto file = role_file_name(role); !file) return file.error();
    if (auto local = read_local(role))
        if (trusted_->update_delegated_targets(*local, role, delegator, role_keys))
            return trusted_->delegated(role);
    auto meta = trusted_->snapshot()->meta.find(role + ".json");
    if (meta == trusted_->snapshot()->meta.end())
        return err("role " + shown_role(role) + " is delegated but snapshot.json does not list it");
    const std::string url = role_url_name(role);
    const std::string name = trusted_->root().consistent_snapshot
                                 ? std::to_string(meta->second.version) + "." + url
                                 : url;
    auto length = declared_length(meta->second, role);
    if (!length) return length.error();
    std::string body;
    auto r = metadata_transport_.fetch(options_.metadata_prefix + name, *length, body);
    if (!r.ok) return err(name + ": " + r.error);
    if (auto u = trusted_->update_delegated_targets(body, role, delegator, role_keys); !u)
        return u.error();
    if (auto p = persist(role, body); !p) return p.error();
    return trusted_->delegated(role);
}

Result<TargetFile> Updater::target(const std::string& path) {
    if (!trusted_ || !trusted_->targets()) return err("metadata not refreshed");
    if (auto ok = names::check_target_path(path); !ok) return err(ok.message());
    // Roles still to visit, each with the role that delegated to it (top of the stack last).
    std::vector<std::pair<std::string, std::string>> stack = {{"targets", ""}};
    std::set<std::string> visited;
    while (!stack.empty()) {
        auto [role, parent] = stack.back();
        stack.pop_back();
        if (visited.count(role)) continue;  // a cycle, or a role reached twice
        if (static_cast<int>(visited.size()) >= options_.max_delegations)
            return err("no target named " + path + ": the delegation search stopped after " +
                       std::to_string(visited.size()) + " roles (the limit)");
        const Metadata* md = nullptr;
        if (parent.empty()) {
            md = &*trusted_->targets();
        } else {
            const Metadata* delegator =
                parent == "targets" ? &*trusted_->targets() : trusted_->delegated(parent);
            auto keys = delegator->delegations->keys_of(role);
            if (!keys) return err(shown_role(parent) + " does not delegate to " + shown_role(role));
            auto loaded = load_delegated(role, *delegator->delegations, *keys);
            if (!loaded) return err("looking up " + path + ": " + loaded.message());
            md = *loaded;
        }
        if (auto it = md->targets.find(path); it != md->targets.end()) return it->second;
        visited.insert(role);
        if (!md->delegations) continue;
        std::vector<std::pair<std::string, std::string>> children;
        for (const auto& [child, terminating] : md->delegations->roles_for(path)) {
            children.emplace_back(child, role);
            if (terminating) {
                // Nothing outside this role's subtree may answer for this path (§5.6.7.2.1).
                stack.clear();
                break;
            }
        }
        stack.insert(stack.end(), children.rbegin(), children.rend());
    }
    return err("no target named " + path);
}

std::string Updater::target_url_name(const std::string& path, const TargetFile& info) const {
    if (!trusted_->root().consistent_snapshot)
        return options_.targets_prefix + percent_encode(path, true);
    auto slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    std::string h = info.hashes.count("sha256") ? info.hashes.at("sha256") : std::string();
    for (const auto& [alg, hex] : info.hashes)
        if (h.empty() && is_supported_digest(alg)) h = hex;
    if (h.empty() && !info.hashes.empty()) h = info.hashes.begin()->second;
    return options_.targets_prefix + percent_encode(dir, true) + percent_encode(h) + "." +
           percent_encode(base);
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
    // Every hash of an algorithm this client computes must match, and there must be one.
    std::vector<std::string> algorithms;
    for (const auto& [alg, hex] : info.hashes)
        if (is_supported_digest(alg)) algorithms.push_back(alg);
    if (algorithms.empty())
        return discard("no hash of an algorithm this client computes (sha256, sha512, ...)");
    auto digests = file_digests_hex(fd->get(), algorithms);
    if (!digests) return err(path + ": " + digests.message());
    for (const auto& alg : algorithms)
        if (digests->at(alg) != info.hashes.at(alg))
            return discard(alg + " mismatch (tampered or corrupted); discarded");
    return {};
}

}  // namespace guichet::sync::tuf
