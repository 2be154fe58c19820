// SPDX-License-Identifier: GPL-3.0-or-later
// Small pieces the TUF parts share: an error value, checked field access on JSON from outside
// (never an exception), a metadata file entry (version, length, hashes). Internal to sync/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/tuf.h"

namespace guichet::sync::tuf::detail {

Error err(const std::string& what);
// A role name (or any signed name) for a message: as it is when it is of sync/names.h's role
// grammar, quoted and made printable otherwise (a signed name may hold control characters).
std::string shown_role(std::string_view name);
// The member `key` of `obj`, or nullptr when `obj` is not an object or has no such member.
const nlohmann::json* member(const nlohmann::json& obj, const char* key);
Result<std::int64_t> get_int(const nlohmann::json& obj, const char* key, const std::string& where);
Result<std::map<std::string, std::string>> parse_hashes(const nlohmann::json& j,
                                                        const std::string& where);
Result<MetaFile> parse_meta_file(const nlohmann::json& j, const std::string& where);
std::optional<std::string> read_file(const std::filesystem::path& p);
Result<RoleKeys> parse_role_keys(const nlohmann::json& r, const std::string& where);
// Keys a client can use; others (unknown type or scheme, malformed) are left out, so they
// count as no signature instead of making the whole file unusable.
Result<KeyMap> parse_keys(const nlohmann::json& keys, const std::string& where);
Result<std::vector<std::string>> string_list(const nlohmann::json& j, const std::string& where);
Result<Delegations> parse_delegations(const nlohmann::json& d, const std::string& where);

}  // namespace guichet::sync::tuf::detail
