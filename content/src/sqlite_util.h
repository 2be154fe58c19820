// SPDX-License-Identifier: GPL-3.0-or-later
// RAII for SQLite handles and the few helpers every query in content/ uses. Internal to content/.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace guichet::content::sql {

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

struct StmtFinalizer {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

// A prepared statement: bind by 1-based index, step, read columns, reset for reuse. Copies
// share one sqlite3_stmt (finalized with the last copy), so a connection can keep a cache.
class Statement {
  public:
    Statement() = default;
    static Result<Statement> prepare(sqlite3* db, std::string_view sql);

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind_null(int index);
    Statement& bind_optional(int index, const std::optional<std::string>& text);

    // true: a row is ready; false: done. Errors are reported through last_error().
    bool step();
    Result<void> run();  // steps to completion, error on failure
    void reset();

    std::string text(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    bool is_null(int column) const;

    bool failed() const { return failed_; }
    std::string last_error() const;
    sqlite3_stmt* raw() const { return stmt_.get(); }

  private:
    std::shared_ptr<sqlite3_stmt> stmt_;
    bool failed_ = false;
};

Result<void> exec(sqlite3* db, const char* sql);
// Opens `path` (sqlite3_open_v2 flags); the error names the file.
Result<DbHandle> open(const std::filesystem::path& path, int flags);
std::string error_of(sqlite3* db);

}  // namespace guichet::content::sql
