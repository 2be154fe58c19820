// SPDX-License-Identifier: GPL-3.0-or-later
#include "state_folder.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

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

std::optional<nlohmann::json> read_json(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return j;
}

Result<void> write_json(const fs::path& p, const nlohmann::json& j) {
    return tuf::write_file_atomically(p, j.dump(2) + "\n");
}

nlohmann::json pointer_json(const ContentPointer& p) {
    nlohmann::json j = {{"file", p.path.filename().string()},
                        {"version", p.version},
                        {"sha256", p.sha256},
                        {"targets_version", p.targets_version}};
    if (!p.rows.empty()) j["rows_file"] = p.rows.filename().string();
    return j;
}

std::optional<ContentPointer> pointer_from(const fs::path& state_dir, const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("file") || !j["file"].is_string()) return std::nullopt;
    ContentPointer p;
    p.path = content_dir(state_dir) / j["file"].get<std::string>();
    p.version = j.value("version", std::int64_t{0});
    p.sha256 = j.value("sha256", std::string());
    p.targets_version = j.value("targets_version", std::int64_t{0});
    if (j.contains("rows_file") && j["rows_file"].is_string())
        p.rows = content_dir(state_dir) / j["rows_file"].get<std::string>();
    return p;
}

Result<void> write_pointer(const fs::path& state_dir, const ContentPointer& current,
                           const std::optional<ContentPointer>& previous) {
    nlohmann::json j = {{"current", pointer_json(current)}};
    if (previous) j["previous"] = pointer_json(*previous);
    return write_json(pointer_file(state_dir), j);
}

void fsync_path(const fs::path& p, bool directory) {
    int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
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
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (keep.count(e.path().filename().string())) continue;
        fs::remove_all(e.path(), ec);
    }
}

std::int64_t read_int(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_number_integer() ? j[key].get<std::int64_t>() : 0;
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
            {"consecutive_failures", s.consecutive_failures}};
}

// The publisher's signing time ("x-guichet-signed-at" inside the signed part), 0 when absent.
std::int64_t signed_at(const std::optional<nlohmann::json>& doc) {
    if (!doc || !doc->contains("signed") || !(*doc)["signed"].is_object()) return 0;
    const auto& s = (*doc)["signed"];
    if (!s.contains("x-guichet-signed-at") || !s["x-guichet-signed-at"].is_string()) return 0;
    auto t = tuf::parse_utc(s["x-guichet-signed-at"].get<std::string>());
    return t ? *t : 0;
}

}  // namespace guichet::sync::state
