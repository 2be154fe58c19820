// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/files.h"

#include "platform/file_descriptor.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace guichet::files {
namespace fs = std::filesystem;

namespace {

std::string errno_text() {
    return std::strerror(errno);
}

}  // namespace

Result<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error("cannot read " + path.string() + ": " + errno_text());
    std::ostringstream body;
    body << in.rdbuf();
    if (in.bad()) return make_error("cannot read " + path.string());
    return body.str();
}

Result<void> write_file_atomically(const fs::path& path, std::string_view body, unsigned mode) {
    const fs::path temp = path.string() + ".part";
    FileDescriptor fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
    if (fd.get() < 0) return make_error("cannot write " + temp.string() + ": " + errno_text());
    size_t done = 0;
    while (done < body.size()) {
        const ssize_t n = ::write(fd.get(), body.data() + done, body.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const std::string why = errno_text();
            fs::remove(temp);
            return make_error("cannot write " + temp.string() + ": " + why);
        }
        done += static_cast<size_t>(n);
    }
    // Data must reach the disk before the rename makes it visible.
    if (::fsync(fd.get()) != 0 || !fd.close_checked()) {
        const std::string why = errno_text();
        fs::remove(temp);
        return make_error("cannot flush " + temp.string() + ": " + why);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string why = errno_text();
        fs::remove(temp);
        return make_error("cannot rename into " + path.string() + ": " + why);
    }
    // And the rename itself must survive: sync the folder's entry.
    const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
    FileDescriptor dir(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) ::fsync(dir.get());
    return {};
}

}  // namespace guichet::files
