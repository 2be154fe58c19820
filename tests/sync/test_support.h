// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the sync tests: scratch folders and hand-made TUF metadata, signed with
// real keys, so each test can build exactly the repository state it needs.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "sync/crypto.h"
#include "sync/publish.h"
#include "sync/tuf.h"

namespace guichet::sync::testing {

namespace fs = std::filesystem;

struct ScratchDir {
    fs::path path;
    ScratchDir() {
        std::random_device rd;
        path = fs::temp_directory_path() /
               ("guichet-sync-test-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

inline void write_text(const fs::path& p, const std::string& s) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << s;
}

inline std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline SigningKey new_key(KeyType type = KeyType::ed25519) {
    return SigningKey::generate(type).value();
}

// A TUF repository written by hand: metadata/ under `dir`, one key per role by default.
struct HandRepo {
    fs::path dir;
    std::int64_t now = 1800000000;  // 2027-01-15
    SigningKey root_key = new_key(), timestamp_key = new_key(), snapshot_key = new_key(),
               targets_key = new_key();

    nlohmann::json base(const std::string& type, std::int64_t version,
                        std::int64_t lifetime = 86400 * 30) const {
        return {{"_type", type},
                {"spec_version", "1.0.31"},
                {"version", version},
                {"expires", tuf::format_utc(now + lifetime)}};
    }
    static nlohmann::json role(const std::vector<SigningKey>& keys, int threshold) {
        nlohmann::json ids = nlohmann::json::array();
        for (const auto& k : keys) ids.push_back(k.key_id());
        return {{"keyids", ids}, {"threshold", threshold}};
    }
    nlohmann::json root(std::int64_t version, const std::vector<SigningKey>& root_keys,
                        int threshold = 1) const {
        auto r = base("root", version, 86400 * 365);
        nlohmann::json keys = nlohmann::json::object();
        for (const auto& k : root_keys) keys[k.key_id()] = k.public_key().tuf_object();
        for (const auto* k : {&timestamp_key, &snapshot_key, &targets_key})
            keys[k->key_id()] = k->public_key().tuf_object();
        r["keys"] = keys;
        r["roles"] = {{"root", role(root_keys, threshold)},
                      {"timestamp", role({timestamp_key}, 1)},
                      {"snapshot", role({snapshot_key}, 1)},
                      {"targets", role({targets_key}, 1)}};
        r["consistent_snapshot"] = true;
        return r;
    }
    std::string sign(const nlohmann::json& s, const std::vector<SigningKey>& keys) const {
        return publish::sign_metadata(s, keys).value();
    }
    void put(const std::string& name, const std::string& bytes) const {
        write_text(dir / "metadata" / name, bytes);
    }

    // Publishes targets v, snapshot v, timestamp v naming them.
    void publish(std::int64_t version, std::int64_t ts_lifetime = 86400) const {
        auto t = base("targets", version);
        t["targets"] = nlohmann::json::object();
        auto tb = sign(t, {targets_key});
        put(std::to_string(version) + ".targets.json", tb);
        auto s = base("snapshot", version);
        s["meta"] = {{"targets.json", {{"version", version}}}};
        auto sb = sign(s, {snapshot_key});
        put(std::to_string(version) + ".snapshot.json", sb);
        auto ts = base("timestamp", version, ts_lifetime);
        ts["meta"] = {{"snapshot.json",
                       {{"version", version},
                        {"length", static_cast<std::int64_t>(sb.size())},
                        {"hashes", {{"sha256", sha256_hex(sb)}}}}}};
        put("timestamp.json", sign(ts, {timestamp_key}));
    }
};

}  // namespace guichet::sync::testing
