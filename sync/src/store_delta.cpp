// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store_delta.h"

#include <sqlite3.h>
#include <zstd.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "platform/file_descriptor.h"
#include "platform/files.h"

namespace guichet::sync::store {
namespace {

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
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

std::int64_t user_version(sqlite3* db, const std::string& schema_name) {
    auto st = prepare(db, "PRAGMA \"" + schema_name + "\".user_version");
    if (!st || sqlite3_step(st->get()) != SQLITE_ROW) return -1;
    return sqlite3_column_int64(st->get(), 0);
}

// The publisher's own files: a row image of a large corpus is a few hundred MB.
Result<std::string> read_all(const std::filesystem::path& p) {
    return files::read_regular_file(p, 4LL << 30);
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

namespace {

// A whole file mapped read-only, or written through a shared mapping of a given size.
class MappedFile {
  public:
    static Result<MappedFile> open_read(const std::filesystem::path& p) {
        auto fd = files::open_regular_file(p);
        if (!fd) return fd.error();
        return map_read(::dup(fd->get()), p.string());
    }
    // Takes ownership of `fd`.
    static Result<MappedFile> map_read(int fd, const std::string& name) {
        MappedFile m;
        m.fd_ = fd;
        if (m.fd_ < 0) return make_error(name + ": cannot open: " + std::strerror(errno));
        struct stat st {};
        if (::fstat(m.fd_, &st) != 0 || !S_ISREG(st.st_mode))
            return make_error(name + ": not a regular file");
        m.size_ = static_cast<size_t>(st.st_size);
        if (m.size_ > 0) {
            m.data_ = ::mmap(nullptr, m.size_, PROT_READ, MAP_SHARED, m.fd_, 0);
            if (m.data_ == MAP_FAILED) {
                m.data_ = nullptr;
                return make_error(name + ": cannot map: " + std::strerror(errno));
            }
        }
        return m;
    }
    // Takes ownership of `fd` (open read-write); the file is truncated to `size`.
    static Result<MappedFile> map_write(int fd, size_t size, const std::string& name) {
        MappedFile m;
        m.fd_ = fd;
        if (m.fd_ < 0) return make_error(name + ": cannot create: " + std::strerror(errno));
        if (::ftruncate(m.fd_, 0) != 0)
            return make_error(name + ": cannot truncate: " + std::strerror(errno));
        // Reserve the blocks now: a full disk shows here as an error, not later as SIGBUS.
        int rc = ::posix_fallocate(m.fd_, 0, static_cast<off_t>(size));
        if (rc != 0) return make_error(name + ": disk full or write error: " + std::strerror(rc));
        m.size_ = size;
        if (size > 0) {
            m.data_ = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, m.fd_, 0);
            if (m.data_ == MAP_FAILED) {
                m.data_ = nullptr;
                return make_error(name + ": cannot map: " + std::strerror(errno));
            }
        }
        return m;
    }
    MappedFile() = default;
    MappedFile(MappedFile&& o) noexcept { swap(o); }
    MappedFile& operator=(MappedFile&& o) noexcept {
        swap(o);
        return *this;
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile() {
        if (data_) ::munmap(data_, size_);
        if (fd_ >= 0) ::close(fd_);
    }
    void* data() const { return data_; }
    size_t size() const { return size_; }
    bool sync() const {
        return (!data_ || ::msync(data_, size_, MS_SYNC) == 0) && ::fsync(fd_) == 0;
    }

  private:
    void swap(MappedFile& o) noexcept {
        std::swap(fd_, o.fd_);
        std::swap(data_, o.data_);
        std::swap(size_, o.size_);
    }
    int fd_ = -1;
    void* data_ = nullptr;
    size_t size_ = 0;
};

// zstd's largest window (its ZSTD_WINDOWLOG_MAX, a static-linking-only constant).
constexpr int kMaxWindowLog = sizeof(size_t) == 4 ? 30 : 31;

int window_log_for(size_t bytes) {
    int log = 10;
    while (log < kMaxWindowLog && (size_t{1} << log) < bytes) ++log;
    return log;
}

}  // namespace

Result<std::string> make_patch(const std::filesystem::path& from, const std::filesystem::path& to,
                               int level) {
    auto old_map = MappedFile::open_read(from);
    if (!old_map) return old_map.error();
    auto new_map = MappedFile::open_read(to);
    if (!new_map) return new_map.error();
    std::unique_ptr<ZSTD_CCtx, CCtxDeleter> c(ZSTD_createCCtx());
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_enableLongDistanceMatching, 1);
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_windowLog,
                           window_log_for(std::max(old_map->size(), new_map->size())));
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_checksumFlag, 1);
    if (old_map->size() > 0) ZSTD_CCtx_refPrefix(c.get(), old_map->data(), old_map->size());
    std::string out(ZSTD_compressBound(new_map->size()), '\0');
    size_t n = ZSTD_compress2(c.get(), out.data(), out.size(), new_map->data(), new_map->size());
    if (ZSTD_isError(n)) return make_error(std::string("zstd patch: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

Result<void> apply_patch(const std::filesystem::path& from, const std::string& patch,
                         const std::filesystem::path& out, std::int64_t expected_size) {
    auto base = files::open_regular_file(from);
    if (!base) return base.error();
    files::FileDescriptor target(
        ::open(out.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!target.valid())
        return make_error(out.string() + ": cannot create: " + std::strerror(errno));
    auto applied = apply_patch(base->get(), patch, target.get(), expected_size);
    if (!applied) {
        std::error_code ec;
        std::filesystem::remove(out, ec);
    }
    return applied;
}

Result<void> apply_patch(int from_fd, const std::string& patch, int out_fd,
                         std::int64_t expected_size) {
    unsigned long long size = ZSTD_getFrameContentSize(patch.data(), patch.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
        return make_error("patch: not a zstd frame that declares its size");
    if (expected_size < 0 || size != static_cast<unsigned long long>(expected_size))
        return make_error("patch: its result would be " + std::to_string(size) +
                          " bytes, not the signed " + std::to_string(expected_size));
    auto old_map = MappedFile::map_read(::dup(from_fd), "the patch's base");
    if (!old_map) return old_map.error();
    Result<void> result;
    {
        auto new_map =
            MappedFile::map_write(::dup(out_fd), static_cast<size_t>(size), "patched image");
        if (!new_map) {
            (void)::ftruncate(out_fd, 0);
            return new_map.error();
        }
        std::unique_ptr<ZSTD_DCtx, DCtxDeleter> d(ZSTD_createDCtx());
        // The base is the window: the patch may reach back as far as the base is long.
        ZSTD_DCtx_setParameter(
            d.get(), ZSTD_d_windowLogMax,
            std::max(kMaxDecompressWindowLog,
                     window_log_for(std::max(old_map->size(), new_map->size()))));
        if (old_map->size() > 0) ZSTD_DCtx_refPrefix(d.get(), old_map->data(), old_map->size());
        size_t n = ZSTD_decompressDCtx(d.get(), new_map->data(), new_map->size(), patch.data(),
                                       patch.size());
        if (ZSTD_isError(n))
            result = make_error(std::string("patch does not apply to this base: ") +
                                ZSTD_getErrorName(n));
        else if (n != size)
            result = make_error("patch gave a short image");
        else if (!new_map->sync())
            result = make_error("disk full or write error while patching");
    }
    if (!result) (void)::ftruncate(out_fd, 0);
    return result;
}

Result<std::string> compress(const std::string& bytes, int level) {
    std::string out(ZSTD_compressBound(bytes.size()), '\0');
    size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), level);
    if (ZSTD_isError(n)) return make_error(std::string("zstd: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

Result<std::string> decompress(const std::string& bytes, std::int64_t max_size) {
    std::unique_ptr<ZSTD_DCtx, DCtxDeleter> d(ZSTD_createDCtx());
    ZSTD_DCtx_setParameter(d.get(), ZSTD_d_windowLogMax, kMaxDecompressWindowLog);
    std::string out;
    std::vector<char> buf(ZSTD_DStreamOutSize());
    ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
    size_t last = 1;
    while (in.pos < in.size) {
        ZSTD_outBuffer o{buf.data(), buf.size(), 0};
        last = ZSTD_decompressStream(d.get(), &o, &in);
        if (ZSTD_isError(last)) return make_error(std::string("zstd: ") + ZSTD_getErrorName(last));
        if (static_cast<std::int64_t>(out.size() + o.pos) > max_size)
            return make_error("zstd: more than the " + std::to_string(max_size) +
                              " bytes allowed; stopped there");
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
                             const std::filesystem::path& out_path, std::int64_t max_size) {
    auto in = files::open_regular_file(in_path);
    if (!in) return in.error();
    files::FileDescriptor out(
        ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!out.valid()) return make_error(out_path.string() + ": cannot create");
    return decompress_file(in->get(), out.get(), max_size, in_path.string());
}

Result<void> decompress_file(int in_fd, int out_fd, std::int64_t max_size,
                             const std::string& name) {
    std::unique_ptr<ZSTD_DCtx, DCtxDeleter> d(ZSTD_createDCtx());
    ZSTD_DCtx_setParameter(d.get(), ZSTD_d_windowLogMax, kMaxDecompressWindowLog);
    std::vector<char> ibuf(ZSTD_DStreamInSize()), obuf(ZSTD_DStreamOutSize());
    size_t last = 1;
    std::int64_t written = 0;
    off_t offset = 0;
    const auto write_all = [&](const char* data, size_t size) {
        size_t done = 0;
        while (done < size) {
            const ssize_t n = ::write(out_fd, data + done, size - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            done += static_cast<size_t>(n);
        }
        return true;
    };
    for (;;) {
        const ssize_t got = ::pread(in_fd, ibuf.data(), ibuf.size(), offset);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return make_error(name + ": read error: " + std::strerror(errno));
        if (got == 0) break;
        offset += got;
        ZSTD_inBuffer ib{ibuf.data(), static_cast<size_t>(got), 0};
        while (ib.pos < ib.size) {
            ZSTD_outBuffer ob{obuf.data(), obuf.size(), 0};
            last = ZSTD_decompressStream(d.get(), &ob, &ib);
            if (ZSTD_isError(last)) return make_error(name + ": zstd: " + ZSTD_getErrorName(last));
            if (written + static_cast<std::int64_t>(ob.pos) > max_size)
                return make_error(name + ": decompresses to more than the signed " +
                                  std::to_string(max_size) + " bytes; stopped there");
            if (!write_all(obuf.data(), ob.pos))
                return make_error("disk full or write error while decompressing " + name + ": " +
                                  std::strerror(errno));
            written += static_cast<std::int64_t>(ob.pos);
        }
    }
    if (last != 0) return make_error(name + ": truncated zstd frame");
    if (::fsync(out_fd) != 0)
        return make_error("disk full or write error while decompressing " + name + ": " +
                          std::strerror(errno));
    return {};
}

}  // namespace guichet::sync::store
