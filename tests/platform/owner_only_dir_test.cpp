// SPDX-License-Identifier: GPL-3.0-or-later
// The updater's trust in its own folder, on real files: a layout only its owner can change is
// accepted; a writable folder above it, a symlink anywhere on the way, a folder or file others
// can write or that another user owns (as root: chowned to nobody) is refused, and the message
// names the path, its owner and its mode.
#include <doctest/doctest.h>

#include "../support/temp_dir.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "platform/owner_only_dir.h"

namespace fs = std::filesystem;
using namespace guichet;
using files::OwnerOnlyDir;

namespace {

constexpr uid_t kNobody = 65534;

bool mentions(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

void write_with_mode(const fs::path& path, const std::string& body, mode_t mode = 0600) {
    std::ofstream(path, std::ios::binary) << body;
    REQUIRE(::chmod(path.c_str(), mode) == 0);
}

void make_dir(const fs::path& path, mode_t mode) {
    fs::create_directories(path);
    REQUIRE(::chmod(path.c_str(), mode) == 0);
}

// updater/ (0755) with root/ (0700, sync.conf 0600) and public/ (0755, status.json 0644).
fs::path make_layout(const fs::path& at) {
    make_dir(at, 0755);
    make_dir(at / "root", 0700);
    make_dir(at / "public", 0755);
    write_with_mode(at / "root" / "sync.conf", "source = https://example.org/\n");
    write_with_mode(at / "public" / "status.json", "{}\n", 0644);
    return at;
}

}  // namespace

TEST_CASE("owner-only folder: the updater's own layout is accepted, its files read") {
    const fs::path base = testing::fresh_temp_dir("guichet-owner-only-ok");
    const fs::path updater = make_layout(base / "updater");
    auto dir = OwnerOnlyDir::open(updater, ::geteuid());
    INFO((dir.ok() ? std::string() : dir.message()));
    REQUIRE(dir.ok());
    auto own = dir->subdir("root");
    INFO((own.ok() ? std::string() : own.message()));
    REQUIRE(own.ok());
    auto text = own->read("sync.conf", 1024);
    REQUIRE(text.ok());
    CHECK(*text == "source = https://example.org/\n");
    CHECK(own->exists("sync.conf"));
    CHECK_FALSE(own->exists("update.conf"));
    CHECK(dir->subdir("public").ok());
    CHECK(files::check_owner_only_file(updater / "root" / "sync.conf", ::geteuid()).ok());
    // A trailing slash names the same folder.
    CHECK(OwnerOnlyDir::open(updater.string() + "/", ::geteuid()).ok());
    // The limit holds here too.
    auto limited = own->read("sync.conf", 4);
    REQUIRE_FALSE(limited.ok());
    CHECK(mentions(limited.message(), "sync.conf"));
}

TEST_CASE("owner-only folder: a folder above it that others can write is refused") {
    const fs::path base = testing::fresh_temp_dir("guichet-owner-only-parent");
    make_dir(base / "shared", 0777);  // no sticky bit: anyone may rename updater/ away
    const fs::path updater = make_layout(base / "shared" / "updater");
    auto dir = OwnerOnlyDir::open(updater, ::geteuid());
    REQUIRE_FALSE(dir.ok());
    INFO(dir.message());
    CHECK(mentions(dir.message(), (base / "shared").string() + " (a folder above"));
    CHECK(mentions(dir.message(), "mode 0777"));
    CHECK(mentions(dir.message(), "owned by " + files::describe_user(::geteuid())));
    CHECK(mentions(dir.message(), "writable by its group or others"));
    CHECK(mentions(dir.message(), "refused, nothing done"));
    // The same for a file named by a setting in there.
    CHECK_FALSE(files::check_owner_only_file(updater / "root" / "sync.conf", ::geteuid()).ok());

    // Group-writable is no better.
    REQUIRE(::chmod((base / "shared").c_str(), 0775) == 0);
    auto group = OwnerOnlyDir::open(updater, ::geteuid());
    REQUIRE_FALSE(group.ok());
    CHECK(mentions(group.message(), "mode 0775"));

    // Once nobody else can write it, the same layout passes.
    REQUIRE(::chmod((base / "shared").c_str(), 0755) == 0);
    CHECK(OwnerOnlyDir::open(updater, ::geteuid()).ok());
}

TEST_CASE("owner-only folder: the folder itself, a subfolder or a file others can write") {
    const fs::path base = testing::fresh_temp_dir("guichet-owner-only-writable");
    const fs::path updater = make_layout(base / "updater");

    REQUIRE(::chmod(updater.c_str(), 0777) == 0);
    auto itself = OwnerOnlyDir::open(updater, ::geteuid());
    REQUIRE_FALSE(itself.ok());
    CHECK(mentions(itself.message(), updater.string() + ": owned by"));
    CHECK(mentions(itself.message(), "mode 0777"));
    // The sticky bit excuses a folder above, never the trusted folder itself.
    REQUIRE(::chmod(updater.c_str(), 01777) == 0);
    auto sticky = OwnerOnlyDir::open(updater, ::geteuid());
    REQUIRE_FALSE(sticky.ok());
    CHECK(mentions(sticky.message(), "mode 1777"));
    REQUIRE(::chmod(updater.c_str(), 0755) == 0);

    auto dir = OwnerOnlyDir::open(updater, ::geteuid());
    REQUIRE(dir.ok());
    REQUIRE(::chmod((updater / "root").c_str(), 0770) == 0);
    auto sub = dir->subdir("root");
    REQUIRE_FALSE(sub.ok());
    CHECK(mentions(sub.message(), (updater / "root").string()));
    CHECK(mentions(sub.message(), "mode 0770"));
    REQUIRE(::chmod((updater / "root").c_str(), 0700) == 0);

    auto own = dir->subdir("root");
    REQUIRE(own.ok());
    REQUIRE(::chmod((updater / "root" / "sync.conf").c_str(), 0666) == 0);
    auto file = own->read("sync.conf", 1024);
    REQUIRE_FALSE(file.ok());
    CHECK(mentions(file.message(), (updater / "root" / "sync.conf").string()));
    CHECK(mentions(file.message(), "mode 0666"));
    CHECK(mentions(file.message(), "writable by its group or others"));
}

TEST_CASE("owner-only folder: symlinks are refused, never followed") {
    const fs::path base = testing::fresh_temp_dir("guichet-owner-only-symlink");
    const fs::path real = make_layout(base / "real");

    // The folder itself a symlink (what a kiosk user would plant in place of its folder).
    fs::create_directory_symlink(real, base / "updater");
    auto dir = OwnerOnlyDir::open(base / "updater", ::geteuid());
    REQUIRE_FALSE(dir.ok());
    INFO(dir.message());
    CHECK(mentions(dir.message(),
                   (base / "updater").string() + ": a symbolic link to " + real.string()));
    CHECK(mentions(dir.message(), "links are never followed"));

    // A symlink further up the path.
    auto below = OwnerOnlyDir::open(base / "updater" / "root", ::geteuid());
    REQUIRE_FALSE(below.ok());
    CHECK(mentions(below.message(), "a symbolic link"));

    // A subfolder that is a symlink, and a file that is one.
    fs::create_directory_symlink(real / "public", real / "root" / "linked");
    fs::create_symlink(real / "public" / "status.json", real / "root" / "trusted-root.json");
    auto own = OwnerOnlyDir::open(real / "root", ::geteuid());
    REQUIRE(own.ok());
    auto sub = own->subdir("linked");
    REQUIRE_FALSE(sub.ok());
    CHECK(mentions(sub.message(), "a symbolic link"));
    auto file = own->read("trusted-root.json", 1024);
    REQUIRE_FALSE(file.ok());
    CHECK(mentions(file.message(),
                   (real / "root" / "trusted-root.json").string() + ": a symbolic link to "));
    CHECK(own->exists("trusted-root.json"));  // it is there; it is just not trusted
    CHECK_FALSE(
        files::check_owner_only_file(real / "root" / "trusted-root.json", ::geteuid()).ok());
}

TEST_CASE("owner-only folder: not a folder, not a file, odd paths") {
    const fs::path base = testing::fresh_temp_dir("guichet-owner-only-odd");
    const fs::path updater = make_layout(base / "updater");
    write_with_mode(base / "plain", "x");
    auto file_as_dir = OwnerOnlyDir::open(base / "plain", ::geteuid());
    REQUIRE_FALSE(file_as_dir.ok());
    CHECK(mentions(file_as_dir.message(), "a file, not a folder"));

    REQUIRE(::mkfifo((updater / "root" / "update.conf").c_str(), 0600) == 0);
    auto own = OwnerOnlyDir::open(updater / "root", ::geteuid());
    REQUIRE(own.ok());
    auto fifo = own->read("update.conf", 1024);  // returns at once: nothing blocks on it
    REQUIRE_FALSE(fifo.ok());
    CHECK(mentions(fifo.message(), "a FIFO, not a regular file"));
    CHECK_FALSE(own->read("../public/status.json", 1024).ok());
    auto missing = own->read("pending.json", 1024);
    REQUIRE_FALSE(missing.ok());
    CHECK(mentions(missing.message(), "pending.json"));

    CHECK(mentions(OwnerOnlyDir::open("relative/updater", ::geteuid()).message(),
                   "not an absolute path"));
    CHECK(mentions(OwnerOnlyDir::open(base / "updater" / ".." / "updater", ::geteuid()).message(),
                   "'..' segment"));
}

TEST_CASE("owner-only folder: a folder or file another user owns is refused (as root)") {
    if (::geteuid() != 0) {
        MESSAGE("skipped: chown to another user needs root (CI runs the tests as root)");
        return;
    }
    const fs::path base = testing::fresh_temp_dir("guichet-owner-only-chown");
    const fs::path updater = make_layout(base / "updater");
    const std::string nobody = files::describe_user(kNobody);

    // What a compromised kiosk user could make: its own folder in the updater's place.
    REQUIRE(::chown(updater.c_str(), kNobody, kNobody) == 0);
    auto dir = OwnerOnlyDir::open(updater, 0);
    REQUIRE_FALSE(dir.ok());
    INFO(dir.message());
    CHECK(mentions(dir.message(), updater.string() + ": owned by " + nobody + ", mode 0755"));
    CHECK(mentions(dir.message(), "only what root (uid 0) owns"));
    REQUIRE(::chown(updater.c_str(), 0, 0) == 0);

    // Its own folder above the updater's (it could rename the updater's folder away).
    REQUIRE(::chown(base.c_str(), kNobody, kNobody) == 0);
    auto above = OwnerOnlyDir::open(updater, 0);
    REQUIRE_FALSE(above.ok());
    CHECK(mentions(above.message(),
                   base.string() + " (a folder above the trusted one): owned by " + nobody));
    REQUIRE(::chown(base.c_str(), 0, 0) == 0);

    // A file it owns among root's.
    REQUIRE(::chown((updater / "root" / "sync.conf").c_str(), kNobody, kNobody) == 0);
    auto own = OwnerOnlyDir::open(updater / "root", 0);
    REQUIRE(own.ok());
    auto file = own->read("sync.conf", 1024);
    REQUIRE_FALSE(file.ok());
    CHECK(mentions(file.message(), (updater / "root" / "sync.conf").string() + ": owned by " +
                                       nobody + ", mode 0600"));
    REQUIRE(::chown((updater / "root" / "sync.conf").c_str(), 0, 0) == 0);
    CHECK(own->read("sync.conf", 1024).ok());
}
