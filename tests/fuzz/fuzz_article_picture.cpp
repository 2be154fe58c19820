// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes what the kiosk does with an article picture's bytes from a content store
// (kiosk/providers/pictures.h: the format the store names checked against the bytes, the PNG or
// JPEG decoder with content's limits, the halving to a texture's size). The first byte picks the
// format the store claims (png, jpeg or something else) and the largest side to shrink to
// (1-64 px, so inputs a fuzzer finds are halved many times). Any bytes give an error naming the
// picture, or an image of at most that side with exactly width*height*4 bytes; never a crash,
// a leak or a read past the input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "providers/pictures.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static const char* const kClaims[] = {"png", "jpeg", "webp"};
    guichet::content::StoredImage stored;
    stored.path = "articles/fuzz.png";
    stored.format = kClaims[data[0] % 3];
    stored.bytes.assign(data + 1, data + size);
    const int max_side = 1 + (data[0] >> 2) % 64;
    auto picture = guichet::kiosk::decode_picture(stored, max_side);
    if (picture.ok()) {
        if (picture->width < 1 || picture->height < 1 || picture->width > max_side ||
            picture->height > max_side ||
            picture->pixels.size() !=
                static_cast<std::size_t>(picture->width) * picture->height * 4)
            __builtin_trap();
    } else if (picture.message().rfind("picture 'articles/fuzz.png'", 0) != 0) {
        __builtin_trap();
    }
    return 0;
}
