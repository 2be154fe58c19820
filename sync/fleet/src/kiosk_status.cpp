// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/kiosk_status.h"

#include <nlohmann/json.hpp>

namespace guichet::fleet {

using nlohmann::json;

std::string to_json(const KioskStatus& s) {
    json usage = {{"day", s.usage_yesterday.day},
                  {"sessions", s.usage_yesterday.sessions},
                  {"searches", s.usage_yesterday.searches},
                  {"views_by_type", s.usage_yesterday.views_by_type},
                  {"sessions_by_language", s.usage_yesterday.sessions_by_language}};
    json doc = {{"format", kStatusFormatVersion},
                {"kiosk_id", s.kiosk_id},
                {"site_name", s.site_name},
                {"program_version", s.program_version},
                {"content_version", s.content_version},
                {"last_sync_result", s.last_sync_result},
                {"last_sync_time", s.last_sync_time},
                {"last_success_time", s.last_success_time},
                {"reported_at", s.reported_at},
                {"uptime_seconds", s.uptime_seconds},
                {"free_disk_bytes", s.free_disk_bytes},
                {"error_count", s.error_count},
                {"usage_yesterday", usage}};
    if (!s.software_version.empty() || !s.last_update_result.empty())
        doc["software"] = {{"version", s.software_version},
                           {"slot", s.software_slot},
                           {"last_update_result", s.last_update_result},
                           {"last_update", s.last_update},
                           {"last_update_time", s.last_update_time}};
    return doc.dump(2) + "\n";
}

namespace {

template <class T>
bool read_field(const json& doc, const char* key, T& out, std::string& problem) {
    auto it = doc.find(key);
    if (it == doc.end()) {
        problem = std::string("missing field '") + key + "'";
        return false;
    }
    try {
        out = it->get<T>();
    } catch (const json::exception&) {
        problem = std::string("field '") + key + "' has the wrong type";
        return false;
    }
    return true;
}

}  // namespace

bool is_valid_kiosk_id(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

Result<KioskStatus> parse_status(const std::string& text, const std::string& origin) {
    json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) return make_error(origin + ": not a JSON object");
    int format = 0;
    std::string problem;
    if (!read_field(doc, "format", format, problem)) return make_error(origin + ": " + problem);
    if (format != kStatusFormatVersion)
        return make_error(origin + ": status format " + std::to_string(format) +
                          " is not supported (this program reads format " +
                          std::to_string(kStatusFormatVersion) + ")");
    KioskStatus s;
    const bool ok = read_field(doc, "kiosk_id", s.kiosk_id, problem) &&
                    read_field(doc, "site_name", s.site_name, problem) &&
                    read_field(doc, "program_version", s.program_version, problem) &&
                    read_field(doc, "content_version", s.content_version, problem) &&
                    read_field(doc, "last_sync_result", s.last_sync_result, problem) &&
                    read_field(doc, "last_sync_time", s.last_sync_time, problem) &&
                    read_field(doc, "last_success_time", s.last_success_time, problem) &&
                    read_field(doc, "reported_at", s.reported_at, problem) &&
                    read_field(doc, "uptime_seconds", s.uptime_seconds, problem) &&
                    read_field(doc, "free_disk_bytes", s.free_disk_bytes, problem) &&
                    read_field(doc, "error_count", s.error_count, problem);
    if (!ok) return make_error(origin + ": " + problem);
    if (!is_valid_kiosk_id(s.kiosk_id))
        return make_error(origin + ": kiosk_id '" + s.kiosk_id +
                          "' is not a valid id (lowercase letters, digits, '-')");
    if (auto usage = doc.find("usage_yesterday"); usage != doc.end() && usage->is_object()) {
        UsageTotals& u = s.usage_yesterday;
        if (!read_field(*usage, "day", u.day, problem) ||
            !read_field(*usage, "sessions", u.sessions, problem) ||
            !read_field(*usage, "searches", u.searches, problem) ||
            !read_field(*usage, "views_by_type", u.views_by_type, problem) ||
            !read_field(*usage, "sessions_by_language", u.sessions_by_language, problem))
            return make_error(origin + ": usage_yesterday: " + problem);
    }
    // Optional: kiosks without A/B software updates (and older ones) leave it out.
    if (auto software = doc.find("software"); software != doc.end()) {
        if (!software->is_object() ||
            !read_field(*software, "version", s.software_version, problem) ||
            !read_field(*software, "slot", s.software_slot, problem) ||
            !read_field(*software, "last_update_result", s.last_update_result, problem) ||
            !read_field(*software, "last_update", s.last_update, problem) ||
            !read_field(*software, "last_update_time", s.last_update_time, problem))
            return make_error(origin +
                              ": software: " + (software->is_object() ? problem : "not an object"));
    }
    return s;
}

}  // namespace guichet::fleet
