// SPDX-License-Identifier: GPL-3.0-or-later
// A file a function writes is there whole or not at all: on an error or an exception the
// partial file (and an SQLite journal beside it) is removed. Internal to content/.
#pragma once

#include <exception>
#include <filesystem>
#include <string>
#include <system_error>

#include "platform/result.h"

namespace guichet::content {

// Runs `write` (returning a Result) for the file at `out`; an exception becomes an error that
// names `out`.
template <class Write>
auto written_whole(const std::filesystem::path& out, Write&& write) -> decltype(write()) {
    decltype(write()) result = make_error("internal error");
    try {
        result = write();
    } catch (const std::exception& e) {
        result = make_error(out.string() + ": " + e.what());
    }
    if (!result) {
        std::error_code ignored;
        std::filesystem::remove(out, ignored);
        std::filesystem::remove(out.string() + "-journal", ignored);
    }
    return result;
}

}  // namespace guichet::content
