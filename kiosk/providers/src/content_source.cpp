// SPDX-License-Identifier: GPL-3.0-or-later
#include "providers/content_source.h"

#include <chrono>
#include <exception>
#include <system_error>

#include "platform/log.h"
#include "sync/sync.h"

namespace guichet::kiosk {

Result<void> ContentSource::open() {
    std::filesystem::path path = configured_;
    std::string why;
    if (path.empty()) {
        auto pointer = sync::boot_attempt(state_dir_);
        if (pointer) {
            path = pointer->path;
            opened_version_ = next_version_ = pointer->sha256;
        } else
            why = pointer.message();
    }
    path_ = path;
    if (path.empty()) return make_error("no content store: " + why);
    auto adapter = ContentAdapter::open(path);
    if (!adapter) return adapter.error();
    content_ = std::move(*adapter);
    return {};
}

bool ContentSource::new_store_on_disk() {
    std::filesystem::path path = path_;
    std::string version = opened_version_;
    if (from_sync()) {
        auto pointer = sync::current_store(state_dir_);
        if (pointer) {
            path = pointer->path;
            version = pointer->sha256;
        }
    }
    if (path.empty()) return false;
    const auto identity = file_identity(path);
    if (!identity || (rejected_identity_ && *identity == *rejected_identity_)) return false;
    if (!rejected_version_.empty() && version == rejected_version_) return false;
    const bool changed = !content_ || path != content_->path() ||
                         content_->identity() != identity || version != opened_version_;
    if (changed) {
        path_ = path;
        next_version_ = version;
    }
    return changed;
}

namespace {

// On the preparing thread: an error becomes a value there, so nothing is thrown across threads.
Result<std::shared_ptr<ContentAdapter>> open_prepared(const std::filesystem::path& path) noexcept {
    try {
        auto adapter = ContentAdapter::open(path);
        if (!adapter) return adapter.error();
        if (auto prepared = (*adapter)->prepare(); !prepared) {
            // Lists that cannot be read ahead are read when shown, where any error is shown.
            log::warn("kiosk", "cannot prepare the new content's lists: " + prepared.message());
        }
        return std::shared_ptr<ContentAdapter>(std::move(*adapter));
    } catch (const std::exception& e) {
        return make_error(path.string() + ": cannot open: " + e.what());
    }
}

}  // namespace

bool ContentSource::preparing_the_next() const {
    // The version tells a store changed in place (same file); the identity, a file renamed
    // over a configured store (no version).
    return preparing_.valid() && preparing_path_ == path_ && preparing_version_ == next_version_ &&
           preparing_identity_ == file_identity(path_);
}

void ContentSource::prepare_new() {
    if (preparing_the_next()) return;
    // A store still being prepared for an older version finishes before this starts (the
    // future's destructor waits): only when sync replaced the store twice within seconds.
    preparing_ = {};
    preparing_path_ = path_;
    preparing_version_ = next_version_;
    preparing_identity_ = file_identity(path_);
    try {
        preparing_ = std::async(std::launch::async, open_prepared, path_);
    } catch (const std::system_error& e) {  // no thread to be had: switch_to_new opens it
        log::warn("kiosk",
                  std::string("cannot prepare the new content away from the screen: ") + e.what());
    }
}

bool ContentSource::new_ready() const {
    return !preparing_.valid() ||
           preparing_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

Result<void> ContentSource::switch_to_new() {
    Result<std::shared_ptr<ContentAdapter>> adapter =
        preparing_the_next() ? preparing_.get() : open_prepared(path_);
    preparing_ = {};
    if (!adapter) {
        rejected_identity_ = file_identity(path_);
        if (next_version_ != opened_version_) rejected_version_ = next_version_;
        return adapter.error();
    }
    content_ = std::move(*adapter);
    opened_version_ = next_version_;
    return {};
}

void ContentSource::confirm_boot() {
    if (boot_ok_sent_ || !from_sync() || !content_) return;
    boot_ok_sent_ = true;
    if (auto ok = sync::boot_ok(state_dir_); !ok) log::warn("kiosk", ok.message());
}

}  // namespace guichet::kiosk
