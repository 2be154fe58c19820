// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/image_decode.h"

#include <png.h>
#include <turbojpeg.h>
#include <webp/decode.h>

#include <cstring>
#include <memory>
#include <string>

namespace guichet::image {
namespace {

constexpr std::uint8_t kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

Error too_large(Format format, int width, int height, const Limits& limits) {
    return make_error(std::string(format_name(format)) + " image of " + std::to_string(width) +
                      "x" + std::to_string(height) + " px is larger than the " +
                      std::to_string(limits.max_width) + "x" + std::to_string(limits.max_height) +
                      " px allowed");
}

Result<void> check_input(std::span<const std::uint8_t> bytes, const Limits& limits) {
    if (bytes.empty()) return make_error("empty image (0 bytes)");
    if (bytes.size() > limits.max_input_bytes)
        return make_error("image of " + std::to_string(bytes.size()) + " bytes is larger than the " +
                          std::to_string(limits.max_input_bytes) + " bytes allowed");
    return {};
}

struct PngImage {
    png_image image{};
    PngImage() { image.version = PNG_IMAGE_VERSION; }
    ~PngImage() { png_image_free(&image); }
    PngImage(const PngImage&) = delete;
    PngImage& operator=(const PngImage&) = delete;
};

struct TjHandle {
    tjhandle handle = tjInitDecompress();
    ~TjHandle() {
        if (handle) tjDestroy(handle);
    }
    TjHandle() = default;
    TjHandle(const TjHandle&) = delete;
    TjHandle& operator=(const TjHandle&) = delete;
};

Result<Size> png_size(PngImage& png, std::span<const std::uint8_t> bytes) {
    if (!png_image_begin_read_from_memory(&png.image, bytes.data(), bytes.size()))
        return make_error(std::string("damaged PNG image: ") + png.image.message);
    return Size{Format::png, static_cast<int>(png.image.width), static_cast<int>(png.image.height)};
}

Result<Size> jpeg_size(TjHandle& tj, std::span<const std::uint8_t> bytes) {
    if (!tj.handle) return make_error("cannot start the JPEG decoder");
    int width = 0, height = 0, subsampling = 0, colorspace = 0;
    if (tjDecompressHeader3(tj.handle, bytes.data(), static_cast<unsigned long>(bytes.size()),
                            &width, &height, &subsampling, &colorspace) != 0)
        return make_error(std::string("damaged JPEG image: ") + tjGetErrorStr2(tj.handle));
    return Size{Format::jpeg, width, height};
}

Result<Size> webp_size(std::span<const std::uint8_t> bytes) {
    int width = 0, height = 0;
    if (!WebPGetInfo(bytes.data(), bytes.size(), &width, &height))
        return make_error("damaged WebP image: its header cannot be read");
    return Size{Format::webp, width, height};
}

Result<void> check_size(const Size& size, const Limits& limits) {
    if (size.width <= 0 || size.height <= 0)
        return make_error(std::string(format_name(size.format)) + " image has no pixels");
    if (size.width > limits.max_width || size.height > limits.max_height)
        return too_large(size.format, size.width, size.height, limits);
    return {};
}

Rgba blank(const Size& size) {
    Rgba out;
    out.width = size.width;
    out.height = size.height;
    out.pixels.resize(static_cast<std::size_t>(size.width) * static_cast<std::size_t>(size.height) * 4);
    return out;
}

}  // namespace

std::string_view format_name(Format format) {
    switch (format) {
        case Format::png: return "PNG";
        case Format::jpeg: return "JPEG";
        case Format::webp: return "WebP";
        case Format::unknown: break;
    }
    return "unknown";
}

Format sniff(std::span<const std::uint8_t> bytes) {
    if (bytes.size() >= 8 && std::memcmp(bytes.data(), kPngSignature, 8) == 0) return Format::png;
    if (bytes.size() >= 3 && bytes[0] == 0xff && bytes[1] == 0xd8 && bytes[2] == 0xff)
        return Format::jpeg;
    if (bytes.size() >= 12 && std::memcmp(bytes.data(), "RIFF", 4) == 0 &&
        std::memcmp(bytes.data() + 8, "WEBP", 4) == 0)
        return Format::webp;
    return Format::unknown;
}

Result<Size> peek(std::span<const std::uint8_t> bytes, const Limits& limits) {
    if (auto ok = check_input(bytes, limits); !ok) return ok.error();
    Result<Size> size = make_error("not a PNG, JPEG or WebP image (its first bytes match none)");
    switch (sniff(bytes)) {
        case Format::png: {
            PngImage png;
            size = png_size(png, bytes);
            break;
        }
        case Format::jpeg: {
            TjHandle tj;
            size = jpeg_size(tj, bytes);
            break;
        }
        case Format::webp: size = webp_size(bytes); break;
        case Format::unknown: break;
    }
    if (!size) return size;
    if (auto ok = check_size(*size, limits); !ok) return ok.error();
    return size;
}

Result<Rgba> decode(std::span<const std::uint8_t> bytes, const Limits& limits) {
    if (auto ok = check_input(bytes, limits); !ok) return ok.error();
    switch (sniff(bytes)) {
        case Format::png: {
            PngImage png;
            auto size = png_size(png, bytes);
            if (!size) return size.error();
            if (auto ok = check_size(*size, limits); !ok) return ok.error();
            Rgba out = blank(*size);
            png.image.format = PNG_FORMAT_RGBA;
            if (!png_image_finish_read(&png.image, nullptr, out.pixels.data(), 0, nullptr))
                return make_error(std::string("damaged PNG image: ") + png.image.message);
            return out;
        }
        case Format::jpeg: {
            TjHandle tj;
            auto size = jpeg_size(tj, bytes);
            if (!size) return size.error();
            if (auto ok = check_size(*size, limits); !ok) return ok.error();
            Rgba out = blank(*size);
            // A truncated or damaged stream is refused, not shown half grey; a progressive
            // file with thousands of scans is refused, not decoded for minutes.
            if (tjDecompress2(tj.handle, bytes.data(), static_cast<unsigned long>(bytes.size()),
                              out.pixels.data(), size->width, 0, size->height, TJPF_RGBA,
                              TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS) != 0)
                return make_error(std::string("damaged JPEG image: ") + tjGetErrorStr2(tj.handle));
            return out;
        }
        case Format::webp: {
            auto size = webp_size(bytes);
            if (!size) return size.error();
            if (auto ok = check_size(*size, limits); !ok) return ok.error();
            Rgba out = blank(*size);
            if (!WebPDecodeRGBAInto(bytes.data(), bytes.size(), out.pixels.data(), out.pixels.size(),
                                    size->width * 4))
                return make_error("damaged WebP image: its pixels cannot be decoded");
            return out;
        }
        case Format::unknown: break;
    }
    return make_error("not a PNG, JPEG or WebP image (its first bytes match none)");
}

}  // namespace guichet::image
