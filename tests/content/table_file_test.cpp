// SPDX-License-Identifier: GPL-3.0-or-later
// Staff table files: encodings, delimiters, the one message a file-level problem gives, and
// the sheet builder's rules. The same files made by LibreOffice are compared end to end in
// staff_files_e2e.sh.
#include <doctest/doctest.h>

#include <string>

#include "content/compiler.h"
#include "fixture.h"
#include "table_file.h"
#include "table_workbook.h"

using namespace guichet::content;
namespace tf = guichet::content::table_file;
using namespace std::string_literals;

TEST_CASE("table files: formats come from the extension") {
    CHECK(tf::format_of("a.CSV") == tf::Format::csv);
    CHECK(tf::format_of("x/institutions.tsv") == tf::Format::csv);
    CHECK(tf::format_of("unicode.txt") == tf::Format::csv);
    CHECK(tf::format_of("b.xlsx") == tf::Format::xlsx);
    CHECK(tf::format_of("c.Ods") == tf::Format::ods);
    CHECK_FALSE(tf::format_of("d.xls"));
    CHECK_FALSE(tf::format_of("noextension"));
    CHECK(tf::column_letters(0) == "A");
    CHECK(tf::column_letters(25) == "Z");
    CHECK(tf::column_letters(26) == "AA");
    CHECK(tf::column_letters(701) == "ZZ");
    CHECK(tf::column_letters(702) == "AAA");
}

TEST_CASE("table files: the delimiter comes from the header line, quotes aside") {
    CHECK(tf::sniff_delimiter("id,name\n1;2;3;4\n") == ',');
    CHECK(tf::sniff_delimiter("id;name;\"a,b,c\"\n") == ';');
    CHECK(tf::sniff_delimiter("\r\n\nid\tname\tcity\n") == '\t');
    CHECK(tf::sniff_delimiter("id\n") == ',');
    auto read = tf::read_csv("id;name\nx;Café, bar\n");
    REQUIRE_FALSE(read.fatal);
    CHECK(read.delimiter_name == "semicolon");
    REQUIRE(read.table.records.size() == 2);
    CHECK(read.table.records[1].fields == std::vector<std::string>{"x", "Café, bar"});
}

TEST_CASE(
    "table files: UTF-8 with and without BOM, UTF-16 both ways, Windows-1252 with a warning") {
    auto plain = tf::decode_text("nom\nRéfugiés\n");
    CHECK(plain.encoding == "UTF-8");
    CHECK_FALSE(plain.warning);
    auto bom = tf::decode_text("\xEF\xBB\xBFnom\n");
    CHECK(bom.utf8 == "nom\n");
    // "né\n" in UTF-16LE and UTF-16BE with their marks.
    auto le = tf::decode_text("\xFF\xFEn\0\xE9\0\n\0"s);
    CHECK(le.encoding == "UTF-16LE");
    CHECK(le.utf8 == "n\xC3\xA9\n");
    auto be = tf::decode_text("\xFE\xFF\0n\0\xE9\0\n"s);
    CHECK(be.utf8 == "n\xC3\xA9\n");
    // Windows-1252: é (E9), œ (9C), € (80), ’ (92) — the last three are not ISO-8859-1.
    std::string cp1252 = "id;description\nx;L\x92\x9Cuvre co\xFBte 1 \x80, d\xE9j\xE0 pay\xE9\n";
    auto legacy = tf::decode_text(cp1252);
    REQUIRE_FALSE(legacy.fatal);
    CHECK(legacy.encoding == "windows-1252");
    CHECK(legacy.utf8.find("L’œuvre coûte 1 €, déjà payé") != std::string::npos);
    REQUIRE(legacy.warning);
    CHECK(legacy.warning->find("windows-1252") != std::string::npos);
    CHECK(legacy.warning->find("CSV UTF-8") != std::string::npos);
}

