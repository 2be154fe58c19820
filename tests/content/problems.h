// SPDX-License-Identifier: GPL-3.0-or-later
// What the checker reported, as tests read it: the problems of a source folder as lines, whether
// one starts with (or holds) a text, and the whole list joined for a failure message.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "content/compiler.h"
#include "fixture.h"

namespace fixture {

inline std::vector<std::string> problems_in(const SourceDir& dir) {
    std::vector<std::string> out;
    for (const auto& p : guichet::content::check_sources(dir.src()).problems)
        out.push_back(p.to_string());
    return out;
}

// True when some problem starts with `expected` (the exact file:line and the message's start).
inline bool reports(const std::vector<std::string>& problems, const std::string& expected) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.rfind(expected, 0) == 0; });
}

inline std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

inline std::string joined(const std::vector<guichet::content::Diagnostic>& list) {
    std::string out;
    for (const auto& d : list) out += d.to_string() + "\n";
    return out;
}

// True when some diagnostic holds `part` anywhere in its text.
inline bool has(const std::vector<guichet::content::Diagnostic>& list, const std::string& part) {
    return std::any_of(list.begin(), list.end(), [&](const guichet::content::Diagnostic& d) {
        return d.to_string().find(part) != std::string::npos;
    });
}

}  // namespace fixture
