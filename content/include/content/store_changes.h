// SPDX-License-Identifier: GPL-3.0-or-later
// A content store changed in place, at the cost of what changed: the publisher's row changeset
// between two compiled stores (SQLite's session extension; what a store derives is left out),
// applied to a kiosk's live store in one transaction that keeps the word index, vocabulary and
// rank factors right and commits only if the result's content digest is the signed one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace guichet::content {

// A digest of a store's content (every row of every table except the derived ones) that
// follows row changes without reading the other rows: the lane-wise sum, modulo 2^64, of a
// 2048-bit hash of each row (SHA-512 expanding its SHA-256). 512 lowercase hex digits.
Result<std::string> store_content_digest(const std::filesystem::path& store);

struct StoreChangeset {
    std::string bytes;  // an SQLite changeset, uncompressed
    std::int64_t changes = 0;
};

// The rows that turn `from` into `to`. Fails when the two differ in tables or columns, or in
// languages (item_texts ids and every language chain would move): such a version is only
// published whole.
Result<StoreChangeset> make_store_changeset(const std::filesystem::path& from,
                                            const std::filesystem::path& to);

// What a store records about itself for in-place changes (table applied_state, outside its
// digest): its content digest and the sync version it holds.
struct StoreState {
    std::string digest;
    std::int64_t version = 0;
};
Result<StoreState> read_store_state(const std::filesystem::path& store);
// For a store just built from a verified image, before anyone reads it: WAL mode (readers
// keep their snapshot while a change commits) and `state` recorded.
Result<void> prepare_store_for_changes(const std::filesystem::path& store,
                                       const StoreState& state);

struct ApplyOptions {
    std::string base_digest;      // the store must hold exactly this content
    StoreState result;            // the signed digest the changes must produce, and its version
    std::filesystem::path undo;   // if set: the changeset back, written and synced before commit
    // If set, what is written to `undo` is this of the changeset back (sync compresses it:
    // the old texts of a 1 % update are ~3.6 MB, written at every update).
    std::function<Result<std::string>(std::string_view)> pack_undo;
    // Memory for the changed rows' old search texts, so that a row whose text the changes
    // leave as it was (a new phone number, a review date) is not indexed again; rows past it
    // are.
    std::size_t search_text_memory = std::size_t{32} << 20;
};
struct ApplySummary {
    std::int64_t changes = 0;    // rows changed
    std::int64_t items = 0;      // items whose search text was indexed again
    std::int64_t text_rows = 0;  // rows taken out of the word index and put in
};

// Applies `changeset` to `store` (prepared as above) in one transaction: the rows, their
// search index, vocabulary, term statistics and rank factors, the recorded state. Anything
// wrong (another base, a row that is not as the changeset expects, a result whose digest is
// not `result.digest`, a full disk) rolls everything back and says why. Readers of the store
// see the old content until they start a new read transaction.
Result<ApplySummary> apply_store_changeset(const std::filesystem::path& store,
                                           std::string_view changeset,
                                           const ApplyOptions& options);

// The changes that undo `changeset` (old and new values swapped, inserts and deletes
// exchanged): how a kiosk that kept the signed changes it applied goes back a version.
Result<std::string> invert_store_changeset(std::string_view changeset);

// Moves what the WAL holds back into the store file if no reader still needs the older pages
// (never waits for one). Run now and then: a kiosk reading an old snapshot keeps the last
// change's pages in the WAL until it opens the store again.
Result<void> checkpoint_store(const std::filesystem::path& store);

// Brings a store written for an older schema up to this program's, by the schema's forward
// steps, in one transaction (a crash leaves it as it was or migrated), so a kiosk whose
// software was updated reads its content at once instead of showing none until new content
// is published. Its recorded digest is dropped: the rows are no longer the ones signed, so
// its next update is a full download (the publisher makes no changes across schemas anyway).
// True when it migrated, false when the store was current; a newer or foreign store is an
// error and is left as it was.
Result<bool> upgrade_store(const std::filesystem::path& store);

// Drops the store's recorded digest (its rows are no longer the signed ones, e.g. built from
// an older schema's image and migrated): its next update is a full download.
Result<void> forget_store_digest(const std::filesystem::path& store);

}  // namespace guichet::content
