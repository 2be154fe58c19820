// SPDX-License-Identifier: GPL-3.0-or-later
// A real nginx on 127.0.0.1 for tests: its own prefix folder, an ephemeral port, WebDAV PUT
// and PROPFIND on /status/, stopped when the object goes away.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace guichet::testing {

class NginxServer {
  public:
    // `root` is what nginx serves; an access log line records the Authorization header.
    explicit NginxServer(std::filesystem::path prefix);
    ~NginxServer();
    NginxServer(const NginxServer&) = delete;
    NginxServer& operator=(const NginxServer&) = delete;

    bool start();  // false when nginx does not come up within a few seconds
    void stop();
    bool running() const { return pid_ > 0; }
    int port() const { return port_; }
    std::string url(const std::string& path) const;
    std::filesystem::path root() const { return prefix_ / "www"; }
    std::string access_log() const;

  private:
    std::filesystem::path prefix_;
    int port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace guichet::testing
