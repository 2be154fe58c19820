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

namespace guichet::sync::tuf {
namespace {

Error err(const std::string& what) {
    return make_error(what);
}

Result<std::int64_t> get_int(const nlohmann::json& obj, const char* key, const std::string& where) {
    if (!obj.contains(key) || !obj[key].is_number_integer())
        return err(where + ": '" + key + "' missing or not an integer");
    return obj[key].get<std::int64_t>();
}

Result<MetaFile> parse_meta_file(const nlohmann::json& j, const std::string& where) {
    if (!j.is_object()) return err(where + ": not an object");
    MetaFile mf;
    auto v = get_int(j, "version", where);
    if (!v) return v.error();
    if (*v < 1) return err(where + ": version must be >= 1");
    mf.version = *v;
    if (j.contains("length")) {
        auto l = get_int(j, "length", where);
        if (!l || *l < 0) return err(where + ": bad length");
        mf.length = *l;
    }
    if (j.contains("hashes")) {
        if (!j["hashes"].is_object() || j["hashes"].empty()) return err(where + ": bad hashes");
        for (auto it = j["hashes"].begin(); it != j["hashes"].end(); ++it) {
            if (!it.value().is_string()) return err(where + ": hash is not a string");
            mf.hashes[it.key()] = it.value().get<std::string>();
        }
    }
    return mf;
}

std::string hash_hex(const std::string& alg, const std::string& bytes) {
    if (alg == "sha256") return sha256_hex(bytes);
    unsigned char d[crypto_hash_sha512_BYTES];
    crypto_hash_sha512(d, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return to_hex({reinterpret_cast<char*>(d), sizeof d});
}

std::optional<std::string> read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

Result<std::int64_t> parse_utc(const std::string& s) {
    std::tm tm{};
    int y, mo, d, h, mi, sec;
    char z = 0;
    if (s.size() != 20 ||
        std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &z) != 7 ||
        z != 'Z')
        return err("expires '" + s + "' is not YYYY-MM-DDTHH:MM:SSZ");
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    return static_cast<std::int64_t>(timegm(&tm));
}

std::string format_utc(std::int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

Result<Metadata> parse(const std::string& bytes, const std::string& expected_type) {
    const std::string where = expected_type + ".json";
    nlohmann::json j = nlohmann::json::parse(bytes, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return err(where + ": not JSON metadata");
    if (!j.contains("signed") || !j["signed"].is_object() || !j.contains("signatures") ||
        !j["signatures"].is_array())
        return err(where + ": missing 'signed' or 'signatures'");
    Metadata md;
    md.signed_part = j["signed"];
    const auto& s = md.signed_part;
    for (const auto& sig : j["signatures"]) {
        if (!sig.is_object() || !sig.contains("keyid") || !sig["keyid"].is_string() ||
            !sig.contains("sig") || !sig["sig"].is_string())
            return err(where + ": malformed signature entry");
        auto raw = from_hex(sig["sig"].get<std::string>());
        md.signatures.emplace_back(sig["keyid"].get<std::string>(), raw ? *raw : std::string());
    }
    if (!s.contains("_type") || !s["_type"].is_string()) return err(where + ": no _type");
    md.type = s["_type"].get<std::string>();
    if (md.type != expected_type)
        return err(where + ": _type is '" + md.type + "', expected '" + expected_type + "'");
    if (!s.contains("spec_version") || !s["spec_version"].is_string())
        return err(where + ": no spec_version");
    if (s["spec_version"].get<std::string>().rfind("1.", 0) != 0)
        return err(where + ": unsupported spec_version " + s["spec_version"].get<std::string>());
    auto v = get_int(s, "version", where);
    if (!v) return v.error();
    if (*v < 1) return err(where + ": version must be >= 1");
    md.version = *v;
    if (!s.contains("expires") || !s["expires"].is_string()) return err(where + ": no expires");
    auto exp = parse_utc(s["expires"].get<std::string>());
    if (!exp) return err(where + ": " + exp.message());
    md.expires = *exp;

    if (md.type == "root") {
        if (!s.contains("keys") || !s["keys"].is_object() || !s.contains("roles") ||
            !s["roles"].is_object())
            return err(where + ": root without keys or roles");
        for (auto it = s["keys"].begin(); it != s["keys"].end(); ++it) {
            const auto& k = it.value();
            if (!k.is_object() || !k.contains("keytype") || !k.contains("keyval") ||
                !k["keyval"].is_object())
                return err(where + ": malformed key " + it.key());
            // Keys of other types may sit in a root we can still use; they just never verify.
            if (k["keytype"] == "ed25519" && k.value("scheme", "") == "ed25519" &&
                k["keyval"].contains("public") && k["keyval"]["public"].is_string()) {
                auto pub = from_hex(k["keyval"]["public"].get<std::string>());
                if (pub && pub->size() == 32) md.keys[it.key()] = *pub;
            }
        }
        for (const char* role : {"root", "timestamp", "snapshot", "targets"}) {
            if (!s["roles"].contains(role)) return err(where + ": role '" + role + "' missing");
            const auto& r = s["roles"][role];
            if (!r.is_object() || !r.contains("keyids") || !r["keyids"].is_array())
                return err(where + ": role '" + role + "' malformed");
            RoleKeys rk;
            auto t = get_int(r, "threshold", where + " role " + role);
            if (!t) return t.error();
            if (*t < 1) return err(where + ": role '" + role + "' threshold must be >= 1");
            rk.threshold = static_cast<int>(*t);
            std::set<std::string> seen;
            for (const auto& id : r["keyids"]) {
                if (!id.is_string()) return err(where + ": keyid is not a string");
                if (!seen.insert(id.get<std::string>()).second)
                    return err(where + ": role '" + role + "' lists a key twice");
                rk.keyids.push_back(id.get<std::string>());
            }
            md.roles[role] = rk;
        }
        md.consistent_snapshot = s.value("consistent_snapshot", false);
    } else if (md.type == "timestamp" || md.type == "snapshot") {
        if (!s.contains("meta") || !s["meta"].is_object()) return err(where + ": no meta");
        for (auto it = s["meta"].begin(); it != s["meta"].end(); ++it) {
            auto mf = parse_meta_file(it.value(), where + " meta " + it.key());
            if (!mf) return mf.error();
            md.meta[it.key()] = *mf;
        }
        if (md.type == "timestamp" && (md.meta.size() != 1 || !md.meta.count("snapshot.json")))
            return err(where + ": meta must hold exactly snapshot.json");
    } else if (md.type == "targets") {
        if (!s.contains("targets") || !s["targets"].is_object()) return err(where + ": no targets");
        for (auto it = s["targets"].begin(); it != s["targets"].end(); ++it) {
            const auto& t = it.value();
            const std::string tw = where + " target " + it.key();
            if (!t.is_object()) return err(tw + ": not an object");
            TargetFile tf;
            auto l = get_int(t, "length", tw);
            if (!l) return l.error();
            if (*l < 0) return err(tw + ": negative length");
            tf.length = *l;
            if (!t.contains("hashes") || !t["hashes"].is_object() || t["hashes"].empty())
                return err(tw + ": no hashes");
            for (auto h = t["hashes"].begin(); h != t["hashes"].end(); ++h) {
                if (!h.value().is_string()) return err(tw + ": hash is not a string");
                tf.hashes[h.key()] = h.value().get<std::string>();
            }
            if (t.contains("custom")) tf.custom = t["custom"];
            md.targets[it.key()] = tf;
        }
        if (s.contains("delegations"))
            return err(where + ": delegated targets roles are not supported by this client");
    }
    return md;
}

Result<void> verify_role(const Metadata& root, const std::string& role, const Metadata& md) {
    auto r = root.roles.find(role);
    if (r == root.roles.end()) return err("root has no role " + role);
    auto canon = canonical_json(md.signed_part);
    if (!canon) return err(role + ".json: " + canon.message());
    std::set<std::string> good;
    for (const auto& [keyid, sig] : md.signatures) {
        if (std::find(r->second.keyids.begin(), r->second.keyids.end(), keyid) ==
            r->second.keyids.end())
            continue;
        auto key = root.keys.find(keyid);
        if (key == root.keys.end()) continue;
        if (ed25519_verify(key->second, *canon, sig)) good.insert(keyid);
    }
    if (static_cast<int>(good.size()) < r->second.threshold)
        return err(role + ".json v" + std::to_string(md.version) + ": " +
                   std::to_string(good.size()) + " of " + std::to_string(r->second.threshold) +
                   " required signatures are valid");
    return {};
}

Result<void> check_length_and_hashes(const std::string& bytes, std::optional<std::int64_t> length,
                                     const std::map<std::string, std::string>& hashes) {
    if (length && static_cast<std::int64_t>(bytes.size()) != *length)
        return err("length " + std::to_string(bytes.size()) + " differs from the declared " +
                   std::to_string(*length));
    for (const auto& [alg, hex] : hashes) {
        if (alg != "sha256" && alg != "sha512") return err("unsupported hash algorithm " + alg);
        if (hash_hex(alg, bytes) != hex) return err(alg + " mismatch");
    }
    return {};
}

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

Result<void> TrustedSet::update_root(const std::string& bytes) {
    if (timestamp_) return err("root cannot change once timestamp is loaded");
    auto md = parse(bytes, "root");
    if (!md) return md.error();
    if (auto v = verify_role(root_, "root", *md); !v)
        return err("new root (old keys): " + v.message());
    if (md->version != root_.version + 1)
        return err("root.json: expected version " + std::to_string(root_.version + 1) + ", got " +
                   std::to_string(md->version));
    if (auto v = verify_role(*md, "root", *md); !v)
        return err("new root (its own keys): " + v.message());
    root_ = std::move(*md);
    return {};
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
            if (now_meta == md->meta.end()) return err("snapshot.json no longer lists " + name);
            if (now_meta->second.version < old.version)
                return err("snapshot.json rollback of " + name + ": version " +
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
