// SPDX-License-Identifier: GPL-3.0-or-later
// Who may sign what: root rotation (at once, or as a draft each holder of an offline key signs
// in turn, published once it passes a kiosk's own checks) and delegation of a namespace to a
// role with keys of its own.
#include <algorithm>
#include <set>

#include "platform/files.h"
#include "sync/publish.h"
#include "sync/tuf.h"

#include "publish_internal.h"

namespace guichet::sync::publish {
using namespace detail;

namespace {

void drop_unused_keys(nlohmann::json& keys, const nlohmann::json& roles_container) {
    std::set<std::string> used;
    auto collect = [&](const nlohmann::json& entry) {
        if (entry.is_object() && entry.contains("keyids") && entry["keyids"].is_array())
            for (const auto& id : entry["keyids"])
                if (id.is_string()) used.insert(id.get<std::string>());
    };
    if (roles_container.is_object())
        for (auto it = roles_container.begin(); it != roles_container.end(); ++it)
            collect(it.value());
    else if (roles_container.is_array())
        for (const auto& entry : roles_container) collect(entry);
    for (auto it = keys.begin(); it != keys.end();) {
        if (!used.count(it.key()))
            it = keys.erase(it);
        else
            ++it;
    }
}

Result<nlohmann::json> read_document(const fs::path& file) {
    auto text = read_text(file);
    if (!text) return text.error();
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("signed") || !j["signed"].is_object() ||
        !j.contains("signatures") || !j["signatures"].is_array())
        return make_error(file.string() + ":1: not TUF metadata (signed and signatures)");
    return j;
}

// Could `pattern` match a path of the central namespace ("guichet/...")?
bool reaches_central(const std::string& pattern) {
    auto slash = pattern.find('/');
    if (slash == std::string::npos) return false;  // one segment: never a guichet/x path
    return tuf::match_path_pattern(pattern.substr(0, slash), "guichet");
}

}  // namespace

Result<void> rotate_role(const RotateOptions& o) {
    auto repo = load_repo(o.repo);
    if (!repo) return repo.error();
    auto root = repo->root;
    root["version"] = repo->root_version + 1;
    root["expires"] = tuf::format_utc(o.now + o.expiry.root);
    root["x-guichet-signed-at"] = tuf::format_utc(o.now);
    if (!o.role.empty()) {
        if (!tuf::is_top_level_role(o.role))
            return make_error("no top-level role " + o.role +
                              " (root, timestamp, snapshot, targets; delegated roles: delegate)");
        if (o.new_keys.empty()) return make_error("rotate needs the new keys (--new-key)");
        if (o.threshold < 1 || o.threshold > static_cast<int>(o.new_keys.size()))
            return make_error("threshold must be between 1 and the number of new keys");
        nlohmann::json ids = nlohmann::json::array();
        for (const auto& k : o.new_keys) {
            root["keys"][k.key_id()] = k.tuf_object();
            ids.push_back(k.key_id());
        }
        root["roles"][o.role] = {{"keyids", ids}, {"threshold", o.threshold}};
        drop_unused_keys(root["keys"], root["roles"]);
    }
    if (o.draft) {
        nlohmann::json doc = {{"signatures", nlohmann::json::array()}, {"signed", root}};
        return files::write_file_atomically(*o.draft, doc.dump(1) + "\n");
    }
    auto old_signers = top_level_signers(*repo, "root", o.keys);
    if (!old_signers) return make_error("old root: " + old_signers.message());
    auto new_signers = signers_for(root["keys"], root["roles"]["root"], o.keys, "root");
    if (!new_signers) return make_error("new root: " + new_signers.message());
    std::vector<Signer> signers = *old_signers;
    for (const auto& s : *new_signers)
        if (std::none_of(signers.begin(), signers.end(),
                         [&](const Signer& x) { return x.keyid == s.keyid; }))
            signers.push_back(s);
    auto bytes = sign_with(root, signers);
    if (!bytes) return bytes.error();
    auto md = repo->metadata();
    if (auto w = write_file(md / (std::to_string(repo->root_version + 1) + ".root.json"), *bytes);
        !w)
        return w;
    return write_file(md / "root.json", *bytes);
}

