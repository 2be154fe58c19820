// SPDX-License-Identifier: GPL-3.0-or-later
#include "providers/background_sync.h"

#include "fleet/fleet_reporter.h"
#include "kiosk/dates.h"
#include "kiosk/ui_strings.h"
#include "platform/clock.h"
#include "platform/log.h"

namespace guichet::kiosk {

std::unique_ptr<SyncRunner> start_background_sync(const std::filesystem::path& sync_config,
                                                  const std::filesystem::path& state_dir,
                                                  bool content_from_sync,
                                                  std::function<void()> wake_ui) {
    std::filesystem::path file = sync_config;
    if (file.empty()) {
        if (!std::filesystem::exists(state_dir / "sync.conf")) return nullptr;
        file = state_dir / "sync.conf";
    }
    auto config = sync::load_config(file);
    if (!config) {
        log::error("kiosk", "background sync is off: " + config.message());
        return nullptr;
    }
    std::error_code ec;
    if (!std::filesystem::equivalent(config->state_dir, state_dir, ec))
        log::warn("kiosk", file.string() + ": state_dir " + config->state_dir.string() +
                               " is not the kiosk's state folder " + state_dir.string() +
                               "; the stores it installs will not be shown");
    if (!content_from_sync)
        log::info("kiosk", "the content store is set explicitly; synced stores are not shown");
    // Where the fleet status goes after each attempt: STATE/fleet.conf; without it statuses
    // wait in the outbox.
    fleet::FleetSettings fleet_settings;
    if (const auto fleet_file = state_dir / "fleet.conf"; std::filesystem::exists(fleet_file)) {
        if (auto loaded = fleet::load_fleet_settings(fleet_file); loaded)
            fleet_settings = std::move(*loaded);
        else
            log::error("kiosk", "fleet status kept in the outbox: " + loaded.message());
    }
    auto runner = std::make_unique<SyncRunner>(std::move(*config), std::move(wake_ui),
                                               std::move(fleet_settings));
    log::info("kiosk", "background sync from " + runner->config().source);
    return runner;
}

bool StaleNotes::refresh(const SyncRunner* runner, const std::filesystem::path& state_dir,
                         const std::vector<std::string>& languages, const FallbackChain& fallback) {
    const sync::SyncConfig defaults;
    const std::filesystem::path dir = runner ? runner->config().state_dir : state_dir;
    const std::int64_t days =
        runner ? runner->config().stale_after_days : defaults.stale_after_days;
    std::optional<std::int64_t> since;
    if (auto status = sync::read_status(dir); status)
        since = sync::stale_since(*status, clock::wall_seconds(), days);
    if (since == stale_since_) return false;
    stale_since_ = since;
    notes_.clear();
    if (since) {
        for (const std::string& language : languages)
            notes_[language] = format1(tr("last_updated", language, fallback(language)),
                                       format_long_date(*since, language));
    }
    return true;
}

std::string StaleNotes::note(std::string_view language) const {
    auto it = notes_.find(language);
    return it == notes_.end() ? std::string() : it->second;
}

}  // namespace guichet::kiosk
