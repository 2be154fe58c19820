// SPDX-License-Identifier: GPL-3.0-or-later
// OpenDocument spreadsheets (.ods): content.xml's tables, rows and cells with their repeat
// counts (a sheet's trailing million empty rows cost nothing), the text a cell shows (paragraphs
// joined by line breaks, text:s spaces restored, comments left out), numbers as their value
// unless the cell shows plain digits (a phone number's leading zero), dates as YYYY-MM-DD.
#include <cstdlib>

#include "table_file.h"
#include "messages.h"
#include "table_workbook.h"

namespace guichet::content::table_file {
namespace {

long count_attribute(const char** attrs, std::string_view name) {
    const char* v = attribute(attrs, name);
    if (!v) return 1;
    long n = std::strtol(v, nullptr, 10);
    return n < 1 ? 1 : n;
}

bool only_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

struct Content : XmlHandler {
    std::string wanted;  // sheet name wanted, or empty for the first
    bool sheet_required = false;
    std::vector<std::string> names;  // every sheet, in order
    std::string chosen;
    bool found = false;
    SheetBuilder builder;
    bool in_table = false, done = false;
    int table_depth = 0;  // nested tables (rare) are read as part of their parent
    int row = 0;          // rows passed so far
    long row_repeat = 1;
    size_t column = 0;
    std::vector<std::pair<size_t, std::string>> row_cells;
    // The cell being read.
    bool in_cell = false;
    long cell_repeat = 1;
    long span_columns = 1, span_rows = 1;
    std::string value_type, value, date_value, bool_value, shown;
    int paragraphs = 0, in_p = 0, in_annotation = 0;

    void start(std::string_view name, const char** attrs) override {
        if (name == "table") {
            if (in_table) {
                ++table_depth;
                return;
            }
            const char* n = attribute(attrs, "name");
            std::string sheet = n ? n : "";
            if (names.size() < 1000) names.push_back(sheet);
            bool take =
                !done && (wanted.empty() ? names.size() == 1 : same_sheet_name(sheet, wanted));
            if (take) {
                in_table = true;
                found = true;
                chosen = sheet;
            }
            return;
        }
        if (!in_table) return;
        if (name == "table-row") {
            row_repeat = count_attribute(attrs, "number-rows-repeated");
            column = 0;
            row_cells.clear();
        } else if (name == "table-cell" || name == "covered-table-cell") {
            in_cell = true;
            cell_repeat = count_attribute(attrs, "number-columns-repeated");
            span_columns = count_attribute(attrs, "number-columns-spanned");
            span_rows = count_attribute(attrs, "number-rows-spanned");
            const char* t = attribute(attrs, "value-type");
            value_type = t ? t : "";
            const char* v = attribute(attrs, "value");
            value = v ? v : "";
            const char* d = attribute(attrs, "date-value");
            date_value = d ? d : "";
            const char* b = attribute(attrs, "boolean-value");
            bool_value = b ? b : "";
            shown.clear();
            paragraphs = 0;
        } else if (in_cell && name == "annotation") {
            ++in_annotation;
        } else if (in_cell && !in_annotation) {
            if (name == "p") {
                if (paragraphs++ > 0) shown += '\n';
                ++in_p;
            } else if (in_p && name == "s") {
                long spaces = count_attribute(attrs, "c");
                shown.append(static_cast<size_t>(spaces > 1000 ? 1000 : spaces), ' ');
            } else if (in_p && name == "tab") {
                shown += '\t';
            } else if (in_p && name == "line-break") {
                shown += '\n';
            }
        }
    }

    std::string cell_value() const {
        if (value_type == "float") return only_digits(shown) ? shown : value;
        if (value_type == "date") {
            auto t = date_value.find('T');
            if (t == std::string::npos) return date_value;
            std::string clock = date_value.substr(t + 1, 5);
            if (date_value.compare(t, 9, "T00:00:00") == 0) return date_value.substr(0, t);
            return date_value.substr(0, t) + " " + clock;
        }
        if (value_type == "boolean") return bool_value == "true" ? "TRUE" : "FALSE";
        return shown;  // string, percentage, currency, time: as the cell shows them
    }

