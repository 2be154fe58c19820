// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's sync state folder, as sync's parts share it: where each file lives (content,
// pointer, boot record, bad versions, TUF metadata, downloads, status, clock), JSON files read
// and written atomically, the content pointer, fsync, free space and clean-up. Internal to sync/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "platform/confined_dir.h"
#include "platform/result.h"
#include "sync/sync.h"

namespace guichet::sync::state {
namespace fs = std::filesystem;

inline constexpr const char* kLog = "sync";

fs::path content_dir(const fs::path& s);
fs::path pointer_file(const fs::path& s);
fs::path boot_file(const fs::path& s);
fs::path bad_file(const fs::path& s);
fs::path tuf_dir(const fs::path& s);
fs::path downloads_dir(const fs::path& s);
fs::path status_file(const fs::path& s);
fs::path clock_file(const fs::path& s);
// The state folder itself, created when missing. Everything an attempt creates is created
// through it (openat-style: no name can lead out of it, no symlink is followed).
Result<files::ConfinedDir> open_state(const fs::path& state_dir);
// A JSON record of the state folder: a regular file (no symlink) of at most
// files::kMaxStateRecordBytes, parsed without exceptions; nothing when absent or unreadable.
std::optional<nlohmann::json> read_json(const fs::path& p);
// Written atomically beside itself; strings that are not UTF-8 are written with U+FFFD.
Result<void> write_json(const fs::path& p, const nlohmann::json& j);
nlohmann::json pointer_json(const ContentPointer& p);
std::optional<ContentPointer> pointer_from(const fs::path& state_dir, const nlohmann::json& j);
Result<void> write_pointer(const fs::path& state_dir, const ContentPointer& current,
                           const std::optional<ContentPointer>& previous);
void fsync_path(const fs::path& p, bool directory);
std::set<std::string> bad_versions(const fs::path& state_dir);
std::int64_t free_bytes(const fs::path& dir);
// Removes every entry of `dir` but those named in `keep`.
void clean_dir(const fs::path& dir, const std::set<std::string>& keep = {});
std::int64_t read_int(const nlohmann::json& j, const char* key);
std::string read_string(const nlohmann::json& j, const char* key);
nlohmann::json status_json(const SyncStatus& s);
// The publisher's signing time ("x-guichet-signed-at" inside the signed part), 0 when absent.
std::int64_t signed_at(const std::optional<nlohmann::json>& doc);

}  // namespace guichet::sync::state
