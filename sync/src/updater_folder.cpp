// SPDX-License-Identifier: GPL-3.0-or-later
// The updater's folder and settings, checked before the updater (root) trusts any of it.
#include <algorithm>
#include <cctype>

#include "platform/files.h"
#include "platform/owner_only_dir.h"
#include "platform/settings_file.h"
#include "sync/software_update.h"

namespace guichet::sync::software {
namespace fs = std::filesystem;

namespace {

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
    return s;
}

bool valid_kiosk_id(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
}

// Only the keys guichet-update itself uses; the others belong to the board's scripts.
Result<std::vector<std::string>> read_tags(const fs::path& file) {
    auto lines = settings::read_settings_file(file);
    if (!lines) return lines.error();
    std::vector<std::string> tags;
    for (const auto& s : *lines) {
        if (s.key != "tags") continue;
        auto t = parse_tags(s.value);
        if (!t) return make_error(settings::where(file, s) + t.message());
        tags = *t;
    }
    return tags;
}

}  // namespace

Result<UpdaterFolder> open_updater_folder(const fs::path& updater_dir, uid_t owner) {
    auto top = files::OwnerOnlyDir::open(updater_dir, owner);
    if (!top) return top.error();
    auto own = top->subdir("root");
    if (!own) return own.error();
    auto open = top->subdir("public");
    if (!open) return open.error();
    return UpdaterFolder{own->path(), public_report_file(top->path())};
}

Result<UpdaterSettings> load_updater_settings(const UpdaterFolder& folder, uid_t owner) {
    auto own = files::OwnerOnlyDir::open(folder.own, owner);
    if (!own) return own.error();
    // Checked through the folder's descriptor first. The settings readers then open the same
    // names by path: every folder on that path is the owner's and no one else's (just
    // checked), so no other user can put anything else there in between.
    if (auto ok = own->check_file("sync.conf"); !ok) return ok.error();
    auto config = load_config(folder.own / "sync.conf");
    if (!config) return config.error();
    if (config->state_dir.lexically_normal() != folder.own.lexically_normal())
        return make_error((folder.own / "sync.conf").string() + ": state_dir must be " +
                          folder.own.string() + ", not " + config->state_dir.string());
    if (config->trusted_root.empty())
        return make_error(
            (folder.own / "sync.conf").string() +
            ": trusted_root is missing (the updater trusts no repository without it)");
    if (auto ok = files::check_owner_only_file(config->trusted_root, owner); !ok)
        return make_error("trusted_root: " + ok.message());
    if (!config->ca_file.empty())
        if (auto ok = files::check_owner_only_file(config->ca_file, owner); !ok)
            return make_error("ca_file: " + ok.message());

    UpdaterSettings settings;
    settings.sync = std::move(*config);
    if (own->exists("update.conf")) {
        if (auto ok = own->check_file("update.conf"); !ok) return ok.error();
        auto tags = read_tags(folder.own / "update.conf");
        if (!tags) return tags.error();
        settings.tags = std::move(*tags);
    }
    auto id = own->read("kiosk-id", 256);
    if (!id) return id.error();
    settings.kiosk_id = trimmed(*id);
    if (!valid_kiosk_id(settings.kiosk_id))
        return make_error((folder.own / "kiosk-id").string() +
                          ": not a kiosk id (want letters, digits, - and _, at most 64)");
    return settings;
}

}  // namespace guichet::sync::software
