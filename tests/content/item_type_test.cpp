// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "content/item_type.h"

using namespace guichet::content;

TEST_CASE("every item type round-trips through its name") {
    for (ItemType type : kAllItemTypes) {
        auto back = item_type_from_string(to_string(type));
        REQUIRE(back.has_value());
        CHECK(*back == type);
    }
    CHECK_FALSE(item_type_from_string("Article").has_value());
    CHECK_FALSE(item_type_from_string("").has_value());
}
