// SPDX-License-Identifier: GPL-3.0-or-later
// `guichet-publish alert`: the alerts file of the central office or of one region, edited and
// signed like any target of its role.
#include <algorithm>

#include "platform/files.h"
#include "publish_internal.h"
#include "sync/alerts.h"
#include "sync/publish.h"
#include "sync/tuf.h"

namespace guichet::sync::publish {
using namespace detail;

namespace {

// "regions/<r>/" from a delegation's first pattern of the form regions/<r>/*.
Result<std::string> region_folder(const Delegation& d, const std::string& role) {
    if (d.entry.contains("paths") && d.entry["paths"].is_array())
        for (const auto& p : d.entry["paths"]) {
            if (!p.is_string()) continue;
            const std::string pattern = p.get<std::string>();
            if (pattern.rfind("regions/", 0) != 0 || pattern.size() < 11 ||
                pattern.compare(pattern.size() - 2, 2, "/*") != 0)
                continue;
            const std::string name = pattern.substr(8, pattern.size() - 10);
            if (name.find_first_of("/*?[") == std::string::npos && !name.empty())
                return "regions/" + name + "/";
        }
    return make_error("role " + role +
                      " is not delegated a folder regions/NAME/* (alerts of a delegated role "
                      "are a region's; see `guichet-publish delegate --paths`)");
}

}  // namespace

Result<AlertReport> publish_alerts(const AlertOptions& o) {
    auto repo = load_repo(o.repo);
    if (!repo) return repo.error();
    AlertReport report;
    nlohmann::json current = repo->targets;
    if (o.role == "targets") {
        report.target = alerts::kCentralAlertsTarget;
        if (auto k = top_level_signers(*repo, "targets", o.keys); !k) return k.error();
    } else {
        auto all = delegations(*repo);
        if (!all) return all.error();
        auto d = all->find(o.role);
        if (d == all->end()) return make_error("no role '" + o.role + "' is delegated");
        if (auto k = signers_for(d->second.keys, d->second.entry, o.keys, o.role); !k)
            return k.error();
        auto folder = region_folder(d->second, o.role);
        if (!folder) return folder.error();
        report.target = *folder + "alerts.json";
        auto md = newest_verified(*repo, o.role, d->second, 0);
        current = md ? md->signed_part : nlohmann::json::object();
    }
    if (!current.contains("targets") || !current["targets"].is_object())
        current["targets"] = nlohmann::json::object();

    // The alerts published so far: the file the role's newest metadata names.
    std::vector<alerts::Alert> list;
    if (current["targets"].contains(report.target)) {
        const auto& entry = current["targets"][report.target];
        std::string sha;
        if (entry.is_object() && entry.contains("hashes") && entry["hashes"].is_object() &&
            entry["hashes"].contains("sha256") && entry["hashes"]["sha256"].is_string())
            sha = entry["hashes"]["sha256"].get<std::string>();
        auto bytes = files::read_regular_file(
            o.repo / "targets" / target_file_name(report.target, sha),
            alerts::kMaxAlertsFileBytes);
        if (!bytes) return make_error("the published alerts: " + bytes.message());
        auto parsed = alerts::parse(*bytes, "");
        if (!parsed) return make_error("the published alerts: " + parsed.message());
        list = std::move(*parsed);
    }
    for (const auto& id : o.withdraw) {
        auto it = std::find_if(list.begin(), list.end(),
                               [&](const alerts::Alert& a) { return a.id == id; });
        if (it == list.end())
            return make_error("no alert '" + id + "' is published in " + report.target);
        list.erase(it);
    }
    for (const auto& a : o.add) {
        auto it = std::find_if(list.begin(), list.end(),
                               [&](const alerts::Alert& x) { return x.id == a.id; });
        if (it != list.end())
            *it = a;
        else
            list.push_back(a);
    }
    for (auto it = list.begin(); it != list.end();) {
        if (it->end <= o.now) {
            report.expired.push_back(it->id);
            it = list.erase(it);
        } else {
            ++it;
        }
    }
    const std::string bytes = alerts::serialize(list, false);
    // What kiosks will refuse is refused here, so an operator hears it first.
    if (auto check = alerts::parse(bytes, "central"); !check)
        return make_error(report.target + ": " + check.message());
    report.alerts = list.size();
    auto entry = add_target_file(o.repo, report.target, bytes, nlohmann::json::object());
    if (!entry) return entry.error();
    nlohmann::json next = current;
    next["targets"][report.target] = *entry;
    auto version = write_role(*repo, o.role, next, o.keys, o.expiry, o.now);
    if (!version) return make_error(o.role + ": " + version.message());
    report.version = *version;
    if (holds_snapshot_and_timestamp(*repo, o.keys)) {
        auto s = write_snapshot_and_timestamp(*repo, o.keys, o.expiry, o.now);
        if (!s) return s.error();
        report.snapshot_written = true;
    }
    return report;
}

}  // namespace guichet::sync::publish
