// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "../support/temp_dir.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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

namespace {

// Runs `scenario` in a child process whose files cannot grow (RLIMIT_FSIZE 0: every write
// fails as on a full disk) and returns its exit code.
template <class F>
int with_full_disk(F&& scenario) {
    const pid_t child = ::fork();
    if (child == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        const struct rlimit none { 0, 0 };
        ::setrlimit(RLIMIT_FSIZE, &none);
        ::_exit(scenario());
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

bool mentions(const std::string& text, const char* part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a lockout record that cannot be written holds in memory, and every wrong PIN locks") {
    const fs::path state = guichet::testing::fresh_temp_dir("guichet-pin-full");
    REQUIRE(PinLock(state).set_pin("482019").ok());
    REQUIRE(fs::exists(state / "staff" / "lockout.json"));
    // Each failed expectation exits with its own code, so the parent says which one.
    const int code = with_full_disk([&]() -> int {
        PinLock lock(state);
        const PinAttempt first = lock.check("111111", 1000);
        if (first.outcome != PinCheck::wrong || first.retry_after_seconds != 30) return 1;
        if (!mentions(first.problem, "cannot be written")) return 2;
        if (lock.check("482019", 1010).outcome != PinCheck::locked) return 3;  // not even looked at
        if (lock.check("482019", 1010).retry_after_seconds != 20) return 4;
        if (lock.check("111112", 1030).retry_after_seconds != 60) return 5;
        // The stale record is gone, so the next start cannot mistake it for the truth.
        if (fs::exists(state / "staff" / "lockout.json")) return 6;
        PinLock after_restart(state);
        const PinAttempt early = after_restart.check("482019", 2000);
        if (early.outcome != PinCheck::locked || early.retry_after_seconds != 30) return 7;
        if (!mentions(early.problem, "no lockout record")) return 8;
        if (after_restart.check("482019", 2030).outcome != PinCheck::accepted) return 9;
        return 0;
    });
    CHECK(code == 0);
}

TEST_CASE("a write that fails any other way fails closed too (here a folder holds the temp name)") {
    const fs::path state = guichet::testing::fresh_temp_dir("guichet-pin-ro");
    PinLock lock(state);
    REQUIRE(lock.set_pin("482019").ok());
    fs::create_directories(state / "staff" / "lockout.json.part" / "taken");
    const PinAttempt first = lock.check("111111", 1000);
    CHECK(first.outcome == PinCheck::wrong);
    CHECK(first.retry_after_seconds == 30);
    CHECK(mentions(first.problem, "lockout.json.part"));
    CHECK(lock.check("111112", 1030).retry_after_seconds == 60);
    CHECK(lock.status(1031).outcome == PinCheck::locked);
}

TEST_CASE("a start that finds no readable lockout record locks the pad for the first delay") {
    const fs::path state = guichet::testing::fresh_temp_dir("guichet-pin-unreadable");
    REQUIRE(PinLock(state).set_pin("482019").ok());
    const fs::path record = state / "staff" / "lockout.json";
    const std::string garbage[] = {"", "{\"failures\": \"0\", \"locked_until\": 0}", "not json",
                                   std::string(100000, '[')};
    for (const std::string& bytes : garbage) {
        CAPTURE(bytes.substr(0, 40));
        REQUIRE(guichet::files::write_file_atomically(record, bytes).ok());
        PinLock lock(state);
        const PinAttempt status = lock.status(5000);
        CHECK(status.outcome == PinCheck::locked);
        CHECK(status.retry_after_seconds == 30);
        CHECK(mentions(status.problem, "cannot be read"));
        CHECK(mentions(status.problem, "locked for 30 s"));
        CHECK(lock.check("482019", 5010).outcome == PinCheck::locked);
        // After the delay, a wrong PIN goes on from the strictest state: 60 s.
        CHECK(lock.check("111111", 5030).retry_after_seconds == 60);
    }
    // Not a file at all: refused at once, never opened for reading.
    fs::remove(record);
    REQUIRE(::mkfifo(record.c_str(), 0600) == 0);
    PinLock lock(state);
    CHECK(lock.status(6000).outcome == PinCheck::locked);
    CHECK(mentions(lock.status(6000).problem, "not a regular file"));
    // A deleted record is the same: the strictest state.
    fs::remove(record);
    CHECK(PinLock(state).check("482019", 7000).outcome == PinCheck::locked);
}

TEST_CASE("a lockout counted in pin.json by an older version is carried over") {
    const fs::path state = guichet::testing::fresh_temp_dir("guichet-pin-legacy");
    REQUIRE(PinLock(state).set_pin("482019").ok());
    const std::string hash = *guichet::files::read_file(state / "staff" / "pin.json");
    const auto start = hash.find("$argon2id$");
    const std::string value = hash.substr(start, hash.find('"', start) - start);
    fs::remove(state / "staff" / "lockout.json");
    REQUIRE(guichet::files::write_file_atomically(
                state / "staff" / "pin.json",
                "{\"hash\":\"" + value + "\",\"failures\":4,\"locked_until\":9000}\n")
                .ok());
    PinLock lock(state);
    const PinAttempt attempt = lock.check("482019", 8000);
    CHECK(attempt.outcome == PinCheck::locked);
    CHECK(attempt.retry_after_seconds == 1000);
    CHECK(attempt.problem.empty());
    CHECK(lock.check("482019", 9000).outcome == PinCheck::accepted);
}

TEST_CASE("the pad counts a wrong PIN before checking it") {
    // A record written before the check: a power cut during Argon2 cannot make a try free.
    const fs::path state = guichet::testing::fresh_temp_dir("guichet-pin-first");
    PinPolicy policy;
    policy.free_attempts = 1;
    PinLock lock(state, policy);
    REQUIRE(lock.set_pin("482019").ok());
    CHECK(lock.check("111111", 100).retry_after_seconds == 30);
    const std::string record = *guichet::files::read_file(state / "staff" / "lockout.json");
    CHECK(mentions(record, "\"failures\":1"));
    CHECK(mentions(record, "\"locked_until\":130"));
}
