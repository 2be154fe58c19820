// SPDX-License-Identifier: GPL-3.0-or-later
// Sets of Unicode code points gathered from UTF-8 text: what the UI strings and the content
// actually use. Strict UTF-8 (no overlongs, surrogates or values above U+10FFFF): bad input is
// an error naming the byte offset, never silently skipped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"

namespace guichet::fonts {

// Inclusive on both ends.
struct CodePointRange {
    char32_t first = 0;
    char32_t last = 0;
    friend bool operator==(const CodePointRange&, const CodePointRange&) = default;
};

// Decodes strict UTF-8; the error says "byte N: ..." for the first bad sequence.
Result<std::vector<char32_t>> decode_utf8(std::string_view text);

// "U+00E9" (at least four hex digits, as Unicode writes them).
std::string format_code_point(char32_t code_point);

// Encodes one code point as UTF-8 (for messages that show the character itself).
std::string encode_utf8(char32_t code_point);

// A bitmap for the Basic Multilingual Plane (8 KiB) plus a small set above it, so gathering
// the code points of a large corpus costs one bit test per character.
class CodePointSet {
  public:
    void add(char32_t code_point);
    void add_range(CodePointRange range);
    // Adds every code point of the text; on bad UTF-8 nothing of this text is added.
    Result<void> add_utf8(std::string_view text);
    void merge(const CodePointSet& other);

    bool contains(char32_t code_point) const;
    std::size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }
    // Ascending.
    std::vector<char32_t> to_vector() const;
    // Ascending, disjoint, adjacent runs joined.
    std::vector<CodePointRange> to_ranges() const;

    friend bool operator==(const CodePointSet& a, const CodePointSet& b) {
        return a.count_ == b.count_ && a.bmp_bits_ == b.bmp_bits_ && a.above_bmp_ == b.above_bmp_;
    }

  private:
    std::vector<std::uint64_t> bmp_bits_ = std::vector<std::uint64_t>(65536 / 64, 0);
    std::set<char32_t> above_bmp_;
    std::size_t count_ = 0;
};

}  // namespace guichet::fonts
