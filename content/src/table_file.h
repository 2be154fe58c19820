// SPDX-License-Identifier: GPL-3.0-or-later
// What staff save as a table, read into one shape: CSV (comma, semicolon or tab, sniffed from
// the header line; UTF-8 with or without BOM, UTF-16, or an 8-bit Windows encoding detected by
// ICU and stated in a warning), .xlsx and .ods (libzip for the container, expat for the XML).
// Every format becomes rows of strings numbered as the file shows them (line or sheet row); a
// problem with the file as a whole is one message that stops the rest. Internal to content/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csv.h"

namespace guichet::content::table_file {

enum class Format { csv, xlsx, ods };

// Limits on what one table file may hold; past them the file is refused in one message.
inline constexpr std::int64_t kMaxFileBytes = 32 << 20;   // as stored on disk
inline constexpr std::int64_t kMaxPartBytes = 128 << 20;  // one XML part, unzipped
inline constexpr int kMaxRows = 200000;
inline constexpr int kMaxColumns = 512;
inline constexpr long kMaxCells = 2000000;

struct Read {
    csv::Table table;                   // header first; row-level problems in table.problems
    std::optional<std::string> fatal;   // the one file-level problem, when there is one
    std::vector<std::string> warnings;  // e.g. the encoding ICU detected
    std::string delimiter_name;         // CSV: "comma", "semicolon" or "tab"
    std::string sheet;                  // xlsx/ods: the sheet read
};

// .csv/.tsv/.txt → csv, .xlsx → xlsx, .ods → ods (case-insensitive); anything else: nullopt.
std::optional<Format> format_of(std::string_view filename);

// Reads `bytes` as `format`. For a workbook, the sheet named `sheet` (case-insensitive) when
// given and present, else the first sheet; a `sheet` that is required (`sheet_required`) and
// absent is fatal.
Read read(std::string_view bytes, Format format, const std::string& sheet = "",
          bool sheet_required = false);

// The CSV half, exposed for tests and the fuzz target.
struct Decoded {
    std::string utf8;
    std::string encoding;  // "UTF-8", "UTF-16LE", "windows-1252"…
    std::optional<std::string> warning;
    std::optional<std::string> fatal;
};
Decoded decode_text(std::string_view bytes);
// The delimiter the header line (the first non-blank line) uses most outside quotes: ',', ';'
// or '\t'; ',' when it holds none of them.
char sniff_delimiter(std::string_view text);
Read read_csv(std::string_view bytes);
Read read_xlsx(std::string_view bytes, const std::string& sheet, bool sheet_required);
Read read_ods(std::string_view bytes, const std::string& sheet, bool sheet_required);

// Spreadsheet column name for a 0-based index: 0 → A, 26 → AA.
std::string column_letters(size_t index);

}  // namespace guichet::content::table_file
