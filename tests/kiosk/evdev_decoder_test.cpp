// SPDX-License-Identifier: GPL-3.0-or-later
// The DRM display's input: recorded input_event sequences of a touchscreen, a multitouch panel,
// QEMU's USB tablet and a mouse, decoded into the kiosk's pointer events and key names.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "platform/display/evdev_decoder.h"

using namespace guichet::display;
using Kind = PointerEvent::Kind;

namespace {

input_event ev(int type, int code, int value) {
    input_event e{};
    e.type = static_cast<__u16>(type);
    e.code = static_cast<__u16>(code);
    e.value = value;
    return e;
}
input_event syn() {
    return ev(EV_SYN, SYN_REPORT, 0);
}

struct Run {
    std::vector<PointerEvent> pointer;
    std::vector<std::string> keys;
};

Run decode(EvdevDecoder& decoder, const std::vector<input_event>& events) {
    Run run;
    for (const input_event& e : events) decoder.feed(e, run.pointer, run.keys);
    return run;
}

EvdevCapabilities single_touch(int max_x, int max_y) {
    EvdevCapabilities caps;
    caps.abs_x = caps.abs_y = caps.btn_touch = true;
    caps.x = {0, max_x};
    caps.y = {0, max_y};
    return caps;
}

EvdevCapabilities multitouch(int max_x, int max_y) {
    EvdevCapabilities caps = single_touch(max_x, max_y);
    caps.mt_x = caps.mt_y = caps.mt_slot = caps.mt_tracking = true;
    caps.direct = true;
    caps.mt_x_range = {0, max_x};
    caps.mt_y_range = {0, max_y};
    return caps;
}

EvdevCapabilities qemu_tablet() {
    EvdevCapabilities caps;
    caps.abs_x = caps.abs_y = caps.btn_left = caps.rel_wheel = true;
    caps.x = {0, 32767};
    caps.y = {0, 32767};
    return caps;
}

EvdevCapabilities mouse() {
    EvdevCapabilities caps;
    caps.rel_x = caps.rel_y = caps.rel_wheel = caps.btn_left = true;
    return caps;
}

}  // namespace

TEST_CASE("devices are told apart by what they report") {
    CHECK(classify_device(single_touch(4095, 4095)) == EvdevKind::touchscreen);
    CHECK(classify_device(multitouch(4095, 4095)) == EvdevKind::multitouch);
    CHECK(classify_device(qemu_tablet()) == EvdevKind::tablet);
    CHECK(classify_device(mouse()) == EvdevKind::mouse);
    EvdevCapabilities keyboard;
    keyboard.typing_keys = true;
    CHECK(classify_device(keyboard) == EvdevKind::keyboard);
    CHECK(classify_device(EvdevCapabilities{}) == EvdevKind::ignored);
    // A laptop touchpad: multitouch with buttons, not the screen's surface.
    EvdevCapabilities touchpad = multitouch(1000, 600);
    touchpad.direct = false;
    touchpad.btn_left = true;
    CHECK(classify_device(touchpad) == EvdevKind::ignored);
    // An axis with an empty or inverted range cannot be mapped onto the screen.
    CHECK(classify_device(single_touch(0, 4095)) == EvdevKind::ignored);
    EvdevCapabilities inverted = single_touch(4095, 4095);
    inverted.y = {100, 50};
    CHECK(classify_device(inverted) == EvdevKind::ignored);
    EvdevCapabilities bad_mt = multitouch(4095, 4095);
    bad_mt.mt_y_range = {0, 0};
    CHECK(classify_device(bad_mt) == EvdevKind::ignored);
}

