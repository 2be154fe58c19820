// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/store_rows.h"

#include <cstdio>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "schema.h"
#include "search_index.h"
#include "sqlite_util.h"
#include "text_search.h"
#include "whole_file.h"

namespace guichet::content {
namespace fs = std::filesystem;
namespace {

// Layout: magic, format version, user_version, page_size; then records: 'T' table (name, SQL,
// WITHOUT ROWID flag, column names, rows each opened by 'r', closed by 'e'), 'V' virtual
// table (name, SQL), 'S' statement run after the rows (indexes, triggers, views); 'Z' and the
// row count end it. Integers are varints; a value is a tag then its bytes. An integer is
// stored as the difference from the same column's previous integer, so sequences (rowids,
// list positions) that shift by one insertion cost one byte each row instead of changing
// every row's bytes.
constexpr char kMagic[] = "guichet-rows\n";
constexpr std::uint64_t kFormatVersion = 1;
enum Tag : unsigned char { kNull = 0, kInteger = 1, kReal = 2, kText = 3, kBlob = 4 };

// Rows a store derives from the others (search_index.cpp): never in an image.
const std::set<std::string> kDerivedTables = {"term_stats", "spell_terms", "spell_keys",
                                               "search_boost", "applied_state"};
constexpr const char* kDerivedIndex = "search";

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

class ImageWriter {
  public:
    explicit ImageWriter(std::FILE* f) : file_(f) {}
    void byte(unsigned char b) { buffer_.push_back(static_cast<char>(b)); }
    void varint(std::uint64_t n) {
        do {
            unsigned char b = n & 0x7f;
            n >>= 7;
            byte(n ? (b | 0x80) : b);
        } while (n);
    }
    void bytes(const void* data, size_t size) {
        varint(size);
        buffer_.append(static_cast<const char*>(data), size);
    }
    void text(const std::string& s) { bytes(s.data(), s.size()); }
    bool flush(bool force = false) {
        if (!force && buffer_.size() < (1u << 20)) return true;
        bool ok = std::fwrite(buffer_.data(), 1, buffer_.size(), file_) == buffer_.size();
        written_ += static_cast<std::int64_t>(buffer_.size());
        buffer_.clear();
        return ok;
    }
    std::int64_t written() const { return written_ + static_cast<std::int64_t>(buffer_.size()); }

  private:
    std::FILE* file_;
    std::string buffer_;
    std::int64_t written_ = 0;
};

class ImageReader {
  public:
    ImageReader(std::FILE* f, std::string name, std::int64_t size)
        : file_(f), name_(std::move(name)), size_(size) {}
    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    void fail(const std::string& why) {
        if (error_.empty()) error_ = name_ + ": offset " + std::to_string(offset_) + ": " + why;
    }
    unsigned char byte() {
        int c = getc_unlocked(file_);
        if (c == EOF) {
            fail("truncated row image");
            return 0;
        }
        ++offset_;
        return static_cast<unsigned char>(c);
    }
    std::uint64_t varint() {
        std::uint64_t n = 0;
        for (int shift = 0; shift < 64 && ok(); shift += 7) {
            unsigned char b = byte();
            n |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80)) return n;
        }
        fail("malformed number");
        return 0;
    }
    std::string bytes(std::uint64_t limit = 1u << 30) {
        std::uint64_t size = varint();
        if (!ok()) return {};
        if (size > limit) {
            fail("field of " + std::to_string(size) + " bytes is too long");
            return {};
        }
        if (size > static_cast<std::uint64_t>(size_ - offset_)) {
            fail("truncated row image");
            return {};
        }
        std::string out(size, '\0');
        if (size && std::fread(out.data(), 1, size, file_) != size) fail("truncated row image");
        offset_ += static_cast<std::int64_t>(size);
        return out;
    }

  private:
    std::FILE* file_;
    std::string name_;
    std::string error_;
    std::int64_t size_;
    std::int64_t offset_ = 0;
};

std::uint64_t zigzag(std::int64_t n) {
    return (static_cast<std::uint64_t>(n) << 1) ^ static_cast<std::uint64_t>(n >> 63);
}
std::int64_t unzigzag(std::uint64_t n) {
    return static_cast<std::int64_t>(n >> 1) ^ -static_cast<std::int64_t>(n & 1);
}

