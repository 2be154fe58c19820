// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/service.h"

#include <systemd/sd-daemon.h>

#include <cstdlib>
#include <string>

namespace guichet::service {

ServiceNotifier::ServiceNotifier() {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    notify_socket_set_ = socket && *socket;
    std::uint64_t usec = 0;
    // 0 for unset_environment: a child the kiosk starts must not inherit its watchdog.
    if (sd_watchdog_enabled(0, &usec) > 0)
        watchdog_interval_ms_ = static_cast<std::int64_t>(usec / 1000);
}

void ServiceNotifier::ready() {
    if (notify_socket_set_) sd_notify(0, "READY=1");
}

void ServiceNotifier::status(std::string_view text) {
    if (!notify_socket_set_) return;
    const std::string message = "STATUS=" + std::string(text);
    sd_notify(0, message.c_str());
}

void ServiceNotifier::alive(std::int64_t now_ms) {
    if (watchdog_interval_ms_ <= 0) return;
    // Twice per interval, as sd_watchdog_enabled(3) recommends, so one slow frame is no restart.
    if (last_ping_ms_ >= 0 && now_ms - last_ping_ms_ < watchdog_interval_ms_ / 2) return;
    sd_notify(0, "WATCHDOG=1");
    last_ping_ms_ = now_ms;
}

void ServiceNotifier::stopping() {
    if (notify_socket_set_) sd_notify(0, "STOPPING=1");
}

}  // namespace guichet::service
