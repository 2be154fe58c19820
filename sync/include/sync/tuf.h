// SPDX-License-Identifier: GPL-3.0-or-later
// The TUF 1.0 client workflow (specification 1.0.31, §5): root chain, timestamp, snapshot,
// top-level targets, and delegated targets roles found by the pre-order depth-first search of
// §5.6.7 (paths, path_hash_prefixes, TAP 15 succinct hash bins, terminating roles, a bound on
// roles visited). Keys: Ed25519, ECDSA P-256/P-384, RSA (sync/crypto.h). Trusted metadata is
// written to the metadata folder only after it verifies, under non-versioned names; role names,
// target paths and hashes must pass sync/names.h before anything else looks at them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/confined_dir.h"
#include "platform/result.h"
#include "sync/crypto.h"
#include "sync/transport.h"

namespace guichet::sync::tuf {

// Fixed caps for files whose length no parent role declares (python-tuf's defaults), and the
// most a parent role may declare for them: a signed length above the cap is refused.
inline constexpr std::int64_t kRootMaxLength = 512000;
inline constexpr std::int64_t kTimestampMaxLength = 16384;
inline constexpr std::int64_t kSnapshotMaxLength = 2000000;
inline constexpr std::int64_t kTargetsMaxLength = 5000000;
inline constexpr int kMaxRootRotations = 256;
// Roles one target lookup may visit (python-tuf's default is 32): cycles and depth bombs end
// there.
inline constexpr int kMaxDelegationsVisited = 32;

using KeyMap = std::map<std::string, PublicKey>;  // key id -> key (unusable keys left out)

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
    std::string role;  // the targets role whose metadata lists it ("targets": the top level)
};

// One entry of a targets role's delegations "roles".
struct DelegatedRole {
    std::string name;
    RoleKeys keys;
    bool terminating = false;
    // Exactly one of these is set.
    std::optional<std::vector<std::string>> paths;
    std::optional<std::vector<std::string>> path_hash_prefixes;

    bool covers(std::string_view target_path) const;
};

// TAP 15: 2^bit_length bins named NAME_PREFIX-<hex>, each holding the targets whose path's
// SHA-256 starts with the bin's bits; every bin uses the same keys; bins are terminating.
struct SuccinctRoles {
    RoleKeys keys;
    int bit_length = 1;
    std::string name_prefix;

    std::string role_for(std::string_view target_path) const;
    bool is_bin(std::string_view role_name) const;
};

struct Delegations {
    KeyMap keys;
    std::vector<DelegatedRole> roles;
    std::optional<SuccinctRoles> succinct;

    // The roles trusted for `target_path`, in the order of appearance, each with its
    // terminating flag.
    std::vector<std::pair<std::string, bool>> roles_for(std::string_view target_path) const;
    // The keys and threshold of a delegated role, when this delegates to it.
    std::optional<RoleKeys> keys_of(std::string_view role_name) const;
};

// One verified-or-not metadata file, parsed and shape-checked.
struct Metadata {
    std::string type;
    std::int64_t version = 0;
    std::int64_t expires = 0;  // Unix seconds
    nlohmann::json signed_part;
    std::string canonical_signed;  // the bytes the signatures are over
    std::vector<std::pair<std::string, std::string>> signatures;  // keyid, raw signature
    // root
    KeyMap keys;
    std::map<std::string, RoleKeys> roles;
    bool consistent_snapshot = false;
    // timestamp / snapshot
    std::map<std::string, MetaFile> meta;
    // targets
    std::map<std::string, TargetFile> targets;
    std::optional<Delegations> delegations;
};

Result<std::int64_t> parse_utc(const std::string& iso8601);  // "2030-01-01T00:00:00Z"
std::string format_utc(std::int64_t unix_seconds);

// `role_name` names the role in messages (a delegated role's name; the type by default).
Result<Metadata> parse(const std::string& bytes, const std::string& expected_type,
                       const std::string& role_name = {});
// A threshold of distinct keys of `role` (listed in `keys`) with a valid signature over the
// canonical `signed` of `md`. Signatures by unknown, unusable or unlisted keys count for
// nothing; two signatures by one key (by key id or by key material) count once.
Result<void> verify_signatures(const KeyMap& keys, const RoleKeys& role, const Metadata& md,
                               const std::string& role_name);
// A top-level role of `root`.
Result<void> verify_role(const Metadata& root, const std::string& role, const Metadata& md);
// Length and every listed hash of a supported algorithm; at least one must be supported.
Result<void> check_length_and_hashes(const std::string& bytes, std::optional<std::int64_t> length,
                                     const std::map<std::string, std::string>& hashes);

// A PATHPATTERN of §4.5 against a target path: shell-style `*`, `?`, `[...]` and `[!...]`,
// matched segment by segment, so a wildcard never crosses `/` and the pattern and the path
// have as many segments.
bool match_path_pattern(std::string_view pattern, std::string_view target_path);

