// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>
#include <imgui.h>

#include <cfloat>

#include "platform/display/display.h"
#include "platform/display/pointer.h"

using namespace guichet::display;

namespace {
// A real ImGui context (no renderer needed): Pointer writes into its IO.
struct ImGuiFixture {
    ImGuiFixture() {
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;  // tests leave no files behind
    }
    ~ImGuiFixture() { ImGui::DestroyContext(); }
};
PointerEvent at(PointerEvent::Kind kind, float x, float y) {
    return {kind, x, y, 0, true};
}
}  // namespace

TEST_CASE("a touch gives ImGui the position a frame before the button") {
    ImGuiFixture imgui;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    Pointer pointer(20);
    pointer.push(at(PointerEvent::Kind::down, 300, 400));
    pointer.feed(io, 0);
    CHECK(io.MousePos.x == 300);
    CHECK(io.MousePos.y == 400);
    CHECK_FALSE(io.MouseDown[0]);
    CHECK(pointer.pending());
    pointer.feed(io, 16);
    CHECK(io.MouseDown[0]);
    CHECK(pointer.gesture().held);
    pointer.push(at(PointerEvent::Kind::up, 302, 401));
    pointer.feed(io, 32);
    CHECK_FALSE(io.MouseDown[0]);
    CHECK(io.MousePos.x == 302);  // the release lands where the finger lifted
    CHECK(pointer.pending());     // the hover still has to be cleared
    pointer.feed(io, 48);
    CHECK(io.MousePos.x == -FLT_MAX);  // nothing stays highlighted after the finger left
    CHECK_FALSE(pointer.pending());
    CHECK(pointer.take_activity());
    CHECK_FALSE(pointer.take_activity());
}

TEST_CASE("moving past the threshold becomes a drag: ImGui loses the pointer, the kiosk scrolls") {
    ImGuiFixture imgui;
    ImGuiIO& io = ImGui::GetIO();
    Pointer pointer(20);
    pointer.push(at(PointerEvent::Kind::down, 500, 800));
    pointer.feed(io, 0);
    pointer.feed(io, 16);
    pointer.push(at(PointerEvent::Kind::move, 500, 790));  // 10 px: still a tap
    pointer.feed(io, 32);
    CHECK_FALSE(pointer.gesture().dragging);
    CHECK(pointer.take_drag_dy() == 0);
    CHECK(io.MousePos.y == 790);
    pointer.push(at(PointerEvent::Kind::move, 500, 700));  // 100 px from the start: a drag
    pointer.feed(io, 48);
    CHECK(pointer.gesture().dragging);
    CHECK(io.MousePos.x == -FLT_MAX);       // so the button under the finger cannot fire on lift
    CHECK(pointer.take_drag_dy() == -100);  // measured from the touch, no jump
    pointer.push(at(PointerEvent::Kind::move, 500, 600));
    pointer.feed(io, 64);
    CHECK(pointer.take_drag_dy() == -100);
    pointer.push(at(PointerEvent::Kind::up, 500, 560));
    pointer.feed(io, 80);
    auto velocity = pointer.take_release_velocity();
    REQUIRE(velocity);
    CHECK(*velocity < -2000);  // 240 px up over 80 ms
    CHECK_FALSE(pointer.gesture().held);
    CHECK_FALSE(pointer.take_release_velocity());
}

TEST_CASE("a finger that stops before lifting does not fling") {
    ImGuiFixture imgui;
    ImGuiIO& io = ImGui::GetIO();
    Pointer pointer(20);
    pointer.push(at(PointerEvent::Kind::down, 100, 800));
    pointer.feed(io, 0);
    pointer.feed(io, 16);
    pointer.push(at(PointerEvent::Kind::move, 100, 500));
    pointer.feed(io, 32);
    pointer.push(at(PointerEvent::Kind::up, 100, 500));
    pointer.feed(io, 500);
    auto velocity = pointer.take_release_velocity();
    REQUIRE(velocity);
    CHECK(*velocity == 0);
}

