// SPDX-License-Identifier: GPL-3.0-or-later
#include "staff/pin_lock.h"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "platform/files.h"
#include "platform/log.h"
#include "platform/safe_json.h"

namespace guichet::staff {
namespace fs = std::filesystem;
using safe_json::Json;

namespace {

// Both records are a few dozen bytes; anything larger is not ours.
constexpr std::int64_t kMaxRecordBytes = 64 * 1024;

bool sodium_ready() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

}  // namespace

PinLock::PinLock(fs::path state_dir, PinPolicy policy)
    : dir_(std::move(state_dir) / "staff"), policy_(policy) {}

Result<void> PinLock::validate_new_pin(const std::string& pin) {
    if (pin.size() < 4 || pin.size() > 12)
        return make_error("the PIN must have 4 to 12 digits (it has " + std::to_string(pin.size()) +
                          " characters)");
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return make_error("the PIN must be digits only: the kiosk's PIN pad has no letters");
    if (std::all_of(pin.begin(), pin.end(), [&](char c) { return c == pin[0]; }))
        return make_error("the PIN must not repeat one digit");
    bool ascending = true, descending = true;
    for (size_t i = 1; i < pin.size(); ++i) {
        ascending = ascending && pin[i] == pin[i - 1] + 1;
        descending = descending && pin[i] == pin[i - 1] - 1;
    }
    if (ascending || descending) return make_error("the PIN must not be a run like 1234");
    return {};
}

std::optional<std::string> PinLock::load_hash(std::string* problem) const {
    const fs::path file = dir_ / "pin.json";
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(file, ec))) return std::nullopt;
    auto text = files::read_regular_file(file, kMaxRecordBytes);
    auto doc = text ? safe_json::parse(*text) : Result<Json>(text.error());
    const std::string hash = doc ? safe_json::get_string(*doc, "hash") : std::string();
    if (hash.empty()) {
        if (problem)
            *problem = "the PIN record " + file.string() + " cannot be read (" +
                       (doc ? std::string("no hash in it") : doc.message()) +
                       "): set the PIN again with guichet-kiosk --set-pin";
        return std::nullopt;
    }
    return hash;
}

PinLock::Found PinLock::load_lockout(Lockout& lockout, std::string* problem) const {
    const fs::path file = dir_ / "lockout.json";
    std::error_code ec;
    fs::path source = file;
    if (!fs::exists(fs::symlink_status(file, ec))) {
        // Before lockout.json existed the counter lived in pin.json: read it there once.
        auto legacy = files::read_regular_file(dir_ / "pin.json", kMaxRecordBytes);
        auto doc = legacy ? safe_json::parse(*legacy) : Result<Json>(legacy.error());
        if (!doc || !safe_json::find(*doc, "failures")) {
            if (problem) *problem = "no lockout record (" + file.string() + " is missing)";
            return Found::no_record;
        }
        lockout.failures = static_cast<int>(
            std::clamp<std::int64_t>(safe_json::get_int(*doc, "failures"), 0, 1000));
        lockout.locked_until = safe_json::get_int(*doc, "locked_until");
        return Found::record;
    }
    auto text = files::read_regular_file(source, kMaxRecordBytes);
    auto doc = text ? safe_json::parse(*text) : Result<Json>(text.error());
    const Json* failures = doc ? safe_json::find(*doc, "failures") : nullptr;
    const Json* until = doc ? safe_json::find(*doc, "locked_until") : nullptr;
    if (!failures || !until || !failures->is_number_integer() || !until->is_number_integer()) {
        if (problem)
            *problem = "the lockout record " + file.string() + " cannot be read (" +
                       (doc ? std::string("not a lockout record") : doc.message()) + ")";
        return Found::unreadable;
    }
    lockout.failures =
        static_cast<int>(std::clamp<std::int64_t>(safe_json::get_int(*doc, "failures"), 0, 1000));
    lockout.locked_until = safe_json::get_int(*doc, "locked_until");
    return Found::record;
}

Result<void> PinLock::store_lockout(const Lockout& lockout) const {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) return make_error("cannot create " + dir_.string() + ": " + ec.message());
    const Json doc = {{"failures", lockout.failures}, {"locked_until", lockout.locked_until}};
    return files::write_file_atomically(dir_ / "lockout.json", safe_json::dump(doc) + "\n", 0600);
}

