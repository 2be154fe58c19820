// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "sync/crypto.h"

using namespace guichet::sync;

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

TEST_CASE("SHA-256 known answer") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("Ed25519: RFC 8032 test 1 verifies, a flipped bit does not") {
    auto pk = from_hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a").value();
    auto sig = from_hex(
                   "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                   "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
                   .value();
    CHECK(ed25519_verify(pk, "", sig));
    sig[5] ^= 1;
    CHECK_FALSE(ed25519_verify(pk, "", sig));
    CHECK_FALSE(ed25519_verify(pk.substr(1), "", sig));
}

TEST_CASE("Ed25519 sign/verify round trip and key id is the hash of the canonical key") {
    auto k = ed25519_generate();
    auto sig = ed25519_sign(k, "hello");
    CHECK(ed25519_verify(k.public_key, "hello", sig));
    CHECK_FALSE(ed25519_verify(k.public_key, "hellp", sig));
    CHECK(tuf_key_id(k) == sha256_hex(canonical_json(tuf_public_key(k)).value()));
    CHECK(tuf_key_id(k).size() == 64);
}
