// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "csv.h"

using guichet::content::csv::parse;

TEST_CASE("csv: fields, quotes, escaped quotes and line numbers") {
    auto table = parse("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n\n2,\"two\nlines\",z\r\n3,,\n");
    REQUIRE(table.problems.empty());
    REQUIRE(table.records.size() == 4);
    CHECK(table.records[1].line == 2);
    CHECK(table.records[1].fields == std::vector<std::string>{"1", "x, y", "say \"hi\""});
    CHECK(table.records[2].line == 4);
    CHECK(table.records[2].fields[1] == "two\nlines");
    CHECK(table.records[3].line == 6);
    CHECK(table.records[3].fields == std::vector<std::string>{"3", "", ""});
}

TEST_CASE("csv: byte-order mark and a last line without newline") {
    auto table = parse("\xEF\xBB\xBFid,name\nx,y");
    REQUIRE(table.records.size() == 2);
    CHECK(table.records[0].fields[0] == "id");
    CHECK(table.records[1].fields[1] == "y");
}

TEST_CASE("csv: unterminated quote and stray quotes are problems with their line") {
    auto open = parse("a,b\n1,2\n3,\"never closed\n4,5\n");
    REQUIRE(open.problems.size() == 1);
    CHECK(open.problems[0].line == 3);
    CHECK(open.records.size() == 2);
    auto after = parse("a,b\n\"x\"y,2\n");
    REQUIRE(after.problems.size() == 1);
    CHECK(after.problems[0].line == 2);
    auto inside = parse("a,b\nx\"y,2\n3,4\n");
    REQUIRE(inside.problems.size() == 1);
    CHECK(inside.problems[0].line == 2);
    CHECK(inside.records.size() == 2);
}
