// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/fleet_report.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

namespace guichet::fleet {

std::string KioskVerdict::label() const {
    std::string out;
    auto add = [&out](const char* word) { out += out.empty() ? word : std::string(", ") + word; };
    if (silent) add("silent");
    if (failing) add("failing");
    if (stale) add("stale");
    return out.empty() ? "ok" : out;
}

int FleetReport::count_ok() const {
    return static_cast<int>(std::count_if(kiosks.begin(), kiosks.end(),
                                          [](const KioskVerdict& k) { return k.severity() == 0; }));
}

FleetReport judge(std::vector<KioskStatus> statuses, std::vector<std::string> problems,
                  const ReportPolicy& policy) {
    FleetReport report;
    report.policy = policy;
    report.problems = std::move(problems);
    for (auto& status : statuses) {
        KioskVerdict verdict;
        verdict.stale = status.last_success_time == 0 ||
                        policy.now - status.last_success_time > policy.stale_after_seconds;
        verdict.failing = status.last_sync_time != 0 && !status.last_sync_ok();
        verdict.silent = policy.now - status.reported_at > policy.silent_after_seconds;
        verdict.status = std::move(status);
        report.kiosks.push_back(std::move(verdict));
    }
    std::sort(report.kiosks.begin(), report.kiosks.end(),
              [](const KioskVerdict& a, const KioskVerdict& b) {
                  if (a.severity() != b.severity()) return a.severity() > b.severity();
                  if (a.status.last_success_time != b.status.last_success_time)
                      return a.status.last_success_time < b.status.last_success_time;
                  return a.status.kiosk_id < b.status.kiosk_id;
              });
    return report;
}

SoftwareSummary summarise_software(const FleetReport& report) {
    SoftwareSummary summary;
    std::map<std::string, SoftwareVersionCount> by_version;
    for (const auto& k : report.kiosks) {
        const auto& s = k.status;
        const std::string version = s.software_version.empty() ? "unknown" : s.software_version;
        auto& count = by_version[version];
        count.version = version;
        ++count.kiosks;
        if (!s.software_slot.empty()) ++count.slots[s.software_slot];
        if (!s.last_update_result.empty()) ++summary.last_results[s.last_update_result];
        if (s.last_update_result == "rolled-back" || s.last_update_result == "failed")
            summary.needs_look.push_back(s.kiosk_id);
    }
    for (auto& [version, count] : by_version) summary.versions.push_back(std::move(count));
    std::stable_sort(summary.versions.begin(), summary.versions.end(),
                     [](const SoftwareVersionCount& a, const SoftwareVersionCount& b) {
                         return a.kiosks > b.kiosks;
                     });
    return summary;
}

Result<FleetReport> collect_report(StatusStore& store, const ReportPolicy& policy) {
    auto names = store.list();
    if (!names) return names.error();
    std::vector<KioskStatus> statuses;
    std::vector<std::string> problems;
    for (const auto& name : *names) {
        auto body = store.get(name);
        if (!body) {
            problems.push_back(body.message());
            continue;
        }
        auto status = parse_status(*body, name);
        if (!status) {
            problems.push_back(status.message());
            continue;
        }
        statuses.push_back(std::move(*status));
    }
    return judge(std::move(statuses), std::move(problems), policy);
}

namespace {

std::string format_time(std::int64_t seconds) {
    if (seconds == 0) return "never";
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &utc);
    return text;
}

std::string format_age(std::int64_t now, std::int64_t then) {
    if (then == 0) return "never";
    const std::int64_t age = std::max<std::int64_t>(0, now - then);
    char text[32];
    if (age < 3600)
        std::snprintf(text, sizeof text, "%lld min ago", static_cast<long long>(age / 60));
    else if (age < 48 * 3600)
        std::snprintf(text, sizeof text, "%lld h ago", static_cast<long long>(age / 3600));
    else
        std::snprintf(text, sizeof text, "%lld d ago", static_cast<long long>(age / 86400));
    return text;
}

std::string html_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// Cuts on a UTF-8 boundary so a long site name never leaves half a character.
std::string clip(const std::string& text, size_t width) {
    if (text.size() <= width) return text;
    size_t cut = width - 1;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "~";
}

std::string software_label(const KioskStatus& s) {
    if (s.software_version.empty()) return "-";
    return s.software_slot.empty() ? s.software_version
                                   : s.software_version + " (" + s.software_slot + ")";
}

}  // namespace

