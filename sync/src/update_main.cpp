// SPDX-License-Identifier: GPL-3.0-or-later
// guichet-update: the board's software updates. `check` fetches this board's release from the
// content repository (same keys, same verified transfer), has RAUC check and install it in the
// other root slot; `boot`, `confirm` and `fail` are the steps of a new slot's first boot.
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "platform/clock.h"
#include "sync/software_update.h"
#include "sync/tuf.h"

namespace {

using namespace guichet;
using namespace guichet::sync;
namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage:\n"
    "  guichet-update check [--source DIR --ignore-rollout]   look for this board's release;\n"
    "        install it into the other slot (exit 0: nothing to do or installed; 3: installed,\n"
    "        reboot to start it; 1: failed)\n"
    "  guichet-update boot        at boot: prints normal, trial (a new slot on its first boot)\n"
    "                             or rolled-back (back on the old slot)\n"
    "  guichet-update confirm     the new slot is healthy: the update is done\n"
    "  guichet-update fail REASON the new slot gave up on itself\n"
    "  guichet-update status      the report the fleet status carries\n"
    "options: --updater-dir DIR (its own folder, /var/lib/guichet-updater)\n"
    "         --release FILE (/usr/lib/guichet/release) --cmdline FILE (/proc/cmdline)\n"
    "         --rauc PROGRAM (rauc) --keyring CA.pem (RAUC's system.conf keyring)\n"
    "Reads UPDATER/root/sync.conf (source, transfer settings, its own state), UPDATER/root/\n"
    "update.conf (tags = …) and UPDATER/root/kiosk-id; writes UPDATER/public/status.json.\n"
    "Before it uses or trusts anything there, UPDATER, its root/ and public/, every folder\n"
    "above and every file it reads must belong to the user it runs as (root on a board) and be\n"
    "writable by no one else, with no symlink on the way; otherwise it refuses and does nothing.\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "guichet-update: %s\n", message.c_str());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    const std::string command = args[0];
    fs::path updater_dir = software::kUpdaterDir, release = "/usr/lib/guichet/release",
             cmdline = "/proc/cmdline";
    std::string rauc = "rauc", keyring, source, reason;
    bool ignore_rollout = false;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "guichet-update: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return args[++i];
        };
        if (a == "--updater-dir")
            updater_dir = value();
        else if (a == "--release")
            release = value();
        else if (a == "--cmdline")
            cmdline = value();
        else if (a == "--rauc")
            rauc = value();
        else if (a == "--keyring")
            keyring = value();
        else if (a == "--source")
            source = value();
        else if (a == "--ignore-rollout")
            ignore_rollout = true;
        else if (command == "fail" && reason.empty() && a.rfind("--", 0) != 0)
            reason = a;
        else
            return fail("unknown argument " + a + "\n" + kUsage);
    }
    const std::int64_t now = clock::wall_seconds();

    if (command == "status") {
        // Only shows what the report says: trusts nothing, so anyone may ask.
        const fs::path report = software::public_report_file(updater_dir);
        auto r = software::read_public_report(report);
        if (!r) return fail(report.string() + ": no report yet");
        std::printf("running %s from slot %s\n", r->version.c_str(), r->slot.c_str());
        if (!r->last_result.empty())
            std::printf("last update: %s\n", software::describe_last_update(*r).c_str());
        if (!r->check_result.empty())
            std::printf("last check: %s at %s: %s\n", r->check_result.c_str(),
                        tuf::format_utc(r->check_time).c_str(), r->check_message.c_str());
        return 0;
    }
    if (command != "boot" && command != "confirm" && command != "fail" && command != "check")
        return fail("unknown command " + command + "\n" + kUsage);

    // Fail closed: nothing in a folder another user could have changed is read or written.
    auto folder = software::open_updater_folder(updater_dir, ::geteuid());
    if (!folder) return fail(folder.message());
    const fs::path& own = folder->own;
    const fs::path& report = folder->report;

    auto booted = software::read_booted(release, cmdline);
    if (!booted) return fail(booted.message());

    if (command == "boot") {
        auto kind = software::begin_boot(own, report, *booted, now);
        if (!kind) return fail(kind.message());
        std::printf("%s\n", software::to_string(*kind));
        return 0;
    }
    if (command == "confirm") {
        if (auto r = software::confirm_boot(own, report, *booted, now); !r)
            return fail(r.message());
        std::printf("running %s from slot %s: update confirmed\n", booted->version.c_str(),
                    booted->slot.c_str());
        return 0;
    }
    if (command == "fail") {
        if (auto r = software::fail_boot(own, reason); !r) return fail(r.message());
        return 0;
    }
    auto settings = software::load_updater_settings(*folder, ::geteuid());
    if (!settings) return fail(settings.message());
    if (!source.empty()) settings->sync.source = source;

    software::UpdaterOptions options;
    options.sync = settings->sync;
    options.public_report = report;
    options.kiosk_id = settings->kiosk_id;
    options.kiosk_tags = settings->tags;
    options.booted = *booted;
    options.ignore_rollout = ignore_rollout;
    software::RaucCommand installer(rauc, keyring);
    std::int64_t last_percent = -1;
    auto result = software::check_and_install(options, installer, [&](const Progress& p) {
        if (p.total <= 0) return;
        std::int64_t percent = p.done * 100 / p.total;
        if (percent / 10 != last_percent / 10) {
            std::printf("guichet-update: %s %lld%%\n", p.file.c_str(),
                        static_cast<long long>(percent));
            std::fflush(stdout);
            last_percent = percent;
        }
    });
    std::printf("guichet-update: %s: %s\n", software::to_string(result.outcome),
                result.message.c_str());
    switch (result.outcome) {
        case software::Outcome::installed:
            return 3;
        case software::Outcome::failed:
            return 1;
        default:
            return 0;
    }
}
