// Word breaking and folding for search (ICU word breaks, case folding, diacritics removed),
// the FTS5 tokenizer built on it, and the sanitiser that turns anything a visitor types into a
// query of plain words. Internal to content/.
#pragma once

#include <sqlite3.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace guichet::content::text {

// The name the schema's FTS5 table uses.
inline constexpr const char* kTokenizerName = "guichet";

// Calls `emit(folded, start, end)` for each word of `utf8`; start/end are byte offsets into
// `utf8`. Invalid UTF-8 never stops it. Apostrophes split words (l'école → l, école).
void for_each_word(std::string_view utf8,
                   const std::function<void(std::string_view folded, int start, int end)>& emit);

// Lowercase, diacritics removed: "ÉCOLE" → "ecole", "São" → "sao".
std::string fold(std::string_view utf8);

// Folded words of `utf8`.
std::vector<std::string> words(std::string_view utf8);

// Replaces every invalid UTF-8 sequence with U+FFFD.
std::string repair_utf8(std::string_view bytes);

// An FTS5 MATCH expression of plain quoted words (the last one a prefix), or empty when the
// input has no words. Never contains FTS5 operators the visitor typed.
struct SanitisedQuery {
    std::string match;      // every word, implicitly AND-ed
    std::string match_any;  // the same words OR-ed, for a second chance
    std::vector<std::string> words;
};
SanitisedQuery sanitise_query(std::string_view raw);

// Registers the tokenizer on a connection; must run before the FTS table is touched.
Result<void> register_tokenizer(sqlite3* db);

}  // namespace guichet::content::text
