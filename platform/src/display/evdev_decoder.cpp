// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/display/evdev_decoder.h"

#include <algorithm>

namespace guichet::display {

EvdevKind classify_device(const EvdevCapabilities& caps) {
    // A touchpad also reports BTN_TOUCH, but with buttons and no INPUT_PROP_DIRECT: its
    // surface is not the screen, so mapping it onto the screen would be wrong.
    const bool screen_surface = caps.direct || !caps.btn_left;
    if (caps.mt_x && caps.mt_y && caps.mt_slot && caps.mt_tracking && screen_surface) {
        return caps.mt_x_range.usable() && caps.mt_y_range.usable() ? EvdevKind::multitouch
                                                                    : EvdevKind::ignored;
    }
    if (caps.abs_x && caps.abs_y && (caps.btn_touch || caps.btn_left)) {
        if (!caps.x.usable() || !caps.y.usable()) return EvdevKind::ignored;
        if (caps.btn_touch && screen_surface) return EvdevKind::touchscreen;
        if (caps.btn_left && !caps.btn_touch) return EvdevKind::tablet;
        return EvdevKind::ignored;
    }
    if (caps.rel_x && caps.rel_y) return EvdevKind::mouse;
    if (caps.typing_keys) return EvdevKind::keyboard;
    return EvdevKind::ignored;
}

const char* kind_name(EvdevKind kind) {
    switch (kind) {
        case EvdevKind::touchscreen:
            return "touchscreen";
        case EvdevKind::multitouch:
            return "multitouch screen";
        case EvdevKind::tablet:
            return "absolute pointer (tablet)";
        case EvdevKind::mouse:
            return "mouse";
        case EvdevKind::keyboard:
            return "keyboard";
        case EvdevKind::ignored:
            break;
    }
    return "ignored";
}

const char* key_name(int code) {
    switch (code) {
        case KEY_TAB:
            return "Tab";
        case KEY_ENTER:
            return "Return";
        case KEY_KPENTER:
            return "Keypad Enter";
        case KEY_SPACE:
            return "Space";
        case KEY_ESC:
            return "Escape";
        case KEY_BACKSPACE:
            return "Backspace";
        case KEY_LEFT:
            return "Left";
        case KEY_RIGHT:
            return "Right";
        case KEY_UP:
            return "Up";
        case KEY_DOWN:
            return "Down";
        default:
            break;
    }
    static constexpr const char* kFunctionKeys[] = {"F1", "F2", "F3", "F4",  "F5",  "F6",
                                                    "F7", "F8", "F9", "F10", "F11", "F12"};
    if (code >= KEY_F1 && code <= KEY_F10) return kFunctionKeys[code - KEY_F1];
    if (code == KEY_F11) return "F11";
    if (code == KEY_F12) return "F12";
    static constexpr const char* kDigits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};
    if (code >= KEY_1 && code <= KEY_0) return kDigits[code - KEY_1];
    // Letters by their position on a QWERTY board, as evdev numbers them.
    struct Letter {
        int code;
        const char* name;
    };
    static constexpr Letter kLetters[] = {
        {KEY_A, "A"}, {KEY_B, "B"}, {KEY_C, "C"}, {KEY_D, "D"}, {KEY_E, "E"}, {KEY_F, "F"},
        {KEY_G, "G"}, {KEY_H, "H"}, {KEY_I, "I"}, {KEY_J, "J"}, {KEY_K, "K"}, {KEY_L, "L"},
        {KEY_M, "M"}, {KEY_N, "N"}, {KEY_O, "O"}, {KEY_P, "P"}, {KEY_Q, "Q"}, {KEY_R, "R"},
        {KEY_S, "S"}, {KEY_T, "T"}, {KEY_U, "U"}, {KEY_V, "V"}, {KEY_W, "W"}, {KEY_X, "X"},
        {KEY_Y, "Y"}, {KEY_Z, "Z"}};
    for (const Letter& letter : kLetters)
        if (letter.code == code) return letter.name;
    return nullptr;
}

