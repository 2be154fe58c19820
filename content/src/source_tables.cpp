// SPDX-License-Identifier: GPL-3.0-or-later
#include "source_tables.h"

#include <algorithm>

#include "column_names.h"
#include "messages.h"
#include "table_file.h"
#include "text_search.h"

namespace guichet::content::sources {
namespace fs = std::filesystem;

std::string text_of(const std::string& bytes, const std::string& name, Problems& problems,
                    std::vector<std::string>& fingerprint) {
    fingerprint.push_back(name + '\0' + bytes);
    std::string repaired = text::repair_utf8(bytes);
    if (repaired != bytes) {
        // Report each line holding an invalid sequence (a few at most per file).
        int line = 1, reported = 0;
        size_t start = 0;
        while (start <= bytes.size() && reported < 5) {
            size_t end = bytes.find('\n', start);
            if (end == std::string::npos) end = bytes.size();
            std::string_view piece(bytes.data() + start, end - start);
            if (text::repair_utf8(piece) != piece) {
                problems.add(name, line, messages::tr("invalid UTF-8 (save the file as UTF-8)"));
                ++reported;
            }
            ++line;
            start = end + 1;
        }
    }
    return repaired;
}

// The spreadsheet's name of a 1-based column ("A", "AA").
static std::string column_letters(int column) {
    return table_file::column_letters(static_cast<size_t>(column - 1));
}

std::string CsvFile::cell_label(const std::string& column, int line) const {
    int position = column_of(column);
    if (position == 0) return "";
    const std::string& header = written_[static_cast<size_t>(position - 1)];
    if (auto row = spreadsheet_rows_.find(line); line > 0 && row != spreadsheet_rows_.end())
        return messages::trf("column {1} '{2}' (row {3} in a spreadsheet): ",
                             {column_letters(position), header, std::to_string(row->second)});
    return messages::trf("column {1} '{2}': ", {column_letters(position), header});
}

CsvFile::CsvFile(std::string name, csv::Table table, const ColumnSpec& spec,
                 const std::set<std::string>& languages, const std::string& base,
                 Problems& problems, bool text_file)
    : name_(std::move(name)), table_(std::move(table)) {
    if (text_file) {
        int breaks = 0;  // line breaks inside the cells of the records so far
        for (const auto& record : table_.records) {
            if (breaks > 0) spreadsheet_rows_[record.line] = record.line - breaks;
            for (const auto& field : record.fields)
                breaks += static_cast<int>(std::count(field.begin(), field.end(), '\n'));
        }
    }
    for (auto& p : table_.problems) problems.add(name_, p.line, p.message, p.column);
    if (table_.records.empty()) {
        problems.add(name_, 1, messages::tr("empty file: the first line must name the columns"));
        valid_ = false;
        return;
    }
    const auto& header = table_.records[0];
    int line = header.line;
    // Column names as staff write them ("Nombre (es)", "teléfono") become the canonical ones.
    std::vector<std::string> written(header.fields.size()), canonical(header.fields.size());
    std::vector<std::string> known_plain = spec.plain;
    known_plain.insert(known_plain.end(), spec.optional.begin(), spec.optional.end());
    size_t known = 0;
    for (size_t i = 0; i < header.fields.size(); ++i) {
        written[i] = trim(header.fields[i]);
        auto resolved = columns::resolve(written[i], known_plain, spec.translatable);
        canonical[i] = resolved.canonical.empty() ? written[i] : resolved.canonical;
        known += !resolved.canonical.empty();
    }
    written_ = written;
    // A first row that names none of the columns is not a header: one message, not one per cell.
    if (known == 0) {
        std::string expected, found;
        for (const auto& c : spec.plain) expected += (expected.empty() ? "" : ", ") + c;
        for (size_t i = 0; i < header.fields.size() && i < 3; ++i)
            found += (found.empty() ? "'" : ", '") + trim(header.fields[i]) + "'";
        problems.add(name_, 0,
                     messages::trf("no header row: the first row (line {1}) holds {2} but must "
                                   "name the columns ({3})",
                                   {std::to_string(line),
                                    found + (header.fields.size() > 3 ? "…" : ""), expected}) +
                         (header.fields.size() == 1
                              ? messages::tr("; it reads as one column: separate the columns "
                                             "with commas, semicolons or tabs")
                              : ""));
        valid_ = false;
        return;
    }
    for (size_t i = 0; i < header.fields.size(); ++i) {
        std::string column = canonical[i];
        if (index_.count(column)) {
            problems.add(name_, line,
                         messages::trf("duplicate column '{1}'", {written[i]}) +
                             (written[i] != column ? " (it names '" + column + "' too)" : ""),
                         static_cast<int>(i) + 1);
            continue;
        }
        auto at = column.find('@');
        if (at == std::string::npos) {
            if (std::find(known_plain.begin(), known_plain.end(), column) == known_plain.end()) {
                problems.add(name_, line,
                             messages::trf("unknown column {1} '{2}'",
                                           {column_letters(static_cast<int>(i) + 1), written[i]}),
                             static_cast<int>(i) + 1);
                continue;
            }
        } else {
            std::string field = column.substr(0, at), lang = column.substr(at + 1);
            if (std::find(spec.translatable.begin(), spec.translatable.end(), field) ==
                spec.translatable.end()) {
                problems.add(name_, line,
                             "unknown column '" + column + "' ('" + field +
                                 "' is not a translatable field here)",
                             static_cast<int>(i) + 1);
                continue;
            }
            if (!languages.count(lang)) {
                problems.add(name_, line,
                             messages::trf("unknown column {1} '{2}': language '{3}' is not in "
                                           "languages.csv",
                                           {column_letters(static_cast<int>(i) + 1), written[i],
                                            lang}),
                             static_cast<int>(i) + 1);
                continue;
            }
            text_langs_[field].push_back(lang);
        }
        index_[column] = i;
    }
    for (const auto& column : spec.plain)
        if (!index_.count(column)) {
            auto names = columns::names_of(column);
            std::string also;
            for (size_t n = 1; n < names.size() && n <= 4; ++n)
                also += (also.empty() ? "" : ", ") + names[n];
            problems.add(name_, line,
                         messages::trf("missing column '{1}'", {column}) +
                             (also.empty() ? ""
                                           : messages::trf(" (it may also be called {1})", {also})));
            valid_ = false;
        }
    for (const auto& field : spec.required_text)
        if (!base.empty() && !index_.count(field + "@" + base)) {
            problems.add(name_, line,
                         "missing column '" + field + "@" + base + "' (base-language text)");
            valid_ = false;
        }
    width_ = header.fields.size();
    for (size_t r = 1; r < table_.records.size(); ++r) {
        const auto& record = table_.records[r];
        if (record.fields.size() != width_) {
            problems.add(name_, record.line,
                         messages::trf("malformed row: {1} columns, the header has {2} (a cell "
                                       "holding the separator must be in double quotes)",
                                       {std::to_string(record.fields.size()),
                                        std::to_string(width_)}));
            continue;
        }
        rows_.push_back(&record);
    }
}

}  // namespace guichet::content::sources
