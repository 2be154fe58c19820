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

// Schema 4's institution columns taken off again, as a store made before 4 had none.
constexpr const char* kWithoutV4Columns =
    "ALTER TABLE institutions DROP COLUMN whatsapp; ALTER TABLE institutions DROP COLUMN "
    "opening_hours; ALTER TABLE institutions DROP COLUMN time_zone; ALTER TABLE institutions "
    "DROP COLUMN cost; ALTER TABLE institutions DROP COLUMN checked; ALTER TABLE institutions "
    "DROP COLUMN source;";

// Schema 5's tables taken off again, as a store made before 5 had none.
constexpr const char* kWithoutV5Tables = "DROP TABLE publications; DROP TABLE code_names;";

// Schema 6's table taken off again, as a store made before 6 had none.
constexpr const char* kWithoutV6Tables = "DROP TABLE images;";

// Schema 8's column taken off again, as a store made before 8 had none.
constexpr const char* kWithoutV8Columns = "ALTER TABLE item_texts DROP COLUMN source;";

// item_texts' last column as declared: name, type, not null, default.
std::string last_text_column(sqlite3* db) {
    auto stmt = sql::Statement::prepare(
        db, "SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || dflt_value"
            " FROM pragma_table_info('item_texts') ORDER BY cid DESC LIMIT 1");
    REQUIRE(stmt.ok());
    REQUIRE(stmt->step());
    return stmt->text(0);
}

TEST_CASE("schema: 7 -> 8 gives item_texts a source per language, a series' moves out of extra") {
    auto fresh = memory_db();
    REQUIRE(schema::create(fresh.get()).ok());
    auto db = memory_db();
    REQUIRE(schema::create(db.get()).ok());
    REQUIRE(sql::exec(db.get(), (std::string(kWithoutV8Columns) +
                                 "INSERT INTO items VALUES ('s', 'statistics', '2026-01-01', '', "
                                 "'', '', ''), ('p', 'publication', '2026-01-01', '', '', '', '');"
                                 "INSERT INTO item_texts VALUES (1, 's', 'es', 'Serie', '', '', "
                                 "'Fuente: SICREMI'), (2, 's', 'en', 'Series', '', '', ''),"
                                 " (3, 'p', 'es', 'Informe', '', '', 'Prefacio\nAnexo');"
                                 "PRAGMA user_version = 7;")
                                    .c_str())
                .ok());
    CHECK_FALSE(schema::check_readable(db.get(), "seven.db").ok());
    REQUIRE(schema::migrate(db.get()).ok());
    CHECK(user_version(db.get()) == 8);
    CHECK(schema::check_readable(db.get(), "seven.db").ok());
    // Declared as a new store declares it, last in both.
    CHECK(last_text_column(db.get()) == "source TEXT 1 ''");
    CHECK(last_text_column(fresh.get()) == "source TEXT 1 ''");
    auto rows = sql::Statement::prepare(
        db.get(), "SELECT item_id, lang, extra, source FROM item_texts ORDER BY id");
    REQUIRE(rows.ok());
    std::string seen;
    while (rows->step())
        seen += rows->text(0) + "|" + rows->text(1) + "|" + rows->text(2) + "|" + rows->text(3) +
                "\n";
    // The series' source moved; a publication's table of contents stayed where it was.
    CHECK(seen == "s|es||Fuente: SICREMI\ns|en||\np|es|Prefacio\nAnexo|\n");
}

