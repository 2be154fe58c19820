// SPDX-License-Identifier: GPL-3.0-or-later
#include "providers/alert_board.h"

#include "platform/log.h"
#include "sync/sync.h"

namespace guichet::kiosk {

AlertBoard::AlertBoard(std::filesystem::path state_dir)
    : file_(sync::alerts::kiosk_alerts_file(state_dir)), state_dir_(std::move(state_dir)) {}

bool AlertBoard::refresh() {
    floor_ = sync::newest_signed_time(state_dir_);
    std::error_code ec;
    const auto size = std::filesystem::file_size(file_, ec);
    if (ec) {
        const bool had = !alerts_.empty();
        alerts_.clear();
        seen_size_ = static_cast<std::uintmax_t>(-1);
        return had;
    }
    const auto time = std::filesystem::last_write_time(file_, ec);
    if (size == seen_size_ && time == seen_time_) return false;
    seen_size_ = size;
    seen_time_ = time;
    auto read = sync::alerts::read_kiosk_alerts(file_.parent_path().parent_path());
    if (!read) {
        log::error("kiosk", "fleet alerts not shown: " + read.message());
        alerts_.clear();
        return true;
    }
    alerts_ = std::move(*read);
    return true;
}

std::vector<AlertCard> AlertBoard::shown(std::int64_t now,
                                         const std::vector<std::string>& languages) const {
    std::vector<AlertCard> cards;
    for (auto& a : sync::alerts::shown_at(alerts_, trusted_now(now), languages)) {
        AlertCard c;
        c.id = std::move(a.id);
        c.severity = sync::alerts::to_string(a.severity);
        c.title = std::move(a.title);
        c.body = std::move(a.body);
        c.shown_language = std::move(a.language);
        c.fell_back = a.fell_back;
        c.replaces_home = a.replaces_home;
        c.central = a.central;
        c.region = std::move(a.region);
        cards.push_back(std::move(c));
    }
    return cards;
}

std::int64_t AlertBoard::next_change(std::int64_t wall) const {
    const std::int64_t now = trusted_now(wall);
    std::int64_t next = 0;
    for (const auto& a : alerts_)
        for (std::int64_t t : {a.start, a.end})
            if (t > now && (next == 0 || t < next)) next = t;
    return next;
}

}  // namespace guichet::kiosk
