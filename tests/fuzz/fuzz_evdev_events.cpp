// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the DRM display's input decoder (platform/display/evdev_decoder.h) with what any
// device may send: the first bytes choose the device's capabilities, ranges and the screen's
// rotation, the rest are input_event records (type, code, value). Every pointer event must land
// inside the upright frame, every up must follow a down of the same finger, and every key name
// must be one of the decoder's; never a crash or a read past the input.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "platform/display/evdev_decoder.h"

using namespace guichet::display;

namespace {
std::int32_t read_i32(const std::uint8_t* p) {
    std::uint32_t v = 0;
    std::memcpy(&v, p, 4);
    return static_cast<std::int32_t>(v);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::size_t kHeader = 4 + 16;
    if (size < kHeader) return 0;
    EvdevCapabilities caps;
    const std::uint16_t bits = static_cast<std::uint16_t>(data[0] | (data[1] << 8));
    caps.abs_x = bits & 1, caps.abs_y = bits & 2, caps.mt_x = bits & 4, caps.mt_y = bits & 8;
    caps.mt_slot = bits & 16, caps.mt_tracking = bits & 32, caps.btn_touch = bits & 64;
    caps.btn_left = bits & 128, caps.rel_x = bits & 256, caps.rel_y = bits & 512;
    caps.rel_wheel = bits & 1024, caps.direct = bits & 2048, caps.typing_keys = bits & 4096;
    const int rotation = (data[2] % 4) * 90;
    const int width = 1 + data[3] * 8;
    const int height = 1 + (data[3] ^ 0x5a) * 4;
    caps.x = caps.mt_x_range = {read_i32(data + 4), read_i32(data + 8)};
    caps.y = caps.mt_y_range = {read_i32(data + 12), read_i32(data + 16)};
    const EvdevKind kind = classify_device(caps);
    EvdevDecoder decoder(kind, caps, {width, height, rotation});
    const bool sideways = rotation == 90 || rotation == 270;
    const float logical_w = static_cast<float>(sideways ? height : width);
    const float logical_h = static_cast<float>(sideways ? width : height);
    std::vector<PointerEvent> pointer;
    std::vector<std::string> keys;
    std::set<std::int64_t> down;
    for (std::size_t at = kHeader; at + 8 <= size; at += 8) {
        input_event event{};
        event.type = static_cast<__u16>(data[at] | (data[at + 1] << 8));
        event.code = static_cast<__u16>(data[at + 2] | (data[at + 3] << 8));
        event.value = read_i32(data + at + 4);
        pointer.clear();
        keys.clear();
        decoder.feed(event, pointer, keys);
        for (const PointerEvent& e : pointer) {
            if (!std::isfinite(e.x) || !std::isfinite(e.y) || e.x < -0.01f || e.y < -0.01f ||
                e.x > logical_w + 0.01f || e.y > logical_h + 0.01f)
                std::abort();
            if (e.kind == PointerEvent::Kind::down && !down.insert(e.finger).second) std::abort();
            if (e.kind == PointerEvent::Kind::up && down.erase(e.finger) != 1) std::abort();
        }
        for (const std::string& name : keys)
            if (name.empty() || name.size() > 12) std::abort();
    }
    return 0;
}
