// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <filesystem>

#include "platform/files.h"
#include "platform/settings_file.h"

namespace fs = std::filesystem;
using namespace guichet;

namespace {
fs::path write_sample(const std::string& name, const std::string& body) {
    const fs::path dir = fs::temp_directory_path() / "guichet-settings-test";
    fs::create_directories(dir);
    REQUIRE(files::write_file_atomically(dir / name, body).ok());
    return dir / name;
}
}  // namespace

TEST_CASE("settings keep file order and line numbers, skipping comments and blanks") {
    const fs::path file = write_sample("ok.conf",
                                       "# fleet\n\n  location = https://h/s/  \n"
                                       "site_name=Consulado de Tapachula\r\nempty =\n");
    auto read = settings::read_settings_file(file);
    REQUIRE(read.ok());
    REQUIRE(read->size() == 3);
    CHECK((*read)[0].key == "location");
    CHECK((*read)[0].value == "https://h/s/");
    CHECK((*read)[0].line == 3);
    CHECK((*read)[1].value == "Consulado de Tapachula");
    CHECK((*read)[2].key == "empty");
    CHECK((*read)[2].value.empty());
    CHECK(settings::where(file, (*read)[1]) == file.string() + ":4: ");
}

TEST_CASE("a line without '=' or without a key is an error naming file and line") {
    auto no_equals = settings::read_settings_file(write_sample("bad.conf", "a = 1\nlocation\n"));
    REQUIRE_FALSE(no_equals.ok());
    CHECK(no_equals.message().find("bad.conf:2: ") != std::string::npos);
    auto no_key = settings::read_settings_file(write_sample("nokey.conf", " = 3\n"));
    REQUIRE_FALSE(no_key.ok());
    CHECK(no_key.message().find("nokey.conf:1: ") != std::string::npos);
    auto missing = settings::read_settings_file("/nonexistent/guichet.conf");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.message().find("/nonexistent/guichet.conf") != std::string::npos);
}
