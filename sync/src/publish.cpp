// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/publish.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "content/store_rows.h"
#include "platform/files.h"
#include "platform/safe_json.h"
#include "sync/store_delta.h"
#include "sync/tuf.h"

namespace guichet::sync::publish {
namespace fs = std::filesystem;
namespace {

constexpr const char* kSpecVersion = "1.0.31";

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

// Keys among `held` that `role` of `root` lists; an error when they cannot reach the threshold.
Result<std::vector<Ed25519Key>> keys_for(const nlohmann::json& root, const std::string& role,
                                         const std::vector<Ed25519Key>& held) {
    const auto& r = root["roles"][role];
    std::vector<Ed25519Key> out;
    for (const auto& k : held) {
        auto id = tuf_key_id(k);
        for (const auto& listed : r["keyids"])
            if (listed == id && !k.secret_key.empty()) out.push_back(k);
    }
    if (static_cast<int>(out.size()) < r["threshold"].get<int>())
        return make_error("role " + role + " needs " + std::to_string(r["threshold"].get<int>()) +
                          " of its keys; " + std::to_string(out.size()) + " given with --key");
    return out;
}

Result<void> write_file(const fs::path& p, const std::string& bytes) {
    return files::write_file_atomically(p, bytes);
}

struct Repo {
    fs::path dir;
    nlohmann::json root;
    std::int64_t root_version = 0;
    nlohmann::json timestamp, snapshot, targets;
};

Result<Repo> load_repo(const fs::path& dir) {
    Repo r;
    r.dir = dir;
    auto md = dir / "metadata";
    // The newest N.root.json.
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
    auto sv = r.timestamp["meta"]["snapshot.json"]["version"].get<std::int64_t>();
    auto sn = read_signed(md / (std::to_string(sv) + ".snapshot.json"));
    if (!sn) return sn.error();
    r.snapshot = *sn;
    auto tv = r.snapshot["meta"]["targets.json"]["version"].get<std::int64_t>();
    auto tg = read_signed(md / (std::to_string(tv) + ".targets.json"));
    if (!tg) return tg.error();
    r.targets = *tg;
    return r;
}

nlohmann::json base_signed(const std::string& type, std::int64_t version, std::int64_t expires) {
    return {{"_type", type},
            {"spec_version", kSpecVersion},
            {"version", version},
            {"expires", tuf::format_utc(expires)}};
}

Result<void> write_timestamp(Repo& repo, std::int64_t snapshot_version,
                             const std::string& snapshot_bytes, const std::vector<Ed25519Key>& keys,
                             const Expiry& expiry, std::int64_t now) {
    auto signers = keys_for(repo.root, "timestamp", keys);
    if (!signers) return signers.error();
    std::int64_t version =
        repo.timestamp.is_object() ? repo.timestamp["version"].get<std::int64_t>() + 1 : 1;
    auto ts = base_signed("timestamp", version, now + expiry.timestamp);
    ts["meta"] = {{"snapshot.json",
                   {{"version", snapshot_version},
                    {"length", static_cast<std::int64_t>(snapshot_bytes.size())},
                    {"hashes", {{"sha256", sha256_hex(snapshot_bytes)}}}}}};
    // Not part of TUF; clients that do not know it ignore it. Ours uses it as a floor for the
    // clock ("never earlier than the newest signed time seen").
    ts["x-guichet-signed-at"] = tuf::format_utc(now);
    auto bytes = sign_metadata(ts, *signers);
    if (!bytes) return bytes.error();
    repo.timestamp = ts;
    // Web servers derive ETag/Last-Modified from the mtime in whole seconds (nginx: mtime and
    // size). A new timestamp.json of the same size in the same second as the old one would be
    // answered 304 to kiosks holding the old one, so the new file must land in a later second
    // (checked on the file itself: the kernel stamps files with a coarse clock).
    auto path = repo.dir / "metadata" / "timestamp.json";
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

// Writes targets v+1, snapshot v+1 and then timestamp (last), so a client never sees
// metadata that names files not there yet.
Result<void> publish_metadata(Repo& repo, const nlohmann::json& targets_map,
                              const std::vector<Ed25519Key>& keys, const Expiry& expiry,
                              std::int64_t now) {
    auto tsign = keys_for(repo.root, "targets", keys);
    if (!tsign) return tsign.error();
    auto ssign = keys_for(repo.root, "snapshot", keys);
    if (!ssign) return ssign.error();
    if (auto t = keys_for(repo.root, "timestamp", keys); !t) return t.error();

    std::int64_t tv =
        repo.targets.is_object() ? repo.targets["version"].get<std::int64_t>() + 1 : 1;
    auto targets = base_signed("targets", tv, now + expiry.targets);
    targets["targets"] = targets_map;
    auto tbytes = sign_metadata(targets, *tsign);
    if (!tbytes) return tbytes.error();
    if (auto w =
            write_file(repo.dir / "metadata" / (std::to_string(tv) + ".targets.json"), *tbytes);
        !w)
        return w;

    std::int64_t sv =
        repo.snapshot.is_object() ? repo.snapshot["version"].get<std::int64_t>() + 1 : 1;
    auto snapshot = base_signed("snapshot", sv, now + expiry.snapshot);
    snapshot["meta"] = {{"targets.json", {{"version", tv}}}};
    auto sbytes = sign_metadata(snapshot, *ssign);
    if (!sbytes) return sbytes.error();
    if (auto w =
            write_file(repo.dir / "metadata" / (std::to_string(sv) + ".snapshot.json"), *sbytes);
        !w)
        return w;

    repo.targets = targets;
    repo.snapshot = snapshot;
    return write_timestamp(repo, sv, *sbytes, keys, expiry, now);
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
    fs::create_directories(dest.parent_path());
    if (!fs::exists(dest)) {
        if (auto w = write_file(dest, bytes); !w) return w.error();
    }
    return nlohmann::json{{"length", static_cast<std::int64_t>(bytes.size())},
                          {"hashes", {{"sha256", sha}}},
                          {"custom", custom}};
}

}  // namespace

std::string delta_target(std::int64_t from_version) {
    return "guichet/patch-from-" + std::to_string(from_version) + ".zst";
}

Result<std::string> sign_metadata(const nlohmann::json& signed_part,
                                  const std::vector<Ed25519Key>& keys) {
    auto canon = canonical_json(signed_part);
    if (!canon) return canon.error();
    nlohmann::json sigs = nlohmann::json::array();
    for (const auto& k : keys)
        sigs.push_back({{"keyid", tuf_key_id(k)}, {"sig", to_hex(ed25519_sign(k, *canon))}});
    nlohmann::json doc = {{"signatures", sigs}, {"signed", signed_part}};
    return doc.dump(1) + "\n";
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
    std::vector<Ed25519Key> all;
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
            keys[tuf_key_id(k)] = tuf_public_key(k);
            ids.push_back(tuf_key_id(k));
            all.push_back(k);
        }
        roles[name] = {{"keyids", ids}, {"threshold", setup->threshold}};
    }
    auto root = base_signed("root", 1, o.now + o.expiry.root);
    root["keys"] = keys;
    root["roles"] = roles;
    root["consistent_snapshot"] = true;
    root["x-guichet-signed-at"] = tuf::format_utc(o.now);
    auto signers = keys_for(root, "root", all);
    if (!signers) return signers.error();
    auto bytes = sign_metadata(root, *signers);
    if (!bytes) return bytes.error();
    if (auto w = write_file(md / "1.root.json", *bytes); !w) return w;
    if (auto w = write_file(md / "root.json", *bytes); !w) return w;
    Repo repo;
    repo.dir = o.repo;
    repo.root = root;
    repo.root_version = 1;
    return publish_metadata(repo, nlohmann::json::object(), all, o.expiry, o.now);
}

