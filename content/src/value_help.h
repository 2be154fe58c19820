// SPDX-License-Identifier: GPL-3.0-or-later
// Help for a value that is not valid: the nearest valid value by edit distance (case and accents
// aside) and the list of valid ones, and country names in Spanish, French, Portuguese or English
// (from ICU's locale data) turned into their ISO 3166-1 code. Internal to content/.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace guichet::content::sources {

// Levenshtein distance between the folded forms (lowercase, no accents) of `a` and `b`, in
// code points of the folded text.
int edit_distance(std::string_view a, std::string_view b);

// The valid value nearest to `value` when it is near enough to be a slip (at most a third of
// its letters, and at most 3, changed), else nullopt.
std::optional<std::string> nearest(std::string_view value, const std::set<std::string>& valid);

// "; did you mean 'information'? Valid: asylum, documents, …" — what follows the message of a
// value not in `valid` (only the list when nothing is near).
// With `label_context` ("service", "kind": the kiosk's labels of the codes), a value written as
// the code's name in es/fr/pt/en, or as one of the words staff use for it ("orientación",
// "aide juridique"), suggests the code, and the kiosk's label in the message language follows
// each code: "; did you mean 'information' (Información)? Valid: asylum (Asilo y refugio), …".
// `list_when_near` false: when a code is suggested, the valid list is left out (a file gives it
// once per column; the loader decides).
std::string did_you_mean(std::string_view value, const std::set<std::string>& valid,
                         const char* label_context = nullptr, bool list_when_near = true);
// The code `value` names (see did_you_mean), or nullopt.
std::optional<std::string> code_named(std::string_view value, const std::set<std::string>& valid,
                                      const char* label_context);

// The ISO 3166-1 alpha-2 code of a country written by name in es, fr, pt or en ("México",
// "Brasil", "États-Unis", "Haiti"), as its alpha-3 code ("MEX"), or written as a code in
// lowercase ("mx"); nullopt otherwise.
std::optional<std::string> country_code(std::string_view value);

}  // namespace guichet::content::sources
