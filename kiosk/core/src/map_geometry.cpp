// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/map_geometry.h"

#include <algorithm>
#include <cmath>

namespace guichet::kiosk::map {
namespace {

constexpr double kPi = 3.14159265358979323846;

double world_size(double zoom) { return kTileSize * std::exp2(zoom); }

double wrap_lon(double lon) {
    lon = std::fmod(lon + 180.0, 360.0);
    if (lon < 0) lon += 360.0;
    return lon - 180.0;
}

}  // namespace

Point project(LonLat where, double zoom) {
    double lat = std::clamp(where.lat, -kMaxLatitude, kMaxLatitude) * kPi / 180.0;
    double size = world_size(zoom);
    double x = (where.lon + 180.0) / 360.0 * size;
    double y = (1.0 - std::log(std::tan(lat) + 1.0 / std::cos(lat)) / kPi) / 2.0 * size;
    return {x, y};
}

LonLat unproject(Point world, double zoom) {
    double size = world_size(zoom);
    double lon = world.x / size * 360.0 - 180.0;
    double n = kPi * (1.0 - 2.0 * world.y / size);
    double lat = std::atan(std::sinh(n)) * 180.0 / kPi;
    return {lon, lat};
}

Point to_screen(const View& view, LonLat where) {
    Point c = project(view.center, view.zoom);
    Point p = project(where, view.zoom);
    // The copy of the world nearest the centre (a pin across the antimeridian).
    double size = world_size(view.zoom);
    double dx = p.x - c.x;
    if (dx > size / 2) dx -= size;
    if (dx < -size / 2) dx += size;
    return {view.width / 2 + dx, view.height / 2 + (p.y - c.y)};
}

LonLat to_lonlat(const View& view, Point screen) {
    Point c = project(view.center, view.zoom);
    LonLat out = unproject({c.x + screen.x - view.width / 2, c.y + screen.y - view.height / 2}, view.zoom);
    out.lon = wrap_lon(out.lon);
    return out;
}

View clamp(View view, const ZoomRange& range) {
    view.zoom = std::clamp(view.zoom, range.min, std::max(range.min, range.max));
    view.center.lon = wrap_lon(view.center.lon);
    double size = world_size(view.zoom);
    Point c = project(view.center, view.zoom);
    if (size <= view.height) c.y = size / 2;
    else c.y = std::clamp(c.y, view.height / 2, size - view.height / 2);
    view.center.lat = unproject(c, view.zoom).lat;
    return view;
}

View pan(const View& view, double dx, double dy, const ZoomRange& range) {
    Point c = project(view.center, view.zoom);
    View moved = view;
    moved.center = unproject({c.x - dx, c.y - dy}, view.zoom);
    return clamp(moved, range);
}

View zoom_about(const View& view, double zoom, Point anchor, const ZoomRange& range) {
    zoom = std::clamp(zoom, range.min, std::max(range.min, range.max));
    LonLat under = to_lonlat(view, anchor);
    Point p = project(under, zoom);
    View out = view;
    out.zoom = zoom;
    out.center = unproject({p.x - (anchor.x - view.width / 2), p.y - (anchor.y - view.height / 2)}, zoom);
    return clamp(out, range);
}

View centred(const View& view, LonLat where, double zoom, const ZoomRange& range) {
    View out = view;
    out.center = where;
    out.zoom = zoom;
    return clamp(out, range);
}

View fit(const View& view, const std::vector<LonLat>& places, double margin,
         const ZoomRange& range) {
    if (places.empty()) return clamp(view, range);
    double min_x = 1e300, max_x = -1e300, min_y = 1e300, max_y = -1e300;
    for (const LonLat& where : places) {
        Point p = project(where, 0);
        min_x = std::min(min_x, p.x), max_x = std::max(max_x, p.x);
        min_y = std::min(min_y, p.y), max_y = std::max(max_y, p.y);
    }
    View out = view;
    out.center = unproject({(min_x + max_x) / 2, (min_y + max_y) / 2}, 0);
    double room_x = std::max(1.0, view.width - 2 * margin),
           room_y = std::max(1.0, view.height - 2 * margin);
    double zoom = 1e9;
    if (max_x > min_x) zoom = std::min(zoom, std::log2(room_x / (max_x - min_x)));
    if (max_y > min_y) zoom = std::min(zoom, std::log2(room_y / (max_y - min_y)));
    if (zoom < 1e9) out.zoom = zoom;
    return clamp(out, range);
}

int tile_zoom(double view_zoom, int min_tile_zoom, int max_tile_zoom) {
    int z = static_cast<int>(std::lround(view_zoom));
    return std::clamp(z, min_tile_zoom, std::max(min_tile_zoom, max_tile_zoom));
}

std::vector<TilePlacement> visible_tiles(const View& view, int z) {
    std::vector<TilePlacement> out;
    if (z < 0 || z > 24 || view.width <= 0 || view.height <= 0) return out;
    double scale = std::exp2(view.zoom - z);
    double size = kTileSize * scale;  // one tile on screen
    Point c = project(view.center, view.zoom);
    double left_world = c.x - view.width / 2;  // world px at view.zoom
    double top_world = c.y - view.height / 2;
    int n = 1 << z;
    int x0 = static_cast<int>(std::floor(left_world / size));
    int x1 = static_cast<int>(std::floor((left_world + view.width) / size));
    int y0 = std::max(0, static_cast<int>(std::floor(top_world / size)));
    int y1 = std::min(n - 1, static_cast<int>(std::floor((top_world + view.height) / size)));
    // Never more copies of the world than fit the screen.
    x1 = std::min(x1, x0 + n + 2);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            int wrapped = ((x % n) + n) % n;
            out.push_back({z, wrapped, y, x * size - left_world, y * size - top_world, size});
        }
    return out;
}