TEST_CASE("schema: 6 -> 7 drops list_order, an older store's rows stay") {
    auto db = memory_db();
    REQUIRE(schema::create(db.get()).ok());
    REQUIRE(sql::exec(db.get(), kWithoutV8Columns).ok());
    REQUIRE(sql::exec(db.get(), "CREATE TABLE list_order(type TEXT NOT NULL, sort_key TEXT NOT "
                                "NULL, item_id TEXT NOT NULL, langs INTEGER NOT NULL, PRIMARY "
                                "KEY(type, sort_key, item_id)) WITHOUT ROWID;"
                                "INSERT INTO list_order VALUES ('article', 'uno', 'a', 1);"
                                "INSERT INTO items VALUES ('a', 'article', '2026-01-01', '', '', "
                                "'', '');"
                                "INSERT INTO item_texts VALUES (1, 'a', 'es', 'Uno', '', '', '');"
                                "PRAGMA user_version = 6;")
                .ok());
    CHECK_FALSE(schema::check_readable(db.get(), "six.db").ok());
    REQUIRE(schema::migrate(db.get()).ok());
    CHECK(user_version(db.get()) == schema::kVersion);
    CHECK(schema::check_readable(db.get(), "six.db").ok());
    CHECK_FALSE(sql::Statement::prepare(db.get(), "SELECT 1 FROM list_order").ok());
    auto count = sql::Statement::prepare(
        db.get(), "SELECT (SELECT COUNT(*) FROM items), (SELECT COUNT(*) FROM item_texts)");
    REQUIRE(count.ok());
    REQUIRE(count->step());
    CHECK(count->integer(0) == 1);
    CHECK(count->integer(1) == 1);
}

TEST_CASE("schema: 5 -> 6 adds the pictures table, an older store's rows stay") {
    auto db = memory_db();
    REQUIRE(schema::create(db.get()).ok());
    REQUIRE(sql::exec(db.get(), (std::string(kWithoutV6Tables) + kWithoutV8Columns +
                                 "INSERT INTO items VALUES ('a', 'article', '2026-01-01', '', '', "
                                 "'', '');"
                                 "INSERT INTO publications VALUES ('p', 'OEA', 'OEA', 2011, 'es', "
                                 "'', 'seed');"
                                 "PRAGMA user_version = 5;")
                                    .c_str())
                .ok());
    CHECK_FALSE(schema::check_readable(db.get(), "five.db").ok());
    REQUIRE(schema::migrate(db.get()).ok());
    CHECK(user_version(db.get()) == schema::kVersion);
    CHECK(schema::check_readable(db.get(), "five.db").ok());
    auto count = sql::Statement::prepare(
        db.get(), "SELECT (SELECT COUNT(*) FROM items), (SELECT COUNT(*) FROM publications),"
                  " (SELECT COUNT(*) FROM images)");
    REQUIRE(count.ok());
    REQUIRE(count->step());
    CHECK(count->integer(0) == 1);
    CHECK(count->integer(1) == 1);
    CHECK(count->integer(2) == 0);
    // The new table takes what the compiler writes, one row per path.
    CHECK(sql::exec(db.get(), "INSERT INTO images VALUES ('articles/a.png', 'png', 2, 3, x'89504e47')")
              .ok());
    CHECK_FALSE(
        sql::exec(db.get(), "INSERT INTO images VALUES ('articles/a.png', 'png', 2, 3, x'00')").ok());
}

TEST_CASE("schema: 4 -> 5 adds publications and code names, an older store's rows stay") {
    auto db = memory_db();
    REQUIRE(schema::create(db.get()).ok());
    REQUIRE(sql::exec(db.get(), (std::string(kWithoutV5Tables) + kWithoutV6Tables + kWithoutV8Columns +
                                 "INSERT INTO items VALUES ('a', 'article', '2026-01-01', '', '', "
                                 "'', '');"
                                 "PRAGMA user_version = 4;")
                                    .c_str())
                .ok());
    REQUIRE(schema::migrate(db.get()).ok());
    CHECK(user_version(db.get()) == schema::kVersion);
    auto count = sql::Statement::prepare(
        db.get(), "SELECT (SELECT COUNT(*) FROM items), (SELECT COUNT(*) FROM publications),"
                  " (SELECT COUNT(*) FROM code_names)");
    REQUIRE(count.ok());
    REQUIRE(count->step());
    CHECK(count->integer(0) == 1);
    CHECK(count->integer(1) == 0);
    CHECK(count->integer(2) == 0);
    // The new tables take what the compiler writes.
    CHECK(sql::exec(db.get(), "INSERT INTO publications VALUES ('p', 'OEA', 'OEA', 2011, 'es', "
                              "'https://example.org/p', 'seed');"
                              "INSERT INTO code_names VALUES ('sector', 'agriculture', 'es', "
                              "'agricultura')")
              .ok());
    CHECK_FALSE(sql::exec(db.get(), "INSERT INTO code_names VALUES ('sector', 'agriculture', "
                                    "'es', 'otra')")
                    .ok());  // one name per field, code and language
}

