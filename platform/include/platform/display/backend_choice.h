// SPDX-License-Identifier: GPL-3.0-or-later
// Which way frames reach the screen: SDL's video drivers (X11, Wayland, KMSDRM through EGL, so
// Mesa) or the kiosk's own DRM/KMS dumb buffers (no Mesa, no LLVM: for boards without a GPU).
// The choice is a pure function of the setting and what the machine has.
#pragma once

#include <string>

#include "platform/result.h"

namespace guichet::display {

enum class DisplayBackend { automatic, sdl, drm };

// "auto", "sdl" or "drm"; anything else is an error naming the value.
Result<DisplayBackend> parse_display_backend(const std::string& text);

struct BackendFacts {
    bool window_system = false;    // DISPLAY or WAYLAND_DISPLAY set
    std::string sdl_video_driver;  // SDL_VIDEODRIVER, "" when unset
    bool render_node = false;      // /dev/dri/renderD*: a GPU that draws (Mesa is worth it)
    bool drm_card = false;         // /dev/dri/card*: a display engine to light
};

// sdl or drm, never automatic. auto is drm only where SDL would end in KMSDRM on software
// OpenGL: no window system, SDL_VIDEODRIVER unset or kmsdrm, no render node, a card present.
DisplayBackend choose_backend(DisplayBackend setting, const BackendFacts& facts);

// The facts of this machine (environment and /dev/dri).
BackendFacts backend_facts();

}  // namespace guichet::display