std::vector<Cluster> cluster_pins(const View& view, const std::vector<Pin>& pins, double radius) {
    std::vector<Cluster> clusters;
    std::vector<Point> sums;
    std::vector<LonLat> where_sums;
    for (std::size_t i = 0; i < pins.size(); ++i) {
        Point p = to_screen(view, pins[i].where);
        if (p.x < -radius || p.y < -radius || p.x > view.width + radius || p.y > view.height + radius)
            continue;
        bool joined = false;
        for (std::size_t k = 0; k < clusters.size(); ++k) {
            double dx = p.x - clusters[k].screen.x, dy = p.y - clusters[k].screen.y;
            if (dx * dx + dy * dy <= radius * radius) {
                clusters[k].members.push_back(i);
                sums[k].x += p.x;
                sums[k].y += p.y;
                where_sums[k].lon += pins[i].where.lon;
                where_sums[k].lat += pins[i].where.lat;
                joined = true;
                break;
            }
        }
        if (!joined) {
            clusters.push_back({p, pins[i].where, {i}});
            sums.push_back(p);
            where_sums.push_back(pins[i].where);
        }
    }
    // Drawn at the members' mean; membership stays as decided at the first member's place.
    for (std::size_t k = 0; k < clusters.size(); ++k) {
        double n = static_cast<double>(clusters[k].members.size());
        clusters[k].screen = {sums[k].x / n, sums[k].y / n};
        clusters[k].where = {where_sums[k].lon / n, where_sums[k].lat / n};
    }
    return clusters;
}

double zoom_to_open(const View& view, const std::vector<Pin>& pins, const Cluster& cluster,
                    const ZoomRange& range) {
    double min_x = 1e300, max_x = -1e300, min_y = 1e300, max_y = -1e300;
    for (auto i : cluster.members) {
        Point p = project(pins[i].where, 0);
        min_x = std::min(min_x, p.x);
        max_x = std::max(max_x, p.x);
        min_y = std::min(min_y, p.y);
        max_y = std::max(max_y, p.y);
    }
    double extent = std::max(max_x - min_x, max_y - min_y);  // world px at zoom 0
    double room = std::min(view.width, view.height) / 3;
    double zoom = extent > 0 ? std::log2(room / extent) : range.max;
    zoom = std::max(zoom, view.zoom + 1);
    return std::clamp(zoom, range.min, range.max);
}

