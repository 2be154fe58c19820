// SPDX-License-Identifier: GPL-3.0-or-later
// Inertia for drag-to-scroll: a flick keeps the list moving and slows it down smoothly, the
// way phones do (exponential decay, time constant ~0.33 s, after imgui#2675's prototype).
#pragma once

#include <cmath>

namespace guichet::kiosk {

class KineticScroll {
  public:
    static constexpr float kTimeConstantSeconds = 0.33f;
    static constexpr float kStopSpeed = 15.0f;      // px/s: below this the list rests
    static constexpr float kMinFlingSpeed = 80.0f;  // px/s: a slower lift is a plain drop

    // `velocity`: how fast the scroll offset should change, in pixels per second.
    void fling(float velocity) { velocity_ = std::fabs(velocity) >= kMinFlingSpeed ? velocity : 0; }
    void stop() { velocity_ = 0; }
    bool moving() const { return velocity_ != 0; }
    float velocity() const { return velocity_; }

    // Advances by `dt` seconds; returns how far the offset moves in that time.
    float step(float dt) {
        if (velocity_ == 0 || dt <= 0) return 0;
        const float decay = std::exp(-dt / kTimeConstantSeconds);
        // Integral of v·e^(-t/τ) over [0, dt].
        const float distance = velocity_ * kTimeConstantSeconds * (1.0f - decay);
        velocity_ *= decay;
        if (std::fabs(velocity_) < kStopSpeed) velocity_ = 0;
        return distance;
    }

  private:
    float velocity_ = 0;
};

}  // namespace guichet::kiosk
