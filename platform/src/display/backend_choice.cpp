// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/display/backend_choice.h"

#include <fcntl.h>
#include <libdrm/virtgpu_drm.h>
#include <sys/ioctl.h>
#include <xf86drm.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>

#include "platform/file_descriptor.h"

namespace guichet::display {

namespace {

// The render node's driver name and, for virtio_gpu, whether the host gives it 3D. A node that
// cannot be asked counts as drawing: SDL and Mesa stay, as before this check.
bool node_draws(const std::filesystem::path& node, std::string& why_not) {
    files::FileDescriptor fd(::open(node.c_str(), O_RDWR | O_CLOEXEC));
    if (!fd.valid()) return true;
    drmVersionPtr version = drmGetVersion(fd.get());
    if (!version) return true;
    const std::string driver(version->name ? version->name : "");
    drmFreeVersion(version);
    int has_3d = 0;
    if (driver == "virtio_gpu") {
        drm_virtgpu_getparam param{};
        param.param = VIRTGPU_PARAM_3D_FEATURES;
        param.value = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(&has_3d));
        if (::ioctl(fd.get(), DRM_IOCTL_VIRTGPU_GETPARAM, &param) != 0) return true;
    }
    if (render_node_draws(driver, has_3d != 0)) return true;
    why_not =
        node.filename().string() + " (" + driver + (driver == "virtio_gpu" ? " without 3D)" : ")");
    return false;
}

}  // namespace

bool render_node_draws(const std::string& driver, bool virtio_gpu_3d) {
    if (driver == "vgem") return false;
    if (driver == "virtio_gpu") return virtio_gpu_3d;
    return true;
}

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
        if (name.starts_with("renderD")) {
            std::string why_not;
            if (node_draws(entry.path(), why_not)) {
                facts.render_node = true;
            } else {
                if (!facts.render_nodes_ignored.empty()) facts.render_nodes_ignored += ", ";
                facts.render_nodes_ignored += why_not;
            }
        }
        if (name.starts_with("card")) facts.drm_card = true;
    }
    return facts;
}

}  // namespace guichet::display
