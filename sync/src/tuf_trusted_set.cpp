// SPDX-License-Identifier: GPL-3.0-or-later
// The trusted set: each role's metadata admitted only after every check of §5.3-§5.6, in the
// order the specification fixes; a failed update leaves what was trusted before.
#include "sync/tuf.h"

#include "tuf_internal.h"

namespace guichet::sync::tuf {
using namespace detail;

// ---- TrustedSet ---------------------------------------------------------------------------

Result<TrustedSet> TrustedSet::from_root(const std::string& root_bytes, std::int64_t now) {
    auto md = parse(root_bytes, "root");
    if (!md) return md.error();
    if (auto v = verify_role(*md, "root", *md); !v) return err("trusted root: " + v.message());
    TrustedSet ts;
    ts.now_ = now;
    ts.root_ = std::move(*md);
    return ts;
}

Result<bool> TrustedSet::update_root(const std::string& bytes) {
    if (timestamp_) return err("root cannot change once timestamp is loaded");
    auto md = parse(bytes, "root");
    if (!md) return md.error();
    // §5.3.4: a threshold of the trusted root's keys and of the new root's own.
    if (auto v = verify_role(root_, "root", *md); !v)
        return err("new root (old keys): " + v.message());
    if (auto v = verify_role(*md, "root", *md); !v)
        return err("new root (its own keys): " + v.message());
    // §5.3.5: older is a rollback; the same version is discarded and the update goes on with
    // the trusted root; anything but N+1 is refused.
    if (md->version < root_.version)
        return err("root.json rollback: version " + std::to_string(md->version) + " < trusted " +
                   std::to_string(root_.version));
    if (md->version == root_.version) return false;
    if (md->version != root_.version + 1)
        return err("root.json: expected version " + std::to_string(root_.version + 1) + ", got " +
                   std::to_string(md->version));
    root_ = std::move(*md);
    return true;
}

Result<void> TrustedSet::load_local_timestamp(const std::string& bytes) {
    auto md = parse(bytes, "timestamp");
    if (!md) return md.error();
    if (auto v = verify_role(root_, "timestamp", *md); !v) return v;
    timestamp_ = std::move(*md);
    return {};
}

Result<bool> TrustedSet::update_timestamp(const std::string& bytes) {
    if (snapshot_) return err("timestamp cannot change once snapshot is loaded");
    if (root_.expires <= now_) return err("root.json expired on " + format_utc(root_.expires));
    auto md = parse(bytes, "timestamp");
    if (!md) return md.error();
    if (auto v = verify_role(root_, "timestamp", *md); !v) return v.error();
    if (timestamp_) {
        if (md->version < timestamp_->version)
            return err("timestamp.json rollback: version " + std::to_string(md->version) +
                       " < trusted " + std::to_string(timestamp_->version));
        if (md->version == timestamp_->version) return false;
        if (md->meta.at("snapshot.json").version < timestamp_->meta.at("snapshot.json").version)
            return err("timestamp.json lists snapshot version " +
                       std::to_string(md->meta.at("snapshot.json").version) + " < trusted " +
                       std::to_string(timestamp_->meta.at("snapshot.json").version));
    }
    if (md->expires <= now_) return err("timestamp.json expired on " + format_utc(md->expires));
    timestamp_ = std::move(*md);
    return true;
}

Result<void> TrustedSet::check_final_timestamp() const {
    if (!timestamp_) return err("no trusted timestamp");
    if (timestamp_->expires <= now_)
        return err("timestamp.json expired on " + format_utc(timestamp_->expires));
    return {};
}

Result<void> TrustedSet::check_final_snapshot() const {
    if (!snapshot_) return err("no trusted snapshot");
    if (snapshot_->expires <= now_)
        return err("snapshot.json expired on " + format_utc(snapshot_->expires));
    if (snapshot_->version != timestamp_->meta.at("snapshot.json").version)
        return err("snapshot.json version " + std::to_string(snapshot_->version) +
                   " differs from timestamp's " +
                   std::to_string(timestamp_->meta.at("snapshot.json").version));
    return {};
}

Result<void> TrustedSet::update_snapshot(const std::string& bytes, bool from_local) {
    if (!timestamp_) return err("snapshot before timestamp");
    if (targets_) return err("snapshot cannot change once targets is loaded");
    if (auto f = check_final_timestamp(); !f) return f;
    const MetaFile& expected = timestamp_->meta.at("snapshot.json");
    if (!from_local) {
        if (auto c = check_length_and_hashes(bytes, expected.length, expected.hashes); !c)
            return err("snapshot.json: " + c.message());
    }
    auto md = parse(bytes, "snapshot");
    if (!md) return md.error();
    if (auto v = verify_role(root_, "snapshot", *md); !v) return v;
    if (snapshot_) {
        for (const auto& [name, old] : snapshot_->meta) {
            auto now_meta = md->meta.find(name);
            if (now_meta == md->meta.end())
                return err("snapshot.json no longer lists " + shown_role(name));
            if (now_meta->second.version < old.version)
                return err("snapshot.json rollback of " + shown_role(name) + ": version " +
                           std::to_string(now_meta->second.version) + " < trusted " +
                           std::to_string(old.version));
        }
    }
    // Kept even when it fails the final checks: an old snapshot still guards against rollback.
    snapshot_ = std::move(*md);
    return check_final_snapshot();
}

Result<void> TrustedSet::update_targets(const std::string& bytes, bool from_local) {
    if (!snapshot_) return err("targets before snapshot");
    if (auto f = check_final_snapshot(); !f) return f;
    auto it = snapshot_->meta.find("targets.json");
    if (it == snapshot_->meta.end()) return err("snapshot.json does not list targets.json");
    if (!from_local) {
        if (auto c = check_length_and_hashes(bytes, it->second.length, it->second.hashes); !c)
            return err("targets.json: " + c.message());
    }
    auto md = parse(bytes, "targets");
    if (!md) return md.error();
    if (auto v = verify_role(root_, "targets", *md); !v) return v;
    if (md->version != it->second.version)
        return err("targets.json version " + std::to_string(md->version) +
                   " differs from snapshot's " + std::to_string(it->second.version));
    if (md->expires <= now_) return err("targets.json expired on " + format_utc(md->expires));
    targets_ = std::move(*md);
    return {};
}

Result<void> TrustedSet::update_delegated_targets(const std::string& bytes, const std::string& role,
                                                  const Delegations& delegator,
                                                  const RoleKeys& role_keys) {
    if (!snapshot_) return err("delegated targets before snapshot");
    if (!targets_) return err("delegated targets before the top-level targets");
    if (auto f = check_final_snapshot(); !f) return f;
    auto it = snapshot_->meta.find(role + ".json");
    if (it == snapshot_->meta.end())
        return err("role " + shown_role(role) + " is delegated but snapshot.json does not list it");
    if (auto c = check_length_and_hashes(bytes, it->second.length, it->second.hashes); !c)
        return err(shown_role(role) + ".json: " + c.message());
    auto md = parse(bytes, "targets", role);
    if (!md) return md.error();
    if (auto v = verify_signatures(delegator.keys, role_keys, *md, role); !v) return v;
    if (md->version != it->second.version)
        return err(shown_role(role) + ".json version " + std::to_string(md->version) +
                   " differs from snapshot's " + std::to_string(it->second.version));
    if (md->expires <= now_)
        return err(shown_role(role) + ".json expired on " + format_utc(md->expires));
    delegated_[role] = std::move(*md);
    return {};
}

const Metadata* TrustedSet::delegated(const std::string& role) const {
    auto it = delegated_.find(role);
    return it == delegated_.end() ? nullptr : &it->second;
}

}  // namespace guichet::sync::tuf
