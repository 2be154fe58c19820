// SPDX-License-Identifier: GPL-3.0-or-later
#include "map_presenter.h"

#include <algorithm>
#include <cmath>

#include "platform/log.h"

namespace guichet::kiosk {

using content::mbtiles::TileId;

MapPresenter::MapPresenter(SDL_Renderer* renderer, std::function<void()> wake, bool synchronous)
    : renderer_(renderer), wake_(std::move(wake)), synchronous_(synchronous) {}

MapPresenter::~MapPresenter() { forget_content(); }

void MapPresenter::forget_content() {
    loader_.reset();
    for (auto& [id, entry] : cache_) SDL_DestroyTexture(entry.texture);
    cache_.clear();
    absent_.clear();
    wanted_.clear();
    store_.clear();
    model_key_.clear();
}

std::size_t MapPresenter::texture_bytes() const {
    std::size_t bytes = 0;
    for (const auto& [id, entry] : cache_) {
        int w = 0, h = 0;
        if (SDL_QueryTexture(entry.texture, nullptr, nullptr, &w, &h) == 0)
            bytes += static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4;
    }
    return bytes;
}

bool MapPresenter::pending() const { return loader_ && !loader_->idle(); }

void MapPresenter::absorb() {
    if (!loader_) return;
    for (auto& ready : loader_->take()) {
        if (!ready.image) {
            if (absent_.size() > 4096) absent_.clear();
            absent_.insert(ready.id);
            continue;
        }
        const image::Rgba& rgba = *ready.image;
        SDL_Texture* texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888,
                                                 SDL_TEXTUREACCESS_STATIC, rgba.width, rgba.height);
        if (!texture) {
            log::error("kiosk", std::string("map tile texture: ") + SDL_GetError());
            continue;
        }
        SDL_UpdateTexture(texture, nullptr, rgba.pixels.data(), rgba.width * 4);
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
        // Full: the tile used longest ago goes.
        while (cache_.size() >= capacity_) {
            auto oldest = std::min_element(cache_.begin(), cache_.end(), [](const auto& a, const auto& b) {
                return a.second.used < b.second.used;
            });
            SDL_DestroyTexture(oldest->second.texture);
            cache_.erase(oldest);
        }
        auto& entry = cache_[ready.id];
        if (entry.texture) SDL_DestroyTexture(entry.texture);
        entry = {texture, frame_};
    }
}

std::size_t MapPresenter::texture_capacity(float width, float height) {
    // A view of W x H pixels can touch ceil(W/256) + 1 columns and as many rows more; twice
    // that keeps the ancestors drawn meanwhile and the tiles just panned off.
    const auto across = static_cast<std::size_t>(std::ceil(std::max(width, 1.0f) / 256.0f)) + 1;
    const auto down = static_cast<std::size_t>(std::ceil(std::max(height, 1.0f) / 256.0f)) + 1;
    return std::max(kMinTextures, 2 * across * down);
}

MapTileLook MapPresenter::look(int z, int x, int y) {
    const TileId id{z, x, y};
    MapTileLook out;
    if (auto it = cache_.find(id); it != cache_.end()) {
        it->second.used = frame_;
        out.texture = it->second.texture;
        return out;
    }
    const bool absent = absent_.count(id) > 0;
    if (!absent) {
        out.loading = true;
        wanted_.push_back(id);
    }
    // The part of the nearest ancestor over this tile, drawn larger: meanwhile, or for good
    // where the set stops short of this level here (a base map with street-level detail only
    // around its cities). An ancestor not loaded yet is asked for when this tile is absent.
    for (int up = 1; up <= 4 && z - up >= 0; ++up) {
        const TileId parent{z - up, x >> up, y >> up};
        auto it = cache_.find(parent);
        if (it == cache_.end()) {
            if (!absent || absent_.count(parent)) continue;
            out.loading = true;
            wanted_.push_back(parent);
            break;
        }
        const float n = static_cast<float>(1 << up);
        const float u = static_cast<float>(x - (parent.x << up)) / n;
        const float v = static_cast<float>(y - (parent.y << up)) / n;
        it->second.used = frame_;
        out.texture = it->second.texture;
        out.u0 = u, out.v0 = v, out.u1 = u + 1 / n, out.v1 = v + 1 / n;
        break;
    }
    out.missing = absent && !out.texture && !out.loading;
    return out;
}

void MapPresenter::draw(const Ui& ui, ContentAdapter& content,
                        const std::function<void(std::string_view)>& need) {
    ++frame_;
    if (store_ != content.path()) {
        forget_content();
        store_ = content.path();
        auto loader = MapTileLoader::start(store_, wake_);
        if (loader) loader_ = std::move(*loader);
        else log::error("kiosk", "map: " + loader.message());
    }
    const KioskState& state = ui.state;
    const DirectoryFilter& f = state.directory_filter;
    const std::string key = f.country + "|" + f.city + "|" + f.kind + "|" + f.service + "|" +
                            f.spoken_language + "@" + ui.language + "#" + state.route.id + "#" +
                            std::to_string(state.content_generation);
    if (key != model_key_) {
        model_key_ = key;
        model_ = {};
        auto places = content.map_places(f, ui.language);
        if (places) model_.pins = std::move(*places);
        else log::error("kiosk", "map: " + places.message());
        for (const MapPlace& pin : model_.pins) need(pin.title), need(pin.subtitle);
        if (auto layers = content.map_layers(model_.pins, ui.language)) {
            model_.programmes = std::move(layers->programmes);
            model_.arrows = std::move(layers->arrows);
            model_.labels = std::move(layers->labels);
        } else {
            log::error("kiosk", "map: " + layers.message());
        }
        for (const MapProgramme& p : model_.programmes) need(p.title), need(p.subtitle);
        for (const MapLabel& label : model_.labels) need(label.text);
        if (const auto& here = content.here(); here && here->lat && here->lon)
            model_.here = std::make_pair(*here->lon, *here->lat);
        model_.focus = state.route.id;
        model_.filters_active = !f.country.empty() + !f.city.empty() + !f.kind.empty() +
                                !f.service.empty() + !f.spoken_language.empty();
        if (loader_ && loader_->metadata()) {
            const auto& m = *loader_->metadata();
            model_.has_map = true;
            model_.min_tile_zoom = m.minzoom;
            model_.max_tile_zoom = m.maxzoom;
            model_.attribution = m.attribution;
            need(model_.attribution);
        }
    }
    if (synchronous_ && loader_) loader_->wait_idle(5000);
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    capacity_ = texture_capacity(screen.x, screen.y);
    absorb();
    wanted_.clear();
    int missing = 0;
    drawn_ = {};
    draw_map(
        ui, model_,
        [&](int z, int x, int y) {
            MapTileLook look_here = look(z, x, y);
            missing += look_here.missing;
            return look_here;
        },
        &drawn_);
    last_missing_ = missing;
    if (loader_ && !wanted_.empty()) loader_->want(wanted_);
}

}  // namespace guichet::kiosk
