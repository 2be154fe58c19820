// SPDX-License-Identifier: GPL-3.0-or-later
// The repository model shared by every guichet-publish command: loading what is in force,
// finding who signs each role (top-level and delegated), writing role metadata, snapshot and
// timestamp in the order that keeps a served repository consistent; and the commands that are
// only that (init, timestamp, snapshot, add-target).
#include "sync/publish.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <functional>
#include <set>
#include <thread>

#include "platform/files.h"
#include "platform/safe_json.h"
#include "sync/tuf.h"

#include "publish_internal.h"

namespace guichet::sync::publish {
namespace detail {

// The operator's own files (a row image of a large corpus is a few hundred MB).
Result<std::string> read_text(const fs::path& p) {
    return files::read_regular_file(p, 4LL << 30);
}

Result<nlohmann::json> read_signed(const fs::path& p) {
    auto t = read_text(p);
    if (!t) return t.error();
    auto j = safe_json::parse(*t);
    if (!j || !j->is_object() || !j->contains("signed") || !(*j)["signed"].is_object())
        return make_error(p.string() + ":1: not TUF metadata");
    return (*j)["signed"];
}

namespace {

std::int64_t int_field(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return 0;
    auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

nlohmann::json object_field(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return nlohmann::json::object();
    auto it = j.find(key);
    return it != j.end() && it->is_object() ? *it : nlohmann::json::object();
}

tuf::KeyMap key_map(const nlohmann::json& keys) {
    tuf::KeyMap out;
    if (!keys.is_object()) return out;
    for (auto it = keys.begin(); it != keys.end(); ++it)
        if (auto k = PublicKey::from_tuf(it.value())) out.emplace(it.key(), *k);
    return out;
}

tuf::RoleKeys role_keys(const nlohmann::json& entry) {
    tuf::RoleKeys rk;
    if (entry.is_object() && entry.contains("keyids") && entry["keyids"].is_array())
        for (const auto& id : entry["keyids"])
            if (id.is_string()) rk.keyids.push_back(id.get<std::string>());
    rk.threshold = static_cast<int>(std::max<std::int64_t>(1, int_field(entry, "threshold")));
    return rk;
}

// The top-level targets role described like a delegation, by the root.
Delegation top_level_targets(const Repo& repo) {
    return Delegation{"root", object_field(repo.root, "keys"),
                      object_field(object_field(repo.root, "roles"), "targets")};
}

}  // namespace

Result<void> check_role_name(const std::string& name) {
    if (name.empty() || name.size() > 100 || name.front() == '.' || tuf::is_top_level_role(name))
        return make_error("role name '" + name +
                          "': 1 to 100 of A-Z a-z 0-9 . _ -, not starting with '.', not a "
                          "top-level role");
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-')
            return make_error("role name '" + name +
                              "': only A-Z a-z 0-9 . _ - (it is a file name)");
    return {};
}

std::int64_t newest_version_on_disk(const Repo& repo, const std::string& role) {
    std::int64_t newest = 0;
    const std::string suffix = "." + role + ".json";
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(repo.metadata(), ec)) {
        const std::string name = e.path().filename().string();
        if (name.size() <= suffix.size() ||
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        const std::string digits = name.substr(0, name.size() - suffix.size());
        if (digits.empty() || digits.size() > 15 ||
            !std::all_of(digits.begin(), digits.end(), ::isdigit))
            continue;
        newest = std::max<std::int64_t>(newest, std::stoll(digits));
    }
    return newest;
}

std::optional<RoleMetadata> newest_verified(const Repo& repo, const std::string& role,
                                            const Delegation& d, std::int64_t now,
                                            std::string* why_not) {
    const auto keys = key_map(d.keys);
    const auto rk = role_keys(d.entry);
    for (std::int64_t v = newest_version_on_disk(repo, role); v >= 1; --v) {
        const auto file = repo.metadata() / (std::to_string(v) + "." + role + ".json");
        auto bytes = read_text(file);
        if (!bytes) continue;
        auto md = tuf::parse(*bytes, "targets", role == "targets" ? "" : role);
        std::string why;
        if (!md)
            why = md.message();
        else if (md->version != v)
            why = file.filename().string() + " holds version " + std::to_string(md->version);
        else if (auto s = tuf::verify_signatures(keys, rk, *md, role); !s)
            why = s.message();
        else if (md->expires <= now)
            why = file.filename().string() + " expired on " + tuf::format_utc(md->expires);
        if (why.empty()) return RoleMetadata{v, md->signed_part, *bytes};
        if (why_not && why_not->empty()) *why_not = why;
    }
    return std::nullopt;
}

Result<std::map<std::string, Delegation>> delegations(const Repo& repo) {
    constexpr size_t kMaxRoles = 1000;
    std::map<std::string, Delegation> out;
    std::deque<std::pair<std::string, nlohmann::json>> queue = {{"targets", repo.targets}};
    while (!queue.empty()) {
        auto [parent, signed_part] = queue.front();
        queue.pop_front();
        auto del = object_field(signed_part, "delegations");
        if (!del.contains("roles") || !del["roles"].is_array()) continue;
        for (const auto& entry : del["roles"]) {
            if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string())
                continue;
            const std::string name = entry["name"].get<std::string>();
            if (out.count(name)) continue;
            if (out.size() >= kMaxRoles)
                return make_error("more than " + std::to_string(kMaxRoles) + " delegated roles");
            Delegation d{parent, object_field(del, "keys"), entry};
            out.emplace(name, d);
            if (auto md = newest_verified(repo, name, d, 0))
                queue.emplace_back(name, md->signed_part);
        }
    }
    return out;
}

Result<Repo> load_repo(const fs::path& dir) {
    Repo r;
    r.dir = dir;
    auto md = r.metadata();
    for (std::int64_t v = 1;; ++v) {
        if (!fs::exists(md / (std::to_string(v) + ".root.json"))) break;
        r.root_version = v;
    }
    if (r.root_version == 0)
        return make_error(dir.string() + ": not a repository (no metadata/1.root.json); run init");
    auto root = read_signed(md / (std::to_string(r.root_version) + ".root.json"));
    if (!root) return root.error();
    r.root = *root;
    auto ts = read_signed(md / "timestamp.json");
    if (!ts) return ts.error();
    r.timestamp = *ts;
    auto sv =
        int_field(object_field(object_field(r.timestamp, "meta"), "snapshot.json"), "version");
    auto sn = read_signed(md / (std::to_string(sv) + ".snapshot.json"));
    if (!sn) return sn.error();
    r.snapshot = *sn;
    // The newest top-level targets that verifies: a `delegate` may have written one that no
    // snapshot lists yet.
    auto tv = int_field(object_field(object_field(r.snapshot, "meta"), "targets.json"), "version");
    if (auto newest = newest_verified(r, "targets", top_level_targets(r), 0);
        newest && newest->version >= tv) {
        r.targets = newest->signed_part;
    } else {
        auto tg = read_signed(md / (std::to_string(tv) + ".targets.json"));
        if (!tg) return tg.error();
        r.targets = *tg;
    }
    return r;
}

nlohmann::json base_signed(const std::string& type, std::int64_t version, std::int64_t expires) {
    return {{"_type", type},
            {"spec_version", kSpecVersion},
            {"version", version},
            {"expires", tuf::format_utc(expires)}};
}

Result<std::vector<Signer>> signers_for(const nlohmann::json& keys,
                                        const nlohmann::json& role_entry,
                                        const std::vector<SigningKey>& held,
                                        const std::string& role_name) {
    const auto rk = role_keys(role_entry);
    const auto listed = key_map(keys);
    std::vector<Signer> out;
    std::set<std::string> used;
    for (const auto& id : rk.keyids) {
        auto it = listed.find(id);
        if (it == listed.end()) continue;
        for (const auto& k : held) {
            if (k.public_key().fingerprint() != it->second.fingerprint() || !k.can_sign()) continue;
            if (!used.insert(k.public_key().fingerprint()).second) break;
            out.push_back(Signer{id, &k});
            break;
        }
    }
    if (static_cast<int>(out.size()) < rk.threshold)
        return make_error("role " + role_name + " needs " + std::to_string(rk.threshold) +
                          " of its keys; " + std::to_string(out.size()) + " given with --key");
    return out;
}

Result<std::vector<Signer>> top_level_signers(const Repo& repo, const std::string& role,
                                              const std::vector<SigningKey>& held) {
    return signers_for(object_field(repo.root, "keys"),
                       object_field(object_field(repo.root, "roles"), role.c_str()), held, role);
}

bool holds_snapshot_and_timestamp(const Repo& repo, const std::vector<SigningKey>& keys) {
    return top_level_signers(repo, "snapshot", keys).ok() &&
           top_level_signers(repo, "timestamp", keys).ok();
}

Result<std::string> sign_with(const nlohmann::json& signed_part,
                              const std::vector<Signer>& signers) {
    auto canon = canonical_json(signed_part);
    if (!canon) return canon.error();
    nlohmann::json sigs = nlohmann::json::array();
    for (const auto& s : signers) {
        auto sig = s.key->sign(*canon);
        if (!sig) return sig.error();
        sigs.push_back({{"keyid", s.keyid}, {"sig", to_hex(*sig)}});
    }
    nlohmann::json doc = {{"signatures", sigs}, {"signed", signed_part}};
    return doc.dump(1) + "\n";
}

Result<void> write_file(const fs::path& p, const std::string& bytes) {
    return files::write_file_atomically(p, bytes);
}

Result<std::int64_t> write_role(Repo& repo, const std::string& role, nlohmann::json signed_part,
                                const std::vector<SigningKey>& keys, const Expiry& expiry,
                                std::int64_t now) {
    Delegation d;
    if (role == "targets") {
        d = top_level_targets(repo);
    } else {
        auto all = delegations(repo);
        if (!all) return all.error();
        auto it = all->find(role);
        if (it == all->end())
            return make_error("no role '" + role +
                              "' is delegated in this repository (see "
                              "`guichet-publish delegate`)");
        d = it->second;
    }
    auto signers = signers_for(d.keys, d.entry, keys, role);
    if (!signers) return signers.error();
    const std::int64_t listed = int_field(
        object_field(object_field(repo.snapshot, "meta"), (role + ".json").c_str()), "version");
    const std::int64_t version = std::max(newest_version_on_disk(repo, role), listed) + 1;
    signed_part["_type"] = "targets";
    signed_part["spec_version"] = kSpecVersion;
    signed_part["version"] = version;
    signed_part["expires"] = tuf::format_utc(now + expiry.targets);
    if (!signed_part.contains("targets")) signed_part["targets"] = nlohmann::json::object();
    auto bytes = sign_with(signed_part, *signers);
    if (!bytes) return bytes.error();
    if (auto w =
            write_file(repo.metadata() / (std::to_string(version) + "." + role + ".json"), *bytes);
        !w)
        return w.error();
    if (role == "targets") repo.targets = signed_part;
    return version;
}

Result<void> write_timestamp(Repo& repo, std::int64_t snapshot_version,
                             const std::string& snapshot_bytes, const std::vector<SigningKey>& keys,
                             const Expiry& expiry, std::int64_t now) {
    auto signers = top_level_signers(repo, "timestamp", keys);
    if (!signers) return signers.error();
    std::int64_t version = int_field(repo.timestamp, "version") + 1;
    auto ts = base_signed("timestamp", version, now + expiry.timestamp);
    ts["meta"] = {{"snapshot.json",
                   {{"version", snapshot_version},
                    {"length", static_cast<std::int64_t>(snapshot_bytes.size())},
                    {"hashes", {{"sha256", sha256_hex(snapshot_bytes)}}}}}};
    // Not part of TUF; clients that do not know it ignore it. Ours uses it as a floor for the
    // clock ("never earlier than the newest signed time seen").
    ts["x-guichet-signed-at"] = tuf::format_utc(now);
    auto bytes = sign_with(ts, *signers);
    if (!bytes) return bytes.error();
    repo.timestamp = ts;
    // Web servers derive ETag/Last-Modified from the mtime in whole seconds (nginx: mtime and
    // size). A new timestamp.json of the same size in the same second as the old one would be
    // answered 304 to kiosks holding the old one, so the new file must land in a later second
    // (checked on the file itself: the kernel stamps files with a coarse clock).
    auto path = repo.metadata() / "timestamp.json";
    std::error_code ec;
    auto second = [](fs::file_time_type t) {
        return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
    };
    auto old_mtime = fs::last_write_time(path, ec);
    bool had_old = !ec;
    for (int attempt = 0; attempt < 200; ++attempt) {
        if (auto w = write_file(path, *bytes); !w) return w;
        auto new_mtime = fs::last_write_time(path, ec);
        if (!had_old || ec || second(new_mtime) > second(old_mtime)) return {};
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return make_error(path.string() + ": the file's modification time does not advance");
}

Result<SnapshotReport> write_snapshot_and_timestamp(Repo& repo, const std::vector<SigningKey>& keys,
                                                    const Expiry& expiry, std::int64_t now) {
    auto ssign = top_level_signers(repo, "snapshot", keys);
    if (!ssign) return ssign.error();
    if (auto t = top_level_signers(repo, "timestamp", keys); !t) return t.error();
    SnapshotReport report;
    // Every file a snapshot ever listed stays listed (a client refuses a snapshot that drops
    // one, §5.5.5); versions only move forward.
    nlohmann::json meta = object_field(repo.snapshot, "meta");
    auto list = [&](const std::string& role, const RoleMetadata& md) {
        meta[role + ".json"] = {{"version", md.version},
                                {"length", static_cast<std::int64_t>(md.bytes.size())},
                                {"hashes", {{"sha256", sha256_hex(md.bytes)}}}};
        report.listed.push_back(role + " v" + std::to_string(md.version));
    };
    auto consider = [&](const std::string& role,
                        const Delegation& d) -> std::optional<RoleMetadata> {
        const std::int64_t listed =
            int_field(object_field(meta, (role + ".json").c_str()), "version");
        std::string why;
        auto md = newest_verified(repo, role, d, now, &why);
        if (!why.empty() && (!md || newest_version_on_disk(repo, role) > md->version))
            report.skipped.push_back(role + ": " + why);
        if (!md) {
            if (listed == 0) report.skipped.push_back(role + ": delegated, nothing published yet");
            return std::nullopt;
        }
        if (md->version < listed) {
            report.skipped.push_back(role + ": v" + std::to_string(md->version) +
                                     " is older than the listed v" + std::to_string(listed));
            return std::nullopt;
        }
        list(role, *md);
        return md;
    };
    auto top = consider("targets", top_level_targets(repo));
    if (!top)
        return make_error(
            "no top-level targets metadata verifies: " +
            (report.skipped.empty() ? std::string("none found") : report.skipped.front()));
    repo.targets = top->signed_part;
    auto all = delegations(repo);
    if (!all) return all.error();
    for (const auto& [role, d] : *all) (void)consider(role, d);

    report.version = int_field(repo.snapshot, "version") + 1;
    auto snapshot = base_signed("snapshot", report.version, now + expiry.snapshot);
    snapshot["meta"] = meta;
    auto sbytes = sign_with(snapshot, *ssign);
    if (!sbytes) return sbytes.error();
    if (auto w = write_file(repo.metadata() / (std::to_string(report.version) + ".snapshot.json"),
                            *sbytes);
        !w)
        return w.error();
    repo.snapshot = snapshot;
    if (auto t = write_timestamp(repo, report.version, *sbytes, keys, expiry, now); !t)
        return t.error();
    return report;
}

std::string target_file_name(const std::string& path, const std::string& sha) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos) return sha + "." + path;
    return path.substr(0, slash + 1) + sha + "." + path.substr(slash + 1);
}

Result<nlohmann::json> add_target_file(const fs::path& repo, const std::string& target,
                                       const std::string& bytes, const nlohmann::json& custom) {
    auto sha = sha256_hex(bytes);
    auto dest = repo / "targets" / target_file_name(target, sha);
    std::error_code ec;
    fs::create_directories(dest.parent_path(), ec);
    if (!fs::exists(dest)) {
        if (auto w = write_file(dest, bytes); !w) return w.error();
    }
    nlohmann::json entry = {{"length", static_cast<std::int64_t>(bytes.size())},
                            {"hashes", {{"sha256", sha}}}};
    if (!custom.empty()) entry["custom"] = custom;
    return entry;
}

}  // namespace detail

