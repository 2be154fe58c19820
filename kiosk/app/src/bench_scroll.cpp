// SPDX-License-Identifier: GPL-3.0-or-later
// --bench-scroll SCREEN:FRAMES (bench/kiosk/bench_kiosk.py): after the first frame of an
// interactive run, open the busiest list, its first article, the directory or one item
// (item=ID, to compare languages on the same text), drag-scroll it
// with real pointer events for FRAMES frames and print the median CPU per frame. `map` and
// `map-seasonal` (bench/kiosk/map_bench.sh) pan the map instead, at zoom 5 over the continent
// (`map-city`: at zoom 9 over a city with the base map's detail)
// (east and west in sweeps of 70 % of the screen, drifting north then back), and print the median
// and 95th percentile of CPU and wall time per frame, the peak RSS and the texture cache. Only the
// benchmark uses it. It stays in the program, alone in this file, because it measures the real
// interactive loop from inside (the real window, SDL's event pump, the renderer chosen); in
// bench/ it would need a public API into the main loop's internals for one benchmark.
#include <SDL.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cstdio>

#include "kiosk.h"
#include "map_presenter.h"

namespace guichet::kiosk {
namespace {

double process_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double wall_ms() {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1,
                           static_cast<std::size_t>(p * static_cast<double>(values.size())))];
}

}  // namespace

int Kiosk::run_bench_map() {
    if (!map_) return 1;
    apply_action(action::Open{{Screen::map, ""}});
    if (options_.bench_scroll_screen == "map-seasonal") apply_action(action::MapLayer{true});
    const double w = display_->width(), h = display_->height();
    for (int i = 0; i < 5; ++i) (void)frame();
    // Zoom 5 over Central America: the sweeps stay over the Americas' tiles (-170..-30).
    // `map-city`: zoom 9 over São Paulo, where the base map has its city detail (z8-9 around
    // the directory's places) and, past it, the z7 tiles are drawn larger.
    if (options_.bench_scroll_screen == "map-city")
        apply_action(action::MapShow{-46.63, -23.55, 9, w, h});
    else
        apply_action(action::MapShow{-95, 5, 5, w, h});
    for (int i = 0; i < 5; ++i) (void)frame();
    const float right = static_cast<float>(w * 0.85), left = static_cast<float>(w * 0.15);
    const int frames = options_.bench_scroll_frames + 10;
    // The finger goes left and right 25 px a frame without lifting, and down the screen by
    // 30 % of its height over the first half (the map drifts north), back up over the second.
    const float drift = static_cast<float>(h * 0.3) / (static_cast<float>(frames) / 2);
    std::vector<double> cpu, wall;
    float x = right, y = static_cast<float>(h * 0.35), step = -25;
    pointer_->push({display::PointerEvent::Kind::down, x, y, 0, true});
    for (int i = 0; i < frames; ++i) {
        x += step;
        if (x < left || x > right) step = -step, x += 2 * step;
        y += i < frames / 2 ? drift : -drift;
        pointer_->push({display::PointerEvent::Kind::move, x, y, 0, true});
        SDL_Event event;
        while (SDL_PollEvent(&event)) {
        }
        const double cpu_start = process_cpu_ms(), wall_start = wall_ms();
        (void)frame();
        if (i >= 10)
            cpu.push_back(process_cpu_ms() - cpu_start), wall.push_back(wall_ms() - wall_start);
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("map-pan-frame-cpu-ms median %.2f p95 %.2f (%s, %zu frames, renderer %s, %dx%d)\n",
                percentile(cpu, 0.5), percentile(cpu, 0.95), options_.bench_scroll_screen.c_str(),
                cpu.size(), display_->renderer_name().c_str(), display_->width(),
                display_->height());
    std::printf("map-pan-frame-wall-ms median %.2f p95 %.2f\n", percentile(wall, 0.5),
                percentile(wall, 0.95));
    std::printf("map-peak-rss-mb %.1f\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
    std::printf("map-textures %zu of %zu, %.1f MB\n", map_->textures(), map_->capacity(),
                static_cast<double>(map_->texture_bytes()) / (1024.0 * 1024.0));
    std::printf("map-view zoom %.2f lon %.2f\n", state_.map.zoom, state_.map.lon);
    return 0;
}

int Kiosk::run_bench_scroll() {
    if (!content_.get()) {
        std::fprintf(stderr, "guichet-kiosk: the scroll benchmark needs content\n");
        return 1;
    }
    apply_action(action::StartVisit{});
    apply_action(action::ChooseLanguage{ui_language()});
    const std::string& screen = options_.bench_scroll_screen;
    if (screen.rfind("map", 0) == 0) return run_bench_map();
    if (screen == "directory") {
        apply_action(action::Open{{Screen::directory, ""}});
    } else if (screen.rfind("item=", 0) == 0) {
        // One item by id, so two languages can be compared on the same text.
        apply_action(action::Open{{Screen::detail, screen.substr(5)}});
    } else {
        // The area with the most items: the longest list, and its first article.
        std::string busiest;
        std::int64_t most = -1;
        if (auto tiles = content_.get()->home(ui_language()))
            for (const HomeTile& tile : *tiles)
                if (auto header = content_.get()->category(tile.category_id, ui_language());
                    header && !tile.opens_directory && header->total > most)
                    most = header->total, busiest = tile.category_id;
        if (screen == "list") {
            apply_action(action::Open{{Screen::category, busiest}});
        } else {
            auto rows = content_.get()->category_rows(busiest, ui_language(), 0, 1);
            if (!rows || rows->empty()) return 1;
            apply_action(action::Open{{Screen::detail, rows->front().id}});
        }
    }
    for (int i = 0; i < 5; ++i) (void)frame();
    const float x = display_->width() * 0.5f, top = display_->height() * 0.3f;
    const float bottom = display_->height() * 0.85f;
    std::vector<double> costs;
    // The finger goes up the screen and back down, 25 px per frame, without lifting, so every
    // frame scrolls and nothing is idle.
    pointer_->push({display::PointerEvent::Kind::down, x, bottom, 0, true});
    float y = bottom, step = -25;
    for (int i = 0; i < options_.bench_scroll_frames + 10; ++i) {
        y += step;
        if (y < top || y > bottom) step = -step, y += 2 * step;
        pointer_->push({display::PointerEvent::Kind::move, x, y, 0, true});
        SDL_Event event;
        while (SDL_PollEvent(&event)) {
        }
        const double start = process_cpu_ms();
        (void)frame();
        if (i >= 10) costs.push_back(process_cpu_ms() - start);
    }
    std::sort(costs.begin(), costs.end());
    std::printf("scroll-frame-cpu-ms %.2f (%s, %zu frames, renderer %s)\n", costs[costs.size() / 2],
                screen.c_str(), costs.size(), display_->renderer_name().c_str());
    return 0;
}

}  // namespace guichet::kiosk
