// SPDX-License-Identifier: GPL-3.0-or-later
// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF), with no library
// under it: every module checks text from outside here, and every string that goes out in a
// status, a state dump or a log line can be made valid here instead of throwing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace guichet::utf8 {

// Byte offset of the first invalid sequence, or npos when `text` is valid UTF-8.
std::size_t first_invalid(std::string_view text);
inline bool is_valid(std::string_view text) {
    return first_invalid(text) == std::string_view::npos;
}

// `text` with every invalid sequence replaced by U+FFFD (one per maximal bad subpart, as
// Unicode recommends), valid text returned unchanged.
std::string sanitize(std::string_view text);

// The first control character (U+0000–U+001F except tab, U+007F) at or after `from`, or
// npos. Settings and table cells are one line of text: a NUL or an escape code in one is an
// error to report, not a character to store.
std::size_t first_control(std::string_view text, std::size_t from = 0, bool allow_newlines = false);

}  // namespace guichet::utf8
