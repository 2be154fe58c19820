// SPDX-License-Identifier: GPL-3.0-or-later
// The `key = value` files every Guichet program reads (kiosk.conf, sync.conf, fleet.conf):
// one reader, so comments, blank lines, trimming and `FILE:LINE:` errors behave the same
// everywhere. What the keys mean stays with the module that owns them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "platform/result.h"

namespace guichet::settings {

struct Setting {
    std::string key;
    std::string value;
    int line = 0;
};

// Every `key = value` line in file order; `#` comments and blank lines skipped. A line without
// `=` or with an empty key is an error `FILE:LINE: want key = value, got '...'`.
Result<std::vector<Setting>> read_settings_file(const std::filesystem::path& file);

// "FILE:LINE: " — the prefix of an error about one setting, so a person can go and fix it.
std::string where(const std::filesystem::path& file, const Setting& setting);

}  // namespace guichet::settings
