// SPDX-License-Identifier: GPL-3.0-or-later
// The textures of the pictures article pages show. A picture is read, decoded and uploaded once,
// when the page that shows it opens (providers/pictures.h: at most 2048 px a side, 16 MB), then
// kept while the cache holds at most kBudgetBytes of textures; the pictures of the page open
// now are never evicted for others, and one that would not fit even then is drawn as its alt
// text in a frame rather than pass the budget. A picture that cannot be shown is remembered as
// such, so a page never decodes it again.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "providers/content_adapter.h"
#include "widgets/markdown_view.h"

namespace guichet::kiosk {

class PictureCache {
  public:
    static constexpr std::size_t kBudgetBytes = 48u << 20;

    explicit PictureCache(SDL_Renderer* renderer) : renderer_(renderer) {}
    ~PictureCache() { forget(); }
    PictureCache(const PictureCache&) = delete;
    PictureCache& operator=(const PictureCache&) = delete;

    // A new page opens: the pictures asked for before it may go when room is needed.
    void begin_page() { ++page_; }
    // Item `item_id`'s picture `source` (as its body writes it): texture and size, or none.
    widgets::MarkdownPicture get(const ContentAdapter& content, std::string_view item_id,
                                 std::string_view source);
    // A new content store: every texture goes.
    void forget();

    std::size_t bytes() const { return bytes_; }
    std::size_t textures() const;

  private:
    struct Entry {
        SDL_Texture* texture = nullptr;  // null: cannot be shown
        int width = 0, height = 0;
        std::size_t bytes = 0;
        std::uint64_t page = 0;
    };
    // Evicts pictures of earlier pages, oldest page first, until `wanted` more bytes fit.
    bool make_room(std::size_t wanted);

    SDL_Renderer* renderer_;
    std::map<std::string, Entry> entries_;  // "ITEM\nSOURCE"
    std::size_t bytes_ = 0;
    std::uint64_t page_ = 1;
};

}  // namespace guichet::kiosk
