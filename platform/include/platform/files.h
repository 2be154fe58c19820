// SPDX-License-Identifier: GPL-3.0-or-later
// Bounded reads of regular files and crash-safe writes. Every file that comes from outside the
// program (settings, content sources, USB bundles, state records) is read here: it must be a
// regular file (a FIFO, a device, a socket or a folder — also behind a symlink — is refused at
// once with `FILE: not a regular file`, never opened for reading, so nothing hangs), and no
// larger than the limit its caller names (`FILE: N bytes, more than the M this file may
// have`). After a power cut a file written here is either the old one or the new one, never a
// mix (temp file, fsync, rename, fsync of the folder).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "platform/file_descriptor.h"
#include "platform/result.h"

namespace guichet::files {

// The documented limits (SECURITY.md, "Limits"); callers with a smaller natural size pass
// their own.
inline constexpr std::int64_t kMaxFileBytes = 256LL << 20;    // any file read whole
inline constexpr std::int64_t kMaxSettingsBytes = 1LL << 20;  // kiosk.conf, sync.conf, fleet.conf
inline constexpr std::int64_t kMaxStateRecordBytes = 1LL << 20;  // small JSON records we write

// Opens a regular file for reading (O_NOFOLLOW when `follow_symlinks` is false). A path that
// is not a regular file is refused before it is opened, and checked again on the descriptor.
Result<FileDescriptor> open_regular_file(const std::filesystem::path& path,
                                         bool follow_symlinks = true);

// Reads an open regular file from its start, refusing more than `max_bytes` (also when the
// file grows while it is read). `name` is the path used in messages.
Result<std::string> read_descriptor(int fd, const std::string& name, std::int64_t max_bytes);

// The whole of a regular file of at most `max_bytes`.
Result<std::string> read_regular_file(const std::filesystem::path& path, std::int64_t max_bytes);

// read_regular_file with the general limit (kMaxFileBytes).
Result<std::string> read_file(const std::filesystem::path& path);

// `mode` applies to a newly created file (0600 for secrets).
Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view body,
                                   unsigned mode = 0644);

// "12,345,678 bytes (11.8 MiB)": exact, and in a unit a person reads, for messages about sizes
// and free space where rounding alone would hide the difference.
std::string describe_bytes(std::int64_t bytes);

}  // namespace guichet::files
