// SPDX-License-Identifier: GPL-3.0-or-later
// The compiler from a staff source folder (FORMAT.md) to a store. It checks everything first and
// reports every problem as file:line; it writes only when the sources are clean, into a temporary
// file renamed into place, so a failed build leaves nothing behind. Same sources, same bytes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "content/item_type.h"
#include "platform/result.h"

namespace guichet::content {

struct Diagnostic {
    std::string file;  // relative to the source folder
    int line = 0;      // 1-based; 0 when the problem concerns the whole file
    std::string message;
    int column = 0;                 // 1-based, when the problem is one place in a line
    std::string to_string() const;  // "file:line: message" or "file:line:column: message"
};

struct CoverageRow {
    std::string language;
    ItemType type = ItemType::article;
    int total = 0;
    int translated = 0;
};

// What a visitor reading `language` finds in it, one kind of text at a time (`what`: titles,
// summaries, bodies, institution descriptions, legislation summaries, code names): `have` of
// `total`, where total counts what has that text in some language (a code: every code used).
struct ReadingRow {
    std::string language;
    std::string what;
    int have = 0;
    int total = 0;
};

struct CheckReport {
    std::vector<Diagnostic> problems;  // in file order, then line order
    // What was read but may not be what staff meant (an encoding guessed): never stops a build.
    std::vector<Diagnostic> warnings;
    std::vector<CoverageRow> coverage;
    std::vector<ReadingRow> reading;
    int item_count = 0;
    bool ok() const { return problems.empty(); }
};

// Reads and validates the source folder; never writes.
CheckReport check_sources(const std::filesystem::path& source_dir);

// Validates, then writes the store to `output` atomically. Fails (writing nothing) when the
// check finds problems; the report is filled either way.
Result<void> build_store(const std::filesystem::path& source_dir,
                         const std::filesystem::path& output, CheckReport& report);

// A printable table of translation coverage: one line per language, one column per type.
std::string format_coverage(const std::vector<CoverageRow>& coverage);
// The same per kind of text a visitor reads: one line per language, one column per kind.
std::string format_reading(const std::vector<ReadingRow>& reading);

}  // namespace guichet::content