TEST_CASE("a single-touch screen: down, move and up in screen pixels") {
    EvdevDecoder decoder(EvdevKind::touchscreen, single_touch(4095, 4095), {801, 481, 0});
    const Run run =
        decode(decoder, {ev(EV_ABS, ABS_X, 2048), ev(EV_ABS, ABS_Y, 1024), ev(EV_KEY, BTN_TOUCH, 1),
                         syn(), ev(EV_ABS, ABS_X, 4095), syn(), ev(EV_KEY, BTN_TOUCH, 0), syn()});
    REQUIRE(run.pointer.size() == 3);
    CHECK(run.pointer[0].kind == Kind::down);
    CHECK(run.pointer[0].touch);
    CHECK(run.pointer[0].x == doctest::Approx(400.1).epsilon(0.001));
    CHECK(run.pointer[0].y == doctest::Approx(120.03).epsilon(0.001));
    CHECK(run.pointer[1].kind == Kind::move);
    CHECK(run.pointer[1].x == doctest::Approx(800));
    CHECK(run.pointer[2].kind == Kind::up);
    CHECK(run.pointer[2].x == doctest::Approx(800));
    CHECK(run.keys.empty());
}

TEST_CASE("a hovering single-touch pen reports nothing until it touches") {
    EvdevDecoder decoder(EvdevKind::touchscreen, single_touch(100, 100), {101, 101, 0});
    const Run run = decode(decoder, {ev(EV_ABS, ABS_X, 10), syn(), ev(EV_ABS, ABS_Y, 20), syn()});
    CHECK(run.pointer.empty());
}

TEST_CASE("two fingers on a multitouch screen (protocol B): a pinch's down, moves and ups") {
    EvdevDecoder decoder(EvdevKind::multitouch, multitouch(1000, 1000), {1001, 1001, 0});
    const Run run =
        decode(decoder,
               {// first finger
                ev(EV_ABS, ABS_MT_SLOT, 0), ev(EV_ABS, ABS_MT_TRACKING_ID, 40),
                ev(EV_ABS, ABS_MT_POSITION_X, 400), ev(EV_ABS, ABS_MT_POSITION_Y, 500),
                ev(EV_KEY, BTN_TOUCH, 1), ev(EV_ABS, ABS_X, 400), ev(EV_ABS, ABS_Y, 500), syn(),
                // second finger
                ev(EV_ABS, ABS_MT_SLOT, 1), ev(EV_ABS, ABS_MT_TRACKING_ID, 41),
                ev(EV_ABS, ABS_MT_POSITION_X, 600), ev(EV_ABS, ABS_MT_POSITION_Y, 500), syn(),
                // both move apart in one report
                ev(EV_ABS, ABS_MT_SLOT, 0), ev(EV_ABS, ABS_MT_POSITION_X, 300),
                ev(EV_ABS, ABS_MT_SLOT, 1), ev(EV_ABS, ABS_MT_POSITION_X, 700), syn(),
                // second lifts, then first
                ev(EV_ABS, ABS_MT_TRACKING_ID, -1), syn(), ev(EV_ABS, ABS_MT_SLOT, 0),
                ev(EV_ABS, ABS_MT_TRACKING_ID, -1), ev(EV_KEY, BTN_TOUCH, 0), syn()});
    REQUIRE(run.pointer.size() == 6);
    CHECK(run.pointer[0].kind == Kind::down);
    CHECK(run.pointer[0].x == doctest::Approx(400));
    CHECK(run.pointer[0].y == doctest::Approx(500));
    CHECK(run.pointer[1].kind == Kind::down);
    CHECK(run.pointer[1].x == doctest::Approx(600));
    CHECK(run.pointer[0].finger != run.pointer[1].finger);
    CHECK(run.pointer[2].kind == Kind::move);
    CHECK(run.pointer[2].finger == run.pointer[0].finger);
    CHECK(run.pointer[2].x == doctest::Approx(300));
    CHECK(run.pointer[3].kind == Kind::move);
    CHECK(run.pointer[3].finger == run.pointer[1].finger);
    CHECK(run.pointer[3].x == doctest::Approx(700));
    CHECK(run.pointer[4].kind == Kind::up);
    CHECK(run.pointer[4].finger == run.pointer[1].finger);
    CHECK(run.pointer[5].kind == Kind::up);
    CHECK(run.pointer[5].finger == run.pointer[0].finger);
    for (const PointerEvent& e : run.pointer) CHECK(e.touch);
}

