// SPDX-License-Identifier: GPL-3.0-or-later
// guichet-sync: one sync (--once), a scheduled loop, the status record (--status), and the
// tuf-conformance client-under-test command line (`guichet-sync tuf ...`).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "platform/clock.h"
#include "platform/confined_dir.h"
#include "platform/files.h"
#include "sync/sync.h"
#include "sync/transport.h"
#include "sync/tuf.h"

namespace {

using namespace guichet;
using namespace guichet::sync;
namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage:\n"
    "  guichet-sync --config FILE --once [--now UNIX]   one sync; exit 0 when up to date\n"
    "  guichet-sync --config FILE                       sync on a jittered schedule, forever\n"
    "  guichet-sync --config FILE --alerts-only         the alert check: metadata and alerts, no content\n"
    "  guichet-sync (--config FILE | --state-dir DIR) --status\n"
    "  guichet-sync tuf --metadata-dir DIR init ROOT.json\n"
    "  guichet-sync tuf --metadata-dir DIR --metadata-url URL refresh\n"
    "  guichet-sync tuf --metadata-dir DIR --metadata-url URL --target-name PATH\n"
    "                   --target-base-url URL --target-dir DIR download\n";

std::string percent_encode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

// The conformance CLI: exit 0 on full success, 1 otherwise.
int tuf_main(const std::vector<std::string>& args) {
    std::string metadata_dir, metadata_url, target_name, target_base_url, target_dir, command,
        root_file;
    std::int64_t days_in_future = 0;
    for (size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        auto value = [&]() { return i + 1 < args.size() ? args[++i] : std::string(); };
        if (a == "--metadata-dir")
            metadata_dir = value();
        else if (a == "--metadata-url")
            metadata_url = value();
        else if (a == "--target-name")
            target_name = value();
        else if (a == "--target-base-url")
            target_base_url = value();
        else if (a == "--target-dir")
            target_dir = value();
        else if (a == "--days-in-future")
            days_in_future = std::atoll(value().c_str());
        else if (command.empty())
            command = a;
        else if (command == "init" && root_file.empty())
            root_file = a;
        else {
            std::fprintf(stderr, "guichet-sync tuf: unexpected argument %s\n", a.c_str());
            return 1;
        }
    }
    if (metadata_dir.empty()) {
        std::fprintf(stderr, "guichet-sync tuf: --metadata-dir is required\n%s", kUsage);
        return 1;
    }
    if (command == "init") {
        auto bytes = files::read_regular_file(root_file, tuf::kRootMaxLength);
        if (!bytes) {
            std::fprintf(stderr, "guichet-sync tuf: %s\n", bytes.message().c_str());
            return 1;
        }
        auto dir = files::ConfinedDir::create(metadata_dir);
        auto w = dir ? dir->write_atomically("root.json", *bytes) : Result<void>(dir.error());
        if (!w) {
            std::fprintf(stderr, "guichet-sync tuf: %s\n", w.message().c_str());
            return 1;
        }
        return 0;
    }
    if (command != "refresh" && command != "download") {
        std::fprintf(stderr, "guichet-sync tuf: unknown command '%s'\n%s", command.c_str(), kUsage);
        return 1;
    }
    if (metadata_url.empty()) {
        std::fprintf(stderr, "guichet-sync tuf: --metadata-url is required\n");
        return 1;
    }
    TransferSettings settings;
    auto meta = make_transport(metadata_url, settings);
    auto targets =
        make_transport(target_base_url.empty() ? metadata_url : target_base_url, settings);
    tuf::UpdaterOptions o;
    o.metadata_dir = metadata_dir;
    o.metadata_prefix = "";
    o.targets_prefix = "";
    o.now = clock::wall_seconds() + days_in_future * 86400;
    tuf::Updater up(o, *meta, *targets);
    auto r = up.refresh();
    if (!r) {
        std::fprintf(stderr, "guichet-sync tuf: refresh failed: %s\n", r.message().c_str());
        return 1;
    }
    if (command == "refresh") return 0;
    if (target_name.empty() || target_dir.empty() || target_base_url.empty()) {
        std::fprintf(
            stderr,
            "guichet-sync tuf: download needs --target-name, --target-base-url, --target-dir\n");
        return 1;
    }
    auto info = up.target(target_name);
    if (!info) {
        std::fprintf(stderr, "guichet-sync tuf: %s\n", info.message().c_str());
        return 1;
    }
    // The target's name, percent-encoded, is one file name inside the target folder.
    auto dir = files::ConfinedDir::create(target_dir);
    if (!dir) {
        std::fprintf(stderr, "guichet-sync tuf: %s\n", dir.message().c_str());
        return 1;
    }
    const std::string dest = percent_encode(target_name);
    if (auto existing = dir->read(dest, info->length); existing) {
        if (tuf::check_length_and_hashes(*existing, info->length, info->hashes))
            return 0;  // cached
    }
    const std::string partial = ".partial-" + dest;
    if (auto d = up.download_target(target_name, *info, *dir, partial); !d) {
        (void)dir->remove(partial);
        std::fprintf(stderr, "guichet-sync tuf: %s\n", d.message().c_str());
        return 1;
    }
    if (auto r = dir->rename(partial, dest); !r) {
        std::fprintf(stderr, "guichet-sync tuf: %s\n", r.message().c_str());
        return 1;
    }
    return 0;
}

void print_status(const SyncStatus& s) {
    std::printf(
        "last attempt: %s UTC\nresult: %s\ncontent version: %lld\nbytes: %lld in %lld requests\n"
        "duration: %lld ms\n",
        tuf::format_utc(s.time).c_str(), to_string(s.result), static_cast<long long>(s.version),
        static_cast<long long>(s.bytes), static_cast<long long>(s.requests),
        static_cast<long long>(s.duration_ms));
    if (s.apply_ms)
        std::printf("of which building the store: %lld ms\n", static_cast<long long>(s.apply_ms));
    if (!s.error.empty()) std::printf("error: %s\n", s.error.c_str());
    std::printf("fleet alerts held: %d\n", s.alerts);
    if (!s.alerts_error.empty()) std::printf("alerts not updated: %s\n", s.alerts_error.c_str());
    if (s.retry_after_seconds)
        std::printf("server asked to retry after: %lld s\n",
                    static_cast<long long>(s.retry_after_seconds));
    std::printf(
        "last success: %s\nconsecutive failures: %d\n",
        s.last_success_time ? (tuf::format_utc(s.last_success_time) + " UTC").c_str() : "never",
        s.consecutive_failures);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "tuf") {
        try {
            return tuf_main({args.begin() + 1, args.end()});
        } catch (const std::exception& e) {
            std::fprintf(stderr, "guichet-sync tuf: %s\n", e.what());
            return 1;
        }
    }
    std::string config_file, state_dir;
    bool once = false, status = false, alerts_only = false;
    std::int64_t now = 0;
    for (size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        auto value = [&]() { return i + 1 < args.size() ? args[++i] : std::string(); };
        if (a == "--config")
            config_file = value();
        else if (a == "--state-dir")
            state_dir = value();
        else if (a == "--once")
            once = true;
        else if (a == "--alerts-only")
            alerts_only = once = true;
        else if (a == "--status")
            status = true;
        else if (a == "--now")
            now = std::atoll(value().c_str());
        else if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else {
            std::fprintf(stderr, "guichet-sync: unknown argument %s\n%s", a.c_str(), kUsage);
            return 2;
        }
    }
    if (status) {
        fs::path dir = state_dir;
        if (dir.empty() && !config_file.empty()) {
            auto c = load_config(config_file);
            if (!c) {
                std::fprintf(stderr, "guichet-sync: %s\n", c.message().c_str());
                return 2;
            }
            dir = c->state_dir;
        }
        auto s = read_status(dir);
        if (!s) {
            std::fprintf(stderr, "guichet-sync: %s\n", s.message().c_str());
            return 1;
        }
        print_status(*s);
        return s->result == SyncResult::up_to_date || s->result == SyncResult::updated ? 0 : 1;
    }
    if (config_file.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    auto config = load_config(config_file);
    if (!config) {
        std::fprintf(stderr, "guichet-sync: %s\n", config.message().c_str());
        return 2;
    }
    if (now > 0) config->clock_override = now;
    SyncClient client(*config);
    if (once) {
        auto s = alerts_only ? client.check_alerts() : client.run_once();
        if (!s.alerts_error.empty())
            std::fprintf(stderr, "guichet-sync: fleet alerts not updated: %s\n",
                         s.alerts_error.c_str());
        switch (s.result) {
            case SyncResult::up_to_date:
                std::printf("up to date: content version %lld (%lld bytes, %lld requests; %d alerts)\n",
                            static_cast<long long>(s.version), static_cast<long long>(s.bytes),
                            static_cast<long long>(s.requests), s.alerts);
                return 0;
            case SyncResult::updated:
                std::printf(
                    "updated to content version %lld (%lld bytes, %lld requests, %lld ms)\n",
                    static_cast<long long>(s.version), static_cast<long long>(s.bytes),
                    static_cast<long long>(s.requests), static_cast<long long>(s.duration_ms));
                return 0;
            case SyncResult::clock_fault:
                std::fprintf(stderr, "guichet-sync: %s\n", s.error.c_str());
                return 3;
            case SyncResult::failed:
                std::fprintf(stderr, "guichet-sync: failed: %s\n", s.error.c_str());
                return 1;
        }
    }
    std::mt19937_64 rng(std::random_device{}());
    for (;;) {
        auto s = client.run_once();
        auto next = next_attempt(s, *config, rng);
        std::printf("%s: %s; next attempt in %lld s\n", to_string(s.result),
                    s.error.empty() ? "ok" : s.error.c_str(),
                    static_cast<long long>(next - s.time));
        std::fflush(stdout);
        std::this_thread::sleep_for(
            std::chrono::seconds(std::max<std::int64_t>(next - clock::wall_seconds(), 1)));
    }
}
