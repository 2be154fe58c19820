// SPDX-License-Identifier: GPL-3.0-or-later
// The front matter of a Markdown source file: `key: value` lines between two `---` fences, each
// value with its line, and the body after it. Internal to content/.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "source_tables.h"

namespace guichet::content::sources {

struct FrontMatter {
    std::map<std::string, std::pair<std::string, int>> values;  // key → (value, line)
    std::string body;
    int body_line = 1;  // the line the body starts on
    bool ok = false;    // fences found; values may still hold problems already reported
};

// Problems (a missing or unclosed fence, a line without a colon, a duplicate key) are reported
// against `file`.
FrontMatter parse_front_matter(const std::string& text, const std::string& file,
                               Problems& problems);

}  // namespace guichet::content::sources