using namespace detail;

std::string store_target(const std::string& name_space) {
    return name_space + "store.rows.zst";
}

std::string delta_target(std::int64_t from_version, const std::string& name_space) {
    return name_space + "changes-from-" + std::to_string(from_version) + ".zst";
}

Result<std::string> sign_metadata(const nlohmann::json& signed_part,
                                  const std::vector<SigningKey>& keys) {
    std::vector<Signer> signers;
    for (const auto& k : keys) signers.push_back(Signer{k.key_id(), &k});
    return sign_with(signed_part, signers);
}

Result<void> init_repository(const InitOptions& o) {
    auto md = o.repo / "metadata";
    if (fs::exists(md / "1.root.json"))
        return make_error(o.repo.string() + ": already a repository");
    std::error_code ec;
    fs::create_directories(md, ec);
    fs::create_directories(o.repo / "targets", ec);
    if (ec) return make_error(o.repo.string() + ": " + ec.message());
    nlohmann::json keys = nlohmann::json::object();
    nlohmann::json roles = nlohmann::json::object();
    std::vector<SigningKey> all;
    for (auto [name, setup] : {std::pair<std::string, const RoleSetup*>{"root", &o.root},
                               {"timestamp", &o.timestamp},
                               {"snapshot", &o.snapshot},
                               {"targets", &o.targets}}) {
        if (setup->keys.empty()) return make_error("role " + name + " has no key");
        if (setup->threshold < 1 || setup->threshold > static_cast<int>(setup->keys.size()))
            return make_error("role " + name +
                              ": threshold must be between 1 and its number of keys");
        nlohmann::json ids = nlohmann::json::array();
        for (const auto& k : setup->keys) {
            keys[k.key_id()] = k.public_key().tuf_object();
            ids.push_back(k.key_id());
            all.push_back(k);
        }
        roles[name] = {{"keyids", ids}, {"threshold", setup->threshold}};
    }
    auto root = base_signed("root", 1, o.now + o.expiry.root);
    root["keys"] = keys;
    root["roles"] = roles;
    root["consistent_snapshot"] = true;
    root["x-guichet-signed-at"] = tuf::format_utc(o.now);
    Repo repo;
    repo.dir = o.repo;
    repo.root = root;
    repo.root_version = 1;
    auto signers = top_level_signers(repo, "root", all);
    if (!signers) return signers.error();
    auto bytes = sign_with(root, *signers);
    if (!bytes) return bytes.error();
    if (auto w = write_file(md / "1.root.json", *bytes); !w) return w;
    if (auto w = write_file(md / "root.json", *bytes); !w) return w;
    if (auto t = write_role(repo, "targets", nlohmann::json::object(), all, o.expiry, o.now); !t)
        return t.error();
    if (auto s = write_snapshot_and_timestamp(repo, all, o.expiry, o.now); !s) return s.error();
    return {};
}