EvdevDecoder::EvdevDecoder(EvdevKind kind, const EvdevCapabilities& caps, ScreenMapping screen)
    : kind_(kind), caps_(caps), screen_(screen) {
    mouse_x_ = static_cast<float>(screen.physical_width) / 2.0f;
    mouse_y_ = static_cast<float>(screen.physical_height) / 2.0f;
}

Point EvdevDecoder::to_logical(int raw_x, int raw_y, const AbsRange& rx, const AbsRange& ry) const {
    const auto scale = [](int raw, const AbsRange& range, int pixels) {
        if (!range.usable() || pixels <= 0) return 0.0f;
        const double fraction = (static_cast<double>(raw) - range.minimum) /
                                (static_cast<double>(range.maximum) - range.minimum);
        return static_cast<float>(std::clamp(fraction, 0.0, 1.0) * (pixels - 1));
    };
    return rotate_to_logical(scale(raw_x, rx, screen_.physical_width),
                             scale(raw_y, ry, screen_.physical_height), screen_.physical_width,
                             screen_.physical_height, screen_.rotation);
}

PointerEvent EvdevDecoder::event_at(PointerEvent::Kind kind, Point p, bool touch,
                                    std::int64_t finger) const {
    PointerEvent event;
    event.kind = kind;
    event.x = p.x;
    event.y = p.y;
    event.touch = touch;
    event.finger = finger;
    return event;
}

void EvdevDecoder::feed(const input_event& event, std::vector<PointerEvent>& pointer,
                        std::vector<std::string>& keys) {
    if (event.type == EV_SYN) {
        if (event.code == SYN_DROPPED) {
            dropped_ = true;
        } else if (event.code == SYN_REPORT) {
            if (dropped_) {
                // What happened while events were lost is unknown: lift everything (a press
                // never sticks) and start from this report's state.
                dropped_ = false;
                for (Contact& contact : contacts_) contact.changed = contact.down;
                for (Contact& contact : contacts_) contact.tracking_id = -1;
                button_ = false;
                rel_dx_ = rel_dy_ = wheel_ = 0;
            }
            sync(pointer);
        }
        return;
    }
    if (dropped_) return;
    if (event.type == EV_KEY) {
        switch (event.code) {
            case BTN_TOUCH:
                if (kind_ == EvdevKind::touchscreen) button_ = event.value != 0;
                return;
            case BTN_LEFT:
                if (kind_ == EvdevKind::tablet || kind_ == EvdevKind::mouse)
                    button_ = event.value != 0;
                return;
            default:
                break;
        }
        if (event.value == 1)  // 0 release, 2 auto-repeat
            if (const char* name = key_name(event.code)) keys.emplace_back(name);
        return;
    }
    if (event.type == EV_REL && kind_ == EvdevKind::mouse) {
        // Bounded: a device cannot push the sums past int with a flood of huge steps.
        const auto add = [](int& sum, int delta) {
            sum = std::clamp(sum + std::clamp(delta, -100000, 100000), -1000000, 1000000);
        };
        if (event.code == REL_X) add(rel_dx_, event.value);
        if (event.code == REL_Y) add(rel_dy_, event.value);
        if (event.code == REL_WHEEL) add(wheel_, event.value);
        return;
    }
    if (event.type == EV_REL && kind_ == EvdevKind::tablet && event.code == REL_WHEEL) {
        wheel_ = std::clamp(wheel_ + std::clamp(event.value, -1000, 1000), -1000000, 1000000);
        return;
    }
    if (event.type != EV_ABS) return;
    if (kind_ == EvdevKind::multitouch) {
        if (event.code == ABS_MT_SLOT) {
            slot_ = event.value >= 0 && event.value < kMaxSlots ? event.value : -1;
            return;
        }
        if (slot_ < 0) return;
        Contact& contact = contacts_[slot_];
        if (event.code == ABS_MT_TRACKING_ID) {
            contact.tracking_id = event.value < 0 ? -1 : event.value;
            contact.changed = true;
        } else if (event.code == ABS_MT_POSITION_X) {
            contact.x = event.value;
            contact.changed = true;
        } else if (event.code == ABS_MT_POSITION_Y) {
            contact.y = event.value;
            contact.changed = true;
        }
        return;
    }
    if (kind_ == EvdevKind::touchscreen || kind_ == EvdevKind::tablet) {
        if (event.code == ABS_X) abs_x_ = event.value, position_changed_ = true;
        if (event.code == ABS_Y) abs_y_ = event.value, position_changed_ = true;
    }
}

