// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/display/drm_output.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "platform/display/drm_modes.h"

namespace guichet::display {

// Builds one output on one card; everything it acquires is owned by the DrmOutput as soon as
// it exists, so a failure half-way is cleaned up by its destructor.
struct DrmOutputOpener {
    static Result<std::unique_ptr<DrmOutput>> on_card(const std::string& path);
};

namespace {

// Each connector as the pure chooser sees it, and beside it (same index) libdrm's own modes,
// which setting the mode needs back verbatim.
std::vector<DrmConnectorInfo> describe_connectors(
    int fd, const drmModeRes& resources, std::vector<std::vector<drmModeModeInfo>>& modes) {
    std::vector<DrmConnectorInfo> connectors;
    for (int i = 0; i < resources.count_connectors && i < 16; ++i) {
        drmModeConnector* connector = drmModeGetConnector(fd, resources.connectors[i]);
        if (!connector) continue;
        DrmConnectorInfo info;
        info.id = connector->connector_id;
        const char* type = drmModeGetConnectorTypeName(connector->connector_type);
        info.name = std::string(type ? type : "connector") + "-" +
                    std::to_string(connector->connector_type_id);
        info.connected = connector->connection == DRM_MODE_CONNECTED;
        info.width_mm = static_cast<int>(connector->mmWidth);
        info.height_mm = static_cast<int>(connector->mmHeight);
        std::vector<drmModeModeInfo> raw;
        for (int m = 0; m < connector->count_modes && m < 64; ++m) {
            const drmModeModeInfo& mode = connector->modes[m];
            info.modes.push_back({mode.hdisplay, mode.vdisplay, static_cast<int>(mode.vrefresh),
                                  (mode.type & DRM_MODE_TYPE_PREFERRED) != 0});
            raw.push_back(mode);
        }
        if (connector->encoder_id) {
            if (drmModeEncoder* encoder = drmModeGetEncoder(fd, connector->encoder_id)) {
                info.current_crtc = encoder->crtc_id;
                drmModeFreeEncoder(encoder);
            }
        }
        for (int e = 0; e < connector->count_encoders && e < 16; ++e) {
            drmModeEncoder* encoder = drmModeGetEncoder(fd, connector->encoders[e]);
            if (!encoder) continue;
            for (int c = 0; c < resources.count_crtcs && c < 32; ++c)
                if (encoder->possible_crtcs & (1u << c)) {
                    const std::uint32_t crtc = resources.crtcs[c];
                    if (std::find(info.possible_crtcs.begin(), info.possible_crtcs.end(), crtc) ==
                        info.possible_crtcs.end())
                        info.possible_crtcs.push_back(crtc);
                }
            drmModeFreeEncoder(encoder);
        }
        drmModeFreeConnector(connector);
        connectors.push_back(std::move(info));
        modes.push_back(std::move(raw));
    }
    return connectors;
}

}  // namespace

Result<std::unique_ptr<DrmOutput>> DrmOutputOpener::on_card(const std::string& path) {
    std::unique_ptr<DrmOutput> output(new DrmOutput());
    output->fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (output->fd_ < 0)
        return make_error(path + ": cannot open (" + std::strerror(errno) +
                          "; the kiosk's user needs the group video)");
    const int fd = output->fd_;
    std::uint64_t dumb = 0;
    if (drmGetCap(fd, DRM_CAP_DUMB_BUFFER, &dumb) != 0 || dumb == 0)
        return make_error(path + ": the driver has no dumb buffers");
    // The first to open a card becomes its master; if we are not, a display server or another
    // kiosk holds it, and setting a mode would fail.
    if (!drmIsMaster(fd) && drmSetMaster(fd) != 0)
        return make_error(path +
                          ": another program drives this display (an X server, a compositor or "
                          "a second kiosk): stop it, or set display_backend = sdl");
    drmModeRes* resources = drmModeGetResources(fd);
    if (!resources) return make_error(path + ": not a display (no KMS resources)");
    std::vector<std::vector<drmModeModeInfo>> modes;
    const std::vector<DrmConnectorInfo> connectors = describe_connectors(fd, *resources, modes);
    drmModeFreeResources(resources);
    auto choice = choose_output(connectors);
    if (!choice) return make_error(path + ": " + choice.message());
    const DrmConnectorInfo& connector = connectors[choice->connector];
    drmModeModeInfo mode = modes[choice->connector][choice->mode];
    output->connector_ = connector.id;
    output->crtc_ = choice->crtc;
    output->width_ = mode.hdisplay;
    output->height_ = mode.vdisplay;
    output->dpi_ = panel_dpi(mode.hdisplay, connector.width_mm);

    drm_mode_create_dumb create{};
    create.width = mode.hdisplay;
    create.height = mode.vdisplay;
    create.bpp = 32;
    if (drmIoctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &create) != 0)
        return make_error(path + ": cannot allocate a " + std::to_string(mode.hdisplay) + "x" +
                          std::to_string(mode.vdisplay) + " buffer (" + std::strerror(errno) + ")");
    output->handle_ = create.handle;
    output->pitch_ = create.pitch;
    output->size_ = create.size;
    if (drmModeAddFB(fd, mode.hdisplay, mode.vdisplay, 24, 32, create.pitch, create.handle,
                     &output->fb_) != 0)
        return make_error(path + ": the driver refused an XRGB8888 framebuffer (" +
                          std::strerror(errno) + ")");
    drm_mode_map_dumb map{};
    map.handle = create.handle;
    if (drmIoctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &map) != 0)
        return make_error(path + ": cannot map the buffer (" + std::strerror(errno) + ")");
    void* pixels = mmap(nullptr, create.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
                        static_cast<off_t>(map.offset));
    if (pixels == MAP_FAILED)
        return make_error(path + ": cannot map the buffer (" + std::strerror(errno) + ")");
    output->map_ = pixels;
    std::memset(pixels, 0, create.size);
    output->saved_crtc_ = drmModeGetCrtc(fd, output->crtc_);
    std::uint32_t connector_id = connector.id;
    if (drmModeSetCrtc(fd, output->crtc_, output->fb_, 0, 0, &connector_id, 1, &mode) != 0)
        return make_error(path + ": cannot set " + connector.name + " to " +
                          std::to_string(mode.hdisplay) + "x" + std::to_string(mode.vdisplay) +
                          " (" + std::strerror(errno) + ")");
    output->description_ = path + " " + connector.name + " " + std::to_string(mode.hdisplay) + "x" +
                           std::to_string(mode.vdisplay) + "@" + std::to_string(mode.vrefresh);
    return output;
}

