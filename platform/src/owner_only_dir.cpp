// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/owner_only_dir.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "platform/confined_dir.h"
#include "platform/files.h"

namespace guichet::files {
namespace fs = std::filesystem;

namespace {

std::string mode_text(mode_t mode) {
    std::array<char, 8> text{};
    std::snprintf(text.data(), text.size(), "%04o", static_cast<unsigned>(mode & 07777));
    return text.data();
}

std::string kind_of(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISREG(mode)) return "a file";
    if (S_ISLNK(mode)) return "a symbolic link";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISSOCK(mode)) return "a socket";
    return "a device";
}

std::string owner_and_mode(const struct stat& info) {
    return "owned by " + describe_user(info.st_uid) + ", mode " + mode_text(info.st_mode);
}

bool writable_by_others(const struct stat& info) {
    return (info.st_mode & (S_IWGRP | S_IWOTH)) != 0;
}

std::string rule(uid_t owner) {
    return "only what " + describe_user(owner) + " owns and no one else can write is trusted";
}

// The folder or file itself (and everything used below it).
Result<void> check_owned(const fs::path& where, const struct stat& info, uid_t owner) {
    if (info.st_uid != owner)
        return make_error(where.string() + ": " + owner_and_mode(info) + "; " + rule(owner) +
                          " (refused, nothing done)");
    if (writable_by_others(info))
        return make_error(where.string() + ": " + owner_and_mode(info) +
                          ": writable by its group or others; " + rule(owner) +
                          " (refused, nothing done)");
    return {};
}

// A folder above it: whoever could rename or replace an entry there could swap the folder.
Result<void> check_ancestor(const fs::path& where, const struct stat& info, uid_t owner) {
    const bool trusted_owner = info.st_uid == 0 || info.st_uid == owner;
    const bool root_sticky = info.st_uid == 0 && (info.st_mode & S_ISVTX) != 0;
    if (!trusted_owner || (writable_by_others(info) && !root_sticky))
        return make_error(where.string() +
                          " (a folder above the trusted one): " + owner_and_mode(info) +
                          (trusted_owner ? ": writable by its group or others" : "") +
                          "; another user could swap what is below it (refused, nothing done)");
    return {};
}

// Why `name` in `dir` could not be opened as a folder or file: said with what it is.
Error explain_open_failure(int dir_fd, const fs::path& where, const std::string& name, int error,
                           const char* wanted) {
    struct stat info {};
    if (::fstatat(dir_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(info.st_mode)) {
            std::array<char, 512> target{};
            const ssize_t n = ::readlinkat(dir_fd, name.c_str(), target.data(), target.size() - 1);
            const std::string to = n > 0 ? std::string(target.data(), static_cast<size_t>(n)) : "";
            return make_error(where.string() + ": a symbolic link" +
                              (to.empty() ? "" : " to " + to) + ", " + owner_and_mode(info) +
                              "; links are never followed here (refused, nothing done)");
        }
        return make_error(where.string() + ": " + kind_of(info.st_mode) + ", not " + wanted + ", " +
                          owner_and_mode(info) + " (refused, nothing done)");
    }
    return make_error(where.string() + ": " + std::strerror(error));
}

}  // namespace

std::string describe_user(uid_t uid) {
    std::vector<char> buffer(4096);
    struct passwd entry {};
    struct passwd* found = nullptr;
    if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found)
        return std::string(found->pw_name) + " (uid " + std::to_string(uid) + ")";
    return "uid " + std::to_string(uid);
}

