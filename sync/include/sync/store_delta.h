// SPDX-License-Identifier: GPL-3.0-or-later
// Deltas between two versions of a content store: a zstd frame compressed with the old store
// as its prefix ("patch-from"), so the kiosk rebuilds the new store byte for byte and checks
// it against the signed SHA-256; plus the checks a store passes before it may go live.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "platform/result.h"

namespace guichet::sync::store {

// quick_check and a non-zero user_version; returns the user_version (the schema version).
Result<std::int64_t> check_store(const std::filesystem::path& db);

// A patch that rebuilds `to` from `from`: zstd with `from` as the prefix and long-distance
// matching, window large enough to reach the whole old file.
Result<std::string> make_patch(const std::filesystem::path& from, const std::filesystem::path& to,
                               int level);

// Every decompression is capped by what was signed: a patch must declare exactly the signed
// size of its result (checked before a byte is written or a block reserved), and a stream
// stops with an error at its signed size. zstd's window is capped too (kMaxWindowLog), so a
// frame cannot ask for more memory than a kiosk has.

// Rebuilds the new image into `out` from the old one and a patch (both mapped, never read into
// memory whole). Errors when the patch is not for this base or does not declare
// `expected_size`; `out` is then removed (the fd version truncates it).
Result<void> apply_patch(const std::filesystem::path& from, const std::string& patch,
                         const std::filesystem::path& out, std::int64_t expected_size);
Result<void> apply_patch(int from_fd, const std::string& patch, int out_fd,
                         std::int64_t expected_size);

// zstd, whole-buffer and streaming file to file; decompression refuses more than `max_size`.
Result<std::string> compress(const std::string& bytes, int level);
Result<std::string> decompress(const std::string& bytes, std::int64_t max_size);
Result<void> compress_file(const std::filesystem::path& in, const std::filesystem::path& out,
                           int level);
Result<void> decompress_file(const std::filesystem::path& in, const std::filesystem::path& out,
                             std::int64_t max_size);
// From the start of `in_fd` into `out_fd` (from its current offset); `name` is for messages.
Result<void> decompress_file(int in_fd, int out_fd, std::int64_t max_size, const std::string& name);

// The largest zstd window a kiosk accepts (2^27 = 128 MiB, zstd's own default).
inline constexpr int kMaxDecompressWindowLog = 27;

}  // namespace guichet::sync::store
