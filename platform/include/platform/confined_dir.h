// SPDX-License-Identifier: GPL-3.0-or-later
// A folder that names from outside cannot leave. Every path is checked against one grammar
// (relative, `/`-separated, no empty, `.` or `..` segment, no backslash, NUL or control
// character) and then resolved by the kernel beneath the folder's descriptor (openat2 with
// RESOLVE_BENEATH; a symlink is refused, or followed only while it stays inside, as the folder
// was opened). Files are created, renamed and removed with the *at() calls relative to a
// descriptor, so even a name that slipped past a caller's own checks cannot write outside.
// The state folder and content source folders are opened through this.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "platform/file_descriptor.h"
#include "platform/result.h"

namespace guichet::files {

// The grammar for a relative path (`a/b.txt`). The error says what is wrong with it.
Result<void> check_relative_path(std::string_view path);
// One segment of such a path: a file name without `/`.
Result<void> check_file_name(std::string_view name);

enum class Symlinks {
    refuse,  // any symlink on the way is an error (the state folder: we never make one)
    within,  // followed while they stay inside the folder (content sources)
};

class ConfinedDir {
  public:
    struct Entry {
        enum class Kind { regular, directory, symlink, other };
        std::string name;
        Kind kind = Kind::other;
    };

    // Opens (or first creates, with its parents) the folder itself; `root` is trusted (it is
    // the operator's setting), what is below it is not.
    static Result<ConfinedDir> open(const std::filesystem::path& root,
                                    Symlinks symlinks = Symlinks::refuse);
    static Result<ConfinedDir> create(const std::filesystem::path& root,
                                      Symlinks symlinks = Symlinks::refuse);

    const std::filesystem::path& path() const { return path_; }
    int fd() const { return fd_.get(); }
    // For messages only: never open what this returns.
    std::filesystem::path path_of(std::string_view relative) const { return path_ / relative; }

    Result<ConfinedDir> subdir(std::string_view relative, bool create = false) const;
    // A regular file for reading: FIFOs, devices and sockets are refused without being opened.
    Result<FileDescriptor> open_regular(std::string_view relative) const;
    Result<std::string> read(std::string_view relative, std::int64_t max_bytes) const;
    // `flags` as for open(2), e.g. O_WRONLY | O_CREAT | O_TRUNC; the last segment is never
    // followed if it is a symlink.
    Result<FileDescriptor> open_file(std::string_view relative, int flags,
                                     unsigned mode = 0644) const;
    // Temp file beside, fsync, rename, fsync of the folder.
    Result<void> write_atomically(std::string_view relative, std::string_view body,
                                  unsigned mode = 0644) const;
    Result<void> rename(std::string_view from, std::string_view to) const;
    // A file, or a folder and everything in it (symlinks removed, never followed). A missing
    // name is not an error.
    Result<void> remove(std::string_view relative) const;
    Result<std::vector<Entry>> list() const;
    bool exists(std::string_view relative) const;
    Result<std::int64_t> file_size(std::string_view relative) const;
    Result<void> sync() const;

    // Tests only: resolve without openat2, as on kernels before 5.6 (symlinks then refused).
    static void force_portable_resolution(bool on);

  private:
    ConfinedDir(FileDescriptor fd, std::filesystem::path path, Symlinks symlinks)
        : fd_(std::move(fd)), path_(std::move(path)), symlinks_(symlinks) {}
    Result<FileDescriptor> resolve(std::string_view relative, int flags, unsigned mode) const;
    // The folder holding the last segment, and that segment.
    Result<std::pair<ConfinedDir, std::string>> parent_of(std::string_view relative) const;

    FileDescriptor fd_;
    std::filesystem::path path_;
    Symlinks symlinks_ = Symlinks::refuse;
};

}  // namespace guichet::files
