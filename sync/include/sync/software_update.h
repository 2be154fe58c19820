// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's own software as a target of the content's TUF repository: a RAUC bundle per
// board type, offered to the share of the fleet (by kiosk-id hash) and the tags its signed
// rollout names, fetched with sync's verified, resumable, rate-limited transfer, checked by
// RAUC's own X.509 signature too, installed into the other root slot, then confirmed or rolled
// back at the next boot. The records it keeps say what the fleet status reports.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/result.h"
#include "sync/sync.h"

namespace guichet::sync::software {

// Until delegated roles exist (issue 20) the bundles are top-level targets under this prefix,
// which content publishing carries over untouched.
inline constexpr const char* kTargetPrefix = "software/";
inline constexpr const char* kBundleFormat = "rauc-bundle-1";
inline constexpr int kWholeFleet = 10000;  // basis points

// The updater's own folder on a board: root's, outside the kiosk user's state folder (a bind
// mount of the state partition's updater/, which the kiosk's services cannot even see; see
// image/README.md). UPDATER/root holds its settings, trusted root.json, kiosk id, records and
// downloads (root only); UPDATER/public/status.json is the report anyone may read.
inline constexpr const char* kUpdaterDir = "/var/lib/guichet-updater";

// "software/guichet-amd64.raucb": one target per RAUC compatible (board type).
std::string target_name(const std::string& compatible);

// Who gets a release. Kiosks are ordered by a hash of (rollout id, kiosk id): raising the share
// of the same rollout id keeps every kiosk already chosen and adds more; a new id draws anew.
struct Rollout {
    std::string id;
    int share_basis_points = kWholeFleet;  // 0..10000; 500 is 5 %
    std::vector<std::string> tags;         // when not empty: only kiosks with one of them
};

// What the signed custom data of a software target says.
struct Release {
    std::string compatible;  // RAUC's compatible string, e.g. guichet-amd64
    std::string version;     // the bundle's version, as in its manifest
    Rollout rollout;
};

nlohmann::json release_custom(const Release& release);
// `target` names the target in error messages.
Result<Release> parse_release(const nlohmann::json& custom, const std::string& target);

// "5%", "0.5 %", "100%", "5": basis points; more than two decimals or outside 0..100 % is an error.
Result<int> parse_share(const std::string& text);
std::string format_share(int basis_points);  // 500 -> "5%", 50 -> "0.5%"
// "pilot, mexico" -> {"pilot", "mexico"}; a tag is [a-z0-9_-]{1,32}.
Result<std::vector<std::string>> parse_tags(const std::string& text);

// Where this kiosk falls for this rollout: 0..9999.
int rollout_bucket(const std::string& rollout_id, const std::string& kiosk_id);
bool in_rollout(const Rollout& rollout, const std::string& kiosk_id,
                const std::vector<std::string>& kiosk_tags);

// The software this board runs (/usr/lib/guichet/release, written when the image is built).
struct BootedSoftware {
    std::string version;
    std::string compatible;
    std::string
        slot;  // RAUC's bootname of the booted root: "A" or "B" (rauc.slot= on the command line)
};
Result<BootedSoftware> read_booted(const std::filesystem::path& release_file,
                                   const std::filesystem::path& cmdline_file);

// The updater's folder, checked before anything in it is used or trusted: UPDATER, root/ and
// public/ owned by `owner` (root on a board) and writable by no one else, as is every folder
// above them (files::OwnerOnlyDir: no symlink followed). Otherwise the error names the path,
// its owner and its mode, and the caller does nothing.
struct UpdaterFolder {
    std::filesystem::path own;     // UPDATER/root
    std::filesystem::path report;  // UPDATER/public/status.json
};
Result<UpdaterFolder> open_updater_folder(const std::filesystem::path& updater_dir, uid_t owner);

// What a check needs from root/: sync.conf (its state_dir must be root/ itself), update.conf
// (tags; optional) and kiosk-id (copied there by the board's first boot), each a regular file
// only the owner can write, read without following symlinks; the files sync.conf names
// (trusted_root, ca_file) must pass the same test wherever they are.
struct UpdaterSettings {
    SyncConfig sync;
    std::vector<std::string> tags;
    std::string kiosk_id;
};
Result<UpdaterSettings> load_updater_settings(const UpdaterFolder& folder, uid_t owner);

// The updater's records, in its own folder (root's, out of the kiosk's reach).
struct Pending {  // installed into the other slot, waiting for its first boot
    std::string version;
    std::string sha256;  // of the bundle
    std::string slot;    // the slot it went into
    std::string from_version;
    std::int64_t installed_at = 0;
    std::string failure;  // set by the new slot when it gives up on itself
};
struct FailedRelease {
    std::string version;
    std::string sha256;
    std::string reason;
    std::int64_t time = 0;
};

// What the fleet status shows (world-readable, written beside the records).
struct UpdateReport {
    std::string version;  // booted
    std::string slot;     // booted
    // The last install and what became of it: installed (waiting for a reboot), updated,
    // rolled-back, failed; empty when this board never installed anything.
    std::string last_result;
    std::string last_version;
    std::string last_message;
    std::int64_t last_time = 0;
    // The last check: up-to-date, not-selected, skipped, failed, installed …
    std::string check_result;
    std::string check_message;
    std::int64_t check_time = 0;
};
nlohmann::json to_json(const UpdateReport& report);
UpdateReport report_from_json(const nlohmann::json& j);
// UPDATER/public/status.json, as the kiosk (an unprivileged reader) finds it.
std::filesystem::path public_report_file(const std::filesystem::path& updater_dir);
std::optional<UpdateReport> read_public_report(const std::filesystem::path& report_file);
// One line for people: "updated to 2026.12.01 (slot B)", "rolled back from …: why".
std::string describe_last_update(const UpdateReport& report);

// RAUC, as the updater uses it. `inspect` checks the bundle's signature against the keyring.
struct BundleInfo {
    std::string compatible;
    std::string version;
};
class Installer {
  public:
    virtual ~Installer() = default;
    virtual Result<BundleInfo> inspect(const std::filesystem::path& bundle) = 0;
    virtual Result<void> install(const std::filesystem::path& bundle) = 0;
};
// The `rauc` command line (`rauc info`, `rauc install`, talking to the RAUC service).
class RaucCommand : public Installer {
  public:
    // An empty keyring is the one in RAUC's system.conf; `verify` false reads the manifest only
    // (a publisher without the keyring at hand).
    explicit RaucCommand(std::string program = "rauc", std::string keyring = {},
                         bool verify = true);
    Result<BundleInfo> inspect(const std::filesystem::path& bundle) override;
    Result<void> install(const std::filesystem::path& bundle) override;

