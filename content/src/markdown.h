// SPDX-License-Identifier: GPL-3.0-or-later
// Markdown bodies as plain text (for search and snippets) and the item: links they make.
// Internal to content/.
#pragma once

#include <string>
#include <vector>

namespace guichet::content::markdown {

struct Scan {
    std::string plain;                     // the text a reader sees, blocks on their own lines
    std::vector<std::string> item_links;   // targets of [text](item:ID), in order
    std::vector<std::string> other_links;  // every other link target, in order
    std::vector<std::string> images;       // sources of ![alt](SRC), in order
};

Scan scan(const std::string& body);

}  // namespace guichet::content::markdown
