// SPDX-License-Identifier: GPL-3.0-or-later
// Tells the service manager how the kiosk is doing: ready once the first frame is up, alive
// on every pass of the main loop (systemd's watchdog restarts a frozen UI), and stopping.
// Outside systemd (no NOTIFY_SOCKET) every call is a cheap no-op.
#pragma once

#include <cstdint>
#include <string_view>

namespace guichet::service {

class ServiceNotifier {
  public:
    ServiceNotifier();

    bool under_service_manager() const { return notify_socket_set_; }
    // The watchdog interval systemd asked for, 0 when there is none.
    std::int64_t watchdog_interval_ms() const { return watchdog_interval_ms_; }

    void ready();
    void status(std::string_view text);
    // Call from the main loop as often as you like: pings at most twice per watchdog interval.
    void alive(std::int64_t now_ms);
    void stopping();

  private:
    bool notify_socket_set_ = false;
    std::int64_t watchdog_interval_ms_ = 0;
    std::int64_t last_ping_ms_ = -1;
};

}  // namespace guichet::service