Result<PushReport> push(const PushOptions& o) {
    auto repo = load_repo(o.repo);
    if (!repo) return repo.error();
    auto schema_version = store::check_store(o.store);
    if (!schema_version) return schema_version.error();
    for (const char* role : {"targets", "snapshot", "timestamp"})
        if (auto k = keys_for(repo->root, role, o.keys); !k) return k.error();

    PushReport report;
    nlohmann::json old_targets = repo->targets["targets"];
    std::int64_t previous = 0;
    if (old_targets.contains(kStoreTarget))
        previous =
            old_targets[kStoreTarget]["custom"]["guichet"]["content_version"].get<std::int64_t>();
    report.content_version = previous + 1;

    // What kiosks download is the store's row image; they build the store from it. A new
    // version differs from an old one only in the rows that changed, so patches stay small.
    auto tmp_dir = o.repo / ".publish-tmp";
    std::error_code ec;
    fs::remove_all(tmp_dir, ec);
    fs::create_directories(tmp_dir, ec);
    if (ec) return make_error(tmp_dir.string() + ": " + ec.message());
    struct RemoveTmp {
        fs::path dir;
        ~RemoveTmp() {
            std::error_code ignored;
            fs::remove_all(dir, ignored);
        }
    } remove_tmp{tmp_dir};
    auto rows_path = tmp_dir / "new.rows";
    if (auto e = content::export_store_rows(o.store, rows_path); !e) return e.error();
    auto rows_bytes = read_text(rows_path);
    if (!rows_bytes) return rows_bytes.error();
    auto rows_sha = sha256_hex(*rows_bytes);
    report.store_bytes = static_cast<std::int64_t>(fs::file_size(o.store, ec));
    report.rows_bytes = static_cast<std::int64_t>(rows_bytes->size());
    // Proof before publishing: a kiosk builds a valid store from this image, holding the same
    // rows (its image is the same bytes).
    auto proof = tmp_dir / "proof.db";
    if (auto b = content::build_store_from_rows(rows_path, proof); !b)
        return make_error("the row image does not build a store: " + b.message());
    if (auto c = store::check_store(proof); !c || *c != *schema_version)
        return make_error("the store built from the row image fails its check");
    const auto built_bytes = static_cast<std::int64_t>(fs::file_size(proof, ec));
    auto again = content::export_store_rows(proof, tmp_dir / "proof.rows");
    auto again_sha = sha256_file_hex(tmp_dir / "proof.rows");
    if (!again || !again_sha || *again_sha != rows_sha)
        return make_error("the store built from the row image does not hold the same rows");
    fs::remove(proof, ec);
    fs::remove(tmp_dir / "proof.rows", ec);

    auto compressed = store::compress(*rows_bytes, o.zstd_level);
    if (!compressed) return compressed.error();
    report.compressed_bytes = static_cast<std::int64_t>(compressed->size());

    nlohmann::json targets = nlohmann::json::object();
    // Targets that are not ours (published by other tools) are carried over.
    for (auto it = old_targets.begin(); it != old_targets.end(); ++it)
        if (it.key().rfind("guichet/", 0) != 0) targets[it.key()] = it.value();
    nlohmann::json store_custom = {{"guichet",
                                    {{"kind", "store"},
                                     {"format", kRowImageFormat},
                                     {"content_version", report.content_version},
                                     {"rows_sha256", rows_sha},
                                     {"rows_length", report.rows_bytes},
                                     {"store_length", built_bytes},
                                     {"schema_version", *schema_version}}}};
    auto full = add_target_file(o.repo, kStoreTarget, *compressed, store_custom);
    if (!full) return full.error();
    targets[kStoreTarget] = *full;

    // Patches from the last few content versions still online.
    auto md = o.repo / "metadata";
    std::int64_t tv = repo->targets["version"].get<std::int64_t>();
    std::set<std::int64_t> done;
    for (std::int64_t v = tv; v >= 1 && static_cast<int>(done.size()) < o.delta_versions; --v) {
        auto old = read_signed(md / (std::to_string(v) + ".targets.json"));
        if (!old) break;
        if (!(*old)["targets"].contains(kStoreTarget)) continue;
        const auto& entry = (*old)["targets"][kStoreTarget];
        auto from_version = entry["custom"]["guichet"]["content_version"].get<std::int64_t>();
        if (done.count(from_version)) continue;
        done.insert(from_version);
        auto old_file =
            o.repo / "targets" /
            target_file_name(kStoreTarget, entry["hashes"]["sha256"].get<std::string>());
        auto old_rows = tmp_dir / "base.rows";
        fs::remove(old_rows, ec);
        const auto& old_custom = entry["custom"]["guichet"];
        const std::int64_t old_rows_length =
            old_custom.contains("rows_length") && old_custom["rows_length"].is_number_integer()
                ? old_custom["rows_length"].get<std::int64_t>()
                : 4LL << 30;
        if (auto d = store::decompress_file(old_file, old_rows, old_rows_length); !d) continue;
        auto patch = store::make_patch(old_rows, rows_path, o.zstd_level);
        if (!patch) continue;
        // Proof before publishing: the patch applied to the old image gives the new one.
        auto rebuilt = tmp_dir / "rebuilt.rows";
        if (auto a = store::apply_patch(old_rows, *patch, rebuilt, report.rows_bytes); !a) continue;
        auto rebuilt_sha = sha256_file_hex(rebuilt);
        if (!rebuilt_sha || *rebuilt_sha != rows_sha) continue;
        if (static_cast<double>(patch->size()) >
            o.max_delta_ratio * static_cast<double>(compressed->size()))
            continue;
        nlohmann::json custom = {{"guichet",
                                  {{"kind", "patch"},
                                   {"format", kRowImageFormat},
                                   {"from_version", from_version},
                                   {"from_sha256", entry["custom"]["guichet"]["rows_sha256"]},
                                   {"content_version", report.content_version},
                                   {"rows_sha256", rows_sha},
                                   {"schema_version", *schema_version}}}};
        auto t = add_target_file(o.repo, delta_target(from_version), *patch, custom);
        if (!t) return t.error();
        targets[delta_target(from_version)] = *t;
        report.deltas.emplace_back(from_version, static_cast<std::int64_t>(patch->size()));
    }

    if (auto p = publish_metadata(*repo, targets, o.keys, o.expiry, o.now); !p) return p.error();

    // Prune: keep the last keep_versions snapshot/targets versions and the files they name.
    std::int64_t newest_t = repo->targets["version"].get<std::int64_t>();
    std::int64_t newest_s = repo->snapshot["version"].get<std::int64_t>();
    std::set<std::string> referenced;
    for (std::int64_t v = newest_t; v > newest_t - o.keep_versions && v >= 1; --v) {
        auto t = read_signed(md / (std::to_string(v) + ".targets.json"));
        if (!t) continue;
        for (auto it = (*t)["targets"].begin(); it != (*t)["targets"].end(); ++it)
            for (auto h = it.value()["hashes"].begin(); h != it.value()["hashes"].end(); ++h)
                referenced.insert(target_file_name(it.key(), h.value().get<std::string>()));
    }
    for (std::int64_t v = newest_t - o.keep_versions; v >= 1; --v) {
        auto p = md / (std::to_string(v) + ".targets.json");
        if (fs::remove(p)) report.removed.push_back(p.filename().string());
    }
    for (std::int64_t v = newest_s - o.keep_versions; v >= 1; --v) {
        auto p = md / (std::to_string(v) + ".snapshot.json");
        if (fs::remove(p)) report.removed.push_back(p.filename().string());
    }
    for (const auto& e : fs::recursive_directory_iterator(o.repo / "targets")) {
        if (!e.is_regular_file()) continue;
        auto rel = fs::relative(e.path(), o.repo / "targets").generic_string();
        if (rel.rfind("guichet/", 0) == 0 && !referenced.count(rel)) {
            report.removed.push_back(rel);
            fs::remove(e.path());
        }
    }
    return report;
}

