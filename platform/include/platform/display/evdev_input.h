// SPDX-License-Identifier: GPL-3.0-or-later
// Touchscreens, tablets, mice and keyboards read straight from /dev/input/event* (the kiosk's
// user is in group input), for the DRM display where no SDL video driver reads them. Devices
// plugged in later are picked up (inotify on /dev/input). Every read is bounded.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "platform/display/evdev_decoder.h"

namespace guichet::display {

class EvdevInput {
  public:
    static std::unique_ptr<EvdevInput> open(ScreenMapping screen);
    ~EvdevInput();
    EvdevInput(const EvdevInput&) = delete;
    EvdevInput& operator=(const EvdevInput&) = delete;

    // File descriptors to wait on (poll POLLIN): the devices and the hot-plug watch.
    std::vector<int> fds() const;
    // Reads what is waiting, without blocking; appends pointer events and key names.
    void read(std::vector<PointerEvent>& pointer, std::vector<std::string>& keys);
    void set_screen(ScreenMapping screen);

  private:
    struct Device {
        int fd = -1;
        std::string path;
        EvdevDecoder decoder;
    };
    EvdevInput() = default;
    void scan();
    void close_device(std::size_t index);
    ScreenMapping screen_;
    int watch_fd_ = -1;  // inotify on /dev/input
    std::vector<Device> devices_;
    std::vector<std::string> refused_;  // paths already found useless (logged once)
};

}  // namespace guichet::display
