// SPDX-License-Identifier: GPL-3.0-or-later
// Whole-file reads and crash-safe writes: after a power cut a file written here is either
// the old one or the new one, never a mix (temp file, fsync, rename, fsync of the folder).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace guichet::files {

Result<std::string> read_file(const std::filesystem::path& path);

// `mode` applies to a newly created file (0600 for secrets).
Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view body,
                                   unsigned mode = 0644);

}  // namespace guichet::files
