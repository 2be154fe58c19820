// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "fonts/code_points.h"

using namespace guichet::fonts;

TEST_CASE("decode_utf8 decodes one to four byte sequences") {
    auto decoded = decode_utf8("A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");  // A é € 😀
    REQUIRE(decoded.ok());
    CHECK(*decoded == std::vector<char32_t>{U'A', 0xE9, 0x20AC, 0x1F600});
}

TEST_CASE("decode_utf8 rejects bad sequences and names the byte") {
    struct Case {
        std::string text;
        std::string message;
    };
    const Case cases[] = {
        {"ab\xFF", "byte 2: invalid UTF-8 lead byte"},
        {"a\xC0\xAF", "byte 1: overlong UTF-8 encoding"},
        {"\xED\xA0\x80", "byte 0: UTF-8 encodes a surrogate"},
        {"\xF4\x90\x80\x80", "byte 0: code point above U+10FFFF"},
        {"abc\xE2\x82", "byte 3: truncated UTF-8 sequence"},
        {"\xE2"
         "A\x82",
         "byte 0: truncated UTF-8 sequence"},
    };
    for (const auto& c : cases) {
        auto decoded = decode_utf8(c.text);
        REQUIRE_FALSE(decoded.ok());
        CHECK(decoded.message() == c.message);
    }
}

TEST_CASE("encode_utf8 round-trips through decode_utf8") {
    for (char32_t c : {char32_t{0x41}, char32_t{0x7FF}, char32_t{0x800}, char32_t{0xFFFD},
                       char32_t{0x10000}, char32_t{0x10FFFF}}) {
        auto decoded = decode_utf8(encode_utf8(c));
        REQUIRE(decoded.ok());
        CHECK(*decoded == std::vector<char32_t>{c});
    }
    CHECK(format_code_point(0xE9) == "U+00E9");
    CHECK(format_code_point(0x1F600) == "U+1F600");
}

TEST_CASE("CodePointSet counts each code point once and joins ranges") {
    CodePointSet set;
    REQUIRE(set.add_utf8("abcab\xC3\xA9 \xF0\x9F\x98\x80").ok());
    CHECK(set.size() == 6);  // a b c é space 😀
    CHECK(set.contains(U'a'));
    CHECK(set.contains(0x1F600));
    CHECK_FALSE(set.contains(U'd'));
    CHECK(set.to_vector() == std::vector<char32_t>{U' ', U'a', U'b', U'c', 0xE9, 0x1F600});
    const std::vector<CodePointRange> ranges = set.to_ranges();
    REQUIRE(ranges.size() == 4);
    CHECK(ranges[1] == CodePointRange{U'a', U'c'});

    CodePointSet other;
    other.add_range({U'c', U'e'});
    other.add(0x20000);
    set.merge(other);
    CHECK(set.size() == 9);  // + d e U+20000
    CHECK(set.contains(0x20000));
}

TEST_CASE("CodePointSet adds nothing of a text with bad UTF-8") {
    CodePointSet set;
    auto added = set.add_utf8("xyz\xC3");
    CHECK_FALSE(added.ok());
    CHECK(set.empty());
}
