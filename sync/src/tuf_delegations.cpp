// SPDX-License-Identifier: GPL-3.0-or-later
// Delegations (§4.5, TAP 15): their shape in targets metadata, PATHPATTERN matching exactly as
// Python's fnmatch does it per '/'-separated segment, path_hash_prefixes and succinct bins.
#include <set>

#include "sync/crypto.h"
#include "sync/names.h"
#include "sync/tuf.h"

#include "tuf_internal.h"

namespace guichet::sync::tuf {
using namespace detail;

namespace detail {

Result<Delegations> parse_delegations(const nlohmann::json& d, const std::string& where) {
    if (!d.is_object()) return err(where + ": 'delegations' is not an object");
    Delegations out;
    const auto* keys = member(d, "keys");
    if (!keys) return err(where + ": delegations without 'keys'");
    auto k = parse_keys(*keys, where + " delegations");
    if (!k) return k.error();
    out.keys = std::move(*k);
    const auto* roles = member(d, "roles");
    const auto* succinct = member(d, "succinct_roles");
    if ((roles != nullptr) == (succinct != nullptr))
        return err(where + ": delegations need exactly one of 'roles' and 'succinct_roles'");
    if (roles) {
        if (!roles->is_array()) return err(where + ": delegations 'roles' is not a list");
        std::set<std::string> names;
        for (const auto& r : *roles) {
            const auto* name = member(r, "name");
            if (!name || !name->is_string())
                return err(where + ": a delegated role without a name");
            DelegatedRole role;
            role.name = name->get<std::string>();
            const std::string rw = where + " delegated role " + names::shown(role.name);
            // ROLENAME is any string (§4.5); it reaches a file name and a URL only through
            // role_file_name and role_url_name. Empty and top-level names are refused, as
            // python-tuf refuses them.
            if (role.name.empty()) return err(where + ": a delegated role with an empty name");
            if (is_top_level_role(role.name))
                return err(rw + ": a delegated role cannot be named like a top-level role");
            if (!names.insert(role.name).second) return err(rw + ": delegated twice");
            auto rk = parse_role_keys(r, rw);
            if (!rk) return rk.error();
            role.keys = std::move(*rk);
            const auto* term = member(r, "terminating");
            if (!term || !term->is_boolean()) return err(rw + ": 'terminating' missing");
            role.terminating = term->get<bool>();
            const auto* paths = member(r, "paths");
            const auto* prefixes = member(r, "path_hash_prefixes");
            if ((paths != nullptr) == (prefixes != nullptr))
                return err(rw + ": needs exactly one of 'paths' and 'path_hash_prefixes'");
            if (paths) {
                auto l = string_list(*paths, rw + " paths");
                if (!l) return l.error();
                role.paths = std::move(*l);
            } else {
                auto l = string_list(*prefixes, rw + " path_hash_prefixes");
                if (!l) return l.error();
                role.path_hash_prefixes = std::move(*l);
            }
            out.roles.push_back(std::move(role));
        }
    } else {
        const std::string sw = where + " succinct_roles";
        SuccinctRoles s;
        auto rk = parse_role_keys(*succinct, sw);
        if (!rk) return rk.error();
        s.keys = std::move(*rk);
        auto bits = get_int(*succinct, "bit_length", sw);
        if (!bits) return bits.error();
        if (*bits < 1 || *bits > 32) return err(sw + ": bit_length must be between 1 and 32");
        s.bit_length = static_cast<int>(*bits);
        const auto* prefix = member(*succinct, "name_prefix");
        if (!prefix || !prefix->is_string()) return err(sw + ": 'name_prefix' missing");
        // Any prefix: bin names reach files and URLs through role_file_name and role_url_name.
        s.name_prefix = prefix->get<std::string>();
        out.succinct = std::move(s);
    }
    return out;
}

}  // namespace detail

namespace {

std::u32string code_points(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        bool whole = extra >= 0 && i + static_cast<size_t>(extra) < s.size();
        for (int k = 1; whole && k <= extra; ++k)
            whole = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (!whole) {
            out += c;
            ++i;
            continue;
        }
        char32_t cp = extra == 0 ? c : (c & (0x3F >> extra));
        for (int k = 1; k <= extra; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out += cp;
        i += static_cast<size_t>(extra) + 1;
    }
    return out;
}

// One pattern element at `p` against `c`: `?`, a class, or a literal. `next` is where the
// element ends.
bool match_element(const std::u32string& pat, size_t p, char32_t c, size_t& next) {
    if (pat[p] == U'?') {
        next = p + 1;
        return true;
    }
    if (pat[p] == U'[') {
        size_t i = p + 1;
        bool negate = i < pat.size() && pat[i] == U'!';
        if (negate) ++i;
        const size_t start = i;
        if (i < pat.size() && pat[i] == U']') ++i;  // a leading `]` is a member
        while (i < pat.size() && pat[i] != U']') ++i;
        if (i < pat.size()) {
            bool in = false;
            for (size_t j = start; j < i;) {
                if (j + 2 < i && pat[j + 1] == U'-') {
                    if (pat[j] <= c && c <= pat[j + 2]) in = true;
                    j += 3;
                } else {
                    if (pat[j] == c) in = true;
                    ++j;
                }
            }
            next = i + 1;
            return in != negate;
        }
        // No closing `]`: the `[` is itself.
    }
    next = p + 1;
    return pat[p] == c;
}

bool match_segment(const std::u32string& pat, const std::u32string& s) {
    size_t p = 0, i = 0;
    size_t star = std::u32string::npos, star_i = 0;
    while (i < s.size()) {
        if (p < pat.size() && pat[p] == U'*') {
            star = p++;
            star_i = i;
            continue;
        }
        size_t next = 0;
        if (p < pat.size() && match_element(pat, p, s[i], next)) {
            p = next;
            ++i;
            continue;
        }
        if (star == std::u32string::npos) return false;
        p = star + 1;
        i = ++star_i;
    }
    while (p < pat.size() && pat[p] == U'*') ++p;
    return p == pat.size();
}

std::vector<std::string_view> split_slash(std::string_view s) {
    std::vector<std::string_view> out;
    size_t start = 0;
    for (;;) {
        size_t slash = s.find('/', start);
        out.push_back(s.substr(start, slash == std::string_view::npos ? slash : slash - start));
        if (slash == std::string_view::npos) return out;
        start = slash + 1;
    }
}

}  // namespace

// ---- delegations --------------------------------------------------------------------------

bool match_path_pattern(std::string_view pattern, std::string_view target_path) {
    auto pat = split_slash(pattern), path = split_slash(target_path);
    if (pat.size() != path.size()) return false;
    for (size_t i = 0; i < pat.size(); ++i)
        if (!match_segment(code_points(pat[i]), code_points(path[i]))) return false;
    return true;
}

bool DelegatedRole::covers(std::string_view target_path) const {
    if (path_hash_prefixes) {
        const std::string h = sha256_hex(target_path);
        for (const auto& prefix : *path_hash_prefixes)
            if (h.compare(0, prefix.size(), prefix) == 0 && prefix.size() <= h.size()) return true;
        return false;
    }
    if (paths)
        for (const auto& p : *paths)
            if (match_path_pattern(p, target_path)) return true;
    return false;
}

namespace {

std::string bin_suffix(std::uint64_t bin, int bit_length) {
    // As many hex digits as the last bin's number needs.
    const std::uint64_t last = (std::uint64_t{1} << bit_length) - 1;
    size_t width = 0;
    for (std::uint64_t v = last; v; v >>= 4) ++width;
    static const char* digits = "0123456789abcdef";
    std::string out(width, '0');
    for (size_t i = width; i-- > 0; bin >>= 4) out[i] = digits[bin & 15];
    return out;
}

}  // namespace

std::string SuccinctRoles::role_for(std::string_view target_path) const {
    auto digest = from_hex(sha256_hex(target_path)).value();
    std::uint32_t first = 0;
    for (int i = 0; i < 4; ++i) first = (first << 8) | static_cast<unsigned char>(digest[i]);
    const std::uint64_t bin = static_cast<std::uint64_t>(first) >> (32 - bit_length);
    return name_prefix + "-" + bin_suffix(bin, bit_length);
}

bool SuccinctRoles::is_bin(std::string_view role_name) const {
    const std::string prefix = name_prefix + "-";
    if (role_name.substr(0, prefix.size()) != prefix) return false;
    auto suffix = role_name.substr(prefix.size());
    if (suffix.size() != bin_suffix(0, bit_length).size()) return false;
    std::uint64_t v = 0;
    for (char c : suffix) {
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) return false;
        v = v * 16 + static_cast<std::uint64_t>(d);
    }
    return v < (std::uint64_t{1} << bit_length);
}

std::vector<std::pair<std::string, bool>> Delegations::roles_for(
    std::string_view target_path) const {
    std::vector<std::pair<std::string, bool>> out;
    if (succinct) {
        out.emplace_back(succinct->role_for(target_path), true);
        return out;
    }
    for (const auto& r : roles)
        if (r.covers(target_path)) out.emplace_back(r.name, r.terminating);
    return out;
}

std::optional<RoleKeys> Delegations::keys_of(std::string_view role_name) const {
    if (succinct) {
        if (succinct->is_bin(role_name)) return succinct->keys;
        return std::nullopt;
    }
    for (const auto& r : roles)
        if (r.name == role_name) return r.keys;
    return std::nullopt;
}

}  // namespace guichet::sync::tuf
