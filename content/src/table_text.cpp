// SPDX-License-Identifier: GPL-3.0-or-later
// CSV as staff save it: the encoding (BOMs, then UTF-8, then ICU's charset detector), the
// delimiter from the header line, and the file-level problems that make every row wrong.
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cctype>

#include "table_file.h"

#include "messages.h"
#include "text_search.h"

namespace guichet::content::table_file {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// ICU's converter from `from` to UTF-8; nullopt when ICU cannot.
std::optional<std::string> convert(std::string_view bytes, const char* from) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t need = ucnv_convert("UTF-8", from, nullptr, 0, bytes.data(),
                                static_cast<int32_t>(bytes.size()), &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return std::nullopt;
    std::string out(static_cast<size_t>(need) + 1, '\0');
    status = U_ZERO_ERROR;
    int32_t got = ucnv_convert("UTF-8", from, out.data(), static_cast<int32_t>(out.size()),
                               bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    if (U_FAILURE(status)) return std::nullopt;
    out.resize(static_cast<size_t>(got));
    if (starts_with(out, "\xEF\xBB\xBF")) out.erase(0, 3);
    return out;
}

struct Guess {
    std::string name;
    int confidence = 0;
};

std::optional<Guess> detect(std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector* detector = ucsdet_open(&status);
    if (U_FAILURE(status)) return std::nullopt;
    ucsdet_setText(detector, bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    const UCharsetMatch* match = ucsdet_detect(detector, &status);
    std::optional<Guess> guess;
    if (U_SUCCESS(status) && match) {
        const char* name = ucsdet_getName(match, &status);
        int confidence = ucsdet_getConfidence(match, &status);
        if (U_SUCCESS(status) && name) guess = Guess{name, confidence};
    }
    ucsdet_close(detector);
    return guess;
}

std::string kind_of_binary(std::string_view bytes) {
    if (starts_with(bytes, "PK\x03\x04"))
        return messages::tr(
            "this is a zip container (an .xlsx or .ods workbook saved under a text name?): "
            "give the file its real extension, .xlsx or .ods");
    if (starts_with(bytes, "\xD0\xCF\x11\xE0"))
        return messages::tr(
            "this is an Excel 97-2003 workbook (.xls), which is not read: save it as "
            "'Excel Workbook (.xlsx)' or 'CSV UTF-8'");
    if (starts_with(bytes, "%PDF"))
        return messages::tr(
            "this is a PDF, not a table: export the spreadsheet itself (.xlsx, .ods or CSV)");
    return "";
}

// Text whose characters are mostly controls is not a table whatever its encoding.
bool looks_binary(std::string_view utf8) {
    size_t controls = 0;
    for (unsigned char c : utf8)
        if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) ++controls;
    // A stray control character (a NUL too) is its row's problem, at its line and column.
    return controls * 20 > utf8.size();
}

std::string delimiter_label(char d) {
    if (d == ';') return messages::tr("semicolons");
    if (d == '\t') return messages::tr("tabs");
    return messages::tr("commas");
}

const char* delimiter_shown(char d) {
    return d == ';' ? "';'" : d == '\t' ? "tab" : "','";
}

}  // namespace

std::optional<Format> format_of(std::string_view filename) {
    auto dot = filename.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    std::string ext(filename.substr(dot + 1));
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == "csv" || ext == "tsv" || ext == "txt") return Format::csv;
    if (ext == "xlsx") return Format::xlsx;
    if (ext == "ods") return Format::ods;
    return std::nullopt;
}

std::string column_letters(size_t index) {
    std::string out;
    ++index;
    while (index > 0) {
        --index;
        out.insert(out.begin(), static_cast<char>('A' + index % 26));
        index /= 26;
    }
    return out;
}

