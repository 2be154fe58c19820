// SPDX-License-Identifier: GPL-3.0-or-later
#include "csv.h"

#include "messages.h"

#include <cstdio>

namespace guichet::content::csv {
namespace {

bool is_control(unsigned char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

// Characters, not bytes, from the start of the line: what an editor's status bar shows.
int column_at(std::string_view text, size_t line_start, size_t at) {
    int column = 1;
    for (size_t k = line_start; k < at && k < text.size(); ++k)
        column += (static_cast<unsigned char>(text[k]) & 0xC0) != 0x80;
    return column;
}

std::string with_commas(size_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t k = 0; k < digits.size(); ++k) {
        if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
        out += digits[k];
    }
    return out;
}

std::string control_name(unsigned char c) {
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", c);
    return std::string(code) + (c == 0 ? " (NUL)" : "");
}

}  // namespace

Table parse(std::string_view text, char delimiter) {
    Table table;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    size_t i = 0;
    int line = 1;
    size_t line_start = 0;  // offset where `line` begins, for columns
    const size_t n = text.size();
    // One message per record at most for what is inside its cells; the record is dropped.
    auto refuse = [&](bool& broken, int at_line, size_t at, std::string message) {
        if (broken) return;
        table.problems.push_back({at_line, std::move(message), column_at(text, line_start, at)});
        broken = true;
    };
    while (i < n) {
        // Skip blank lines between records.
        if (text[i] == '\n') {
            ++line;
            ++i;
            line_start = i;
            continue;
        }
        if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') {
            ++line;
            i += 2;
            line_start = i;
            continue;
        }
        Record record;
        record.line = line;
        const size_t record_start = i;
        size_t record_end = n;  // where its line break starts
        std::string field;
        bool record_done = false;
        bool broken = false;
        while (!record_done) {
            field.clear();
            const size_t field_start = i;
            const int field_line = line;
            const size_t field_line_start = line_start;
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
                    if (is_control(static_cast<unsigned char>(c)))
                        refuse(broken, line, i,
                               messages::trf("control character {1} in a cell: remove it (the "
                                             "kiosk cannot show it)",
                                             {control_name(static_cast<unsigned char>(c))}));
                    field += c;
                    ++i;
                    if (c == '\n') {
                        ++line;
                        line_start = i;
                    }
                }
                if (!closed) {
                    table.problems.push_back(
                        {quote_line,
                         messages::tr("unterminated quoted field (a \" is never closed)")});
                    broken = true;
                    i = n;
                    record_done = true;
                    break;
                }
                if (i < n && text[i] != delimiter && text[i] != '\n' &&
                    !(text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
                    table.problems.push_back(
                        {line, messages::tr("text after a closing quote (write \"\" for a quote "
                                            "inside a quoted field)")});
                    broken = true;
                    while (i < n && text[i] != delimiter && text[i] != '\n') ++i;
                }
            } else {
                while (i < n && text[i] != delimiter && text[i] != '\n' &&
                       !(text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
                    if (text[i] == '"' && !broken) {
                        table.problems.push_back(
                            {line, messages::tr(
                                       "quote inside an unquoted field (quote the whole field)")});
                        broken = true;
                    }
                    if (is_control(static_cast<unsigned char>(text[i])))
                        refuse(broken, line, i,
                               messages::trf("control character {1} in a cell: remove it (the "
                                             "kiosk cannot show it)",
                                             {control_name(static_cast<unsigned char>(text[i]))}));
                    field += text[i];
                    ++i;
                }
            }
            if (field.size() > kMaxCellBytes && !broken) {
                table.problems.push_back(
                    {field_line,
                     messages::trf("a cell of {1} bytes, more than the {2} one cell may hold: "
                                   "shorten it or move the text to a Markdown page",
                                   {with_commas(field.size()), with_commas(kMaxCellBytes)}),
                     column_at(text, field_line_start, field_start)});
                broken = true;
            }
            record.fields.push_back(field);
            if (i >= n) {
                record_end = n;
                record_done = true;
            } else if (text[i] == delimiter) {
                ++i;
            } else {
                record_end = i;
                i += text[i] == '\r' ? 2 : 1;
                ++line;
                line_start = i;
                record_done = true;
            }
        }
        if (record_end - record_start > kMaxLineBytes && !broken) {
            table.problems.push_back(
                {record.line,
                 messages::trf("a line of {1} bytes, more than the {2} one line may hold: split it",
                               {with_commas(record_end - record_start),
                                with_commas(kMaxLineBytes)})});
            broken = true;
        }
        if (!broken) table.records.push_back(std::move(record));
    }
    return table;
}

}  // namespace guichet::content::csv
