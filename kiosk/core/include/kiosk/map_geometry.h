// SPDX-License-Identifier: GPL-3.0-or-later
// The map screen's arithmetic, without SDL: Web Mercator (EPSG:3857, the projection of every
// MBTiles raster set) between longitude/latitude, world pixels and the screen; the view moved by
// a drag, zoomed about a point (buttons, pinch) and held inside the world and its zoom range;
// which tiles cover the screen and where; pins gathered into clusters where they would overlap;
// seasonal-work arrows as curves, tap discs and name labels kept clear of one another; pinch.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace guichet::kiosk::map {

inline constexpr double kTileSize = 256.0;
// Web Mercator's square world stops here (atan(sinh(pi))).
inline constexpr double kMaxLatitude = 85.0511287798066;

struct LonLat {
    double lon = 0;
    double lat = 0;
};
struct Point {
    double x = 0;
    double y = 0;
};

// World pixels at `zoom` (fractional allowed): 0..256*2^zoom across, y from the north.
Point project(LonLat where, double zoom);
LonLat unproject(Point world, double zoom);

struct View {
    LonLat center{-80, 5};
    double zoom = 3;
    double width = 800;  // the map's area on screen, px
    double height = 480;
};

struct ZoomRange {
    double min = 1;
    double max = 10;
};

Point to_screen(const View& view, LonLat where);
LonLat to_lonlat(const View& view, Point screen);

// Held inside the world: latitude so the world's top and bottom edges never come inside the
// screen where the world is taller than it (else centred), longitude wrapped to -180..180,
// zoom inside the range.
View clamp(View view, const ZoomRange& range);
// The content follows the finger: moved by (dx, dy) screen pixels.
View pan(const View& view, double dx, double dy, const ZoomRange& range);
// Zoomed to `zoom` keeping the place under `anchor` (a screen point) where it is.
View zoom_about(const View& view, double zoom, Point anchor, const ZoomRange& range);
// The view that shows a place at a zoom, centred.
View centred(const View& view, LonLat where, double zoom, const ZoomRange& range);

// The view that shows every place with `margin` px to spare on each side, centred on them, as
// close as the range allows (one place alone: centred at the view's zoom).
View fit(const View& view, const std::vector<LonLat>& places, double margin,
         const ZoomRange& range);

// The tile zoom to draw at a view zoom: the nearest whole level, inside the tile set's levels
// (past its deepest level the deepest tiles are drawn larger).
int tile_zoom(double view_zoom, int min_tile_zoom, int max_tile_zoom);

struct TilePlacement {
    int z = 0, x = 0, y = 0;  // XYZ, x wrapped into the world
    double left = 0, top = 0, size = 0;  // on screen, px
};
// The tiles of level `z` covering the view, row by row; x wraps around the antimeridian.
std::vector<TilePlacement> visible_tiles(const View& view, int z);

struct Pin {
    std::string id;
    LonLat where;
};
struct Cluster {
    Point screen;                      // where it is drawn (the members' mean)
    LonLat where;                      // the members' mean position
    std::vector<std::size_t> members;  // indexes into the pins, in their order
};
// Pins on screen (and within `radius` of it) gathered greedily in their order: a pin joins the
// first cluster whose centre is within `radius` px, else starts one. Stable for a given view.
std::vector<Cluster> cluster_pins(const View& view, const std::vector<Pin>& pins, double radius);
// The zoom that pulls a cluster's members apart (one level past where they all fit the
// screen's smaller side at a third of it), inside the range.
double zoom_to_open(const View& view, const std::vector<Pin>& pins, const Cluster& cluster,
                    const ZoomRange& range);

// A two-finger pinch: the zoom at which the map is scaled by distance / start_distance (the
// fingers' spread now and when the second one touched) from start_zoom, inside the range.
// Unchanged when either distance is not a positive number.
double pinch_zoom(double start_zoom, double start_distance, double distance,
                  const ZoomRange& range);

// An arrow from an origin country to a host country: a quadratic curve on screen, bent to the
// left of its direction by `bend` times its length, so arrows that share a host fan out and two
// opposite arrows between one pair of countries do not lie on one another.
struct Curve {
    Point from, control, to;
};
Curve arrow_curve(const View& view, LonLat from, LonLat to, double bend);
Point curve_point(const Curve& curve, double t);      // t in 0..1
Point curve_direction(const Curve& curve, double t);  // the tangent, not normalised

// Discs of `radius` over the map (the tap targets of arrows and hosts), placed in order: each
// item takes the first of its candidate points whose disc is clear of every disc placed before
// it and of `taken`. An item whose first candidate falls on a disc of its own group (one
// programme's arrows from neighbouring islands) shares that disc and is not placed; so is an
// item with no clear candidate.
struct Spot {
    bool placed = false;
    Point at;
};
std::vector<Spot> place_spots(const std::vector<std::vector<Point>>& candidates,
                              const std::vector<std::size_t>& groups, double radius,
                              const std::vector<Point>& taken);

struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
bool overlap(const Box& a, const Box& b);
// Labels in priority order, each with its places in order of preference (on its point, then
// just above or below it): each takes the first place that overlaps no label placed before it
// and no blocked box (the controls, the card, pins); with none free it is left out (-1).
std::vector<int> place_labels(const std::vector<std::vector<Box>>& labels,
                              const std::vector<Box>& blocked);
// How wide, in screen pixels, a square of `area_km2` at latitude `lat` is drawn at `zoom`:
// a country's name is shown once the country is about as wide as its name.
double screen_extent(double area_km2, double lat, double zoom);

}  // namespace guichet::kiosk::map