Decoded decode_text(std::string_view bytes) {
    using namespace std::string_view_literals;
    Decoded out;
    if (auto binary = kind_of_binary(bytes); !binary.empty()) {
        out.fatal = binary;
        return out;
    }
    // Longest first: a UTF-32LE mark begins like a UTF-16LE one.
    static const std::pair<std::string_view, const char*> boms[] = {
        {"\xFF\xFE\x00\x00"sv, "UTF-32LE"},
        {"\x00\x00\xFE\xFF"sv, "UTF-32BE"},
        {"\xEF\xBB\xBF"sv, "UTF-8"},
        {"\xFF\xFE"sv, "UTF-16LE"},
        {"\xFE\xFF"sv, "UTF-16BE"}};
    std::optional<std::string> text;
    for (const auto& [mark, encoding] : boms) {
        if (!starts_with(bytes, mark)) continue;
        out.encoding = encoding;
        auto rest = bytes.substr(mark.size());
        if (out.encoding == "UTF-8") {
            text = std::string(rest);
            if (text::repair_utf8(*text) != *text) {
                out.fatal =
                    messages::tr("the file says it is UTF-8 (it starts with a UTF-8 byte-order "
                                 "mark) but holds bytes that are not: save it again as 'CSV "
                                 "UTF-8'");
                return out;
            }
        } else {
            text = convert(rest, encoding);
            if (!text) {
                out.fatal = messages::trf("the file starts with a {1} byte-order mark but is "
                                          "not valid {1}: save it again as 'CSV UTF-8'",
                                          {encoding});
                return out;
            }
        }
        break;
    }
    const auto nuls = std::count(bytes.begin(), bytes.end(), '\0');
    bool has_nul = nuls > 0;
    // A few NULs in UTF-8 text are their rows' problems, reported at line and column by the
    // CSV reader; text that is NUL every other byte or so is UTF-16 (or binary), decided below.
    const bool stray_nuls = has_nul && static_cast<std::size_t>(nuls) * 64 <= bytes.size();
    if (!text && (!has_nul || stray_nuls) && text::repair_utf8(bytes) == bytes) {
        out.encoding = "UTF-8";
        text = std::string(bytes);
    }
    if (!text) {
        // Not UTF-8: ask ICU's charset detector. Staff in Spanish, French and Portuguese
        // locales save "CSV" as Windows-1252, which the detector often calls ISO-8859-1 (the
        // same letters; Windows-1252 adds €, œ, curly quotes and dashes in 0x80-0x9F).
        auto guess = detect(bytes);
        std::string name = guess ? guess->name : "";
        const char* use = "windows-1252";
        if (starts_with(name, "UTF-16") || starts_with(name, "UTF-32"))
            use = name.c_str();
        else if (has_nul) {
            out.fatal =
                messages::tr("the file holds zero bytes and is not UTF-16 text: it is not a "
                             "table (export the spreadsheet as .xlsx, .ods or 'CSV UTF-8')");
            return out;
        }
        text = convert(bytes, use);
        if (!text) {
            out.fatal = messages::trf("the file is neither UTF-8 nor {1}: save it again as "
                                      "'CSV UTF-8'",
                                      {use});
            return out;
        }
        out.encoding = use;
        out.warning = messages::trf(
            "not UTF-8: read as {1}{2}; check the accents, or save it again as 'CSV UTF-8' to "
            "be sure",
            {out.encoding,
             // xgettext:no-c-format
             guess ? messages::trf(" (ICU's charset detector found {1}, {2}% confidence)",
                                   {guess->name, std::to_string(guess->confidence)})
                   : std::string()});
    }
    if (looks_binary(*text)) {
        out.fatal =
            messages::tr("the file is not text (it holds control characters): it is not a "
                         "table; export the spreadsheet as .xlsx, .ods or 'CSV UTF-8'");
        return out;
    }
    out.utf8 = std::move(*text);
    return out;
}

char sniff_delimiter(std::string_view text) {
    size_t i = 0;
    while (i < text.size() && (text[i] == '\n' || text[i] == '\r')) ++i;
    int commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n') break;
        commas += c == ',';
        semicolons += c == ';';
        tabs += c == '\t';
    }
    if (tabs > commas && tabs >= semicolons) return '\t';
    if (semicolons > commas) return ';';
    return ',';
}

