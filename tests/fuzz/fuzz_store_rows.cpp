// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the row image a kiosk builds its store from (content/store_rows.h). Images arrive
// hash-checked against signed metadata, but the builder must still refuse any damaged image
// with an error and leave no file behind.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "content/store_rows.h"
#include "platform/files.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const fs::path dir = [] {
        fs::path made =
            fs::temp_directory_path() / ("guichet-fuzz-rows-" + std::to_string(::getpid()));
        fs::create_directories(made);
        return made;
    }();
    const fs::path image = dir / "image.rows";
    const fs::path store = dir / "store.db";
    // A plain write: fsync per input would make the fuzzer crawl.
    std::ofstream(image, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    auto built = guichet::content::build_store_from_rows(image, store);
    if (!built && fs::exists(store)) __builtin_trap();
    fs::remove(store);
    return 0;
}
