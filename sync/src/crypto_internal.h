// SPDX-License-Identifier: GPL-3.0-or-later
// OpenSSL pieces the key and signing halves of sync/crypto share: owning handles, key decoding,
// the schemes' digests and RSA paddings. Internal to sync/.
#pragma once

#include <openssl/err.h>
#include <openssl/evp.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace guichet::sync::detail {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BioFree {
    void operator()(BIO* p) const { BIO_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using Bio = std::unique_ptr<BIO, BioFree>;

// OpenSSL keeps a per-thread error queue; a failed decode must not leave entries behind
// for an unrelated later call to trip over.
struct ErrorQueueGuard {
    ~ErrorQueueGuard() { ERR_clear_error(); }
};

// The curve of an ECDSA scheme, by OpenSSL's name, and the scheme's digest.
struct Curve {
    const char* openssl_name;
    const EVP_MD* (*md)();
};

enum class Padding { none, pss, pkcs1 };

struct Scheme {
    const EVP_MD* md = nullptr;  // nullptr for Ed25519 (the message is signed whole)
    Padding padding = Padding::none;
};

const EVP_MD* digest_by_name(std::string_view name);
std::string bytes_of(const unsigned char* p, size_t n);
Result<std::string> der_public_key(EVP_PKEY* key);
Result<std::string> pem_public_key(EVP_PKEY* key);
std::string group_name(EVP_PKEY* key);
const Curve* curve_of_scheme(std::string_view scheme);
Pkey read_pem_public(std::string_view pem);
// An uncompressed or compressed EC point in hex, as go-tuf 0.x wrote ecdsa-sha2-nistp256 keys.
Pkey read_hex_ec_point(std::string_view hex, const char* curve);
// The RSA schemes securesystemslib knows.
bool rsa_scheme(std::string_view scheme, Scheme& out);
Result<void> set_rsa_padding(EVP_PKEY_CTX* pctx, Padding padding, bool signing);

}  // namespace guichet::sync::detail