TEST_CASE("table files: what is not a text table is one message saying what it is") {
    CHECK(tf::read_csv("PK\x03\x04rest"s).fatal->find(".xlsx or .ods") != std::string::npos);
    CHECK(tf::read_csv("\xD0\xCF\x11\xE0\xA1\xB1"s).fatal->find(".xls") != std::string::npos);
    CHECK(tf::read_csv("%PDF-1.7").fatal->find("PDF") != std::string::npos);
    CHECK(tf::read_csv("\x01\x02\x03\x04\x05\x06\x07\x08"s).fatal->find("not text") !=
          std::string::npos);
    CHECK(tf::read_csv("\xEF\xBB\xBFid,\xFF\n"s).fatal->find("UTF-8") != std::string::npos);
    auto unlike = tf::read_csv("a;b;c\n1,2,3\n4,5,6\n7;8;9\n");
    REQUIRE(unlike.fatal);
    CHECK(unlike.fatal->find("semicolons (';')") != std::string::npos);
    CHECK(unlike.fatal->find("2 of 3 rows") != std::string::npos);
    CHECK(unlike.table.records.empty());
    CHECK(tf::read_xlsx("not a zip", "", false).fatal->find("not an .xlsx") != std::string::npos);
    CHECK(tf::read_ods("", "", false).fatal->find("not an .ods") != std::string::npos);
    CHECK(tf::read(std::string(tf::kMaxFileBytes + 1, 'a'), tf::Format::csv).fatal->find("MB") !=
          std::string::npos);
}

TEST_CASE("table files: the sheet builder numbers rows as the sheet does and refuses merges") {
    tf::SheetBuilder sheet;
    sheet.cell(3, 0, "id");
    sheet.cell(3, 1, "name");
    sheet.cell(5, 1, "Casa");
    sheet.cell(5, 0, "casa");
    sheet.cell(7, 3, "stray");
    sheet.merge(9, 0, 10, 0);
    auto read = sheet.finish({});
    REQUIRE_FALSE(read.fatal);
    REQUIRE(read.table.records.size() == 3);
    CHECK(read.table.records[0].line == 3);
    CHECK(read.table.records[1].line == 5);
    CHECK(read.table.records[1].fields == std::vector<std::string>{"casa", "Casa"});
    REQUIRE(read.table.problems.size() == 2);
    CHECK(read.table.problems[0].line == 7);
    CHECK(read.table.problems[0].message.find("cell D7 holds 'stray'") == 0);
    CHECK(read.table.problems[1].message.find("merged cells A9:A10") == 0);

    tf::SheetBuilder header;
    header.cell(1, 0, "id");
    header.merge(1, 0, 1, 2);
    auto merged = header.finish({});
    REQUIRE(merged.fatal);
    CHECK(merged.fatal->find("merged cells A1:C1") != std::string::npos);
    CHECK(tf::parse_cell_ref("$AB$12") == std::make_pair(12, size_t{27}));
    CHECK_FALSE(tf::parse_cell_ref("12"));
    CHECK_FALSE(tf::parse_cell_ref("A0"));
    CHECK_FALSE(tf::parse_cell_ref("AAAA1"));
}

TEST_CASE("table files: a semicolon header over comma rows is exactly one problem that names it") {
    fixture::SourceDir dir;
    std::string text = fixture::valid_set().at("institutions.csv");
    auto end = text.find('\n');
    for (size_t i = 0; i < end; ++i)
        if (text[i] == ',') text[i] = ';';
    dir.write("institutions.csv", text);
    auto report = check_sources(dir.src());
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].file == "institutions.csv");
    CHECK(report.problems[0].message.find("semicolon") != std::string::npos);
}

TEST_CASE("table files: a whole semicolon file is read like the comma one") {
    fixture::SourceDir dir;
    std::string text = fixture::valid_set().at("legislation.csv");
    REQUIRE(text.find(';') == std::string::npos);
    REQUIRE(text.find('"') == std::string::npos);
    for (char& c : text)
        if (c == ',') c = ';';
    dir.write("legislation.csv", text);
    auto report = check_sources(dir.src());
    CHECK(report.ok());
    CHECK(report.item_count == 13);
}

TEST_CASE(
    "table files: a first row that names no column is one problem, and two files of one "
    "table another") {
    fixture::SourceDir dir;
    std::string text = fixture::valid_set().at("legislation.csv");
    dir.write("legislation.csv", text.substr(text.find('\n') + 1));
    auto report = check_sources(dir.src());
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].message.find("no header row") == 0);

    fixture::SourceDir twice;
    twice.write("legislation.ods", "");
    auto both = check_sources(twice.src());
    REQUIRE(both.problems.size() == 1);
    CHECK(both.problems[0].message.find("legislation.csv, legislation.ods") !=
          std::string::npos);
}
