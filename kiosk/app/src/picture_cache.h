// SPDX-License-Identifier: GPL-3.0-or-later
// The textures of the pictures article pages show. A picture is read when the page that shows
// it opens, its size taken from its header so the page lays out at once, and decoded on
// PictureDecoder's thread (providers/pictures.h: at most 2048 px a side, 16 MB); absorb() turns
// what is decoded into textures on the UI thread. Textures are kept while the cache holds at
// most kBudgetBytes (a picture still decoding counts at its final size); the pictures of the
// page open now are never evicted for others, and one that would not fit even then is drawn as
// its alt text in a frame rather than pass the budget. A picture that cannot be shown is
// remembered as such, so a page never decodes it again.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "providers/content_adapter.h"
#include "providers/pictures.h"
#include "widgets/markdown_view.h"

namespace guichet::kiosk {

class PictureCache {
  public:
    static constexpr std::size_t kBudgetBytes = 48u << 20;

    // `wake` runs on the decoder's thread when a picture is ready; `synchronous` (headless
    // runs): get() waits for the decode, so a scripted screenshot shows the picture.
    PictureCache(SDL_Renderer* renderer, std::function<void()> wake, bool synchronous);
    ~PictureCache();
    PictureCache(const PictureCache&) = delete;
    PictureCache& operator=(const PictureCache&) = delete;

    // A new page opens: the pictures asked for before it may go when room is needed.
    void begin_page() { ++page_; }
    // Item `item_id`'s picture `source` (as its body writes it): texture and size, its size
    // alone while it decodes (loading), or none.
    widgets::MarkdownPicture get(const ContentAdapter& content, std::string_view item_id,
                                 std::string_view source);
    // Makes textures of the pictures decoded since the last call; true when any picture's
    // state changed (the page asks get() again).
    bool absorb();
    // A new content store: every texture goes.
    void forget();

    std::size_t bytes() const { return bytes_; }
    std::size_t textures() const;

  private:
    struct Entry {
        SDL_Texture* texture = nullptr;  // null and not loading: cannot be shown
        int width = 0, height = 0;
        std::size_t bytes = 0;
        std::uint64_t page = 0;
        bool loading = false;
    };
    // Evicts pictures of earlier pages, oldest page first, until `wanted` more bytes fit.
    bool make_room(std::size_t wanted);
    // The decoder's key: the store's generation first, so a picture decoded from a store that
    // has since been replaced is never taken for the new one's.
    std::string decoder_key(const std::string& key) const;

    SDL_Renderer* renderer_;
    bool synchronous_;
    std::map<std::string, Entry> entries_;  // "ITEM\nSOURCE"
    std::size_t bytes_ = 0;
    std::uint64_t page_ = 1;
    std::uint64_t generation_ = 0;
    std::unique_ptr<PictureDecoder> decoder_;
};

}  // namespace guichet::kiosk
