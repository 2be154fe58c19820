// SPDX-License-Identifier: GPL-3.0-or-later
// Versions of the synthetic corpus as a kiosk builds them, and what tests of stores changing
// from version to version read from them (rows, search hits, digests).
#pragma once

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../support/temp_dir.h"
#include "content/compiler.h"
#include "content/store.h"
#include "content/store_changes.h"
#include "content/store_rows.h"
#include "content/synth.h"

namespace guichet::content::testing {
namespace fs = std::filesystem;

// The store a kiosk builds from the row image of the sources in `src` (its name: `name`.db).
inline fs::path kiosk_store(const fs::path& src, const fs::path& dir, const std::string& name) {
    CheckReport report;
    const fs::path compiled = dir / (name + "-compiled.db");
    REQUIRE(build_store(src, compiled, report));
    const fs::path image = dir / (name + "-image");
    REQUIRE(export_store_rows(compiled, image));
    const fs::path built = dir / (name + ".db");
    REQUIRE(build_store_from_rows(image, built));
    return built;
}

inline std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE(out.good());
}

// The 300-item synthetic set twice, for a test to edit the second (src1) by hand.
struct SourceSets {
    fs::path dir, src0, src1;
};

inline SourceSets two_source_sets(const char* name) {
    SourceSets s;
    s.dir = guichet::testing::fresh_temp_dir(name);
    s.src0 = s.dir / "src0";
    s.src1 = s.dir / "src1";
    SynthOptions o;
    o.items = 300;
    o.seed = 7;
    REQUIRE(write_synthetic_sources(s.src0, o));
    fs::copy(s.src0, s.src1, fs::copy_options::recursive);
    return s;
}

// The first article's Spanish file (by name) in a source set.
inline fs::path first_spanish_article(const fs::path& src) {
    fs::path first;
    for (const auto& entry : fs::directory_iterator(src / "articles"))
        if (entry.path().filename().string().ends_with(".es.md") &&
            (first.empty() || entry.path() < first))
            first = entry.path();
    REQUIRE_FALSE(first.empty());
    return first;
}

// Withdraws the set's statistics series, the last item by id ("synthetic-flows" sorts after
// every other prefix); returns its id. Text ids are a sequence in item order, so no other
// text's id moves.
inline std::string withdraw_last_item(const fs::path& src) {
    const std::string series = read_file(src / "statistics/series.csv");
    const size_t row = series.find('\n') + 1;
    const std::string id = series.substr(row, series.find(',', row) - row);
    REQUIRE(series.find('\n', row) + 1 == series.size());  // the one series
    write_file(src / "statistics/series.csv", series.substr(0, row));
    const std::string values = read_file(src / "statistics/values.csv");
    write_file(src / "statistics/values.csv", values.substr(0, values.find('\n') + 1));
    return id;
}

inline std::vector<std::string> rows_of(const fs::path& store, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::vector<std::string> out;
    while (sqlite3_step(st) == SQLITE_ROW) {
        std::string row;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            const unsigned char* t = sqlite3_column_text(st, c);
            row += (t ? reinterpret_cast<const char*>(t) : "NULL") + std::string("|");
        }
        out.push_back(row);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

inline std::string hits(const fs::path& store, const char* query, const char* lang) {
    auto opened = ContentStore::open(store);
    REQUIRE(opened);
    auto found = opened->search(query, lang, 30);
    REQUIRE(found);
    std::string out;
    for (const auto& h : *found)
        out += h.id + "|" + h.language + "|" + h.title + "|" + std::to_string(h.score) + "\n";
    return out;
}

inline std::string digest_of(const fs::path& store) {
    auto d = store_content_digest(store);
    return d ? *d : std::string();
}

}  // namespace guichet::content::testing
