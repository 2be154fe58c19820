// SPDX-License-Identifier: GPL-3.0-or-later
// Every word the kiosk itself shows: English source strings (src/ui_messages.cpp) translated in
// gettext PO files (kiosk/po/LANG.po, through platform/i18n.h), compiled in at build time.
// A language without a translation falls back like content does: its own chain (given by the
// content store), then its base subtag (es-419 → es), then the English source.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace guichet::kiosk {

// The languages with a PO file (kiosk/po/LINGUAS order: es en fr pt ht ar).
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

// Every key, in source order, for the completeness test and the glyph atlas.
std::vector<std::string_view> ui_string_keys();
// The English source text of `key` (empty for an unknown key).
std::string_view ui_string_source(std::string_view key);
// `key` in exactly `language`, no fallback (empty when that PO file lacks it).
std::string_view ui_string_cell(std::string_view key, std::string_view language);

}  // namespace guichet::kiosk
