// SPDX-License-Identifier: GPL-3.0-or-later
// The derived part of a store: the FTS5 word index and term_stats, computed from the tables
// alone, so the compiler and a kiosk rebuilding a store from its rows (store_rows.h) make the
// same index from the same rows. Internal to content/.
#pragma once

#include <sqlite3.h>

#include "platform/result.h"

namespace guichet::content::search_index {

// Fills `search` and `term_stats` (both empty) from items, item_texts and the per-type tables,
// in item_texts.id order, as one FTS5 segment. Runs its own transactions; the search functions
// (text::register_search_functions) must be registered on `db`.
Result<void> build(sqlite3* db);

}  // namespace guichet::content::search_index
