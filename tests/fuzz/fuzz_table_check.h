// SPDX-License-Identifier: GPL-3.0-or-later
// The one property check shared by the staff table fuzz targets (csv, xlsx, ods): the reader
// never crashes; a refused file has no rows; rows lie on a line or sheet row >= 1 and ascend;
// every cell is valid UTF-8; a spreadsheet's rows are as wide as its header; and the opening-hours
// scanner (source_values.h) finds in any cell only a bad time that is part of it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "source_values.h"
#include "table_file.h"
#include "text_search.h"

namespace guichet::fuzz {

inline int check_table_read(const uint8_t* data, size_t size, content::table_file::Format format) {
    namespace tf = content::table_file;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto read = tf::read(bytes, format, "institutions", false);
    if (read.fatal && !read.table.records.empty()) __builtin_trap();
    const auto& records = read.table.records;
    for (size_t i = 0; i < records.size(); ++i) {
        if (records[i].line < 1) __builtin_trap();
        if (i > 0 && records[i].line <= records[i - 1].line) __builtin_trap();
        for (const auto& field : records[i].fields) {
            if (content::text::repair_utf8(field) != field) __builtin_trap();
            std::string bad = content::sources::bad_time_in_hours(field);
            if (!bad.empty() && field.find(bad) == std::string::npos) __builtin_trap();
        }
    }
    // A CSV row may be short (the loader reports it); a spreadsheet's rows are padded.
    if (format != tf::Format::csv)
        for (const auto& record : records)
            if (record.fields.size() != records[0].fields.size()) __builtin_trap();
    return 0;
}

}  // namespace guichet::fuzz
