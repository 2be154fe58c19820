// SPDX-License-Identifier: GPL-3.0-or-later
// Source folders as a careless or hostile hand leaves them: files that are not files (a FIFO, a
// symlink to a device, a symlink leading out of the folder) in every place the compiler reads,
// control characters in cells, cells and lines past their maximum. Each is one message naming
// the file (file:line:column for a cell), given at once; nothing outside the folder is read.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "content/compiler.h"
#include "csv.h"
#include "fixture.h"

using namespace guichet::content;
using fixture::SourceDir;
namespace fs = std::filesystem;

namespace {

std::string all_problems(const CheckReport& report) {
    std::string out;
    for (const auto& p : report.problems) out += p.to_string() + "\n";
    return out;
}

bool has_problem(const CheckReport& report, const std::string& starts, const std::string& part) {
    return std::any_of(report.problems.begin(), report.problems.end(), [&](const Diagnostic& p) {
        const std::string text = p.to_string();
        return text.rfind(starts, 0) == 0 && text.find(part) != std::string::npos;
    });
}

enum class Kind { fifo, device_link, outside_link };
const char* name_of(Kind kind) {
    switch (kind) {
        case Kind::fifo: return "a FIFO";
        case Kind::device_link: return "a symlink to /dev/zero";
        case Kind::outside_link: return "a symlink leading out";
    }
    return "";
}

// Replaces `name` in the set by `kind`; the outside link points at a copy of the file's own
// valid text, so following it would read a perfectly good file.
void plant(SourceDir& dir, const std::string& name, const std::string& valid_text, Kind kind) {
    const fs::path at = dir.src() / name;
    fs::create_directories(at.parent_path());
    fs::remove(at);
    switch (kind) {
        case Kind::fifo: REQUIRE(::mkfifo(at.c_str(), 0644) == 0); break;
        case Kind::device_link: fs::create_symlink("/dev/zero", at); break;
        case Kind::outside_link: {
            const fs::path outside = dir.root() / ("outside-" + fs::path(name).filename().string());
            {
                std::ofstream(outside, std::ios::binary) << valid_text;
            }
            fs::create_symlink(outside, at);
            break;
        }
    }
}

}  // namespace

TEST_CASE("a FIFO, a device or a symlink leading out is refused wherever sources are read") {
    struct Place {
        std::string file;        // what is replaced
        std::string reported;    // the problem's start
        std::string valid_text;  // what the outside link's target holds
    };
    const auto valid = fixture::valid_set();
    const std::string png = "\x89PNG\r\n\x1a\n" + std::string(32, '\0');
    const std::vector<Place> places = {
        {"languages.csv", "languages.csv:0: cannot read the file", valid.at("languages.csv")},
        {"institutions.csv", "institutions.csv:0: cannot read the file",
         valid.at("institutions.csv")},
        {"articles/rights.es.md", "articles/rights.es.md:0: cannot read the file",
         valid.at("articles/rights.es.md")},
        {"news/bulletin-1.es.md", "news/bulletin-1.es.md:0: cannot read the file",
         valid.at("news/bulletin-1.es.md")},
        {"synonyms/es.csv", "synonyms/es.csv:0: cannot read the file",
         "word,synonyms,both_ways\ntrabajo,empleo,\n"},
        {"articles/map.png", "articles/ecole.fr.md:", png},
    };
    for (const Place& place : places) {
        for (Kind kind : {Kind::fifo, Kind::device_link, Kind::outside_link}) {
            CAPTURE(place.file);
            CAPTURE(name_of(kind));
            SourceDir dir;
            // The image is shown by a page; the page itself stays a good file.
            dir.write("articles/ecole.fr.md",
                      valid.at("articles/ecole.fr.md") + "\n![Carte](map.png)\n");
            plant(dir, place.file, place.valid_text, kind);
            const auto start = std::chrono::steady_clock::now();
            const CheckReport report = check_sources(dir.src());
            const auto took = std::chrono::steady_clock::now() - start;
            INFO("problems:\n" << all_problems(report));
            CHECK(took < std::chrono::seconds(10));
            const std::string why = kind == Kind::fifo ? "not a regular file"
                                    : kind == Kind::device_link
                                        ? "leads outside"
                                        : "leads outside";
            CHECK(has_problem(report, place.reported, why));
            CHECK_FALSE(report.ok());
        }
    }
}

