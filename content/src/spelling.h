// SPDX-License-Identifier: GPL-3.0-or-later
// Spelling tolerance for search: a sound-alike key for words written by ear, the edit distance
// words are compared with, and the deletion keys of the store's spelling index (SymSpell
// style). Works on folded words (text::fold). Internal to content/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace guichet::content::spelling {

// Words shorter than this (in letters) are never corrected: too many neighbours.
inline constexpr int kMinLetters = 4;

// Edits allowed for a query word of `letters` letters: 0 below 4, 1 for 4-7, 2 beyond.
int edit_budget(size_t letters);

// A folded word as it sounds in Spanish, Portuguese, French and Haitian Creole, so spellings
// written by ear share one key: s/c/z/ç (before e, i) → s, c/qu/k (hard) → k, j/g (soft) → j,
// v → b, ll/y/lh → y, ou/w → u, ph → f, tion → sion, silent h dropped, m before b/p → n, and
// doubled letters once. Letters outside Latin pass through unchanged.
// "regularisacion" and "regularizacion" → "regularisasion"; "refujio" and "refugio" → "refujio".
std::string phonetic_key(std::string_view folded);

// Damerau–Levenshtein distance (optimal string alignment: adjacent transpositions count one)
// over code points; stops early and returns max + 1 once the distance must exceed `max`.
int distance(std::string_view a, std::string_view b, int max);

// Every string made from `key` by deleting up to `edits` code points (the key itself
// included), without duplicates.
std::vector<std::string> deletions(std::string_view key, int edits);

// Number of code points.
size_t letters(std::string_view utf8);

}  // namespace guichet::content::spelling
