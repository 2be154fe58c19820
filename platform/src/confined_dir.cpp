// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/confined_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>

#include "platform/files.h"
#include "platform/utf8.h"

namespace guichet::files {
namespace fs = std::filesystem;

namespace {

std::atomic<bool> portable_only{false};

constexpr std::size_t kMaxPathBytes = 4096;
constexpr std::size_t kMaxNameBytes = 255;
constexpr int kMaxRemoveDepth = 64;

std::string quoted(std::string_view text) {
    // Names from outside may hold anything: shown valid and on one line.
    std::string shown = utf8::sanitize(text);
    for (char& c : shown)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    return "'" + shown + "'";
}

struct DirCloser {
    void operator()(DIR* d) const { ::closedir(d); }
};

}  // namespace

Result<void> check_file_name(std::string_view name) {
    if (name.empty()) return make_error("empty name");
    if (name.find('/') != std::string_view::npos) return make_error(quoted(name) + " holds '/'");
    return check_relative_path(name);
}

Result<void> check_relative_path(std::string_view path) {
    const std::string shown = quoted(path.substr(0, 200));
    if (path.empty()) return make_error("empty path");
    if (path.size() > kMaxPathBytes)
        return make_error("path of " + std::to_string(path.size()) + " bytes, more than " +
                          std::to_string(kMaxPathBytes));
    if (path.find('\0') != std::string_view::npos) return make_error(shown + " holds a NUL byte");
    if (path.front() == '/') return make_error(shown + " is absolute");
    if (path.find('\\') != std::string_view::npos) return make_error(shown + " holds a backslash");
    if (utf8::first_control(path) != std::string_view::npos ||
        path.find('\t') != std::string_view::npos)
        return make_error(shown + " holds a control character");
    if (!utf8::is_valid(path)) return make_error(shown + " is not valid UTF-8");
    std::size_t start = 0;
    for (;;) {
        const std::size_t slash = path.find('/', start);
        const std::string_view segment = path.substr(
            start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (segment.empty()) return make_error(shown + " has an empty segment");
        if (segment == "." || segment == "..")
            return make_error(shown + " has a '" + std::string(segment) + "' segment");
        if (segment.size() > kMaxNameBytes)
            return make_error(shown + " has a segment longer than " +
                              std::to_string(kMaxNameBytes) + " bytes");
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return {};
}

void ConfinedDir::force_portable_resolution(bool on) {
    portable_only = on;
}

Result<ConfinedDir> ConfinedDir::open(const fs::path& root, Symlinks symlinks) {
    FileDescriptor fd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid())
        return make_error(root.string() + ": cannot open the folder: " + std::strerror(errno));
    return ConfinedDir(std::move(fd), root, symlinks);
}

Result<ConfinedDir> ConfinedDir::create(const fs::path& root, Symlinks symlinks) {
    std::error_code ec;
    fs::create_directories(root, ec);
    if (ec) return make_error(root.string() + ": cannot create the folder: " + ec.message());
    return open(root, symlinks);
}

Result<FileDescriptor> ConfinedDir::resolve(std::string_view relative, int flags,
                                            unsigned mode) const {
    if (auto ok = check_relative_path(relative); !ok)
        return make_error(path_.string() + ": refused name: " + ok.message());
    const std::string name(relative);
    const auto failure = [&](int error) -> Error {
        const std::string where = path_of(relative).string();
        if (error == EXDEV)
            return make_error(where + ": leads outside " + path_.string() + " (refused)");
        if (error == ELOOP)
            return make_error(
                where + ": a symbolic link" +
                (symlinks_ == Symlinks::refuse ? " (none are allowed here)" : " (refused)"));
        return make_error(where + ": " + std::strerror(error));
    };
    if (!portable_only) {
        open_how how{};
        how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
        how.mode = (flags & O_CREAT) ? mode : 0;
        how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
        if (symlinks_ == Symlinks::refuse) how.resolve |= RESOLVE_NO_SYMLINKS;
        const long fd = ::syscall(SYS_openat2, fd_.get(), name.c_str(), &how, sizeof how);
        if (fd >= 0) return FileDescriptor(static_cast<int>(fd));
        if (errno != ENOSYS && errno != EPERM) return failure(errno);
        // ENOSYS: a kernel before 5.6; EPERM: a seccomp filter that blocks it. Walk instead.
    }
    // Segment by segment, never following a symlink: with the grammar checked above, no
    // segment can climb, so everything opened stays beneath the folder.
    FileDescriptor current(::openat(fd_.get(), ".", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!current.valid()) return failure(errno);
    std::size_t start = 0;
    for (;;) {
        const std::size_t slash = name.find('/', start);
        const std::string segment =
            name.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (slash == std::string::npos) {
            const int fd =
                ::openat(current.get(), segment.c_str(), flags | O_NOFOLLOW | O_CLOEXEC, mode);
            if (fd < 0) return failure(errno);
            FileDescriptor last(fd);
            struct stat info {};
            if ((flags & O_PATH) && ::fstat(last.get(), &info) == 0 && S_ISLNK(info.st_mode))
                return failure(ELOOP);
            return last;
        }
        const int next =
            ::openat(current.get(), segment.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0) {
            const int error = errno;
            struct stat info {};
            if (::fstatat(current.get(), segment.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 &&
                S_ISLNK(info.st_mode))
                return failure(ELOOP);
            return failure(error);
        }
        current = FileDescriptor(next);
        start = slash + 1;
    }
}

Result<ConfinedDir> ConfinedDir::subdir(std::string_view relative, bool create) const {
    auto opened = resolve(relative, O_RDONLY | O_DIRECTORY, 0);
    if (opened) return ConfinedDir(std::move(*opened), path_ / relative, symlinks_);
    if (!create) return opened.error();
    if (auto ok = check_relative_path(relative); !ok)
        return make_error(path_.string() + ": refused name: " + ok.message());
    // Made one segment at a time, each beneath the one before.
    FileDescriptor here(::openat(fd_.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!here.valid()) return make_error(path_.string() + ": " + std::strerror(errno));
    ConfinedDir dir(std::move(here), path_, symlinks_);
    std::size_t start = 0;
    const std::string name(relative);
    for (;;) {
        const std::size_t slash = name.find('/', start);
        const std::string segment =
            name.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (::mkdirat(dir.fd(), segment.c_str(), 0755) != 0 && errno != EEXIST)
            return make_error(dir.path_of(segment).string() +
                              ": cannot create the folder: " + std::strerror(errno));
        auto next = dir.subdir(segment, false);
        if (!next) return next.error();
        dir = std::move(*next);
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return dir;
}

Result<FileDescriptor> ConfinedDir::open_regular(std::string_view relative) const {
    // O_PATH opens nothing: a FIFO does not block and a device does nothing, until we know
    // what it is.
    auto handle = resolve(relative, O_PATH, 0);
    if (!handle) return handle.error();
    const std::string where = path_of(relative).string();
    struct stat info {};
    if (::fstat(handle->get(), &info) != 0) return make_error(where + ": " + std::strerror(errno));
    if (!S_ISREG(info.st_mode)) return make_error(where + ": not a regular file");
    // Reopen that very inode for reading.
    const std::string proc = "/proc/self/fd/" + std::to_string(handle->get());
    FileDescriptor fd(::open(proc.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
    if (!fd.valid()) {
        auto direct = resolve(relative, O_RDONLY | O_NOCTTY | O_NONBLOCK, 0);  // no /proc
        if (!direct) return direct.error();
        fd = std::move(*direct);
    }
    struct stat opened {};
    if (::fstat(fd.get(), &opened) != 0 || !S_ISREG(opened.st_mode) ||
        opened.st_ino != info.st_ino || opened.st_dev != info.st_dev)
        return make_error(where + ": not a regular file");
    const int status = ::fcntl(fd.get(), F_GETFL);
    if (status >= 0) ::fcntl(fd.get(), F_SETFL, status & ~O_NONBLOCK);
    return fd;
}

Result<std::string> ConfinedDir::read(std::string_view relative, std::int64_t max_bytes) const {
    auto fd = open_regular(relative);
    if (!fd) return fd.error();
    return read_descriptor(fd->get(), path_of(relative).string(), max_bytes);
}

Result<FileDescriptor> ConfinedDir::open_file(std::string_view relative, int flags,
                                              unsigned mode) const {
    auto parent = parent_of(relative);
    if (!parent) return parent.error();
    auto& [dir, leaf] = *parent;
    const int fd =
        ::openat(dir.fd(), leaf.c_str(), flags | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, mode);
    if (fd < 0) {
        if (errno == ELOOP)
            return make_error(path_of(relative).string() + ": a symbolic link (refused)");
        return make_error(path_of(relative).string() + ": " + std::strerror(errno));
    }
    FileDescriptor opened(fd);
    struct stat info {};
    if (::fstat(opened.get(), &info) != 0 || !S_ISREG(info.st_mode))
        return make_error(path_of(relative).string() + ": not a regular file");
    return opened;
}

Result<std::pair<ConfinedDir, std::string>> ConfinedDir::parent_of(
    std::string_view relative) const {
    if (auto ok = check_relative_path(relative); !ok)
        return make_error(path_.string() + ": refused name: " + ok.message());
    const std::size_t slash = relative.rfind('/');
    if (slash == std::string_view::npos) {
        FileDescriptor here(::openat(fd_.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!here.valid()) return make_error(path_.string() + ": " + std::strerror(errno));
        return std::pair<ConfinedDir, std::string>(ConfinedDir(std::move(here), path_, symlinks_),
                                                   std::string(relative));
    }
    auto dir = subdir(relative.substr(0, slash), false);
    if (!dir) return dir.error();
    return std::pair<ConfinedDir, std::string>(std::move(*dir),
                                               std::string(relative.substr(slash + 1)));
}

Result<void> ConfinedDir::write_atomically(std::string_view relative, std::string_view body,
                                           unsigned mode) const {
    auto parent = parent_of(relative);
    if (!parent) return parent.error();
    auto& [dir, leaf] = *parent;
    const std::string temp = leaf + ".tmp";
    const std::string where = path_of(relative).string();
    ::unlinkat(dir.fd(), temp.c_str(), 0);
    FileDescriptor fd(::openat(dir.fd(), temp.c_str(),
                               O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
    if (!fd.valid()) return make_error("cannot write " + where + ".tmp: " + std::strerror(errno));
    std::size_t done = 0;
    while (done < body.size()) {
        const ssize_t n = ::write(fd.get(), body.data() + done, body.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string why = n == 0 ? "no progress" : std::strerror(errno);
            ::unlinkat(dir.fd(), temp.c_str(), 0);
            return make_error("cannot write " + where + ".tmp: " + why);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0 || !fd.close_checked()) {
        const std::string why = std::strerror(errno);
        ::unlinkat(dir.fd(), temp.c_str(), 0);
        return make_error("cannot flush " + where + ".tmp: " + why);
    }
    if (::renameat(dir.fd(), temp.c_str(), dir.fd(), leaf.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlinkat(dir.fd(), temp.c_str(), 0);
        return make_error("cannot rename into " + where + ": " + why);
    }
    return dir.sync();
}

Result<void> ConfinedDir::rename(std::string_view from, std::string_view to) const {
    auto source = parent_of(from);
    if (!source) return source.error();
    auto target = parent_of(to);
    if (!target) return target.error();
    if (::renameat(source->first.fd(), source->second.c_str(), target->first.fd(),
                   target->second.c_str()) != 0)
        return make_error("cannot rename " + path_of(from).string() + " to " +
                          path_of(to).string() + ": " + std::strerror(errno));
    return {};
}

namespace {

Result<void> remove_at(int parent, const std::string& name, const fs::path& shown, int depth) {
    struct stat info {};
    if (::fstatat(parent, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) return {};
        return make_error(shown.string() + ": " + std::strerror(errno));
    }
    if (S_ISDIR(info.st_mode)) {
        if (depth >= kMaxRemoveDepth)
            return make_error(shown.string() + ": folders nested too deep to remove");
        const int fd =
            ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) return make_error(shown.string() + ": " + std::strerror(errno));
        std::unique_ptr<DIR, DirCloser> dir(::fdopendir(fd));
        if (!dir) {
            ::close(fd);
            return make_error(shown.string() + ": " + std::strerror(errno));
        }
        std::vector<std::string> names;
        while (const dirent* entry = ::readdir(dir.get())) {
            const std::string child = entry->d_name;
            if (child != "." && child != "..") names.push_back(child);
        }
        for (const auto& child : names)
            if (auto r = remove_at(::dirfd(dir.get()), child, shown / child, depth + 1); !r)
                return r;
        if (::unlinkat(parent, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT)
            return make_error(shown.string() + ": " + std::strerror(errno));
        return {};
    }
    if (::unlinkat(parent, name.c_str(), 0) != 0 && errno != ENOENT)
        return make_error(shown.string() + ": " + std::strerror(errno));
    return {};
}

}  // namespace

Result<void> ConfinedDir::remove(std::string_view relative) const {
    auto parent = parent_of(relative);
    if (!parent) {
        // A missing folder on the way means there is nothing to remove.
        if (check_relative_path(relative) && !exists(relative)) return {};
        return parent.error();
    }
    return remove_at(parent->first.fd(), parent->second, path_of(relative), 0);
}

Result<std::vector<ConfinedDir::Entry>> ConfinedDir::list() const {
    const int fd = ::openat(fd_.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return make_error(path_.string() + ": " + std::strerror(errno));
    std::unique_ptr<DIR, DirCloser> dir(::fdopendir(fd));
    if (!dir) {
        ::close(fd);
        return make_error(path_.string() + ": " + std::strerror(errno));
    }
    std::vector<Entry> entries;
    errno = 0;
    while (const dirent* found = ::readdir(dir.get())) {
        const std::string name = found->d_name;
        if (name == "." || name == "..") continue;
        Entry entry{name, Entry::Kind::other};
        struct stat info {};
        if (::fstatat(::dirfd(dir.get()), name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0) {
            if (S_ISREG(info.st_mode))
                entry.kind = Entry::Kind::regular;
            else if (S_ISDIR(info.st_mode))
                entry.kind = Entry::Kind::directory;
            else if (S_ISLNK(info.st_mode))
                entry.kind = Entry::Kind::symlink;
        }
        entries.push_back(std::move(entry));
    }
    if (errno != 0) return make_error(path_.string() + ": " + std::strerror(errno));
    return entries;
}

bool ConfinedDir::exists(std::string_view relative) const {
    return resolve(relative, O_PATH, 0).ok();
}

Result<std::int64_t> ConfinedDir::file_size(std::string_view relative) const {
    auto handle = resolve(relative, O_PATH, 0);
    if (!handle) return handle.error();
    struct stat info {};
    if (::fstat(handle->get(), &info) != 0)
        return make_error(path_of(relative).string() + ": " + std::strerror(errno));
    if (!S_ISREG(info.st_mode))
        return make_error(path_of(relative).string() + ": not a regular file");
    return static_cast<std::int64_t>(info.st_size);
}

Result<void> ConfinedDir::sync() const {
    if (::fsync(fd_.get()) != 0 && errno != EINVAL)
        return make_error("cannot flush the folder " + path_.string() + ": " + std::strerror(errno));
    return {};
}

}  // namespace guichet::files
