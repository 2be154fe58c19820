// SPDX-License-Identifier: GPL-3.0-or-later
// The publisher's side: a TUF repository laid out for plain static hosting (metadata/ and
// targets/, consistent snapshots, only timestamp.json rewritten in place, always last and
// atomically), holding each content version as a compressed row image (content/store_rows.h)
// plus binary patches between row images of recent versions. Keys of any type sync/crypto.h
// knows, held here or signed for by an outside command; roots signed offline by several
// holders; namespaces delegated to roles with keys of their own (a regional office).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/text_ids.h"
#include "platform/result.h"
#include "sync/alerts.h"
#include "sync/crypto.h"

namespace guichet::sync::publish {

// Target names inside the repository: the central content lives under "guichet/", a
// delegated role's under the folder its delegation names ("regions/caribbean/").
inline constexpr const char* kCentralNamespace = "guichet/";
inline constexpr const char* kStoreTarget = "guichet/store.rows.zst";
inline constexpr const char* kRowImageFormat = "guichet-rows-1";
// A version's rows changed from an older one (content/store_changes.h), zstd-compressed.
inline constexpr const char* kChangesFormat = "guichet-changes-1";
std::string store_target(const std::string& name_space);  // "<ns>store.rows.zst"
std::string delta_target(
    std::int64_t from_version,
    const std::string& name_space = kCentralNamespace);  // "<ns>changes-from-<M>.zst"

struct Expiry {  // lifetimes in seconds
    std::int64_t root = 365 * 86400;
    std::int64_t targets = 90 * 86400;
    std::int64_t snapshot = 30 * 86400;
    std::int64_t timestamp = 7 * 86400;
};

struct RoleSetup {
    std::vector<SigningKey> keys;  // public halves go into root.json
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
    std::vector<SigningKey> keys;  // every key the publisher holds; each role signs with its own
    // "targets": the central content. A delegated role publishes the store under its own
    // namespace and signs only its own metadata; snapshot and timestamp follow when their keys
    // are among `keys`, else `guichet-publish snapshot` by their holder lists it.
    std::string role = "targets";
    Expiry expiry;
    int keep_versions = 3;   // metadata versions (and the files they name) kept online
    int delta_versions = 3;  // patches from this many previous content versions
    double max_delta_ratio =
        0.5;  // a patch larger than this fraction of the compressed store is dropped
    int zstd_level =
        9;  // the search index barely compresses beyond this; 19 costs minutes on 100k items
    // The changes every kiosk downloads at each update, often over a metered link: small, so
    // the best level costs the publisher seconds (a 1 % update's changes 16 % smaller than at 9).
    int changes_zstd_level = 19;
    std::int64_t now = 0;
};

struct PushReport {
    std::int64_t content_version = 0;
    std::int64_t store_bytes = 0;                               // the store given to push
    std::int64_t rows_bytes = 0;                                // its row image
    std::int64_t compressed_bytes = 0;                          // what a first sync downloads
    std::vector<std::pair<std::int64_t, std::int64_t>> deltas;  // from version, bytes
    std::vector<std::string> removed;                           // files pruned
    bool snapshot_written = false;  // false: a delegated role's push waits for `snapshot`
    // Each text keeps the id it had in the previous version (content/text_ids.h); not set
    // for a first version or one whose previous version could not be read.
    std::optional<content::TextIdReport> text_ids;
    bool previous_unreadable = false;  // there was a previous version, but its image did not build
};

Result<PushReport> push(const PushOptions& options);

// Any file as a target of `role` (a software bundle, a document), with optional custom data.
struct AddTargetOptions {
    std::filesystem::path repo;
    std::filesystem::path file;
    std::string target_path;  // "software/guichet-arm64.tar.zst"
    nlohmann::json custom = nlohmann::json::object();
    std::string role = "targets";
    std::vector<SigningKey> keys;
    Expiry expiry;
    std::int64_t now = 0;
};
struct RoleWriteReport {
    std::int64_t version = 0;
    bool snapshot_written = false;
};
Result<RoleWriteReport> add_target(const AddTargetOptions& options);

// Re-signs timestamp.json with a fresh expiry (run daily from cron with the online key).
Result<void> refresh_timestamp(const std::filesystem::path& repo,
                               const std::vector<SigningKey>& keys, const Expiry& expiry,
                               std::int64_t now);

// A new snapshot (and timestamp) listing the newest metadata of every role that verifies with
// the keys its delegator lists; what does not verify is left out and reported.
struct SnapshotReport {
    std::int64_t version = 0;
    std::vector<std::string> listed;   // "caribbean v3"
    std::vector<std::string> skipped;  // why a role's newer file was not listed
};
Result<SnapshotReport> write_snapshot(const std::filesystem::path& repo,
                                      const std::vector<SigningKey>& keys, const Expiry& expiry,
                                      std::int64_t now);

// Root rotation: root N+1 where `role` now trusts `new_keys` with `threshold` (no role: the
// same keys, a fresh expiry). Signed by the keys given (the old root threshold and, for the
// root role, the new one too), or, with `draft`, written there unsigned for sign_root_draft.
struct RotateOptions {
    std::filesystem::path repo;
    std::string role;  // empty: renew the root as it is
    std::vector<PublicKey> new_keys;
    int threshold = 1;
    std::vector<SigningKey> keys;
    std::optional<std::filesystem::path> draft;
    Expiry expiry;
    std::int64_t now = 0;
};
Result<void> rotate_role(const RotateOptions& options);

// Offline threshold signing: each holder adds their signature to the draft in place.
struct DraftStatus {
    std::int64_t version = 0;
    std::vector<std::string> signed_by;  // key ids, in the file's order
};
Result<DraftStatus> sign_root_draft(const std::filesystem::path& draft,
                                    const std::vector<SigningKey>& keys);
// Publishes a signed draft as N+1.root.json once it passes the very checks a kiosk makes (a
// threshold of the old root's keys and of its own); then re-signs timestamp.json when its key
// is among `keys`.
struct PublishRootReport {
    std::int64_t version = 0;
    bool timestamp_written = false;
};
Result<PublishRootReport> publish_root(const std::filesystem::path& repo,
                                       const std::filesystem::path& draft,
                                       const std::vector<SigningKey>& keys, const Expiry& expiry,
                                       std::int64_t now);

// Hands the targets matching `paths` to role `name` with its own keys and threshold, in the
// metadata of `parent` (the top-level targets or a delegated role), signed by the parent's
// keys. Delegating again replaces the role's keys, paths and threshold. Patterns that could
// match the central namespace ("guichet/...") are refused: a delegated role must never be
// able to answer for the central content.
struct DelegateOptions {
    std::filesystem::path repo;
    std::string name;
    std::string parent = "targets";
    std::vector<std::string> paths;
    std::vector<PublicKey> role_keys;
    int threshold = 1;
    bool terminating = true;
    std::vector<SigningKey> keys;
    Expiry expiry;
    std::int64_t now = 0;
};
Result<RoleWriteReport> delegate(const DelegateOptions& options);

// Fleet alerts (sync/alerts.h): the top-level targets role's `guichet/alerts.json`, or a
// delegated role's `regions/<r>/alerts.json` (its delegation must hand it a folder
// `regions/<r>/*`). Adds or replaces alerts by id, withdraws ids, drops alerts that have
// ended, and signs the role's metadata (then snapshot and timestamp when their keys are held).
struct AlertOptions {
    std::filesystem::path repo;
    std::string role = "targets";
    std::vector<alerts::Alert> add;
    std::vector<std::string> withdraw;
    std::vector<SigningKey> keys;
    Expiry expiry;
    std::int64_t now = 0;
};
struct AlertReport {
    std::string target;
    std::int64_t version = 0;
    std::size_t alerts = 0;             // in the file now
    std::vector<std::string> expired;   // dropped because they had ended
    bool snapshot_written = false;
};
Result<AlertReport> publish_alerts(const AlertOptions& options);

// {"signatures":[...],"signed":...} with one signature per key given (under the key's own key
// id), as pretty JSON bytes.

// New top-level targets, snapshot and timestamp metadata after `edit` changed the map of
// targets (every target it leaves alone is kept); the files it names must already be under
// DIR/targets/. For publishers of targets other than content (the software bundles).
Result<void> publish_targets(const std::filesystem::path& repo,
                             const std::function<Result<void>(nlohmann::json& targets)>& edit,
                             const std::vector<SigningKey>& keys, const Expiry& expiry,
                             std::int64_t now);
Result<std::string> sign_metadata(const nlohmann::json& signed_part,
                                  const std::vector<SigningKey>& keys);

}  // namespace guichet::sync::publish
