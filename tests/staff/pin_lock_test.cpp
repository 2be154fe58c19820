// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "../support/temp_dir.h"

#include <sys/stat.h>

#include <filesystem>

#include "platform/files.h"
#include "staff/pin_lock.h"

namespace fs = std::filesystem;
using namespace guichet::staff;

TEST_CASE("new PINs: 4 to 12 digits, not one repeated digit, not a straight run") {
    CHECK(PinLock::validate_new_pin("4821").ok());
    CHECK(PinLock::validate_new_pin("582014").ok());
    CHECK(PinLock::validate_new_pin("123").message().find("4 to 12 digits") != std::string::npos);
    CHECK(PinLock::validate_new_pin("1234567890123").message().find("4 to 12") !=
          std::string::npos);
    CHECK(PinLock::validate_new_pin("12a4").message().find("digits only") != std::string::npos);
    CHECK(PinLock::validate_new_pin("0000").message().find("repeat") != std::string::npos);
    CHECK(PinLock::validate_new_pin("1234").message().find("run") != std::string::npos);
    CHECK(PinLock::validate_new_pin("9876").message().find("run") != std::string::npos);
}

TEST_CASE("the PIN is stored only as an Argon2id hash, readable by its owner only") {
    const fs::path state = guichet::testing::fresh_temp_dir("guichet-pin-a");
    PinLock lock(state);
    CHECK_FALSE(lock.has_pin());
    CHECK(lock.check("4821", 1000).outcome == PinCheck::no_pin_set);
    REQUIRE(lock.set_pin("482019").ok());
    CHECK(lock.has_pin());
    const std::string saved = *guichet::files::read_file(state / "staff" / "pin.json");
    CHECK(saved.find("482019") == std::string::npos);
    CHECK(saved.find("$argon2id$") != std::string::npos);
    struct stat info {};
    REQUIRE(::stat((state / "staff" / "pin.json").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(lock.check("482019", 1000).outcome == PinCheck::accepted);
    CHECK(lock.check("482018", 1000).outcome == PinCheck::wrong);
}

TEST_CASE("wrong PINs lock the pad for a growing delay that a restart does not reset") {
    const fs::path state = guichet::testing::fresh_temp_dir("guichet-pin-b");
    PinPolicy policy;  // 3 free attempts, then 30 s, 60 s, 120 s …
    {
        PinLock lock(state, policy);
        REQUIRE(lock.set_pin("482019").ok());
        CHECK(lock.check("111111", 1000).retry_after_seconds == 0);
        CHECK(lock.check("111112", 1001).retry_after_seconds == 0);
        const PinAttempt third = lock.check("111113", 1002);
        CHECK(third.outcome == PinCheck::wrong);
        CHECK(third.retry_after_seconds == 30);
    }
    PinLock after_restart(state, policy);
    // Locked: even the right PIN is not looked at until the delay is over.
    const PinAttempt early = after_restart.check("482019", 1010);
    CHECK(early.outcome == PinCheck::locked);
    CHECK(early.retry_after_seconds == 22);
    const PinAttempt fourth = after_restart.check("111114", 1032);
    CHECK(fourth.outcome == PinCheck::wrong);
    CHECK(fourth.retry_after_seconds == 60);
    CHECK(after_restart.check("111115", 1100).retry_after_seconds == 120);
    // The right PIN after the lock clears the counter.
    CHECK(after_restart.check("482019", 1300).outcome == PinCheck::accepted);
    CHECK(after_restart.check("111116", 1301).retry_after_seconds == 0);
}

TEST_CASE("a clock set back never locks the pad for longer than the policy allows") {
    const fs::path state = guichet::testing::fresh_temp_dir("guichet-pin-c");
    PinPolicy policy;
    policy.free_attempts = 1;
    PinLock lock(state, policy);
    REQUIRE(lock.set_pin("482019").ok());
    CHECK(lock.check("000001", 2'000'000'000).retry_after_seconds == 30);
    // The clock jumps back to 1970: the remaining time is capped, not decades.
    const PinAttempt attempt = lock.check("482019", 10);
    CHECK(attempt.outcome == PinCheck::locked);
    CHECK(attempt.retry_after_seconds == policy.longest_lock_seconds);
    CHECK(lock.check("482019", 10 + 1800).retry_after_seconds == 1800);
    CHECK(lock.check("482019", 10 + policy.longest_lock_seconds).outcome == PinCheck::accepted);
}
