// SPDX-License-Identifier: GPL-3.0-or-later
// Files that are not files, names that climb, symlinks that leave: every reader of outside
// files goes through platform's bounded reader or a confined folder, so these cases are
// checked once here and again where each program reads (sync, content, kiosk, fleet tests).
#include <doctest/doctest.h>

#include "../support/temp_dir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "platform/confined_dir.h"
#include "platform/files.h"
#include "platform/safe_json.h"
#include "platform/settings_file.h"
#include "platform/utf8.h"

namespace fs = std::filesystem;
using namespace guichet;
using files::ConfinedDir;
using files::Symlinks;

namespace {

void write(const fs::path& path, const std::string& body) {
    std::ofstream(path, std::ios::binary) << body;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Runs `read` and says how long it took: a reader that opened a FIFO would block forever.
template <class F>
double seconds_for(F&& read) {
    const auto start = std::chrono::steady_clock::now();
    read();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("the bounded reader refuses a FIFO, a device, a folder and symlinks to them at once") {
    const fs::path dir = testing::fresh_temp_dir("guichet-not-files");
    REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
    fs::create_symlink("/dev/zero", dir / "to-device");
    fs::create_symlink(dir / "fifo", dir / "to-fifo");
    for (const fs::path& path : {dir / "fifo", fs::path("/dev/zero"), fs::path("/dev/null"),
                                 dir / "to-device", dir / "to-fifo", dir}) {
        CAPTURE(path);
        Result<std::string> read = make_error("not run");
        CHECK(seconds_for([&] { read = files::read_regular_file(path, 1024); }) < 2.0);
        REQUIRE_FALSE(read.ok());
        CHECK(read.message() == path.string() + ": not a regular file");
        CHECK_FALSE(files::read_file(path).ok());
        CHECK_FALSE(settings::read_settings_file(path).ok());
    }
}

TEST_CASE("the bounded reader stops at its limit and says both sizes exactly") {
    const fs::path dir = testing::fresh_temp_dir("guichet-bounded");
    write(dir / "big", std::string(5000, 'x'));
    auto read = files::read_regular_file(dir / "big", 4096);
    REQUIRE_FALSE(read.ok());
    CHECK(contains(read.message(), "5,000 bytes (4.9 KiB), more than the 4,096 bytes (4.0 KiB)"));
    CHECK(files::read_regular_file(dir / "big", 5000).ok());
    CHECK(files::describe_bytes(67108864) == "67,108,864 bytes (64.0 MiB)");
    CHECK(files::describe_bytes(67108863) == "67,108,863 bytes (64.0 MiB)");
    CHECK(files::describe_bytes(12) == "12 bytes");
}

TEST_CASE("the path grammar refuses what could climb or hide") {
    for (const char* good : {"a", "a/b.json", "targets/guichet/store.rows.zst", "é/ü.txt"})
        CHECK_MESSAGE(files::check_relative_path(good).ok(), good);
    const std::string nul("a\0b", 3);
    for (const std::string& bad :
         {std::string(""), std::string("/etc/passwd"), std::string("../x"), std::string("a/../b"),
          std::string("a/./b"), std::string("."), std::string("a//b"), std::string("a/"),
          std::string("a\\..\\b"), nul, std::string("a\nb"), std::string("\xff\xfe"),
          std::string(300, 'a')}) {
        CAPTURE(bad);
        CHECK_FALSE(files::check_relative_path(bad).ok());
    }
    CHECK_FALSE(files::check_file_name("a/b").ok());
    CHECK(files::check_file_name("abc.part").ok());
}

TEST_CASE("a confined folder never reaches outside, whatever the name or the links in it") {
    for (const bool portable : {false, true}) {
        CAPTURE(portable);
        ConfinedDir::force_portable_resolution(portable);
        const fs::path top =
            testing::fresh_temp_dir(portable ? "guichet-confined-p" : "guichet-confined");
        fs::create_directories(top / "root" / "sub");
        write(top / "secret", "outside");
        write(top / "root" / "sub" / "inside.txt", "inside");
        fs::create_symlink(top / "secret", top / "root" / "out-link");
        fs::create_symlink("../secret", top / "root" / "rel-out");
        fs::create_symlink(top, top / "root" / "dir-out");
        fs::create_symlink("sub/inside.txt", top / "root" / "in-link");
        REQUIRE(::mkfifo((top / "root" / "fifo").c_str(), 0600) == 0);
        ::symlink("/dev/zero", (top / "root" / "dev").c_str());

        for (const Symlinks policy : {Symlinks::refuse, Symlinks::within}) {
            auto root = ConfinedDir::open(top / "root", policy);
            REQUIRE(root.ok());
            CHECK(*root->read("sub/inside.txt", 100) == "inside");
            for (const char* name : {"out-link", "rel-out", "dir-out/secret", "../secret", "dev"})
                CHECK_MESSAGE(!root->read(name, 100).ok(), std::string(name));
            CHECK(root->read("fifo", 100).message() ==
                  (top / "root" / "fifo").string() + ": not a regular file");
            // Within the folder, a link is followed only when the policy allows it (and the
            // kernel offers openat2; the portable walk refuses every link).
            const bool follows = policy == Symlinks::within && !portable;
            CHECK(root->read("in-link", 100).ok() == follows);
            // Writing through a link or a climbing name creates nothing outside.
            CHECK_FALSE(root->write_atomically("../escape", "x").ok());
            CHECK_FALSE(root->write_atomically("dir-out/escape", "x").ok());
            CHECK_FALSE(root->open_file("dir-out/escape", O_WRONLY | O_CREAT).ok());
            CHECK_FALSE(root->subdir("dir-out", true).ok());
            CHECK_FALSE(root->rename("sub/inside.txt", "dir-out/moved").ok());
            CHECK_FALSE(fs::exists(top / "escape"));
            CHECK(*files::read_file(top / "secret") == "outside");
        }
        auto root = ConfinedDir::open(top / "root", Symlinks::refuse);
        REQUIRE(root.ok());
        // Writing over a link replaces the link, never what it points at.
        REQUIRE(root->write_atomically("out-link", "x").ok());
        CHECK(*files::read_file(top / "secret") == "outside");
        CHECK(*root->read("out-link", 10) == "x");
        // Writing and renaming inside work, and removing a link removes the link only.
        REQUIRE(root->subdir("a/b", true).ok());
        REQUIRE(root->write_atomically("a/b/c.json", "{}").ok());
        CHECK(*root->read("a/b/c.json", 10) == "{}");
        REQUIRE(root->rename("a/b/c.json", "a/c.json").ok());
        CHECK(root->file_size("a/c.json").value() == 2);
        REQUIRE(root->remove("dir-out").ok());
        REQUIRE(root->remove("a").ok());
        CHECK_FALSE(root->exists("a"));
        CHECK(root->remove("never-there").ok());
        CHECK(fs::exists(top / "secret"));
        CHECK(fs::exists(top / "root" / "sub" / "inside.txt"));
        ConfinedDir::force_portable_resolution(false);
    }
}

TEST_CASE("UTF-8 is strict and repairable") {
    CHECK(utf8::is_valid("Kreyòl ayisyen, العربية"));
    CHECK(utf8::first_invalid("ab\xC0\xAF") == 2);        // overlong '/'
    CHECK(utf8::first_invalid("\xED\xA0\x80") == 0);      // surrogate
    CHECK(utf8::first_invalid("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
    CHECK(utf8::first_invalid("caf\xC3") == 3);           // cut short
    CHECK(utf8::sanitize("a\xFF"
                         "b") ==
          "a\xEF\xBF\xBD"
          "b");
    CHECK(utf8::sanitize("\xE2\x82") == "\xEF\xBF\xBD");  // one bad subpart, one U+FFFD
    CHECK(utf8::first_control("a\tb") == std::string::npos);
    CHECK(utf8::first_control(std::string("a\0b", 3)) == 1);
    CHECK(utf8::first_control("a\x1b[2J") == 1);
}

TEST_CASE("safe JSON: no exception in, none out") {
    auto deep = safe_json::parse(std::string(100000, '[') + std::string(100000, ']'));
    REQUIRE_FALSE(deep.ok());
    CHECK(contains(deep.message(), "100000 levels"));
    CHECK_FALSE(safe_json::parse("{\"a\": \"\xff\"}").ok());
    CHECK_FALSE(safe_json::parse("{").ok());
    CHECK(safe_json::parse("{\"a\": \"[[[\"}").ok());  // brackets inside strings do not count
    safe_json::Json doc = {
        {"name", std::string("bad \xff name")}, {"n", "12"}, {"big", 18446744073709551615ULL}};
    CHECK(safe_json::dump(doc) ==
          "{\"big\":18446744073709551615,\"n\":\"12\",\"name\":\"bad \xEF\xBF\xBD name\"}");
    CHECK(safe_json::get_int(doc, "n", 7) == 7);
    CHECK(safe_json::get_int(doc, "big", 7) == 7);
    CHECK(safe_json::get_string(doc, "n") == "12");
    CHECK(safe_json::get_string(safe_json::Json::array(), "n", "x") == "x");
    CHECK_FALSE(safe_json::get_bool(doc, "name"));
}

TEST_CASE("settings: invalid UTF-8 and control characters are FILE:LINE errors") {
    const fs::path dir = testing::fresh_temp_dir("guichet-settings-bytes");
    write(dir / "utf8.conf", "a = 1\nsite = Caf\xe9\n");
    auto bad = settings::read_settings_file(dir / "utf8.conf");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.message() == (dir / "utf8.conf").string() +
                               ":2: not valid UTF-8 at column 11 (save the file as UTF-8)");
    write(dir / "nul.conf", std::string("a = 1\nsite = x\0y\n", 17));
    auto nul = settings::read_settings_file(dir / "nul.conf");
    REQUIRE_FALSE(nul.ok());
    CHECK(contains(nul.message(), "nul.conf:2: control character 0 at column 9"));
    write(dir / "big.conf", std::string(files::kMaxSettingsBytes + 1, '#'));
    CHECK(contains(settings::read_settings_file(dir / "big.conf").message(),
                   "more than the 1,048,576 bytes"));
}
