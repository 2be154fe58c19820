// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/sync.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "content/store.h"
#include "content/store_changes.h"
#include "content/store_rows.h"
#include "platform/clock.h"
#include "platform/files.h"
#include "platform/log.h"
#include "platform/settings_file.h"
#include "state_folder.h"
#include "sync/crypto.h"
#include "sync/names.h"
#include "sync/publish.h"
#include "sync/store_delta.h"
#include "sync/transport.h"
#include "sync/tuf.h"

namespace guichet::sync {
namespace fs = std::filesystem;
using namespace state;

const char* to_string(SyncResult r) {
    switch (r) {
        case SyncResult::up_to_date:
            return "up_to_date";
        case SyncResult::updated:
            return "updated";
        case SyncResult::failed:
            return "failed";
        case SyncResult::clock_fault:
            return "clock_fault";
    }
    return "failed";
}

Result<ContentPointer> current_store(const fs::path& state_dir) {
    auto j = read_json(pointer_file(state_dir));
    if (!j || !j->contains("current"))
        return make_error(pointer_file(state_dir).string() + ": no content installed yet");
    auto p = pointer_from(state_dir, (*j)["current"]);
    if (!p) return make_error(pointer_file(state_dir).string() + ":1: malformed pointer");
    if (!fs::exists(p->path)) return make_error(p->path.string() + ": live store is missing");
    return *p;
}

std::optional<ContentPointer> previous_store(const fs::path& state_dir) {
    auto j = read_json(pointer_file(state_dir));
    if (!j || !j->contains("previous")) return std::nullopt;
    auto p = pointer_from(state_dir, (*j)["previous"]);
    if (!p || !fs::exists(p->path)) return std::nullopt;
    if (!p->undo.empty() && !fs::exists(p->undo)) return std::nullopt;
    return p;
}

namespace {

// The previous version back in the live file, by its undo changes (same checks as any
// change: it must meet the current content and give the previous version's signed digest).
// Rolled back at a crash, the pointer still names the current version; done, the caller
// writes it.
Result<void> undo_in_place(const ContentPointer& current, const ContentPointer& previous) {
    auto held = content::read_store_state(current.path);
    if (held && held->digest == previous.digest) return {};  // undone before a crash
    auto undo = files::read_regular_file(previous.undo, 1LL << 32);
    if (!undo) return undo.error();
    // Written compressed (zstd) since schema 7's software; a changeset as it is before.
    if (undo->size() >= 4 && undo->compare(0, 4, "\x28\xb5\x2f\xfd") == 0) {
        auto unpacked = store::decompress(*undo, 1LL << 32);
        if (!unpacked) return make_error(previous.undo.string() + ": " + unpacked.message());
        undo = std::move(*unpacked);
    }
    if (previous.undo_is_forward) {
        auto back = content::invert_store_changeset(*undo);
        if (!back) return make_error(previous.undo.string() + ": " + back.message());
        undo = std::move(*back);
    }
    content::ApplyOptions o;
    o.base_digest = current.digest;
    o.result = {previous.digest, previous.version};
    auto applied = content::apply_store_changeset(current.path, *undo, o);
    if (!applied) return applied.error();
    return {};
}

}  // namespace

Result<ContentPointer> boot_attempt(const fs::path& state_dir, int max_failed_boots) {
    auto current = current_store(state_dir);
    if (!current) return current.error();
    auto boot = read_json(boot_file(state_dir)).value_or(nlohmann::json::object());
    std::int64_t attempts = 0;
    if (read_string(boot, "sha256") == current->sha256)
        attempts = read_int(boot, "failed_attempts");
    if (attempts >= max_failed_boots) {
        auto previous = previous_store(state_dir);
        if (previous) {
            log::warn(kLog, "content version " + std::to_string(current->version) +
                                " failed to start " + std::to_string(attempts) +
                                " times; rolling back to version " +
                                std::to_string(previous->version));
            Result<void> undone;
            if (!previous->undo.empty() && previous->path == current->path)
                undone = undo_in_place(*current, *previous);
            if (!undone) {
                // Still the current version: showing it beats showing nothing.
                log::error(kLog, "cannot roll back to version " +
                                     std::to_string(previous->version) + ": " + undone.message());
                previous.reset();
            }
        }
        if (previous) {
            auto bad = bad_versions(state_dir);
            bad.insert(current->sha256);
            nlohmann::json list = nlohmann::json::array();
            for (const auto& b : bad) list.push_back(b);
            if (auto w = write_json(bad_file(state_dir), list); !w) return w.error();
            ContentPointer back = *previous;
            back.undo.clear();
            if (auto w = write_pointer(state_dir, back, std::nullopt); !w) return w.error();
            current = back;
            attempts = 0;
        }
    }
    nlohmann::json next = {{"sha256", current->sha256},
                           {"version", current->version},
                           {"failed_attempts", attempts + 1}};
    if (auto w = write_json(boot_file(state_dir), next); !w) return w.error();
    return *current;
}

Result<void> boot_ok(const fs::path& state_dir) {
    auto current = current_store(state_dir);
    if (!current) return current.error();
    return write_json(
        boot_file(state_dir),
        {{"sha256", current->sha256}, {"version", current->version}, {"failed_attempts", 0}});
}

namespace {
constexpr long long kMaxSettingValue = 1'000'000'000'000LL;
}  // namespace

Result<SyncConfig> load_config(const fs::path& file) {
    SyncConfig c;
    std::map<std::string, std::function<bool(const std::string&)>> setters;
    // Whole numbers from 0 to 10^12: far beyond any sensible value, and small enough that
    // no sum or product of them (days * 86400, interval * 3 / 2) can overflow.
    auto integer = [](std::int64_t& field) {
        return [&field](const std::string& v) {
            if (v.empty() || v.size() > 13 ||
                v.find_first_not_of("0123456789") != std::string::npos)
                return false;
            const long long n = std::stoll(v);
            if (n > kMaxSettingValue) return false;
            field = n;
            return true;
        };
    };
    auto text = [](std::string& field) {
        return [&field](const std::string& v) {
            field = v;
            return true;
        };
    };
    auto path = [](fs::path& field) {
        return [&field](const std::string& v) {
            field = v;
            return true;
        };
    };
    std::int64_t keep = c.keep_versions;
    setters["source"] = text(c.source);
    setters["state_dir"] = path(c.state_dir);
    setters["trusted_root"] = path(c.trusted_root);
    setters["interval_seconds"] = integer(c.interval_seconds);
    setters["retry_base_seconds"] = integer(c.retry_base_seconds);
    setters["retry_max_seconds"] = integer(c.retry_max_seconds);
    setters["connect_timeout_seconds"] = integer(c.connect_timeout_seconds);
    setters["low_speed_bytes_per_second"] = integer(c.low_speed_bytes_per_second);
    setters["low_speed_seconds"] = integer(c.low_speed_seconds);
    setters["max_bytes_per_second"] = integer(c.max_bytes_per_second);
    setters["proxy"] = text(c.proxy);
    setters["ca_file"] = path(c.ca_file);
    setters["pinned_public_key"] = text(c.pinned_public_key);
    setters["pinned_public_key_backup"] = text(c.pinned_public_key_backup);
    setters["stale_after_days"] = integer(c.stale_after_days);
    setters["max_clock_ahead_days"] = integer(c.max_clock_ahead_days);
    setters["min_free_bytes"] = integer(c.min_free_bytes);
    setters["keep_versions"] = integer(keep);
    setters["root_probe_max_age_seconds"] = integer(c.root_probe_max_age_seconds);
    setters["clock_override"] = integer(c.clock_override);
    setters["alert_check_seconds"] = integer(c.alert_check_seconds);
    setters["region"] = [&c](const std::string& v) {
        if (!v.empty() && !names::check_role_name(v)) return false;
        c.region = v;
        return true;
    };
    setters["tags"] = [&c](const std::string& v) {
        c.tags.clear();
        std::stringstream in(v);
        std::string tag;
        while (std::getline(in, tag, ',')) {
            while (!tag.empty() && tag.front() == ' ') tag.erase(tag.begin());
            while (!tag.empty() && tag.back() == ' ') tag.pop_back();
            if (tag.empty()) continue;
            if (!names::check_role_name(tag) || c.tags.size() >= 64) return false;
            c.tags.push_back(tag);
        }
        return true;
    };
    const std::set<std::string> integers = {"interval_seconds",
                                            "retry_base_seconds",
                                            "retry_max_seconds",
                                            "connect_timeout_seconds",
                                            "low_speed_bytes_per_second",
                                            "low_speed_seconds",
                                            "max_bytes_per_second",
                                            "stale_after_days",
                                            "max_clock_ahead_days",
                                            "min_free_bytes",
                                            "keep_versions",
                                            "root_probe_max_age_seconds",
                                            "clock_override",
                                            "alert_check_seconds"};
    auto lines = settings::read_settings_file(file);
    if (!lines) return lines.error();
    for (const settings::Setting& setting : *lines) {
        auto s = setters.find(setting.key);
        if (s == setters.end())
            return make_error(settings::where(file, setting) + "unknown key '" + setting.key + "'");
        if (!s->second(setting.value))
            return make_error(settings::where(file, setting) + "bad value for " + setting.key +
                              ": '" + setting.value + "'" +
                              (integers.count(setting.key) ? " (want a whole number from 0 to "
                                                             "1000000000000)"
                                                           : ""));
    }
    c.keep_versions = static_cast<int>(std::clamp<std::int64_t>(keep, 2, 10));
    auto base = file.parent_path();
    for (fs::path* p : {&c.state_dir, &c.trusted_root, &c.ca_file})
        if (!p->empty() && p->is_relative()) *p = base / *p;
    if (!c.source.empty() && !is_url(c.source) && fs::path(c.source).is_relative())
        c.source = (base / c.source).string();
    if (c.source.empty())
        return make_error(file.string() + ": 'source' is required (URL or folder)");
    if (c.state_dir.empty()) return make_error(file.string() + ": 'state_dir' is required");
    return c;
}

std::int64_t newest_signed_time(const fs::path& state_dir) {
    auto j = read_json(clock_file(state_dir));
    return j ? std::max<std::int64_t>(0, read_int(*j, "newest_signed_time")) : 0;
}

Result<SyncStatus> read_status(const fs::path& state_dir) {
    auto j = read_json(status_file(state_dir));
    if (!j) return make_error(status_file(state_dir).string() + ": no sync attempt recorded yet");
    SyncStatus s;
    s.time = read_int(*j, "time");
    const std::string r = read_string(*j, "result");
    s.result = r == "up_to_date"    ? SyncResult::up_to_date
               : r == "updated"     ? SyncResult::updated
               : r == "clock_fault" ? SyncResult::clock_fault
                                    : SyncResult::failed;
    s.version = read_int(*j, "version");
    s.bytes = read_int(*j, "bytes");
    s.requests = read_int(*j, "requests");
    s.duration_ms = read_int(*j, "duration_ms");
    s.apply_ms = read_int(*j, "apply_ms");
    s.error = read_string(*j, "error");
    s.retry_after_seconds = read_int(*j, "retry_after_seconds");
    s.last_success_time = read_int(*j, "last_success_time");
    s.consecutive_failures = static_cast<int>(read_int(*j, "consecutive_failures"));
    s.alerts = static_cast<int>(read_int(*j, "alerts"));
    s.alerts_error = read_string(*j, "alerts_error");
    return s;
}

std::optional<std::int64_t> stale_since(const SyncStatus& status, std::int64_t now,
                                        std::int64_t stale_after_days) {
    if (status.last_success_time <= 0) return std::nullopt;
    if (now - status.last_success_time < stale_after_days * 86400) return std::nullopt;
    return status.last_success_time;
}

std::int64_t next_attempt(const SyncStatus& last, const SyncConfig& config, std::mt19937_64& rng) {
    bool ok = last.result == SyncResult::up_to_date || last.result == SyncResult::updated;
    std::int64_t delay;
    if (ok) {
        std::int64_t interval = std::max<std::int64_t>(config.interval_seconds, 1);
        std::uniform_int_distribution<std::int64_t> d(interval / 2, interval + interval / 2 - 1);
        delay = d(rng);
    } else {
        int n = std::min(last.consecutive_failures, 30);
        double ceiling = std::min<double>(
            static_cast<double>(config.retry_max_seconds),
            static_cast<double>(config.retry_base_seconds) * std::pow(2.0, std::max(n - 1, 0)));
        std::uniform_int_distribution<std::int64_t> d(
            0, std::max<std::int64_t>(static_cast<std::int64_t>(ceiling), 1));
        delay = d(rng);
        delay = std::max(delay, last.retry_after_seconds);
    }
    return last.time + delay;
}

}  // namespace guichet::sync
