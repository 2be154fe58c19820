// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/display/png_writer.h"

#include <stb/stb_image_write.h>

namespace guichet::display {

Result<void> write_png_rgba(const std::filesystem::path& path, int width, int height,
                            const std::uint8_t* rgba, int stride_bytes) {
    // Screenshots are flat UI colours: light compression is nearly as small and several
    // times faster than stb's default level 8.
    stbi_write_png_compression_level = 2;
    if (!stbi_write_png(path.c_str(), width, height, 4, rgba, stride_bytes))
        return make_error("cannot write PNG " + path.string());
    return {};
}

}  // namespace guichet::display
