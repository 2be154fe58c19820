// SPDX-License-Identifier: GPL-3.0-or-later
// TUF metadata: parsing and shape checks (§4), signatures and thresholds, and the names
// trusted metadata is kept and fetched under.
#include "sync/tuf.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <limits>
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

std::string shown_role(std::string_view name) {
    if (names::check_role_name(name)) return std::string(name);
    return names::shown(name);
}

const nlohmann::json* member(const nlohmann::json& obj, const char* key) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

Result<std::int64_t> get_int(const nlohmann::json& obj, const char* key, const std::string& where) {
    const auto* v = member(obj, key);
    if (!v || !v->is_number_integer())
        return err(where + ": '" + key + "' missing or not an integer");
    if (v->is_number_unsigned() &&
        v->get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return err(where + ": '" + key + "' is out of range");
    return v->get<std::int64_t>();
}

Result<std::map<std::string, std::string>> parse_hashes(const nlohmann::json& j,
                                                        const std::string& where) {
    if (!j.is_object() || j.empty()) return err(where + ": 'hashes' must be a non-empty object");
    std::map<std::string, std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!it.value().is_string()) return err(where + ": hash is not a string");
        if (auto ok = names::check_hash(it.key(), it.value().get<std::string>()); !ok)
            return err(where + ": " + ok.message());
        out[it.key()] = it.value().get<std::string>();
    }
    return out;
}

Result<MetaFile> parse_meta_file(const nlohmann::json& j, const std::string& where) {
    if (!j.is_object()) return err(where + ": not an object");
    MetaFile mf;
    auto v = get_int(j, "version", where);
    if (!v) return v.error();
    if (*v < 1) return err(where + ": version must be >= 1");
    mf.version = *v;
    if (member(j, "length")) {
        auto l = get_int(j, "length", where);
        if (!l || *l < 0) return err(where + ": bad length");
        mf.length = *l;
    }
    if (const auto* h = member(j, "hashes")) {
        auto hashes = parse_hashes(*h, where);
        if (!hashes) return hashes.error();
        mf.hashes = std::move(*hashes);
    }
    return mf;
}

std::optional<std::string> read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Result<RoleKeys> parse_role_keys(const nlohmann::json& r, const std::string& where) {
    if (!r.is_object()) return err(where + ": not an object");
    const auto* ids = member(r, "keyids");
    if (!ids || !ids->is_array()) return err(where + ": 'keyids' missing or not a list");
    RoleKeys rk;
    auto t = get_int(r, "threshold", where);
    if (!t) return t.error();
    if (*t < 1) return err(where + ": threshold must be >= 1");
    rk.threshold = static_cast<int>(std::min<std::int64_t>(*t, 1 << 30));
    std::set<std::string> seen;
    for (const auto& id : *ids) {
        if (!id.is_string()) return err(where + ": key id is not a string");
        if (!seen.insert(id.get<std::string>()).second)
            return err(where + ": lists key " + id.get<std::string>() + " twice");
        rk.keyids.push_back(id.get<std::string>());
    }
    return rk;
}

// Keys a client can use; others (unknown type or scheme, malformed) are left out, so they
// count as no signature instead of making the whole file unusable.
Result<KeyMap> parse_keys(const nlohmann::json& keys, const std::string& where) {
    if (!keys.is_object()) return err(where + ": 'keys' is not an object");
    KeyMap out;
    for (auto it = keys.begin(); it != keys.end(); ++it) {
        auto key = PublicKey::from_tuf(it.value());
        if (key) out.emplace(it.key(), *key);
    }
    return out;
}

Result<std::vector<std::string>> string_list(const nlohmann::json& j, const std::string& where) {
    if (!j.is_array()) return err(where + ": not a list");
    std::vector<std::string> out;
    for (const auto& e : j) {
        if (!e.is_string()) return err(where + ": not a list of strings");
        out.push_back(e.get<std::string>());
    }
    return out;
}

}  // namespace detail

using namespace detail;

