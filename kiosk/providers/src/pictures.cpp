// SPDX-License-Identifier: GPL-3.0-or-later
#include "providers/pictures.h"

#include <algorithm>
#include <chrono>
#include <span>
#include <string>

namespace guichet::kiosk {
namespace {

image::Rgba halve_picture(const image::Rgba& in) {
    image::Rgba out;
    out.width = std::max(1, (in.width + 1) / 2);
    out.height = std::max(1, (in.height + 1) / 2);
    out.pixels.assign(static_cast<std::size_t>(out.width) * out.height * 4, 0);
    const std::size_t in_row = static_cast<std::size_t>(in.width) * 4;
    for (int y = 0; y < out.height; ++y) {
        // The last row or column of an odd size is its own neighbour.
        const std::uint8_t* top = &in.pixels[static_cast<std::size_t>(2 * y) * in_row];
        const std::uint8_t* bottom = 2 * y + 1 < in.height ? top + in_row : top;
        std::uint8_t* q = &out.pixels[static_cast<std::size_t>(y) * out.width * 4];
        for (int x = 0; x < out.width; ++x, q += 4) {
            const std::size_t left = static_cast<std::size_t>(2 * x) * 4;
            const std::size_t right = 2 * x + 1 < in.width ? left + 4 : left;
            const std::uint8_t* p[4] = {top + left, top + right, bottom + left, bottom + right};
            const unsigned alpha = p[0][3] + p[1][3] + p[2][3] + p[3][3];
            for (int c = 0; c < 3; ++c) {
                const unsigned sum =
                    p[0][c] * p[0][3] + p[1][c] * p[1][3] + p[2][c] * p[2][3] + p[3][c] * p[3][3];
                q[c] = static_cast<std::uint8_t>(alpha ? (sum + alpha / 2) / alpha : 0);
            }
            q[3] = static_cast<std::uint8_t>((alpha + 2) / 4);
        }
    }
    return out;
}

}  // namespace

image::Rgba shrink_to_fit(image::Rgba picture, int max_side) {
    while (max_side > 0 && (picture.width > max_side || picture.height > max_side))
        picture = halve_picture(picture);
    return picture;
}

namespace {

image::Limits picture_limits() {
    image::Limits limits;
    limits.max_width = content::kMaxImageSide;
    limits.max_height = content::kMaxImageSide;
    limits.max_input_bytes = content::kMaxImageBytes;
    return limits;
}

// The format the compiler recorded must be what the bytes are: a store is not trusted to have
// anything else decoded.
Result<void> claimed_format(const content::StoredImage& stored) {
    const image::Format format = image::sniff(std::span<const std::uint8_t>(stored.bytes));
    if ((format != image::Format::png || stored.format != "png") &&
        (format != image::Format::jpeg || stored.format != "jpeg"))
        return make_error("picture '" + stored.path + "' is not the PNG or JPEG it claims");
    return {};
}

}  // namespace

Result<image::Size> picture_size(const content::StoredImage& stored, int max_side) {
    if (auto ok = claimed_format(stored); !ok) return ok.error();
    auto size = image::peek(std::span<const std::uint8_t>(stored.bytes), picture_limits());
    if (!size) return make_error("picture '" + stored.path + "': " + size.message());
    // As halve_picture rounds: an odd side's last row or column is kept.
    while (max_side > 0 && (size->width > max_side || size->height > max_side)) {
        size->width = std::max(1, (size->width + 1) / 2);
        size->height = std::max(1, (size->height + 1) / 2);
    }
    return *size;
}

Result<image::Rgba> decode_picture(const content::StoredImage& stored, int max_side) {
    if (auto ok = claimed_format(stored); !ok) return ok.error();
    auto decoded = image::decode(std::span<const std::uint8_t>(stored.bytes), picture_limits());
    if (!decoded) return make_error("picture '" + stored.path + "': " + decoded.message());
    return shrink_to_fit(std::move(*decoded), max_side);
}

Result<image::Rgba> load_picture(const ContentAdapter& content, std::string_view item_id,
                                 std::string_view source) {
    auto stored = content.picture(item_id, source);
    if (!stored) return stored.error();
    if (!*stored) return make_error("no picture '" + std::string(source) + "' in the content");
    return decode_picture(**stored);
}

PictureDecoder::PictureDecoder(std::function<void()> wake) : wake_(std::move(wake)) {
    worker_ = std::thread([this] { run(); });
}

PictureDecoder::~PictureDecoder() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    worker_.join();
}

void PictureDecoder::want(std::string key, content::StoredImage stored) {
    {
        std::lock_guard lock(mutex_);
        if (waiting_.size() >= kMaxWaiting) {
            ready_.push_back({std::move(waiting_.front().first),
                              make_error("picture dropped: too many pictures waiting")});
            waiting_.pop_front();
        }
        waiting_.emplace_back(std::move(key), std::move(stored));
    }
    changed_.notify_all();
}

std::vector<PictureDecoder::Ready> PictureDecoder::take() {
    std::lock_guard lock(mutex_);
    std::vector<Ready> out;
    out.swap(ready_);
    return out;
}

bool PictureDecoder::idle() const {
    std::lock_guard lock(mutex_);
    return waiting_.empty() && !decoding_ && ready_.empty();
}

void PictureDecoder::wait_idle(int timeout_ms) const {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [this] { return waiting_.empty() && !decoding_; });
}

void PictureDecoder::run() {
    for (;;) {
        std::pair<std::string, content::StoredImage> job;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
            if (stopping_) return;
            job = std::move(waiting_.front());
            waiting_.pop_front();
            decoding_ = true;
        }
        Ready ready{std::move(job.first), decode_picture(job.second)};
        {
            std::lock_guard lock(mutex_);
            ready_.push_back(std::move(ready));
        }
        // Woken before wait_idle() returns: a headless run that waited sees it done and woken.
        if (wake_) wake_();
        {
            std::lock_guard lock(mutex_);
            decoding_ = false;
        }
        changed_.notify_all();
    }
}

}  // namespace guichet::kiosk
