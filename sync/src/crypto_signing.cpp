// SPDX-License-Identifier: GPL-3.0-or-later
// Keys that sign: generated, read from our key files or PEM files of other tools, or held
// outside (a hardware token, an HSM, a cloud KMS) and reached through a command. Every
// signature is verified with the public key before it leaves here.
#include "sync/crypto.h"

#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>

#include "platform/files.h"
#include "platform/safe_json.h"

#include "crypto_internal.h"

namespace guichet::sync {
using namespace detail;

namespace {

std::string hex_digits(std::string_view s) {
    std::string out;
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
}

}  // namespace

// ---- signing keys -------------------------------------------------------------------------

struct SigningKey::Private {
    std::shared_ptr<EVP_PKEY> key;
};

namespace {

Result<PublicKey> public_half(EVP_PKEY* key) {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1)
        return make_error("the public half cannot be written");
    char* data = nullptr;
    long n = BIO_get_mem_data(bio.get(), &data);
    return PublicKey::from_pem(std::string_view(data, static_cast<size_t>(n)));
}

// Raw r||s (what PKCS#11 tokens and most KMS APIs return) as the DER TUF wants.
std::string ecdsa_raw_to_der(std::string_view raw) {
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
    const size_t half = raw.size() / 2;
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()),
                          static_cast<int>(half), nullptr);
    BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + half,
                          static_cast<int>(half), nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    unsigned char* der = nullptr;
    int n = i2d_ECDSA_SIG(sig.get(), &der);
    if (n <= 0) return {};
    std::string out = bytes_of(der, static_cast<size_t>(n));
    OPENSSL_free(der);
    return out;
}

// Runs `command` with `input` on its stdin; its stdout (at most 64 KiB) is the answer.
Result<std::string> run_sign_command(const std::string& command, std::string_view input,
                                     const PublicKey& key) {
    int in_pipe[2], out_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0)
        return make_error("pipe: " + std::string(std::strerror(errno)));
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
        ::close(in_pipe[0]);
        ::close(in_pipe[1]);
        return make_error("pipe: " + std::string(std::strerror(errno)));
    }
    const std::string keyid = key.key_id();
    pid_t pid = ::fork();
    if (pid < 0) return make_error("fork: " + std::string(std::strerror(errno)));
    if (pid == 0) {
        ::dup2(in_pipe[0], 0);
        ::dup2(out_pipe[1], 1);
        ::setenv("GUICHET_SIGN_KEYID", keyid.c_str(), 1);
        ::setenv("GUICHET_SIGN_KEYTYPE", key.keytype().c_str(), 1);
        ::setenv("GUICHET_SIGN_SCHEME", key.scheme().c_str(), 1);
        ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    // A hardware token may wait for a touch: allow minutes, not forever.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    std::string out;
    size_t written = 0;
    bool too_long = false, timed_out = false;
    int wfd = in_pipe[1], rfd = out_pipe[0];
    if (input.empty()) {
        ::close(wfd);
        wfd = -1;
    }
    while (rfd >= 0) {
        pollfd fds[2];
        int n = 0;
        fds[n++] = {rfd, POLLIN, 0};
        if (wfd >= 0) fds[n++] = {wfd, POLLOUT, 0};
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        if (::poll(fds, n, static_cast<int>(left)) < 0 && errno != EINTR) break;
        if (wfd >= 0 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = ::write(wfd, input.data() + written, input.size() - written);
            if (w > 0) written += static_cast<size_t>(w);
            if (w < 0 && errno != EAGAIN && errno != EINTR) written = input.size();  // EPIPE
            if (written == input.size()) {
                ::close(wfd);
                wfd = -1;
            }
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[4096];
            ssize_t r = ::read(rfd, buf, sizeof buf);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) {
                ::close(rfd);
                rfd = -1;
            } else if (out.size() + static_cast<size_t>(r) > 65536) {
                too_long = true;
                break;
            } else {
                out.append(buf, static_cast<size_t>(r));
            }
        }
    }
    if (wfd >= 0) ::close(wfd);
    if (rfd >= 0) ::close(rfd);
    if (timed_out || too_long) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timed_out) return make_error("sign command took more than 5 minutes: " + command);
    if (too_long) return make_error("sign command wrote more than 64 KiB: " + command);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return make_error("sign command failed (exit " +
                          std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                          "): " + command);
    return out;
}

SigningKey::Private make_private(Pkey key) {
    return SigningKey::Private{std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free)};
}

