// SPDX-License-Identifier: GPL-3.0-or-later
// The publisher's model of a repository folder, shared by its commands: the signed parts of
// the metadata in force, who may sign each role, and the writes that keep a served
// repository consistent (role metadata first, snapshot next, timestamp.json last).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/result.h"
#include "sync/crypto.h"
#include "sync/publish.h"

namespace guichet::sync::publish::detail {

namespace fs = std::filesystem;

inline constexpr const char* kSpecVersion = "1.0.31";

// A key that signs, with the key id the role's metadata lists it under.
struct Signer {
    std::string keyid;
    const SigningKey* key = nullptr;
};

struct Repo {
    fs::path dir;
    nlohmann::json root;  // signed parts
    std::int64_t root_version = 0;
    nlohmann::json timestamp, snapshot, targets;
    fs::path metadata() const { return dir / "metadata"; }
};

Result<std::string> read_text(const fs::path& p);
Result<nlohmann::json> read_signed(const fs::path& p);
Result<Repo> load_repo(const fs::path& dir);

nlohmann::json base_signed(const std::string& type, std::int64_t version, std::int64_t expires);
// The held keys that `role_entry` ({"keyids", "threshold"}, with `keys` the key objects its
// delegator lists) names; an error when they cannot reach the threshold. A held key matches a
// listed key id by its key material, so keys listed by other tools under other ids still sign.
Result<std::vector<Signer>> signers_for(const nlohmann::json& keys,
                                        const nlohmann::json& role_entry,
                                        const std::vector<SigningKey>& held,
                                        const std::string& role_name);
Result<std::vector<Signer>> top_level_signers(const Repo& repo, const std::string& role,
                                              const std::vector<SigningKey>& held);
Result<std::string> sign_with(const nlohmann::json& signed_part,
                              const std::vector<Signer>& signers);

Result<void> write_file(const fs::path& p, const std::string& bytes);

// A delegated role as its delegator describes it.
struct Delegation {
    std::string parent;    // "targets" or a delegated role
    nlohmann::json keys;   // the delegator's delegations.keys
    nlohmann::json entry;  // {"name", "keyids", "threshold", "paths", "terminating"}
};
// Every role reachable by delegation from the top-level targets, through each delegator's
// newest verified metadata (bounded: a repository is not a place for thousands of roles).
Result<std::map<std::string, Delegation>> delegations(const Repo& repo);
// The newest N.<role>.json on disk whose signatures verify against `d` (signed part and
// version), or nothing.
struct RoleMetadata {
    std::int64_t version = 0;
    nlohmann::json signed_part;
    std::string bytes;
};
std::optional<RoleMetadata> newest_verified(const Repo& repo, const std::string& role,
                                            const Delegation& d, std::int64_t now,
                                            std::string* why_not = nullptr);
std::int64_t newest_version_on_disk(const Repo& repo, const std::string& role);
// Role names the publisher writes: file-safe as they are (a web server maps them back).
Result<void> check_role_name(const std::string& name);

// Writes N.<role>.json for a delegated role (or the top-level targets), signed by its keys.
Result<std::int64_t> write_role(Repo& repo, const std::string& role, nlohmann::json signed_part,
                                const std::vector<SigningKey>& keys, const Expiry& expiry,
                                std::int64_t now);
// A new snapshot from what is on disk, then timestamp.json.
Result<SnapshotReport> write_snapshot_and_timestamp(Repo& repo, const std::vector<SigningKey>& keys,
                                                    const Expiry& expiry, std::int64_t now);
Result<void> write_timestamp(Repo& repo, std::int64_t snapshot_version,
                             const std::string& snapshot_bytes, const std::vector<SigningKey>& keys,
                             const Expiry& expiry, std::int64_t now);
// Whether the held keys reach the snapshot and timestamp thresholds.
bool holds_snapshot_and_timestamp(const Repo& repo, const std::vector<SigningKey>& keys);

std::string target_file_name(const std::string& path, const std::string& sha);
Result<nlohmann::json> add_target_file(const fs::path& repo, const std::string& target,
                                       const std::string& bytes, const nlohmann::json& custom);

}  // namespace guichet::sync::publish::detail