TEST_CASE("schema: 3 -> 4 adds the institutions' details, empty for the rows already there") {
    auto db = memory_db();
    REQUIRE(schema::create(db.get()).ok());
    REQUIRE(sql::exec(db.get(), (std::string(kWithoutV4Columns) + kWithoutV5Tables + kWithoutV6Tables + kWithoutV8Columns +
                                 "INSERT INTO institutions(id, official_name, address, phone, "
                                 "email, website) VALUES ('x', 'X', '', '+1 555 0100', '', '');"
                                 "PRAGMA user_version = 3;")
                                    .c_str())
                .ok());
    REQUIRE(schema::migrate(db.get()).ok());
    CHECK(user_version(db.get()) == schema::kVersion);
    auto row = sql::Statement::prepare(
        db.get(), "SELECT phone, whatsapp, opening_hours, time_zone, cost, checked, source "
                  "FROM institutions WHERE id = 'x'");
    REQUIRE(row.ok());
    REQUIRE(row->step());
    CHECK(row->text(0) == "+1 555 0100");
    for (int column = 1; column <= 6; ++column) CHECK(row->text(column).empty());
}

TEST_CASE("schema: 2 -> 3 puts item_texts in item order, and list_order is gone at 7") {
    auto db = memory_db();
    REQUIRE(schema::create(db.get()).ok());
    // A schema 2 store: ids were the language's position << 32 | the sequence; list_order had
    // one row per language.
    REQUIRE(
        sql::exec(db.get(),
                  (std::string(kWithoutV8Columns) + "CREATE TABLE list_order(lang TEXT NOT NULL, type TEXT NOT NULL,"
                  " sort_key TEXT NOT NULL, item_id TEXT NOT NULL,"
                  " PRIMARY KEY(lang, type, sort_key, item_id)) WITHOUT ROWID;"
                  "INSERT INTO languages VALUES ('es', 0, 'Español', 1), ('en', 1, 'English', 0),"
                  " ('fr', 2, 'Français', 0);"
                  "INSERT INTO list_order VALUES ('es', 'article', 'uno', 'a'),"
                  " ('en', 'article', 'one', 'a'), ('fr', 'article', 'one', 'a'),"
                  " ('es', 'article', 'dos', 'b'), ('en', 'article', 'dos', 'b'),"
                  " ('fr', 'article', 'dos', 'b');"
                  "INSERT INTO item_texts VALUES"
                  " (1, 'a', 'es', 'Uno', '', '', ''), (3, 'b', 'es', 'Dos', '', '', ''),"
                  " (4294967298, 'a', 'en', 'One', '', '', ''),"
                  " (4294967300, 'b', 'en', 'Two', '', '', '');"
                  "PRAGMA user_version = 2;" + kWithoutV4Columns + kWithoutV5Tables + kWithoutV6Tables)
                      .c_str())
            .ok());
    REQUIRE(schema::migrate(db.get()).ok());
    CHECK(user_version(db.get()) == schema::kVersion);
    auto rows = sql::Statement::prepare(
        db.get(), "SELECT id, item_id, lang, title FROM item_texts ORDER BY rowid");
    REQUIRE(rows.ok());
    std::string seen;
    while (rows->step())
        seen += std::to_string(rows->integer(0)) + " " + rows->text(1) + " " + rows->text(2) + " " +
                rows->text(3) + "\n";
    CHECK(seen == "1 a es Uno\n2 a en One\n3 b es Dos\n4 b en Two\n");
    // 2 -> 3 merged its languages into one row per title; 6 -> 7 drops it (lists are ordered
    // when read).
    CHECK_FALSE(sql::Statement::prepare(db.get(), "SELECT 1 FROM list_order").ok());
    auto unique =
        sql::exec(db.get(), "INSERT INTO item_texts VALUES (9, 'a', 'es', 'x', '', '', '', '')");
    CHECK_FALSE(unique.ok());  // UNIQUE(item_id, lang) came along
}
