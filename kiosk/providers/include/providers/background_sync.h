// SPDX-License-Identifier: GPL-3.0-or-later
// Starting the kiosk's background sync from its settings, and what the kiosk says about the
// age of its content: "Information last updated on …" in each language once the last
// successful update is older than sync's stale_after_days.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "providers/sync_runner.h"

namespace guichet::kiosk {

// The sync runner for `sync_config` (or STATE/sync.conf when present), reporting to the fleet
// as STATE/fleet.conf says; null, with the reason logged, when there is none or it is wrong.
// `wake_ui` is called from the runner's thread after each step of an attempt.
std::unique_ptr<SyncRunner> start_background_sync(const std::filesystem::path& sync_config,
                                                  const std::filesystem::path& state_dir,
                                                  bool content_from_sync,
                                                  std::function<void()> wake_ui);

class StaleNotes {
  public:
    using FallbackChain = std::function<std::vector<std::string>(const std::string& language)>;
    // Reads sync's status under `state_dir` (the runner's, when there is one); when the content
    // turned stale or fresh since the last call, makes the note in each of `languages` and
    // returns true.
    bool refresh(const SyncRunner* runner, const std::filesystem::path& state_dir,
                 const std::vector<std::string>& languages, const FallbackChain& fallback);
    // Forgets the notes (new content: its languages need their own).
    void reset() { stale_since_.reset(); }
    // The note in `language`, or "" while the content is fresh.
    std::string note(std::string_view language) const;
    const std::map<std::string, std::string, std::less<>>& notes() const { return notes_; }

  private:
    std::optional<std::int64_t> stale_since_;
    std::map<std::string, std::string, std::less<>> notes_;
};

}  // namespace guichet::kiosk
