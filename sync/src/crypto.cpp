// SPDX-License-Identifier: GPL-3.0-or-later
// OpenSSL 3 for every key type and digest: one library, one verification path (EVP), and the
// PEM/DER decoders the ECDSA and RSA keys of other TUF tools need. libsodium, which signed and
// hashed here before, stays in the project for the staff PIN's Argon2id only.
#include "sync/crypto.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "platform/files.h"
#include "platform/utf8.h"

#include "crypto_internal.h"

namespace guichet::sync {
namespace detail {

const EVP_MD* digest_by_name(std::string_view name) {
    if (name == "sha224") return EVP_sha224();
    if (name == "sha256") return EVP_sha256();
    if (name == "sha384") return EVP_sha384();
    if (name == "sha512") return EVP_sha512();
    if (name == "blake2b") return EVP_blake2b512();
    if (name == "blake2s") return EVP_blake2s256();
    return nullptr;
}

std::string bytes_of(const unsigned char* p, size_t n) {
    return std::string(reinterpret_cast<const char*>(p), n);
}

Result<std::string> der_public_key(EVP_PKEY* key) {
    unsigned char* der = nullptr;
    int n = i2d_PUBKEY(key, &der);
    if (n <= 0) return make_error("the key cannot be encoded");
    std::string out = bytes_of(der, static_cast<size_t>(n));
    OPENSSL_free(der);
    return out;
}

Result<std::string> pem_public_key(EVP_PKEY* key) {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1)
        return make_error("the public key cannot be written as PEM");
    char* data = nullptr;
    long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(n));
}

std::string group_name(EVP_PKEY* key) {
    char name[64] = {0};
    size_t len = 0;
    if (EVP_PKEY_get_group_name(key, name, sizeof name, &len) != 1) return {};
    return std::string(name, len);
}

// The curve of a scheme, in OpenSSL's and in the SEC names.

const Curve* curve_of_scheme(std::string_view scheme) {
    static const Curve p256{"prime256v1", EVP_sha256};
    static const Curve p384{"secp384r1", EVP_sha384};
    if (scheme == "ecdsa-sha2-nistp256") return &p256;
    if (scheme == "ecdsa-sha2-nistp384") return &p384;
    return nullptr;
}

Pkey read_pem_public(std::string_view pem) {
    ErrorQueueGuard guard;
    if (pem.size() > kMaxPublicKeyText) return nullptr;
    // Exactly one PEM block, labelled PUBLIC KEY (SubjectPublicKeyInfo): OpenSSL would take
    // the first of two keys, and SPKI bytes under another label (CERTIFICATE, EC PRIVATE KEY).
    // Text around the block is ignored, as OpenSSL, Go and python's cryptography ignore it.
    constexpr std::string_view begin = "-----BEGIN ", label = "-----BEGIN PUBLIC KEY-----";
    const auto at = pem.find(begin);
    if (at == std::string_view::npos || pem.substr(at, label.size()) != label ||
        pem.find(begin, at + 1) != std::string_view::npos)
        return nullptr;
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return nullptr;
    return Pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
}

// An uncompressed or compressed EC point in hex, as go-tuf 0.x wrote ecdsa-sha2-nistp256 keys.
Pkey read_hex_ec_point(std::string_view hex, const char* curve) {
    ErrorQueueGuard guard;
    auto raw = from_hex(hex);
    if (!raw || raw->empty() || raw->size() > 200) return nullptr;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(curve), 0),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, raw->data(), raw->size()),
        OSSL_PARAM_construct_end()};
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr), EVP_PKEY_CTX_free);
    EVP_PKEY* key = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params) != 1)
        return nullptr;
    Pkey owned(key);
    // fromdata does not check that the point is on the curve; a public key check does.
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> check(
        EVP_PKEY_CTX_new_from_pkey(nullptr, owned.get(), nullptr), EVP_PKEY_CTX_free);
    if (!check || EVP_PKEY_public_check(check.get()) != 1) return nullptr;
    return owned;
}

