// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <cmath>

#include "kiosk/map_geometry.h"

using namespace guichet::kiosk::map;

TEST_CASE("Web Mercator: known places land on their known tiles and come back") {
    // Mexico City (19.43 N, 99.13 W) is in z7 tile 28/56 (the standard slippy-map formula).
    Point p = project({-99.13, 19.43}, 7);
    CHECK(static_cast<int>(p.x / kTileSize) == 28);
    CHECK(static_cast<int>(p.y / kTileSize) == 56);
    // The world's corners and middle.
    CHECK(project({-180, kMaxLatitude}, 0).x == doctest::Approx(0));
    CHECK(project({-180, kMaxLatitude}, 0).y == doctest::Approx(0).epsilon(1e-9));
    CHECK(project({0, 0}, 1).x == doctest::Approx(256));
    CHECK(project({0, 0}, 1).y == doctest::Approx(256));
    // Beyond the square world is held at its edge.
    CHECK(project({0, 89.9}, 0).y == doctest::Approx(0).epsilon(1e-9));
    for (double zoom : {0.0, 3.5, 7.0, 12.0}) {
        LonLat back = unproject(project({-58.38, -34.6}, zoom), zoom);
        CHECK(back.lon == doctest::Approx(-58.38));
        CHECK(back.lat == doctest::Approx(-34.6));
    }
}

TEST_CASE("screen and lon/lat agree, the centre is the middle of the screen") {
    View v{{-74.08, 4.6}, 6, 800, 480};
    Point mid = to_screen(v, v.center);
    CHECK(mid.x == doctest::Approx(400));
    CHECK(mid.y == doctest::Approx(240));
    LonLat corner = to_lonlat(v, {0, 0});
    Point again = to_screen(v, corner);
    CHECK(again.x == doctest::Approx(0).epsilon(1e-6));
    CHECK(again.y == doctest::Approx(0).epsilon(1e-6));
    CHECK(corner.lon < v.center.lon);
    CHECK(corner.lat > v.center.lat);
    // A pin just across the antimeridian is drawn on the near side.
    View pacific{{179, 0}, 4, 800, 480};
    CHECK(to_screen(pacific, {-179, 0}).x > 400);
}

TEST_CASE("a drag moves the map with the finger, the world's edges stay off screen") {
    ZoomRange range{1, 10};
    View v{{-74.08, 4.6}, 6, 800, 480};
    LonLat under = to_lonlat(v, {500, 300});
    View moved = pan(v, 50, -20, range);
    Point now = to_screen(moved, under);
    CHECK(now.x == doctest::Approx(550));
    CHECK(now.y == doctest::Approx(280));
    // Dragging far down never shows sky past the north edge.
    View north = pan(v, 0, 1e6, range);
    CHECK(project(north.center, north.zoom).y == doctest::Approx(240));
    // At zoom 1 the 512 px world is shorter than 800 px: centred vertically.
    View tall{{0, 60}, 1, 480, 800};
    CHECK(clamp(tall, range).center.lat == doctest::Approx(0).epsilon(1e-9));
    // Longitude wraps.
    CHECK(pan(View{{179, 0}, 2, 800, 480}, -10, 0, range).center.lon == doctest::Approx(-177.484).epsilon(1e-3));
}

TEST_CASE("zoom keeps the place under the fingers still and stays in range") {
    ZoomRange range{2, 9};
    View v{{-74.08, 4.6}, 5, 800, 480};
    Point anchor{600, 100};
    LonLat under = to_lonlat(v, anchor);
    View in = zoom_about(v, 6.5, anchor, range);
    CHECK(in.zoom == doctest::Approx(6.5));
    Point now = to_screen(in, under);
    CHECK(now.x == doctest::Approx(600));
    CHECK(now.y == doctest::Approx(100));
    CHECK(zoom_about(v, 20, anchor, range).zoom == 9);
    CHECK(zoom_about(v, -3, anchor, range).zoom == 2);
    CHECK(tile_zoom(6.4, 0, 7) == 6);
    CHECK(tile_zoom(6.6, 0, 7) == 7);
    CHECK(tile_zoom(9.0, 0, 7) == 7);  // drawn larger past the deepest level
    CHECK(tile_zoom(0.2, 1, 7) == 1);
}