void EvdevDecoder::sync_multitouch(std::vector<PointerEvent>& out) {
    for (Contact& contact : contacts_) {
        if (!contact.changed) continue;
        contact.changed = false;
        const Point p = to_logical(contact.x, contact.y, caps_.mt_x_range, caps_.mt_y_range);
        if (contact.tracking_id >= 0 && !contact.down) {
            contact.down = true;
            contact.finger = next_finger_++;
            out.push_back(event_at(PointerEvent::Kind::down, p, true, contact.finger));
        } else if (contact.tracking_id >= 0) {
            out.push_back(event_at(PointerEvent::Kind::move, p, true, contact.finger));
        } else if (contact.down) {
            contact.down = false;
            out.push_back(event_at(PointerEvent::Kind::up, p, true, contact.finger));
        }
    }
}

void EvdevDecoder::sync(std::vector<PointerEvent>& out) {
    switch (kind_) {
        case EvdevKind::multitouch:
            sync_multitouch(out);
            return;
        case EvdevKind::touchscreen: {
            // A single-touch screen has one finger; hovering (position without BTN_TOUCH) is
            // not a touch.
            const Point p = to_logical(abs_x_, abs_y_, caps_.x, caps_.y);
            if (button_ && !button_reported_)
                out.push_back(event_at(PointerEvent::Kind::down, p, true, 0));
            else if (button_ && position_changed_)
                out.push_back(event_at(PointerEvent::Kind::move, p, true, 0));
            else if (!button_ && button_reported_)
                out.push_back(event_at(PointerEvent::Kind::up, p, true, 0));
            button_reported_ = button_;
            position_changed_ = false;
            return;
        }
        case EvdevKind::tablet:
        case EvdevKind::mouse: {
            Point p;
            bool moved = position_changed_;
            if (kind_ == EvdevKind::tablet) {
                p = to_logical(abs_x_, abs_y_, caps_.x, caps_.y);
            } else {
                // The cursor moves over the physical screen, as SDL's mouse did.
                moved = rel_dx_ != 0 || rel_dy_ != 0;
                const float right = static_cast<float>(std::max(screen_.physical_width - 1, 0));
                const float bottom = static_cast<float>(std::max(screen_.physical_height - 1, 0));
                mouse_x_ = std::clamp(mouse_x_ + static_cast<float>(rel_dx_), 0.0f, right);
                mouse_y_ = std::clamp(mouse_y_ + static_cast<float>(rel_dy_), 0.0f, bottom);
                rel_dx_ = rel_dy_ = 0;
                p = rotate_to_logical(mouse_x_, mouse_y_, screen_.physical_width,
                                      screen_.physical_height, screen_.rotation);
            }
            if (moved) out.push_back(event_at(PointerEvent::Kind::move, p, false, 0));
            if (button_ != button_reported_)
                out.push_back(event_at(button_ ? PointerEvent::Kind::down : PointerEvent::Kind::up,
                                       p, false, 0));
            if (wheel_ != 0) {
                PointerEvent wheel = event_at(PointerEvent::Kind::wheel, p, false, 0);
                wheel.wheel_lines = static_cast<float>(wheel_);  // away from the user: up
                out.push_back(wheel);
            }
            button_reported_ = button_;
            position_changed_ = false;
            wheel_ = 0;
            return;
        }
        case EvdevKind::keyboard:
        case EvdevKind::ignored:
            return;
    }
}

}  // namespace guichet::display
