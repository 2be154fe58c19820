// SPDX-License-Identifier: GPL-3.0-or-later
// The map's tiles read from the content store and decoded to RGBA on a worker thread of their
// own, so a pan never waits for SQLite or a PNG decoder on the UI thread. The UI asks for the
// tiles of its view, most wanted first (a new ask replaces what is still waiting: tiles the
// view has left are never decoded), and takes what is ready each frame; `wake` is called from
// the worker when something is ready (the main loop's SDL user event). No SDL here.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "content/mbtiles.h"
#include "content/store_map.h"
#include "platform/result.h"

namespace guichet::kiosk {

class MapTileLoader {
  public:
    struct Ready {
        content::mbtiles::TileId id;
        std::optional<image::Rgba> image;  // nullopt: the set has no tile there (or it is broken)
    };

    // Fails only when the store cannot be opened; a store without a map gives a loader whose
    // metadata() is empty and that answers every tile with "none".
    static Result<std::unique_ptr<MapTileLoader>> start(const std::filesystem::path& store,
                                                        std::function<void()> wake);
    ~MapTileLoader();
    MapTileLoader(const MapTileLoader&) = delete;
    MapTileLoader& operator=(const MapTileLoader&) = delete;

    const std::optional<content::mbtiles::Metadata>& metadata() const { return metadata_; }
    // Replaces the waiting asks with `ids` (most wanted first); tiles already decoding finish.
    void want(const std::vector<content::mbtiles::TileId>& ids);
    std::vector<Ready> take();
    // Nothing waiting, decoding or ready to take.
    bool idle() const;
    // Headless runs: blocks until idle() or `timeout_ms` passed.
    void wait_idle(int timeout_ms) const;

  private:
    MapTileLoader(content::StoreMap map, std::function<void()> wake);
    void run();

    content::StoreMap map_;
    std::optional<content::mbtiles::Metadata> metadata_;
    std::function<void()> wake_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::deque<content::mbtiles::TileId> waiting_;
    std::set<content::mbtiles::TileId> decoding_;
    std::vector<Ready> ready_;
    bool stopping_ = false;
    std::thread worker_;
};

}  // namespace guichet::kiosk
