// SPDX-License-Identifier: GPL-3.0-or-later
// The closed vocabularies (icons, kinds, services…) and the value grammars (ids, dates,
// countries, language tags, addresses, numbers) that FORMAT.md defines for staff sources.
// Internal to content/: one place for every rule a cell is checked against.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::content::sources {

extern const std::set<std::string> kIcons;
extern const std::set<std::string> kInstitutionKinds;
extern const std::set<std::string> kServices;
extern const std::set<std::string> kNewsKinds;
extern const std::set<std::string> kProgrammeKinds;
extern const std::set<std::string> kNormKinds;
extern const std::set<std::string> kDirections;
extern const std::set<std::string> kPublicationKinds;

// Without surrounding blanks (space, tab, CR).
std::string trim(std::string_view s);
// The non-empty, trimmed parts of a list cell.
std::vector<std::string> split_list(std::string_view s, char separator = ';');
// The parts joined by "; " (what split_list reads back).
std::string join_list(const std::vector<std::string>& parts);
// Lowercase ASCII letters, digits and single inner dashes, at most 64.
bool is_slug(std::string_view id);
// A real calendar date written YYYY-MM-DD, from 1800.
bool is_date(std::string_view s);
// ISO 3166-1 alpha-2 shape: two capital letters.
bool is_country(std::string_view s);
// BCP 47, the shapes the kiosk meets: a 2–3 letter language, then subtags of 2–8 letters/digits.
bool is_language_code(std::string_view s);
bool is_url(std::string_view s);
// A link a visitor can follow from a QR code: an is_url, or mailto: or tel: with something after.
bool is_link(std::string_view s);
// A telephone number a visitor can dial: digits with spaces, dashes, dots or brackets, an
// optional leading +, 3 to 15 digits.
bool is_phone(std::string_view s);
bool is_email(std::string_view s);
// Opening hours are free text in the staff's language ("Lunes a viernes 9:00–14:00", "9 h –
// 14 h 30"); what cannot be a time of day in it is a slip: the first such time as written
// ("25:00", "9:75"), or "" when every time is one. A time is H:MM, H.MM, HhMM or H h MM.
std::string bad_time_in_hours(std::string_view text);
// A plain decimal (optional leading minus, one dot); no exponent, no thousands separator.
std::optional<double> parse_decimal(std::string_view s);
// Four digits, 1800 to 2100.
std::optional<int> parse_year(std::string_view s);

}  // namespace guichet::content::sources
