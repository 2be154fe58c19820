// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "platform/paths.h"

namespace fs = std::filesystem;

TEST_CASE("the development state folder follows XDG_STATE_HOME") {
    const char* old = std::getenv("XDG_STATE_HOME");
    std::string saved = old ? old : "";
    setenv("XDG_STATE_HOME", "/tmp/guichet-xdg-test", 1);
    CHECK(guichet::paths::default_state_dir() == fs::path("/tmp/guichet-xdg-test/guichet"));
    if (old)
        setenv("XDG_STATE_HOME", saved.c_str(), 1);
    else
        unsetenv("XDG_STATE_HOME");
}

TEST_CASE("ensure_dir creates nested folders and names the path when it cannot") {
    const fs::path base = fs::temp_directory_path() / "guichet-paths-test";
    fs::remove_all(base);
    auto made = guichet::paths::ensure_dir(base / "a" / "b");
    REQUIRE(made.ok());
    CHECK(fs::is_directory(base / "a" / "b"));

    // A regular file where a folder should be: the message names the path.
    std::FILE* f = std::fopen((base / "file").c_str(), "w");
    REQUIRE(f);
    std::fclose(f);
    auto blocked = guichet::paths::ensure_dir(base / "file" / "sub");
    CHECK_FALSE(blocked.ok());
    CHECK(blocked.message().find((base / "file" / "sub").string()) != std::string::npos);
    fs::remove_all(base);
}