Result<void> publish_targets(const fs::path& dir,
                             const std::function<Result<void>(nlohmann::json& targets)>& edit,
                             const std::vector<Ed25519Key>& keys, const Expiry& expiry,
                             std::int64_t now) {
    auto repo = load_repo(dir);
    if (!repo) return repo.error();
    nlohmann::json targets = repo->targets["targets"];
    if (auto e = edit(targets); !e) return e;
    return publish_metadata(*repo, targets, keys, expiry, now);
}

Result<void> refresh_timestamp(const fs::path& dir, const std::vector<Ed25519Key>& keys,
                               const Expiry& expiry, std::int64_t now) {
    auto repo = load_repo(dir);
    if (!repo) return repo.error();
    auto sv = repo->snapshot["version"].get<std::int64_t>();
    auto bytes = read_text(dir / "metadata" / (std::to_string(sv) + ".snapshot.json"));
    if (!bytes) return bytes.error();
    return write_timestamp(*repo, sv, *bytes, keys, expiry, now);
}

Result<void> rotate_role(const fs::path& dir, const std::string& role,
                         const std::vector<Ed25519Key>& new_keys, int threshold,
                         const std::vector<Ed25519Key>& signing_keys, const Expiry& expiry,
                         std::int64_t now) {
    auto repo = load_repo(dir);
    if (!repo) return repo.error();
    if (!repo->root["roles"].contains(role)) return make_error("no role " + role);
    if (threshold < 1 || threshold > static_cast<int>(new_keys.size()))
        return make_error("threshold must be between 1 and the number of new keys");
    auto old_root = repo->root;
    auto root = old_root;
    root["version"] = repo->root_version + 1;
    root["expires"] = tuf::format_utc(now + expiry.root);
    root["x-guichet-signed-at"] = tuf::format_utc(now);
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& k : new_keys) {
        root["keys"][tuf_key_id(k)] = tuf_public_key(k);
        ids.push_back(tuf_key_id(k));
    }
    root["roles"][role] = {{"keyids", ids}, {"threshold", threshold}};
    // Drop keys no role uses any more.
    std::set<std::string> used;
    for (auto it = root["roles"].begin(); it != root["roles"].end(); ++it)
        for (const auto& id : it.value()["keyids"]) used.insert(id.get<std::string>());
    for (auto it = root["keys"].begin(); it != root["keys"].end();) {
        if (!used.count(it.key()))
            it = root["keys"].erase(it);
        else
            ++it;
    }
    auto old_signers = keys_for(old_root, "root", signing_keys);
    if (!old_signers) return make_error("old root: " + old_signers.message());
    auto new_signers = keys_for(root, "root", signing_keys);
    if (!new_signers) return make_error("new root: " + new_signers.message());
    std::vector<Ed25519Key> signers = *old_signers;
    for (const auto& k : *new_signers) {
        bool dup = std::any_of(signers.begin(), signers.end(),
                               [&](const Ed25519Key& s) { return s.public_key == k.public_key; });
        if (!dup) signers.push_back(k);
    }
    auto bytes = sign_metadata(root, signers);
    if (!bytes) return bytes.error();
    auto md = dir / "metadata";
    if (auto w = write_file(md / (std::to_string(repo->root_version + 1) + ".root.json"), *bytes);
        !w)
        return w;
    return write_file(md / "root.json", *bytes);
}

}  // namespace guichet::sync::publish
