// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/system_info.h"

#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace guichet::system_info {

std::int64_t uptime_seconds() {
    std::ifstream in("/proc/uptime");
    double seconds = 0;
    in >> seconds;
    return static_cast<std::int64_t>(seconds);
}

Result<std::int64_t> free_disk_bytes(const std::filesystem::path& path) {
    struct statvfs info {};
    if (::statvfs(path.c_str(), &info) != 0)
        return make_error("cannot query free space of " + path.string() + ": " +
                          std::strerror(errno));
    return static_cast<std::int64_t>(info.f_bavail) * static_cast<std::int64_t>(info.f_frsize);
}

std::string program_version() {
    return GUICHET_VERSION;
}

}  // namespace guichet::system_info