TEST_CASE("a finger lifted and put down again is a new finger") {
    EvdevDecoder decoder(EvdevKind::multitouch, multitouch(100, 100), {101, 101, 0});
    const Run run = decode(
        decoder, {ev(EV_ABS, ABS_MT_TRACKING_ID, 1), syn(), ev(EV_ABS, ABS_MT_TRACKING_ID, -1),
                  syn(), ev(EV_ABS, ABS_MT_TRACKING_ID, 2), syn()});
    REQUIRE(run.pointer.size() == 3);
    CHECK(run.pointer[2].kind == Kind::down);
    CHECK(run.pointer[2].finger != run.pointer[0].finger);
}

TEST_CASE("contacts in slots past the tracked ten are ignored") {
    EvdevDecoder decoder(EvdevKind::multitouch, multitouch(100, 100), {101, 101, 0});
    const Run run =
        decode(decoder, {ev(EV_ABS, ABS_MT_SLOT, 12), ev(EV_ABS, ABS_MT_TRACKING_ID, 7),
                         ev(EV_ABS, ABS_MT_POSITION_X, 50), syn(), ev(EV_ABS, ABS_MT_SLOT, -3),
                         ev(EV_ABS, ABS_MT_TRACKING_ID, 8), syn()});
    CHECK(run.pointer.empty());
}

TEST_CASE("events lost by the kernel (SYN_DROPPED) lift every finger") {
    EvdevDecoder decoder(EvdevKind::multitouch, multitouch(100, 100), {101, 101, 0});
    const Run run = decode(decoder, {ev(EV_ABS, ABS_MT_TRACKING_ID, 1), syn(),
                                     ev(EV_SYN, SYN_DROPPED, 0), ev(EV_ABS, ABS_MT_POSITION_X, 90),
                                     syn(), ev(EV_ABS, ABS_MT_POSITION_X, 80), syn()});
    REQUIRE(run.pointer.size() == 2);
    CHECK(run.pointer[0].kind == Kind::down);
    CHECK(run.pointer[1].kind == Kind::up);
}

TEST_CASE("QEMU's USB tablet: an absolute mouse, position then button") {
    EvdevDecoder decoder(EvdevKind::tablet, qemu_tablet(), {1280, 800, 0});
    const Run run = decode(
        decoder, {ev(EV_ABS, ABS_X, 16384), ev(EV_ABS, ABS_Y, 11796), ev(EV_KEY, BTN_LEFT, 1),
                  syn(), ev(EV_KEY, BTN_LEFT, 0), syn(), ev(EV_REL, REL_WHEEL, -2), syn()});
    REQUIRE(run.pointer.size() == 4);
    CHECK(run.pointer[0].kind == Kind::move);
    CHECK_FALSE(run.pointer[0].touch);
    CHECK(run.pointer[0].x == doctest::Approx(639.5).epsilon(0.002));
    CHECK(run.pointer[0].y == doctest::Approx(287.8).epsilon(0.002));
    CHECK(run.pointer[1].kind == Kind::down);
    CHECK(run.pointer[1].x == doctest::Approx(run.pointer[0].x));
    CHECK(run.pointer[2].kind == Kind::up);
    CHECK(run.pointer[3].kind == Kind::wheel);
    CHECK(run.pointer[3].wheel_lines == doctest::Approx(-2));
}

TEST_CASE("a mouse moves a cursor that stays on the screen, and its wheel scrolls") {
    EvdevDecoder decoder(EvdevKind::mouse, mouse(), {800, 480, 0});
    const Run run = decode(
        decoder, {ev(EV_REL, REL_X, 10), ev(EV_REL, REL_Y, -5), syn(), ev(EV_KEY, BTN_LEFT, 1),
                  syn(), ev(EV_REL, REL_X, 100000), ev(EV_REL, REL_Y, 100000), syn(),
                  ev(EV_KEY, BTN_LEFT, 0), ev(EV_REL, REL_WHEEL, 1), syn()});
    REQUIRE(run.pointer.size() == 5);
    CHECK(run.pointer[0].kind == Kind::move);
    CHECK(run.pointer[0].x == doctest::Approx(410));  // starts in the middle
    CHECK(run.pointer[0].y == doctest::Approx(235));
    CHECK(run.pointer[1].kind == Kind::down);
    CHECK(run.pointer[1].x == doctest::Approx(410));
    CHECK(run.pointer[2].kind == Kind::move);
    CHECK(run.pointer[2].x == doctest::Approx(799));
    CHECK(run.pointer[2].y == doctest::Approx(479));
    CHECK(run.pointer[3].kind == Kind::up);
    CHECK(run.pointer[4].kind == Kind::wheel);
    CHECK(run.pointer[4].wheel_lines == doctest::Approx(1));
}