std::string render_table(const FleetReport& report) {
    std::string out;
    char line[512];
    std::snprintf(line, sizeof line, "%-22s %-28s %-18s %-22s %-18s %-16s %s\n", "KIOSK", "SITE",
                  "CONTENT", "SOFTWARE", "LAST SUCCESS", "STATE", "LAST RESULT");
    out += line;
    for (const auto& k : report.kiosks) {
        const auto& s = k.status;
        std::snprintf(line, sizeof line, "%-22s %-28s %-18s %-22s %-18s %-16s %s\n",
                      clip(s.kiosk_id, 22).c_str(), clip(s.site_name, 28).c_str(),
                      clip(s.content_version, 18).c_str(), clip(software_label(s), 22).c_str(),
                      format_age(report.policy.now, s.last_success_time).c_str(), k.label().c_str(),
                      clip(s.last_sync_result, 60).c_str());
        out += line;
    }
    std::snprintf(line, sizeof line, "%zu kiosks: %d ok, %zu need attention\n",
                  report.kiosks.size(), report.count_ok(),
                  report.kiosks.size() - static_cast<size_t>(report.count_ok()));
    out += line;
    const SoftwareSummary software = summarise_software(report);
    out += "software:";
    for (size_t i = 0; i < software.versions.size(); ++i) {
        const auto& v = software.versions[i];
        out += (i ? "; " : " ") + v.version + " on " + std::to_string(v.kiosks);
        std::string slots;
        for (const auto& [slot, n] : v.slots)
            slots += (slots.empty() ? "" : ", ") + slot + " " + std::to_string(n);
        if (!slots.empty()) out += " (slot " + slots + ")";
    }
    out += "\n";
    if (!software.last_results.empty()) {
        out += "last updates:";
        bool first = true;
        for (const auto& [result, n] : software.last_results) {
            out += (first ? " " : ", ") + result + " " + std::to_string(n);
            first = false;
        }
        if (!software.needs_look.empty()) {
            out += "; look at:";
            for (const auto& id : software.needs_look) out += " " + id;
        }
        out += "\n";
    }
    for (const auto& k : report.kiosks)
        if (k.status.last_update_result == "rolled-back" || k.status.last_update_result == "failed")
            out += "  " + k.status.kiosk_id + ": " + clip(k.status.last_update, 120) + "\n";
    for (const auto& problem : report.problems) out += "unreadable: " + problem + "\n";
    return out;
}

std::string render_json(const FleetReport& report) {
    nlohmann::json kiosks = nlohmann::json::array();
    for (const auto& k : report.kiosks) {
        nlohmann::json entry = nlohmann::json::parse(to_json(k.status));
        entry["state"] = k.label();
        entry["stale"] = k.stale;
        entry["failing"] = k.failing;
        entry["silent"] = k.silent;
        kiosks.push_back(std::move(entry));
    }
    const SoftwareSummary software = summarise_software(report);
    nlohmann::json versions = nlohmann::json::array();
    for (const auto& v : software.versions)
        versions.push_back({{"version", v.version}, {"kiosks", v.kiosks}, {"slots", v.slots}});
    nlohmann::json doc = {{"generated_at", report.policy.now},
                          {"stale_after_seconds", report.policy.stale_after_seconds},
                          {"silent_after_seconds", report.policy.silent_after_seconds},
                          {"kiosks", kiosks},
                          {"software_versions", versions},
                          {"last_update_results", software.last_results},
                          {"problems", report.problems}};
    return doc.dump(2) + "\n";
}