Result<OwnerOnlyDir> OwnerOnlyDir::open(const fs::path& path, uid_t owner) {
    if (!path.is_absolute())
        return make_error(path.string() + ": not an absolute path (refused, nothing done)");
    std::vector<std::string> segments;
    for (const auto& part : path.relative_path()) {
        const std::string s = part.string();
        if (s.empty()) continue;  // a trailing '/'
        if (s == "." || s == "..")
            return make_error(path.string() + ": has a '" + s +
                              "' segment (refused, nothing done)");
        segments.push_back(s);
    }
    FileDescriptor current(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!current.valid()) return make_error(std::string("/: ") + std::strerror(errno));
    fs::path where = "/";
    struct stat info {};
    if (::fstat(current.get(), &info) != 0)
        return make_error(std::string("/: ") + std::strerror(errno));
    if (segments.empty()) {
        if (auto ok = check_owned(where, info, owner); !ok) return ok.error();
        return OwnerOnlyDir(std::move(current), where, owner);
    }
    if (auto ok = check_ancestor(where, info, owner); !ok) return ok.error();
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string& name = segments[i];
        where /= name;
        FileDescriptor next(
            ::openat(current.get(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!next.valid())
            return explain_open_failure(current.get(), where, name, errno, "a folder");
        if (::fstat(next.get(), &info) != 0)
            return make_error(where.string() + ": " + std::strerror(errno));
        // O_PATH | O_NOFOLLOW opens a symlink itself on some kernels: never walk through one.
        if (!S_ISDIR(info.st_mode))
            return explain_open_failure(current.get(), where, name, ENOTDIR, "a folder");
        const bool last = i + 1 == segments.size();
        if (auto ok = last ? check_owned(where, info, owner) : check_ancestor(where, info, owner);
            !ok)
            return ok.error();
        current = std::move(next);
    }
    return OwnerOnlyDir(std::move(current), where, owner);
}

Result<OwnerOnlyDir> OwnerOnlyDir::subdir(std::string_view name) const {
    const fs::path where = path_ / name;
    if (auto ok = check_file_name(name); !ok)
        return make_error(path_.string() + ": refused name: " + ok.message());
    const std::string n(name);
    FileDescriptor next(
        ::openat(fd_.get(), n.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next.valid()) return explain_open_failure(fd_.get(), where, n, errno, "a folder");
    struct stat info {};
    if (::fstat(next.get(), &info) != 0)
        return make_error(where.string() + ": " + std::strerror(errno));
    if (!S_ISDIR(info.st_mode))
        return explain_open_failure(fd_.get(), where, n, ENOTDIR, "a folder");
    if (auto ok = check_owned(where, info, owner_); !ok) return ok.error();
    return OwnerOnlyDir(std::move(next), where, owner_);
}

Result<FileDescriptor> OwnerOnlyDir::open_file(std::string_view name) const {
    const fs::path where = path_ / name;
    if (auto ok = check_file_name(name); !ok)
        return make_error(path_.string() + ": refused name: " + ok.message());
    const std::string n(name);
    // O_NONBLOCK: a FIFO opens at once (and is then refused) instead of waiting for a writer.
    FileDescriptor file(
        ::openat(fd_.get(), n.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    if (!file.valid()) return explain_open_failure(fd_.get(), where, n, errno, "a file");
    struct stat info {};
    if (::fstat(file.get(), &info) != 0)
        return make_error(where.string() + ": " + std::strerror(errno));
    if (!S_ISREG(info.st_mode))
        return make_error(where.string() + ": " + kind_of(info.st_mode) + ", not a regular file, " +
                          owner_and_mode(info) + " (refused, nothing done)");
    if (auto ok = check_owned(where, info, owner_); !ok) return ok.error();
    return file;
}

Result<std::string> OwnerOnlyDir::read(std::string_view name, std::int64_t max_bytes) const {
    auto file = open_file(name);
    if (!file) return file.error();
    return read_descriptor(file->get(), (path_ / name).string(), max_bytes);
}

Result<void> OwnerOnlyDir::check_file(std::string_view name) const {
    auto file = open_file(name);
    if (!file) return file.error();
    return {};
}

bool OwnerOnlyDir::exists(std::string_view name) const {
    struct stat info {};
    const std::string n(name);
    return ::fstatat(fd_.get(), n.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0;
}

Result<void> check_owner_only_file(const fs::path& path, uid_t owner) {
    if (!path.has_filename())
        return make_error(path.string() + ": names no file (refused, nothing done)");
    auto dir = OwnerOnlyDir::open(path.parent_path(), owner);
    if (!dir) return dir.error();
    return dir->check_file(path.filename().string());
}

}  // namespace guichet::files
