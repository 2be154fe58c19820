// SPDX-License-Identifier: GPL-3.0-or-later
// Where Guichet reads and writes on this machine: the state folder (everything the kiosk
// writes lives under it) and the sample content bundled with the program.
#pragma once

#include <filesystem>
#include <optional>

#include "platform/result.h"

namespace guichet::paths {

// The state folder: an explicit --state-dir wins; an installed kiosk uses /var/lib/guichet;
// a development run uses $XDG_STATE_HOME/guichet (or ~/.local/state/guichet).
std::filesystem::path default_state_dir();

// Creates the folder (and parents) when missing; fails with a message naming the path.
Result<std::filesystem::path> ensure_dir(const std::filesystem::path& dir);

// The running executable's folder, used to find data installed beside it.
std::filesystem::path executable_dir();

}  // namespace guichet::paths
