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

#include "platform/safe_json.h"
#include "sync/crypto.h"
#include "sync/names.h"

#include "tuf_internal.h"

namespace guichet::sync::tuf {

namespace detail {

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
            if (auto ok = names::check_hash(it.key(), it.value().get<std::string>()); !ok)
                return err(where + ": " + ok.message());
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

}  // namespace detail

using namespace detail;

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
    // Depth-limited: the canonical form is computed by a recursive walk before any signature
    // is checked.
    auto parsed = safe_json::parse(bytes);
    if (!parsed) return err(where + ": not JSON metadata (" + parsed.message() + ")");
    const nlohmann::json& j = *parsed;
    if (!j.is_object()) return err(where + ": not JSON metadata");
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
        for (auto it = s["roles"].begin(); it != s["roles"].end(); ++it)
            if (auto ok = names::check_role_name(it.key()); !ok)
                return err(where + ": " + ok.message());
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
            if (auto ok = names::check_meta_name(it.key()); !ok)
                return err(where + ": " + ok.message());
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
            // A target's name becomes part of a URL and a file name: refused unless it is a
            // plain relative path, whoever signed it.
            if (auto ok = names::check_target_path(it.key()); !ok)
                return err(where + ": " + ok.message());
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
                if (auto ok = names::check_hash(h.key(), h.value().get<std::string>()); !ok)
                    return err(tw + ": " + ok.message());
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

}  // namespace guichet::sync::tuf
