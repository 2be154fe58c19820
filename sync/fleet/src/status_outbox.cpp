// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/status_outbox.h"

#include <algorithm>
#include <vector>

#include "platform/files.h"

namespace guichet::fleet {
namespace fs = std::filesystem;

StatusOutbox::StatusOutbox(fs::path state_dir)
    : outbox_dir_(std::move(state_dir) / "fleet" / "outbox") {}

Result<void> StatusOutbox::enqueue(const KioskStatus& status) {
    if (!is_valid_kiosk_id(status.kiosk_id))
        return make_error("kiosk id '" + status.kiosk_id + "' is not valid for a status file");
    std::error_code ec;
    fs::create_directories(outbox_dir_, ec);
    if (ec) return make_error("cannot create " + outbox_dir_.string() + ": " + ec.message());
    return files::write_file_atomically(outbox_dir_ / (status.kiosk_id + ".json"), to_json(status));
}

Result<int> StatusOutbox::deliver(StatusStore& store) {
    std::vector<fs::path> queued;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(outbox_dir_, ec))
        if (entry.path().extension() == ".json") queued.push_back(entry.path());
    std::sort(queued.begin(), queued.end());
    int delivered = 0;
    for (const auto& path : queued) {
        auto body = files::read_file(path);
        if (!body) return body.error();
        if (auto sent = store.put(path.filename().string(), *body); !sent)
            return make_error("status not delivered to " + store.describe() +
                              " (kept queued): " + sent.message());
        // A newer status may have been queued while this one was in flight: keep that one.
        auto now = files::read_file(path);
        if (now && *now == *body) fs::remove(path, ec);
        ++delivered;
    }
    return delivered;
}

int StatusOutbox::pending() const {
    int count = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(outbox_dir_, ec))
        if (entry.path().extension() == ".json") ++count;
    return count;
}

}  // namespace guichet::fleet
