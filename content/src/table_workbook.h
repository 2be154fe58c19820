// SPDX-License-Identifier: GPL-3.0-or-later
// What the workbook formats (.xlsx, .ods) share: a zip container read from memory through libzip
// (each part capped as it is unzipped, whatever the directory claims), an expat event handler
// that sees local names (prefixes dropped) and refuses DTDs, and the sheet builder that turns
// cells and merges into the table every format becomes. Internal to content/.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "table_file.h"

namespace guichet::content::table_file {

class Zip {
  public:
    // nullopt and `error` set when the bytes are not a zip container libzip can read.
    static std::unique_ptr<Zip> open(std::string_view bytes, std::string& error);
    ~Zip();
    bool has(const std::string& name) const;
    // The part's bytes; nullopt and `error` set when missing, unreadable or too large.
    std::optional<std::string> read(const std::string& name, std::string& error) const;

  private:
    explicit Zip(void* archive) : archive_(archive) {}
    void* archive_;
};

class XmlHandler {
  public:
    virtual ~XmlHandler() = default;
    // `attrs` as expat gives them: name, value, …, nullptr.
    virtual void start(std::string_view name, const char** attrs) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(std::string_view) {}
    // A handler that has seen enough (or too much) says so here; parsing stops.
    std::optional<std::string> stop;
};

// Runs `handler` over `xml`; returns a message when the XML is malformed, has a DTD, or the
// handler stopped with a reason.
std::optional<std::string> parse_xml(std::string_view xml, XmlHandler& handler);

// An attribute by local name (prefix dropped), or nullptr.
const char* attribute(const char** attrs, std::string_view local);

// Cells as a sheet holds them, in any order, turned into rows: the header is the first row
// with a value, rows without values are dropped, every row is cut or padded to the header's
// width (a value past it is a problem of its row), merged cells are refused (fatal in the
// header row, a problem of their row elsewhere).
class SheetBuilder {
  public:
    // `row` 1-based as the sheet numbers it, `column` 0-based. Empty values are ignored.
    void cell(int row, size_t column, std::string value);
    void merge(int first_row, size_t first_column, int last_row, size_t last_column);
    // Set when a limit is passed; the sheet is then refused.
    std::optional<std::string> error;
    Read finish(Read out);

  private:
    struct Merge {
        int first_row, last_row;
        size_t first_column, last_column;
    };
    std::vector<std::pair<int, std::vector<std::string>>> rows_;  // sorted by finish()
    std::vector<Merge> merges_;
    int rows_seen_ = 0;
    long cells_ = 0;
};

// "B12" → (12, 1); nullopt when malformed or past the limits.
std::optional<std::pair<int, size_t>> parse_cell_ref(std::string_view ref);
// "A1" or "A1:C3" as Excel and OpenDocument write ranges.
std::string range_name(int first_row, size_t first_column, int last_row, size_t last_column);
// Compares sheet names as staff would: case and accents aside.
bool same_sheet_name(std::string_view a, std::string_view b);

}  // namespace guichet::content::table_file