Result<void> publish_targets(const fs::path& dir,
                             const std::function<Result<void>(nlohmann::json& targets)>& edit,
                             const std::vector<SigningKey>& keys, const Expiry& expiry,
                             std::int64_t now) {
    auto repo = load_repo(dir);
    if (!repo) return repo.error();
    for (const char* role : {"targets", "snapshot", "timestamp"})
        if (auto k = top_level_signers(*repo, role, keys); !k) return k.error();
    nlohmann::json next = repo->targets;
    if (!next.contains("targets") || !next["targets"].is_object())
        next["targets"] = nlohmann::json::object();
    if (auto e = edit(next["targets"]); !e) return e;
    if (auto w = write_role(*repo, "targets", next, keys, expiry, now); !w) return w.error();
    if (auto s = write_snapshot_and_timestamp(*repo, keys, expiry, now); !s) return s.error();
    return {};
}

Result<void> refresh_timestamp(const fs::path& dir, const std::vector<SigningKey>& keys,
                               const Expiry& expiry, std::int64_t now) {
    auto repo = load_repo(dir);
    if (!repo) return repo.error();
    auto sv = int_field(repo->snapshot, "version");
    auto bytes = read_text(dir / "metadata" / (std::to_string(sv) + ".snapshot.json"));
    if (!bytes) return bytes.error();
    return write_timestamp(*repo, sv, *bytes, keys, expiry, now);
}

