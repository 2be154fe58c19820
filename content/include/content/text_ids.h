// SPDX-License-Identifier: GPL-3.0-or-later
// Each text of a content store keeps, from one published version to the next, the id it had in
// the version before: the compiler numbers texts in item order, so one translation added or one
// item removed would move every later text's id and turn a small edit into a full download.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "platform/result.h"

namespace guichet::content {

struct TextIdReport {
    std::int64_t kept = 0;     // texts (an item in a language) that keep their previous id
    std::int64_t added = 0;    // texts the previous version did not have: ids after its largest
    std::int64_t removed = 0;  // texts of the previous version gone from this one
    std::int64_t moved = 0;    // texts whose id is not the compiler's
    // The compiler's own numbering was kept instead: the previous ids would leave more unused
    // ids than texts (many removed over the versions), or run past what the word index can
    // number. Kiosks then download this version whole, and later versions keep its ids.
    bool renumbered = false;
    std::string why;  // for `renumbered`, in a sentence an operator can act on
};

// Writes to `out` (replaced) a copy of `store` in which every text the `previous` store holds
// (same item, same language) has the id it has there, and new texts follow the previous
// largest id in the compiler's order; the derived word index is rebuilt for the new ids. The
// content is the same except for those ids. No file is written when no id moves (the report's
// `moved` is 0, `renumbered` included): `store` itself is then the version to publish. Nothing
// (and no file) when either store has no texts (a store of other data published the same way).
// On error no file is left at `out`.
Result<std::optional<TextIdReport>> copy_keeping_text_ids(const std::filesystem::path& store,
                                                          const std::filesystem::path& previous,
                                                          const std::filesystem::path& out);

}  // namespace guichet::content