Read read_csv(std::string_view bytes) {
    Read out;
    auto decoded = decode_text(bytes);
    if (decoded.fatal) {
        out.fatal = decoded.fatal;
        return out;
    }
    if (decoded.warning) out.warnings.push_back(*decoded.warning);
    char delimiter = sniff_delimiter(decoded.utf8);
    out.delimiter_name = delimiter == ';' ? "semicolon" : delimiter == '\t' ? "tab" : "comma";
    out.table = csv::parse(decoded.utf8, delimiter);
    const auto& records = out.table.records;
    if (records.empty() || records[0].fields.size() < 2 ||
        (records.size() < 2 && out.table.problems.empty()))
        return out;
    // Rows that do not split like the header make every cell wrong: one message, not one per
    // row (a file edited by hand with another separator, or a header typed apart).
    // A record the parser dropped (a quote out of place) counts as not splitting either: with
    // the wrong separator, quoted cells no longer start at a cell's start.
    size_t width = records[0].fields.size(), unlike = out.table.problems.size();
    int first_line = out.table.problems.empty() ? 0 : out.table.problems.front().line;
    size_t first_cells = 0;
    for (size_t r = 1; r < records.size(); ++r)
        if (records[r].fields.size() != width) {
            ++unlike;
            if (first_line == 0 || records[r].line < first_line) {
                first_line = records[r].line;
                first_cells = records[r].fields.size();
            }
        }
    size_t rows = records.size() - 1 + out.table.problems.size();
    if (unlike * 2 <= rows) return out;
    // Most rows split otherwise than the header: when another separator splits them into
    // cells, that is the one problem to fix (a header and rows saved with different
    // separators); otherwise the header's own problems say more, row by row.
    size_t header_end = 0;
    for (bool quoted = false; header_end < decoded.utf8.size(); ++header_end) {
        char c = decoded.utf8[header_end];
        if (c == '"') quoted = !quoted;
        if (!quoted && c == '\n' && header_end > 0) break;
    }
    std::string_view data = std::string_view(decoded.utf8).substr(header_end);
    for (char other : {',', ';', '\t'}) {
        if (other == delimiter) continue;
        auto again = csv::parse(data, other);
        size_t split = 0;
        for (const auto& record : again.records) split += record.fields.size() >= 2;
        if (split * 2 <= rows || again.problems.size() * 2 > rows) continue;
        std::string example =
            first_cells > 0
                ? messages::trf("line {1} has {2} cells, the header {3}",
                                {std::to_string(first_line), std::to_string(first_cells),
                                 std::to_string(width)})
                : messages::trf("from line {1} on", {std::to_string(first_line)});
        out.fatal = messages::trf(
            "the header row's columns are separated by {1} ({2}) but the rows' by {3} ({4}): {5} "
            "of {6} rows do not split like the header ({7}); save the file again from the "
            "spreadsheet so that every line uses the same separator",
            {delimiter_label(delimiter), delimiter_shown(delimiter), delimiter_label(other),
             delimiter_shown(other), std::to_string(unlike), std::to_string(rows), example});
        out.table = {};
        return out;
    }
    return out;
}

Read read(std::string_view bytes, Format format, const std::string& sheet, bool sheet_required) {
    if (static_cast<std::int64_t>(bytes.size()) > kMaxFileBytes) {
        Read out;
        out.fatal = messages::trf("the file is larger than {1} MB: split the table into "
                                  "smaller files",
                                  {std::to_string(kMaxFileBytes >> 20)});
        return out;
    }
    switch (format) {
        case Format::xlsx:
            return read_xlsx(bytes, sheet, sheet_required);
        case Format::ods:
            return read_ods(bytes, sheet, sheet_required);
        case Format::csv:
            break;
    }
    return read_csv(bytes);
}

}  // namespace guichet::content::table_file
