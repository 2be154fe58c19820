// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>

#include "platform/files.h"

namespace fs = std::filesystem;
using namespace guichet;

TEST_CASE("an atomic write replaces the whole file and leaves no temp file behind") {
    const fs::path dir = fs::temp_directory_path() / "guichet-files-test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path target = dir / "settings.json";
    REQUIRE(files::write_file_atomically(target, "first version, longer text").ok());
    REQUIRE(files::write_file_atomically(target, "second").ok());
    auto back = files::read_file(target);
    REQUIRE(back.ok());
    CHECK(*back == "second");
    CHECK_FALSE(fs::exists(dir / "settings.json.part"));
    fs::remove_all(dir);
}

TEST_CASE("a secret written with mode 0600 is readable by its owner only") {
    const fs::path dir = fs::temp_directory_path() / "guichet-files-mode";
    fs::remove_all(dir);
    fs::create_directories(dir);
    REQUIRE(files::write_file_atomically(dir / "key", "secret", 0600).ok());
    struct stat info {};
    REQUIRE(::stat((dir / "key").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    fs::remove_all(dir);
}

TEST_CASE("writing into a missing folder fails with the path in the message, nothing created") {
    const fs::path target = fs::temp_directory_path() / "guichet-no-such-dir" / "x.json";
    auto written = files::write_file_atomically(target, "x");
    CHECK_FALSE(written.ok());
    CHECK(written.message().find("guichet-no-such-dir") != std::string::npos);
    CHECK_FALSE(fs::exists(target));
    auto read = files::read_file(target);
    CHECK_FALSE(read.ok());
}
