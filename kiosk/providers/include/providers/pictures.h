// SPDX-License-Identifier: GPL-3.0-or-later
// The pictures an item's Markdown body shows, from the content store (through the content
// adapter, the one place calling content/) to pixels a texture can take: decoded to RGBA and
// shrunk, 2x2 averaged, until no side is past kMaxPictureSide, so one picture holds at most
// 16 MB of texture whatever the store gives. Decoding (0.4-0.7 s for a 4096 px JPEG on this
// project's 2-core machine) runs on PictureDecoder's thread, so a page opens at once with each
// picture's box at its final size. No SDL: the main loop makes the textures.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "platform/image_decode.h"
#include "platform/result.h"
#include "providers/content_adapter.h"

namespace guichet::kiosk {

// A side past this is halved: wider than any column the kiosk lays out (4K at 70 characters
// a line is under 2,000 px), so nothing a visitor sees is lost.
inline constexpr int kMaxPictureSide = 2048;

// The picture `source` (as the body writes it) of item `item_id`, decoded. An error says why
// it cannot be shown (none by that name, damaged, not PNG or JPEG); the screen then draws the
// alt text in a frame.
Result<image::Rgba> load_picture(const ContentAdapter& content, std::string_view item_id,
                                 std::string_view source);

// The store's bytes of a picture decoded: they must be the format the store names (PNG or
// JPEG, by their first bytes), within content's limits; then shrunk to `max_side`. The error
// names the picture's path. What load_picture does after reading the store (and what
// tests/fuzz/fuzz_article_picture feeds any bytes).
Result<image::Rgba> decode_picture(const content::StoredImage& stored,
                                   int max_side = kMaxPictureSide);

// `picture` halved (each pixel the average of four, alpha-weighted so transparent edges do not
// darken) until both sides are at most `max_side`.
image::Rgba shrink_to_fit(image::Rgba picture, int max_side);

// The size decode_picture will give, from the header alone (format and limits checked as it
// does): what a page lays out before the pixels exist.
Result<image::Size> picture_size(const content::StoredImage& stored,
                                 int max_side = kMaxPictureSide);

// Decodes stored pictures on a thread of its own, one at a time, in the order asked. `wake`
// runs on that thread after each picture (the main loop's SDL user event). The queue is
// bounded: past kMaxWaiting the oldest ask is dropped and answered as an error.
class PictureDecoder {
  public:
    static constexpr std::size_t kMaxWaiting = 32;
    struct Ready {
        std::string key;
        Result<image::Rgba> picture;
    };

    explicit PictureDecoder(std::function<void()> wake);
    ~PictureDecoder();
    PictureDecoder(const PictureDecoder&) = delete;
    PictureDecoder& operator=(const PictureDecoder&) = delete;

    void want(std::string key, content::StoredImage stored);
    std::vector<Ready> take();
    // Nothing waiting, decoding or ready to take.
    bool idle() const;
    // Headless runs: blocks until nothing waits or decodes, or `timeout_ms` passed.
    void wait_idle(int timeout_ms) const;

  private:
    void run();

    std::function<void()> wake_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::deque<std::pair<std::string, content::StoredImage>> waiting_;
    bool decoding_ = false;
    std::vector<Ready> ready_;
    bool stopping_ = false;
    std::thread worker_;  // last: starts once everything it uses exists
};

}  // namespace guichet::kiosk
