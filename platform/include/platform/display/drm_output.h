// SPDX-License-Identifier: GPL-3.0-or-later
// A screen lit straight through DRM/KMS (libdrm): one dumb buffer, CPU-written, scanned out by
// the display engine. No EGL, no GBM, no Mesa: what a board without a GPU needs to show a frame
// drawn in software. Restores the CRTC it found (the console's picture) when destroyed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "platform/result.h"

namespace guichet::display {

class DrmOutput {
  public:
    // Tries /dev/dri/card0..card7 in order; the error says, per card, why none could be used
    // (no permission, another program is the display's master, no connected screen).
    static Result<std::unique_ptr<DrmOutput>> open();
    ~DrmOutput();
    DrmOutput(const DrmOutput&) = delete;
    DrmOutput& operator=(const DrmOutput&) = delete;

    int width() const { return width_; }
    int height() const { return height_; }
    // Pixels per inch from the connector's size in mm; 0 when unknown or not believable.
    float dpi() const { return dpi_; }
    // "/dev/dri/card0 Virtual-1 1280x800@75".
    const std::string& description() const { return description_; }
    // Copies a frame of width() x height() XRGB8888 pixels (rows `pitch` bytes apart) into the
    // scanout buffer and tells drivers that need it (virtio-gpu, bochs, USB displays) what changed.
    void present(const void* pixels, std::size_t pitch);

  private:
    DrmOutput() = default;
    int fd_ = -1;
    std::uint32_t connector_ = 0;
    std::uint32_t crtc_ = 0;
    std::uint32_t handle_ = 0;  // the dumb buffer
    std::uint32_t fb_ = 0;      // its framebuffer object
    std::uint32_t pitch_ = 0;
    std::uint64_t size_ = 0;
    void* map_ = nullptr;
    void* saved_crtc_ = nullptr;  // drmModeCrtc* as found, restored at the end
    int width_ = 0, height_ = 0;
    float dpi_ = 0;
    std::string description_;
    friend struct DrmOutputOpener;
};

}  // namespace guichet::display
