// SPDX-License-Identifier: GPL-3.0-or-later
// Column names as staff write them: one table of the canonical columns and what they are called
// in Spanish, French, Portuguese and English, matched case- and accent-insensitively, with the
// language of a translatable column written `nombre@es`, `nombre (es)`, `nombre [es]` or
// `nombre (español)`. Internal to content/.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::content::columns {

struct Resolved {
    std::string canonical;  // "name", "name@es"; empty when the header names no column here
    std::string language;   // the language part as written, when one was given
};

// The column `header` names among `plain` and `translatable` (the columns this file may hold).
// A language given by name ("español", "French") comes back as its code when it is one of
// es, en, fr, pt, ht, ar; any other text in the suffix is returned as written.
Resolved resolve(std::string_view header, const std::vector<std::string>& plain,
                 const std::vector<std::string>& translatable);

// Every name staff may write for canonical column `canonical`, for messages ("nombre, nom,
// nome, name").
std::vector<std::string> names_of(const std::string& canonical);

// The folded form headers are compared in: lowercase, no accents, runs of spaces, '_' and '-'
// as one space, trimmed.
std::string fold_header(std::string_view text);

}  // namespace guichet::content::columns
