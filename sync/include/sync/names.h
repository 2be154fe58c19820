// SPDX-License-Identifier: GPL-3.0-or-later
// The one strict grammar for every value that signed (or not yet verified) metadata can put
// on a path or in a URL: hash strings, target paths, role names, key ids. TUF lets a
// repository sign any string; a kiosk accepts only these shapes, so that even a leaked
// targets key cannot name a file outside the state folder. Checked when metadata is parsed,
// and again where a value becomes a file name.
#pragma once

#include <string>
#include <string_view>

#include "platform/result.h"

namespace guichet::sync::names {

// `value` for a message: quoted, valid UTF-8, control characters as '?', at most 80 bytes.
std::string shown(std::string_view value);
// A hash algorithm this client computes (sha224, sha256, sha384, sha512, blake2b, blake2s).
bool is_known_hash_algorithm(std::string_view algorithm);
// `hex` is exactly the digest length of `algorithm` in lowercase hex (64 for sha256, 128 for
// sha512, ...). Other algorithms: a name of [a-z0-9-], at most 32 characters, and lowercase
// hex of at most 128 digits (kept, never computed, never used in a name).
Result<void> check_hash(std::string_view algorithm, std::string_view hex);
// A lowercase hex SHA-256 (64 digits): content hashes in Guichet's custom data.
Result<void> check_sha256(std::string_view hex);
// Relative, `/`-separated, no empty, `.` or `..` segment, no backslash, NUL or control
// character, valid UTF-8, at most 1024 bytes (platform's files::check_relative_path).
Result<void> check_target_path(std::string_view path);
// A role's name as it appears in a metadata file name (`N.NAME.json`): 1 to 64 characters of
// [A-Za-z0-9._-], not starting with `.` or `-`.
Result<void> check_role_name(std::string_view name);
// `NAME.json` in a timestamp's or snapshot's meta, NAME a role name.
Result<void> check_meta_name(std::string_view name);
// A key id: 1 to 128 characters of lowercase hex (TUF key ids are SHA-256 digests).
Result<void> check_key_id(std::string_view key_id);

}  // namespace guichet::sync::names
