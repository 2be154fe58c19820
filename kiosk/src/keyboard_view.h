// Draws the on-screen keyboard of a layout; every key is a touch target "key.X".
#pragma once

#include <imgui.h>

#include "keyboard.h"
#include "screens/screen.h"

namespace guichet::kiosk {

// Draws the keyboard in the given width, from the cursor; returns its height.
float draw_keyboard(const Ui& ui, const KeyboardLayout& layout, float width);

// The height the keyboard will take for a width (to lay out what is above it).
float keyboard_height(const Ui& ui, const KeyboardLayout& layout, float width);

}  // namespace guichet::kiosk
