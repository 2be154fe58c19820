// SPDX-License-Identifier: GPL-3.0-or-later
// A fresh, empty folder under the system temp folder for one test, named by the test and the
// process: ctest runs test cases as parallel processes, so a fixed name would be shared. The
// folders are removed when the test process exits.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace guichet::testing {

inline std::filesystem::path fresh_temp_dir(const char* name) {
    struct MadeThisRun {
        std::vector<std::filesystem::path> dirs;
        ~MadeThisRun() {
            std::error_code ignored;
            for (const auto& dir : dirs) std::filesystem::remove_all(dir, ignored);
        }
    };
    static MadeThisRun made;
    const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                      (std::string(name) + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    made.dirs.push_back(dir);
    return dir;
}

}  // namespace guichet::testing
