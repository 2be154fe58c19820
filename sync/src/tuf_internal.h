// SPDX-License-Identifier: GPL-3.0-or-later
// Small pieces the TUF parts share: an error value, a checked integer field, a metadata file
// entry (version, length, hashes) and a digest by algorithm name. Internal to sync/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "sync/tuf.h"

namespace guichet::sync::tuf::detail {

Error err(const std::string& what);
Result<std::int64_t> get_int(const nlohmann::json& obj, const char* key, const std::string& where);
Result<MetaFile> parse_meta_file(const nlohmann::json& j, const std::string& where);
// The lowercase hex digest of `bytes` by a TUF hash name (sha256 or sha512).
std::string hash_hex(const std::string& alg, const std::string& bytes);
std::optional<std::string> read_file(const std::filesystem::path& p);

}  // namespace guichet::sync::tuf::detail