// The RSA schemes securesystemslib knows.
bool rsa_scheme(std::string_view scheme, Scheme& out) {
    static const std::pair<const char*, Padding> prefixes[] = {{"rsassa-pss-", Padding::pss},
                                                               {"rsa-pkcs1v15-", Padding::pkcs1}};
    for (const auto& [prefix, padding] : prefixes) {
        std::string_view p(prefix);
        if (scheme.substr(0, p.size()) != p) continue;
        auto md = digest_by_name(scheme.substr(p.size()));
        if (!md || md == EVP_blake2b512() || md == EVP_blake2s256()) return false;
        out.md = md;
        out.padding = padding;
        return true;
    }
    return false;
}

Result<void> set_rsa_padding(EVP_PKEY_CTX* pctx, Padding padding, bool signing) {
    if (padding == Padding::none) return {};
    if (padding == Padding::pkcs1) {
        if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1)
            return make_error("RSA padding");
        return {};
    }
    // Signing: salt as long as the digest (securesystemslib and Go do the same); verifying:
    // any salt length, since other signers use the maximum.
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(
            pctx, signing ? RSA_PSS_SALTLEN_DIGEST : RSA_PSS_SALTLEN_AUTO) != 1)
        return make_error("RSA-PSS parameters");
    return {};
}

}  // namespace detail

using namespace detail;

namespace {

Result<void> append_canonical(const nlohmann::json& v, std::string& out) {
    using T = nlohmann::json::value_t;
    switch (v.type()) {
        case T::null:
            out += "null";
            return {};
        case T::boolean:
            out += v.get<bool>() ? "true" : "false";
            return {};
        case T::number_integer:
            out += std::to_string(v.get<std::int64_t>());
            return {};
        case T::number_unsigned:
            out += std::to_string(v.get<std::uint64_t>());
            return {};
        case T::number_float:
            return make_error("canonical JSON: floats are not allowed");
        case T::string: {
            const auto& s = v.get_ref<const std::string&>();
            if (!utf8::is_valid(s)) return make_error("canonical JSON: string is not valid UTF-8");
            out += '"';
            for (char c : s) {
                if (c == '"' || c == '\\') out += '\\';
                out += c;
            }
            out += '"';
            return {};
        }
        case T::array: {
            out += '[';
            bool first = true;
            for (const auto& e : v) {
                if (!first) out += ',';
                first = false;
                if (auto r = append_canonical(e, out); !r) return r;
            }
            out += ']';
            return {};
        }
        case T::object: {
            // nlohmann's object is a std::map: keys iterate in byte order, which for UTF-8 is
            // code point order, the order securesystemslib sorts in.
            out += '{';
            bool first = true;
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (!first) out += ',';
                first = false;
                if (auto r = append_canonical(nlohmann::json(it.key()), out); !r) return r;
                out += ':';
                if (auto r = append_canonical(it.value(), out); !r) return r;
            }
            out += '}';
            return {};
        }
        default:
            return make_error("canonical JSON: unsupported value (binary or discarded)");
    }
}

}  // namespace

// ---- canonical JSON, hex, digests ---------------------------------------------------------

Result<std::string> canonical_json(const nlohmann::json& value) {
    std::string out;
    if (auto r = append_canonical(value, out); !r) return r.error();
    return out;
}

std::string to_hex(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

Result<std::string> from_hex(std::string_view hex) {
    if (hex.size() % 2) return make_error("hex string of odd length");
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(hex.size() / 2);
    for (size_t i = 0; i < hex.size(); i += 2) {
        int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) return make_error("not a hex string");
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

bool is_supported_digest(std::string_view algorithm) {
    return digest_by_name(algorithm) != nullptr;
}

Result<std::string> digest_hex(std::string_view algorithm, std::string_view bytes) {
    const EVP_MD* md = digest_by_name(algorithm);
    if (!md) return make_error("unsupported hash algorithm " + std::string(algorithm));
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), d, &n, md, nullptr) != 1)
        return make_error("digest failed");
    return to_hex(bytes_of(d, n));
}

std::string sha256_hex(std::string_view bytes) {
    return digest_hex("sha256", bytes).value();
}

