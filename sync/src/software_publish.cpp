// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/software_publish.h"

#include <set>

#include "platform/files.h"

namespace guichet::sync::software {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Consistent snapshots: DIR/targets/software/<sha256>.<name>, as the kiosk asks for it.
fs::path stored_file(const fs::path& repo, const std::string& target, const std::string& sha) {
    fs::path t(target);
    return repo / "targets" / t.parent_path() / (sha + "." + t.filename().string());
}

std::optional<json> read_signed(const fs::path& p) {
    auto text = files::read_file(p);
    if (!text) return std::nullopt;
    auto j = json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.contains("signed") || !j["signed"].is_object()) return std::nullopt;
    return j["signed"];
}

std::int64_t newest_targets_version(const fs::path& repo) {
    std::int64_t newest = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(repo / "metadata", ec)) {
        auto name = e.path().filename().string();
        auto dot = name.find('.');
        if (dot == std::string::npos || name.substr(dot) != ".targets.json") continue;
        try {
            newest = std::max<std::int64_t>(newest, std::stoll(name.substr(0, dot)));
        } catch (...) {
        }
    }
    return newest;
}

// Copies the bundle in beside the other targets (write beside, fsync, rename).
Result<void> copy_in(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    if (fs::exists(to)) return {};
    auto tmp = to;
    tmp += ".tmp";
    fs::remove(tmp, ec);
    if (!fs::copy_file(from, tmp, ec)) return make_error(to.string() + ": " + ec.message());
    fs::rename(tmp, to, ec);
    if (ec) return make_error(to.string() + ": " + ec.message());
    return {};
}

}  // namespace

Result<PublishReport> publish_release(const PublishOptions& o) {
    PublishReport report;
    Release release = o.release;
    json entry;
    if (!o.bundle.empty()) {
        // What the bundle itself says (and, with a keyring, that RAUC accepts its signature):
        // the signed target must never disagree with the manifest kiosks will check.
        RaucCommand rauc(o.rauc, o.rauc_keyring.string(), !o.rauc_keyring.empty());
        auto info = rauc.inspect(o.bundle);
        if (!info) return make_error(o.bundle.string() + ": " + info.message());
        if (!release.compatible.empty() && release.compatible != info->compatible)
            return make_error(o.bundle.string() + ": its manifest says compatible " +
                              info->compatible + ", not " + release.compatible);
        if (!release.version.empty() && release.version != info->version)
            return make_error(o.bundle.string() + ": its manifest says version " + info->version +
                              ", not " + release.version);
        release.compatible = info->compatible;
        release.version = info->version;
        if (!o.rollout_id_given) release.rollout.id = release.version;
        auto sha = sha256_file_hex(o.bundle);
        if (!sha) return sha.error();
        std::error_code ec;
        report.bytes = static_cast<std::int64_t>(fs::file_size(o.bundle, ec));
        if (ec) return make_error(o.bundle.string() + ": " + ec.message());
        report.sha256 = *sha;
        report.target = target_name(release.compatible);
        if (auto c = copy_in(o.bundle, stored_file(o.repo, report.target, *sha)); !c)
            return c.error();
        entry = {{"length", report.bytes}, {"hashes", {{"sha256", *sha}}}};
    } else if (release.compatible.empty()) {
        return make_error("name the board type (--compatible) whose rollout changes, or a bundle");
    }
    report.target = target_name(release.compatible);
    // Checked before anything is signed: a custom section kiosks would refuse is never published.
    if (!o.rollout_id_given && o.bundle.empty()) release.rollout.id.clear();

    auto edit = [&](json& targets) -> Result<void> {
        if (o.bundle.empty()) {
            if (!targets.contains(report.target))
                return make_error("no release for " + release.compatible +
                                  " is published yet: give the bundle");
            entry = targets[report.target];
            auto current = parse_release(entry.value("custom", json::object()), report.target);
            if (!current) return current.error();
            if (!release.version.empty() && release.version != current->version)
                return make_error("the published release for " + release.compatible + " is " +
                                  current->version + ", not " + release.version);
            release.version = current->version;
            if (release.rollout.id.empty()) release.rollout.id = current->rollout.id;
            if (!o.share_given)
                release.rollout.share_basis_points = current->rollout.share_basis_points;
            if (!o.tags_given) release.rollout.tags = current->rollout.tags;
            report.sha256 = entry["hashes"].value("sha256", std::string());
            report.bytes = entry.value("length", std::int64_t{0});
        }
        entry["custom"] = release_custom(release);
        if (auto check = parse_release(entry["custom"], report.target); !check)
            return check.error();
        targets[report.target] = entry;
        return {};
    };
    if (auto p = publish::publish_targets(o.repo, edit, o.keys, o.expiry, o.now); !p)
        return p.error();
    report.release = release;

    // Bundles no recent targets metadata names are removed (kiosks resuming an older download
    // re-check the metadata first and move to the new release).
    std::set<fs::path> referenced;
    const std::int64_t newest = newest_targets_version(o.repo);
    for (std::int64_t v = newest; v > newest - o.keep_versions && v >= 1; --v) {
        auto t = read_signed(o.repo / "metadata" / (std::to_string(v) + ".targets.json"));
        if (!t || !t->contains("targets") || !(*t)["targets"].is_object()) continue;
        for (auto it = (*t)["targets"].begin(); it != (*t)["targets"].end(); ++it) {
            if (it.key().rfind(kTargetPrefix, 0) != 0) continue;
            auto sha =
                it.value().contains("hashes") ? it.value()["hashes"].value("sha256", "") : "";
            if (!sha.empty()) referenced.insert(stored_file(o.repo, it.key(), sha));
        }
    }
    std::error_code ec;
    std::vector<fs::path> stale;
    for (const auto& e : fs::recursive_directory_iterator(o.repo / "targets" / "software", ec))
        if (e.is_regular_file() && !referenced.count(e.path())) stale.push_back(e.path());
    for (const auto& p : stale) {
        report.removed.push_back(fs::relative(p, o.repo / "targets").generic_string());
        fs::remove(p, ec);
    }
    return report;
}

}  // namespace guichet::sync::software
