// SPDX-License-Identifier: GPL-3.0-or-later
// The map screen's side of the main loop: its view model (the directory's pins under the
// visitor's filters), the tile loader of the content store shown (decoding on its own thread)
// and the tile textures on the renderer, an LRU cache of 256 px RGBA tiles (256 kB each): at
// least kMinTextures (24 MB), and twice the tiles that cover the screen where that is more (a
// cache smaller than one screen would evict and decode the same tiles for ever: 4K needs 320,
// 80 MB). A tile not decoded yet is drawn from a cached ancestor, larger.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "providers/content_adapter.h"
#include "providers/map_tiles.h"
#include "visitor/screens.h"

namespace guichet::kiosk {

class MapPresenter {
  public:
    static constexpr std::size_t kMinTextures = 96;
    // The cache's bound for a screen of this many pixels.
    static std::size_t texture_capacity(float width, float height);
    // `wake` runs on the loader's thread when tiles are ready; `synchronous` (headless runs)
    // waits for the tiles each frame asks for, so screenshots are whole.
    MapPresenter(SDL_Renderer* renderer, std::function<void()> wake, bool synchronous);
    ~MapPresenter();
    MapPresenter(const MapPresenter&) = delete;
    MapPresenter& operator=(const MapPresenter&) = delete;

    void draw(const Ui& ui, ContentAdapter& content, const std::function<void(std::string_view)>& need);
    // A new content store: tiles, textures and pins go.
    void forget_content();
    // Tiles asked for are still being decoded or wait to be uploaded: draw another frame.
    bool pending() const;
    std::size_t textures() const { return cache_.size(); }
    std::size_t capacity() const { return capacity_; }
    // The state dump: pins drawn, tiles shown and missing in the last frame.
    int last_pins() const { return static_cast<int>(model_.pins.size()); }
    int last_missing() const { return last_missing_; }
    // Arrows with a tap disc and labels drawn in the last frame.
    const MapDrawn& last_drawn() const { return drawn_; }
    // The view model last drawn (read aloud reads its cards).
    const MapModel& model() const { return model_; }
    // Bytes the cached textures hold (256 px RGBA tiles: 256 kB each).
    std::size_t texture_bytes() const;

  private:
    MapTileLook look(int z, int x, int y);
    void absorb();

    struct Entry {
        SDL_Texture* texture = nullptr;
        std::uint64_t used = 0;
    };
    SDL_Renderer* renderer_;
    std::function<void()> wake_;
    bool synchronous_;
    std::filesystem::path store_;
    std::unique_ptr<MapTileLoader> loader_;
    std::map<content::mbtiles::TileId, Entry> cache_;
    std::set<content::mbtiles::TileId> absent_;
    std::vector<content::mbtiles::TileId> wanted_;
    std::uint64_t frame_ = 0;
    std::size_t capacity_ = kMinTextures;
    int last_missing_ = 0;
    std::string model_key_;
    MapModel model_;
    MapDrawn drawn_;
};

}  // namespace guichet::kiosk
