// SPDX-License-Identifier: GPL-3.0-or-later
// The publisher's side: a TUF repository laid out for plain static hosting (metadata/ and
// targets/, consistent snapshots, only timestamp.json rewritten in place, always last and
// atomically), holding each content version as a compressed row image (content/store_rows.h)
// plus binary patches between row images of recent versions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/result.h"
#include "sync/crypto.h"

namespace guichet::sync::publish {

// Target names inside the repository.
inline constexpr const char* kStoreTarget = "guichet/store.rows.zst";
inline constexpr const char* kRowImageFormat = "guichet-rows-1";
std::string delta_target(std::int64_t from_version);  // "guichet/patch-from-<M>.zst"

struct Expiry {  // lifetimes in seconds
    std::int64_t root = 365 * 86400;
    std::int64_t targets = 90 * 86400;
    std::int64_t snapshot = 30 * 86400;
    std::int64_t timestamp = 7 * 86400;
};

struct RoleSetup {
    std::vector<Ed25519Key> keys;  // public halves go into root.json
    int threshold = 1;
};

struct InitOptions {
    std::filesystem::path repo;
    RoleSetup root, timestamp, snapshot, targets;
    Expiry expiry;
    std::int64_t now = 0;
};

// Creates DIR/metadata/1.root.json (+ root.json) and an empty first snapshot/targets/timestamp.
Result<void> init_repository(const InitOptions& options);

struct PushOptions {
    std::filesystem::path repo;
    std::filesystem::path store;   // a compiled content store (SQLite)
    std::vector<Ed25519Key> keys;  // every key the publisher holds; each role signs with its own
    Expiry expiry;
    int keep_versions = 3;   // metadata versions (and the files they name) kept online
    int delta_versions = 3;  // patches from this many previous content versions
    double max_delta_ratio =
        0.5;  // a patch larger than this fraction of the compressed store is dropped
    int zstd_level =
        9;  // the search index barely compresses beyond this; 19 costs minutes on 100k items
    std::int64_t now = 0;
};

struct PushReport {
    std::int64_t content_version = 0;
    std::int64_t store_bytes = 0;                               // the store given to push
    std::int64_t rows_bytes = 0;                                // its row image
    std::int64_t compressed_bytes = 0;                          // what a first sync downloads
    std::vector<std::pair<std::int64_t, std::int64_t>> deltas;  // from version, bytes
    std::vector<std::string> removed;                           // files pruned
};

Result<PushReport> push(const PushOptions& options);

// Re-signs timestamp.json with a fresh expiry (run daily from cron with the online key).
Result<void> refresh_timestamp(const std::filesystem::path& repo,
                               const std::vector<Ed25519Key>& keys, const Expiry& expiry,
                               std::int64_t now);

// Root rotation: writes root N+1 where `role` now trusts `new_keys` with `threshold`, signed
// by the keys given (the old root threshold and, for the root role, the new one too).
Result<void> rotate_role(const std::filesystem::path& repo, const std::string& role,
                         const std::vector<Ed25519Key>& new_keys, int threshold,
                         const std::vector<Ed25519Key>& signing_keys, const Expiry& expiry,
                         std::int64_t now);

// New targets, snapshot and timestamp metadata after `edit` changed the map of targets (every
// target it leaves alone is kept); the files it names must already be under DIR/targets/.
// For publishers of targets other than content (the software bundles).
Result<void> publish_targets(const std::filesystem::path& repo,
                             const std::function<Result<void>(nlohmann::json& targets)>& edit,
                             const std::vector<Ed25519Key>& keys, const Expiry& expiry,
                             std::int64_t now);

// {"signatures":[...],"signed":...} with one signature per key given, as pretty JSON bytes.
Result<std::string> sign_metadata(const nlohmann::json& signed_part,
                                  const std::vector<Ed25519Key>& keys);

}  // namespace guichet::sync::publish
