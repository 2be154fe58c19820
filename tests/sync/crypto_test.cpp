// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <fstream>

#include "platform/files.h"
#include "sync/crypto.h"
#include "test_support.h"

using namespace guichet::sync;
using namespace guichet::sync::testing;

namespace {

// Made once with `openssl genpkey`: test vectors, not keys of anything.
constexpr const char* kP384Private = R"(-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDDSYdjIDCq5wJKWNSMf
ygp9ppejGTAoqDqucF3aD6l6NbuEejBJE2mMYOT0UtwLPkahZANiAAQebOthi0u0
1jm6UzxvclTSXatB77lJ9FtDJka+J/l44bxnU9DGVye/l3T+OCrlbEAhgKxYwruq
hSNruQcT24zOIwR9VAfa+vHR5At3DeMi+2OhNzKmhgEY2aJbi/51JW8=
-----END PRIVATE KEY-----
)";
constexpr const char* kRsa1024Public = R"(-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC6k5Sm4O67rSm2j769b+UxHGCe
th6YRUjYm9ZD5w+Z0K8jZKtDe5YBlHgMIYl1l5kDHzQG3BGTLqOuCP64MwVuTcZw
z6qMP5TU0eKqIWdyz+ouwOCFzMeKpDHxopbnGy3Rv0m9+Dub36jmsgOhJtOW0Nmd
0sVhyZK23MOAkl+TlwIDAQAB
-----END PUBLIC KEY-----
)";
constexpr const char* kSecp256k1Public = R"(-----BEGIN PUBLIC KEY-----
MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAETkw0/s9PdTUoIEK79C5pgnq79eJDWqKH
JfXswXvOF+TZ0NHR8smKzWO9dHOXxlZaw8/XBNxuMBN+xgffHsAu7A==
-----END PUBLIC KEY-----
)";
constexpr const char* kEd448Public = R"(-----BEGIN PUBLIC KEY-----
MEMwBQYDK2VxAzoA/hXwAnrFREcbgCrgtuCHbbRq98DiBQt2RFpCtTdrpTPGiVgp
1KwA01GAXnNhQnguuPs3eY+GnsGA
-----END PUBLIC KEY-----
)";

