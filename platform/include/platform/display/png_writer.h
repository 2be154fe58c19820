// SPDX-License-Identifier: GPL-3.0-or-later
// RGBA pixels to a PNG file, for screenshots.
#pragma once

#include <cstdint>
#include <filesystem>

#include "platform/result.h"

namespace guichet::display {

Result<void> write_png_rgba(const std::filesystem::path& path, int width, int height,
                            const std::uint8_t* rgba, int stride_bytes);

}  // namespace guichet::display