Result<std::unique_ptr<DrmOutput>> DrmOutput::open() {
    std::string problems;
    for (int card = 0; card < 8; ++card) {
        const std::string path = "/dev/dri/card" + std::to_string(card);
        if (access(path.c_str(), F_OK) != 0) continue;
        auto output = DrmOutputOpener::on_card(path);
        if (output) return output;
        problems += (problems.empty() ? "" : "; ") + output.message();
    }
    if (problems.empty())
        return make_error("no DRM device (/dev/dri/card*): no display engine driver loaded");
    return make_error(problems);
}

DrmOutput::~DrmOutput() {
    if (fd_ < 0) return;
    if (saved_crtc_) {
        auto* saved = static_cast<drmModeCrtc*>(saved_crtc_);
        // Give the screen back as it was (the console's framebuffer), if it showed anything.
        if (saved->mode_valid && saved->buffer_id != 0)
            drmModeSetCrtc(fd_, saved->crtc_id, saved->buffer_id, saved->x, saved->y, &connector_,
                           1, &saved->mode);
        drmModeFreeCrtc(saved);
    }
    if (fb_) drmModeRmFB(fd_, fb_);
    if (map_) munmap(map_, size_);
    if (handle_) {
        drm_mode_destroy_dumb destroy{};
        destroy.handle = handle_;
        drmIoctl(fd_, DRM_IOCTL_MODE_DESTROY_DUMB, &destroy);
    }
    ::close(fd_);
}

void DrmOutput::present(const void* pixels, std::size_t pitch) {
    if (!map_ || !pixels) return;
    const std::size_t row = static_cast<std::size_t>(width_) * 4;
    auto* to = static_cast<unsigned char*>(map_);
    const auto* from = static_cast<const unsigned char*>(pixels);
    for (int y = 0; y < height_; ++y)
        std::memcpy(to + static_cast<std::size_t>(y) * pitch_, from + y * pitch,
                    std::min(row, static_cast<std::size_t>(pitch_)));
    // Drivers that scan out from their own copy (virtio-gpu, bochs, USB displays) need to be
    // told; the others answer ENOSYS, which is fine. No clip rectangles: the whole buffer.
    drmModeDirtyFB(fd_, fb_, nullptr, 0);
}

}  // namespace guichet::display
