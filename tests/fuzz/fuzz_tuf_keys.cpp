// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes what a kiosk reads of keys, signatures and delegations before anything is trusted:
// key objects of every type (PEM, hex, DER and raw signatures through OpenSSL's decoders),
// delegations and their path patterns, and metadata offered to a trusted set whose roles use
// Ed25519, ECDSA P-256 and RSA keys, as a new root and as a delegated role. Any bytes must give
// a value or an error: never a crash, a hang, or a trusted set changed by a failed update.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "platform/safe_json.h"
#include "sync/crypto.h"
#include "sync/publish.h"
#include "sync/tuf.h"

using namespace guichet;
using namespace guichet::sync;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;

struct Fixture {
    std::vector<SigningKey> keys;  // Ed25519, ECDSA P-256, RSA
    std::string root, timestamp, snapshot, targets;
    tuf::Delegations delegations;  // the top-level targets' delegation to "region"
    tuf::RoleKeys region_keys;
};

nlohmann::json base(const std::string& type, std::int64_t version) {
    return {{"_type", type},
            {"spec_version", "1.0.31"},
            {"version", version},
            {"expires", tuf::format_utc(kNow + 86400)}};
}

// A repository whose four roles use three key types and whose targets delegate "regions/*"
// to a role with an Ed25519 and an ECDSA key: made once per process.
const Fixture& fixture() {
    static const Fixture f = [] {
        Fixture out;
        for (KeyType t : {KeyType::ed25519, KeyType::ecdsa, KeyType::rsa}) {
            auto k = SigningKey::generate(t);
            if (!k) std::abort();
            out.keys.push_back(*k);
        }
        const auto& ed = out.keys[0];
        const auto& ec = out.keys[1];
        const auto& rsa = out.keys[2];
        auto role = [](const SigningKey& k) {
            return nlohmann::json{{"keyids", {k.key_id()}}, {"threshold", 1}};
        };
        auto root = base("root", 1);
        for (const auto& k : out.keys) root["keys"][k.key_id()] = k.public_key().tuf_object();
        root["roles"] = {{"root", role(ec)},
                         {"timestamp", role(rsa)},
                         {"snapshot", role(ed)},
                         {"targets", role(ec)}};
        root["consistent_snapshot"] = true;
        out.root = publish::sign_metadata(root, {ec}).value();
        auto targets = base("targets", 1);
        targets["targets"] = nlohmann::json::object();
        targets["delegations"] = {{"keys",
                                   {{ed.key_id(), ed.public_key().tuf_object()},
                                    {ec.key_id(), ec.public_key().tuf_object()}}},
                                  {"roles",
                                   {{{"name", "region"},
                                     {"keyids", {ed.key_id(), ec.key_id()}},
                                     {"threshold", 1},
                                     {"paths", {"regions/*"}},
                                     {"terminating", true}}}}};
        out.targets = publish::sign_metadata(targets, {ec}).value();
        auto snapshot = base("snapshot", 1);
        snapshot["meta"] = {{"targets.json", {{"version", 1}}}, {"region.json", {{"version", 1}}}};
        out.snapshot = publish::sign_metadata(snapshot, {ed}).value();
        auto timestamp = base("timestamp", 1);
        timestamp["meta"] = {{"snapshot.json", {{"version", 1}}}};
        out.timestamp = publish::sign_metadata(timestamp, {rsa}).value();
        auto parsed = tuf::parse(out.targets, "targets");
        if (!parsed || !parsed->delegations) std::abort();
        out.delegations = *parsed->delegations;
        out.region_keys = *out.delegations.keys_of("region");
        return out;
    }();
    return f;
}

tuf::TrustedSet trusted_through_targets() {
    const Fixture& f = fixture();
    auto set = tuf::TrustedSet::from_root(f.root, kNow);
    if (!set || !set->update_timestamp(f.timestamp) || !set->update_snapshot(f.snapshot, false) ||
        !set->update_targets(f.targets, false))
        std::abort();
    return std::move(*set);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const Fixture& f = fixture();

    // As a key object, and as the public key text of every key type and scheme.
    if (auto j = safe_json::parse(bytes)) {
        if (auto k = PublicKey::from_tuf(*j)) (void)k->verify("message", bytes);
    }
    static const std::pair<const char*, const char*> kinds[] = {
        {"ed25519", "ed25519"},
        {"ecdsa", "ecdsa-sha2-nistp256"},
        {"ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256"},
        {"ecdsa", "ecdsa-sha2-nistp384"},
        {"rsa", "rsassa-pss-sha256"},
        {"rsa", "rsa-pkcs1v15-sha512"}};
    for (const auto& [type, scheme] : kinds) {
        auto k = PublicKey::from_tuf(
            {{"keytype", type}, {"scheme", scheme}, {"keyval", {{"public", bytes}}}});
        if (k) (void)k->verify(bytes, bytes);
    }
    if (auto k = PublicKey::from_pem(bytes)) (void)k->key_id();

    // As a signature by each key type over a fixed message: garbage never verifies.
    for (const auto& k : f.keys)
        if (k.public_key().verify("the signed bytes", bytes)) std::abort();

    // As a pattern and a path (split at the first newline), and as targets with delegations.
    const auto newline = bytes.find('\n');
    if (newline != std::string::npos)
        (void)tuf::match_path_pattern(bytes.substr(0, newline), bytes.substr(newline + 1));
    if (auto md = tuf::parse(bytes, "targets", "fuzzed"); md && md->delegations) {
        for (const char* path : {"a", "regions/x/notice.txt", "guichet/store.rows.zst"})
            for (const auto& [name, terminating] : md->delegations->roles_for(path))
                (void)md->delegations->keys_of(name);
    }

    // Offered to a trusted set of mixed key types: as the next root, and as the delegated role.
    {
        auto set = tuf::TrustedSet::from_root(f.root, kNow);
        if (!set) std::abort();
        if (!set->update_root(bytes) && set->root().version != 1) std::abort();
    }
    {
        tuf::TrustedSet set = trusted_through_targets();
        if (!set.update_delegated_targets(bytes, "region", f.delegations, f.region_keys) &&
            set.delegated("region"))
            std::abort();
    }
    return 0;
}