// One 2048-bit modulus with the public exponents 1, 2 and 65536 (made with `openssl asn1parse
// -genconf`): e = 1 makes every message its own signature, an even e is no RSA key.
constexpr const char* kRsaExponent1 = R"(-----BEGIN PUBLIC KEY-----
MIIBIDANBgkqhkiG9w0BAQEFAAOCAQ0AMIIBCAKCAQEAwFn6vSV66ONcu8578a7M
mbjKKoBHBf6Y1IOjhFZEQbmIRtXpzEwXgpn4CXvbbcGdkLZpaPk8f6G3k0yKFiNV
N0WGmBNGPdB2vIOdY9VubdoZ/cs+mhVCvBUQwnLFMYoqaIQ9beHQ8Oc6Z8RffwXK
oGXOLN3wqbDjlrcMaBb7RkaiOFAsRIctWTN9AoXBhRCJFzGkByRkzNBmUgdmOL1H
JJbqkyCGzC3em34sQrNyyM2PIXuUaEHKO/hRmzCW7bRWBhZCpb7cqDiKfUZ9V/we
fKK68m/50HTK/2Fft73fzAjycTCZIO374WDABymePZEGOFpHUvPKWkmihvLhzKNc
SwIBAQ==
-----END PUBLIC KEY-----
)";
constexpr const char* kRsaExponent2 = R"(-----BEGIN PUBLIC KEY-----
MIIBIDANBgkqhkiG9w0BAQEFAAOCAQ0AMIIBCAKCAQEAwFn6vSV66ONcu8578a7M
mbjKKoBHBf6Y1IOjhFZEQbmIRtXpzEwXgpn4CXvbbcGdkLZpaPk8f6G3k0yKFiNV
N0WGmBNGPdB2vIOdY9VubdoZ/cs+mhVCvBUQwnLFMYoqaIQ9beHQ8Oc6Z8RffwXK
oGXOLN3wqbDjlrcMaBb7RkaiOFAsRIctWTN9AoXBhRCJFzGkByRkzNBmUgdmOL1H
JJbqkyCGzC3em34sQrNyyM2PIXuUaEHKO/hRmzCW7bRWBhZCpb7cqDiKfUZ9V/we
fKK68m/50HTK/2Fft73fzAjycTCZIO374WDABymePZEGOFpHUvPKWkmihvLhzKNc
SwIBAg==
-----END PUBLIC KEY-----
)";
constexpr const char* kRsaExponent65536 = R"(-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwFn6vSV66ONcu8578a7M
mbjKKoBHBf6Y1IOjhFZEQbmIRtXpzEwXgpn4CXvbbcGdkLZpaPk8f6G3k0yKFiNV
N0WGmBNGPdB2vIOdY9VubdoZ/cs+mhVCvBUQwnLFMYoqaIQ9beHQ8Oc6Z8RffwXK
oGXOLN3wqbDjlrcMaBb7RkaiOFAsRIctWTN9AoXBhRCJFzGkByRkzNBmUgdmOL1H
JJbqkyCGzC3em34sQrNyyM2PIXuUaEHKO/hRmzCW7bRWBhZCpb7cqDiKfUZ9V/we
fKK68m/50HTK/2Fft73fzAjycTCZIO374WDABymePZEGOFpHUvPKWkmihvLhzKNc
SwIDAQAA
-----END PUBLIC KEY-----
)";
// A PKCS#1 v1.5 SHA-256 encoding of "forged message" for that modulus: with e = 1 it is also a
// valid signature, made without any private key.
constexpr const char* kForgedForExponent1 =
    "0001ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
    "ffffffffffffffffffffffffffffffff003031300d060960864801650304020105000420e457c93dccd27f3b2142f6"
    "5afe309b5262d1af6d7c6ae9139ab6820c277909a8";

nlohmann::json key_object(const std::string& keytype, const std::string& scheme,
                          const std::string& pub) {
    return {{"keytype", keytype}, {"scheme", scheme}, {"keyval", {{"public", pub}}}};
}

std::string pem_of(const SigningKey& k) {
    return k.public_key().tuf_object()["keyval"]["public"].get<std::string>();
}

// r||s of a DER ECDSA signature, each half `half` bytes.
std::string der_to_raw(const std::string& der, size_t half) {
    auto u = [&](size_t i) { return static_cast<unsigned char>(der[i]); };
    size_t i = 2;
    if (u(1) & 0x80) i += u(1) & 0x7f;
    std::string out;
    for (int part = 0; part < 2; ++part) {
        size_t len = u(i + 1);
        std::string v = der.substr(i + 2, len);
        while (v.size() > half) v.erase(0, 1);
        out += std::string(half - v.size(), '\0') + v;
        i += 2 + len;
    }
    return out;
}

}  // namespace

TEST_CASE("canonical JSON: sorted keys, no whitespace, only quote and backslash escaped") {
    auto j = nlohmann::json::parse(
        R"({"b":[1,true,null],"a":{"z":"x\"y\\z","é":"caf\u00e9\n"},"A":-5})");
    auto c = canonical_json(j);
    REQUIRE(c.ok());
    CHECK(*c ==
          "{\"A\":-5,\"a\":{\"z\":\"x\\\"y\\\\z\",\"\xC3\xA9\":\"caf\xC3\xA9\n\"},\"b\":[1,true,"
          "null]}");
}

TEST_CASE("canonical JSON refuses floats and invalid UTF-8") {
    CHECK_FALSE(canonical_json(nlohmann::json::parse(R"({"a":1.5})")).ok());
    CHECK_FALSE(canonical_json(nlohmann::json(std::string("\xff\xfe"))).ok());
    CHECK_FALSE(canonical_json(nlohmann::json(std::string("\xC3"))).ok());
}

