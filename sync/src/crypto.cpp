// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/crypto.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>

#include "platform/files.h"
#include "platform/safe_json.h"
#include "platform/utf8.h"

namespace guichet::sync {
namespace {

void ensure_sodium() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) std::abort();  // libsodium cannot work at all: nothing to recover
    });
}

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
    for (size_t i = 0; i < hex.size(); i += 2) {
        int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) return make_error("not a hex string");
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return to_hex({reinterpret_cast<char*>(digest), sizeof digest});
}

Result<std::string> sha256_file_hex(const std::filesystem::path& file) {
    auto fd = files::open_regular_file(file);
    if (!fd) return fd.error();
    auto hex = digest_file_hex("sha256", fd->get());
    if (!hex) return make_error(file.string() + ": " + hex.message());
    return hex;
}

Result<std::string> digest_file_hex(std::string_view algorithm, int fd) {
    ensure_sodium();
    const bool sha512 = algorithm == "sha512";
    if (!sha512 && algorithm != "sha256")
        return make_error("unsupported hash algorithm " + std::string(algorithm));
    crypto_hash_sha256_state state256;
    crypto_hash_sha512_state state512;
    crypto_hash_sha256_init(&state256);
    crypto_hash_sha512_init(&state512);
    std::string buf(1 << 16, '\0');
    off_t offset = 0;
    for (;;) {
        const ssize_t n = ::pread(fd, buf.data(), buf.size(), offset);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return make_error(std::string("read error: ") + std::strerror(errno));
        if (n == 0) break;
        const auto* bytes = reinterpret_cast<const unsigned char*>(buf.data());
        if (sha512)
            crypto_hash_sha512_update(&state512, bytes, static_cast<unsigned long long>(n));
        else
            crypto_hash_sha256_update(&state256, bytes, static_cast<unsigned long long>(n));
        offset += n;
    }
    unsigned char digest[crypto_hash_sha512_BYTES];
    size_t size = crypto_hash_sha256_BYTES;
    if (sha512) {
        crypto_hash_sha512_final(&state512, digest);
        size = crypto_hash_sha512_BYTES;
    } else {
        crypto_hash_sha256_final(&state256, digest);
    }
    return to_hex({reinterpret_cast<char*>(digest), size});
}

Ed25519Key ed25519_generate() {
    ensure_sodium();
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    Ed25519Key key{std::string(reinterpret_cast<char*>(pk), sizeof pk),
                   std::string(reinterpret_cast<char*>(sk), sizeof sk)};
    sodium_memzero(sk, sizeof sk);
    return key;
}

std::string ed25519_sign(const Ed25519Key& key, std::string_view message) {
    ensure_sodium();
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(),
                         reinterpret_cast<const unsigned char*>(key.secret_key.data()));
    return {reinterpret_cast<char*>(sig), sizeof sig};
}

bool ed25519_verify(std::string_view public_key, std::string_view message,
                    std::string_view signature) {
    ensure_sodium();
    if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(
               reinterpret_cast<const unsigned char*>(signature.data()),
               reinterpret_cast<const unsigned char*>(message.data()), message.size(),
               reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

nlohmann::json tuf_public_key(const Ed25519Key& key) {
    return {{"keytype", "ed25519"},
            {"scheme", "ed25519"},
            {"keyval", {{"public", to_hex(key.public_key)}}}};
}

std::string tuf_key_id(const Ed25519Key& key) {
    return sha256_hex(canonical_json(tuf_public_key(key)).value());
}

Result<void> write_key_pair(const Ed25519Key& key, const std::filesystem::path& out_prefix) {
    auto pub_path = std::filesystem::path(out_prefix.string() + ".pub");
    auto priv_path = out_prefix;
    nlohmann::json pub = tuf_public_key(key);
    pub["keyid"] = tuf_key_id(key);
    nlohmann::json priv = pub;
    priv["keyval"]["private"] = to_hex(key.secret_key);
    {
        // Created 0600 from the first byte: the secret never sits in a world-readable file.
        int fd = ::open(priv_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            return make_error(priv_path.string() + ": cannot create: " + std::strerror(errno));
        std::string text = priv.dump(2) + "\n";
        bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
        ok = ::fsync(fd) == 0 && ok;
        sodium_memzero(text.data(), text.size());
        ::close(fd);
        if (!ok) return make_error(priv_path.string() + ": write failed");
    }
    std::ofstream out(pub_path, std::ios::binary | std::ios::trunc);
    out << pub.dump(2) << "\n";
    if (!out) return make_error(pub_path.string() + ": write failed");
    return {};
}

Result<Ed25519Key> read_private_key(const std::filesystem::path& file) {
    auto text = files::read_regular_file(file, 64 * 1024);  // a key file is a few hundred bytes
    if (!text) return text.error();
    auto parsed = safe_json::parse(*text);
    const nlohmann::json j = parsed ? *parsed : nlohmann::json();
    if (!j.is_object() || !j.contains("keyval") || !j["keyval"].is_object())
        return make_error(file.string() + ":1: not a Guichet key file (JSON with keyval)");
    const auto& kv = j["keyval"];
    if (!kv.contains("private") || !kv["private"].is_string())
        return make_error(file.string() + ":1: no private key in this file (is it the .pub?)");
    auto secret = from_hex(kv["private"].get<std::string>());
    if (!secret || secret->size() != crypto_sign_SECRETKEYBYTES)
        return make_error(file.string() + ":1: private key is not 64 hex-encoded bytes");
    Ed25519Key key{secret->substr(32), *secret};
    return key;
}

}  // namespace guichet::sync
