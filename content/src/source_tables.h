// SPDX-License-Identifier: GPL-3.0-or-later
// Reading staff source files: the problem list every check reports into, a file read as UTF-8
// with bad lines reported, and a CSV table whose header is checked against the columns its
// kind of file may hold. Internal to content/.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "content/compiler.h"
#include "csv.h"
#include "source_values.h"

namespace guichet::content::sources {

class Problems {
  public:
    explicit Problems(std::vector<Diagnostic>& out) : out_(out) {}
    void add(const std::string& file, int line, std::string message, int column = 0) {
        out_.push_back({file, line, std::move(message), column});
    }

  private:
    std::vector<Diagnostic>& out_;
};

// A file's bytes as text, reporting invalid UTF-8 by line; returns the text with bad bytes
// replaced. Every file read adds its bytes to `fingerprint` (the set's fingerprint covers them).
std::string text_of(const std::string& bytes, const std::string& name, Problems& problems,
                    std::vector<std::string>& fingerprint);

// A CSV header checked against what the file may hold.
struct ColumnSpec {
    std::vector<std::string> plain;          // all required in the header
    std::vector<std::string> translatable;   // FIELD@LANG columns
    std::vector<std::string> required_text;  // translatable fields required in the base language
    std::vector<std::string> optional = {};  // plain columns a file may leave out (added later)
};

class CsvFile {
  public:
    // Checks the header (unknown, duplicate and missing columns, base-language text) and
    // keeps the rows with as many cells as the header.
    // `text_file`: a CSV, whose rows are numbered by the line they start on; a spreadsheet
    // program opening it numbers them one per record (cells' line breaks inside the row).
    CsvFile(std::string name, csv::Table table, const ColumnSpec& spec,
            const std::set<std::string>& languages, const std::string& base, Problems& problems,
            bool text_file = false);

    bool valid() const { return valid_; }
    const std::string& name() const { return name_; }
    const std::vector<const csv::Record*>& rows() const { return rows_; }

    std::string get(const csv::Record& row, const std::string& column) const {
        auto it = index_.find(column);
        return it == index_.end() ? std::string() : trim(row.fields[it->second]);
    }
    // Where a column is: its 1-based position (the spreadsheet's column number; 0 when the
    // file has no such column), and "column J 'Servicios': " as staff see it, in the message
    // language, to start a message about one cell.
    int column_of(const std::string& column) const {
        auto it = index_.find(column);
        return it == index_.end() ? 0 : static_cast<int>(it->second) + 1;
    }
    // With `line`, a CSV row whose spreadsheet row differs from its line (a cell above holds a
    // line break) says both: "column J 'Servicios' (row 4 in a spreadsheet): ".
    std::string cell_label(const std::string& column, int line = 0) const;
    // lang → text for a translatable field, non-empty cells only.
    std::map<std::string, std::string> texts(const csv::Record& row,
                                             const std::string& field) const {
        std::map<std::string, std::string> out;
        auto it = text_langs_.find(field);
        if (it == text_langs_.end()) return out;
        for (const auto& lang : it->second) {
            std::string value = get(row, field + "@" + lang);
            if (!value.empty()) out[lang] = value;
        }
        return out;
    }

  private:
    std::string name_;
    csv::Table table_;
    std::map<std::string, size_t> index_;
    std::vector<std::string> written_;  // the header as staff wrote it
    std::map<int, int> spreadsheet_rows_;  // CSV: line → row, where they differ
    std::map<std::string, std::vector<std::string>> text_langs_;
    std::vector<const csv::Record*> rows_;
    size_t width_ = 0;
    bool valid_ = true;
};

}  // namespace guichet::content::sources