TEST_CASE("digests: known answers by their TUF names, weak or unknown ones are refused") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(digest_hex("sha512", "abc").value() ==
          "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
          "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
    CHECK(digest_hex("sha384", "abc").value().size() == 96);
    CHECK(digest_hex("blake2b", "abc").value().substr(0, 16) == "ba80a53f981c4d0d");
    CHECK_FALSE(digest_hex("md5", "abc").ok());
    CHECK_FALSE(digest_hex("sha1", "abc").ok());
    CHECK_FALSE(is_supported_digest("SHA256"));

    ScratchDir dir;
    write_text(dir.path / "f", "abc");
    auto fd = guichet::files::open_regular_file(dir.path / "f");
    REQUIRE(fd.ok());
    auto d = file_digests_hex(fd->get(), {"sha256", "sha512"});
    REQUIRE(d.ok());
    CHECK(d->at("sha256") == sha256_hex("abc"));
    CHECK(d->at("sha512") == digest_hex("sha512", "abc").value());
}

TEST_CASE("Ed25519: RFC 8032 test 1 verifies, a flipped bit does not") {
    auto key = PublicKey::from_tuf(key_object(
        "ed25519", "ed25519", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    REQUIRE(key.ok());
    auto sig = from_hex(
                   "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                   "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
                   .value();
    CHECK(key->verify("", sig));
    sig[5] ^= 1;
    CHECK_FALSE(key->verify("", sig));
    CHECK_FALSE(key->verify("", sig.substr(1)));
}

TEST_CASE("every key type signs and verifies, the key id is the hash of the canonical key") {
    for (KeyType type : {KeyType::ed25519, KeyType::ecdsa, KeyType::rsa}) {
        auto k = SigningKey::generate(type);
        REQUIRE(k.ok());
        CAPTURE(k->public_key().keytype());
        auto sig = k->sign("hello");
        REQUIRE(sig.ok());
        CHECK(k->public_key().verify("hello", *sig));
        CHECK_FALSE(k->public_key().verify("hellp", *sig));
        CHECK(k->key_id() == sha256_hex(canonical_json(k->public_key().tuf_object()).value()));
        // Read back from its TUF object, as a client does.
        auto again = PublicKey::from_tuf(k->public_key().tuf_object());
        REQUIRE(again.ok());
        CHECK(again->verify("hello", *sig));
        CHECK(again->fingerprint() == k->public_key().fingerprint());
    }
    auto ec = SigningKey::generate(KeyType::ecdsa).value();
    CHECK(ec.public_key().keytype() == "ecdsa");
    CHECK(ec.public_key().scheme() == "ecdsa-sha2-nistp256");
    auto rsa = SigningKey::generate(KeyType::rsa).value();
    CHECK(rsa.public_key().scheme() == "rsassa-pss-sha256");
}

TEST_CASE("key files: written 0600, read back, PEM keys of other tools, old Ed25519 files") {
    ScratchDir dir;
    for (KeyType type : {KeyType::ed25519, KeyType::ecdsa, KeyType::rsa}) {
        auto k = SigningKey::generate(type).value();
        auto prefix = dir.path / ("k" + std::to_string(static_cast<int>(type)));
        REQUIRE(k.write_key_files(prefix).ok());
        CHECK((fs::status(prefix).permissions() & fs::perms::group_all) == fs::perms::none);
        CHECK_FALSE(k.write_key_files(prefix).ok());  // never overwritten
        auto back = SigningKey::read_private(prefix);
        REQUIRE_MESSAGE(back.ok(), back.message());
        CHECK(back->key_id() == k.key_id());
        auto pub = read_public_key(prefix.string() + ".pub");
        REQUIRE(pub.ok());
        CHECK(pub->key_id() == k.key_id());
        CHECK(read_text(prefix.string() + ".pub").find("private") == std::string::npos);
    }
    // A P-384 key made by openssl: a TUF ecdsa-sha2-nistp384 key.
    write_text(dir.path / "p384.pem", kP384Private);
    auto p384 = SigningKey::read_private(dir.path / "p384.pem");
    REQUIRE_MESSAGE(p384.ok(), p384.message());
    CHECK(p384->public_key().scheme() == "ecdsa-sha2-nistp384");
    auto sig = p384->sign("m").value();
    CHECK(PublicKey::from_tuf(p384->public_key().tuf_object()).value().verify("m", sig));
    // The Ed25519 file format of earlier versions (seed and public key, hex).
    auto ed = SigningKey::generate(KeyType::ed25519).value();
    REQUIRE(ed.write_key_files(dir.path / "ed").ok());
    auto j = nlohmann::json::parse(read_text(dir.path / "ed"));
    CHECK(j["keyval"]["private"].get<std::string>().size() == 128);
    // Encrypted keys are refused with a way out, never a passphrase prompt.
    write_text(dir.path / "enc.pem",
               "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END "
               "ENCRYPTED PRIVATE KEY-----\n");
    auto enc = SigningKey::read_private(dir.path / "enc.pem");
    REQUIRE_FALSE(enc.ok());
    CHECK(enc.message().find("--sign-command") != std::string::npos);
    // A public key is not a private key.
    CHECK_FALSE(SigningKey::read_private(dir.path / "ed.pub").ok());
}

TEST_CASE("RSA PKCS#1 v1.5 and PSS schemes verify only their own signatures") {
    auto k = SigningKey::generate(KeyType::rsa).value();
    const std::string pem = pem_of(k);
    auto pss_sig = k.sign("data").value();
    auto pss = PublicKey::from_tuf(key_object("rsa", "rsassa-pss-sha256", pem)).value();
    auto pkcs1 = PublicKey::from_tuf(key_object("rsa", "rsa-pkcs1v15-sha256", pem)).value();
    CHECK(pss.verify("data", pss_sig));
    CHECK_FALSE(pkcs1.verify("data", pss_sig));
    CHECK(pss.fingerprint() == pkcs1.fingerprint());  // one key, whatever the scheme
}

TEST_CASE("hostile and unusable keys are errors, never a crash") {
    auto ec = SigningKey::generate(KeyType::ecdsa).value();
    auto rsa = SigningKey::generate(KeyType::rsa).value();
    const std::string ec_pem = pem_of(ec), rsa_pem = pem_of(rsa);
    const std::vector<nlohmann::json> bad = {
        nlohmann::json("not an object"),
        {{"keytype", "ed25519"}, {"scheme", "ed25519"}},
        {{"keytype", "ed25519"}, {"scheme", "ed25519"}, {"keyval", "x"}},
        {{"keytype", "ed25519"}, {"scheme", "ed25519"}, {"keyval", {{"public", 5}}}},
        key_object("ed25519", "ed25519", "abcd"),
        key_object("ed25519", "ed25519", std::string(64, 'z')),
        key_object("ed25519", "ecdsa-sha2-nistp256", std::string(64, 'a')),
        key_object("x-unknown", "x-scheme", "abc"),
        key_object("ecdsa", "ecdsa-sha2-nistp256", rsa_pem),               // RSA as ECDSA
        key_object("ecdsa", "ecdsa-sha2-nistp384", ec_pem),                // wrong curve
        key_object("ecdsa", "ecdsa-sha2-nistp256", kSecp256k1Public),      // other curve
        key_object("ecdsa-sha2-nistp384", "ecdsa-sha2-nistp256", ec_pem),  // type/scheme clash
        key_object("rsa", "rsassa-pss-sha256", ec_pem),                    // ECDSA as RSA
        key_object("rsa", "rsassa-pss-sha256", kRsa1024Public),            // below 2048 bits
        key_object("rsa", "rsassa-pss-md5", rsa_pem),
        key_object("rsa", "rsassa-pss-blake2b", rsa_pem),
        key_object("ed25519", "ed25519", kEd448Public),
        key_object("ecdsa", "ecdsa-sha2-nistp256", ec_pem.substr(0, ec_pem.size() / 2)),
        key_object("ecdsa", "ecdsa-sha2-nistp256",
                   "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n"),
        key_object("ecdsa", "ecdsa-sha2-nistp256", kP384Private),  // a private key
        key_object("ecdsa", "ecdsa-sha2-nistp256", std::string(20000, 'A')),
        key_object("ecdsa", "ecdsa-sha2-nistp256", "04" + std::string(128, '1')),  // off-curve
    };
    for (const auto& k : bad) {
        CAPTURE(k.dump().substr(0, 120));
        CHECK_FALSE(PublicKey::from_tuf(k).ok());
    }
    CHECK_FALSE(PublicKey::from_pem(kEd448Public).ok());
    CHECK_FALSE(PublicKey::from_pem(kSecp256k1Public).ok());
    CHECK_FALSE(PublicKey::from_pem("garbage").ok());
    // The legacy keytype name and go-tuf's hex point are still read.
    CHECK(
        PublicKey::from_tuf(key_object("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256", ec_pem)).ok());
}

TEST_CASE("hostile DER signatures: non-canonical, truncated, trailing bytes are refused") {
    auto k = SigningKey::generate(KeyType::ecdsa).value();
    const auto& pub = k.public_key();
    auto sig = k.sign("msg").value();
    REQUIRE(pub.verify("msg", sig));
    CHECK_FALSE(pub.verify("msg", sig + std::string(1, '\0')));     // trailing byte
    CHECK_FALSE(pub.verify("msg", sig.substr(0, sig.size() - 1)));  // truncated
    CHECK_FALSE(pub.verify("msg", der_to_raw(sig, 32)));            // raw r||s
    std::string long_form = sig;                                    // length in long form
    long_form.insert(1, 1, static_cast<char>(0x81));
    CHECK_FALSE(pub.verify("msg", long_form));
    std::string padded = sig;  // r with a needless leading zero
    padded[1] = static_cast<char>(static_cast<unsigned char>(padded[1]) + 1);
    padded[3] = static_cast<char>(static_cast<unsigned char>(padded[3]) + 1);
    padded.insert(4, 1, '\0');
    CHECK_FALSE(pub.verify("msg", padded));
    CHECK_FALSE(pub.verify("msg", std::string("\x30\x06\x02\x01\x00\x02\x01\x00", 8)));  // r=s=0
    CHECK_FALSE(pub.verify("msg", ""));
    CHECK_FALSE(pub.verify("msg", std::string(5000, '\x30')));
    auto ed = SigningKey::generate(KeyType::ed25519).value();
    CHECK_FALSE(ed.public_key().verify("msg", sig));
}

TEST_CASE("a sign command signs for a public key: hex or raw output, checked before use") {
    ScratchDir dir;
    auto k = SigningKey::generate(KeyType::ecdsa).value();
    const std::string message = "canonical bytes";
    auto der = k.sign(message).value();
    write_text(dir.path / "hex", to_hex(der) + "\n");
    write_text(dir.path / "raw", der_to_raw(der, 32));
    write_text(dir.path / "in", "");
    auto via = [&](const std::string& command) {
        return SigningKey::external(k.public_key(), command).sign(message);
    };
    auto hex = via("cat >/dev/null; cat '" + (dir.path / "hex").string() + "'");
    REQUIRE_MESSAGE(hex.ok(), hex.message());
    CHECK(*hex == der);
    auto raw = via("cat >/dev/null; cat '" + (dir.path / "raw").string() + "'");
    REQUIRE_MESSAGE(raw.ok(), raw.message());
    CHECK(k.public_key().verify(message, *raw));
    // The command sees the bytes to sign on stdin and who it signs for in its environment.
    auto seen = via("cat > '" + (dir.path / "in").string() + "'; echo \"$GUICHET_SIGN_KEYID\" > '" +
                    (dir.path / "id").string() + "'; cat '" + (dir.path / "hex").string() + "'");
    REQUIRE(seen.ok());
    CHECK(read_text(dir.path / "in") == message);
    CHECK(read_text(dir.path / "id") == k.key_id() + "\n");
    auto other = SigningKey::generate(KeyType::ecdsa).value();
    auto wrong = SigningKey::external(other.public_key(),
                                      "cat >/dev/null; cat '" + (dir.path / "hex").string() + "'")
                     .sign(message);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.message().find("does not verify") != std::string::npos);
    CHECK_FALSE(via("exit 3").ok());
    CHECK_FALSE(SigningKey::external(k.public_key(), "").sign(message).ok());
}

TEST_CASE(
    "RSA keys with a public exponent of 1 or an even one are unusable (no forgery by e = 1)") {
    for (const char* pem : {kRsaExponent1, kRsaExponent2, kRsaExponent65536}) {
        for (const char* scheme : {"rsassa-pss-sha256", "rsa-pkcs1v15-sha256"})
            CHECK_FALSE(PublicKey::from_tuf(key_object("rsa", scheme, pem)).ok());
        CHECK_FALSE(PublicKey::from_pem(pem).ok());
    }
    // What such a key would let anyone do, were it read.
    auto forged = from_hex(kForgedForExponent1);
    REQUIRE(forged.ok());
    auto key = PublicKey::from_tuf(key_object("rsa", "rsa-pkcs1v15-sha256", kRsaExponent1));
    if (key) CHECK_FALSE(key->verify("forged message", *forged));
}

TEST_CASE("more hostile PEM: certificates, PKCS#1 blocks, headers, two keys, bytes around") {
    auto ec = SigningKey::generate(KeyType::ecdsa).value();
    auto other = SigningKey::generate(KeyType::ecdsa).value();
    const std::string pem = pem_of(ec);
    // Text around one PEM block is ignored, as OpenSSL, Go's pem.Decode and python's
    // cryptography do; the key is the block's.
    auto around = PublicKey::from_pem("comment\n" + pem + "trailing text\n");
    REQUIRE(around.ok());
    CHECK(around->fingerprint() == ec.public_key().fingerprint());
    // Two keys in one value: ambiguous, refused.
    CHECK_FALSE(
        PublicKey::from_tuf(key_object("ecdsa", "ecdsa-sha2-nistp256", pem + pem_of(other))).ok());
    CHECK_FALSE(PublicKey::from_pem(pem + pem_of(other)).ok());
    for (const std::string label : {"CERTIFICATE", "RSA PUBLIC KEY", "EC PRIVATE KEY"}) {
        std::string relabelled = pem;
        relabelled.replace(relabelled.find("PUBLIC KEY"), 10, label);
        relabelled.replace(relabelled.rfind("PUBLIC KEY"), 10, label);
        CAPTURE(label);
        CHECK_FALSE(
            PublicKey::from_tuf(key_object("ecdsa", "ecdsa-sha2-nistp256", relabelled)).ok());
    }
    std::string with_headers = pem;
    with_headers.insert(with_headers.find('\n') + 1,
                        "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n");
    CHECK_FALSE(PublicKey::from_tuf(key_object("ecdsa", "ecdsa-sha2-nistp256", with_headers)).ok());
    std::string no_end = pem.substr(0, pem.find("-----END"));
    CHECK_FALSE(PublicKey::from_tuf(key_object("ecdsa", "ecdsa-sha2-nistp256", no_end)).ok());
    CHECK_FALSE(
        PublicKey::from_tuf(key_object("ecdsa", "ecdsa-sha2-nistp256",
                                       "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n"))
            .ok());
    std::string nul = pem;
    nul.insert(nul.size() / 2, 1, '\0');
    CHECK_FALSE(PublicKey::from_tuf(key_object("ecdsa", "ecdsa-sha2-nistp256", nul)).ok());
}
