// SPDX-License-Identifier: GPL-3.0-or-later
// Keys, signatures and digests for TUF metadata, all through OpenSSL 3: the key types of the
// specification and its reference implementations (Ed25519, ECDSA P-256/P-384, RSA-PSS and
// PKCS#1 v1.5), the digests TUF names, and the exact canonical JSON (OLPC, as securesystemslib
// writes it) whose bytes are what gets signed. A key this code cannot use is an error value,
// never a crash, so callers can ignore it and count it as no signature.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/result.h"

namespace guichet::sync {

// Sorted keys, no whitespace, strings with only `"` and `\` escaped (raw UTF-8 otherwise),
// integers only: a float or non-UTF-8 string is an error, never silently reformatted.
Result<std::string> canonical_json(const nlohmann::json& value);

std::string to_hex(std::string_view bytes);
Result<std::string> from_hex(std::string_view hex);

// Digests by their TUF / securesystemslib names: sha224, sha256, sha384, sha512, blake2b
// (512 bits) and blake2s (256 bits). md5 and sha1 are not offered: too weak to pin a file.
bool is_supported_digest(std::string_view algorithm);
std::string sha256_hex(std::string_view bytes);
Result<std::string> digest_hex(std::string_view algorithm, std::string_view bytes);
Result<std::string> sha256_file_hex(const std::filesystem::path& file);
// The lowercase hex digest of an open file, read from its start (any supported algorithm).
Result<std::string> digest_file_hex(std::string_view algorithm, int fd);
// Every algorithm of `algorithms` over one read of an open file, from its start.
Result<std::map<std::string, std::string>> file_digests_hex(
    int fd, const std::vector<std::string>& algorithms);

// Caps on key material read from metadata or files: a PEM public key of RSA-16384 is ~2.9 kB.
inline constexpr std::size_t kMaxPublicKeyText = 16384;
inline constexpr int kMinRsaBits = 2048;  // the specification's floor
inline constexpr int kMaxRsaBits = 16384;

// A public key of a TUF key object, immutable and cheap to copy.
class PublicKey {
  public:
    // {"keytype", "scheme", "keyval": {"public": ...}} as in root or delegations metadata.
    // Supported: ed25519/ed25519 (hex); ecdsa or ecdsa-sha2-nistp256 / ecdsa-sha2-nistp256
    // and ecdsa or ecdsa-sha2-nistp384 / ecdsa-sha2-nistp384 (PEM SubjectPublicKeyInfo, or
    // the hex point older go-tuf wrote); rsa / rsassa-pss-sha{224,256,384,512} and
    // rsa-pkcs1v15-sha{224,256,384,512} (PEM, 2048 to 16384 bits). Anything else is an error
    // saying why; the caller ignores such a key.
    static Result<PublicKey> from_tuf(const nlohmann::json& key_object);
    // A PEM public key made by another tool (openssl, a YubiKey, a KMS export); its TUF type
    // and scheme follow from the key: Ed25519, ECDSA P-256/P-384, RSA (RSASSA-PSS-SHA256).
    static Result<PublicKey> from_pem(std::string_view pem);

    // A DER signature for ECDSA, 64 bytes for Ed25519, the modulus size for RSA.
    bool verify(std::string_view message, std::string_view signature) const;

    const std::string& keytype() const;
    const std::string& scheme() const;
    // The TUF key object this key is written as (the object it was read from, for keys read
    // from metadata: its key id is that object's).
    const nlohmann::json& tuf_object() const;
    // SHA-256 of the canonical key object. Clients do not require metadata key ids to equal
    // this (python-tuf and go-tuf do not; keys made by securesystemslib 0.x hash extra fields).
    std::string key_id() const;
    // The key's DER SubjectPublicKeyInfo: the same key has the same bytes, whatever its key
    // id or scheme. Thresholds count distinct keys by it.
    const std::string& fingerprint() const;

    struct Impl;

  private:
    explicit PublicKey(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
    std::shared_ptr<const Impl> impl_;
};

enum class KeyType { ed25519, ecdsa, rsa };
Result<KeyType> parse_key_type(std::string_view name);  // "ed25519" | "ecdsa" | "rsa"

// A key that signs: a private key in memory, or a public key whose signatures come from an
// outside command (a hardware token, an HSM or a cloud KMS).
class SigningKey {
  public:
    static Result<SigningKey> generate(KeyType type);  // ECDSA P-256, RSA 3072
    // Our key file (JSON with keyval.private: hex for Ed25519, PKCS#8 PEM otherwise), or a
    // PEM private key made by another tool (PKCS#8, SEC1 "EC PRIVATE KEY", PKCS#1 "RSA
    // PRIVATE KEY"; not encrypted). Errors name the file.
    static Result<SigningKey> read_private(const std::filesystem::path& file);
    // Signatures by `command` (run with /bin/sh -c): it reads the canonical bytes on stdin
    // and writes the signature on stdout, as hex or raw bytes (ECDSA as DER or as raw r||s).
    // GUICHET_SIGN_KEYID, GUICHET_SIGN_KEYTYPE and GUICHET_SIGN_SCHEME are set for it.
    static SigningKey external(PublicKey key, std::string command);

    const PublicKey& public_key() const { return public_; }
    std::string key_id() const { return public_.key_id(); }
    bool can_sign() const { return private_ != nullptr || !command_.empty(); }
    // The raw signature, verified against the public key before it is returned (a command
    // that signs with another key, or answers garbage, is an error here, not at the kiosks).
    Result<std::string> sign(std::string_view message) const;

    // OUT (private, created 0600, never overwritten) and OUT.pub (the TUF key object).
    Result<void> write_key_files(const std::filesystem::path& out_prefix) const;

    struct Private;

  private:
    SigningKey(PublicKey pub, std::shared_ptr<const Private> priv, std::string command)
        : public_(std::move(pub)), private_(std::move(priv)), command_(std::move(command)) {}
    PublicKey public_;
    std::shared_ptr<const Private> private_;
    std::string command_;
};

// Any key file for its public half: our .pub (TUF key JSON), our private file, a PEM public
// key, or a PEM private key.
Result<PublicKey> read_public_key(const std::filesystem::path& file);

}  // namespace guichet::sync