TEST_CASE("a second finger is ignored while the first is down") {
    ImGuiFixture imgui;
    ImGuiIO& io = ImGui::GetIO();
    Pointer pointer(20);
    pointer.push(at(PointerEvent::Kind::down, 10, 10));
    pointer.feed(io, 0);
    pointer.feed(io, 16);
    pointer.push(at(PointerEvent::Kind::down, 900, 900));
    pointer.feed(io, 32);
    CHECK(pointer.gesture().origin.x == 10);
}

TEST_CASE("two fingers pinch: the spread's change about their midpoint, the pointer stays put") {
    ImGuiFixture imgui;
    ImGuiIO& io = ImGui::GetIO();
    Pointer pointer(20);
    auto finger = [](PointerEvent::Kind kind, float x, float y, std::int64_t id) {
        PointerEvent e{kind, x, y, 0, true};
        e.finger = id;
        return e;
    };
    pointer.push(finger(PointerEvent::Kind::down, 400, 300, 7));
    pointer.feed(io, 0);
    pointer.feed(io, 16);
    CHECK(pointer.gesture().held);
    pointer.push(finger(PointerEvent::Kind::down, 500, 300, 8));  // 100 px apart
    pointer.feed(io, 32);
    CHECK_FALSE(pointer.take_pinch());  // touching is no pinch yet
    CHECK(pointer.gesture().dragging);  // a pinch is no tap
    // The second finger moves out to 200 px: the map is to grow twice as large.
    pointer.push(finger(PointerEvent::Kind::move, 600, 300, 8));
    pointer.feed(io, 48);
    auto pinch = pointer.take_pinch();
    REQUIRE(pinch);
    CHECK(pinch->ratio == doctest::Approx(2));
    CHECK(pinch->center.x == doctest::Approx(500));
    CHECK(pinch->center.y == doctest::Approx(300));
    CHECK(pointer.gesture().position.x == 400);  // the second finger never moves the pointer
    CHECK(pointer.take_drag_dx() == 0);
    // The first finger moves in to 100 px apart: halves it; taken once.
    pointer.push(finger(PointerEvent::Kind::move, 500, 300, 7));
    pointer.feed(io, 64);
    pinch = pointer.take_pinch();
    REQUIRE(pinch);
    CHECK(pinch->ratio == doctest::Approx(0.5));
    CHECK(pointer.take_drag_dx() == 0);  // pinching does not pan
    CHECK_FALSE(pointer.take_pinch());
    // The second finger lifts: the first still holds the pointer; lifting it ends the gesture.
    pointer.push(finger(PointerEvent::Kind::up, 600, 300, 8));
    pointer.feed(io, 80);
    CHECK(pointer.gesture().held);
    pointer.push(finger(PointerEvent::Kind::up, 500, 300, 7));
    pointer.feed(io, 96);
    CHECK_FALSE(pointer.gesture().held);
    CHECK_FALSE(io.MouseDown[0]);
}

TEST_CASE("rotation maps the physical screen onto the upright frame") {
    // Landscape panel 1920x1080 mounted as portrait, turned 90° clockwise.
    auto top_left = rotate_to_logical(1920, 0, 1920, 1080, 90);
    CHECK(top_left.x == doctest::Approx(0));
    CHECK(top_left.y == doctest::Approx(0));
    auto bottom_right = rotate_to_logical(0, 1080, 1920, 1080, 90);
    CHECK(bottom_right.x == doctest::Approx(1080));
    CHECK(bottom_right.y == doctest::Approx(1920));
    auto same = rotate_to_logical(123, 456, 1920, 1080, 0);
    CHECK(same.x == 123);
    CHECK(same.y == 456);
    auto flipped = rotate_to_logical(0, 0, 1920, 1080, 180);
    CHECK(flipped.x == doctest::Approx(1920));
    CHECK(flipped.y == doctest::Approx(1080));
    auto ccw = rotate_to_logical(0, 1080, 1920, 1080, 270);
    CHECK(ccw.x == doctest::Approx(0));
    CHECK(ccw.y == doctest::Approx(0));
    CHECK(parse_rotation("90").value() == 90);
    CHECK_FALSE(parse_rotation("45").ok());
}
