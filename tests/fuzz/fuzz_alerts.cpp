// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the fleet alerts parser (sync/alerts.h): any bytes give alerts within the limits or an
// error, never a crash; whatever parses serializes and parses again to the same alerts, and
// choosing what a visitor sees from them never fails.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sync/alerts.h"

using namespace guichet::sync;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    auto parsed = alerts::parse(bytes, "region:caribbean");
    if (!parsed) return 0;
    if (parsed->size() > alerts::kMaxAlerts) __builtin_trap();
    const std::string again = alerts::serialize(*parsed, false);
    auto reparsed = alerts::parse(again, "region:caribbean");
    if (!reparsed || reparsed->size() != parsed->size()) __builtin_trap();
    if (alerts::serialize(*reparsed, false) != again) __builtin_trap();
    alerts::KioskIdentity kiosk{"kiosk-0a1b2c3d4e5f", "caribbean", {"pilot"}};
    for (const auto& a : *parsed) {
        (void)alerts::applies_to(a, kiosk);
        if (a.end <= a.start) __builtin_trap();
    }
    auto shown = alerts::shown_at(*parsed, 1'800'000'000, {"ht", "fr", "en"});
    if (shown.size() > parsed->size()) __builtin_trap();
    return 0;
}
