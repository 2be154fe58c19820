// SPDX-License-Identifier: GPL-3.0-or-later
// Office Open XML workbooks (.xlsx) as Excel and LibreOffice save them: the workbook's sheet
// list and relationships, shared strings (rich text runs joined, phonetic runs left out),
// inline strings, and numbers and dates the way the cell shows them (a date style gives
// YYYY-MM-DD, a zero-padded style keeps its zeros, other numbers their shortest exact form).
#include <charconv>
#include <cmath>
#include <map>

#include "table_file.h"
#include "messages.h"
#include "table_workbook.h"

namespace guichet::content::table_file {
namespace {

std::string directory_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

// A relationship target resolved against the folder of the part that names it.
std::string resolve(const std::string& base_dir, std::string target) {
    if (!target.empty() && target[0] == '/') return target.substr(1);
    std::string path = base_dir;
    while (target.rfind("../", 0) == 0) {
        target.erase(0, 3);
        if (!path.empty()) path = directory_of(path.substr(0, path.size() - 1));
    }
    return path + target;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

struct Relationships : XmlHandler {
    std::map<std::string, std::pair<std::string, std::string>> by_id;  // id → (type, target)
    void start(std::string_view name, const char** attrs) override {
        if (name != "Relationship") return;
        const char* id = attribute(attrs, "Id");
        const char* type = attribute(attrs, "Type");
        const char* target = attribute(attrs, "Target");
        if (id && type && target && by_id.size() < 10000) by_id[id] = {type, target};
    }
    void end(std::string_view) override {}
    std::string target_of_type(std::string_view suffix) const {
        for (const auto& [id, rel] : by_id)
            if (ends_with(rel.first, suffix)) return rel.second;
        return "";
    }
};

struct Workbook : XmlHandler {
    std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
    bool date1904 = false;
    void start(std::string_view name, const char** attrs) override {
        if (name == "workbookPr") {
            const char* d = attribute(attrs, "date1904");
            date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
        } else if (name == "sheet" && sheets.size() < 1000) {
            const char* sheet = attribute(attrs, "name");
            const char* id = attribute(attrs, "id");
            if (sheet && id) sheets.push_back({sheet, id});
        }
    }
    void end(std::string_view) override {}
};

struct SharedStrings : XmlHandler {
    std::vector<std::string> strings;
    std::string current;
    int in_t = 0, in_phonetic = 0;
    bool in_si = false;
    void start(std::string_view name, const char**) override {
        if (name == "si") {
            in_si = true;
            current.clear();
        } else if (name == "t") {
            ++in_t;
        } else if (name == "rPh") {
            ++in_phonetic;
        }
    }
    void end(std::string_view name) override {
        if (name == "si") {
            strings.push_back(std::move(current));
            current.clear();
            in_si = false;
        } else if (name == "t") {
            --in_t;
        } else if (name == "rPh") {
            --in_phonetic;
        }
    }
    void text(std::string_view s) override {
        if (in_si && in_t > 0 && in_phonetic == 0) current += s;
    }
};

// How a style shows a number: as a date, a time, zero-padded, or plainly.
struct Look {
    bool date = false, time = false;
    int zero_pad = 0;
};

Look look_of_format(int id, const std::string& code) {
    Look look;
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
        look.date = true;
    if ((id >= 18 && id <= 21) || id == 22 || (id >= 45 && id <= 47)) look.time = true;
    if (code.empty()) return look;
    // The format code without quoted text, escapes and [colour]/[locale] brackets.
    std::string bare;
    for (size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == '"') {
            while (++i < code.size() && code[i] != '"') {
            }
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (c == '[') {
            while (++i < code.size() && code[i] != ']') {
            }
        } else if (c == ';') {
            break;  // the first section is the one for positive numbers
        } else {
            bare += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    if (bare.find_first_of("yd") != std::string::npos) look.date = true;
    if (bare.find_first_of("hs") != std::string::npos) look.time = true;
    if (bare.size() >= 2 && bare.find_first_not_of('0') == std::string::npos)
        look.zero_pad = static_cast<int>(bare.size());
    return look;
}

struct Styles : XmlHandler {
    std::map<int, std::string> formats;  // numFmtId → formatCode
    std::vector<int> cell_formats;       // cellXfs index → numFmtId
    bool in_cell_xfs = false;
    void start(std::string_view name, const char** attrs) override {
        if (name == "numFmt") {
            const char* id = attribute(attrs, "numFmtId");
            const char* code = attribute(attrs, "formatCode");
            if (id && code && formats.size() < 10000) formats[std::atoi(id)] = code;
        } else if (name == "cellXfs") {
            in_cell_xfs = true;
        } else if (name == "xf" && in_cell_xfs && cell_formats.size() < 100000) {
            const char* id = attribute(attrs, "numFmtId");
            cell_formats.push_back(id ? std::atoi(id) : 0);
        }
    }
    void end(std::string_view name) override {
        if (name == "cellXfs") in_cell_xfs = false;
    }
    Look look(int style) const {
        if (style < 0 || static_cast<size_t>(style) >= cell_formats.size()) return {};
        int id = cell_formats[static_cast<size_t>(style)];
        auto it = formats.find(id);
        return look_of_format(id, it == formats.end() ? "" : it->second);
    }
};

// Days since 1970-01-01 → "YYYY-MM-DD" (the civil calendar, proleptic Gregorian).
std::string civil_date(long long days) {
    days += 719468;
    long long era = (days >= 0 ? days : days - 146096) / 146097;
    long long doe = days - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = yoe + era * 400;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    long long d = doy - (153 * mp + 2) / 5 + 1;
    long long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char out[80];
    std::snprintf(out, sizeof out, "%04lld-%02lld-%02lld", y, m, d);
    return out;
}

std::string plain_number(double value) {
    char out[64];
    auto format = std::abs(value) < 1e21 ? std::chars_format::fixed : std::chars_format::general;
    auto [end, ec] = std::to_chars(out, out + sizeof out, value, format);
    if (ec != std::errc()) return "";
    return std::string(out, end);
}

std::string shown_number(std::string_view raw, const Look& look, bool date1904) {
    double value = 0;
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
    if (ec != std::errc() || end != raw.data() + raw.size() || !std::isfinite(value))
        return std::string(raw);
    if ((look.date || look.time) && value >= 0 && value < 2958466) {  // up to 9999-12-31
        long long days = static_cast<long long>(std::floor(value));
        long long seconds = std::llround((value - static_cast<double>(days)) * 86400.0);
        if (seconds >= 86400) {
            ++days;
            seconds -= 86400;
        }
        char clock[48];
        std::snprintf(clock, sizeof clock, "%02lld:%02lld", seconds / 3600, seconds / 60 % 60);
        if (!look.date) return clock;
        // Serial 1 is 1900-01-01 (Excel counts a 29 February 1900 that never was, so from
        // serial 61 on the epoch is 1899-12-30); in the 1904 system serial 0 is 1904-01-01.
        long long epoch = date1904 ? -24107 : (days < 61 ? -25568 : -25569);
        std::string date = civil_date(days + epoch);
        return look.time && seconds != 0 ? date + " " + clock : date;
    }
    std::string shown = plain_number(value);
    if (look.zero_pad > 0 && value >= 0 && value == std::floor(value) &&
        shown.size() < static_cast<size_t>(look.zero_pad))
        shown.insert(0, static_cast<size_t>(look.zero_pad) - shown.size(), '0');
    return shown;
}

struct Sheet : XmlHandler {
    const std::vector<std::string>& strings;
    const Styles& styles;
    bool date1904;
    SheetBuilder builder;
    int row = 0;
    size_t next_column = 0;
    // The cell being read.
    bool in_cell = false;
    std::string type, value, inline_text;
    int style = 0, in_v = 0, in_t = 0, in_phonetic = 0;
    size_t column = 0;
    std::vector<csv::Problem> problems;

    Sheet(const std::vector<std::string>& s, const Styles& st, bool d1904)
        : strings(s), styles(st), date1904(d1904) {}

    void start(std::string_view name, const char** attrs) override {
        if (name == "row") {
            const char* r = attribute(attrs, "r");
            int number = r ? std::atoi(r) : 0;
            row = number > 0 && number <= 1048576 ? number : row + 1;
            next_column = 0;
        } else if (name == "c") {
            in_cell = true;
            type = "n";
            value.clear();
            inline_text.clear();
            style = 0;
            column = next_column;
            if (const char* t = attribute(attrs, "t")) type = t;
            if (const char* s = attribute(attrs, "s")) style = std::atoi(s);
            if (const char* r = attribute(attrs, "r")) {
                auto ref = parse_cell_ref(r);
                if (!ref) {
                    stop = std::string("a cell reference '") + r + "' is malformed";
                    return;
                }
                column = ref->second;
            }
        } else if (name == "v") {
            ++in_v;
        } else if (name == "t") {
            ++in_t;
        } else if (name == "rPh") {
            ++in_phonetic;
        } else if (name == "mergeCell") {
            const char* ref = attribute(attrs, "ref");
            std::string_view range = ref ? ref : "";
            auto colon = range.find(':');
            auto first = parse_cell_ref(range.substr(0, colon));
            auto last =
                colon == std::string_view::npos ? first : parse_cell_ref(range.substr(colon + 1));
            if (first && last)
                builder.merge(first->first, first->second, last->first, last->second);
        }
    }

    void end(std::string_view name) override {
        if (name == "v") {
            --in_v;
        } else if (name == "t") {
            --in_t;
        } else if (name == "rPh") {
            --in_phonetic;
        } else if (name == "c" && in_cell) {
            in_cell = false;
            next_column = column + 1;
            builder.cell(row, column, shown());
            if (builder.error) stop = builder.error;
        }
    }

    void text(std::string_view s) override {
        if (!in_cell) return;
        if (in_v > 0)
            value += s;
        else if (in_t > 0 && in_phonetic == 0)
            inline_text += s;
    }

    std::string shown() {
        if (type == "s") {
            int index = -1;
            auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
            if (ec != std::errc() || index < 0 || static_cast<size_t>(index) >= strings.size()) {
                if (problems.size() < 100)
                    problems.push_back({row, "cell " + column_letters(column) +
                                                 std::to_string(row) +
                                                 " names a shared string the file lacks"});
                return "";
            }
            return strings[static_cast<size_t>(index)];
        }
        if (type == "inlineStr") return inline_text;
        if (type == "str" || type == "e") return value;
        if (type == "b") return value == "1" ? "TRUE" : value.empty() ? "" : "FALSE";
        if (type == "d") {
            auto t = value.find('T');
            if (t != std::string::npos && value.compare(t, 9, "T00:00:00") == 0)
                return value.substr(0, t);
            return value;
        }
        if (value.empty()) return "";
        return shown_number(value, styles.look(style), date1904);
    }
};

std::optional<std::string> read_part(const Zip& zip, const std::string& name, XmlHandler& h,
                                     bool required) {
    if (!zip.has(name)) {
        if (!required) return std::nullopt;
        return "'" + name + "' is missing: this is not a workbook Excel or LibreOffice wrote";
    }
    std::string error;
    auto bytes = zip.read(name, error);
    if (!bytes) return error;
    if (auto problem = parse_xml(*bytes, h)) return "'" + name + "': " + *problem;
    return std::nullopt;
}

}  // namespace

Read read_xlsx(std::string_view bytes, const std::string& sheet_name, bool sheet_required) {
    Read out;
    std::string error;
    auto zip = Zip::open(bytes, error);
    if (!zip) {
        out.fatal = messages::trf("not an .xlsx workbook ({1}): save it again from Excel or "
                                  "LibreOffice as 'Excel Workbook (.xlsx)'",
                                  {error});
        return out;
    }
    if (!zip->has("[Content_Types].xml") && zip->has("content.xml")) {
        out.fatal = messages::tr("this is an OpenDocument spreadsheet, not .xlsx: name it .ods");
        return out;
    }
    auto refuse = [&](const std::string& why) {
        out.fatal = "this .xlsx cannot be read: " + why;
        return out;
    };
    Relationships package;
    if (auto problem = read_part(*zip, "_rels/.rels", package, false)) return refuse(*problem);
    std::string workbook_path = package.target_of_type("/officeDocument");
    workbook_path = workbook_path.empty() ? "xl/workbook.xml" : resolve("", workbook_path);
    Workbook workbook;
    if (auto problem = read_part(*zip, workbook_path, workbook, true)) return refuse(*problem);
    std::string dir = directory_of(workbook_path);
    std::string rels_path = dir + "_rels/" + workbook_path.substr(dir.size()) + ".rels";
    Relationships rels;
    if (auto problem = read_part(*zip, rels_path, rels, true)) return refuse(*problem);
    if (workbook.sheets.empty()) return refuse("it has no sheet");

    const std::pair<std::string, std::string>* chosen = &workbook.sheets.front();
    if (!sheet_name.empty()) {
        const std::pair<std::string, std::string>* named = nullptr;
        for (const auto& s : workbook.sheets)
            if (same_sheet_name(s.first, sheet_name)) named = &s;
        if (named) {
            chosen = named;
        } else if (sheet_required) {
            std::string names;
            for (const auto& s : workbook.sheets)
                names += (names.empty() ? "'" : ", '") + s.first + "'";
            out.fatal =
                messages::trf("no sheet is named '{1}' (the sheets: {2})", {sheet_name, names});
            return out;
        }
    }
    out.sheet = chosen->first;
    auto rel = rels.by_id.find(chosen->second);
    if (rel == rels.by_id.end()) return refuse("sheet '" + chosen->first + "' has no part");

    SharedStrings strings;
    if (std::string path = rels.target_of_type("/sharedStrings"); !path.empty())
        if (auto problem = read_part(*zip, resolve(dir, path), strings, false))
            return refuse(*problem);
    Styles styles;
    if (std::string path = rels.target_of_type("/styles"); !path.empty())
        if (auto problem = read_part(*zip, resolve(dir, path), styles, false))
            return refuse(*problem);

    Sheet sheet(strings.strings, styles, workbook.date1904);
    std::string sheet_path = resolve(dir, rel->second.second);
    if (auto problem = read_part(*zip, sheet_path, sheet, true)) {
        if (sheet.builder.error) {
            out.fatal = "sheet '" + out.sheet + "': " + *sheet.builder.error;
            return out;
        }
        return refuse(*problem);
    }
    out = sheet.builder.finish(std::move(out));
    for (auto& p : sheet.problems) out.table.problems.push_back(std::move(p));
    return out;
}

}  // namespace guichet::content::table_file
