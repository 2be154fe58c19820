// SPDX-License-Identifier: GPL-3.0-or-later
#include "table_workbook.h"

#include "messages.h"

#include <expat.h>
#include <zip.h>
#include <algorithm>
#include <cctype>
#include <tuple>

#include "table_file.h"
#include "text_search.h"

namespace guichet::content::table_file {

std::unique_ptr<Zip> Zip::open(std::string_view bytes, std::string& error) {
    zip_error_t zerror;
    zip_error_init(&zerror);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerror);
    if (!source) {
        error = zip_error_strerror(&zerror);
        zip_error_fini(&zerror);
        return nullptr;
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &zerror);
    if (!archive) {
        error = zip_error_strerror(&zerror);
        zip_source_free(source);
        zip_error_fini(&zerror);
        return nullptr;
    }
    zip_error_fini(&zerror);
    if (zip_get_num_entries(archive, 0) <= 0) {
        error = "the file is empty";
        zip_discard(archive);
        return nullptr;
    }
    return std::unique_ptr<Zip>(new Zip(archive));
}

Zip::~Zip() {
    zip_discard(static_cast<zip_t*>(archive_));
}

bool Zip::has(const std::string& name) const {
    return zip_name_locate(static_cast<zip_t*>(archive_), name.c_str(), 0) >= 0;
}

std::optional<std::string> Zip::read(const std::string& name, std::string& error) const {
    auto* archive = static_cast<zip_t*>(archive_);
    zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
    if (!file) {
        error = "'" + name + "' is missing from the file";
        return std::nullopt;
    }
    std::string out;
    char buffer[65536];
    for (;;) {
        zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
        if (got < 0) {
            error = "'" + name + "' cannot be unzipped (" + zip_file_strerror(file) + ")";
            zip_fclose(file);
            return std::nullopt;
        }
        if (got == 0) break;
        if (static_cast<std::int64_t>(out.size()) + got > kMaxPartBytes) {
            error =
                "'" + name + "' unzips to more than " + std::to_string(kMaxPartBytes >> 20) + " MB";
            zip_fclose(file);
            return std::nullopt;
        }
        out.append(buffer, static_cast<size_t>(got));
    }
    zip_fclose(file);
    return out;
}

namespace {

std::string_view local_name(const char* name) {
    std::string_view n(name);
    auto colon = n.rfind(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

struct Driver {
    XML_Parser parser;
    XmlHandler& handler;
    std::optional<std::string> refused;
};

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
    auto* d = static_cast<Driver*>(data);
    d->handler.start(local_name(name), attrs);
    if (d->handler.stop) XML_StopParser(d->parser, XML_FALSE);
}

void XMLCALL on_end(void* data, const XML_Char* name) {
    auto* d = static_cast<Driver*>(data);
    d->handler.end(local_name(name));
    if (d->handler.stop) XML_StopParser(d->parser, XML_FALSE);
}

void XMLCALL on_text(void* data, const XML_Char* s, int len) {
    auto* d = static_cast<Driver*>(data);
    d->handler.text(std::string_view(s, static_cast<size_t>(len)));
    if (d->handler.stop) XML_StopParser(d->parser, XML_FALSE);
}

// Spreadsheets carry no DTD; one that does is refused before any entity can expand.
void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* d = static_cast<Driver*>(data);
    d->refused = "it declares a DTD, which no spreadsheet does";
    XML_StopParser(d->parser, XML_FALSE);
}

}  // namespace

std::optional<std::string> parse_xml(std::string_view xml, XmlHandler& handler) {
    XML_Parser parser = XML_ParserCreate("UTF-8");
    if (!parser) return "out of memory";
    Driver driver{parser, handler, std::nullopt};
    XML_SetUserData(parser, &driver);
    XML_SetElementHandler(parser, on_start, on_end);
    XML_SetCharacterDataHandler(parser, on_text);
    XML_SetStartDoctypeDeclHandler(parser, on_doctype);
    std::optional<std::string> result;
    // expat takes an int length: feed in pieces.
    size_t at = 0;
    do {
        size_t piece = std::min<size_t>(xml.size() - at, 1 << 24);
        bool last = at + piece == xml.size();
        if (XML_Parse(parser, xml.data() + at, static_cast<int>(piece), last) == XML_STATUS_ERROR) {
            if (driver.refused)
                result = driver.refused;
            else if (handler.stop)
                result = handler.stop;
            else
                result = std::string("malformed XML at line ") +
                         std::to_string(XML_GetCurrentLineNumber(parser)) + " (" +
                         XML_ErrorString(XML_GetErrorCode(parser)) + ")";
            break;
        }
        at += piece;
    } while (at < xml.size());
    if (!result && handler.stop) result = handler.stop;
    XML_ParserFree(parser);
    return result;
}

