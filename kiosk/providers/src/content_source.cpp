// SPDX-License-Identifier: GPL-3.0-or-later
#include "providers/content_source.h"

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

Result<void> ContentSource::switch_to_new() {
    auto adapter = ContentAdapter::open(path_);
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