TEST_CASE("the visible tiles cover the screen exactly, wrapped across the antimeridian") {
    View v{{-74.08, 4.6}, 5, 800, 480};
    auto tiles = visible_tiles(v, 5);
    REQUIRE_FALSE(tiles.empty());
    double min_left = 1e9, max_right = -1e9, min_top = 1e9, max_bottom = -1e9;
    for (const auto& t : tiles) {
        CHECK(t.size == doctest::Approx(256));
        min_left = std::min(min_left, t.left);
        max_right = std::max(max_right, t.left + t.size);
        min_top = std::min(min_top, t.top);
        max_bottom = std::max(max_bottom, t.top + t.size);
    }
    CHECK(min_left <= 0);
    CHECK(max_right >= 800);
    CHECK(min_top <= 0);
    CHECK(max_bottom >= 480);
    CHECK(tiles.size() <= 5u * 4u);
    // Past the deepest level: level 7 tiles at view zoom 8.5 are 724 px.
    auto big = visible_tiles(View{{-74.08, 4.6}, 8.5, 800, 480}, 7);
    CHECK(big[0].size == doctest::Approx(256 * std::exp2(1.5)));
    // Across the antimeridian x wraps into 0..2^z-1.
    for (const auto& t : visible_tiles(View{{180, 0}, 3, 800, 480}, 3)) {
        CHECK(t.x >= 0);
        CHECK(t.x < 8);
    }
}

TEST_CASE("pins close on screen gather into one cluster and part when zoomed in") {
    std::vector<Pin> pins = {{"a", {-99.13, 19.43}}, {"b", {-99.16, 19.40}},  // Mexico City
                             {"c", {-74.08, 4.6}},                            // Bogotá
                             {"d", {-99.10, 19.45}},
                             {"far", {10, 50}}};  // off screen
    View v{{-85, 10}, 4, 800, 480};
    auto clusters = cluster_pins(v, pins, 24);
    REQUIRE(clusters.size() == 2);
    CHECK(clusters[0].members == std::vector<std::size_t>{0, 1, 3});
    CHECK(clusters[1].members == std::vector<std::size_t>{2});
    CHECK(clusters[0].where.lon == doctest::Approx((-99.13 - 99.16 - 99.10) / 3));
    double open = zoom_to_open(v, pins, clusters[0], {1, 18});
    CHECK(open > v.zoom);
    View closer = centred(v, clusters[0].where, open, {1, 18});
    CHECK(cluster_pins(closer, pins, 24).size() >= 3);
    // One pin alone is its own cluster; none on screen gives none.
    CHECK(cluster_pins(View{{10, 50}, 6, 800, 480}, pins, 24).size() == 1);
    CHECK(cluster_pins(View{{120, -30}, 6, 800, 480}, pins, 24).empty());
}

TEST_CASE("a pinch zooms by the log2 of the fingers' spread, inside the range") {
    const ZoomRange range{1, 16};
    CHECK(pinch_zoom(5, 100, 200, range) == doctest::Approx(6));  // spread doubled: one level in
    CHECK(pinch_zoom(5, 200, 100, range) == doctest::Approx(4));  // halved: one level out
    CHECK(pinch_zoom(5, 100, 141.42, range) == doctest::Approx(5.5).epsilon(0.001));
    CHECK(pinch_zoom(15.5, 100, 400, range) == doctest::Approx(16));  // held at the range's end
    CHECK(pinch_zoom(1.5, 400, 100, range) == doctest::Approx(1));
    CHECK(pinch_zoom(5, 0, 100, range) == doctest::Approx(5));  // no spread yet: unchanged
    CHECK(pinch_zoom(5, 100, -3, range) == doctest::Approx(5));
    CHECK(pinch_zoom(5, 100, std::nan(""), range) == doctest::Approx(5));
}

TEST_CASE("an arrow is a curve from origin to host, bent to one side") {
    View v{{-90, 30}, 3, 800, 480};
    const LonLat mexico{-102.181, 23.927}, canada{-99.148, 58.628};
    Curve c = arrow_curve(v, mexico, canada, 0.2);
    Point a = to_screen(v, mexico), b = to_screen(v, canada);
    CHECK(curve_point(c, 0).x == doctest::Approx(a.x));
    CHECK(curve_point(c, 0).y == doctest::Approx(a.y));
    CHECK(curve_point(c, 1).x == doctest::Approx(b.x));
    CHECK(curve_point(c, 1).y == doctest::Approx(b.y));
    // Going up the screen (north), left of the way is west: the middle lies west of the chord.
    Point mid = curve_point(c, 0.5);
    CHECK(mid.x < (a.x + b.x) / 2 - 5);
    // The opposite arrow bends the other way, so the two do not overlap.
    Point back = curve_point(arrow_curve(v, canada, mexico, 0.2), 0.5);
    CHECK(back.x > (a.x + b.x) / 2 + 5);
    // At the head the tangent points from origin to host (northwards: y decreasing).
    CHECK(curve_direction(c, 1).y < 0);
    // No bend: a straight line, its middle halfway.
    Point straight = curve_point(arrow_curve(v, mexico, canada, 0), 0.5);
    CHECK(straight.x == doctest::Approx((a.x + b.x) / 2));
}