namespace {

bool valid_spec_version(std::string v) {
    // Semantic versioning (§4.3): MAJOR.MINOR.PATCH with an optional pre-release ("-rc.1") and
    // build ("+b5") part, or MAJOR.MINOR as older metadata wrote it (python-tuf reads both);
    // the major version must be one this client reads.
    // Dot-separated, non-empty identifiers of [0-9A-Za-z-].
    const auto identifiers = [](std::string_view text) {
        if (text.empty()) return false;
        size_t length = 0;
        for (char c : text) {
            if (c == '.') {
                if (length == 0) return false;
                length = 0;
            } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') {
                ++length;
            } else {
                return false;
            }
        }
        return length > 0;
    };
    if (auto suffix = v.find_first_of("-+"); suffix != std::string::npos) {
        std::string_view tail = std::string_view(v).substr(suffix);
        const auto plus = tail.find('+');
        if (tail[0] == '-' && !identifiers(tail.substr(1, plus == 0 ? 0 : plus - 1))) return false;
        if (plus != std::string_view::npos && !identifiers(tail.substr(plus + 1))) return false;
        v.resize(suffix);
        if (std::count(v.begin(), v.end(), '.') != 2) return false;
    }
    std::vector<std::string> parts;
    std::string part;
    for (char c : v) {
        if (c == '.') {
            parts.push_back(part);
            part.clear();
        } else if (c >= '0' && c <= '9') {
            part += c;
        } else {
            return false;
        }
    }
    parts.push_back(part);
    if (parts.size() != 2 && parts.size() != 3) return false;
    for (const auto& p : parts)
        if (p.empty() || p.size() > 9) return false;
    return parts[0] == "1";
}

// UTF-8 to code points, so `?` matches one character as Python's fnmatch does. JSON strings
// are valid UTF-8 (the parser checks); a stray byte still becomes one code point.

bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

}  // namespace

// ---- dates --------------------------------------------------------------------------------

Result<std::int64_t> parse_utc(const std::string& s) {
    auto bad = [&] { return err("expires '" + s + "' is not YYYY-MM-DDTHH:MM:SSZ"); };
    static const char* shape = "dddd-dd-ddTdd:dd:ddZ";
    if (s.size() != 20) return bad();
    for (size_t i = 0; i < 20; ++i) {
        if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i]) return bad();
    }
    auto num = [&](size_t at, size_t n) {
        int v = 0;
        for (size_t i = 0; i < n; ++i) v = v * 10 + (s[at + i] - '0');
        return v;
    };
    int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2),
        sec = num(17, 2);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days[mo - 1] + (mo == 2 && leap(y) ? 1 : 0) ||
        h > 23 || mi > 59 || sec > 60)
        return bad();
    std::tm tm{};
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
    // Four digits for every year parse_utc takes: strftime's %Y writes year 627 as "627", which
    // parse_utc then refuses (found by fuzz_alerts: a signed alert starting in 0627 could be
    // kept by a kiosk but never read back).
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02dZ",
                  static_cast<long long>(tm.tm_year) + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                  tm.tm_min, tm.tm_sec);
    return buf;
}

// ---- names --------------------------------------------------------------------------------

bool is_top_level_role(std::string_view name) {
    return name == "root" || name == "timestamp" || name == "snapshot" || name == "targets";
}

std::string percent_encode(std::string_view text, bool keep_slash) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/')) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

Result<std::string> role_file_name(std::string_view role_name) {
    // A name of the strict grammar keeps its own file name; any other string a repository may
    // sign ("a/b", "../x", "..", UTF-8, 500 characters) is kept under the SHA-256 of its
    // bytes. '~' is outside the grammar, so the two kinds never meet, and neither ever holds
    // '/', starts with '.', or is longer than 70 bytes.
    if (role_name.empty()) return err("a role name cannot be empty");
    if (names::check_role_name(role_name)) return std::string(role_name) + ".json";
    return "~" + sha256_hex(role_name) + ".json";
}

std::string role_url_name(std::string_view role_name) {
    return percent_encode(role_name) + ".json";
}

// ---- parsing ------------------------------------------------------------------------------

