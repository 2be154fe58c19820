// SPDX-License-Identifier: GPL-3.0-or-later
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

// While set on this thread, the FTS5 tokenizer also hands every word of every document it
// indexes to `sink` (the store build collects each language's vocabulary in the same pass);
// nullptr stops it.
void set_token_sink(const std::function<void(std::string_view)>* sink);

// The name the schema's FTS5 table uses.
inline constexpr const char* kTokenizerName = "guichet";

// Calls `emit(folded, start, end)` for each word of `utf8`; start/end are byte offsets into
// `utf8`. Invalid UTF-8 never stops it. Apostrophes split words (l'école → l, école).
void for_each_word(std::string_view utf8,
                   const std::function<void(std::string_view folded, int start, int end)>& emit);

// Lowercase, diacritics removed: "ÉCOLE" → "ecole", "São" → "sao". Arabic: hamza forms and
// alef wasla → alef, tashkeel and tatweel dropped, ى/ی → ي, ة → ه, ک → ك, Arabic-Indic
// digits → 0-9 ("الأُمَّة" → "الامه").
std::string fold(std::string_view utf8);

// Lower case (ICU's root rules), accents kept: "Regularización" → "regularización".
std::string lowercase(std::string_view utf8);

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
    bool last_is_prefix = false;
};
SanitisedQuery sanitise_query(std::string_view raw);

// What the rank function needs besides the row: each query phrase's inverse document
// frequency, from the store's term_stats (FTS5's own bm25 rescans every phrase's whole doclist
// on each query to find it, which costs more than the search itself).
struct RankInput {
    std::vector<double> idf;  // one per phrase of the MATCH expression, in order
    // Which query word each phrase stands for (a word's alternatives: prefix completions,
    // corrections, synonyms); rows holding consecutive query words side by side, in order, in
    // one column rank higher by phrase_bonus (all of them adjacent: × 1 + phrase_bonus).
    std::vector<int> word_of_phrase;
    double title_weight = 4.0;
    double body_weight = 1.0;
    double phrase_bonus = 0.5;
};
inline constexpr const char* kRankInputType = "guichet_rank_input";

// `word` as an FTS5 string: quoted, inner quotes doubled; never an operator.
std::string quote_phrase(std::string_view word);

// Number of code points in valid UTF-8.
size_t code_points(std::string_view utf8);

// An extract of `text` of at most `max_words` words around the densest run of query words
// (with no words: the opening words), each matched word wrapped in \x01…\x02, "…" where text was
// cut. Empty when nothing matches. `words` are folded query words; the last one also matches as a
// prefix when `last_is_prefix`.
std::string snippet(std::string_view text, const std::vector<std::string>& words,
                    bool last_is_prefix, int max_words);

// Registers the tokenizer and the rank function `guichet_rank(search, ?, title_words,
// text_words)` (? bound with sqlite3_bind_pointer(…, RankInput*, kRankInputType); the word
// counts are the row's item_texts columns, read where the index keeps no per-row sizes) on a
// connection; must run before the FTS table is touched. The rank is BM25F (k1 = 1.2, b = 0.75
// per column, the title weighed title_weight times the text), higher is better.
Result<void> register_search_functions(sqlite3* db);

}  // namespace guichet::content::text
