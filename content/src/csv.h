// SPDX-License-Identifier: GPL-3.0-or-later
// A strict RFC 4180 reader that remembers the line each record starts on, so every problem can
// be reported as file:line. Internal to content/ (also fuzzed).
#pragma once

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
};

struct Table {
    std::vector<Record> records;  // the header is records[0]
    std::vector<Problem> problems;
};

// Blank lines are skipped; a UTF-8 byte-order mark is ignored; CRLF and LF both end records.
// `delimiter` is ',' unless the file's header says otherwise (table_file.h sniffs it).
Table parse(std::string_view text, char delimiter = ',');

}  // namespace guichet::content::csv