std::string render_html(const FleetReport& report) {
    int silent = 0, failing = 0, stale = 0;
    for (const auto& k : report.kiosks) {
        if (k.silent)
            ++silent;
        else if (k.failing)
            ++failing;
        else if (k.stale)
            ++stale;
    }
    const int ok = report.count_ok();
    const double total = std::max<size_t>(1, report.kiosks.size());
    std::string out =
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Guichet fleet status</title><style>"
        "body{font-family:'Noto Sans',sans-serif;margin:2em;color:#1b1b1b}"
        "h1{font-size:1.6em}table{border-collapse:collapse;width:100%}"
        "th,td{padding:.45em .7em;border-bottom:1px solid #ddd;text-align:left;font-size:.95em}"
        "th{background:#f1f3f5}.badge{padding:.15em "
        ".55em;border-radius:.8em;font-weight:600;white-space:nowrap}"
        ".ok{background:#d3f0dc;color:#0b5d26}.stale{background:#fff1c2;color:#6b4e00}"
        ".failing{background:#ffd6d6;color:#8a1111}.silent{background:#e2e2e2;color:#333}"
        ".bar{display:flex;height:2em;border-radius:.4em;overflow:hidden;margin:.6em 0 1.4em}"
        ".bar div{display:flex;align-items:center;justify-content:center;font-size:.85em;"
        "font-weight:600;white-space:nowrap}</style></head><body>\n";
    out += "<h1>Guichet fleet status</h1>\n<p>Generated " +
           html_escape(format_time(report.policy.now)) + " UTC &middot; " +
           std::to_string(report.kiosks.size()) + " kiosks &middot; stale after " +
           std::to_string(report.policy.stale_after_seconds / 3600) +
           " h without a successful sync</p>\n<div class=\"bar\" role=\"img\" aria-label=\"" +
           std::to_string(ok) + " ok, " + std::to_string(stale) + " stale, " +
           std::to_string(failing) + " failing, " + std::to_string(silent) + " silent\">";
    auto segment = [&](int count, const char* cls, const char* word) {
        if (count == 0) return;
        char width[32];
        std::snprintf(width, sizeof width, "%.2f%%", 100.0 * count / total);
        out += std::string("<div class=\"") + cls + "\" style=\"width:" + width + "\">" +
               std::to_string(count) + " " + word + "</div>";
    };
    segment(ok, "ok", "ok");
    segment(stale, "stale", "stale");
    segment(failing, "failing", "failing");
    segment(silent, "silent", "silent");
    out +=
        "</div>\n<table><thead><tr><th>Kiosk</th><th>Site</th><th>State</th><th>Content</th>"
        "<th>Software</th>"
        "<th>Last success</th><th>Last attempt</th><th>Errors</th><th>Free disk</th>"
        "<th>Visits yesterday</th></tr></thead><tbody>\n";
    for (const auto& k : report.kiosks) {
        const auto& s = k.status;
        const char* cls = k.silent ? "silent" : k.failing ? "failing" : k.stale ? "stale" : "ok";
        char disk[32];
        std::snprintf(disk, sizeof disk, "%.1f GB", s.free_disk_bytes / 1e9);
        out +=
            "<tr><td>" + html_escape(s.kiosk_id) + "</td><td>" + html_escape(s.site_name) +
            "</td><td><span class=\"badge " + cls + "\">" + html_escape(k.label()) +
            "</span></td><td>" + html_escape(s.content_version) + "</td><td>" +
            html_escape(software_label(s)) +
            (s.last_update.empty() ? "" : "<br><small>" + html_escape(s.last_update) + "</small>") +
            "</td><td>" + html_escape(format_age(report.policy.now, s.last_success_time)) +
            "</td><td>" + html_escape(format_time(s.last_sync_time)) + " &middot; " +
            html_escape(s.last_sync_result) + "</td><td>" + std::to_string(s.error_count) +
            "</td><td>" + disk + "</td><td>" + std::to_string(s.usage_yesterday.sessions) +
            "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    const SoftwareSummary software = summarise_software(report);
    out +=
        "<h2>Software versions</h2>\n<table><thead><tr><th>Version</th><th>Kiosks</th>"
        "<th>Slots</th></tr></thead><tbody>\n";
    for (const auto& v : software.versions) {
        std::string slots;
        for (const auto& [slot, n] : v.slots)
            slots += (slots.empty() ? "" : ", ") + slot + ": " + std::to_string(n);
        out += "<tr><td>" + html_escape(v.version) + "</td><td>" + std::to_string(v.kiosks) +
               "</td><td>" + html_escape(slots) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    if (!software.last_results.empty()) {
        out += "<p>Last updates:";
        bool first = true;
        for (const auto& [result, n] : software.last_results) {
            out += (first ? " " : ", ") + html_escape(result) + " " + std::to_string(n);
            first = false;
        }
        out += "</p>\n";
    }
    for (const auto& problem : report.problems)
        out += "<p class=\"failing\">Unreadable status: " + html_escape(problem) + "</p>\n";
    out += "</body></html>\n";
    return out;
}

}  // namespace guichet::fleet
