// SPDX-License-Identifier: GPL-3.0-or-later
#include "providers/map_tiles.h"

#include <chrono>

#include "platform/log.h"

namespace guichet::kiosk {

Result<std::unique_ptr<MapTileLoader>> MapTileLoader::start(const std::filesystem::path& store,
                                                            std::function<void()> wake) {
    auto map = content::StoreMap::open(store);
    if (!map) return map.error();
    return std::unique_ptr<MapTileLoader>(new MapTileLoader(std::move(*map), std::move(wake)));
}

MapTileLoader::MapTileLoader(content::StoreMap map, std::function<void()> wake)
    : map_(std::move(map)), metadata_(map_.metadata()), wake_(std::move(wake)) {
    worker_ = std::thread([this] { run(); });
}

MapTileLoader::~MapTileLoader() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    worker_.join();
}

void MapTileLoader::want(const std::vector<content::mbtiles::TileId>& ids) {
    {
        std::lock_guard lock(mutex_);
        waiting_.clear();
        for (const auto& id : ids)
            if (!decoding_.count(id)) waiting_.push_back(id);
    }
    changed_.notify_all();
}

std::vector<MapTileLoader::Ready> MapTileLoader::take() {
    std::lock_guard lock(mutex_);
    std::vector<Ready> out;
    out.swap(ready_);
    return out;
}

bool MapTileLoader::idle() const {
    std::lock_guard lock(mutex_);
    return waiting_.empty() && decoding_.empty() && ready_.empty();
}

void MapTileLoader::wait_idle(int timeout_ms) const {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [this] { return waiting_.empty() && decoding_.empty(); });
}

void MapTileLoader::run() {
    for (;;) {
        content::mbtiles::TileId id;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
            if (stopping_) return;
            id = waiting_.front();
            waiting_.pop_front();
            decoding_.insert(id);
        }
        Ready ready{id, std::nullopt};
        auto tile = map_.tile(id);
        if (!tile) log::error("kiosk", tile.message());
        else ready.image = std::move(*tile);
        {
            std::lock_guard lock(mutex_);
            decoding_.erase(id);
            ready_.push_back(std::move(ready));
        }
        changed_.notify_all();
        if (wake_) wake_();
    }
}

}  // namespace guichet::kiosk