Result<SnapshotReport> write_snapshot(const fs::path& dir, const std::vector<SigningKey>& keys,
                                      const Expiry& expiry, std::int64_t now) {
    auto repo = load_repo(dir);
    if (!repo) return repo.error();
    return write_snapshot_and_timestamp(*repo, keys, expiry, now);
}

Result<RoleWriteReport> add_target(const AddTargetOptions& o) {
    auto repo = load_repo(o.repo);
    if (!repo) return repo.error();
    if (o.target_path.empty() || o.target_path.front() == '/' ||
        o.target_path.find("..") != std::string::npos || o.target_path.back() == '/')
        return make_error("target path '" + o.target_path +
                          "': relative, '/'-separated, no '..', not a folder");
    if (o.role == "targets" && o.target_path.rfind(kCentralNamespace, 0) == 0)
        return make_error(o.target_path + ": guichet/ holds the content published by `push`");
    nlohmann::json current = repo->targets;
    std::string role_label = "the top-level targets";
    if (o.role != "targets") {
        auto all = delegations(*repo);
        if (!all) return all.error();
        auto d = all->find(o.role);
        if (d == all->end()) return make_error("no role '" + o.role + "' is delegated");
        tuf::DelegatedRole check;
        if (d->second.entry.contains("paths") && d->second.entry["paths"].is_array())
            check.paths = d->second.entry["paths"].get<std::vector<std::string>>();
        if (!check.covers(o.target_path))
            return make_error(o.target_path + " is outside the paths delegated to " + o.role);
        auto md = newest_verified(*repo, o.role, d->second, 0);
        current = md ? md->signed_part : nlohmann::json::object();
        role_label = "role " + o.role;
    }
    auto bytes = files::read_regular_file(o.file, files::kMaxFileBytes);
    if (!bytes) return bytes.error();
    auto entry = add_target_file(o.repo, o.target_path, *bytes, o.custom);
    if (!entry) return entry.error();
    nlohmann::json next = current;
    if (!next.contains("targets") || !next["targets"].is_object())
        next["targets"] = nlohmann::json::object();
    next["targets"][o.target_path] = *entry;
    auto version = write_role(*repo, o.role, next, o.keys, o.expiry, o.now);
    if (!version) return make_error(role_label + ": " + version.message());
    RoleWriteReport report{*version, false};
    if (holds_snapshot_and_timestamp(*repo, o.keys)) {
        if (auto s = write_snapshot_and_timestamp(*repo, o.keys, o.expiry, o.now); !s)
            return s.error();
        report.snapshot_written = true;
    }
    return report;
}

}  // namespace guichet::sync::publish
