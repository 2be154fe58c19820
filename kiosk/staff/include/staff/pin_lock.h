// SPDX-License-Identifier: GPL-3.0-or-later
// The staff PIN: stored only as an Argon2id hash (libsodium crypto_pwhash_str), checked with a
// lockout that grows with each wrong attempt and survives restarts, so guessing a 6-digit PIN
// on the touchscreen takes longer than anyone stands at a kiosk. The lockout fails closed: a
// record that cannot be written holds in memory for the life of the process (and every wrong
// PIN then locks), and a start that finds no readable record locks the pad for the first delay.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "platform/result.h"

namespace guichet::staff {

enum class PinCheck { accepted, wrong, locked, no_pin_set };

struct PinAttempt {
    PinCheck outcome = PinCheck::wrong;
    std::int64_t retry_after_seconds = 0;  // > 0 when the pad is locked
    // For staff, when the lockout cannot do its job normally (its record cannot be read or
    // written): what is wrong and what the pad does about it. Empty otherwise.
    std::string problem;
};

struct PinPolicy {
    int free_attempts = 3;                 // wrong PINs before the pad locks
    std::int64_t first_lock_seconds = 30;  // doubles with every further wrong PIN
    std::int64_t longest_lock_seconds = 3600;
};

class PinLock {
  public:
    // The hash lives in STATE/staff/pin.json, the attempt counter in STATE/staff/lockout.json.
    explicit PinLock(std::filesystem::path state_dir, PinPolicy policy = {});

    // 4 to 12 digits, not all the same digit, not a straight run like 1234 or 9876.
    static Result<void> validate_new_pin(const std::string& pin);

    bool has_pin() const;
    Result<void> set_pin(const std::string& pin);
    // `now` is wall-clock seconds; a clock set back never lengthens a lock past the policy.
    // A wrong attempt is recorded before the PIN is verified, so cutting the power during
    // the check does not make it free.
    PinAttempt check(const std::string& pin, std::int64_t now);
    // The pad's state without an attempt (locked or not, and why), for showing it.
    PinAttempt status(std::int64_t now);

  private:
    struct Lockout {
        int failures = 0;
        std::int64_t locked_until = 0;
    };
    enum class Found { record, no_record, unreadable };

    std::optional<std::string> load_hash(std::string* problem) const;
    Found load_lockout(Lockout& lockout, std::string* problem) const;
    Result<void> store_lockout(const Lockout& lockout) const;
    // Merges the record on disk into memory (the stricter of both wins) once per call.
    void refresh(std::int64_t now);
    // Writes the in-memory state; on failure switches to memory-only for good.
    void persist();
    Lockout after_wrong(Lockout lockout, std::int64_t now) const;

    std::filesystem::path dir_;
    PinPolicy policy_;
    Lockout memory_;
    bool memory_only_ = false;  // a write failed: memory is the record now
    std::string problem_;
};

}  // namespace guichet::staff