void PinLock::persist() {
    if (memory_only_) return;
    auto stored = store_lockout(memory_);
    if (stored) return;
    // Fail closed: from now on memory is the record, and a stale record on disk must not be
    // mistaken for the truth at the next start (unlink needs no free space; a read-only disk
    // keeps it, and the next start then finds that it cannot write either).
    memory_only_ = true;
    std::error_code ec;
    fs::remove(dir_ / "lockout.json", ec);
    problem_ = (problem_.empty() ? "" : problem_ + "; ") +
               "the lockout record cannot be written (" + stored.message() +
               "): the lockout is kept in memory until the kiosk restarts, and every wrong PIN "
               "locks the pad";
    log::error("staff", problem_);
}

PinLock::Lockout PinLock::after_wrong(Lockout lockout, std::int64_t now) const {
    ++lockout.failures;
    // Without a record that lasts, no attempt is free.
    const int free_attempts = memory_only_ ? 1 : policy_.free_attempts;
    if (lockout.failures >= free_attempts) {
        const int doublings = std::min(lockout.failures - free_attempts, 20);
        const std::int64_t lock =
            std::min(policy_.first_lock_seconds << doublings, policy_.longest_lock_seconds);
        lockout.locked_until = std::max(lockout.locked_until, now + lock);
    }
    return lockout;
}

void PinLock::refresh(std::int64_t now) {
    if (!memory_only_) {
        Lockout disk;
        std::string why;
        const Found found = load_lockout(disk, &why);
        if (found == Found::record) {
            // The stricter of memory and disk: another process (or an edit) cannot loosen it.
            memory_.failures = std::max(memory_.failures, disk.failures);
            memory_.locked_until = std::max(memory_.locked_until, disk.locked_until);
        } else {
            // No readable record: the strictest state the policy has, the first lock.
            memory_.failures = std::max(memory_.failures, policy_.free_attempts);
            memory_.locked_until = std::max(memory_.locked_until, now + policy_.first_lock_seconds);
            problem_ = why + ": staff entry is locked for " +
                       std::to_string(policy_.first_lock_seconds) + " s";
            log::warn("staff", problem_);
            persist();
        }
    }
    // A lock longer than the policy allows means the clock went back: re-anchor it to now,
    // so staff wait at most the longest lock instead of until the clock catches up.
    if (memory_.locked_until - now > policy_.longest_lock_seconds) {
        memory_.locked_until = now + policy_.longest_lock_seconds;
        persist();
    }
}

bool PinLock::has_pin() const {
    return load_hash(nullptr).has_value();
}

Result<void> PinLock::set_pin(const std::string& pin) {
    if (auto valid = validate_new_pin(pin); !valid) return valid;
    if (!sodium_ready()) return make_error("libsodium could not be initialised");
    char hash[crypto_pwhash_STRBYTES];
    // Interactive limits: about a tenth of a second and 64 MiB on a Pi-class board, once.
    if (crypto_pwhash_str(hash, pin.c_str(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return make_error("not enough memory to hash the PIN");
    // The lockout record first: a PIN without one starts locked.
    memory_ = {};
    memory_only_ = false;
    problem_.clear();
    if (auto stored = store_lockout(memory_); !stored) return stored;
    const Json doc = {{"hash", std::string(hash)}};
    return files::write_file_atomically(dir_ / "pin.json", safe_json::dump(doc) + "\n", 0600);
}

PinAttempt PinLock::status(std::int64_t now) {
    std::string problem;
    if (!load_hash(&problem)) return {PinCheck::no_pin_set, 0, problem};
    refresh(now);
    if (now < memory_.locked_until) return {PinCheck::locked, memory_.locked_until - now, problem_};
    return {PinCheck::wrong, 0, problem_};
}

PinAttempt PinLock::check(const std::string& pin, std::int64_t now) {
    std::string problem;
    const auto hash = load_hash(&problem);
    if (!hash) return {PinCheck::no_pin_set, 0, problem};
    refresh(now);
    if (now < memory_.locked_until) return {PinCheck::locked, memory_.locked_until - now, problem_};
    if (!sodium_ready()) return {PinCheck::wrong, 0, "libsodium could not be initialised"};
    // Counted as wrong before the check: a power cut during it cannot make the try free.
    const Lockout before = memory_;
    memory_ = after_wrong(before, now);
    persist();
    if (memory_only_) memory_ = after_wrong(before, now);  // with the strict policy
    if (crypto_pwhash_str_verify(hash->c_str(), pin.c_str(), pin.size()) == 0) {
        memory_ = {};
        persist();
        if (!memory_only_) problem_.clear();  // the record is sound again
        return {PinCheck::accepted, 0, problem_};
    }
    const std::int64_t lock = memory_.locked_until > now ? memory_.locked_until - now : 0;
    return {PinCheck::wrong, lock, problem_};
}

}  // namespace guichet::staff
