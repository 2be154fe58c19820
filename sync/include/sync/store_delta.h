// Row-level deltas between two versions of a content store: SQLite session changesets
// computed with sqlite3session_diff, applied in one transaction that aborts on any conflict,
// plus the checks a store passes before it may go live.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "platform/result.h"

namespace guichet::sync::store {

// quick_check and a non-zero user_version; returns the user_version (the schema version).
Result<std::int64_t> check_store(const std::filesystem::path& db);

// The changeset that turns `from` into `to`; an error when their schemas differ or a table
// has no primary key (the caller then publishes the full store only).
Result<std::string> diff(const std::filesystem::path& from, const std::filesystem::path& to);

// Applies `changeset` to `db` (a private copy) in one transaction; any conflict aborts it.
Result<void> apply(const std::filesystem::path& db, const std::string& changeset);

// zstd, whole-buffer and streaming file to file.
Result<std::string> compress(const std::string& bytes, int level);
Result<std::string> decompress(const std::string& bytes);
Result<void> compress_file(const std::filesystem::path& in, const std::filesystem::path& out,
                           int level);
Result<void> decompress_file(const std::filesystem::path& in, const std::filesystem::path& out);

}  // namespace guichet::sync::store
