// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/display/drm_modes.h"

#include <algorithm>

namespace guichet::display {

Result<DrmOutputChoice> choose_output(const std::vector<DrmConnectorInfo>& connectors) {
    std::string seen;
    for (std::size_t c = 0; c < connectors.size(); ++c) {
        const DrmConnectorInfo& connector = connectors[c];
        const std::string name =
            connector.name.empty() ? "connector " + std::to_string(connector.id) : connector.name;
        if (!seen.empty()) seen += ", ";
        if (!connector.connected) {
            seen += name + " not connected";
            continue;
        }
        std::size_t best = connector.modes.size();
        for (std::size_t m = 0; m < connector.modes.size(); ++m) {
            const DrmModeInfo& mode = connector.modes[m];
            if (mode.width <= 0 || mode.height <= 0) continue;
            if (mode.preferred) {
                best = m;
                break;
            }
            // Without a preferred mode: the largest, and at equal size the first listed.
            if (best == connector.modes.size() ||
                static_cast<long>(mode.width) * mode.height >
                    static_cast<long>(connector.modes[best].width) * connector.modes[best].height)
                best = m;
        }
        if (best == connector.modes.size()) {
            seen += name + " connected but reports no mode";
            continue;
        }
        // The CRTC already driving it keeps the picture steady; else the first it can use.
        std::uint32_t crtc = 0;
        const auto& possible = connector.possible_crtcs;
        if (connector.current_crtc != 0 &&
            std::find(possible.begin(), possible.end(), connector.current_crtc) != possible.end())
            crtc = connector.current_crtc;
        else if (!possible.empty())
            crtc = possible.front();
        if (crtc == 0) {
            seen += name + " has no CRTC to drive it";
            continue;
        }
        return DrmOutputChoice{c, best, crtc};
    }
    if (connectors.empty()) return make_error("the DRM device has no connector");
    return make_error("no screen to light (" + seen + ")");
}

float panel_dpi(int width_px, int width_mm) {
    if (width_px <= 0 || width_mm <= 0) return 0;
    const float dpi = static_cast<float>(width_px) * 25.4f / static_cast<float>(width_mm);
    // QEMU and cheap HDMI adapters report sizes that give nonsense; a kiosk's panel sits
    // between a phone-like 400 and a wall display's 40, as display.cpp's SDL check says.
    return dpi < 40.0f || dpi > 400.0f ? 0 : dpi;
}

}  // namespace guichet::display
