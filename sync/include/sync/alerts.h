// SPDX-License-Identifier: GPL-3.0-or-later
// Fleet alerts: small signed files, apart from the content store, that a kiosk fetches on the
// same cheap check as everything else. The central office's alerts are the top-level targets
// role's `guichet/alerts.json`; a region's are its delegated role's `regions/<r>/alerts.json`
// and reach only kiosks of that region. Every field is checked against fixed limits before use;
// a file that breaks one is refused whole.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace guichet::sync::alerts {

inline constexpr const char* kCentralAlertsTarget = "guichet/alerts.json";
inline constexpr std::int64_t kMaxAlertsFileBytes = 64 * 1024;
inline constexpr std::size_t kMaxAlerts = 32;
inline constexpr std::size_t kMaxLanguages = 24;
inline constexpr std::size_t kMaxTitleBytes = 160;
inline constexpr std::size_t kMaxBodyBytes = 2000;
inline constexpr std::size_t kMaxAudienceEntries = 256;

enum class Severity { info, warning, urgent };
const char* to_string(Severity severity);

struct AlertText {
    std::string title;
    std::string body;
};

// Who an alert is for. Empty lists and all=false: nobody. Several lists: any of them.
struct Audience {
    bool all = false;
    std::vector<std::string> regions;
    std::vector<std::string> kiosks;
    std::vector<std::string> tags;
};

struct Alert {
    std::string id;  // [A-Za-z0-9._-], 1 to 64: unique within its file
    Severity severity = Severity::info;
    Audience audience;
    std::int64_t start = 0;  // Unix s: shown from
    std::int64_t end = 0;    // Unix s: gone at (no network needed)
    bool replaces_home = false;  // urgent only: a full-screen card before the welcome screen
    std::map<std::string, AlertText> text;  // by language code
    // Who published it: "central" or "region:<name>"; set by whoever read the signed file,
    // never taken from inside it.
    std::string source;
};

// The kiosk as an alert's audience sees it: its id (STATE/kiosk-id), its region and tags
// (sync.conf's `region` and `tags`).
struct KioskIdentity {
    std::string kiosk_id;
    std::string region;
    std::vector<std::string> tags;
};

// The target a region's alerts live at: "regions/<name>/alerts.json".
std::string region_alerts_target(const std::string& region);

// Parses an alerts file ({"alerts": [...]}). `source` is recorded on every alert.
Result<std::vector<Alert>> parse(std::string_view bytes, const std::string& source);
// The file again (what the publisher signs and what sync keeps for the kiosk), with each
// alert's source when `with_source`.
std::string serialize(const std::vector<Alert>& alerts, bool with_source);

// Whether `alert` is meant for `kiosk`. A region's alert never leaves its region, whatever
// its audience says.
bool applies_to(const Alert& alert, const KioskIdentity& kiosk);

// An alert as one visitor reads it.
struct ShownAlert {
    std::string id;
    Severity severity = Severity::info;
    std::string title;
    std::string body;
    std::string language;  // the language shown
    bool fell_back = false;
    bool replaces_home = false;
    bool central = true;
    std::string region;  // for a region's alert
    std::int64_t end = 0;
};

// The alerts shown at `now` (start <= now < end), in the first of `languages` each has: urgent
// first, then warning, then info; newest start first within a severity. An alert with no text
// in any of `languages` falls back to its first language.
std::vector<ShownAlert> shown_at(const std::vector<Alert>& alerts, std::int64_t now,
                                 const std::vector<std::string>& languages);

// STATE/alerts/alerts.json: the alerts this kiosk was sent (sync writes it, the kiosk reads
// it). Missing: none.
std::filesystem::path kiosk_alerts_file(const std::filesystem::path& state_dir);
Result<std::vector<Alert>> read_kiosk_alerts(const std::filesystem::path& state_dir);

}  // namespace guichet::sync::alerts
