// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/names.h"

#include <string>

#include "platform/confined_dir.h"
#include "platform/utf8.h"

namespace guichet::sync::names {
namespace {

constexpr std::size_t kMaxTargetPathBytes = 1024;

}  // namespace

// For messages: what was refused, shown valid, on one line, not endless.
std::string shown(std::string_view value) {
    std::string out = utf8::sanitize(value.substr(0, 80));
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    return "'" + out + (value.size() > 80 ? "…'" : "'");
}

namespace {

bool lower_hex(std::string_view text) {
    for (const char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

}  // namespace

// The digests sync/crypto computes, and their length in hex.
std::size_t hex_length(std::string_view algorithm) {
    if (algorithm == "sha224") return 56;
    if (algorithm == "sha256" || algorithm == "blake2s") return 64;
    if (algorithm == "sha384") return 96;
    if (algorithm == "sha512" || algorithm == "blake2b") return 128;
    return 0;
}

bool is_known_hash_algorithm(std::string_view algorithm) {
    return hex_length(algorithm) != 0;
}

Result<void> check_hash(std::string_view algorithm, std::string_view hex) {
    const std::size_t want = hex_length(algorithm);
    if (want == 0) {
        const bool name_ok = !algorithm.empty() && algorithm.size() <= 32 &&
                             algorithm.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") ==
                                 std::string_view::npos;
        if (!name_ok) return make_error("hash algorithm " + shown(algorithm) + " is not a name");
        if (hex.empty() || hex.size() > 128 || !lower_hex(hex))
            return make_error(std::string(algorithm) + " hash " + shown(hex) +
                              " is not lowercase hex");
        return {};
    }
    if (hex.size() != want || !lower_hex(hex))
        return make_error(std::string(algorithm) + " hash " + shown(hex) + " is not " +
                          std::to_string(want) + " lowercase hex digits");
    return {};
}

Result<void> check_sha256(std::string_view hex) {
    return check_hash("sha256", hex);
}

Result<void> check_target_path(std::string_view path) {
    if (path.size() > kMaxTargetPathBytes)
        return make_error("target path of " + std::to_string(path.size()) + " bytes, more than " +
                          std::to_string(kMaxTargetPathBytes));
    if (auto ok = files::check_relative_path(path); !ok)
        return make_error("target path " + ok.message());
    return {};
}

Result<void> check_role_name(std::string_view name) {
    const bool ok = !name.empty() && name.size() <= 64 && name.front() != '.' &&
                    name.front() != '-' &&
                    name.find_first_not_of(
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                        "0123456789._-") == std::string_view::npos &&
                    name.find("..") == std::string_view::npos;
    if (!ok) return make_error("role name " + shown(name) + " is not 1 to 64 of [A-Za-z0-9._-]");
    return {};
}

Result<void> check_meta_name(std::string_view name) {
    constexpr std::string_view suffix = ".json";
    if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix)
        return make_error("meta entry " + shown(name) + " is not ROLE.json");
    if (auto ok = check_role_name(name.substr(0, name.size() - suffix.size())); !ok)
        return make_error("meta entry " + shown(name) + ": " + ok.message());
    return {};
}

Result<void> check_key_id(std::string_view key_id) {
    if (key_id.empty() || key_id.size() > 128 || !lower_hex(key_id))
        return make_error("key id " + shown(key_id) + " is not lowercase hex");
    return {};
}

}  // namespace guichet::sync::names
