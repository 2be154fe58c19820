// SPDX-License-Identifier: GPL-3.0-or-later
// Facts about this machine that staff mode and the fleet status show: how long it has been
// up, how much disk is free where the state lives, and which Guichet is running.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "platform/result.h"

namespace guichet::system_info {

// Seconds since the machine booted (not since the kiosk started).
std::int64_t uptime_seconds();
// Bytes an unprivileged writer can still use on the file system holding `path`.
Result<std::int64_t> free_disk_bytes(const std::filesystem::path& path);
// The project version from CMake (e.g. "0.1.0").
std::string program_version();

}  // namespace guichet::system_info
