// SPDX-License-Identifier: GPL-3.0-or-later
// Which store the kiosk shows: a store replaced on disk is opened and prepared on a thread of
// its own and taken at the switch; a broken one is refused once and the shown one stays.
#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "providers/content_source.h"
#include "sample_store.h"

using namespace guichet::kiosk;
namespace fs = std::filesystem;

namespace {

struct TempFolder {
    fs::path path =
        fs::temp_directory_path() / ("guichet-content-source-" + std::to_string(::getpid()));
    TempFolder() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempFolder() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

// What sync does: a whole new file renamed over the shown one.
void replace_with(const fs::path& store, const fs::path& source) {
    const fs::path incoming = store.string() + ".incoming";
    fs::copy_file(source, incoming, fs::copy_options::overwrite_existing);
    fs::rename(incoming, store);
}

// A copy of the sample store shown by a ContentSource, as the kiosk starts with it.
struct ShownStore {
    TempFolder folder;
    fs::path store = folder.path / "content.db";
    ContentSource source{store, folder.path / "state"};
    ShownStore() {
        fs::copy_file(test::sample_store(), store);
        auto opened = source.open();
        REQUIRE_MESSAGE(opened.ok(), opened.message());
        REQUIRE(source.get() != nullptr);
    }
};

bool ready_within(const ContentSource& source, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!source.new_ready()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

}  // namespace

TEST_CASE("a replaced store is prepared away from the caller and taken at the switch") {
    ShownStore shown_store;
    ContentSource& source = shown_store.source;
    const fs::path& store = shown_store.store;
    const ContentAdapter* shown = source.get();
    const auto shown_identity = shown->identity();
    CHECK_FALSE(source.new_store_on_disk());
    CHECK(source.new_ready());  // nothing started

    replace_with(store, test::sample_store());
    REQUIRE(source.new_store_on_disk());
    source.prepare_new();
    source.prepare_new();          // asked again while it runs: one preparation, not two
    CHECK(source.get() == shown);  // the shown store stays until the switch
    REQUIRE(ready_within(source, std::chrono::seconds(60)));
    auto switched = source.switch_to_new();
    REQUIRE_MESSAGE(switched.ok(), switched.message());
    REQUIRE(source.get() != nullptr);
    CHECK(source.get()->identity() != shown_identity);
    CHECK_FALSE(source.new_store_on_disk());
    // The prepared store answers as a store opened the plain way.
    auto plain = ContentAdapter::open(test::sample_store());
    REQUIRE(plain.ok());
    auto home = source.get()->home("es");
    REQUIRE(home.ok());
    CHECK(home->size() == (*plain)->home("es")->size());
}

TEST_CASE("a store found after the switch began preparing is opened for itself") {
    ShownStore shown_store;
    ContentSource& source = shown_store.source;
    const fs::path& store = shown_store.store;
    replace_with(store, test::sample_store());
    REQUIRE(source.new_store_on_disk());
    source.prepare_new();
    replace_with(store, test::sample_store());  // replaced again before the switch
    REQUIRE(source.new_store_on_disk());
    auto switched = source.switch_to_new();  // without prepare_new for the second file
    REQUIRE_MESSAGE(switched.ok(), switched.message());
    CHECK(source.get()->identity() == file_identity(store));
    CHECK_FALSE(source.new_store_on_disk());
}

TEST_CASE("a broken store prepared away is refused once, and the shown store stays") {
    ShownStore shown_store;
    ContentSource& source = shown_store.source;
    const fs::path& store = shown_store.store;
    const std::string version = source.get()->version();
    const fs::path broken = shown_store.folder.path / "broken.db";
    std::ofstream(broken) << "not a Guichet store, nor SQLite at all\n";
    replace_with(store, broken);
    REQUIRE(source.new_store_on_disk());
    source.prepare_new();
    REQUIRE(ready_within(source, std::chrono::seconds(60)));
    auto switched = source.switch_to_new();
    REQUIRE_FALSE(switched.ok());
    CHECK(switched.message().find("content.db") != std::string::npos);
    REQUIRE(source.get() != nullptr);
    CHECK(source.get()->version() == version);
    CHECK_FALSE(source.new_store_on_disk());  // not offered again
}