TEST_CASE("touches land in the upright frame of a rotated screen") {
    // A 800x480 panel turned 90 degrees clockwise: the kiosk lays out 480x800. The panel's top
    // right corner is the upright frame's top left, as rotate_to_logical maps SDL's touches.
    EvdevDecoder decoder(EvdevKind::touchscreen, single_touch(1000, 1000), {801, 481, 90});
    const Run run = decode(
        decoder, {ev(EV_ABS, ABS_X, 1000), ev(EV_ABS, ABS_Y, 0), ev(EV_KEY, BTN_TOUCH, 1), syn()});
    REQUIRE(run.pointer.size() == 1);
    const Point expected = rotate_to_logical(800, 0, 801, 481, 90);
    CHECK(run.pointer[0].x == doctest::Approx(expected.x));
    CHECK(run.pointer[0].y == doctest::Approx(expected.y));
    CHECK(run.pointer[0].x == doctest::Approx(0));
    CHECK(run.pointer[0].y == doctest::Approx(1));
    // Turned upside down while the finger is held: the panel's top left is the frame's far corner.
    decoder.set_screen({801, 481, 180});
    const Run turned = decode(decoder, {ev(EV_ABS, ABS_X, 0), syn()});
    REQUIRE(turned.pointer.size() == 1);
    CHECK(turned.pointer[0].kind == Kind::move);
    CHECK(turned.pointer[0].x == doctest::Approx(801));
    CHECK(turned.pointer[0].y == doctest::Approx(481));
}

TEST_CASE("a panel with an offset, partly negative range maps its own ends to the screen's edges") {
    EvdevCapabilities caps = single_touch(0, 0);
    caps.x = {-200, 3800};
    caps.y = {150, 3950};
    EvdevDecoder decoder(EvdevKind::touchscreen, caps, {1025, 601, 0});
    const Run run =
        decode(decoder, {ev(EV_ABS, ABS_X, -200), ev(EV_ABS, ABS_Y, 3950), ev(EV_KEY, BTN_TOUCH, 1),
                         syn(), ev(EV_ABS, ABS_X, 1800), ev(EV_ABS, ABS_Y, 5000), syn(),
                         ev(EV_ABS, ABS_X, -9000), syn()});
    REQUIRE(run.pointer.size() == 3);
    CHECK(run.pointer[0].x == doctest::Approx(0));
    CHECK(run.pointer[0].y == doctest::Approx(600));
    CHECK(run.pointer[1].x == doctest::Approx(512));
    CHECK(run.pointer[1].y == doctest::Approx(600));  // past its range: clamped to the edge
    CHECK(run.pointer[2].x == doctest::Approx(0));
}

TEST_CASE("keys the kiosk reacts to are named as SDL names them, presses only") {
    EvdevCapabilities caps;
    caps.typing_keys = true;
    EvdevDecoder decoder(EvdevKind::keyboard, caps, {800, 480, 0});
    const Run run =
        decode(decoder, {ev(EV_KEY, KEY_TAB, 1), ev(EV_KEY, KEY_TAB, 2), ev(EV_KEY, KEY_TAB, 0),
                         ev(EV_KEY, KEY_ENTER, 1), ev(EV_KEY, KEY_F1, 1), ev(EV_KEY, KEY_F12, 1),
                         ev(EV_KEY, KEY_Q, 1), ev(EV_KEY, KEY_0, 1), ev(EV_KEY, KEY_LEFTSHIFT, 1),
                         ev(EV_KEY, KEY_SPACE, 1), syn()});
    CHECK(run.keys == std::vector<std::string>{"Tab", "Return", "F1", "F12", "Q", "0", "Space"});
    CHECK(run.pointer.empty());
}
