// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/display/backend_choice.h"

#include <cstdlib>
#include <filesystem>

namespace guichet::display {

Result<DisplayBackend> parse_display_backend(const std::string& text) {
    if (text == "auto") return DisplayBackend::automatic;
    if (text == "sdl") return DisplayBackend::sdl;
    if (text == "drm") return DisplayBackend::drm;
    return make_error("display backend must be auto, sdl or drm (got '" + text + "')");
}

DisplayBackend choose_backend(DisplayBackend setting, const BackendFacts& facts) {
    if (setting != DisplayBackend::automatic) return setting;
    const bool sdl_would_use_kms =
        facts.sdl_video_driver.empty() || facts.sdl_video_driver == "kmsdrm";
    if (facts.window_system || !sdl_would_use_kms || facts.render_node || !facts.drm_card)
        return DisplayBackend::sdl;
    return DisplayBackend::drm;
}

BackendFacts backend_facts() {
    BackendFacts facts;
    const auto set = [](const char* name) {
        const char* value = std::getenv(name);
        return value && *value;
    };
    facts.window_system = set("DISPLAY") || set("WAYLAND_DISPLAY");
    if (const char* driver = std::getenv("SDL_VIDEODRIVER")) facts.sdl_video_driver = driver;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("renderD")) facts.render_node = true;
        if (name.starts_with("card")) facts.drm_card = true;
    }
    return facts;
}

}  // namespace guichet::display
