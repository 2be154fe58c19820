// SPDX-License-Identifier: GPL-3.0-or-later
// Which content store the kiosk shows, and when another may take its place: the configured
// store, or the one sync made current under the state folder. A new store on disk is opened
// and prepared on a thread of its own, and shown only when the main loop says nobody is using
// the kiosk; one that cannot be opened is refused once and remembered, and the current store
// stays.
#pragma once

#include <filesystem>
#include <future>
#include <memory>
#include <optional>

#include "platform/result.h"
#include "providers/content_adapter.h"

namespace guichet::kiosk {

class ContentSource {
  public:
    // `configured`: the `content` setting ("" for the store sync keeps under `state_dir`).
    ContentSource(std::filesystem::path configured, std::filesystem::path state_dir)
        : configured_(std::move(configured)), state_dir_(std::move(state_dir)) {}

    // Opens the store at start (sync's boot attempt when it is sync's).
    Result<void> open();
    // Whether a store other than the open one is on disk; remembers it for switch_to_new().
    bool new_store_on_disk();
    // Starts opening and preparing (ContentAdapter::prepare) the store new_store_on_disk()
    // found, away from the main loop: half a second and more for a large store's lists.
    void prepare_new();
    // Whether switch_to_new() would return at once (prepared, failed, or nothing started).
    bool new_ready() const;
    // Puts the store new_store_on_disk() found in place of the current one: the prepared one
    // (waiting for it if it is not ready), else opened now. On failure the current store stays
    // and that file is not offered again.
    Result<void> switch_to_new();
    // Tells sync the store it installed opened and drew (once): it keeps it from now on.
    void confirm_boot();

    const ContentAdapter* get() const { return content_.get(); }
    ContentAdapter* get() { return content_.get(); }
    const std::filesystem::path& path() const { return path_; }  // the store shown or next
    bool from_sync() const { return configured_.empty(); }

  private:
    bool preparing_the_next() const;

    std::filesystem::path configured_;
    std::filesystem::path state_dir_;
    std::filesystem::path path_;
    // Shared, though it has one owner: with a unique_ptr in the future's result, GCC 12 for
    // arm64 (the board image's cross-build, -Werror) reports a false -Wfree-nonheap-object.
    std::shared_ptr<ContentAdapter> content_;
    // The store being prepared, and the path and version it was started for: a store found
    // later is opened for itself.
    std::future<Result<std::shared_ptr<ContentAdapter>>> preparing_;
    std::filesystem::path preparing_path_;
    std::string preparing_version_;
    std::optional<FileIdentity> preparing_identity_;
    std::optional<FileIdentity> rejected_identity_;
    // The version sync's pointer named (its signed hash) for the open store and for the next:
    // a store changed in place keeps its path, and its file may look unchanged until the
    // WAL is checkpointed, so the pointer is what says a new version is there.
    std::string opened_version_, next_version_, rejected_version_;
    bool boot_ok_sent_ = false;
};

}  // namespace guichet::kiosk
