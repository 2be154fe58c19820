// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's side of fleet status: the latest status waits on disk under the state folder
// and is delivered whenever the location answers, so an offline kiosk reports on reconnect.
#pragma once

#include <filesystem>

#include "fleet/kiosk_status.h"
#include "fleet/status_store.h"

namespace guichet::fleet {

class StatusOutbox {
  public:
    // `state_dir` is the kiosk's state folder; the outbox lives in STATE/fleet/outbox/.
    explicit StatusOutbox(std::filesystem::path state_dir);

    // Keeps only the newest status: an older undelivered one says nothing the new one doesn't.
    Result<void> enqueue(const KioskStatus& status);
    // Uploads every queued status as KIOSK_ID.json; a delivered one leaves the queue.
    // Returns how many were delivered; the first failure stops and keeps the rest queued.
    Result<int> deliver(StatusStore& store);
    int pending() const;

  private:
    std::filesystem::path outbox_dir_;
};

}  // namespace guichet::fleet