double pinch_zoom(double start_zoom, double start_distance, double distance,
                  const ZoomRange& range) {
    double zoom = start_zoom;
    if (std::isfinite(start_distance) && std::isfinite(distance) && start_distance > 0 &&
        distance > 0)
        zoom = start_zoom + std::log2(distance / start_distance);
    return std::clamp(zoom, range.min, std::max(range.min, range.max));
}

Curve arrow_curve(const View& view, LonLat from, LonLat to, double bend) {
    Point a = to_screen(view, from), b = to_screen(view, to);
    // The normal to the left of a -> b on screen (y grows downwards).
    Point mid{(a.x + b.x) / 2, (a.y + b.y) / 2};
    Point normal{(b.y - a.y), -(b.x - a.x)};
    return {a, {mid.x + normal.x * bend, mid.y + normal.y * bend}, b};
}

Point curve_point(const Curve& c, double t) {
    double u = 1 - t;
    return {u * u * c.from.x + 2 * u * t * c.control.x + t * t * c.to.x,
            u * u * c.from.y + 2 * u * t * c.control.y + t * t * c.to.y};
}

Point curve_direction(const Curve& c, double t) {
    return {2 * (1 - t) * (c.control.x - c.from.x) + 2 * t * (c.to.x - c.control.x),
            2 * (1 - t) * (c.control.y - c.from.y) + 2 * t * (c.to.y - c.control.y)};
}

std::vector<Spot> place_spots(const std::vector<std::vector<Point>>& candidates,
                              const std::vector<std::size_t>& groups, double radius,
                              const std::vector<Point>& taken) {
    std::vector<Spot> out(candidates.size());
    const double apart = 2 * radius;
    const auto near = [&](Point a, Point b) {
        double dx = a.x - b.x, dy = a.y - b.y;
        return dx * dx + dy * dy < apart * apart;
    };
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (candidates[i].empty()) continue;
        bool shares = false;
        for (std::size_t k = 0; k < i && !shares; ++k)
            shares = out[k].placed && k < groups.size() && i < groups.size() &&
                     groups[k] == groups[i] && near(out[k].at, candidates[i].front());
        if (shares) continue;
        for (const Point& p : candidates[i]) {
            bool clear = true;
            for (const Point& t : taken) clear = clear && !near(p, t);
            for (std::size_t k = 0; k < i && clear; ++k)
                clear = !(out[k].placed && near(out[k].at, p));
            if (clear) {
                out[i] = {true, p};
                break;
            }
        }
    }
    return out;
}

bool overlap(const Box& a, const Box& b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

std::vector<int> place_labels(const std::vector<std::vector<Box>>& labels,
                              const std::vector<Box>& blocked) {
    std::vector<int> chosen(labels.size(), -1);
    std::vector<Box> placed;
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (std::size_t c = 0; c < labels[i].size(); ++c) {
            const Box& box = labels[i][c];
            bool clear = true;
            for (const Box& b : blocked) clear = clear && !overlap(box, b);
            for (const Box& b : placed) clear = clear && !overlap(box, b);
            if (clear) {
                chosen[i] = static_cast<int>(c);
                placed.push_back(box);
                break;
            }
        }
    return chosen;
}

double screen_extent(double area_km2, double lat, double zoom) {
    if (!(area_km2 > 0)) return 0;
    // Web Mercator: the equator's 40,075 km span 256 * 2^zoom px, stretched by 1/cos(lat).
    double km_per_px = 40075.016686 *
                       std::cos(std::clamp(lat, -kMaxLatitude, kMaxLatitude) * kPi / 180) /
                       world_size(zoom);
    return std::sqrt(area_km2) / km_per_px;
}

}  // namespace guichet::kiosk::map