TEST_CASE("tap discs never overlap, and one programme's neighbouring arrows share a disc") {
    const double r = 20;
    // 0 and 1: one programme, first candidates 10 px apart -> 1 shares 0's disc.
    // 2: another programme whose first candidate sits on 0's disc -> its second candidate.
    // 3: a third whose only candidate is taken -> not placed.
    // 4: clear of everything -> its first candidate.
    std::vector<std::vector<Point>> candidates = {{{100, 100}},
                                                  {{110, 100}, {300, 300}},
                                                  {{105, 110}, {200, 100}},
                                                  {{190, 105}},
                                                  {{400, 400}}};
    std::vector<std::size_t> groups = {0, 0, 1, 2, 3};
    auto spots = place_spots(candidates, groups, r, {{400, 430}});
    REQUIRE(spots.size() == 5);
    CHECK(spots[0].placed);
    CHECK(!spots[1].placed);
    REQUIRE(spots[2].placed);
    CHECK(spots[2].at.x == doctest::Approx(200));
    CHECK(!spots[3].placed);
    CHECK(!spots[4].placed);  // `taken` (a control) is within 2r of it
    auto free_spots = place_spots({{{400, 400}}}, {0}, r, {});
    CHECK(free_spots[0].placed);
    for (std::size_t i = 0; i < spots.size(); ++i)
        for (std::size_t k = 0; k < i; ++k)
            if (spots[i].placed && spots[k].placed)
                CHECK(std::hypot(spots[i].at.x - spots[k].at.x, spots[i].at.y - spots[k].at.y) >=
                      2 * r);
}

TEST_CASE("labels take their first free place in priority order, and one with none is left out") {
    std::vector<std::vector<Box>> labels = {
        {{0, 0, 100, 20}},
        {{50, 10, 150, 30}},                       // on the first: left out
        {{120, 0, 200, 20}},                       // clear
        {{300, 0, 400, 20}, {300, 50, 400, 70}},   // its point is blocked: the place below
        {{130, 5, 180, 15}, {130, 25, 180, 35}}};  // both places taken: left out
    auto chosen = place_labels(labels, {{290, 0, 310, 40}, {120, 22, 200, 40}});
    CHECK(chosen == std::vector<int>{0, -1, 0, 1, -1});
    CHECK(overlap({0, 0, 10, 10}, {5, 5, 20, 20}));
    CHECK(!overlap({0, 0, 10, 10}, {10, 0, 20, 10}));  // touching edges do not collide
}

TEST_CASE("a country is drawn wider as the map zooms in, and wider near the poles") {
    // Mexico's mainland (1.94 million km2) at zoom 3, 24 N: a square 1394 km wide, 78 px.
    const double at3 = screen_extent(1942964, 23.9, 3);
    CHECK(at3 == doctest::Approx(std::sqrt(1942964.0) /
                                 (40075.016686 * std::cos(23.9 * M_PI / 180) / 2048))
                     .epsilon(1e-6));
    CHECK(screen_extent(1942964, 23.9, 4) == doctest::Approx(at3 * 2));
    CHECK(screen_extent(1942964, 60, 3) > at3);
    CHECK(screen_extent(0, 10, 5) == 0);
    CHECK(screen_extent(-4, 10, 5) == 0);
}

TEST_CASE("fit shows every place inside the margin") {
    View v{{0, 0}, 8, 800, 480};
    std::vector<LonLat> places = {{-102.181, 23.927}, {-99.148, 58.628}, {-77.31, 18.157}};
    View f = fit(v, places, 60, {1, 16});
    for (const LonLat& p : places) {
        Point s = to_screen(f, p);
        CHECK(s.x >= 60 - 0.5);
        CHECK(s.x <= 740 + 0.5);
        CHECK(s.y >= 60 - 0.5);
        CHECK(s.y <= 420 + 0.5);
    }
    CHECK(f.zoom < 4);  // a continent: far out
    // One place: centred at the view's zoom; none: the view itself.
    View one = fit(v, {{-74.08, 4.6}}, 60, {1, 16});
    CHECK(one.zoom == doctest::Approx(8));
    CHECK(to_screen(one, {-74.08, 4.6}).x == doctest::Approx(400));
    CHECK(fit(v, {}, 60, {1, 16}).zoom == doctest::Approx(8));
}
