// SPDX-License-Identifier: GPL-3.0-or-later
// Draws the on-screen keyboard of a layout; every key is a touch target "key.X".
#pragma once

#include <imgui.h>

#include <optional>

#include "kiosk/keyboard.h"
#include "widgets/ui.h"

namespace guichet::kiosk {

// Draws the keyboard in the given width, no taller than max_height (keys shrink, never below
// the 9 mm target), from the cursor; returns its height. With `hide`, the bottom row ends in a
// key ("key.hide") that puts the keyboard away and acts `hide`.
float draw_keyboard(const Ui& ui, const KeyboardLayout& layout, float width, float max_height,
                    std::optional<Action> hide = std::nullopt);

// The height the keyboard will take (to lay out what is above it).
float keyboard_height(const Ui& ui, const KeyboardLayout& layout, float width, float max_height);

}  // namespace guichet::kiosk
