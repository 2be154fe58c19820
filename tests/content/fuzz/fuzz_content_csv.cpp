// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the CSV reader: never crashes, every record's line lies within the input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto table = guichet::content::csv::parse(text);
    int lines = 1;
    for (char c : text) lines += c == '\n';
    for (const auto& record : table.records)
        if (record.line < 1 || record.line > lines || record.fields.empty()) __builtin_trap();
    for (const auto& problem : table.problems)
        if (problem.line < 1 || problem.line > lines) __builtin_trap();
    return 0;
}
