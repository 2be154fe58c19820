// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes read aloud's text reader (kiosk/speech.h), which reads the content's Markdown and
// staff's texts: any bytes give sentences that each have words and point at bytes inside the
// text, in order and not overlapping (the screen highlights them), never a crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/speech.h"

using namespace guichet::kiosk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::size_t last_end = 0;
    for (const SpokenLine& line : text_to_speech(text, "es")) {
        if (line.text.empty() || line.language != "es") __builtin_trap();
        if (line.source_begin >= line.source_end || line.source_end > size) __builtin_trap();
        if (line.source_begin < last_end) __builtin_trap();
        last_end = line.source_end;
    }
    for (const SpokenLine& line : markdown_to_speech(text, "ar"))
        if (line.text.empty() || line.language != "ar") __builtin_trap();
    const std::string spelt = spell_phone_numbers(text);
    if (spelt.empty() != text.empty()) __builtin_trap();
    return 0;
}
