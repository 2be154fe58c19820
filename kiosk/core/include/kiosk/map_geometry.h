// SPDX-License-Identifier: GPL-3.0-or-later
// The map screen's arithmetic, without SDL: Web Mercator (EPSG:3857, the projection of every
// MBTiles raster set) between longitude/latitude, world pixels and the screen; the view moved by
// a drag, zoomed about a point (buttons, pinch) and held inside the world and its zoom range;
// which tiles cover the screen and where; pins gathered into clusters where they would overlap.
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

}  // namespace guichet::kiosk::map
