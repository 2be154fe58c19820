// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <filesystem>

#include "platform/system_info.h"

using namespace guichet;

TEST_CASE("the machine has been up for some time and the temp folder has free space") {
    CHECK(system_info::uptime_seconds() > 0);
    auto free = system_info::free_disk_bytes(std::filesystem::temp_directory_path());
    REQUIRE(free.ok());
    CHECK(*free > 0);
}

TEST_CASE("free space of a missing folder is an error naming it") {
    auto free = system_info::free_disk_bytes("/no/such/guichet/folder");
    REQUIRE_FALSE(free.ok());
    CHECK(free.message().find("/no/such/guichet/folder") != std::string::npos);
}

TEST_CASE("the program version is the project's") {
    CHECK(system_info::program_version() == GUICHET_PROJECT_VERSION);
}
