// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "schema.h"
#include "sqlite_util.h"
#include "text_search.h"

using namespace guichet::content;

namespace {

sql::DbHandle memory_db() {
    sqlite3* raw = nullptr;
    sqlite3_open(":memory:", &raw);
    sql::DbHandle db(raw);
    REQUIRE(text::register_search_functions(raw).ok());
    return db;
}

int user_version(sqlite3* db) {
    auto stmt = sql::Statement::prepare(db, "PRAGMA user_version");
    REQUIRE(stmt.ok());
    REQUIRE(stmt->step());
    return static_cast<int>(stmt->integer(0));
}

}  // namespace

TEST_CASE("schema: an empty database migrates to the current version — migrating again is a no-op") {
    auto db = memory_db();
    REQUIRE(schema::migrate(db.get()).ok());
    CHECK(user_version(db.get()) == schema::kVersion);
    CHECK(schema::check_readable(db.get(), "mem").ok());
    REQUIRE(schema::migrate(db.get()).ok());
    CHECK(user_version(db.get()) == schema::kVersion);
}

TEST_CASE("schema: a newer store is refused by migrate and by a reader, with a clear message") {
    auto db = memory_db();
    REQUIRE(schema::create(db.get()).ok());
    REQUIRE(sql::exec(db.get(), "PRAGMA user_version = 42").ok());
    auto migrated = schema::migrate(db.get());
    REQUIRE_FALSE(migrated.ok());
    CHECK(migrated.message().find("42 is newer") != std::string::npos);
    auto readable = schema::check_readable(db.get(), "content.db");
    REQUIRE_FALSE(readable.ok());
    CHECK(readable.message().rfind("content.db: store schema version 42 is newer", 0) == 0);
}

TEST_CASE("schema: an older store is refused by a reader") {
    auto db = memory_db();
    REQUIRE(schema::create(db.get()).ok());
    REQUIRE(sql::exec(db.get(),
                      ("PRAGMA user_version = " + std::to_string(schema::kVersion - 1)).c_str())
                .ok());
    auto readable = schema::check_readable(db.get(), "old.db");
    if (schema::kVersion > 1) {
        REQUIRE_FALSE(readable.ok());
        CHECK(readable.message().find("rebuild") != std::string::npos);
    } else {
        REQUIRE_FALSE(readable.ok());  // version 0 is "not a Guichet store"
        CHECK(readable.message().find("not a Guichet content store") != std::string::npos);
    }
}