Result<DraftStatus> sign_root_draft(const fs::path& draft, const std::vector<SigningKey>& keys) {
    auto doc = read_document(draft);
    if (!doc) return doc.error();
    auto& signed_part = (*doc)["signed"];
    if (!signed_part.contains("_type") || signed_part["_type"] != "root")
        return make_error(draft.string() + ": not a root draft");
    auto canon = canonical_json(signed_part);
    if (!canon) return make_error(draft.string() + ": " + canon.message());
    const auto listed = signed_part.contains("keys") && signed_part["keys"].is_object()
                            ? signed_part["keys"]
                            : nlohmann::json::object();
    for (const auto& k : keys) {
        // The key id this root lists the key under; an old root key the draft drops signs
        // under its own id (the id the previous root lists it under, for keys of this tool).
        std::string keyid = k.key_id();
        for (auto it = listed.begin(); it != listed.end(); ++it) {
            auto pk = PublicKey::from_tuf(it.value());
            if (pk && pk->fingerprint() == k.public_key().fingerprint()) keyid = it.key();
        }
        auto sig = k.sign(*canon);
        if (!sig) return sig.error();
        auto& sigs = (*doc)["signatures"];
        for (auto it = sigs.begin(); it != sigs.end();) {
            if (it->is_object() && it->contains("keyid") && (*it)["keyid"] == keyid)
                it = sigs.erase(it);
            else
                ++it;
        }
        sigs.push_back({{"keyid", keyid}, {"sig", to_hex(*sig)}});
    }
    if (auto w = files::write_file_atomically(draft, doc->dump(1) + "\n"); !w) return w.error();
    DraftStatus status;
    status.version = signed_part.value("version", std::int64_t{0});
    for (const auto& s : (*doc)["signatures"])
        if (s.is_object() && s.contains("keyid") && s["keyid"].is_string())
            status.signed_by.push_back(s["keyid"].get<std::string>());
    return status;
}

Result<PublishRootReport> publish_root(const fs::path& dir, const fs::path& draft,
                                       const std::vector<SigningKey>& keys, const Expiry& expiry,
                                       std::int64_t now) {
    auto repo = load_repo(dir);
    if (!repo) return repo.error();
    auto current =
        read_text(repo->metadata() / (std::to_string(repo->root_version) + ".root.json"));
    if (!current) return current.error();
    auto bytes = read_text(draft);
    if (!bytes) return bytes.error();
    auto md = tuf::parse(*bytes, "root");
    if (!md) return make_error(draft.string() + ": " + md.message());
    if (md->version != repo->root_version + 1)
        return make_error(draft.string() + ": root version " + std::to_string(md->version) +
                          ", but the repository is at " + std::to_string(repo->root_version) +
                          " (a draft must be the next version)");
    if (md->expires <= now)
        return make_error(draft.string() + ": expired on " + tuf::format_utc(md->expires));
    // Exactly a kiosk's checks: a threshold of the old root's keys and of the new one's.
    auto trusted = tuf::TrustedSet::from_root(*current, now);
    if (!trusted) return trusted.error();
    if (auto u = trusted->update_root(*bytes); !u)
        return make_error(draft.string() + ": not publishable yet: " + u.message());
    PublishRootReport report{md->version, false};
    auto dir_md = repo->metadata();
    if (auto w = write_file(dir_md / (std::to_string(md->version) + ".root.json"), *bytes); !w)
        return w.error();
    if (auto w = write_file(dir_md / "root.json", *bytes); !w) return w.error();
    // Kiosks look for a new root when the timestamp changes: re-sign it now if we can.
    auto reloaded = load_repo(dir);
    if (reloaded && top_level_signers(*reloaded, "timestamp", keys)) {
        if (auto t = refresh_timestamp(dir, keys, expiry, now); !t) return t.error();
        report.timestamp_written = true;
    }
    return report;
}

