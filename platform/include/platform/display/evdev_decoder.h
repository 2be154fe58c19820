// SPDX-License-Identifier: GPL-3.0-or-later
// Linux input events (struct input_event from /dev/input/event*) as the kiosk's pointer events
// and key names, decided from what a device reports it has. Pure: no file, no ioctl, so every
// touchscreen, tablet and mouse is tested from recorded event sequences.
#pragma once

#include <linux/input.h>

#include <cstdint>
#include <string>
#include <vector>

#include "platform/display/pointer.h"

namespace guichet::display {

// An absolute axis as EVIOCGABS reports it.
struct AbsRange {
    int minimum = 0;
    int maximum = 0;
    bool usable() const { return maximum > minimum; }
};

// What a device says it can do (EVIOCGBIT, EVIOCGABS, EVIOCGPROP), reduced to what matters here.
struct EvdevCapabilities {
    bool abs_x = false, abs_y = false;          // ABS_X, ABS_Y
    bool mt_x = false, mt_y = false;            // ABS_MT_POSITION_X/Y
    bool mt_slot = false, mt_tracking = false;  // ABS_MT_SLOT, ABS_MT_TRACKING_ID (protocol B)
    bool btn_touch = false, btn_left = false;
    bool rel_x = false, rel_y = false, rel_wheel = false;
    bool direct = false;       // INPUT_PROP_DIRECT: the surface is the screen (a touchscreen)
    bool typing_keys = false;  // KEY_A..KEY_Z or KEY_TAB/KEY_ENTER: a keyboard
    AbsRange x, y, mt_x_range, mt_y_range;
};

enum class EvdevKind { touchscreen, multitouch, tablet, mouse, keyboard, ignored };

// Which decoding a device gets: multitouch (protocol B slots) over single touch, an absolute
// pointer without BTN_TOUCH is a tablet (QEMU's usb-tablet), relative axes are a mouse.
// Devices with an absolute axis whose range is empty or inverted are ignored (no way to map them).
EvdevKind classify_device(const EvdevCapabilities& caps);
const char* kind_name(EvdevKind kind);

// The screen the events land on: its physical pixels and how the picture is turned.
struct ScreenMapping {
    int physical_width = 0;
    int physical_height = 0;
    int rotation = 0;
};

// Keeps the state of one device between events; emits on SYN_REPORT (the end of a frame of
// changes), so a finger's x and y always arrive together.
class EvdevDecoder {
  public:
    static constexpr int kMaxSlots = 10;  // fingers tracked; contacts in higher slots are ignored

    EvdevDecoder(EvdevKind kind, const EvdevCapabilities& caps, ScreenMapping screen);
    void set_screen(ScreenMapping screen) { screen_ = screen; }
    EvdevKind kind() const { return kind_; }
    // Appends what the event completes: pointer events (logical pixels) and key names as
    // SDL_GetKeyName spells them ("Tab", "Return", "F1"), presses only, no auto-repeat.
    void feed(const input_event& event, std::vector<PointerEvent>& pointer,
              std::vector<std::string>& keys);

  private:
    struct Contact {
        int tracking_id = -1;  // -1: no finger in this slot
        int x = 0, y = 0;
        bool down = false;  // reported down to the kiosk
        bool changed = false;
        std::int64_t finger = 0;
    };
    void sync(std::vector<PointerEvent>& out);
    void sync_multitouch(std::vector<PointerEvent>& out);
    Point to_logical(int raw_x, int raw_y, const AbsRange& rx, const AbsRange& ry) const;
    PointerEvent event_at(PointerEvent::Kind kind, Point p, bool touch, std::int64_t finger) const;

    EvdevKind kind_;
    EvdevCapabilities caps_;
    ScreenMapping screen_;
    bool dropped_ = false;  // SYN_DROPPED: the kernel lost events; skip to the next report
    // Single touch, tablet and mouse.
    int abs_x_ = 0, abs_y_ = 0;
    bool position_changed_ = false;
    bool button_ = false, button_reported_ = false;
    float mouse_x_ = 0, mouse_y_ = 0;  // a relative mouse's cursor, physical pixels
    int rel_dx_ = 0, rel_dy_ = 0, wheel_ = 0;
    // Multitouch protocol B.
    int slot_ = 0;
    Contact contacts_[kMaxSlots];
    std::int64_t next_finger_ = 1;
};

// The key names the kiosk reacts to (speech navigation, the speech key, Escape); nullptr for the
// rest.
const char* key_name(int code);

}  // namespace guichet::display
