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

// Rebuilds the new store into `out` from the old store and a patch (both mapped, never read
// into memory whole). Errors when the patch is not for this base; `out` is then removed.
Result<void> apply_patch(const std::filesystem::path& from, const std::string& patch,
                         const std::filesystem::path& out);

// zstd, whole-buffer and streaming file to file.
Result<std::string> compress(const std::string& bytes, int level);
Result<std::string> decompress(const std::string& bytes);
Result<void> compress_file(const std::filesystem::path& in, const std::filesystem::path& out,
                           int level);
Result<void> decompress_file(const std::filesystem::path& in, const std::filesystem::path& out);

}  // namespace guichet::sync::store
