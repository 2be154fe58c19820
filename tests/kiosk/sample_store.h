// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled sample compiled into a store for the view-model tests. Under CTest the store is
// built once by the fixture test "kiosk sample store" (GUICHET_SAMPLE_STORE names it): each
// test case runs in a process of its own, and building the sample took 7 s a case under the
// sanitizers. Run by hand, the test builds its own in a temporary file, removed at exit.
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "content/compiler.h"

namespace guichet::kiosk::test {

struct SampleStoreFile {
    std::filesystem::path path;
    bool own = false;
    SampleStoreFile() {
        if (const char* built = std::getenv("GUICHET_SAMPLE_STORE");
            built && std::filesystem::is_regular_file(built)) {
            path = built;
            return;
        }
        path = std::filesystem::temp_directory_path() /
               ("guichet-kiosk-sample-" + std::to_string(::getpid()) + ".db");
        own = true;
        guichet::content::CheckReport report;
        auto made = guichet::content::build_store(GUICHET_SAMPLE_CONTENT, path, report);
        REQUIRE_MESSAGE(made.ok(), made.message());
    }
    ~SampleStoreFile() {
        std::error_code ignored;
        if (own) std::filesystem::remove(path, ignored);
    }
    SampleStoreFile(const SampleStoreFile&) = delete;
    SampleStoreFile& operator=(const SampleStoreFile&) = delete;
};

// The sample store of this process (built or found once).
inline const std::filesystem::path& sample_store() {
    static const SampleStoreFile store;
    return store.path;
}

}  // namespace guichet::kiosk::test
