// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "platform/service.h"

using guichet::service::ServiceNotifier;

namespace {

// A stand-in for systemd's end of the notify socket: a real datagram socket we read from.
class NotifySocket {
  public:
    NotifySocket() {
        path_ = (std::filesystem::temp_directory_path() /
                 ("guichet-notify-" + std::to_string(getpid())))
                    .string();
        ::unlink(path_.c_str());
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        path_.copy(addr.sun_path, sizeof addr.sun_path - 1);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    }
    ~NotifySocket() {
        ::close(fd_);
        ::unlink(path_.c_str());
    }
    const std::string& path() const { return path_; }
    std::vector<std::string> received() {
        std::vector<std::string> messages;
        char buffer[512];
        ssize_t n;
        while ((n = ::recv(fd_, buffer, sizeof buffer, 0)) > 0) messages.emplace_back(buffer, n);
        return messages;
    }

  private:
    std::string path_;
    int fd_ = -1;
};

}  // namespace

TEST_CASE("outside systemd the notifier does nothing") {
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    ServiceNotifier notifier;
    CHECK_FALSE(notifier.under_service_manager());
    CHECK(notifier.watchdog_interval_ms() == 0);
    notifier.ready();
    notifier.alive(1000);
}

TEST_CASE("under systemd: READY, then watchdog pings at most twice per interval") {
    NotifySocket socket;
    setenv("NOTIFY_SOCKET", socket.path().c_str(), 1);
    setenv("WATCHDOG_USEC", "2000000", 1);  // 2 s
    setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
    ServiceNotifier notifier;
    CHECK(notifier.under_service_manager());
    CHECK(notifier.watchdog_interval_ms() == 2000);
    notifier.ready();
    notifier.alive(10'000);
    notifier.alive(10'500);  // too soon: no ping
    notifier.alive(11'000);  // half an interval later: ping
    notifier.status("content 2026.11.27");
    notifier.stopping();
    const auto messages = socket.received();
    REQUIRE(messages.size() == 5);
    CHECK(messages[0] == "READY=1");
    CHECK(messages[1] == "WATCHDOG=1");
    CHECK(messages[2] == "WATCHDOG=1");
    CHECK(messages[3] == "STATUS=content 2026.11.27");
    CHECK(messages[4] == "STOPPING=1");
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
}
