// SPDX-License-Identifier: GPL-3.0-or-later
#include "table_export.h"

#include <zip.h>

#include <fstream>
#include <system_error>

namespace guichet::content::table_file {
namespace {

std::string xml_escaped(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// A number a spreadsheet would show exactly as written: no leading zero, sign or dot alone, at
// most 15 significant digits. Codes like "0012" and phones stay text.
bool is_plain_number(const std::string& s) {
    size_t i = s.size() > 0 && s[0] == '-' ? 1 : 0;
    if (i >= s.size() || s.size() > 16) return false;
    if (s[i] == '0' && i + 1 < s.size() && s[i + 1] != '.') return false;
    bool dot = false, digits = false;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9')
            digits = true;
        else if (s[i] == '.' && !dot && digits && i + 1 < s.size())
            dot = true;
        else
            return false;
    }
    return digits && !(dot && s.back() == '0');  // "19.40" would come back as 19.4
}

std::string xlsx_sheet(const Rows& rows) {
    std::string x =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<sheetData>";
    for (size_t r = 0; r < rows.size(); ++r) {
        std::string row_number = std::to_string(r + 1);
        x += "<row r=\"" + row_number + "\">";
        for (size_t c = 0; c < rows[r].size(); ++c) {
            const std::string& v = rows[r][c];
            if (v.empty()) continue;
            std::string ref = column_letters(c) + row_number;
            if (r > 0 && is_plain_number(v))
                x += "<c r=\"" + ref + "\"><v>" + v + "</v></c>";
            else
                x += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" +
                     xml_escaped(v) + "</t></is></c>";
        }
        x += "</row>";
    }
    return x + "</sheetData></worksheet>\n";
}

std::string ods_content(const std::string& sheet, const Rows& rows) {
    std::string x =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<office:document-content "
        "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
        "<office:body><office:spreadsheet><table:table table:name=\"" +
        xml_escaped(sheet) + "\">";
    for (size_t r = 0; r < rows.size(); ++r) {
        x += "<table:table-row>";
        for (const auto& v : rows[r]) {
            if (v.empty()) {
                x += "<table:table-cell/>";
                continue;
            }
            if (r > 0 && is_plain_number(v))
                x += "<table:table-cell office:value-type=\"float\" office:value=\"" + v + "\">";
            else
                x += "<table:table-cell office:value-type=\"string\">";
            // A line break inside a cell is a new paragraph.
            size_t start = 0;
            while (true) {
                size_t end = v.find('\n', start);
                x += "<text:p>" + xml_escaped(v.substr(start, end - start)) + "</text:p>";
                if (end == std::string::npos) break;
                start = end + 1;
            }
            x += "</table:table-cell>";
        }
        x += "</table:table-row>";
    }
    return x + "</table:table></office:spreadsheet></office:body></office:document-content>\n";
}

// Writes the parts, in order, into a new zip at `path`; the first part is stored uncompressed
// when `store_first` (OpenDocument's mimetype must be).
std::optional<std::string> write_zip(const std::filesystem::path& path,
                                     const std::vector<std::pair<std::string, std::string>>& parts,
                                     bool store_first) {
    int error = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!z) return "cannot create " + path.string();
    for (size_t i = 0; i < parts.size(); ++i) {
        zip_source_t* source =
            zip_source_buffer(z, parts[i].second.data(), parts[i].second.size(), 0);
        zip_int64_t index = source ? zip_file_add(z, parts[i].first.c_str(), source,
                                                  ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)
                                   : -1;
        if (index < 0) {
            if (source) zip_source_free(source);
            std::string message = zip_strerror(z);
            zip_discard(z);
            return "cannot write " + path.string() + ": " + message;
        }
        if (i == 0 && store_first) zip_set_file_compression(z, static_cast<zip_uint64_t>(index),
                                                            ZIP_CM_STORE, 0);
    }
    if (zip_close(z) != 0) {
        std::string message = zip_strerror(z);
        zip_discard(z);
        return "cannot write " + path.string() + ": " + message;
    }
    return std::nullopt;
}

}  // namespace

std::string to_csv(const Rows& rows) {
    std::string out = "\xEF\xBB\xBF";
    for (const auto& row : rows) {
        for (size_t i = 0; i < row.size(); ++i) {
            if (i) out += ',';
            const std::string& field = row[i];
            // ';' and tab quoted too: the reader sniffs the separator from the header line.
            if (field.find_first_of(",;\t\"\r\n") == std::string::npos) {
                out += field;
                continue;
            }
            out += '"';
            for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
            out += '"';
        }
        out += "\r\n";
    }
    return out;
}

std::optional<std::string> write_table(const std::filesystem::path& path, Format format,
                                       const std::string& sheet, const Rows& rows) {
    std::optional<std::string> error;
    if (format == Format::csv) {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        std::string text = to_csv(rows);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out) error = "cannot write " + path.string();
    } else if (format == Format::xlsx) {
        // The smallest workbook Excel and LibreOffice open: one sheet of inline strings.
        error = write_zip(
            path,
            {{"[Content_Types].xml",
              "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
              "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              "<Default Extension=\"rels\" "
              "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
              "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
              "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
              "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
              "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/"
              "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>\n"},
             {"_rels/.rels",
              "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
              "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
              "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats."
              "org/officeDocument/2006/relationships/officeDocument\" "
              "Target=\"xl/workbook.xml\"/></Relationships>\n"},
             {"xl/workbook.xml",
              "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
              "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
              "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
              "<sheets><sheet name=\"" +
                  xml_escaped(sheet) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>\n"},
             {"xl/_rels/workbook.xml.rels",
              "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
              "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
              "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats."
              "org/officeDocument/2006/relationships/worksheet\" "
              "Target=\"worksheets/sheet1.xml\"/></Relationships>\n"},
             {"xl/worksheets/sheet1.xml", xlsx_sheet(rows)}},
            false);
    } else {
        error = write_zip(
            path,
            {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
             {"META-INF/manifest.xml",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:"
              "manifest:1.0\" manifest:version=\"1.2\">"
              "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" "
              "manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
              "<manifest:file-entry manifest:full-path=\"content.xml\" "
              "manifest:media-type=\"text/xml\"/></manifest:manifest>\n"},
             {"content.xml", ods_content(sheet, rows)}},
            true);
    }
    if (error) {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
    return error;
}

}  // namespace guichet::content::table_file
