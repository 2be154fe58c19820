// SPDX-License-Identifier: GPL-3.0-or-later
// The store's schema, in one place: the current version, the DDL that creates it, the forward
// migrations and the version check every open runs. Internal to content/.
#pragma once

#include <sqlite3.h>

#include <string>

#include "platform/result.h"

namespace guichet::content::schema {

inline constexpr int kVersion = 9;

// A text row's search rowid is its language's position << kLanguageShift | item_texts.id
// (a sequence in item order, below 2^32).
inline constexpr int kLanguageShift = 32;
inline constexpr int kMaxLanguages = 64;

// Room left in item_texts' pages when a store is written (no fill factor in SQLite): each
// row is inserted with kTextRoom spaces after `extra`, then trimmed by trim_text_room(), which
// shrinks every row in place and leaves ~kTextRoom bytes per row free in its page. A text
// that grows a little when the store is changed in place then stays on its page, where a
// full page splits and rewrites its neighbours and parent (a 1 % update of 100,000 items
// grows about half of the 2,500 texts it changes). The compiler and the build from a row
// image both do it; it is not content (the digest and the rows do not see it).
inline constexpr int kTextRoom = 48;
inline std::string trim_text_room() {
    return "UPDATE item_texts SET extra = substr(extra, 1, length(extra) - " +
           std::to_string(kTextRoom) + ") WHERE typeof(extra) = 'text'";
}

// Figures the compiler records in `meta` once the store is written, so opening a store never
// scans its tables. A store without them (older compiler, same schema) is counted on open.
inline constexpr const char* kMetaItemCount = "item_count";
inline constexpr const char* kMetaTextRows = "text_rows";
// One line per language and type: "LANG TYPE ITEMS TRANSLATED".
inline constexpr const char* kMetaCoverage = "coverage";

// Creates every table of the current version in an empty database and sets user_version.
Result<void> create(sqlite3* db);

// Brings a writable store up to kVersion, one step at a time.
Result<void> migrate(sqlite3* db);

// For a read-only open: fails for a store that is not ours, too old to read, or newer than
// this code. `name` is the file name used in messages.
Result<int> check_readable(sqlite3* db, const char* name);

// The local store (STATE/local.db): what staff write on the kiosk itself (notices). Sync never
// opens it for writing. Its own version, so it evolves apart from the content store's.
namespace local {
// 1: notices with first and last day; 2: days of the week and times of day (issue 21).
inline constexpr int kVersion = 2;
// Creates the tables in an empty database, or checks an existing one is a local store this
// code can use, migrating it forward in one transaction (a store of an older kiosk keeps its
// notices). `name` is the file name used in messages.
Result<void> create_or_check(sqlite3* db, const char* name);
}  // namespace local

}  // namespace guichet::content::schema
