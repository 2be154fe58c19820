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
    bool render_node = false;      // /dev/dri/renderD* of a GPU that draws (Mesa is worth it)
    bool drm_card = false;         // /dev/dri/card*: a display engine to light
    // Render nodes left out because their driver does not draw, as "renderD128 (virtio_gpu
    // without 3D)", for the log line that says why the DRM display was chosen.
    std::string render_nodes_ignored;
};

// Whether a render node's kernel driver draws in hardware. vgem never does; virtio_gpu only
// when the host gives it 3D (virgl): without it Mesa falls back to llvmpipe, software OpenGL
// at LLVM's memory price (a QEMU guest's usual GPU). Any other driver is taken to draw.
bool render_node_draws(const std::string& driver, bool virtio_gpu_3d);

// sdl or drm, never automatic. auto is drm only where SDL would end in KMSDRM on software
// OpenGL: no window system, SDL_VIDEODRIVER unset or kmsdrm, no render node, a card present.
DisplayBackend choose_backend(DisplayBackend setting, const BackendFacts& facts);

// The facts of this machine (environment and /dev/dri).
BackendFacts backend_facts();

}  // namespace guichet::display
