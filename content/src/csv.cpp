// SPDX-License-Identifier: GPL-3.0-or-later
#include "csv.h"

namespace guichet::content::csv {

Table parse(std::string_view text, char delimiter) {
    Table table;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    size_t i = 0;
    int line = 1;
    const size_t n = text.size();
    while (i < n) {
        // Skip blank lines between records.
        if (text[i] == '\n') {
            ++line;
            ++i;
            continue;
        }
        if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') {
            ++line;
            i += 2;
            continue;
        }
        Record record;
        record.line = line;
        std::string field;
        bool record_done = false;
        bool broken = false;
        while (!record_done) {
            field.clear();
            if (i < n && text[i] == '"') {
                int quote_line = line;
                ++i;
                bool closed = false;
                while (i < n) {
                    char c = text[i];
                    if (c == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (c == '\n') ++line;
                    field += c;
                    ++i;
                }
                if (!closed) {
                    table.problems.push_back(
                        {quote_line, "unterminated quoted field (a \" is never closed)"});
                    broken = true;
                    i = n;
                    record_done = true;
                    break;
                }
                if (i < n && text[i] != delimiter && text[i] != '\n' &&
                    !(text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
                    table.problems.push_back({line,
                                              "text after a closing quote (write \"\" for a quote "
                                              "inside a quoted field)"});
                    broken = true;
                    while (i < n && text[i] != delimiter && text[i] != '\n') ++i;
                }
            } else {
                while (i < n && text[i] != delimiter && text[i] != '\n' &&
                       !(text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
                    if (text[i] == '"' && !broken) {
                        table.problems.push_back(
                            {line, "quote inside an unquoted field (quote the whole field)"});
                        broken = true;
                    }
                    field += text[i];
                    ++i;
                }
            }
            record.fields.push_back(field);
            if (i >= n) {
                record_done = true;
            } else if (text[i] == delimiter) {
                ++i;
            } else {
                i += text[i] == '\r' ? 2 : 1;
                ++line;
                record_done = true;
            }
        }
        if (!broken) table.records.push_back(std::move(record));
    }
    return table;
}

}  // namespace guichet::content::csv
