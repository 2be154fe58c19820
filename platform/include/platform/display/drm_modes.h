// SPDX-License-Identifier: GPL-3.0-or-later
// Which connector, mode and CRTC the kiosk lights, chosen from plain descriptions of what the
// DRM device reports (libdrm's structures copied into these), so the choice is tested without a
// device: the first connected connector with modes, its preferred mode, a CRTC it can use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "platform/result.h"

namespace guichet::display {

struct DrmModeInfo {
    int width = 0;
    int height = 0;
    int refresh_hz = 0;
    bool preferred = false;  // DRM_MODE_TYPE_PREFERRED: the panel's native mode
};

struct DrmConnectorInfo {
    std::uint32_t id = 0;
    std::string name;  // "Virtual-1", "HDMI-A-1": for messages
    bool connected = false;
    std::vector<DrmModeInfo> modes;
    std::uint32_t current_crtc = 0;             // the CRTC its encoder drives now, 0 if none
    std::vector<std::uint32_t> possible_crtcs;  // every CRTC one of its encoders can drive
    int width_mm = 0, height_mm = 0;            // 0 when unknown
};

struct DrmOutputChoice {
    std::size_t connector = 0;  // index into the list given
    std::size_t mode = 0;       // index into that connector's modes
    std::uint32_t crtc = 0;
};

// Error (a message naming what each connector lacked) when nothing can be lit.
Result<DrmOutputChoice> choose_output(const std::vector<DrmConnectorInfo>& connectors);

// Pixels per inch from the panel's size, or 0 when the size is unknown or not believable.
float panel_dpi(int width_px, int width_mm);

}  // namespace guichet::display
