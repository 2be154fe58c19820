// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's virtual terminal held for it while it draws through DRM: graphics mode (the
// kernel console never draws over the kiosk) and the keyboard off (keys never reach the
// console: no Ctrl+Alt+Fn, no Ctrl+Alt+Del), as SDL's KMSDRM driver does. Restored on exit.
#pragma once

#include <memory>
#include <string>

namespace guichet::display {

class VtConsole {
  public:
    // Takes the controlling terminal when it is a virtual terminal (the kiosk's unit gives it
    // /dev/tty1); otherwise does nothing, and note() says why.
    static std::unique_ptr<VtConsole> take();
    ~VtConsole();
    VtConsole(const VtConsole&) = delete;
    VtConsole& operator=(const VtConsole&) = delete;
    const std::string& note() const { return note_; }

  private:
    VtConsole() = default;
    int fd_ = -1;
    int saved_mode_ = -1;
    int saved_keyboard_ = -1;
    std::string note_;
};

}  // namespace guichet::display
