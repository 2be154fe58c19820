// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the settings files an operator or a USB stick hands a kiosk (sync.conf, fleet.conf
// and the reader under them): any bytes give settings or a FILE:LINE error, never a crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "fleet/fleet_reporter.h"
#include "platform/files.h"
#include "platform/settings_file.h"
#include "sync/sync.h"

namespace fs = std::filesystem;
using namespace guichet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const fs::path file = fs::temp_directory_path() /
                                 ("guichet-fuzz-settings-" + std::to_string(::getpid()) + ".conf");
    // A plain write: fsync per input would make the fuzzer crawl.
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    auto lines = settings::read_settings_file(file);
    if (!lines && lines.message().rfind(file.string(), 0) != 0) __builtin_trap();
    (void)sync::load_config(file);
    auto fleet = fleet::load_fleet_settings(file);
    if (!fleet && fleet.message().rfind(file.string(), 0) != 0) __builtin_trap();
    return 0;
}