  private:
    std::string program_;
    std::string keyring_;
    bool verify_ = true;
};
// Parses `rauc info --output-format=json`.
Result<BundleInfo> parse_rauc_info(const std::string& json);

struct UpdaterOptions {
    SyncConfig sync;  // source and transfer settings; state_dir is the updater's own folder
    std::filesystem::path public_report;  // where the fleet-facing report is written
    std::string kiosk_id;
    std::vector<std::string> kiosk_tags;
    BootedSoftware booted;
    bool ignore_rollout = false;  // a USB stick brought to this kiosk on purpose
};

enum class Outcome { up_to_date, not_selected, skipped, installed, failed };
const char* to_string(Outcome outcome);

struct CheckResult {
    Outcome outcome = Outcome::failed;
    std::string message;  // one line
    std::string version;  // of the release considered, when there was one
};

// One check: refresh the signed metadata, pick this board's release, fetch and verify it,
// have RAUC check and install it, and record what happened. Never throws.
CheckResult check_and_install(const UpdaterOptions& options, Installer& installer,
                              const std::function<void(const Progress&)>& progress = {});

// At every boot, before the kiosk is judged: what this boot is. A `trial` is the first boot of
// a freshly installed slot, which must prove itself; `rolled_back` means the board came back
// to the old slot (the report says so, and the release is not offered again).
enum class BootKind { normal, trial, rolled_back };
const char* to_string(BootKind kind);
Result<BootKind> begin_boot(const std::filesystem::path& updater_state,
                            const std::filesystem::path& public_report,
                            const BootedSoftware& booted, std::int64_t now);
// The trial slot proved healthy (and RAUC made it the default): the update is done.
Result<void> confirm_boot(const std::filesystem::path& updater_state,
                          const std::filesystem::path& public_report, const BootedSoftware& booted,
                          std::int64_t now);
// The trial slot failed; the reason is kept for the report written after the roll back.
Result<void> fail_boot(const std::filesystem::path& updater_state, const std::string& reason);

}  // namespace guichet::sync::software
