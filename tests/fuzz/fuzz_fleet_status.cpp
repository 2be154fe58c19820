// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes what the fleet report reads from shared storage, where any kiosk (or anyone with write
// access) may leave any bytes: status documents and storage listings.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fleet/kiosk_status.h"
#include "fleet/status_store.h"

using namespace guichet::fleet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    auto status = parse_status(bytes, "fuzz.json");
    // What parses must survive a round trip: the report re-reads what kiosks wrote.
    if (status) {
        auto again = parse_status(to_json(*status), "again.json");
        if (!again || again->kiosk_id != status->kiosk_id) __builtin_trap();
    }
    for (const std::string& name : json_names_in_listing(bytes))
        if (name.empty()) __builtin_trap();
    (void)is_valid_kiosk_id(bytes);
    return 0;
}