// Percent-encoding of every byte outside A-Z a-z 0-9 `-._~` (and `/` when kept): a target
// path with odd but legal characters (spaces, `#`, `?`, `%`, UTF-8) as a URL path.
std::string percent_encode(std::string_view text, bool keep_slash = false);
// The local file a role's trusted metadata is kept in: "<name>.json" for a name of
// sync/names.h's role grammar, "~<sha256 of the name>.json" for any other (non-empty) string,
// so no role name reaches a path ("../x", "a/b", "..", very long, not UTF-8).
Result<std::string> role_file_name(std::string_view role_name);
// The name a delegated role's metadata is fetched under (before any version prefix): the
// percent-encoded role name and ".json" (a '/' in a role name stays inside one segment).
std::string role_url_name(std::string_view role_name);
bool is_top_level_role(std::string_view name);

// The metadata the client trusts, updated role by role with every check of the specification.
class TrustedSet {
  public:
    // `now` is the fixed reference time for every expiry check of this refresh.
    static Result<TrustedSet> from_root(const std::string& root_bytes, std::int64_t now);

    // true: the next root is trusted. false: it has the trusted root's version (§5.3.5: it
    // is discarded and the update goes on with the trusted root).
    Result<bool> update_root(const std::string& bytes);
    // false: same version as the trusted one (nothing new); the trusted one stays.
    Result<bool> update_timestamp(const std::string& bytes);
    // Loads a local timestamp for rollback protection (signature checked, expiry not).
    Result<void> load_local_timestamp(const std::string& bytes);
    Result<void> update_snapshot(const std::string& bytes, bool from_local);
    Result<void> update_targets(const std::string& bytes, bool from_local);
    // A delegated targets role, verified with the keys its delegator lists for it: listed in
    // snapshot, length and hashes as snapshot says, signed by `role_keys`' threshold, the
    // version snapshot names, not expired.
    Result<void> update_delegated_targets(const std::string& bytes, const std::string& role,
                                          const Delegations& delegator, const RoleKeys& role_keys);

    const Metadata& root() const { return root_; }
    const std::optional<Metadata>& timestamp() const { return timestamp_; }
    const std::optional<Metadata>& snapshot() const { return snapshot_; }
    const std::optional<Metadata>& targets() const { return targets_; }
    const Metadata* delegated(const std::string& role) const;
    std::int64_t reference_time() const { return now_; }

  private:
    Result<void> check_final_timestamp() const;
    Result<void> check_final_snapshot() const;

    std::int64_t now_ = 0;
    Metadata root_;
    std::optional<Metadata> timestamp_, snapshot_, targets_;
    std::map<std::string, Metadata> delegated_;
};

struct UpdaterOptions {
    std::filesystem::path metadata_dir;         // trusted metadata: root.json, timestamp.json, ...
    std::string metadata_prefix = "metadata/";  // names passed to the transport
    std::string targets_prefix = "targets/";
    std::int64_t now = 0;
    int max_delegations = kMaxDelegationsVisited;
    int max_root_rotations = kMaxRootRotations;  // new roots one refresh takes (5.3.3's Y)
};

// The client. Names given to the transports are URL paths: role names and target paths are
// percent-encoded (a target path keeps its `/`), and a folder transport decodes them.
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

    // The signed description of `path` (stable API for every caller in sync/): the top-level
    // targets first, then the delegated roles trusted for that path, in pre-order depth-first
    // order (§5.6.7), downloading and verifying their metadata as needed (kept like any
    // trusted metadata). TargetFile::role names the role that listed it, so a caller can
    // insist on the top-level role for its own namespace. An error when no role lists it,
    // when a role on the way cannot be fetched or verified, or when the search visited
    // max_delegations roles.
    Result<TargetFile> target(const std::string& path);
    // Downloads (resuming `file_name` in `dir` when it exists) and verifies a target against
    // its length and every hash of a supported algorithm; on success the verified file is
    // there. `file_name` is one path segment, created beneath `dir` (never through a
    // symlink); on a mismatch it is removed.
    Result<void> download_target(const std::string& path, const TargetFile& info,
                                 const files::ConfinedDir& dir, const std::string& file_name);
    std::string target_url_name(const std::string& path, const TargetFile& info) const;

  private:
    Result<void> open_metadata_dir();
    Result<void> persist(const std::string& role, const std::string& bytes);
    // The trusted copy of a role, within that role's size cap; nothing when absent or
    // unreadable (a FIFO, a symlink, too large).
    std::optional<std::string> read_local(const std::string& role) const;
    Result<const Metadata*> load_delegated(const std::string& role, const Delegations& delegator,
                                           const RoleKeys& role_keys);
    void forget_undelegated_roles();

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