TEST_CASE("a symlink that stays inside the source folder is followed") {
    SourceDir dir;
    dir.write("shared/rights.en.md", fixture::valid_set().at("articles/rights.en.md"));
    fs::remove(dir.src() / "articles/rights.en.md");
    fs::create_symlink("../shared/rights.en.md", dir.src() / "articles/rights.en.md");
    const CheckReport report = check_sources(dir.src());
    INFO("problems:\n" << all_problems(report));
    CHECK(report.ok());
}

TEST_CASE("NUL and control characters in a cell are errors at file:line:column") {
    auto nul = csv::parse(std::string("a,b\n1,x\0y\n", 10));
    REQUIRE(nul.problems.size() == 1);
    CHECK(nul.problems[0].line == 2);
    CHECK(nul.problems[0].column == 4);
    CHECK(nul.problems[0].message.find("U+0000 (NUL)") != std::string::npos);
    CHECK(nul.records.size() == 1);  // the row is refused, the header kept

    // Inside quotes, on the cell's second line; columns count characters, not bytes.
    auto bell = csv::parse("a,b\n1,\"línea\nñu\x07\"\n");
    REQUIRE(bell.problems.size() == 1);
    CHECK(bell.problems[0].line == 3);
    CHECK(bell.problems[0].column == 3);
    CHECK(bell.problems[0].message.find("U+0007") != std::string::npos);

    // Tabs and line breaks inside quotes stay allowed.
    CHECK(csv::parse("a,b\n1,\"x\ty\r\nz\"\n").problems.empty());

    // Through the compiler: the message names the file, the line and the column.
    SourceDir dir;
    std::string text = fixture::valid_set().at("institutions.csv");
    const auto at = text.find("Casa del Migrante");
    REQUIRE(at != std::string::npos);
    text.insert(at + 4, std::string(1, '\0'));
    dir.write("institutions.csv", text);
    const CheckReport report = check_sources(dir.src());
    INFO("problems:\n" << all_problems(report));
    const auto line = 1 + std::count(text.begin(), text.begin() + at, '\n');
    const auto line_start = text.rfind('\n', at) + 1;
    std::string before = text.substr(line_start, at + 4 - line_start);
    int column = 1;
    for (unsigned char c : before) column += (c & 0xC0) != 0x80;
    CHECK(has_problem(report,
                      "institutions.csv:" + std::to_string(line) + ":" + std::to_string(column) +
                          ": control character U+0000 (NUL)",
                      "remove it"));
}

TEST_CASE("a cell, a line and a table file each have a maximum, with both sizes in the message") {
    const std::string fits(csv::kMaxCellBytes, 'x');
    CHECK(csv::parse("a,b\n1," + fits + "\n").problems.empty());

    auto cell = csv::parse("a,b\n1,\"" + fits + "y\"\n");
    REQUIRE(cell.problems.size() == 1);
    CHECK(cell.problems[0].line == 2);
    CHECK(cell.problems[0].column == 3);
    CHECK(cell.problems[0].message ==
          "a cell of 65,537 bytes, more than the 65,536 one cell may hold: shorten it or move the "
          "text to a Markdown page");

    std::string long_line = "a\n";
    for (int i = 0; i < 17; ++i) long_line += (i ? "," : "") + std::string(62000, 'z');
    long_line += "\nlast\n";
    auto line = csv::parse(long_line);
    REQUIRE(line.problems.size() == 1);
    CHECK(line.problems[0].line == 2);
    CHECK(line.problems[0].message ==
          "a line of 1,054,016 bytes, more than the 1,048,576 one line may hold: split it");
    CHECK(line.records.size() == 2);  // the header and the line after it

    SourceDir dir;
    dir.write("institutions.csv", std::string((32 << 20) + 1, 'a'));
    const CheckReport report = check_sources(dir.src());
    INFO("problems:\n" << all_problems(report));
    CHECK(has_problem(report, "institutions.csv:0: cannot read the file",
                      "33,554,433 bytes (32.0 MiB), more than the 33,554,432 bytes"));
}
