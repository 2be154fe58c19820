// SPDX-License-Identifier: GPL-3.0-or-later
// Compressed images (PNG, JPEG, WebP: what map tiles and pictures in content are) decoded into
// 8-bit RGBA, recognised by their first bytes, never by a name. Sizes are checked before any
// pixel is decoded; anything broken, foreign or too large is an Error, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace guichet::image {

enum class Format { unknown, png, jpeg, webp };
std::string_view format_name(Format format);

// By the file's magic bytes: PNG's 8-byte signature, JPEG's SOI marker, RIFF....WEBP.
Format sniff(std::span<const std::uint8_t> bytes);

struct Limits {
    int max_width = 4096;
    int max_height = 4096;
    std::size_t max_input_bytes = 8u << 20;
};

struct Rgba {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // width * height * 4 bytes, rows top to bottom, R G B A
};

// The image's size from its header only (no pixels decoded).
struct Size {
    Format format = Format::unknown;
    int width = 0;
    int height = 0;
};
Result<Size> peek(std::span<const std::uint8_t> bytes, const Limits& limits = {});

Result<Rgba> decode(std::span<const std::uint8_t> bytes, const Limits& limits = {});

}  // namespace guichet::image