const char* attribute(const char** attrs, std::string_view local) {
    for (size_t i = 0; attrs && attrs[i]; i += 2)
        if (local_name(attrs[i]) == local) return attrs[i + 1];
    return nullptr;
}

void SheetBuilder::cell(int row, size_t column, std::string value) {
    if (error || value.empty()) return;
    if (column >= static_cast<size_t>(kMaxColumns)) {
        error = "cell " + column_letters(column) + std::to_string(row) +
                " lies past the last column read (" + column_letters(kMaxColumns - 1) +
                "): move the table to the left or clear the cell";
        return;
    }
    if (++cells_ > kMaxCells) {
        error = "more than " + std::to_string(kMaxCells) + " cells with a value: split the table";
        return;
    }
    if (rows_.empty() || rows_.back().first != row) {
        if (++rows_seen_ > kMaxRows) {
            error = "more than " + std::to_string(kMaxRows) + " rows: split the table";
            return;
        }
        rows_.push_back({row, {}});
    }
    auto& cells = rows_.back().second;
    if (cells.size() <= column) cells.resize(column + 1);
    cells[column] = std::move(value);
}

void SheetBuilder::merge(int first_row, size_t first_column, int last_row, size_t last_column) {
    if (merges_.size() < 10000) merges_.push_back({first_row, last_row, first_column, last_column});
}

Read SheetBuilder::finish(Read out) {
    if (error) {
        out.fatal = error;
        return out;
    }
    std::stable_sort(rows_.begin(), rows_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    if (rows_.empty()) return out;  // an empty sheet: the caller says what a table needs
    int header_row = rows_.front().first;
    std::sort(merges_.begin(), merges_.end(), [](const Merge& a, const Merge& b) {
        return std::tie(a.first_row, a.first_column) < std::tie(b.first_row, b.first_column);
    });
    for (const auto& m : merges_) {
        if (m.first_row <= header_row && m.last_row >= header_row) {
            out.fatal = messages::trf(
                "the header row (row {1}) has merged cells {2}: unmerge them so that every "
                "column has a name of its own",
                {std::to_string(header_row),
                 range_name(m.first_row, m.first_column, m.last_row, m.last_column)});
            return out;
        }
    }
    size_t width = rows_.front().second.size();
    for (auto& [row, cells] : rows_) {
        csv::Record record;
        record.line = row;
        for (size_t c = width; c < cells.size(); ++c)
            if (!cells[c].empty()) {
                out.table.problems.push_back(
                    {row, "cell " + column_letters(c) + std::to_string(row) + " holds '" +
                              cells[c] + "' but column " + column_letters(c) +
                              " has no name in the header row: name the column or clear the "
                              "cell"});
                break;
            }
        cells.resize(width);
        record.fields = std::move(cells);
        out.table.records.push_back(std::move(record));
    }
    for (const auto& m : merges_)
        if (m.first_row > header_row)
            out.table.problems.push_back(
                {m.first_row,
                 "merged cells " +
                     range_name(m.first_row, m.first_column, m.last_row, m.last_column) +
                     ": only the first holds the value; unmerge them and fill "
                     "each cell"});
    return out;
}

std::optional<std::pair<int, size_t>> parse_cell_ref(std::string_view ref) {
    size_t i = 0, column = 0;
    while (i < ref.size() && ref[i] == '$') ++i;
    size_t letters = 0;
    while (i < ref.size() && std::isupper(static_cast<unsigned char>(ref[i]))) {
        column = column * 26 + static_cast<size_t>(ref[i] - 'A' + 1);
        if (++letters > 3) return std::nullopt;
        ++i;
    }
    if (letters == 0) return std::nullopt;
    while (i < ref.size() && ref[i] == '$') ++i;
    long row = 0;
    size_t digits = 0;
    while (i < ref.size() && std::isdigit(static_cast<unsigned char>(ref[i]))) {
        row = row * 10 + (ref[i] - '0');
        if (++digits > 7) return std::nullopt;
        ++i;
    }
    if (digits == 0 || i != ref.size() || row < 1) return std::nullopt;
    return std::make_pair(static_cast<int>(row), column - 1);
}

std::string range_name(int first_row, size_t first_column, int last_row, size_t last_column) {
    std::string out = column_letters(first_column) + std::to_string(first_row);
    if (last_row != first_row || last_column != first_column)
        out += ":" + column_letters(last_column) + std::to_string(last_row);
    return out;
}

bool same_sheet_name(std::string_view a, std::string_view b) {
    return text::fold(a) == text::fold(b);
}

}  // namespace guichet::content::table_file
