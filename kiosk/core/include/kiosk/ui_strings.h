// SPDX-License-Identifier: GPL-3.0-or-later
// Every word the kiosk itself shows, in one table translated into es, en, fr, pt and ht.
// A language missing from the table falls back like content does: its own chain (given by
// the content store), then its base subtag (es-419 → es), then English, then Spanish.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace guichet::kiosk {

// The languages every key of the table is written in.
const std::vector<std::string>& ui_languages();

// The text for `key` in `language`; `fallback_chain` is the content's chain for that
// language. An unknown key returns the key itself, so a gap is visible, never a crash.
std::string_view tr(std::string_view key, std::string_view language,
                    const std::vector<std::string>& fallback_chain = {});

// The same for codes that come from content (units, kinds): `otherwise` when the table has
// no such key, so an unknown code shows as itself rather than as "unit.xyz".
std::string_view tr_or(std::string_view key, std::string_view otherwise, std::string_view language,
                       const std::vector<std::string>& fallback_chain = {});

// Replaces "{}" in a translated pattern with `value` (one placeholder per pattern).
std::string format1(std::string_view pattern, std::string_view value);

// Every key in the table, for the completeness test.
std::vector<std::string_view> ui_string_keys();
// The raw cell (empty when the table has no text for that language).
std::string_view ui_string_cell(std::string_view key, std::string_view language);

}  // namespace guichet::kiosk
