// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the staff table reader for xlsx files (content/src/table_file.h); the properties
// checked are in fuzz_table_check.h.
#include "fuzz_table_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return guichet::fuzz::check_table_read(data, size, guichet::content::table_file::Format::xlsx);
}
