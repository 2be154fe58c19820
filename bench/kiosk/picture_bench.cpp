// SPDX-License-Identifier: GPL-3.0-or-later
// What a picture costs the kiosk: decode_picture (providers/pictures.h: the format check, libpng
// or libturbojpeg, the halving to 2048 px a side), which PictureDecoder's thread runs, beside
// picture_size (the header alone), all the UI thread now does before the page opens, on PNG and
// JPEG pictures of the sizes staff give, made here from a synthetic photo-like pattern with
// stb_image_write, plus any files named on the command line. Prints the median of REPEAT runs.
// Usage: picture_bench [--repeat N] [FILE.png|FILE.jpg ...]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <stb/stb_image_write.h>

#include "providers/pictures.h"

namespace {

void append_bytes(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<std::uint8_t>*>(context);
    out->insert(out->end(), static_cast<std::uint8_t*>(data),
                static_cast<std::uint8_t*>(data) + size);
}

// Smooth gradients with a little texture: compresses like a photo or a diagram, not like noise.
std::vector<std::uint8_t> pattern(int width, int height) {
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(width) * height * 3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            std::uint8_t* p = &rgb[(static_cast<std::size_t>(y) * width + x) * 3];
            p[0] = static_cast<std::uint8_t>(128 + 100 * std::sin(x * 0.01) * std::cos(y * 0.013));
            p[1] = static_cast<std::uint8_t>((x * 255) / width);
            p[2] = static_cast<std::uint8_t>(((x / 16 + y / 16) % 2) ? 200 : 60);
        }
    return rgb;
}

double median_size_ms(const guichet::content::StoredImage& stored, int repeat) {
    std::vector<double> times;
    for (int i = 0; i < repeat; ++i) {
        const auto start = std::chrono::steady_clock::now();
        auto size = guichet::kiosk::picture_size(stored);
        const auto took = std::chrono::steady_clock::now() - start;
        if (!size) {
            std::fprintf(stderr, "%s: %s\n", stored.path.c_str(), size.message().c_str());
            std::exit(1);
        }
        times.push_back(std::chrono::duration<double, std::milli>(took).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

double median_ms(const guichet::content::StoredImage& stored, int repeat, int& width, int& height) {
    std::vector<double> times;
    for (int i = 0; i < repeat; ++i) {
        const auto start = std::chrono::steady_clock::now();
        auto picture = guichet::kiosk::decode_picture(stored);
        const auto took = std::chrono::steady_clock::now() - start;
        if (!picture) {
            std::fprintf(stderr, "%s: %s\n", stored.path.c_str(), picture.message().c_str());
            std::exit(1);
        }
        width = picture->width, height = picture->height;
        times.push_back(std::chrono::duration<double, std::milli>(took).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void report(const guichet::content::StoredImage& stored, int repeat, const char* note) {
    int width = 0, height = 0;
    const double ms = median_ms(stored, repeat, width, height);
    const double size_ms = median_size_ms(stored, repeat);
    std::printf("%-28s %9zu B  -> %4dx%-4d  decode %8.1f ms  size %6.3f ms  %s\n",
                stored.path.c_str(), stored.bytes.size(), width, height, ms, size_ms, note);
}

}  // namespace

int main(int argc, char** argv) {
    int repeat = 5;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--repeat" && i + 1 < argc)
            repeat = std::max(1, std::atoi(argv[++i]));
        else
            files.push_back(arg);
    }
    std::printf("decode_picture (decoder thread) and picture_size (UI thread), median of %d runs\n", repeat);
    for (const auto& [w, h] : {std::pair{720, 220}, {1200, 800}, {2048, 1536}, {4096, 3072}}) {
        const auto rgb = pattern(w, h);
        for (const char* format : {"png", "jpeg"}) {
            guichet::content::StoredImage stored;
            stored.format = format;
            stored.path = std::string("synthetic ") + std::to_string(w) + "x" + std::to_string(h) +
                          "." + (format[0] == 'p' ? "png" : "jpg");
            if (format[0] == 'p')
                stbi_write_png_to_func(append_bytes, &stored.bytes, w, h, 3, rgb.data(), w * 3);
            else
                stbi_write_jpg_to_func(append_bytes, &stored.bytes, w, h, 3, rgb.data(), 85);
            if (stored.bytes.size() > guichet::content::kMaxImageBytes) {
                std::printf("%-28s %9zu B  past the 4 MiB a picture may have: not in content\n",
                            stored.path.c_str(), stored.bytes.size());
                continue;
            }
            report(stored, repeat, w > guichet::kiosk::kMaxPictureSide ? "(halved)" : "");
        }
    }
    for (const std::string& file : files) {
        std::ifstream in(file, std::ios::binary);
        guichet::content::StoredImage stored;
        stored.path = file.substr(file.find_last_of('/') + 1);
        stored.format = file.ends_with(".png") ? "png" : "jpeg";
        stored.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        report(stored, repeat, "");
    }
}