Result<Pkey> read_pem_private(std::string_view pem, const std::string& where) {
    ErrorQueueGuard guard;
    if (pem.find("ENCRYPTED") != std::string_view::npos)
        return make_error(where +
                          ": an encrypted private key; decrypt it to a file only the "
                          "signer can read, or sign with --sign-command");
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    // No passphrase callback: OpenSSL would otherwise prompt on the terminal.
    auto no_pass = [](char*, int, int, void*) -> int { return -1; };
    Pkey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, no_pass, nullptr) : nullptr);
    if (!key) return make_error(where + ": not a PEM private key");
    return key;
}

}  // namespace

Result<SigningKey> SigningKey::generate(KeyType type) {
    ErrorQueueGuard guard;
    EVP_PKEY* raw = nullptr;
    switch (type) {
        case KeyType::ed25519:
            raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
            break;
        case KeyType::ecdsa:
            raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
            break;
        case KeyType::rsa:
            raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(3072));
            break;
    }
    Pkey key(raw);
    if (!key) return make_error("key generation failed");
    auto pub = public_half(key.get());
    if (!pub) return pub.error();
    return SigningKey(*pub, std::make_shared<const Private>(make_private(std::move(key))), {});
}

SigningKey SigningKey::external(PublicKey key, std::string command) {
    return SigningKey(std::move(key), nullptr, std::move(command));
}

Result<SigningKey> SigningKey::read_private(const std::filesystem::path& file) {
    const std::string where = file.string();
    auto text = files::read_regular_file(file, 64 * 1024);
    if (!text) return text.error();
    if (text->find("-----BEGIN") != std::string::npos && text->find('{') == std::string::npos) {
        auto key = read_pem_private(*text, where);
        if (!key) return key.error();
        auto pub = public_half(key->get());
        if (!pub) return make_error(where + ": " + pub.message());
        return SigningKey(*pub, std::make_shared<const Private>(make_private(std::move(*key))), {});
    }
    auto parsed = safe_json::parse(*text);
    const nlohmann::json j = parsed ? *parsed : nlohmann::json();
    if (!j.is_object() || !j.contains("keyval") || !j["keyval"].is_object())
        return make_error(where + ":1: not a key file (JSON with keyval, or a PEM private key)");
    const auto& kv = j["keyval"];
    if (!kv.contains("private") || !kv["private"].is_string())
        return make_error(where + ":1: no private key in this file (is it the .pub?)");
    const std::string& secret = kv["private"].get_ref<const std::string&>();
    Pkey key;
    const bool ed25519 = j.contains("keytype") && j["keytype"] == "ed25519";
    if (ed25519) {
        // Seed then public key, 64 bytes in hex (what this tool wrote before OpenSSL).
        auto raw = from_hex(secret);
        if (!raw || (raw->size() != 64 && raw->size() != 32))
            return make_error(where + ":1: ed25519 private key is not 64 hex-encoded bytes");
        ErrorQueueGuard guard;
        key.reset(EVP_PKEY_new_raw_private_key(
            EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw->data()), 32));
        if (!key) return make_error(where + ":1: ed25519 private key rejected");
    } else {
        auto k = read_pem_private(secret, where);
        if (!k) return k.error();
        key = std::move(*k);
    }
    auto pub = public_half(key.get());
    if (!pub) return make_error(where + ": " + pub.message());
    // The file's public half must be the private key's: a mixed-up file signs for a key no
    // role lists, which would only show up as kiosks refusing metadata.
    if (kv.contains("public") && j.contains("keytype") && j.contains("scheme")) {
        // The key object without the secret (and without our "keyid" field).
        nlohmann::json object = {{"keytype", j["keytype"]},
                                 {"scheme", j["scheme"]},
                                 {"keyval", {{"public", kv["public"]}}}};
        auto listed = PublicKey::from_tuf(object);
        if (listed && listed->fingerprint() != pub->fingerprint())
            return make_error(where + ":1: the public key does not belong to the private key");
        if (listed) pub = listed;  // keep the file's key object (its scheme, its key id)
    }
    return SigningKey(*pub, std::make_shared<const Private>(make_private(std::move(key))), {});
}