Result<std::map<std::string, std::string>> file_digests_hex(
    int fd, const std::vector<std::string>& algorithms) {
    std::vector<std::pair<std::string, MdCtx>> ctxs;
    for (const auto& a : algorithms) {
        const EVP_MD* md = digest_by_name(a);
        if (!md) return make_error("unsupported hash algorithm " + a);
        MdCtx ctx(EVP_MD_CTX_new());
        if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1)
            return make_error("digest failed");
        ctxs.emplace_back(a, std::move(ctx));
    }
    std::string buf(1 << 16, '\0');
    off_t offset = 0;
    for (;;) {
        const ssize_t n = ::pread(fd, buf.data(), buf.size(), offset);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return make_error(std::string("read error: ") + std::strerror(errno));
        if (n == 0) break;
        for (auto& [name, ctx] : ctxs)
            EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<size_t>(n));
        offset += n;
    }
    std::map<std::string, std::string> out;
    for (auto& [name, ctx] : ctxs) {
        unsigned char d[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        if (EVP_DigestFinal_ex(ctx.get(), d, &len) != 1) return make_error("digest failed");
        out[name] = to_hex(bytes_of(d, len));
    }
    return out;
}

Result<std::string> digest_file_hex(std::string_view algorithm, int fd) {
    auto d = file_digests_hex(fd, {std::string(algorithm)});
    if (!d) return d.error();
    return d->begin()->second;
}

Result<std::string> sha256_file_hex(const std::filesystem::path& file) {
    auto fd = files::open_regular_file(file);
    if (!fd) return fd.error();
    auto hex = digest_file_hex("sha256", fd->get());
    if (!hex) return make_error(file.string() + ": " + hex.message());
    return hex;
}

// ---- public keys --------------------------------------------------------------------------

struct PublicKey::Impl {
    std::string keytype, scheme;
    nlohmann::json object;
    std::shared_ptr<EVP_PKEY> key;
    Scheme how;
    std::string fingerprint;
};

namespace {

Result<PublicKey::Impl> describe_key(Pkey key, std::string keytype, std::string scheme) {
    PublicKey::Impl impl;
    impl.keytype = std::move(keytype);
    impl.scheme = std::move(scheme);
    auto der = der_public_key(key.get());
    if (!der) return der.error();
    impl.fingerprint = std::move(*der);
    impl.key = std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free);
    return impl;
}

}  // namespace

Result<PublicKey> PublicKey::from_tuf(const nlohmann::json& k) {
    if (!k.is_object()) return make_error("key is not an object");
    auto text = [&](const char* field) -> std::string {
        auto it = k.find(field);
        return it != k.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const std::string keytype = text("keytype"), scheme = text("scheme");
    auto kv = k.find("keyval");
    if (kv == k.end() || !kv->is_object() || !kv->contains("public") ||
        !(*kv)["public"].is_string())
        return make_error("key without keyval.public");
    const std::string& pub = (*kv)["public"].get_ref<const std::string&>();
    if (pub.size() > kMaxPublicKeyText) return make_error("public key text too long");
    const std::string what = "key type '" + keytype + "' with scheme '" + scheme + "'";

    Pkey key;
    Scheme how;
    if (keytype == "ed25519" && scheme == "ed25519") {
        auto raw = from_hex(pub);
        if (!raw || raw->size() != 32) return make_error("ed25519 public key is not 64 hex digits");
        ErrorQueueGuard guard;
        key.reset(EVP_PKEY_new_raw_public_key(
            EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw->data()), 32));
        if (!key) return make_error("ed25519 public key rejected");
    } else if (const Curve* curve = curve_of_scheme(scheme);
               curve && (keytype == "ecdsa" || keytype == scheme)) {
        key = pub.find("-----BEGIN") != std::string::npos
                  ? read_pem_public(pub)
                  : read_hex_ec_point(pub, curve->openssl_name);
        if (!key) return make_error(what + ": public key is not a PEM EC key");
        if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC ||
            group_name(key.get()) != curve->openssl_name)
            return make_error(what + ": the key is not on the scheme's curve");
        how.md = curve->md();
    } else if (keytype == "rsa" && rsa_scheme(scheme, how)) {
        key = read_pem_public(pub);
        if (!key) return make_error(what + ": public key is not a PEM RSA key");
        int id = EVP_PKEY_get_base_id(key.get());
        if (id != EVP_PKEY_RSA && !(id == EVP_PKEY_RSA_PSS && how.padding == Padding::pss))
            return make_error(what + ": the key is not an RSA key");
        int bits = EVP_PKEY_get_bits(key.get());
        if (bits < kMinRsaBits || bits > kMaxRsaBits)
            return make_error(what + ": " + std::to_string(bits) + "-bit RSA key (allowed " +
                              std::to_string(kMinRsaBits) + " to " + std::to_string(kMaxRsaBits) +
                              ")");
        // An odd public exponent of at least 3 (FIPS 186 asks 65537 or more; 3 is still RSA).
        // With e = 1 every message is its own signature; an even e is no RSA key.
        BIGNUM* e = nullptr;
        if (EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_E, &e) != 1 || !e)
            return make_error(what + ": the RSA public exponent cannot be read");
        const bool usable = BN_is_odd(e) && !BN_is_one(e);
        BN_free(e);
        if (!usable) return make_error(what + ": RSA public exponent is 1 or even");
    } else {
        return make_error("unsupported " + what);
    }
    auto impl = describe_key(std::move(key), keytype, scheme);
    if (!impl) return impl.error();
    impl->how = how;
    impl->object = k;
    return PublicKey(std::make_shared<const Impl>(std::move(*impl)));
}

