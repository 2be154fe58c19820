// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/display/pointer.h"

#include <SDL.h>
#include <imgui.h>

#include <cfloat>
#include <cmath>

namespace guichet::display {
namespace {
// Speed is measured over the finger's last 80 ms: long enough to smooth jitter, short enough
// that a finger that stopped before lifting does not fling.
constexpr std::int64_t kVelocityWindowMs = 80;
}  // namespace

bool Pointer::second_finger(const PointerEvent& event) {
    if (!event.touch) return false;
    const bool primary = button_down_ && primary_touch_ && event.finger == primary_finger_;
    if (primary) return false;
    if (second_down_ && event.finger == second_finger_) {
        if (event.kind == PointerEvent::Kind::up) {
            second_down_ = false;
        } else {
            second_at_ = {event.x, event.y};
            update_spread();
        }
        return true;
    }
    if (event.kind == PointerEvent::Kind::down && button_down_ && primary_touch_ && !second_down_) {
        // The second finger: a pinch begins. The first finger's motion no longer drags.
        second_down_ = true;
        second_finger_ = event.finger;
        second_at_ = {event.x, event.y};
        const float dx = second_at_.x - gesture_.position.x,
                    dy = second_at_.y - gesture_.position.y;
        spread_ = std::sqrt(dx * dx + dy * dy);
        gesture_.dragging = true;
        return true;
    }
    // A third finger while a finger holds the pointer: ignored. With no finger holding it, a
    // finger's touch takes the pointer.
    return button_down_ && primary_touch_;
}

void Pointer::update_spread() {
    const float dx = second_at_.x - gesture_.position.x, dy = second_at_.y - gesture_.position.y;
    const float spread = std::sqrt(dx * dx + dy * dy);
    if (spread_ > 0 && spread > 0) pinch_ratio_ *= spread / spread_;
    spread_ = spread;
    pinch_center_ = {(second_at_.x + gesture_.position.x) / 2,
                     (second_at_.y + gesture_.position.y) / 2};
}

std::optional<Pinch> Pointer::take_pinch() {
    if (pinch_ratio_ == 1) return std::nullopt;
    Pinch out{pinch_ratio_, pinch_center_};
    pinch_ratio_ = 1;
    return out;
}

void Pointer::track_motion(float x, float y, std::int64_t now_ms) {
    if (gesture_.held && second_down_) {
        // Pinching: the spread changes, the map does not pan.
        gesture_.position = {x, y};
        update_spread();
        return;
    }
    if (gesture_.held) {
        const float dx = x - gesture_.origin.x, dy = y - gesture_.origin.y;
        if (!gesture_.dragging && std::sqrt(dx * dx + dy * dy) > drag_threshold_px_) {
            gesture_.dragging = true;
            // The content follows the finger from where it touched, without a jump.
            drag_dy_ += y - gesture_.origin.y;
            drag_dx_ += x - gesture_.origin.x;
        } else if (gesture_.dragging) {
            drag_dy_ += y - gesture_.position.y;
            drag_dx_ += x - gesture_.position.x;
        }
        recent_.push_back({y, now_ms});
        while (recent_.size() > 2 && now_ms - recent_.front().t_ms > kVelocityWindowMs)
            recent_.pop_front();
    }
    gesture_.position = {x, y};
}

void Pointer::feed(ImGuiIO& io, std::int64_t now_ms) {
    if (clear_hover_next_frame_) {
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        clear_hover_next_frame_ = false;
    }
    while (!queue_.empty()) {
        PointerEvent event = queue_.front();
        activity_ = true;
        if (second_finger(event)) {
            queue_.pop_front();
            continue;
        }
        if (event.kind == PointerEvent::Kind::wheel) {
            wheel_lines_ += event.wheel_lines;
            queue_.pop_front();
            continue;
        }
        if (event.kind == PointerEvent::Kind::move) {
            track_motion(event.x, event.y, now_ms);
            if (!gesture_.dragging) io.MousePos = ImVec2(event.x, event.y);
            queue_.pop_front();
            continue;
        }
        if (event.kind == PointerEvent::Kind::down) {
            if (button_down_) {  // a second finger: the first one keeps the pointer
                queue_.pop_front();
                continue;
            }
            // Position first: ImGui must see the pointer over the target one frame before
            // the press, as it would with a real mouse.
            // ImGui floors MousePos in NewFrame, so compare whole pixels.
            if (io.MousePos.x != std::floor(event.x) || io.MousePos.y != std::floor(event.y)) {
                io.MousePos = ImVec2(std::floor(event.x), std::floor(event.y));
                gesture_.position = {event.x, event.y};
                return;
            }
            queue_.pop_front();
            button_down_ = true;
            primary_touch_ = event.touch;
            primary_finger_ = event.finger;
            io.MouseDown[0] = true;
            gesture_ = Gesture{true, false, {event.x, event.y}, {event.x, event.y}};
            recent_.clear();
            recent_.push_back({event.y, now_ms});
            release_velocity_.reset();
            return;  // one button change per frame
        }
        // up
        queue_.pop_front();
        track_motion(event.x, event.y, now_ms);
        if (gesture_.dragging) {
            float velocity = 0;
            if (recent_.size() >= 2 && now_ms - recent_.back().t_ms < kVelocityWindowMs) {
                const auto& first = recent_.front();
                const auto& last = recent_.back();
                const auto dt = last.t_ms - first.t_ms;
                if (dt > 0) velocity = (last.y - first.y) * 1000.0f / static_cast<float>(dt);
            }
            release_velocity_ = velocity;
        } else {
            io.MousePos = ImVec2(event.x, event.y);
        }
        gesture_.held = false;
        gesture_.dragging = false;
        button_down_ = false;
        io.MouseDown[0] = false;
        if (event.touch) clear_hover_next_frame_ = true;
        return;
    }
    // While dragging, ImGui sees no pointer: the pressed item stays active but unhovered,
    // so lifting the finger does not activate it.
    if (gesture_.dragging) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

float Pointer::take_drag_dx() {
    const float dx = drag_dx_;
    drag_dx_ = 0;
    return dx;
}

float Pointer::take_drag_dy() {
    const float dy = drag_dy_;
    drag_dy_ = 0;
    return dy;
}

std::optional<float> Pointer::take_release_velocity() {
    auto velocity = release_velocity_;
    release_velocity_.reset();
    return velocity;
}

float Pointer::take_wheel_lines() {
    const float lines = wheel_lines_;
    wheel_lines_ = 0;
    return lines;
}

bool Pointer::take_activity() {
    const bool any = activity_;
    activity_ = false;
    return any;
}

std::optional<PointerEvent> translate_sdl_event(const SDL_Event& event, const Display& display) {
    PointerEvent out;
    switch (event.type) {
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP: {
            if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT)
                return std::nullopt;
            const Point p = display.to_logical(static_cast<float>(event.button.x),
                                               static_cast<float>(event.button.y));
            out.kind = event.type == SDL_MOUSEBUTTONDOWN ? PointerEvent::Kind::down
                                                         : PointerEvent::Kind::up;
            out.x = p.x, out.y = p.y;
            return out;
        }
        case SDL_MOUSEMOTION: {
            if (event.motion.which == SDL_TOUCH_MOUSEID) return std::nullopt;
            const Point p = display.to_logical(static_cast<float>(event.motion.x),
                                               static_cast<float>(event.motion.y));
            out.kind = PointerEvent::Kind::move;
            out.x = p.x, out.y = p.y;
            return out;
        }
        case SDL_MOUSEWHEEL:
            if (event.wheel.which == SDL_TOUCH_MOUSEID) return std::nullopt;
            out.kind = PointerEvent::Kind::wheel;
            out.wheel_lines = static_cast<float>(event.wheel.y);
            return out;
        case SDL_FINGERDOWN:
        case SDL_FINGERUP:
        case SDL_FINGERMOTION: {
            // Finger positions are normalised to the touch device, which covers the window.
            const Point p = display.normalized_to_logical(event.tfinger.x, event.tfinger.y);
            out.kind = event.type == SDL_FINGERDOWN ? PointerEvent::Kind::down
                       : event.type == SDL_FINGERUP ? PointerEvent::Kind::up
                                                    : PointerEvent::Kind::move;
            out.x = p.x, out.y = p.y;
            out.touch = true;
            out.finger = static_cast<std::int64_t>(event.tfinger.fingerId);
            return out;
        }
        default:
            return std::nullopt;
    }
}

}  // namespace guichet::display
