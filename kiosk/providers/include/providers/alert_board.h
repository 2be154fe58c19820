// SPDX-License-Identifier: GPL-3.0-or-later
// The fleet alerts this kiosk holds (STATE/alerts/alerts.json, written by sync after it
// verified them), read again when the file changes, and turned into the cards a visitor sees
// at a given time: shown from their start to their end by the kiosk's own clock, with no
// network, in the visitor's language or the nearest one an alert has.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/view_models.h"
#include "sync/alerts.h"

namespace guichet::kiosk {

class AlertBoard {
  public:
    explicit AlertBoard(std::filesystem::path state_dir);
    // Reads the file again when its size or modification time changed; true when the alerts
    // did. A file that does not parse leaves no alert shown (logged once).
    bool refresh();
    // The time alerts are judged at for the wall clock's `wall` (Unix s): never earlier than
    // the newest signed time sync has seen, the kiosk's clock rule (a board whose clock fell
    // back to 1970 keeps showing a current alert rather than hiding it as not started).
    std::int64_t trusted_now(std::int64_t wall) const { return wall > floor_ ? wall : floor_; }
    // The cards at `now` (wall clock, Unix s; judged at trusted_now): urgent first.
    // `languages`: the visitor's and its fallbacks.
    std::vector<AlertCard> shown(std::int64_t now, const std::vector<std::string>& languages) const;
    // The next time (Unix s) after `now` an alert starts or ends; 0 when none will.
    std::int64_t next_change(std::int64_t now) const;
    const std::vector<sync::alerts::Alert>& all() const { return alerts_; }

  private:
    std::filesystem::path file_;
    std::filesystem::file_time_type seen_time_{};
    std::uintmax_t seen_size_ = static_cast<std::uintmax_t>(-1);
    std::vector<sync::alerts::Alert> alerts_;
    std::filesystem::path state_dir_;
    std::int64_t floor_ = 0;  // sync's newest signed time, read again at each refresh
};

}  // namespace guichet::kiosk
