// SPDX-License-Identifier: GPL-3.0-or-later
// A folder only one user can change, for a program that runs as root and acts on what it finds
// there (the software updater): the folder, every folder below it that is used and every file
// read are owned by that user and writable by no one else, and every folder above it is owned
// by root or that user and writable by no one else (a root-owned sticky folder such as /tmp
// also passes: nobody but root may rename or remove what another user owns in it). The path is
// walked from "/" one segment at a time, each opened relative to the descriptor of the one
// before with O_NOFOLLOW, so no symlink is ever followed and nothing checked can be swapped
// before it is used. Anything else is refused with the path, its owner and its mode.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "platform/file_descriptor.h"
#include "platform/result.h"

namespace guichet::files {

class OwnerOnlyDir {
  public:
    // `path` must be absolute, without `.` or `..` segments. `owner` is the user the folder
    // must belong to: the caller's own (geteuid(), root on a board).
    static Result<OwnerOnlyDir> open(const std::filesystem::path& path, uid_t owner);

    // A folder directly inside, held to the same test.
    Result<OwnerOnlyDir> subdir(std::string_view name) const;
    // A regular file directly inside, owned by the owner and writable by no one else, whole
    // (at most `max_bytes`). A FIFO or device is refused without blocking on it.
    Result<std::string> read(std::string_view name, std::int64_t max_bytes) const;
    // The same checks as read(), without reading.
    Result<void> check_file(std::string_view name) const;
    // Whether anything (a symlink too) has that name.
    bool exists(std::string_view name) const;

    const std::filesystem::path& path() const { return path_; }
    uid_t owner() const { return owner_; }
    int fd() const { return fd_.get(); }

  private:
    OwnerOnlyDir(FileDescriptor fd, std::filesystem::path path, uid_t owner)
        : fd_(std::move(fd)), path_(std::move(path)), owner_(owner) {}
    Result<FileDescriptor> open_file(std::string_view name) const;

    FileDescriptor fd_;
    std::filesystem::path path_;
    uid_t owner_ = 0;
};

// A file named by a setting (a CA bundle, a trusted root.json): its folder through
// OwnerOnlyDir::open, then the file's own checks.
Result<void> check_owner_only_file(const std::filesystem::path& path, uid_t owner);

// "guichet (uid 999)", or "uid 4242" for a user without a name.
std::string describe_user(uid_t uid);

}  // namespace guichet::files
