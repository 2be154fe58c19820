// SPDX-License-Identifier: GPL-3.0-or-later
// Signing and hashing for TUF metadata: Ed25519 (libsodium) and SHA-256, plus the exact
// canonical JSON (OLPC, as securesystemslib writes it) whose bytes are what gets signed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "platform/result.h"

namespace guichet::sync {

// Sorted keys, no whitespace, strings with only `"` and `\` escaped (raw UTF-8 otherwise),
// integers only: a float or non-UTF-8 string is an error, never silently reformatted.
Result<std::string> canonical_json(const nlohmann::json& value);

std::string to_hex(std::string_view bytes);
Result<std::string> from_hex(std::string_view hex);

std::string sha256_hex(std::string_view bytes);
Result<std::string> sha256_file_hex(const std::filesystem::path& file);
// The lowercase hex digest (sha256 or sha512) of an open file, read from its start.
Result<std::string> digest_file_hex(std::string_view algorithm, int fd);

struct Ed25519Key {
    std::string public_key;  // 32 raw bytes
    std::string secret_key;  // 64 raw bytes (seed + public), empty for a public-only key
};

Ed25519Key ed25519_generate();
std::string ed25519_sign(const Ed25519Key& key, std::string_view message);  // 64 raw bytes
bool ed25519_verify(std::string_view public_key, std::string_view message,
                    std::string_view signature);

// The TUF key object {"keytype":"ed25519","scheme":"ed25519","keyval":{"public":HEX}} and its
// key id: the SHA-256 of that object's canonical JSON.
nlohmann::json tuf_public_key(const Ed25519Key& key);
std::string tuf_key_id(const Ed25519Key& key);

// Key files written by `guichet-publish keygen`: JSON with the TUF public key object and, in
// the private file (mode 0600), the secret key in hex.
Result<void> write_key_pair(const Ed25519Key& key, const std::filesystem::path& out_prefix);
Result<Ed25519Key> read_private_key(const std::filesystem::path& file);

}  // namespace guichet::sync
