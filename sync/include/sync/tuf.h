// SPDX-License-Identifier: GPL-3.0-or-later
// The TUF 1.0 client workflow for the four top-level roles (root, timestamp, snapshot,
// targets), Ed25519 + SHA-256, consistent snapshots or not. Delegated targets roles are not
// supported: metadata that delegates is refused with a clear error. Trusted metadata is
// written to the metadata folder only after it verifies, under non-versioned names.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/confined_dir.h"
#include "platform/result.h"
#include "sync/transport.h"

namespace guichet::sync::tuf {

// Fixed caps for files whose length no parent role declares (python-tuf's defaults), and the
// most a parent role may declare for them: a signed length above the cap is refused.
inline constexpr std::int64_t kRootMaxLength = 512000;
inline constexpr std::int64_t kTimestampMaxLength = 16384;
inline constexpr std::int64_t kSnapshotMaxLength = 2000000;
inline constexpr std::int64_t kTargetsMaxLength = 5000000;
inline constexpr int kMaxRootRotations = 256;

struct RoleKeys {
    std::vector<std::string> keyids;
    int threshold = 1;
};

struct MetaFile {  // an entry of timestamp's or snapshot's "meta"
    std::int64_t version = 0;
    std::optional<std::int64_t> length;
    std::map<std::string, std::string> hashes;
};

struct TargetFile {
    std::int64_t length = 0;
    std::map<std::string, std::string> hashes;
    nlohmann::json custom;
};

// One verified-or-not metadata file, parsed and shape-checked.
struct Metadata {
    std::string type;
    std::int64_t version = 0;
    std::int64_t expires = 0;  // Unix seconds
    nlohmann::json signed_part;
    std::vector<std::pair<std::string, std::string>> signatures;  // keyid, raw signature
    // root
    std::map<std::string, std::string> keys;  // keyid -> raw Ed25519 public key
    std::map<std::string, RoleKeys> roles;
    bool consistent_snapshot = false;
    // timestamp / snapshot
    std::map<std::string, MetaFile> meta;
    // targets
    std::map<std::string, TargetFile> targets;
};

Result<std::int64_t> parse_utc(const std::string& iso8601);  // "2030-01-01T00:00:00Z"
std::string format_utc(std::int64_t unix_seconds);

Result<Metadata> parse(const std::string& bytes, const std::string& expected_type);
// Threshold of distinct keys of `role` in `root` with a valid signature over canonical `signed`.
Result<void> verify_role(const Metadata& root, const std::string& role, const Metadata& signed_md);
// Length and every listed hash (sha256, sha512) of `bytes`.
Result<void> check_length_and_hashes(const std::string& bytes, std::optional<std::int64_t> length,
                                     const std::map<std::string, std::string>& hashes);

// The metadata the client trusts, updated role by role with every check of the specification.
class TrustedSet {
  public:
    // `now` is the fixed reference time for every expiry check of this refresh.
    static Result<TrustedSet> from_root(const std::string& root_bytes, std::int64_t now);

    Result<void> update_root(const std::string& bytes);
    // false: same version as the trusted one (nothing new); the trusted one stays.
    Result<bool> update_timestamp(const std::string& bytes);
    // Loads a local timestamp for rollback protection (signature checked, expiry not).
    Result<void> load_local_timestamp(const std::string& bytes);
    Result<void> update_snapshot(const std::string& bytes, bool from_local);
    Result<void> update_targets(const std::string& bytes, bool from_local);

    const Metadata& root() const { return root_; }
    const std::optional<Metadata>& timestamp() const { return timestamp_; }
    const std::optional<Metadata>& snapshot() const { return snapshot_; }
    const std::optional<Metadata>& targets() const { return targets_; }
    std::int64_t reference_time() const { return now_; }

  private:
    Result<void> check_final_timestamp() const;
    Result<void> check_final_snapshot() const;

    std::int64_t now_ = 0;
    Metadata root_;
    std::optional<Metadata> timestamp_, snapshot_, targets_;
};

struct UpdaterOptions {
    std::filesystem::path metadata_dir;         // trusted metadata: root.json, timestamp.json, ...
    std::string metadata_prefix = "metadata/";  // names passed to the transport
    std::string targets_prefix = "targets/";
    std::int64_t now = 0;
};

class Updater {
  public:
    Updater(UpdaterOptions options, Transport& metadata_transport, Transport& target_transport);

    // The client workflow: root chain, timestamp, snapshot, targets. Returns true when the
    // timestamp was new (false: nothing new on the server).
    Result<bool> refresh();
    // The cheap path for "is there anything new?": one (conditional) request for
    // timestamp.json. True when the server's timestamp is the trusted one and every trusted
    // role is still valid at the reference time; the root probe is then skipped (the caller
    // bounds how long it may be skipped). False means "run refresh()", which reuses the body.
    Result<bool> unchanged(const std::string& etag);
    const std::string& timestamp_etag() const { return etag_; }
    const TrustedSet& trusted() const { return *trusted_; }
    Result<TargetFile> target(const std::string& path) const;
    // Downloads (resuming `file_name` in `dir` when it exists) and verifies a target; on
    // success the verified file is there. `file_name` is one path segment, created beneath
    // `dir` (never through a symlink); on a mismatch it is removed.
    Result<void> download_target(const std::string& path, const TargetFile& info,
                                 const files::ConfinedDir& dir, const std::string& file_name);
    std::string target_url_name(const std::string& path, const TargetFile& info) const;

  private:
    Result<void> open_metadata_dir();
    Result<void> persist(const std::string& role, const std::string& bytes);
    // The trusted copy of a role, within that role's size cap; nothing when absent or
    // unreadable (a FIFO, a symlink, too large).
    std::optional<std::string> read_local(const std::string& role) const;

    UpdaterOptions options_;
    Transport& metadata_transport_;
    Transport& target_transport_;
    std::optional<files::ConfinedDir> metadata_dir_;
    std::optional<TrustedSet> trusted_;
    std::string etag_;
    std::optional<std::string> prefetched_timestamp_;
};

// The size cap of a role's metadata file (root, timestamp, snapshot, targets).
std::int64_t max_length(const std::string& role);

}  // namespace guichet::sync::tuf
