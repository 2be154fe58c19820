// SPDX-License-Identifier: GPL-3.0-or-later
// A strict RFC 4180 reader that remembers the line each record starts on, so every problem can
// be reported as file:line (file:line:column for a cell's own problem). Bounded: a cell, a line
// and (in table_file.h) a file each have a documented maximum. Internal to content/ (also fuzzed).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::content::csv {

struct Record {
    int line = 0;  // 1-based line where the record starts
    std::vector<std::string> fields;
};

struct Problem {
    int line = 0;
    std::string message;
    int column = 0;  // 1-based, in characters; 0 when the problem is the whole record's
};

// The documented maximums (content/FORMAT.md, SECURITY.md): past one, the record is refused
// with a message that gives both sizes.
inline constexpr std::size_t kMaxCellBytes = 64 << 10;
inline constexpr std::size_t kMaxLineBytes = 1 << 20;

struct Table {
    std::vector<Record> records;  // the header is records[0]
    std::vector<Problem> problems;
};

// Blank lines are skipped; a UTF-8 byte-order mark is ignored; CRLF and LF both end records.
// NUL and the other control characters (all but tab, and line breaks inside quotes) are
// errors at their line and column: no cell a kiosk shows may hold one.
// `delimiter` is ',' unless the file's header says otherwise (table_file.h sniffs it).
Table parse(std::string_view text, char delimiter = ',');

}  // namespace guichet::content::csv
