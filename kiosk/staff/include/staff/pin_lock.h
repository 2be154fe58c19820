// SPDX-License-Identifier: GPL-3.0-or-later
// The staff PIN: stored only as an Argon2id hash (libsodium crypto_pwhash_str), checked with a
// lockout that grows with each wrong attempt and survives restarts, so guessing a 6-digit PIN
// on the touchscreen takes longer than anyone stands at a kiosk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "platform/result.h"

namespace guichet::staff {

enum class PinCheck { accepted, wrong, locked, no_pin_set };

struct PinAttempt {
    PinCheck outcome = PinCheck::wrong;
    std::int64_t retry_after_seconds = 0;  // > 0 when the pad is locked
};

struct PinPolicy {
    int free_attempts = 3;                 // wrong PINs before the pad locks
    std::int64_t first_lock_seconds = 30;  // doubles with every further wrong PIN
    std::int64_t longest_lock_seconds = 3600;
};

class PinLock {
  public:
    // The hash and the attempt counter live in STATE/staff/pin.json.
    explicit PinLock(std::filesystem::path state_dir, PinPolicy policy = {});

    // 4 to 12 digits, not all the same digit, not a straight run like 1234 or 9876.
    static Result<void> validate_new_pin(const std::string& pin);

    bool has_pin() const;
    Result<void> set_pin(const std::string& pin);
    // `now` is wall-clock seconds; a clock set back never lengthens a lock past the policy.
    PinAttempt check(const std::string& pin, std::int64_t now);

  private:
    struct Record {
        std::string hash;
        int failures = 0;
        std::int64_t locked_until = 0;
    };
    Record load() const;
    Result<void> store(const Record& record) const;

    std::filesystem::path file_;
    PinPolicy policy_;
};

}  // namespace guichet::staff