Result<Metadata> parse(const std::string& bytes, const std::string& expected_type,
                       const std::string& role_name) {
    const std::string where = (role_name.empty() ? expected_type : shown_role(role_name)) + ".json";
    // Depth-limited: the canonical form is computed by a recursive walk before any signature
    // is checked.
    auto parsed = safe_json::parse(bytes);
    if (!parsed) return err(where + ": not JSON metadata (" + parsed.message() + ")");
    const nlohmann::json& j = *parsed;
    if (!j.is_object()) return err(where + ": not JSON metadata");
    const auto* signed_part = member(j, "signed");
    const auto* signatures = member(j, "signatures");
    if (!signed_part || !signed_part->is_object() || !signatures || !signatures->is_array())
        return err(where + ": missing 'signed' or 'signatures'");
    Metadata md;
    md.signed_part = *signed_part;
    const auto& s = md.signed_part;
    for (const auto& sig : *signatures) {
        const auto* keyid = member(sig, "keyid");
        const auto* value = member(sig, "sig");
        if (!keyid || !keyid->is_string() || !value || !value->is_string())
            return err(where + ": malformed signature entry");
        auto raw = from_hex(value->get<std::string>());
        md.signatures.emplace_back(keyid->get<std::string>(), raw ? *raw : std::string());
    }
    const auto* type = member(s, "_type");
    if (!type || !type->is_string()) return err(where + ": no _type");
    md.type = type->get<std::string>();
    if (md.type != expected_type)
        return err(where + ": _type is '" + md.type + "', expected '" + expected_type + "'");
    const auto* spec = member(s, "spec_version");
    if (!spec || !spec->is_string()) return err(where + ": no spec_version");
    if (!valid_spec_version(spec->get<std::string>()))
        return err(where + ": unsupported spec_version '" + spec->get<std::string>() +
                   "' (this client reads 1.x)");
    auto v = get_int(s, "version", where);
    if (!v) return v.error();
    if (*v < 1) return err(where + ": version must be >= 1");
    md.version = *v;
    const auto* expires = member(s, "expires");
    if (!expires || !expires->is_string()) return err(where + ": no expires");
    auto exp = parse_utc(expires->get<std::string>());
    if (!exp) return err(where + ": " + exp.message());
    md.expires = *exp;
    // The signed bytes: the object as received, unknown fields included. A float or a
    // string that is not UTF-8 has no canonical form, so nothing could have signed it.
    auto canon = canonical_json(md.signed_part);
    if (!canon) return err(where + ": " + canon.message());
    md.canonical_signed = std::move(*canon);

    if (md.type == "root") {
        const auto* keys = member(s, "keys");
        const auto* roles = member(s, "roles");
        if (!keys || !roles || !roles->is_object())
            return err(where + ": root without keys or roles");
        auto k = parse_keys(*keys, where);
        if (!k) return k.error();
        md.keys = std::move(*k);
        for (auto it = roles->begin(); it != roles->end(); ++it)
            if (auto ok = names::check_role_name(it.key()); !ok)
                return err(where + ": " + ok.message());
        for (const char* role : {"root", "timestamp", "snapshot", "targets"}) {
            const auto* r = member(*roles, role);
            if (!r) return err(where + ": role '" + role + "' missing");
            auto rk = parse_role_keys(*r, where + " role '" + role + "'");
            if (!rk) return rk.error();
            md.roles[role] = std::move(*rk);
        }
        if (const auto* cs = member(s, "consistent_snapshot")) {
            if (!cs->is_boolean()) return err(where + ": consistent_snapshot is not a boolean");
            md.consistent_snapshot = cs->get<bool>();
        }
    } else if (md.type == "timestamp" || md.type == "snapshot") {
        const auto* meta = member(s, "meta");
        if (!meta || !meta->is_object()) return err(where + ": no meta");
        for (auto it = meta->begin(); it != meta->end(); ++it) {
            // METAPATH is any string (§4.4): it is only ever looked up as ROLE.json, and a
            // role's local file and URL names come from role_file_name and role_url_name.
            auto mf = parse_meta_file(it.value(), where + " meta " + shown_role(it.key()));
            if (!mf) return mf.error();
            md.meta[it.key()] = *mf;
        }
        if (md.type == "timestamp" && (md.meta.size() != 1 || !md.meta.count("snapshot.json")))
            return err(where + ": meta must hold exactly snapshot.json");
    } else if (md.type == "targets") {
        const auto* targets = member(s, "targets");
        if (!targets || !targets->is_object()) return err(where + ": no targets");
        for (auto it = targets->begin(); it != targets->end(); ++it) {
            const auto& t = it.value();
            // A target's name becomes part of a URL and a file name. TARGETPATH is any string
            // (§4.5 only recommends a relative, '/'-separated path), so a path this client
            // could not name safely ("../x", "/etc/x", "a//b", a control character) is left
            // out: the file stays usable, and no lookup can ever ask for such a path.
            if (!names::check_target_path(it.key())) continue;
            const std::string tw = where + " target " + it.key();
            if (!t.is_object()) return err(tw + ": not an object");
            TargetFile tf;
            auto l = get_int(t, "length", tw);
            if (!l) return l.error();
            if (*l < 0) return err(tw + ": negative length");
            tf.length = *l;
            const auto* h = member(t, "hashes");
            if (!h) return err(tw + ": no hashes");
            auto hashes = parse_hashes(*h, tw);
            if (!hashes) return hashes.error();
            tf.hashes = std::move(*hashes);
            // CUSTOM is an object (§4.5); anything else is no custom data.
            if (const auto* c = member(t, "custom"); c && c->is_object()) tf.custom = *c;
            tf.role = role_name.empty() ? "targets" : role_name;
            md.targets[it.key()] = std::move(tf);
        }
        if (const auto* d = member(s, "delegations")) {
            auto del = parse_delegations(*d, where);
            if (!del) return del.error();
            md.delegations = std::move(*del);
        }
    }
    return md;
}