std::string sql_name(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

struct TableInfo {
    std::string type;  // table, virtual, shadow, view
    bool without_rowid = false;
};

Result<TableInfo> table_info(sqlite3* db, const std::string& name) {
    auto stmt = sql::Statement::prepare(db,
                                        "SELECT type, wr FROM pragma_table_list WHERE name = ?1 "
                                        "AND schema = 'main'");
    if (!stmt) return stmt.error();
    stmt->bind(1, name);
    if (!stmt->step()) return make_error("table " + name + ": not listed");
    return TableInfo{stmt->text(0), stmt->integer(1) != 0};
}

Result<std::vector<std::string>> column_names(sqlite3* db, const std::string& table) {
    auto stmt = sql::Statement::prepare(db, "SELECT name, hidden FROM pragma_table_xinfo(?1)");
    if (!stmt) return stmt.error();
    stmt->bind(1, table);
    std::vector<std::string> names;
    while (stmt->step()) {
        if (stmt->integer(1) != 0)
            return make_error("table " + table + ": hidden or generated columns are not supported");
        names.push_back(stmt->text(0));
    }
    if (names.empty()) return make_error("table " + table + ": no columns");
    return names;
}

// "rowid", or the primary key's columns in key order.
Result<std::string> key_order(sqlite3* db, const std::string& table, bool without_rowid) {
    if (!without_rowid) return std::string("rowid");
    auto stmt = sql::Statement::prepare(
        db, "SELECT name FROM pragma_table_xinfo(?1) WHERE pk > 0 ORDER BY pk");
    if (!stmt) return stmt.error();
    stmt->bind(1, table);
    std::string order;
    while (stmt->step()) order += (order.empty() ? "" : ", ") + sql_name(stmt->text(0));
    if (order.empty()) return make_error("table " + table + ": no primary key");
    return order;
}

// The DDL in an image is the publisher's, but it arrives over the network: run it so that it
// can only shape the new store. No other database may be attached (that also stops VACUUM
// INTO), and the pragmas that move files elsewhere are refused, so even a signed image cannot
// write a file outside the store being built. (FTS5 runs pragmas of its own: others pass.)
int authorize_image_statement(void*, int action, const char* argument, const char*,
                              const char* database, const char*) {
    if (action == SQLITE_ATTACH || action == SQLITE_DETACH) return SQLITE_DENY;
    if (action == SQLITE_PRAGMA && argument &&
        (sqlite3_stricmp(argument, "temp_store_directory") == 0 ||
         sqlite3_stricmp(argument, "data_store_directory") == 0))
        return SQLITE_DENY;
    if (database && std::strcmp(database, "main") != 0 && std::strcmp(database, "temp") != 0)
        return SQLITE_DENY;
    return SQLITE_OK;
}

Result<void> exec_image_statement(sqlite3* db, const std::string& statement) {
    sqlite3_set_authorizer(db, authorize_image_statement, nullptr);
    auto done = sql::exec(db, statement.c_str());
    sqlite3_set_authorizer(db, nullptr, nullptr);
    return done;
}

Result<RowImageSummary> export_unguarded(const fs::path& store, const fs::path& out) {
    auto db = sql::open(store, SQLITE_OPEN_READONLY);
    if (!db) return db.error();
    File file(std::fopen(out.c_str(), "wb"));
    if (!file) return make_error(out.string() + ": cannot create");
    ImageWriter w(file.get());
    RowImageSummary summary;
    auto header = sql::Statement::prepare(db->get(), "PRAGMA user_version");
    auto page = sql::Statement::prepare(db->get(), "PRAGMA page_size");
    if (!header || !page || !header->step() || !page->step())
        return make_error(store.string() + ": not an SQLite database: " + sql::error_of(db->get()));
    w.bytes(kMagic, sizeof kMagic - 1);
    w.varint(kFormatVersion);
    w.varint(static_cast<std::uint64_t>(header->integer(0)));
    w.varint(static_cast<std::uint64_t>(page->integer(0)));

    auto objects = sql::Statement::prepare(
        db->get(), "SELECT type, name, sql FROM sqlite_schema ORDER BY rowid");
    if (!objects) return objects.error();
    std::vector<std::string> after_rows;
    while (objects->step()) {
        std::string type = objects->text(0), name = objects->text(1), sql = objects->text(2);
        if (type != "table") {
            if (!objects->is_null(2)) after_rows.push_back(sql);  // not the automatic indexes
            continue;
        }
        if (name.rfind("sqlite_", 0) == 0)
            return make_error(store.string() + ": " + name + " is not supported in a store");
        auto info = table_info(db->get(), name);
        if (!info) return make_error(store.string() + ": " + info.message());
        if (info->type == "shadow") continue;
        if (info->type == "virtual") {
            w.byte('V');
            w.text(name);
            w.text(sql);
            continue;
        }
        auto columns = column_names(db->get(), name);
        if (!columns) return make_error(store.string() + ": " + columns.message());
        w.byte('T');
        w.text(name);
        w.text(sql);
        w.byte(info->without_rowid ? 1 : 0);
        w.varint(columns->size());
        for (const auto& c : *columns) w.text(c);
        ++summary.tables;
        if (!kDerivedTables.count(name)) {
            // In key order, said explicitly: left to itself the planner may scan a covering
            // index instead (item_values does), and the image must not depend on that.
            std::string select = info->without_rowid ? "SELECT *" : "SELECT rowid, *";
            auto order = key_order(db->get(), name, info->without_rowid);
            if (!order) return make_error(store.string() + ": " + order.message());
            auto rows = sql::Statement::prepare(
                db->get(), select + " FROM " + sql_name(name) + " ORDER BY " + *order);
            if (!rows) return rows.error();
            const int n = sqlite3_column_count(rows->raw());
            std::vector<std::int64_t> previous(static_cast<size_t>(n), 0);
            sqlite3_stmt* s = rows->raw();
            while (rows->step()) {
                w.byte('r');
                for (int c = 0; c < n; ++c) {
                    switch (sqlite3_column_type(s, c)) {
                        case SQLITE_NULL:
                            w.byte(kNull);
                            break;
                        case SQLITE_INTEGER: {
                            std::int64_t v = sqlite3_column_int64(s, c);
                            w.byte(kInteger);
                            // Wrapping difference: defined for any two int64 values.
                            w.varint(zigzag(static_cast<std::int64_t>(
                                static_cast<std::uint64_t>(v) -
                                static_cast<std::uint64_t>(previous[static_cast<size_t>(c)]))));
                            previous[static_cast<size_t>(c)] = v;
                            break;
                        }
                        case SQLITE_FLOAT: {
                            double v = sqlite3_column_double(s, c);
                            unsigned char raw[8];
                            std::memcpy(raw, &v, 8);
                            w.byte(kReal);
                            w.bytes(raw, 8);
                            break;
                        }
                        case SQLITE_TEXT:
                            w.byte(kText);
                            w.bytes(sqlite3_column_text(s, c),
                                    static_cast<size_t>(sqlite3_column_bytes(s, c)));
                            break;
                        default:
                            w.byte(kBlob);
                            w.bytes(sqlite3_column_blob(s, c),
                                    static_cast<size_t>(sqlite3_column_bytes(s, c)));
                            break;
                    }
                }
                ++summary.rows;
                if (!w.flush()) return make_error(out.string() + ": write failed");
            }
            if (rows->failed())
                return make_error(store.string() + ": table " + name + ": " + rows->last_error());
        }
        w.byte('e');
    }
    if (objects->failed()) return make_error(store.string() + ": " + objects->last_error());
    for (const auto& sql : after_rows) {
        w.byte('S');
        w.text(sql);
    }
    w.byte('Z');
    w.varint(static_cast<std::uint64_t>(summary.rows));
    if (!w.flush(true) || std::fflush(file.get()) != 0 || std::ferror(file.get()))
        return make_error(out.string() + ": write failed");
    summary.bytes = w.written();
    if (std::fclose(file.release()) != 0) return make_error(out.string() + ": write failed");
    return summary;
}

Result<RowImageSummary> build_unguarded(const fs::path& image, const fs::path& out) {
    File file(std::fopen(image.c_str(), "rb"));
    if (!file) return make_error(image.string() + ": cannot open");
    std::error_code size_error;
    const auto image_size = static_cast<std::int64_t>(fs::file_size(image, size_error));
    if (size_error) return make_error(image.string() + ": " + size_error.message());
    ImageReader r(file.get(), image.string(), image_size);
    if (r.bytes(64) != std::string(kMagic, sizeof kMagic - 1) || !r.ok())
        return make_error(image.string() + ": not a Guichet row image");
    if (auto v = r.varint(); v != kFormatVersion)
        return make_error(image.string() + ": row image format " + std::to_string(v) +
                          " is not supported (this program reads " +
                          std::to_string(kFormatVersion) + ")");
    const std::uint64_t user_version = r.varint();
    const std::uint64_t page_size = r.varint();
    if (!r.ok()) return make_error(r.error());
    if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)))
        return make_error(image.string() + ": bad page size " + std::to_string(page_size));

    std::error_code ignored;
    fs::remove(out, ignored);
    auto db = sql::open(out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db) return db.error();
    sqlite3_limit(db->get(), SQLITE_LIMIT_ATTACHED, 0);
    if (auto t = text::register_search_functions(db->get()); !t) return t.error();
    // A new file nobody else sees until the caller checks and switches it in: no journal.
    std::string pragmas = "PRAGMA page_size = " + std::to_string(page_size) +
                          "; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                          " PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -65536;"
                          " PRAGMA temp_store = MEMORY; PRAGMA user_version = " +
                          std::to_string(user_version) + ";";
    if (auto p = sql::exec(db->get(), pragmas.c_str()); !p) return p.error();
    if (auto b = sql::exec(db->get(), "BEGIN"); !b) return b.error();

    RowImageSummary summary;
    bool derive_index = false;
    bool room_made = false;
    std::vector<std::string> after_rows;
    for (;;) {
        unsigned char record = r.byte();
        if (!r.ok()) return make_error(r.error());
        if (record == 'Z') break;
        if (record == 'S') {
            after_rows.push_back(r.bytes());
            continue;
        }
        if (record == 'V') {
            std::string name = r.bytes(), sql = r.bytes();
            if (!r.ok()) return make_error(r.error());
            if (name != kDerivedIndex)
                return make_error(image.string() + ": virtual table " + name +
                                  " cannot be rebuilt");
            if (auto c = exec_image_statement(db->get(), sql); !c)
                return make_error(image.string() + ": " + c.message());
            derive_index = true;
            continue;
        }
        if (record != 'T') {
            r.fail("unknown record");
            return make_error(r.error());
        }
        std::string name = r.bytes(), sql = r.bytes();
        bool without_rowid = r.byte() != 0;
        std::uint64_t columns = r.varint();
        if (!r.ok()) return make_error(r.error());
        if (columns == 0 || columns > 2000)
            return make_error(image.string() + ": table " + name + ": bad column count");
        std::string insert = "INSERT INTO " + sql_name(name) + "(";
        if (!without_rowid) insert += "rowid, ";
        // item_texts gets room in its pages (schema::kTextRoom): its `extra` is padded here
        // and trimmed once every row is in.
        int padded = -1;
        for (std::uint64_t c = 0; c < columns; ++c) {
            const std::string column = r.bytes();
            if (name == "item_texts" && column == "extra")
                padded = static_cast<int>(c) + (without_rowid ? 0 : 1);
            insert += (c ? ", " : "") + sql_name(column);
        }
        if (!r.ok()) return make_error(r.error());
        if (padded >= 0) room_made = true;
        const int values = static_cast<int>(columns) + (without_rowid ? 0 : 1);
        insert += ") VALUES(";
        for (int c = 0; c < values; ++c) insert += c ? ", ?" : "?";
        insert += ")";
        if (auto c = exec_image_statement(db->get(), sql); !c)
            return make_error(image.string() + ": " + c.message());
        auto stmt = sql::Statement::prepare(db->get(), insert);
        if (!stmt) return make_error(image.string() + ": " + stmt.message());
        sqlite3_stmt* s = stmt->raw();
        std::vector<std::int64_t> previous(static_cast<size_t>(values), 0);
        ++summary.tables;
        for (;;) {
            unsigned char mark = r.byte();
            if (!r.ok()) return make_error(r.error());
            if (mark == 'e') break;
            if (mark != 'r') {
                r.fail("expected a row");
                return make_error(r.error());
            }
            stmt->reset();
            for (int c = 0; c < values; ++c) {
                unsigned char tag = r.byte();
                switch (tag) {
                    case kNull:
                        sqlite3_bind_null(s, c + 1);
                        break;
                    case kInteger: {
                        auto& p = previous[static_cast<size_t>(c)];
                        p = static_cast<std::int64_t>(
                            static_cast<std::uint64_t>(p) +
                            static_cast<std::uint64_t>(unzigzag(r.varint())));
                        sqlite3_bind_int64(s, c + 1, p);
                        break;
                    }
                    case kReal: {
                        std::string raw = r.bytes(8);
                        double v = 0;
                        if (raw.size() == 8)
                            std::memcpy(&v, raw.data(), 8);
                        else
                            r.fail("bad real");
                        sqlite3_bind_double(s, c + 1, v);
                        break;
                    }
                    case kText:
                    case kBlob: {
                        std::string v = r.bytes();
                        if (c == padded && tag == kText) v.append(schema::kTextRoom, ' ');
                        if (tag == kText)
                            sqlite3_bind_text(s, c + 1, v.data(), static_cast<int>(v.size()),
                                              SQLITE_TRANSIENT);
                        else
                            sqlite3_bind_blob(s, c + 1, v.data(), static_cast<int>(v.size()),
                                              SQLITE_TRANSIENT);
                        break;
                    }
                    default:
                        r.fail("unknown value type " + std::to_string(tag));
                }
                if (!r.ok()) return make_error(r.error());
            }
            if (auto done = stmt->run(); !done)
                return make_error(image.string() + ": table " + name + ": " + done.message());
            ++summary.rows;
        }
    }
    const std::uint64_t declared_rows = r.varint();
    if (!r.ok()) return make_error(r.error());
    if (std::getc(file.get()) != EOF)
        return make_error(image.string() + ": data after the end of the row image");
    if (declared_rows != static_cast<std::uint64_t>(summary.rows))
        return make_error(image.string() + ": row image declares " + std::to_string(declared_rows) +
                          " rows, holds " + std::to_string(summary.rows));
    if (room_made)
        if (auto t = sql::exec(db->get(), schema::trim_text_room().c_str()); !t)
            return make_error(out.string() + ": " + t.message());
    for (const auto& sql : after_rows)
        if (auto c = exec_image_statement(db->get(), sql); !c)
            return make_error(image.string() + ": " + c.message());
    // An image of an older schema (its publisher still runs older software) is brought forward
    // before the derived data, which this program builds for its own schema only; a kiosk
    // could not read it otherwise. (Only a content store has the derived index.)
    if (derive_index && user_version >= 1 && user_version < schema::kVersion)
        if (auto m = schema::migrate(db->get()); !m)
            return make_error(out.string() + ": migrating from schema " +
                              std::to_string(user_version) + ": " + m.message());
    if (auto c = sql::exec(db->get(), "COMMIT"); !c) return c.error();
    if (derive_index)
        if (auto i = search_index::build(db->get(), /*write_word_counts=*/false); !i)
            return make_error(out.string() + ": search index: " + i.message());
    if (sqlite3_close_v2(db->release()) != SQLITE_OK)
        return make_error(out.string() + ": cannot close");
    summary.bytes = static_cast<std::int64_t>(fs::file_size(image, ignored));
    return summary;
}

}  // namespace

Result<RowImageSummary> export_store_rows(const fs::path& store, const fs::path& out) {
    return written_whole(out, [&] { return export_unguarded(store, out); });
}

Result<RowImageSummary> build_store_from_rows(const fs::path& image, const fs::path& out) {
    return written_whole(out, [&] { return build_unguarded(image, out); });
}

}  // namespace guichet::content
