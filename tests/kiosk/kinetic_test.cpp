// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "widgets/kinetic_scroll.h"

using guichet::kiosk::KineticScroll;

TEST_CASE("a flick glides in the flick's direction and comes to rest") {
    KineticScroll kinetic;
    kinetic.fling(2000);
    REQUIRE(kinetic.moving());
    float travelled = 0, previous_step = 1e9f;
    int frames = 0;
    while (kinetic.moving() && frames < 1000) {
        const float step = kinetic.step(1.0f / 60);
        CHECK(step > 0);
        CHECK(step <= previous_step);  // always slowing down
        previous_step = step;
        travelled += step;
        ++frames;
    }
    CHECK_FALSE(kinetic.moving());
    // v·τ is where an exponential glide ends: 2000 px/s · 0.33 s ≈ 660 px.
    CHECK(travelled == doctest::Approx(2000 * KineticScroll::kTimeConstantSeconds).epsilon(0.02));
    CHECK(frames < 200);  // rests within ~3 s
}

TEST_CASE("the glide does not depend on the frame rate") {
    KineticScroll at60, at20;
    at60.fling(-1500);
    at20.fling(-1500);
    float a = 0, b = 0;
    for (int i = 0; i < 60; ++i) a += at60.step(1.0f / 60);
    for (int i = 0; i < 20; ++i) b += at20.step(1.0f / 20);
    CHECK(a < 0);
    CHECK(a == doctest::Approx(b).epsilon(0.001));
}

TEST_CASE("a slow lift does not fling, and stop() stops") {
    KineticScroll kinetic;
    kinetic.fling(30);
    CHECK_FALSE(kinetic.moving());
    CHECK(kinetic.step(0.016f) == 0);
    kinetic.fling(900);
    kinetic.stop();
    CHECK_FALSE(kinetic.moving());
}
