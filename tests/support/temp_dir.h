// A fresh, empty folder under the system temp folder for one test, named by the test.
#pragma once

#include <filesystem>

namespace guichet::testing {

inline std::filesystem::path fresh_temp_dir(const char* name) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace guichet::testing