Result<RoleWriteReport> delegate(const DelegateOptions& o) {
    if (auto c = check_role_name(o.name); !c) return c.error();
    if (o.paths.empty()) return make_error("delegate needs the paths it hands over (--paths)");
    for (const auto& p : o.paths) {
        if (p.empty() || p.front() == '/' || p.find("..") != std::string::npos)
            return make_error("path pattern '" + p + "': relative, '/'-separated, no '..'");
        if (reaches_central(p))
            return make_error("path pattern '" + p +
                              "' could match the central content (guichet/...); delegate a "
                              "folder of its own, such as regions/" +
                              o.name + "/*");
    }
    if (o.role_keys.empty()) return make_error("delegate needs the role's keys (--new-key)");
    if (o.threshold < 1 || o.threshold > static_cast<int>(o.role_keys.size()))
        return make_error("threshold must be between 1 and the number of the role's keys");
    auto repo = load_repo(o.repo);
    if (!repo) return repo.error();
    auto all = delegations(*repo);
    if (!all) return all.error();
    if (auto known = all->find(o.name); known != all->end() && known->second.parent != o.parent)
        return make_error("role " + o.name + " is already delegated by " + known->second.parent);
    nlohmann::json parent = repo->targets;
    if (o.parent != "targets") {
        auto d = all->find(o.parent);
        if (d == all->end()) return make_error("no role '" + o.parent + "' is delegated");
        auto md = newest_verified(*repo, o.parent, d->second, 0);
        if (!md) return make_error("role " + o.parent + " has published no metadata yet");
        parent = md->signed_part;
    }
    if (!parent.contains("delegations") || !parent["delegations"].is_object())
        parent["delegations"] = {{"keys", nlohmann::json::object()},
                                 {"roles", nlohmann::json::array()}};
    auto& del = parent["delegations"];
    if (del.contains("succinct_roles"))
        return make_error(o.parent + " delegates to hash bins; delegate from another role");
    if (!del.contains("keys") || !del["keys"].is_object()) del["keys"] = nlohmann::json::object();
    if (!del.contains("roles") || !del["roles"].is_array()) del["roles"] = nlohmann::json::array();
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& k : o.role_keys) {
        del["keys"][k.key_id()] = k.tuf_object();
        ids.push_back(k.key_id());
    }
    nlohmann::json entry = {{"name", o.name},
                            {"keyids", ids},
                            {"threshold", o.threshold},
                            {"paths", o.paths},
                            {"terminating", o.terminating}};
    bool replaced = false;
    for (auto& r : del["roles"])
        if (r.is_object() && r.contains("name") && r["name"] == o.name) {
            r = entry;
            replaced = true;
        }
    if (!replaced) del["roles"].push_back(entry);
    drop_unused_keys(del["keys"], del["roles"]);
    auto version = write_role(*repo, o.parent, parent, o.keys, o.expiry, o.now);
    if (!version) return make_error(o.parent + ": " + version.message());
    // With the role's own keys at hand, its first (empty) metadata too, so lookups in its
    // namespace find "nothing yet" instead of a role that snapshot does not list.
    if (newest_version_on_disk(*repo, o.name) == 0) {
        Delegation d{o.parent, del["keys"], entry};
        if (signers_for(d.keys, d.entry, o.keys, o.name))
            if (auto w =
                    write_role(*repo, o.name, nlohmann::json::object(), o.keys, o.expiry, o.now);
                !w)
                return w.error();
    }
    RoleWriteReport report{*version, false};
    if (holds_snapshot_and_timestamp(*repo, o.keys)) {
        if (auto s = write_snapshot_and_timestamp(*repo, o.keys, o.expiry, o.now); !s)
            return s.error();
        report.snapshot_written = true;
    }
    return report;
}

}  // namespace guichet::sync::publish
