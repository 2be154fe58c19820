// SPDX-License-Identifier: GPL-3.0-or-later
#include "spelling.h"

#include <algorithm>
#include <cstdint>
#include <set>

namespace guichet::content::spelling {
namespace {

// Code points of valid UTF-8 (folded words always are); a stray byte counts as one.
std::u32string decode(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
        size_t j = i + 1;
        for (int k = 0; k < extra && j < s.size(); ++k, ++j)
            cp = (cp << 6) | (static_cast<unsigned char>(s[j]) & 0x3F);
        out.push_back(cp);
        i = j;
    }
    return out;
}

// Byte offsets where each code point starts, plus the end.
std::vector<size_t> boundaries(std::string_view s) {
    std::vector<size_t> out;
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
    out.push_back(s.size());
    return out;
}

bool front_vowel(char c) { return c == 'e' || c == 'i' || c == 'y'; }

}  // namespace

int edit_budget(size_t n) {
    if (n < static_cast<size_t>(kMinLetters)) return 0;
    return n <= 7 ? 1 : 2;
}

size_t letters(std::string_view utf8) {
    size_t n = 0;
    for (unsigned char c : utf8)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string phonetic_key(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    auto at = [&](size_t i) { return i < s.size() ? s[i] : '\0'; };
    auto put = [&](char c) {
        // Doubled letters once: "passport" and "pasport", "refugee" and "refuge".
        if (!out.empty() && out.back() == c && static_cast<unsigned char>(c) < 0x80) return;
        out.push_back(c);
    };
    for (size_t i = 0; i < s.size();) {
        const char c = s[i], next = at(i + 1);
        size_t step = 1;
        switch (c) {
            case 'h': break;  // silent in es, pt, fr and ht; ch, sh, ph, lh are taken before
            case 'c':
                if (next == 'h') {
                    put('x');
                    step = 2;
                } else {
                    // ç folds to c: ção, ções (Portuguese) are heard with an s.
                    const bool cedilla = next == 'a' && at(i + 2) == 'o';
                    const bool cedillas = next == 'o' && at(i + 2) == 'e' && at(i + 3) == 's';
                    put(front_vowel(next) || cedilla || cedillas ? 's' : 'k');
                }
                break;
            case 'q':
                // que, qui: the u is mute; qua is "ka" in French and Creole and one letter
                // from "kua" in Spanish and Portuguese.
                put('k');
                if (next == 'u') step = 2;
                break;
            case 'k': put('k'); break;
            case 'z': put('s'); break;
            case 's':
                if (next == 'h') {
                    put('x');
                    step = 2;
                } else {
                    put('s');
                }
                break;
            case 'g':
                if (front_vowel(next)) {
                    put('j');
                } else if (next == 'u' && front_vowel(at(i + 2))) {
                    put('g');  // gue, gui: a hard g and a mute u
                    step = 2;
                } else {
                    put('g');
                }
                break;
            case 'v': put('b'); break;
            case 'w': put('u'); break;
            case 'l':
                if (next == 'l' || next == 'h') {
                    put('y');
                    step = 2;
                } else {
                    put('l');
                }
                break;
            case 'o':
                if (next == 'u') {
                    put('u');
                    step = 2;
                } else {
                    put('o');
                }
                break;
            case 'p':
                if (next == 'h') {
                    put('f');
                    step = 2;
                } else {
                    put('p');
                }
                break;
            case 't':
                put(next == 'i' && at(i + 2) == 'o' && at(i + 3) == 'n' ? 's' : 't');
                break;
            case 'm': put(next == 'b' || next == 'p' ? 'n' : 'm'); break;
            default:
                if (static_cast<unsigned char>(c) < 0x80) {
                    put(c);
                } else {  // a whole non-ASCII character, copied as it is
                    size_t end = i + 1;
                    while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
                        ++end;
                    out.append(s.substr(i, end - i));
                    step = end - i;
                }
        }
        i += step;
    }
    return out;
}

int distance(std::string_view a_utf8, std::string_view b_utf8, int max) {
    if (a_utf8 == b_utf8) return 0;
    const std::u32string a = decode(a_utf8), b = decode(b_utf8);
    const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
    if (std::abs(n - m) > max) return max + 1;
    // Three rows of the optimal-string-alignment table.
    std::vector<int> before(static_cast<size_t>(m + 1)), previous(static_cast<size_t>(m + 1)),
        current(static_cast<size_t>(m + 1));
    for (int j = 0; j <= m; ++j) previous[static_cast<size_t>(j)] = j;
    for (int i = 1; i <= n; ++i) {
        current[0] = i;
        int row_min = i;
        for (int j = 1; j <= m; ++j) {
            const auto J = static_cast<size_t>(j);
            const int cost = a[static_cast<size_t>(i - 1)] == b[J - 1] ? 0 : 1;
            int d = std::min({previous[J] + 1, current[J - 1] + 1, previous[J - 1] + cost});
            if (i > 1 && j > 1 && a[static_cast<size_t>(i - 1)] == b[J - 2] &&
                a[static_cast<size_t>(i - 2)] == b[J - 1])
                d = std::min(d, before[J - 2] + 1);
            current[J] = d;
            row_min = std::min(row_min, d);
        }
        if (row_min > max) return max + 1;
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return std::min(previous[static_cast<size_t>(m)], max + 1);
}

std::vector<std::string> deletions(std::string_view key, int edits) {
    std::set<std::string> seen{std::string(key)};
    std::vector<std::string> level{std::string(key)};
    for (int e = 0; e < edits; ++e) {
        std::vector<std::string> next;
        for (const std::string& word : level) {
            const std::vector<size_t> cut = boundaries(word);
            if (cut.size() <= 2) continue;  // one letter left: deleting it says nothing
            for (size_t k = 0; k + 1 < cut.size(); ++k) {
                std::string shorter = word.substr(0, cut[k]) + word.substr(cut[k + 1]);
                if (seen.insert(shorter).second) next.push_back(std::move(shorter));
            }
        }
        level = std::move(next);
    }
    return {seen.begin(), seen.end()};
}

}  // namespace guichet::content::spelling
