// SPDX-License-Identifier: GPL-3.0-or-later
// The way back to the spreadsheet: a table (rows of strings, the header first, as table_file.h
// reads it) written as staff open it — UTF-8 comma CSV with a byte-order mark (Excel then reads
// the accents right), .xlsx (Office Open XML) or .ods (OpenDocument), each one sheet named like
// the table. The workbooks are a few XML parts in a zip written by libzip; cells that hold a
// plain decimal number (19.43, 2026) are numbers, everything else is text as written. Internal to
// content/.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "table_file.h"

namespace guichet::content::table_file {

using Rows = std::vector<std::vector<std::string>>;

std::string to_csv(const Rows& rows);
// Writes `rows` to `path` as `format`; an error message on failure (the file is then removed).
std::optional<std::string> write_table(const std::filesystem::path& path, Format format,
                                       const std::string& sheet, const Rows& rows);

}  // namespace guichet::content::table_file
