// SPDX-License-Identifier: GPL-3.0-or-later
#include "staff/pin_lock.h"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "platform/files.h"

namespace guichet::staff {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
bool sodium_ready() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}
}  // namespace

PinLock::PinLock(fs::path state_dir, PinPolicy policy)
    : file_(std::move(state_dir) / "staff" / "pin.json"), policy_(policy) {}

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

PinLock::Record PinLock::load() const {
    Record record;
    auto text = files::read_file(file_);
    if (!text) return record;
    const json doc = json::parse(*text, nullptr, false);
    if (!doc.is_object()) return record;
    record.hash = doc.value("hash", std::string());
    record.failures = doc.value("failures", 0);
    record.locked_until = doc.value("locked_until", std::int64_t{0});
    return record;
}

Result<void> PinLock::store(const Record& record) const {
    std::error_code ec;
    fs::create_directories(file_.parent_path(), ec);
    if (ec)
        return make_error("cannot create " + file_.parent_path().string() + ": " + ec.message());
    const json doc = {{"hash", record.hash},
                      {"failures", record.failures},
                      {"locked_until", record.locked_until}};
    return files::write_file_atomically(file_, doc.dump() + "\n", 0600);
}

bool PinLock::has_pin() const {
    return !load().hash.empty();
}

Result<void> PinLock::set_pin(const std::string& pin) {
    if (auto valid = validate_new_pin(pin); !valid) return valid;
    if (!sodium_ready()) return make_error("libsodium could not be initialised");
    char hash[crypto_pwhash_STRBYTES];
    // Interactive limits: about a tenth of a second and 64 MiB on a Pi-class board, once.
    if (crypto_pwhash_str(hash, pin.c_str(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return make_error("not enough memory to hash the PIN");
    Record record;
    record.hash = hash;
    return store(record);
}

PinAttempt PinLock::check(const std::string& pin, std::int64_t now) {
    Record record = load();
    if (record.hash.empty()) return {PinCheck::no_pin_set, 0};
    if (now < record.locked_until) {
        // A lock longer than the policy allows means the clock went back: re-anchor it to
        // now, so staff wait at most the longest lock instead of until the clock catches up.
        if (record.locked_until - now > policy_.longest_lock_seconds) {
            record.locked_until = now + policy_.longest_lock_seconds;
            (void)store(record);
        }
        return {PinCheck::locked, record.locked_until - now};
    }
    if (!sodium_ready()) return {PinCheck::wrong, 0};
    if (crypto_pwhash_str_verify(record.hash.c_str(), pin.c_str(), pin.size()) == 0) {
        record.failures = 0;
        record.locked_until = 0;
        (void)store(record);
        return {PinCheck::accepted, 0};
    }
    ++record.failures;
    std::int64_t lock = 0;
    if (record.failures >= policy_.free_attempts) {
        const int doublings = std::min(record.failures - policy_.free_attempts, 20);
        lock = std::min(policy_.first_lock_seconds << doublings, policy_.longest_lock_seconds);
        record.locked_until = now + lock;
    }
    (void)store(record);
    return {PinCheck::wrong, lock};
}

}  // namespace guichet::staff