// ---- signatures and hashes ----------------------------------------------------------------

Result<void> verify_signatures(const KeyMap& keys, const RoleKeys& role, const Metadata& md,
                               const std::string& role_name) {
    std::set<std::string> tried_ids, good;
    for (const auto& [keyid, sig] : md.signatures) {
        if (std::find(role.keyids.begin(), role.keyids.end(), keyid) == role.keyids.end()) continue;
        // One attempt per key id: a file repeating a listed key id costs one verification.
        if (!tried_ids.insert(keyid).second) continue;
        auto key = keys.find(keyid);
        if (key == keys.end()) continue;
        if (good.count(key->second.fingerprint())) continue;
        if (key->second.verify(md.canonical_signed, sig)) good.insert(key->second.fingerprint());
    }
    if (static_cast<int>(good.size()) < role.threshold)
        return err(shown_role(role_name) + ".json v" + std::to_string(md.version) + ": " +
                   std::to_string(good.size()) + " of " + std::to_string(role.threshold) +
                   " required signatures are valid");
    return {};
}

Result<void> verify_role(const Metadata& root, const std::string& role, const Metadata& md) {
    auto r = root.roles.find(role);
    if (r == root.roles.end()) return err("root has no role " + role);
    return verify_signatures(root.keys, r->second, md, role);
}

Result<void> check_length_and_hashes(const std::string& bytes, std::optional<std::int64_t> length,
                                     const std::map<std::string, std::string>& hashes) {
    if (length && static_cast<std::int64_t>(bytes.size()) != *length)
        return err("length " + std::to_string(bytes.size()) + " differs from the declared " +
                   std::to_string(*length));
    bool any = hashes.empty();
    for (const auto& [alg, hex] : hashes) {
        if (!is_supported_digest(alg)) continue;
        any = true;
        if (digest_hex(alg, bytes).value() != hex) return err(alg + " mismatch");
    }
    if (!any) return err("no hash of a supported algorithm (sha256, sha512, ...)");
    return {};
}

}  // namespace guichet::sync::tuf
