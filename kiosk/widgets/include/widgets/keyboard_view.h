// SPDX-License-Identifier: GPL-3.0-or-later
// Draws the on-screen keyboard of a layout; every key is a touch target "key.X".
#pragma once

#include <imgui.h>

#include <limits>
#include <optional>

#include "kiosk/keyboard.h"
#include "widgets/ui.h"

namespace guichet::kiosk {

// Draws the keyboard in the given width, no taller than max_height where it can be (keys
// shrink, never below the 9 mm target; rows rearrange to stay within `most_height`, the room
// it must leave to what is above it: kiosk/layout_rules.h), from the cursor; returns its
// height. With `hide`, the bottom row ends in a key ("key.hide") that puts the keyboard away
// and acts `hide`.
inline constexpr float kNoHeightLimit = std::numeric_limits<float>::infinity();
float draw_keyboard(const Ui& ui, const KeyboardLayout& layout, float width, float max_height,
                    std::optional<Action> hide = std::nullopt, float most_height = kNoHeightLimit);

// The height the keyboard will take (to lay out what is above it).
float keyboard_height(const Ui& ui, const KeyboardLayout& layout, float width, float max_height,
                      float most_height = kNoHeightLimit);

}  // namespace guichet::kiosk
