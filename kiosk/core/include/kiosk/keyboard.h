// SPDX-License-Identifier: GPL-3.0-or-later
// On-screen keyboard layouts, one per UI language (es, en, fr, pt, ht, ar), each with the
// letters that language writes, a row of digits, and the keys every layout shares (space,
// delete, clear).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace guichet::kiosk {

struct KeyboardLayout {
    std::string language;
    std::vector<std::vector<std::string>> rows;  // UTF-8 keys, top row first
};

// The layout for `language` (its base subtag, then the QWERTY layout of English).
const KeyboardLayout& keyboard_for(std::string_view language);

// True when `utf8_key` is a key of `layout` (scripts type only what a finger could).
bool layout_has_key(const KeyboardLayout& layout, std::string_view utf8_key);

// Splits UTF-8 text into code points, each as its own string.
std::vector<std::string> split_code_points(std::string_view utf8);

}  // namespace guichet::kiosk
