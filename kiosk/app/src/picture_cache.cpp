// SPDX-License-Identifier: GPL-3.0-or-later
#include "picture_cache.h"

#include <algorithm>

#include "platform/log.h"
#include "providers/pictures.h"

namespace guichet::kiosk {

std::size_t PictureCache::textures() const {
    return static_cast<std::size_t>(std::count_if(
        entries_.begin(), entries_.end(), [](const auto& entry) { return entry.second.texture; }));
}

void PictureCache::forget() {
    for (auto& [key, entry] : entries_)
        if (entry.texture) SDL_DestroyTexture(entry.texture);
    entries_.clear();
    bytes_ = 0;
}

bool PictureCache::make_room(std::size_t wanted) {
    while (bytes_ + wanted > kBudgetBytes) {
        auto oldest = entries_.end();
        for (auto it = entries_.begin(); it != entries_.end(); ++it)
            if (it->second.texture && it->second.page < page_ &&
                (oldest == entries_.end() || it->second.page < oldest->second.page))
                oldest = it;
        if (oldest == entries_.end()) return false;
        SDL_DestroyTexture(oldest->second.texture);
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
        return {it->second.texture, it->second.width, it->second.height};
    }
    Entry& entry = entries_[key];
    entry.page = page_;
    auto picture = load_picture(content, item_id, source);
    if (!picture) {
        log::error("kiosk", "picture of " + std::string(item_id) + ": " + picture.message());
        return {};
    }
    const std::size_t bytes = picture->pixels.size();
    if (!make_room(bytes)) {
        log::error("kiosk", "picture of " + std::string(item_id) + " '" + std::string(source) +
                                "': past the pictures' texture budget, shown as its text");
        return {};
    }
    SDL_Texture* texture =
        SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC,
                          picture->width, picture->height);
    if (!texture) {
        log::error("kiosk", std::string("picture texture: ") + SDL_GetError());
        return {};
    }
    SDL_UpdateTexture(texture, nullptr, picture->pixels.data(), picture->width * 4);
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    entry = {texture, picture->width, picture->height, bytes, page_};
    bytes_ += bytes;
    return {texture, picture->width, picture->height};
}

}  // namespace guichet::kiosk
