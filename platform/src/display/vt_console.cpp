// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/display/vt_console.h"

#include <fcntl.h>
#include <linux/kd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace guichet::display {

std::unique_ptr<VtConsole> VtConsole::take() {
    std::unique_ptr<VtConsole> vt(new VtConsole());
    vt->fd_ = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (vt->fd_ < 0) {
        vt->note_ = "no controlling terminal: the console is left as it is";
        return vt;
    }
    int mode = 0;
    if (ioctl(vt->fd_, KDGETMODE, &mode) != 0) {
        vt->note_ = "the controlling terminal is not a virtual terminal: left as it is";
        ::close(vt->fd_);
        vt->fd_ = -1;
        return vt;
    }
    long keyboard = 0;
    if (ioctl(vt->fd_, KDGKBMODE, &keyboard) == 0 && ioctl(vt->fd_, KDSKBMODE, K_OFF) == 0)
        vt->saved_keyboard_ = static_cast<int>(keyboard);
    else
        vt->note_ =
            std::string("cannot turn the console's keyboard off (") + std::strerror(errno) + ")";
    if (ioctl(vt->fd_, KDSETMODE, KD_GRAPHICS) == 0)
        vt->saved_mode_ = mode;
    else
        vt->note_ += std::string(vt->note_.empty() ? "" : "; ") +
                     "cannot put the terminal in graphics mode (" + std::strerror(errno) + ")";
    if (vt->note_.empty()) vt->note_ = "virtual terminal in graphics mode, its keyboard off";
    return vt;
}

VtConsole::~VtConsole() {
    if (fd_ < 0) return;
    if (saved_mode_ >= 0) ioctl(fd_, KDSETMODE, saved_mode_);
    if (saved_keyboard_ >= 0) ioctl(fd_, KDSKBMODE, saved_keyboard_);
    ::close(fd_);
}

}  // namespace guichet::display