Result<PublicKey> PublicKey::from_pem(std::string_view pem) {
    Pkey key = read_pem_public(pem);
    if (!key) return make_error("not a PEM public key (-----BEGIN PUBLIC KEY-----)");
    std::string keytype, scheme, pub;
    switch (EVP_PKEY_get_base_id(key.get())) {
        case EVP_PKEY_ED25519: {
            unsigned char raw[32];
            size_t n = sizeof raw;
            if (EVP_PKEY_get_raw_public_key(key.get(), raw, &n) != 1 || n != 32)
                return make_error("Ed25519 key cannot be read");
            keytype = scheme = "ed25519";
            pub = to_hex(bytes_of(raw, n));
            break;
        }
        case EVP_PKEY_EC: {
            auto group = group_name(key.get());
            keytype = "ecdsa";
            if (group == "prime256v1")
                scheme = "ecdsa-sha2-nistp256";
            else if (group == "secp384r1")
                scheme = "ecdsa-sha2-nistp384";
            else
                return make_error("EC key on curve '" + group +
                                  "': TUF clients know P-256 and P-384");
            break;
        }
        case EVP_PKEY_RSA:
            keytype = "rsa";
            scheme = "rsassa-pss-sha256";
            break;
        default:
            return make_error("a key type TUF clients do not know (use Ed25519, ECDSA or RSA)");
    }
    if (pub.empty()) {
        auto p = pem_public_key(key.get());
        if (!p) return p.error();
        pub = *p;
    }
    return from_tuf({{"keytype", keytype}, {"scheme", scheme}, {"keyval", {{"public", pub}}}});
}

bool PublicKey::verify(std::string_view message, std::string_view signature) const {
    ErrorQueueGuard guard;
    if (!impl_ || signature.empty() || signature.size() > 4096) return false;
    MdCtx ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    if (!ctx ||
        EVP_DigestVerifyInit(ctx.get(), &pctx, impl_->how.md, nullptr, impl_->key.get()) != 1)
        return false;
    if (!set_rsa_padding(pctx, impl_->how.padding, false)) return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                            signature.size(),
                            reinterpret_cast<const unsigned char*>(message.data()),
                            message.size()) == 1;
}

const std::string& PublicKey::keytype() const {
    return impl_->keytype;
}
const std::string& PublicKey::scheme() const {
    return impl_->scheme;
}
const nlohmann::json& PublicKey::tuf_object() const {
    return impl_->object;
}
std::string PublicKey::key_id() const {
    auto canon = canonical_json(impl_->object);
    return sha256_hex(canon ? *canon : std::string());
}
const std::string& PublicKey::fingerprint() const {
    return impl_->fingerprint;
}

Result<KeyType> parse_key_type(std::string_view name) {
    if (name == "ed25519") return KeyType::ed25519;
    if (name == "ecdsa") return KeyType::ecdsa;
    if (name == "rsa") return KeyType::rsa;
    return make_error("key type '" + std::string(name) + "': use ed25519, ecdsa or rsa");
}

}  // namespace guichet::sync
