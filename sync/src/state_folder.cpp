// SPDX-License-Identifier: GPL-3.0-or-later
#include "state_folder.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "platform/file_descriptor.h"
#include "platform/files.h"
#include "platform/log.h"
#include "platform/safe_json.h"
#include "sync/publish.h"
#include "sync/tuf.h"

namespace guichet::sync::state {

fs::path content_dir(const fs::path& s) {
    return s / "content";
}
fs::path pointer_file(const fs::path& s) {
    return s / "content" / "current.json";
}
fs::path boot_file(const fs::path& s) {
    return s / "content" / "boot.json";
}
fs::path bad_file(const fs::path& s) {
    return s / "content" / "bad-versions.json";
}
fs::path tuf_dir(const fs::path& s) {
    return s / "tuf";
}
fs::path downloads_dir(const fs::path& s) {
    return s / "downloads";
}
fs::path status_file(const fs::path& s) {
    return s / "sync" / "status.json";
}
fs::path clock_file(const fs::path& s) {
    return s / "sync" / "clock.json";
}

Result<files::ConfinedDir> open_state(const fs::path& state_dir) {
    return files::ConfinedDir::create(state_dir);
}

std::optional<nlohmann::json> read_json(const fs::path& p) {
    auto fd = files::open_regular_file(p, /*follow_symlinks=*/false);
    if (!fd) return std::nullopt;
    auto text = files::read_descriptor(fd->get(), p.string(), files::kMaxStateRecordBytes);
    if (!text) return std::nullopt;
    auto j = safe_json::parse(*text);
    if (!j) return std::nullopt;
    return std::move(*j);
}

Result<void> write_json(const fs::path& p, const nlohmann::json& j) {
    auto dir = files::ConfinedDir::create(p.parent_path());
    if (!dir) return dir.error();
    return dir->write_atomically(p.filename().string(), safe_json::dump(j, 2) + "\n");
}

nlohmann::json pointer_json(const ContentPointer& p) {
    nlohmann::json j = {{"file", p.path.filename().string()},
                        {"version", p.version},
                        {"sha256", p.sha256},
                        {"targets_version", p.targets_version}};
    if (!p.digest.empty()) j["digest"] = p.digest;
    if (!p.undo.empty()) j["undo_file"] = p.undo.filename().string();
    // Older software does not know this key: it would apply the forward changes to the newer
    // store, which they do not meet, so its rollback fails and it keeps the current version.
    if (!p.undo.empty() && p.undo_is_forward) j["undo_direction"] = "forward";
    return j;
}

std::optional<ContentPointer> pointer_from(const fs::path& state_dir, const nlohmann::json& j) {
    // Both names are file names inside STATE/content, nothing else.
    const std::string file = safe_json::get_string(j, "file");
    if (!files::check_file_name(file)) return std::nullopt;
    ContentPointer p;
    p.path = content_dir(state_dir) / file;
    p.version = safe_json::get_int(j, "version");
    p.sha256 = safe_json::get_string(j, "sha256");
    p.targets_version = safe_json::get_int(j, "targets_version");
    p.digest = safe_json::get_string(j, "digest");
    const std::string undo = safe_json::get_string(j, "undo_file");
    if (!undo.empty() && files::check_file_name(undo)) p.undo = content_dir(state_dir) / undo;
    p.undo_is_forward = safe_json::get_string(j, "undo_direction") == "forward";
    return p;
}

Result<void> write_pointer(const fs::path& state_dir, const ContentPointer& current,
                           const std::optional<ContentPointer>& previous) {
    nlohmann::json j = {{"current", pointer_json(current)}};
    if (previous) j["previous"] = pointer_json(*previous);
    return write_json(pointer_file(state_dir), j);
}

void fsync_path(const fs::path& p, bool directory) {
    files::FileDescriptor fd(::open(
        p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_NOFOLLOW | O_CLOEXEC));
    if (fd.valid()) (void)::fsync(fd.get());
}

std::set<std::string> bad_versions(const fs::path& state_dir) {
    std::set<std::string> out;
    if (auto j = read_json(bad_file(state_dir)); j && j->is_array())
        for (const auto& e : *j)
            if (e.is_string()) out.insert(e.get<std::string>());
    return out;
}

std::int64_t free_bytes(const fs::path& dir) {
    struct statvfs st {};
    if (::statvfs(dir.c_str(), &st) != 0) return -1;
    return static_cast<std::int64_t>(st.f_bavail) * static_cast<std::int64_t>(st.f_frsize);
}

void clean_dir(const fs::path& dir, const std::set<std::string>& keep) {
    // Through the folder's descriptor: a symlink in it is removed, never followed.
    auto folder = files::ConfinedDir::open(dir);
    if (!folder) return;
    auto entries = folder->list();
    if (!entries) return;
    for (const auto& e : *entries) {
        if (keep.count(e.name)) continue;
        if (auto r = folder->remove(e.name); !r) log::warn(kLog, r.message());
    }
}

std::int64_t read_int(const nlohmann::json& j, const char* key) {
    return safe_json::get_int(j, key);
}

std::string read_string(const nlohmann::json& j, const char* key) {
    return safe_json::get_string(j, key);
}

nlohmann::json status_json(const SyncStatus& s) {
    return {{"time", s.time},
            {"time_utc", tuf::format_utc(s.time)},
            {"result", to_string(s.result)},
            {"version", s.version},
            {"bytes", s.bytes},
            {"requests", s.requests},
            {"duration_ms", s.duration_ms},
            {"apply_ms", s.apply_ms},
            {"error", s.error},
            {"retry_after_seconds", s.retry_after_seconds},
            {"last_success_time", s.last_success_time},
            {"consecutive_failures", s.consecutive_failures},
            {"alerts", s.alerts},
            {"alerts_error", s.alerts_error}};
}

// The publisher's signing time ("x-guichet-signed-at" inside the signed part), 0 when absent.
std::int64_t signed_at(const std::optional<nlohmann::json>& doc) {
    if (!doc) return 0;
    const nlohmann::json* s = safe_json::find(*doc, "signed");
    if (!s) return 0;
    auto t = tuf::parse_utc(safe_json::get_string(*s, "x-guichet-signed-at"));
    return t ? *t : 0;
}

}  // namespace guichet::sync::state
