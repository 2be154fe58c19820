#include "sync/store_delta.h"

// The session extension is compiled into Debian's SQLite; its declarations are opt-in.
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <zstd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <vector>

namespace guichet::sync::store {
namespace {

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
struct SessionDeleter {
    void operator()(sqlite3_session* s) const { sqlite3session_delete(s); }
};
struct CCtxDeleter {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DCtxDeleter {
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};
struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;
using File = std::unique_ptr<std::FILE, FileCloser>;

Result<Db> open_db(const std::filesystem::path& p, int flags) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(p.c_str(), &raw, flags, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK)
        return make_error(p.string() +
                          ": cannot open: " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    sqlite3_busy_timeout(raw, 5000);
    return db;
}

Result<Stmt> prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
        return make_error(std::string("SQL error: ") + sqlite3_errmsg(db));
    return Stmt(s);
}

// Ordinary tables (virtual tables' shadow tables included: they are plain tables) with their
// CREATE text; the two stores must agree on it for a changeset to mean anything.
Result<std::vector<std::pair<std::string, std::string>>> schema(sqlite3* db,
                                                                const std::string& schema_name) {
    auto st =
        prepare(db, "SELECT type, name, COALESCE(sql,'') FROM \"" + schema_name +
                        "\".sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
    if (!st) return st.error();
    std::vector<std::pair<std::string, std::string>> out;
    while (sqlite3_step(st->get()) == SQLITE_ROW) {
        std::string type = reinterpret_cast<const char*>(sqlite3_column_text(st->get(), 0));
        std::string name = reinterpret_cast<const char*>(sqlite3_column_text(st->get(), 1));
        std::string sql = reinterpret_cast<const char*>(sqlite3_column_text(st->get(), 2));
        out.emplace_back(type + ":" + name, sql);
    }
    return out;
}

std::int64_t user_version(sqlite3* db, const std::string& schema_name) {
    auto st = prepare(db, "PRAGMA \"" + schema_name + "\".user_version");
    if (!st || sqlite3_step(st->get()) != SQLITE_ROW) return -1;
    return sqlite3_column_int64(st->get(), 0);
}

bool has_primary_key(sqlite3* db, const std::string& table) {
    auto st = prepare(db, "SELECT COUNT(*) FROM pragma_table_info(?1) WHERE pk > 0");
    if (!st) return false;
    sqlite3_bind_text(st->get(), 1, table.c_str(), -1, SQLITE_TRANSIENT);
    return sqlite3_step(st->get()) == SQLITE_ROW && sqlite3_column_int(st->get(), 0) > 0;
}

Result<std::string> read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return make_error(p.string() + ": cannot open");
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

Result<std::int64_t> check_store(const std::filesystem::path& path) {
    auto db = open_db(path, SQLITE_OPEN_READONLY);
    if (!db) return db.error();
    auto st = prepare(db->get(), "PRAGMA quick_check");
    if (!st) return make_error(path.string() + ": not a SQLite database: " + st.message());
    std::string first;
    int rows = 0;
    int rc;
    while ((rc = sqlite3_step(st->get())) == SQLITE_ROW) {
        if (rows++ == 0) first = reinterpret_cast<const char*>(sqlite3_column_text(st->get(), 0));
    }
    if (rc != SQLITE_DONE)
        return make_error(path.string() + ": quick_check failed: " + sqlite3_errmsg(db->get()));
    if (rows != 1 || first != "ok") return make_error(path.string() + ": quick_check: " + first);
    auto uv = user_version(db->get(), "main");
    if (uv <= 0)
        return make_error(path.string() + ": not a content store (user_version " +
                          std::to_string(uv) + ")");
    return uv;
}

Result<std::string> diff(const std::filesystem::path& from, const std::filesystem::path& to) {
    auto db = open_db(to, SQLITE_OPEN_READONLY);
    if (!db) return db.error();
    auto attach = prepare(db->get(), "ATTACH DATABASE ?1 AS old");
    if (!attach) return attach.error();
    sqlite3_bind_text(attach->get(), 1, from.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(attach->get()) != SQLITE_DONE)
        return make_error(from.string() + ": cannot attach: " + sqlite3_errmsg(db->get()));
    auto a = schema(db->get(), "main");
    auto b = schema(db->get(), "old");
    if (!a || !b) return make_error("cannot read schemas");
    if (*a != *b) return make_error("schemas differ: full store only");
    if (user_version(db->get(), "main") != user_version(db->get(), "old"))
        return make_error("schema versions differ: full store only");

    sqlite3_session* raw = nullptr;
    if (sqlite3session_create(db->get(), "main", &raw) != SQLITE_OK)
        return make_error("sqlite3session_create failed");
    std::unique_ptr<sqlite3_session, SessionDeleter> session(raw);
    for (const auto& [key, sql] : *a) {
        if (key.rfind("table:", 0) != 0 || sql.rfind("CREATE VIRTUAL", 0) == 0) continue;
        std::string table = key.substr(6);
        if (!has_primary_key(db->get(), table))
            return make_error("table " + table + " has no primary key: full store only");
        if (sqlite3session_attach(session.get(), table.c_str()) != SQLITE_OK)
            return make_error("cannot track table " + table);
        char* err = nullptr;
        if (sqlite3session_diff(session.get(), "old", table.c_str(), &err) != SQLITE_OK) {
            std::string why = err ? err : "unknown";
            sqlite3_free(err);
            return make_error("diff of " + table + " failed: " + why);
        }
    }
    int n = 0;
    void* buf = nullptr;
    if (sqlite3session_changeset(session.get(), &n, &buf) != SQLITE_OK)
        return make_error("changeset failed");
    std::string out(static_cast<const char*>(buf), static_cast<size_t>(n));
    sqlite3_free(buf);
    return out;
}

Result<void> apply(const std::filesystem::path& path, const std::string& changeset) {
    auto db = open_db(path, SQLITE_OPEN_READWRITE);
    if (!db) return db.error();
    sqlite3_exec(db->get(), "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
    int conflicts = 0;
    auto on_conflict = [](void* ctx, int, sqlite3_changeset_iter*) -> int {
        ++*static_cast<int*>(ctx);
        return SQLITE_CHANGESET_ABORT;
    };
    int rc = sqlite3changeset_apply(db->get(), static_cast<int>(changeset.size()),
                                    const_cast<char*>(changeset.data()), nullptr, on_conflict,
                                    &conflicts);
    if (rc != SQLITE_OK || conflicts > 0)
        return make_error(path.string() + ": changeset does not apply (" +
                          std::to_string(conflicts) + " conflicts): base differs");
    return {};
}

Result<std::string> compress(const std::string& bytes, int level) {
    std::string out(ZSTD_compressBound(bytes.size()), '\0');
    size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), level);
    if (ZSTD_isError(n)) return make_error(std::string("zstd: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

Result<std::string> decompress(const std::string& bytes) {
    std::unique_ptr<ZSTD_DCtx, DCtxDeleter> d(ZSTD_createDCtx());
    std::string out;
    std::vector<char> buf(ZSTD_DStreamOutSize());
    ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
    size_t last = 1;
    while (in.pos < in.size) {
        ZSTD_outBuffer o{buf.data(), buf.size(), 0};
        last = ZSTD_decompressStream(d.get(), &o, &in);
        if (ZSTD_isError(last)) return make_error(std::string("zstd: ") + ZSTD_getErrorName(last));
        out.append(buf.data(), o.pos);
    }
    if (last != 0) return make_error("zstd: truncated frame");
    return out;
}

Result<void> compress_file(const std::filesystem::path& in_path,
                           const std::filesystem::path& out_path, int level) {
    auto bytes = read_all(in_path);
    if (!bytes) return bytes.error();
    std::unique_ptr<ZSTD_CCtx, CCtxDeleter> c(ZSTD_createCCtx());
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_checksumFlag, 1);
    std::string out(ZSTD_compressBound(bytes->size()), '\0');
    size_t n = ZSTD_compress2(c.get(), out.data(), out.size(), bytes->data(), bytes->size());
    if (ZSTD_isError(n)) return make_error(std::string("zstd: ") + ZSTD_getErrorName(n));
    File f(std::fopen(out_path.c_str(), "wb"));
    if (!f || std::fwrite(out.data(), 1, n, f.get()) != n || std::fflush(f.get()) != 0)
        return make_error(out_path.string() + ": write failed");
    return {};
}

Result<void> decompress_file(const std::filesystem::path& in_path,
                             const std::filesystem::path& out_path) {
    File in(std::fopen(in_path.c_str(), "rb"));
    if (!in) return make_error(in_path.string() + ": cannot open");
    File out(std::fopen(out_path.c_str(), "wb"));
    if (!out) return make_error(out_path.string() + ": cannot create");
    std::unique_ptr<ZSTD_DCtx, DCtxDeleter> d(ZSTD_createDCtx());
    std::vector<char> ibuf(ZSTD_DStreamInSize()), obuf(ZSTD_DStreamOutSize());
    size_t last = 1;
    for (;;) {
        size_t got = std::fread(ibuf.data(), 1, ibuf.size(), in.get());
        if (got == 0) break;
        ZSTD_inBuffer ib{ibuf.data(), got, 0};
        while (ib.pos < ib.size) {
            ZSTD_outBuffer ob{obuf.data(), obuf.size(), 0};
            last = ZSTD_decompressStream(d.get(), &ob, &ib);
            if (ZSTD_isError(last))
                return make_error(in_path.string() + ": zstd: " + ZSTD_getErrorName(last));
            if (std::fwrite(obuf.data(), 1, ob.pos, out.get()) != ob.pos)
                return make_error(out_path.string() + ": disk full or write error");
        }
    }
    if (last != 0) return make_error(in_path.string() + ": truncated zstd frame");
    if (std::fflush(out.get()) != 0)
        return make_error(out_path.string() + ": disk full or write error");
    return {};
}

}  // namespace guichet::sync::store
