// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlite_util.h"

namespace guichet::content::sql {

std::string error_of(sqlite3* db) {
    return db ? sqlite3_errmsg(db) : "no database";
}

Result<Statement> Statement::prepare(sqlite3* db, std::string_view text) {
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v3(db, text.data(), static_cast<int>(text.size()),
                                SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(raw);
        return make_error("SQL prepare failed: " + error_of(db) + " in: " + std::string(text));
    }
    Statement statement;
    statement.stmt_.reset(raw, StmtFinalizer{});
    return statement;
}

Statement& Statement::bind(int index, std::string_view value) {
    sqlite3_bind_text(stmt_.get(), index, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_.get(), index, value);
    return *this;
}
Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(stmt_.get(), index, value);
    return *this;
}
Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(stmt_.get(), index);
    return *this;
}
Statement& Statement::bind_optional(int index, const std::optional<std::string>& value) {
    return value ? bind(index, *value) : bind_null(index);
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) failed_ = true;
    return false;
}

Result<void> Statement::run() {
    while (step()) {
    }
    if (failed_) return make_error(last_error());
    return {};
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
    failed_ = false;
}

std::string Statement::text(int column) const {
    auto* data = sqlite3_column_text(stmt_.get(), column);
    int size = sqlite3_column_bytes(stmt_.get(), column);
    return data ? std::string(reinterpret_cast<const char*>(data), static_cast<size_t>(size))
                : std::string();
}
std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(stmt_.get(), column);
}
double Statement::real(int column) const {
    return sqlite3_column_double(stmt_.get(), column);
}
bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}

std::string Statement::last_error() const {
    return error_of(sqlite3_db_handle(stmt_.get()));
}

Result<DbHandle> open(const std::filesystem::path& path, int flags) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    DbHandle db(raw);
    if (rc != SQLITE_OK) return make_error(path.string() + ": cannot open: " + error_of(raw));
    return db;
}

Result<void> exec(sqlite3* db, const char* text) {
    char* message = nullptr;
    if (sqlite3_exec(db, text, nullptr, nullptr, &message) != SQLITE_OK) {
        std::string error = message ? message : error_of(db);
        sqlite3_free(message);
        return make_error(error);
    }
    return {};
}

}  // namespace guichet::content::sql
