// SPDX-License-Identifier: GPL-3.0-or-later
#include "front_matter.h"

#include <vector>

#include "messages.h"
#include "source_values.h"

namespace guichet::content::sources {

FrontMatter parse_front_matter(const std::string& text, const std::string& file,
                               Problems& problems) {
    FrontMatter fm;
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    auto is_fence = [](const std::string& l) { return trim(l) == "---"; };
    if (lines.empty() || !is_fence(lines[0])) {
        problems.add(file, 1, messages::tr("missing front matter: the file must start with a --- line"));
        return fm;
    }
    size_t close = 0;
    for (size_t i = 1; i < lines.size(); ++i)
        if (is_fence(lines[i])) {
            close = i;
            break;
        }
    if (close == 0) {
        problems.add(file, 1, messages::tr("front matter is never closed (add a --- line after it)"));
        return fm;
    }
    fm.ok = true;
    for (size_t i = 1; i < close; ++i) {
        int line = static_cast<int>(i) + 1;
        std::string l = trim(lines[i]);
        if (l.empty()) continue;
        auto colon = l.find(':');
        if (colon == std::string::npos || colon == 0) {
            problems.add(file, line, messages::tr("expected 'key: value'"));
            continue;
        }
        std::string key = trim(l.substr(0, colon));
        std::string value = trim(l.substr(colon + 1));
        if (fm.values.count(key)) {
            problems.add(file, line, messages::trf("duplicate key '{1}'", {key}));
            continue;
        }
        fm.values[key] = {value, line};
    }
    fm.body_line = static_cast<int>(close) + 2;
    size_t offset = 0;
    for (size_t i = 0; i <= close; ++i) offset += lines[i].size() + 1;
    fm.body = offset < text.size() ? text.substr(offset) : std::string();
    return fm;
}

}  // namespace guichet::content::sources
