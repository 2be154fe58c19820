// SPDX-License-Identifier: GPL-3.0-or-later
// A POSIX file descriptor owned by one object: closed on every path out, so an early
// return never leaks it.
#pragma once

#include <unistd.h>

namespace guichet::files {

class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;

    int get() const { return fd_; }
    // Closes now and says whether close() succeeded (it can report a delayed write error).
    bool close_checked() {
        const int rc = ::close(fd_);
        fd_ = -1;
        return rc == 0;
    }

  private:
    int fd_;
};

}  // namespace guichet::files
