// SPDX-License-Identifier: GPL-3.0-or-later
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "content/store_changes.h"

#include <fcntl.h>
#include <openssl/sha.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "platform/file_descriptor.h"
#include "schema.h"
#include "search_index.h"
#include "sqlite_util.h"
#include "text_search.h"

namespace guichet::content {
namespace fs = std::filesystem;
namespace {

// Tables a store derives from the others (search_index.cpp) or keeps about itself: never in a
// changeset, never in the digest.
const std::set<std::string> kNotContent = {"term_stats", "spell_terms", "spell_keys",
                                           "search_boost", "applied_state"};
// Tables whose rows feed an item's search text (search_index.cpp's kIndexRows), with the
// column holding the item id.
const std::map<std::string, int> kIndexedById = {
    {"items", 0},      {"institutions", 0}, {"programmes", 0},       {"cooperation", 0},
    {"legislation", 0}, {"statistics_series", 0}, {"item_values", 0}, {"item_texts", 1},
    {"publications", 0}};

constexpr size_t kLanes = 32;
using Lanes = std::array<std::uint64_t, kLanes>;

std::string quoted(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void put_u64(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// A value as the digest and the key sets see it: its type, then its bytes.
void put_value(std::string& out, int type, std::int64_t integer, double real, const void* bytes,
               int size) {
    out.push_back(static_cast<char>(type));
    if (type == SQLITE_INTEGER) {
        put_u64(out, static_cast<std::uint64_t>(integer));
    } else if (type == SQLITE_FLOAT) {
        std::uint64_t bits;
        std::memcpy(&bits, &real, 8);
        put_u64(out, bits);
    } else if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
        put_u64(out, static_cast<std::uint64_t>(size));
        if (size > 0) out.append(static_cast<const char*>(bytes), static_cast<size_t>(size));
    }
}

void put_value(std::string& out, sqlite3_value* v) {
    const int type = sqlite3_value_type(v);
    const void* bytes = nullptr;
    int size = 0;
    if (type == SQLITE_TEXT) bytes = sqlite3_value_text(v);
    if (type == SQLITE_BLOB) bytes = sqlite3_value_blob(v);
    if (type == SQLITE_TEXT || type == SQLITE_BLOB) size = sqlite3_value_bytes(v);
    put_value(out, type, sqlite3_value_int64(v), sqlite3_value_double(v), bytes, size);
}

// Table name and every column of the current row of `stmt`.
std::string row_bytes(const std::string& table, sqlite3_stmt* stmt) {
    std::string out = table;
    out.push_back('\0');
    const int n = sqlite3_column_count(stmt);
    for (int c = 0; c < n; ++c) {
        const int type = sqlite3_column_type(stmt, c);
        const void* bytes = nullptr;
        int size = 0;
        if (type == SQLITE_TEXT) bytes = sqlite3_column_text(stmt, c);
        if (type == SQLITE_BLOB) bytes = sqlite3_column_blob(stmt, c);
        if (type == SQLITE_TEXT || type == SQLITE_BLOB) size = sqlite3_column_bytes(stmt, c);
        put_value(out, type, sqlite3_column_int64(stmt, c), sqlite3_column_double(stmt, c), bytes,
                  size);
    }
    return out;
}

// sign +1 adds the row to the multiset, -1 takes it out.
void fold_row(Lanes& lanes, const std::string& row, int sign) {
    unsigned char seed[SHA256_DIGEST_LENGTH + 1];
    SHA256(reinterpret_cast<const unsigned char*>(row.data()), row.size(), seed);
    for (unsigned char block = 0; block < kLanes / 8; ++block) {
        seed[SHA256_DIGEST_LENGTH] = block;
        unsigned char out[SHA512_DIGEST_LENGTH];
        SHA512(seed, sizeof seed, out);
        for (size_t i = 0; i < 8; ++i) {
            std::uint64_t v = 0;
            for (int b = 7; b >= 0; --b) v = (v << 8) | out[i * 8 + static_cast<size_t>(b)];
            auto& lane = lanes[block * 8 + i];
            lane = sign > 0 ? lane + v : lane - v;
        }
    }
}

std::string to_hex(const Lanes& lanes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::uint64_t lane : lanes)
        for (int b = 0; b < 8; ++b) {
            const auto byte = static_cast<unsigned>((lane >> (8 * b)) & 0xff);
            out.push_back(digits[byte >> 4]);
            out.push_back(digits[byte & 15]);
        }
    return out;
}

Result<Lanes> from_hex(std::string_view hex) {
    if (hex.size() != kLanes * 16) return make_error("a content digest has 512 hex digits");
    Lanes lanes{};
    for (size_t i = 0; i < hex.size(); i += 2) {
        auto nibble = [](char c) -> int {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            return -1;
        };
        const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) return make_error("a content digest is lowercase hex");
        const size_t byte = i / 2;
        lanes[byte / 8] |= static_cast<std::uint64_t>(hi * 16 + lo) << (8 * (byte % 8));
    }
    return lanes;
}

Result<sql::DbHandle> open_db(const fs::path& path, int flags) {
    auto db = sql::open(path, flags);
    if (!db) return db;
    sqlite3_busy_timeout(db->get(), 10000);
    sqlite3_limit(db->get(), SQLITE_LIMIT_ATTACHED, 1);
    return db;
}

// The content tables of `schema_name`, by name.
Result<std::vector<std::string>> content_tables(sqlite3* db, const std::string& schema_name) {
    auto stmt = sql::Statement::prepare(
        db, "SELECT name FROM pragma_table_list WHERE schema = ?1 AND type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    if (!stmt) return stmt.error();
    stmt->bind(1, schema_name);
    std::vector<std::string> out;
    while (stmt->step())
        if (!kNotContent.count(stmt->text(0))) out.push_back(stmt->text(0));
    if (stmt->failed()) return make_error(stmt->last_error());
    return out;
}

// "name pk" for each column, in order: two stores can exchange rows when these agree.
Result<std::string> column_layout(sqlite3* db, const std::string& schema_name,
                                  const std::string& table) {
    auto stmt = sql::Statement::prepare(
        db, "SELECT name, type, pk FROM pragma_table_info(?1, ?2) ORDER BY cid");
    if (!stmt) return stmt.error();
    stmt->bind(1, table).bind(2, schema_name);
    std::string out;
    while (stmt->step())
        out += stmt->text(0) + " " + stmt->text(1) + " " + std::to_string(stmt->integer(2)) + "\n";
    if (stmt->failed()) return make_error(stmt->last_error());
    return out;
}

struct ChangesetIter {
    sqlite3_changeset_iter* it = nullptr;
    ~ChangesetIter() {
        if (it) sqlite3changeset_finalize(it);
    }
};

struct ValueFree {
    void operator()(sqlite3_value* v) const { sqlite3_value_free(v); }
};
using Value = std::unique_ptr<sqlite3_value, ValueFree>;

// The primary keys a changeset touches in one table.
struct TouchedTable {
    std::vector<std::string> pk_columns;  // names, in table column order
    std::set<std::string> seen;
    std::vector<std::vector<Value>> keys;
};

// What an in-place change may not touch: the languages (they lay out search rowids and the
// fallback of every text) and the base language.
Result<void> check_changeable(const std::string& table, sqlite3_changeset_iter* it, int op) {
    if (table == "languages" || table == "language_chain")
        return make_error("the languages changed: this version is only applied whole");
    if (table == "meta") {
        sqlite3_value* key = nullptr;
        if (op == SQLITE_INSERT)
            sqlite3changeset_new(it, 0, &key);
        else
            sqlite3changeset_old(it, 0, &key);
        if (key && sqlite3_value_type(key) == SQLITE_TEXT &&
            std::strcmp(reinterpret_cast<const char*>(sqlite3_value_text(key)),
                        "base_language") == 0)
            return make_error("the base language changed: this version is only applied whole");
    }
    return {};
}

Result<std::int64_t> count_and_check(std::string_view changeset) {
    ChangesetIter iter;
    if (sqlite3changeset_start(&iter.it, static_cast<int>(changeset.size()),
                               const_cast<char*>(changeset.data())) != SQLITE_OK)
        return make_error("not an SQLite changeset");
    std::int64_t n = 0;
    int rc;
    while ((rc = sqlite3changeset_next(iter.it)) == SQLITE_ROW) {
        const char* table = nullptr;
        int columns = 0, op = 0, indirect = 0;
        sqlite3changeset_op(iter.it, &table, &columns, &op, &indirect);
        if (auto ok = check_changeable(table, iter.it, op); !ok) return ok.error();
        ++n;
    }
    if (rc != SQLITE_DONE) return make_error("damaged changeset");
    return n;
}

Result<void> write_synced(const fs::path& path, std::string_view bytes) {
    files::FileDescriptor fd(
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!fd.valid()) return make_error(path.string() + ": cannot create: " + std::strerror(errno));
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            return make_error(path.string() + ": disk full or write error: " +
                              std::strerror(errno));
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd.get()) != 0)
        return make_error(path.string() + ": disk full or write error: " + std::strerror(errno));
    files::FileDescriptor dir(
        ::open(path.parent_path().empty() ? "." : path.parent_path().c_str(),
               O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.valid()) (void)::fsync(dir.get());
    return {};
}

// A transaction rolled back unless committed.
class Transaction {
  public:
    explicit Transaction(sqlite3* db) : db_(db) {}
    ~Transaction() {
        if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    Result<void> begin() {
        if (auto r = sql::exec(db_, "BEGIN IMMEDIATE"); !r) return r;
        open_ = true;
        return {};
    }
    Result<void> commit() {
        if (auto r = sql::exec(db_, "COMMIT"); !r) return r;
        open_ = false;
        return {};
    }

  private:
    sqlite3* db_;
    bool open_ = false;
};

// The WAL's pages back into the store file, as far as no reader still holds an older
// snapshot. PASSIVE: never waits for a reader and never locks one out (TRUNCATE and RESTART
// briefly do, and a kiosk opening its store then would get "database is locked"); what is left
// is taken by a later checkpoint (checkpoint_store), and the WAL file is cut back to
// kWalKeepBytes when the next change starts it over.
void checkpoint(sqlite3* db) {
    sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

// The cache holds every page the transaction dirties (up to 128 MB): a smaller one spills
// dirty pages into the WAL mid-transaction, and a page changed again is written again (a 10 %
// update wrote 757 MB with SQLite's default 2 MB cache). The pages it only reads come from a
// memory map of the store (up to 1 GB; SQLite reads as before where mapping fails): no copy
// into the cache, no allocation per page (1 % update of 100,000 items: 1.5 -> 1.15 s of CPU).
// A read error on the mapped file kills the process (SIGBUS) mid-transaction: the same as a
// kill -9, which leaves the old version whole.
constexpr const char* kWriterPragmas =
    "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 1048576;"
    "PRAGMA cache_size = -131072; PRAGMA mmap_size = 1073741824;";

// A connection that changes a live store: closing it must not checkpoint or delete the WAL
// (that takes an exclusive lock a reader opening the store at that instant would run into).
void quiet_close(sqlite3* db) {
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
}

int abort_on_conflict(void*, int, sqlite3_changeset_iter*) {
    return SQLITE_CHANGESET_ABORT;
}

Result<ApplySummary> apply_unguarded(const fs::path& store, std::string_view changeset,
                                     const ApplyOptions& options) {
    auto expected = from_hex(options.result.digest);
    if (!expected) return make_error("the signed content digest: " + expected.message());
    auto checked = count_and_check(changeset);
    if (!checked) return checked.error();
    auto db = open_db(store, SQLITE_OPEN_READWRITE);
    if (!db) return db.error();
    sqlite3* d = db->get();
    if (auto t = text::register_search_functions(d); !t) return t.error();
    {
        auto mode = sql::Statement::prepare(d, "PRAGMA journal_mode");
        if (!mode || !mode->step() || mode->text(0) != "wal")
            return make_error(store.string() + ": not prepared for in-place changes (WAL mode)");
    }
    quiet_close(d);
    if (auto p = sql::exec(d, kWriterPragmas); !p) return p.error();
    Transaction txn(d);
    if (auto b = txn.begin(); !b) return b.error();

    auto state = sql::Statement::prepare(d, "SELECT value FROM applied_state WHERE key = 'digest'");
    if (!state) return make_error(store.string() + ": no recorded content digest");
    if (!state->step() || state->text(0) != options.base_digest)
        return make_error(store.string() + ": holds other content than the changes were made for");
    auto digest = from_hex(state->text(0));
    if (!digest) return make_error(store.string() + ": recorded digest: " + digest.message());
    state->reset();

    // Which rows and items change, read from the changeset before it is applied.
    std::map<std::string, TouchedTable> touched;
    std::set<std::string> items;
    std::set<std::int64_t> text_ids;  // item_texts rows whose item is known only from the store
    bool build_date_moved = false;
    {
        ChangesetIter iter;
        if (sqlite3changeset_start(&iter.it, static_cast<int>(changeset.size()),
                                   const_cast<char*>(changeset.data())) != SQLITE_OK)
            return make_error("not an SQLite changeset");
        while (sqlite3changeset_next(iter.it) == SQLITE_ROW) {
            const char* name = nullptr;
            int columns = 0, op = 0, indirect = 0;
            sqlite3changeset_op(iter.it, &name, &columns, &op, &indirect);
            const std::string table = name;
            if (kNotContent.count(table))
                return make_error("the changes touch derived table " + table);
            unsigned char* pk = nullptr;
            int pk_columns = 0;
            sqlite3changeset_pk(iter.it, &pk, &pk_columns);
            auto& t = touched[table];
            if (t.pk_columns.empty()) {
                auto names = sql::Statement::prepare(
                    d, "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
                if (!names) return names.error();
                names->bind(1, table);
                std::vector<std::string> all;
                while (names->step()) all.push_back(names->text(0));
                if (static_cast<int>(all.size()) != columns)
                    return make_error("the changes do not fit table " + table + " of this store");
                for (int c = 0; c < columns; ++c)
                    if (pk[c]) t.pk_columns.push_back(all[static_cast<size_t>(c)]);
            }
            std::string key;
            std::vector<Value> values;
            for (int c = 0; c < columns; ++c) {
                if (!pk[c]) continue;
                sqlite3_value* v = nullptr;
                if (op == SQLITE_INSERT)
                    sqlite3changeset_new(iter.it, c, &v);
                else
                    sqlite3changeset_old(iter.it, c, &v);
                if (!v) return make_error("damaged changeset");
                put_value(key, v);
                values.emplace_back(sqlite3_value_dup(v));
            }
            if (t.seen.insert(key).second) t.keys.push_back(std::move(values));

            if (table == "meta") {
                sqlite3_value* v = nullptr;
                if (op == SQLITE_INSERT)
                    sqlite3changeset_new(iter.it, 0, &v);
                else
                    sqlite3changeset_old(iter.it, 0, &v);
                if (v && sqlite3_value_type(v) == SQLITE_TEXT &&
                    std::strcmp(reinterpret_cast<const char*>(sqlite3_value_text(v)),
                                "build_date") == 0)
                    build_date_moved = true;
            }
            auto indexed = kIndexedById.find(table);
            if (indexed == kIndexedById.end()) continue;
            const int column = indexed->second;
            for (bool newer : {false, true}) {
                if ((newer && op == SQLITE_DELETE) || (!newer && op == SQLITE_INSERT)) continue;
                sqlite3_value* v = nullptr;
                if (column < columns) {
                    if (newer)
                        sqlite3changeset_new(iter.it, column, &v);
                    else
                        sqlite3changeset_old(iter.it, column, &v);
                }
                if (v && sqlite3_value_type(v) == SQLITE_TEXT)
                    items.insert(reinterpret_cast<const char*>(sqlite3_value_text(v)));
            }
            if (table == "item_texts" && op == SQLITE_UPDATE) {
                sqlite3_value* id = nullptr;
                sqlite3changeset_old(iter.it, 0, &id);
                if (id) text_ids.insert(sqlite3_value_int64(id));
            }
        }
    }
    if (!text_ids.empty()) {
        auto owner = sql::Statement::prepare(d, "SELECT item_id FROM item_texts WHERE id = ?1");
        if (!owner) return owner.error();
        for (std::int64_t id : text_ids) {
            owner->reset();
            owner->bind(1, id);
            if (owner->step()) items.insert(owner->text(0));
        }
    }
    if (auto r = sql::exec(d,
                           "CREATE TEMP TABLE IF NOT EXISTS changed_items(id TEXT PRIMARY KEY);"
                           "DELETE FROM temp.changed_items;");
        !r)
        return r.error();
    {
        auto add = sql::Statement::prepare(d, "INSERT INTO temp.changed_items(id) VALUES(?1)");
        if (!add) return add.error();
        for (const auto& id : items) {
            add->reset();
            if (auto r = add->bind(1, id).run(); !r) return r.error();
        }
    }

    // The touched rows as they are, then as they will be, in and out of the digest.
    auto fold_touched = [&](int sign) -> Result<void> {
        for (const auto& [table, t] : touched) {
            std::string where;
            for (size_t i = 0; i < t.pk_columns.size(); ++i)
                where += (i ? " AND " : "") + quoted(t.pk_columns[i]) + " = ?" + std::to_string(i + 1);
            auto row = sql::Statement::prepare(
                d, "SELECT * FROM " + quoted(table) + " WHERE " + where);
            if (!row) return row.error();
            for (const auto& key : t.keys) {
                row->reset();
                for (size_t i = 0; i < key.size(); ++i)
                    sqlite3_bind_value(row->raw(), static_cast<int>(i + 1), key[i].get());
                if (row->step()) fold_row(*digest, row_bytes(table, row->raw()), sign);
                if (row->failed()) return make_error(row->last_error());
            }
        }
        return {};
    };
    if (auto f = fold_touched(-1); !f) return f.error();
    // A store without a word index (a test's, or a future one that moved it) has no derived
    // data to keep.
    bool indexed = false;
    {
        auto has = sql::Statement::prepare(
            d, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'search'");
        if (!has) return has.error();
        indexed = has->step();
    }
    std::optional<search_index::Update> index;
    if (indexed) {
        auto started = search_index::Update::start(d, options.search_text_memory);
        if (!started) return started.error();
        index.emplace(std::move(*started));
        if (auto r = index->remove_changed(d); !r)
            return make_error("search index: " + r.message());
    }
    // No savepoint of its own: the transaction around it rolls everything back on failure, and
    // a savepoint keeps a copy of each page it changes.
    const int rc = sqlite3changeset_apply_v2(
        d, static_cast<int>(changeset.size()), const_cast<char*>(changeset.data()), nullptr,
        abort_on_conflict, nullptr, nullptr, nullptr, SQLITE_CHANGESETAPPLY_NOSAVEPOINT);
    if (rc == SQLITE_ABORT)
        return make_error(store.string() +
                          ": a changed row is not as the changes expect (another base?); "
                          "nothing applied");
    if (rc != SQLITE_OK)
        return make_error(store.string() + ": applying the changes: " + sqlite3_errstr(rc) +
                          (rc == SQLITE_FULL ? " (disk full)" : ""));
    if (auto f = fold_touched(1); !f) return f.error();
    if (index) {
        if (auto r = index->add_changed(d); !r) return make_error("search index: " + r.message());
        if (auto r = index->finish(d, build_date_moved); !r)
            return make_error("search index: " + r.message());
    }

    if (*digest != *expected)
        return make_error(store.string() +
                          ": the changes gave other content than the signed digest; rolled back");
    auto record = sql::Statement::prepare(
        d, "INSERT OR REPLACE INTO applied_state(key, value) VALUES('digest', ?1), "
           "('version', ?2)");
    if (!record) return record.error();
    record->bind(1, options.result.digest).bind(2, std::to_string(options.result.version));
    if (auto r = record->run(); !r) return r.error();
    if (!options.undo.empty()) {
        auto back = invert_store_changeset(changeset);
        if (!back) return back.error();
        std::string packed;
        if (options.pack_undo) {
            auto p = options.pack_undo(*back);
            if (!p) return make_error("the changes back: " + p.message());
            packed = std::move(*p);
        }
        if (auto w = write_synced(options.undo, options.pack_undo ? packed : *back); !w)
            return w.error();
    }
    if (auto c = txn.commit(); !c) return make_error(store.string() + ": " + c.message());
    checkpoint(d);
    ApplySummary summary;
    summary.changes = *checked;
    summary.items = static_cast<std::int64_t>(items.size());
    summary.text_rows = index ? index->rows_indexed() : 0;
    return summary;
}

}  // namespace

Result<std::string> store_content_digest(const fs::path& store) {
    auto db = open_db(store, SQLITE_OPEN_READONLY);
    if (!db) return db.error();
    auto tables = content_tables(db->get(), "main");
    if (!tables) return make_error(store.string() + ": " + tables.message());
    Lanes lanes{};
    for (const auto& table : *tables) {
        auto rows = sql::Statement::prepare(db->get(), "SELECT * FROM " + quoted(table));
        if (!rows) return make_error(store.string() + ": " + rows.message());
        while (rows->step()) fold_row(lanes, row_bytes(table, rows->raw()), 1);
        if (rows->failed()) return make_error(store.string() + ": " + rows->last_error());
    }
    return to_hex(lanes);
}

Result<std::string> invert_store_changeset(std::string_view changeset) {
    if (changeset.size() > static_cast<size_t>(std::numeric_limits<int>::max()))
        return make_error("the changes are too large to invert (over 2 GiB)");
    int n = 0;
    void* inverted = nullptr;
    const int rc = sqlite3changeset_invert(static_cast<int>(changeset.size()), changeset.data(), &n,
                                           &inverted);
    std::unique_ptr<void, decltype(&sqlite3_free)> hold(inverted, sqlite3_free);
    if (rc != SQLITE_OK)
        return make_error(std::string("cannot invert the changes: ") + sqlite3_errstr(rc));
    return std::string(static_cast<const char*>(inverted), static_cast<size_t>(n));
}

Result<StoreChangeset> make_store_changeset(const fs::path& from, const fs::path& to) {
    auto db = open_db(to, SQLITE_OPEN_READONLY);
    if (!db) return db.error();
    sqlite3* d = db->get();
    auto attach = sql::Statement::prepare(d, "ATTACH DATABASE ?1 AS old");
    if (!attach) return attach.error();
    attach->bind(1, from.string());
    if (auto a = attach->run(); !a) return make_error(from.string() + ": " + a.message());
    // Another schema version may lay rows out differently with the same columns (schema 3
    // renumbered item_texts): such a version is only published whole.
    {
        auto a = sql::Statement::prepare(d, "PRAGMA main.user_version");
        auto b = sql::Statement::prepare(d, "PRAGMA old.user_version");
        if (!a || !b || !a->step() || !b->step() || a->integer(0) != b->integer(0))
            return make_error("the two stores have different schema versions: only a full "
                              "version applies");
    }
    auto new_tables = content_tables(d, "main");
    auto old_tables = content_tables(d, "old");
    if (!new_tables) return new_tables.error();
    if (!old_tables) return old_tables.error();
    if (*new_tables != *old_tables)
        return make_error("the two stores hold different tables: only a full version applies");
    sqlite3_session* raw = nullptr;
    if (sqlite3session_create(d, "main", &raw) != SQLITE_OK)
        return make_error("cannot start a session: " + sql::error_of(d));
    std::unique_ptr<sqlite3_session, decltype(&sqlite3session_delete)> session(
        raw, sqlite3session_delete);
    for (const auto& table : *new_tables) {
        auto a = column_layout(d, "main", table), b = column_layout(d, "old", table);
        if (!a || !b || *a != *b)
            return make_error("table " + table + " differs in its columns: only a full version "
                              "applies");
        if (sqlite3session_attach(session.get(), table.c_str()) != SQLITE_OK)
            return make_error("table " + table + ": " + sql::error_of(d));
        char* message = nullptr;
        if (sqlite3session_diff(session.get(), "old", table.c_str(), &message) != SQLITE_OK) {
            std::string why = message ? message : sql::error_of(d);
            sqlite3_free(message);
            return make_error("table " + table + ": " + why);
        }
    }
    int n = 0;
    void* bytes = nullptr;
    if (sqlite3session_changeset(session.get(), &n, &bytes) != SQLITE_OK)
        return make_error("cannot write the changeset: " + sql::error_of(d));
    std::unique_ptr<void, decltype(&sqlite3_free)> hold(bytes, sqlite3_free);
    StoreChangeset out;
    out.bytes.assign(static_cast<const char*>(bytes), static_cast<size_t>(n));
    auto count = count_and_check(out.bytes);
    if (!count) return count.error();
    out.changes = *count;
    return out;
}

Result<StoreState> read_store_state(const fs::path& store) {
    auto db = open_db(store, SQLITE_OPEN_READONLY);
    if (!db) return db.error();
    auto rows = sql::Statement::prepare(db->get(), "SELECT key, value FROM applied_state");
    if (!rows) return make_error(store.string() + ": no recorded state");
    StoreState state;
    while (rows->step()) {
        if (rows->text(0) == "digest") state.digest = rows->text(1);
        if (rows->text(0) == "version") state.version = std::atoll(rows->text(1).c_str());
    }
    if (rows->failed() || state.digest.empty())
        return make_error(store.string() + ": no recorded state");
    return state;
}

Result<void> prepare_store_for_changes(const fs::path& store, const StoreState& state) {
    if (auto lanes = from_hex(state.digest); !lanes) return lanes.error();
    auto db = open_db(store, SQLITE_OPEN_READWRITE);
    if (!db) return db.error();
    sqlite3* d = db->get();
    {
        auto mode = sql::Statement::prepare(d, "PRAGMA journal_mode = WAL");
        if (!mode || !mode->step() || mode->text(0) != "wal")
            return make_error(store.string() + ": cannot switch to WAL mode: " + sql::error_of(d));
    }
    if (auto r = sql::exec(d,
                           "PRAGMA synchronous = FULL; BEGIN IMMEDIATE;"
                           "CREATE TABLE IF NOT EXISTS applied_state(key TEXT PRIMARY KEY, "
                           "value TEXT NOT NULL) WITHOUT ROWID;");
        !r)
        return make_error(store.string() + ": " + r.message());
    auto record = sql::Statement::prepare(
        d, "INSERT OR REPLACE INTO applied_state(key, value) VALUES('digest', ?1), "
           "('version', ?2)");
    if (!record) return record.error();
    record->bind(1, state.digest).bind(2, std::to_string(state.version));
    if (auto r = record->run(); !r) {
        sqlite3_exec(d, "ROLLBACK", nullptr, nullptr, nullptr);
        return r.error();
    }
    if (auto r = sql::exec(d, "COMMIT"); !r) return make_error(store.string() + ": " + r.message());
    checkpoint(d);
    return {};
}

Result<void> checkpoint_store(const fs::path& store) {
    auto db = open_db(store, SQLITE_OPEN_READWRITE);
    if (!db) return db.error();
    quiet_close(db->get());
    checkpoint(db->get());
    return {};
}

Result<bool> upgrade_store(const fs::path& store) {
    auto db = open_db(store, SQLITE_OPEN_READWRITE);
    if (!db) return db.error();
    sqlite3* d = db->get();
    // Run on every sync attempt, mostly to find nothing to do: closing must neither checkpoint
    // nor delete the WAL (a reader opening the store then would be locked out).
    quiet_close(d);
    std::int64_t version = 0;
    {
        auto stmt = sql::Statement::prepare(d, "PRAGMA user_version");
        if (!stmt || !stmt->step()) return make_error(store.string() + ": " + sql::error_of(d));
        version = stmt->integer(0);
    }
    if (version == schema::kVersion) return false;
    if (version > schema::kVersion)
        return make_error(store.string() + ": store schema version " + std::to_string(version) +
                          " is newer than this program (" + std::to_string(schema::kVersion) + ")");
    auto items = sql::Statement::prepare(
        d, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'item_texts'");
    if (version <= 0 || !items || !items->step())
        return make_error(store.string() + ": not a Guichet content store");
    if (auto p = sql::exec(d, "PRAGMA synchronous = FULL"); !p) return p.error();
    Transaction txn(d);
    if (auto b = txn.begin(); !b) return make_error(store.string() + ": " + b.message());
    if (auto m = schema::migrate(d); !m)
        return make_error(store.string() + ": migrating from schema " + std::to_string(version) +
                          ": " + m.message());
    auto has_state = sql::Statement::prepare(
        d, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'applied_state'");
    if (has_state && has_state->step())
        if (auto r = sql::exec(d, "DELETE FROM applied_state WHERE key = 'digest'"); !r)
            return make_error(store.string() + ": " + r.message());
    if (auto c = txn.commit(); !c) return make_error(store.string() + ": " + c.message());
    // Into the store file now: a kiosk that could not read the old store sees the file change.
    checkpoint(d);
    return true;
}

Result<void> forget_store_digest(const fs::path& store) {
    auto db = open_db(store, SQLITE_OPEN_READWRITE);
    if (!db) return db.error();
    quiet_close(db->get());
    if (auto r = sql::exec(db->get(), "PRAGMA synchronous = FULL; "
                                      "DELETE FROM applied_state WHERE key = 'digest'");
        !r)
        return make_error(store.string() + ": " + r.message());
    checkpoint(db->get());
    return {};
}

Result<ApplySummary> apply_store_changeset(const fs::path& store, std::string_view changeset,
                                           const ApplyOptions& options) {
    try {
        return apply_unguarded(store, changeset, options);
    } catch (const std::exception& e) {
        return make_error(store.string() + ": " + e.what());
    }
}

}  // namespace guichet::content
