// SPDX-License-Identifier: GPL-3.0-or-later
// One pointer for the whole kiosk, fed by fingers and the mouse alike: SDL events become
// pointer events, and each frame hands Dear ImGui 1.86 at most one button change, position
// first, so a touch is never read at the old position (imgui#5693). A finger that moves
// further than the drag threshold becomes a drag: from then on ImGui sees no pointer, so a
// drag never presses the button it started on, and the kiosk scrolls instead. A second finger
// never moves the pointer: with the first it makes a pinch, reported as a change of spread.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>

#include "platform/display/display.h"

union SDL_Event;
struct ImGuiIO;

namespace guichet::display {

struct PointerEvent {
    enum class Kind { down, move, up, wheel };
    Kind kind = Kind::move;
    float x = 0;  // logical (upright) pixels
    float y = 0;
    float wheel_lines = 0;  // wheel only; positive scrolls content up (towards the start)
    bool touch = false;     // a finger, whose hover must not linger after it lifts
    std::int64_t finger = 0;  // which finger (SDL's finger id); a pinch needs two
};

// Two fingers moving apart (ratio > 1) or together since the last take, about their midpoint.
struct Pinch {
    float ratio = 1;
    Point center;
};

// What the pointer did, as the kiosk's scroll regions and idle timer need it.
struct Gesture {
    bool held = false;      // finger or button down
    bool dragging = false;  // moved past the threshold while held
    Point origin;           // where the current (or last) press started
    Point position;
};

class Pointer {
  public:
    explicit Pointer(float drag_threshold_px) : drag_threshold_px_(drag_threshold_px) {}

    void push(const PointerEvent& event) { queue_.push_back(event); }
    // Consumes queued events for one frame and writes the result into ImGui's IO.
    // `now_ms` timestamps motion for the release velocity.
    void feed(ImGuiIO& io, std::int64_t now_ms);
    // More input is waiting, or a hover must still be cleared: render another frame.
    bool pending() const { return !queue_.empty() || clear_hover_next_frame_; }

    const Gesture& gesture() const { return gesture_; }
    // Vertical motion of the drag since the last call (pixels; positive = finger moved down).
    float take_drag_dy();
    // Horizontal motion of the drag since the last call (the map pans both ways).
    float take_drag_dx();
    // Set on the frame a drag ends: the finger's vertical speed at lift, pixels per second.
    std::optional<float> take_release_velocity();
    float take_wheel_lines();
    // Any input at all since the last call (for the idle timer).
    bool take_activity();
    // The pinch since the last call, if two fingers are down and their spread changed.
    std::optional<Pinch> take_pinch();

  private:
    void track_motion(float x, float y, std::int64_t now_ms);
    // A touch event of a finger other than the one holding the pointer: true when consumed.
    bool second_finger(const PointerEvent& event);
    void update_spread();
    struct Sample {
        float y;
        std::int64_t t_ms;
    };
    std::deque<PointerEvent> queue_;
    std::deque<Sample> recent_;
    Gesture gesture_;
    float drag_threshold_px_;
    float drag_dy_ = 0;
    float drag_dx_ = 0;
    float wheel_lines_ = 0;
    std::optional<float> release_velocity_;
    bool clear_hover_next_frame_ = false;
    bool activity_ = false;
    bool button_down_ = false;
    bool primary_touch_ = false;  // the pointer is held by a finger (primary_finger_)
    std::int64_t primary_finger_ = 0;
    bool second_down_ = false;
    std::int64_t second_finger_ = 0;
    Point second_at_;
    float spread_ = 0;       // the fingers' distance at the last update
    float pinch_ratio_ = 1;  // accumulated until take_pinch()
    Point pinch_center_;
};

// Translates an SDL mouse, finger or wheel event into a pointer event in the display's upright
// frame; nullopt for anything else, and for mouse events SDL synthesises from touch (the
// finger event already carries them).
std::optional<PointerEvent> translate_sdl_event(const SDL_Event& event, const Display& display);

}  // namespace guichet::display
