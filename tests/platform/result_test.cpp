// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "platform/result.h"

using guichet::Result;

namespace {
Result<int> parse_positive(int n) {
    if (n <= 0) return guichet::make_error("value must be positive, got " + std::to_string(n));
    return n;
}
}  // namespace

TEST_CASE("a Result carries either the value or an actionable message") {
    auto good = parse_positive(3);
    REQUIRE(good.ok());
    CHECK(*good == 3);
    auto bad = parse_positive(-1);
    CHECK_FALSE(bad.ok());
    CHECK(bad.message() == "value must be positive, got -1");
}

TEST_CASE("a Result holds move-only values") {
    Result<std::unique_ptr<int>> r(std::make_unique<int>(7));
    REQUIRE(r);
    std::unique_ptr<int> taken = std::move(r).value();
    CHECK(*taken == 7);
}

TEST_CASE("Result<void> is ok by default and keeps the error otherwise") {
    Result<void> fine;
    CHECK(fine.ok());
    Result<void> failed = guichet::make_error("disk full");
    CHECK_FALSE(failed);
    CHECK(failed.message() == "disk full");
}
