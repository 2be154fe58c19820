// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/paths.h"

#include <unistd.h>

#include <cstdlib>
#include <system_error>

namespace guichet::paths {

std::filesystem::path default_state_dir() {
    if (executable_dir().string().starts_with("/usr/")) return "/var/lib/guichet";
    if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "guichet";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local/state/guichet";
    return std::filesystem::temp_directory_path() / "guichet-state";
}

Result<std::filesystem::path> ensure_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return make_error("cannot create folder " + dir.string() + ": " + ec.message());
    return dir;
}

std::filesystem::path executable_dir() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return std::filesystem::current_path();
    return exe.parent_path();
}

}  // namespace guichet::paths
