// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace guichet::files {
namespace fs = std::filesystem;

namespace {

std::string errno_text(int error = errno) {
    return std::strerror(error);
}

std::string with_commas(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

}  // namespace

std::string describe_bytes(std::int64_t bytes) {
    const std::string exact = with_commas(bytes) + (bytes == 1 ? " byte" : " bytes");
    const double magnitude = static_cast<double>(bytes < 0 ? -bytes : bytes);
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (magnitude < 1024) return exact;
    double value = static_cast<double>(bytes) / 1024;
    int unit = 0;
    while (unit < 3 && (value >= 1024 || value <= -1024)) {
        value /= 1024;
        ++unit;
    }
    char scaled[32];
    std::snprintf(scaled, sizeof scaled, "%.1f %s", value, units[unit]);
    return exact + " (" + scaled + ")";
}

Result<FileDescriptor> open_regular_file(const fs::path& path, bool follow_symlinks) {
    // Look before opening: opening a FIFO blocks until a writer comes, and opening some devices
    // does something by itself.
    struct stat before {};
    const int looked =
        follow_symlinks ? ::stat(path.c_str(), &before) : ::lstat(path.c_str(), &before);
    if (looked != 0) return make_error(path.string() + ": cannot read: " + errno_text());
    if (!S_ISREG(before.st_mode)) return make_error(path.string() + ": not a regular file");
    const int flags =
        O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (follow_symlinks ? 0 : O_NOFOLLOW);
    FileDescriptor fd(::open(path.c_str(), flags));
    if (!fd.valid()) {
        if (errno == ELOOP) return make_error(path.string() + ": not a regular file");
        return make_error(path.string() + ": cannot read: " + errno_text());
    }
    // The name may have been swapped between the look and the open.
    struct stat opened {};
    if (::fstat(fd.get(), &opened) != 0)
        return make_error(path.string() + ": cannot read: " + errno_text());
    if (!S_ISREG(opened.st_mode)) return make_error(path.string() + ": not a regular file");
    // Back to blocking reads: a regular file never blocks, and O_NONBLOCK only mattered for the
    // open.
    const int status = ::fcntl(fd.get(), F_GETFL);
    if (status >= 0) ::fcntl(fd.get(), F_SETFL, status & ~O_NONBLOCK);
    return fd;
}

Result<std::string> read_descriptor(int fd, const std::string& name, std::int64_t max_bytes) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) return make_error(name + ": cannot read: " + errno_text());
    if (!S_ISREG(info.st_mode)) return make_error(name + ": not a regular file");
    const auto too_large = [&](std::int64_t size) {
        return make_error(name + ": " + describe_bytes(size) + ", more than the " +
                          describe_bytes(max_bytes) + " this file may have");
    };
    if (info.st_size > max_bytes) return too_large(info.st_size);
    std::string body;
    body.resize(static_cast<size_t>(info.st_size));
    std::int64_t done = 0;
    for (;;) {
        if (done == static_cast<std::int64_t>(body.size())) {
            // The file may have grown since fstat: read on, but never past the limit.
            if (done > max_bytes) return too_large(done);
            body.resize(static_cast<size_t>(std::min<std::int64_t>(done + 65536, max_bytes + 1)));
            if (done == static_cast<std::int64_t>(body.size())) return too_large(done);
        }
        const ssize_t n =
            ::pread(fd, body.data() + done, body.size() - static_cast<size_t>(done), done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return make_error(name + ": read error: " + errno_text());
        if (n == 0) break;
        done += n;
    }
    if (done > max_bytes) return too_large(done);
    body.resize(static_cast<size_t>(done));
    return body;
}

Result<std::string> read_regular_file(const fs::path& path, std::int64_t max_bytes) {
    auto fd = open_regular_file(path);
    if (!fd) return fd.error();
    return read_descriptor(fd->get(), path.string(), max_bytes);
}

Result<std::string> read_file(const fs::path& path) {
    return read_regular_file(path, kMaxFileBytes);
}

Result<void> write_file_atomically(const fs::path& path, std::string_view body, unsigned mode) {
    const fs::path temp = path.string() + ".part";
    // O_NOFOLLOW: a symlink planted at the temp name must not redirect the write.
    ::unlink(temp.c_str());
    FileDescriptor fd(
        ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
    if (!fd.valid()) return make_error("cannot write " + temp.string() + ": " + errno_text());
    size_t done = 0;
    while (done < body.size()) {
        const ssize_t n = ::write(fd.get(), body.data() + done, body.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string why = n == 0 ? "no progress" : errno_text();
            ::unlink(temp.c_str());
            return make_error("cannot write " + temp.string() + ": " + why);
        }
        done += static_cast<size_t>(n);
    }
    // Data must reach the disk before the rename makes it visible.
    if (::fsync(fd.get()) != 0 || !fd.close_checked()) {
        const std::string why = errno_text();
        ::unlink(temp.c_str());
        return make_error("cannot flush " + temp.string() + ": " + why);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string why = errno_text();
        ::unlink(temp.c_str());
        return make_error("cannot rename into " + path.string() + ": " + why);
    }
    // And the rename itself must survive: sync the folder's entry.
    const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
    FileDescriptor dir(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    // EINVAL: a file system that cannot sync a folder (some FUSE ones); the data is synced.
    if (!dir.valid() || (::fsync(dir.get()) != 0 && errno != EINVAL))
        return make_error("cannot flush the folder of " + path.string() + ": " + errno_text());
    return {};
}

}  // namespace guichet::files
