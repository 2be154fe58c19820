// SPDX-License-Identifier: GPL-3.0-or-later
#include "nginx_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace guichet::testing {
namespace fs = std::filesystem;

namespace {

int free_loopback_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

bool port_answers(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

}  // namespace

NginxServer::NginxServer(fs::path prefix) : prefix_(std::move(prefix)) {
    fs::create_directories(prefix_ / "www" / "status");
    fs::create_directories(prefix_ / "temp");
}

NginxServer::~NginxServer() {
    stop();
}

std::string NginxServer::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::string NginxServer::access_log() const {
    std::ifstream in(prefix_ / "access.log");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool NginxServer::start() {
    if (port_ == 0) port_ = free_loopback_port();
    const std::string p = prefix_.string();
    std::ofstream conf(prefix_ / "nginx.conf");
    conf
        << "load_module /usr/lib/nginx/modules/ngx_http_dav_ext_module.so;\n"
        << (::geteuid() == 0 ? "user root;\n" : "") << "daemon off;\nmaster_process off;\n"
        << "worker_processes 1;\npid " << p << "/nginx.pid;\nerror_log " << p
        << "/error.log warn;\n"
        << "events { worker_connections 256; }\n"
        << "http {\n  log_format withauth '$request_method $uri $status \"$http_authorization\"';\n"
        << "  access_log " << p << "/access.log withauth;\n"
        << "  client_body_temp_path " << p << "/temp/body;\n  proxy_temp_path " << p
        << "/temp/proxy;\n  fastcgi_temp_path " << p << "/temp/fcgi;\n  uwsgi_temp_path " << p
        << "/temp/uwsgi;\n  scgi_temp_path " << p << "/temp/scgi;\n"
        << "  server {\n    listen 127.0.0.1:" << port_ << ";\n    root " << p << "/www;\n"
        << "    location /status/ {\n      dav_methods PUT DELETE MKCOL;\n"
        << "      dav_ext_methods PROPFIND OPTIONS;\n      create_full_put_path on;\n"
        << "      dav_access user:rw group:r all:r;\n    }\n  }\n}\n";
    conf.close();
    pid_ = ::fork();
    if (pid_ == 0) {
        // nginx writes its startup complaints to stderr; keep test output readable.
        std::freopen((prefix_ / "stderr.log").c_str(), "w", stderr);
        ::execl("/usr/sbin/nginx", "nginx", "-p", p.c_str(), "-c", (p + "/nginx.conf").c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (port_answers(port_)) return true;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }
    stop();
    return false;
}

void NginxServer::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

}  // namespace guichet::testing