    void end(std::string_view name) override {
        if (name == "table") {
            if (table_depth > 0) {
                --table_depth;
            } else if (in_table) {
                in_table = false;
                done = true;
            }
            return;
        }
        if (!in_table) return;
        if (name == "annotation") {
            if (in_annotation) --in_annotation;
        } else if (name == "p") {
            if (in_p) --in_p;
        } else if ((name == "table-cell" || name == "covered-table-cell") && in_cell) {
            in_cell = false;
            std::string v = cell_value();
            if (span_columns > 1 || span_rows > 1)
                builder.merge(row + 1, column, row + static_cast<int>(std::min(span_rows, 100000L)),
                              column + static_cast<size_t>(std::min(span_columns, 100000L)) - 1);
            if (!v.empty()) {
                if (column + static_cast<size_t>(cell_repeat) > static_cast<size_t>(kMaxColumns)) {
                    builder.cell(row + 1, static_cast<size_t>(kMaxColumns), v);  // sets the error
                } else {
                    for (long i = 0; i < cell_repeat; ++i)
                        row_cells.push_back({column + static_cast<size_t>(i), v});
                }
            }
            column += static_cast<size_t>(std::min(cell_repeat, 1L << 20));
        } else if (name == "table-row") {
            if (row_cells.empty()) {
                row += static_cast<int>(std::min(row_repeat, 1L << 24));
            } else {
                for (long r = 0; r < row_repeat && !builder.error; ++r) {
                    ++row;
                    for (const auto& [c, v] : row_cells) builder.cell(row, c, v);
                }
            }
        }
        if (builder.error) stop = builder.error;
    }

    void text(std::string_view s) override {
        if (in_table && in_cell && in_p && !in_annotation) shown += s;
    }
};

}  // namespace

Read read_ods(std::string_view bytes, const std::string& sheet_name, bool sheet_required) {
    Read out;
    std::string error;
    auto zip = Zip::open(bytes, error);
    if (!zip) {
        out.fatal = messages::trf("not an .ods spreadsheet ({1}): save it again from "
                                  "LibreOffice as 'ODF Spreadsheet (.ods)'",
                                  {error});
        return out;
    }
    if (!zip->has("content.xml")) {
        if (zip->has("[Content_Types].xml"))
            out.fatal = messages::tr("this is an Excel workbook, not .ods: name it .xlsx");
        else
            out.fatal = "this .ods cannot be read: 'content.xml' is missing";
        return out;
    }
    auto content_xml = zip->read("content.xml", error);
    if (!content_xml) {
        out.fatal = "this .ods cannot be read: " + error;
        return out;
    }
    Content content;
    content.wanted = sheet_name;
    auto problem = parse_xml(*content_xml, content);
    if (problem) {
        out.fatal = content.builder.error ? "sheet '" + content.chosen + "': " + *problem
                                          : "this .ods cannot be read: 'content.xml': " + *problem;
        return out;
    }
    if (!content.found && !sheet_name.empty() && !sheet_required && !content.names.empty()) {
        // The sheet asked for is not there: read the first instead.
        Content first;
        if (auto again = parse_xml(*content_xml, first)) {
            out.fatal = "this .ods cannot be read: 'content.xml': " + *again;
            return out;
        }
        content.chosen = first.chosen;
        content.found = first.found;
        content.builder = std::move(first.builder);
    }
    if (content.names.empty()) {
        out.fatal = "this .ods cannot be read: it has no sheet";
        return out;
    }
    if (!content.found) {
        std::string names;
        for (const auto& s : content.names) names += (names.empty() ? "'" : ", '") + s + "'";
        out.fatal =
            messages::trf("no sheet is named '{1}' (the sheets: {2})", {sheet_name, names});
        return out;
    }
    out.sheet = content.chosen;
    return content.builder.finish(std::move(out));
}

}  // namespace guichet::content::table_file