Result<std::string> SigningKey::sign(std::string_view message) const {
    std::string sig;
    if (private_) {
        ErrorQueueGuard guard;
        Scheme how;
        const auto& scheme = public_.scheme();
        if (const Curve* c = curve_of_scheme(scheme))
            how.md = c->md();
        else if (scheme != "ed25519" && !rsa_scheme(scheme, how))
            return make_error("cannot sign with scheme " + scheme);
        MdCtx ctx(EVP_MD_CTX_new());
        EVP_PKEY_CTX* pctx = nullptr;
        if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, how.md, nullptr, private_->key.get()) != 1)
            return make_error("signing failed to start");
        if (auto p = set_rsa_padding(pctx, how.padding, true); !p) return p.error();
        size_t len = 0;
        auto msg = reinterpret_cast<const unsigned char*>(message.data());
        if (EVP_DigestSign(ctx.get(), nullptr, &len, msg, message.size()) != 1)
            return make_error("signing failed");
        sig.resize(len);
        if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, msg,
                           message.size()) != 1)
            return make_error("signing failed");
        sig.resize(len);
    } else if (!command_.empty()) {
        auto out = run_sign_command(command_, message, public_);
        if (!out) return out.error();
        auto hex = hex_digits(*out);
        auto decoded = from_hex(hex);
        sig = decoded && !hex.empty() ? *decoded : *out;
        if (curve_of_scheme(public_.scheme()) && !public_.verify(message, sig) &&
            (sig.size() == 64 || sig.size() == 96)) {
            auto der = ecdsa_raw_to_der(sig);
            if (!der.empty()) sig = der;
        }
    } else {
        return make_error("key " + key_id().substr(0, 12) +
                          " is a public key: give its private key file or --sign-command");
    }
    if (!public_.verify(message, sig))
        return make_error("the signature by key " + key_id().substr(0, 12) +
                          " does not verify with its public key" +
                          (command_.empty() ? "" : " (does the sign command use that key?)"));
    return sig;
}

Result<void> SigningKey::write_key_files(const std::filesystem::path& out_prefix) const {
    if (!private_) return make_error("only a private key can be written");
    ErrorQueueGuard guard;
    nlohmann::json pub = public_.tuf_object();
    pub["keyid"] = key_id();
    nlohmann::json priv = pub;
    std::string secret;
    if (public_.keytype() == "ed25519") {
        unsigned char seed[32], raw_pub[32];
        size_t ns = sizeof seed, np = sizeof raw_pub;
        if (EVP_PKEY_get_raw_private_key(private_->key.get(), seed, &ns) != 1 ||
            EVP_PKEY_get_raw_public_key(private_->key.get(), raw_pub, &np) != 1)
            return make_error("the Ed25519 key cannot be exported");
        secret = to_hex(bytes_of(seed, ns) + bytes_of(raw_pub, np));
        OPENSSL_cleanse(seed, sizeof seed);
    } else {
        Bio bio(BIO_new(BIO_s_mem()));
        if (!bio || PEM_write_bio_PrivateKey(bio.get(), private_->key.get(), nullptr, nullptr, 0,
                                             nullptr, nullptr) != 1)
            return make_error("the private key cannot be written as PEM");
        char* data = nullptr;
        long n = BIO_get_mem_data(bio.get(), &data);
        secret.assign(data, static_cast<size_t>(n));
    }
    priv["keyval"]["private"] = secret;
    OPENSSL_cleanse(secret.data(), secret.size());
    const auto pub_path = std::filesystem::path(out_prefix.string() + ".pub");
    {
        // Created 0600 from the first byte: the secret never sits in a world-readable file.
        int fd = ::open(out_prefix.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            return make_error(out_prefix.string() + ": cannot create: " + std::strerror(errno));
        std::string text = priv.dump(2) + "\n";
        bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
        ok = ::fsync(fd) == 0 && ok;
        OPENSSL_cleanse(text.data(), text.size());
        priv["keyval"]["private"] = "";
        ::close(fd);
        if (!ok) return make_error(out_prefix.string() + ": write failed");
    }
    return files::write_file_atomically(pub_path, pub.dump(2) + "\n");
}

Result<PublicKey> read_public_key(const std::filesystem::path& file) {
    const std::string where = file.string();
    auto text = files::read_regular_file(file, 64 * 1024);
    if (!text) return text.error();
    if (text->find("PRIVATE KEY") != std::string::npos ||
        (text->find("\"private\"") != std::string::npos)) {
        auto k = SigningKey::read_private(file);
        if (!k) return k.error();
        return k->public_key();
    }
    if (text->find("-----BEGIN PUBLIC KEY-----") != std::string::npos &&
        text->find('{') == std::string::npos) {
        auto k = PublicKey::from_pem(*text);
        if (!k) return make_error(where + ": " + k.message());
        return k;
    }
    auto parsed = safe_json::parse(*text);
    const nlohmann::json j = parsed ? *parsed : nlohmann::json();
    if (!j.is_object())
        return make_error(where + ":1: not a key file (TUF key JSON or PEM public key)");
    // Only the key object itself: our .pub files add "keyid", which is not part of the key.
    nlohmann::json object = nlohmann::json::object();
    for (const char* field : {"keytype", "scheme", "keyval"})
        if (j.contains(field)) object[field] = j[field];
    auto k = PublicKey::from_tuf(object);
    if (!k) return make_error(where + ":1: " + k.message());
    return k;
}

}  // namespace guichet::sync
