// SPDX-License-Identifier: GPL-3.0-or-later
#include "picture_cache.h"

#include <algorithm>

#include "platform/log.h"

namespace guichet::kiosk {

PictureCache::PictureCache(SDL_Renderer* renderer, std::function<void()> wake, bool synchronous)
    : renderer_(renderer),
      synchronous_(synchronous),
      decoder_(std::make_unique<PictureDecoder>(std::move(wake))) {}

PictureCache::~PictureCache() {
    decoder_.reset();  // its thread stops before the textures go
    forget();
}

std::size_t PictureCache::textures() const {
    return static_cast<std::size_t>(std::count_if(
        entries_.begin(), entries_.end(), [](const auto& entry) { return entry.second.texture; }));
}

void PictureCache::forget() {
    for (auto& [key, entry] : entries_)
        if (entry.texture) SDL_DestroyTexture(entry.texture);
    entries_.clear();
    bytes_ = 0;
    ++generation_;
}

std::string PictureCache::decoder_key(const std::string& key) const {
    return std::to_string(generation_) + "\n" + key;
}

bool PictureCache::make_room(std::size_t wanted) {
    while (bytes_ + wanted > kBudgetBytes) {
        auto oldest = entries_.end();
        for (auto it = entries_.begin(); it != entries_.end(); ++it)
            if ((it->second.texture || it->second.loading) && it->second.page < page_ &&
                (oldest == entries_.end() || it->second.page < oldest->second.page))
                oldest = it;
        if (oldest == entries_.end()) return false;
        // A picture still decoding is dropped too: absorb() finds no entry for it.
        if (oldest->second.texture) SDL_DestroyTexture(oldest->second.texture);
        bytes_ -= oldest->second.bytes;
        entries_.erase(oldest);
    }
    return true;
}

widgets::MarkdownPicture PictureCache::get(const ContentAdapter& content, std::string_view item_id,
                                           std::string_view source) {
    const std::string key = std::string(item_id) + "\n" + std::string(source);
    if (auto it = entries_.find(key); it != entries_.end()) {
        it->second.page = page_;
        return {it->second.texture, it->second.width, it->second.height, it->second.loading};
    }
    Entry& entry = entries_[key];
    entry.page = page_;
    const std::string who = "picture of " + std::string(item_id) + " '" + std::string(source) + "'";
    auto stored = content.picture(item_id, source);
    if (!stored || !*stored) {
        log::error("kiosk", who + ": " + (stored ? "not in the content" : stored.message()));
        return {};
    }
    auto size = picture_size(**stored);
    if (!size) {
        log::error("kiosk", who + ": " + size.message());
        return {};
    }
    const std::size_t bytes = static_cast<std::size_t>(size->width) * size->height * 4;
    if (!make_room(bytes)) {
        log::error("kiosk", who + ": past the pictures' texture budget, shown as its text");
        return {};
    }
    entry = {nullptr, size->width, size->height, bytes, page_, true};
    bytes_ += bytes;
    decoder_->want(decoder_key(key), std::move(**stored));
    if (synchronous_) {
        decoder_->wait_idle(30'000);
        absorb();
        const Entry& now = entries_[key];
        return {now.texture, now.width, now.height, now.loading};
    }
    return {nullptr, size->width, size->height, true};
}

bool PictureCache::absorb() {
    bool changed = false;
    const std::string generation = std::to_string(generation_) + "\n";
    for (auto& ready : decoder_->take()) {
        if (ready.key.rfind(generation, 0) != 0) continue;  // from a store since replaced
        auto it = entries_.find(ready.key.substr(generation.size()));
        if (it == entries_.end() || !it->second.loading) continue;  // evicted meanwhile
        Entry& entry = it->second;
        entry.loading = false;
        changed = true;
        SDL_Texture* texture = nullptr;
        if (!ready.picture) {
            log::error("kiosk", ready.picture.message());
        } else {
            const image::Rgba& picture = *ready.picture;
            texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888,
                                        SDL_TEXTUREACCESS_STATIC, picture.width, picture.height);
            if (!texture) {
                log::error("kiosk", std::string("picture texture: ") + SDL_GetError());
            } else {
                SDL_UpdateTexture(texture, nullptr, picture.pixels.data(), picture.width * 4);
                SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
                entry.width = picture.width;
                entry.height = picture.height;
            }
        }
        entry.texture = texture;
        const std::size_t bytes =
            texture ? static_cast<std::size_t>(entry.width) * entry.height * 4 : 0;
        bytes_ = bytes_ - entry.bytes + bytes;
        entry.bytes = bytes;
    }
    return changed;
}

}  // namespace guichet::kiosk
