// SPDX-License-Identifier: GPL-3.0-or-later
// The software update's decisions: who a staged rollout picks, what the signed custom data of
// a release must hold, when a board fetches and installs, and the boot steps that confirm or
// roll back a new slot. Repositories are real (guichet-publish's code, on a folder); RAUC is
// replaced by a recorder here (the real one is in software_e2e.py and the image's boot proof).
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <set>

#include "sync/software_publish.h"
#include "sync/software_update.h"
#include "test_support.h"

using namespace guichet;
using namespace guichet::sync;
using namespace guichet::sync::software;
using guichet::sync::testing::read_text;
using guichet::sync::testing::ScratchDir;
using guichet::sync::testing::write_text;
namespace fs = std::filesystem;

namespace {

std::string kiosk(int i) {
    char id[32];
    std::snprintf(id, sizeof id, "kiosk-%012x", i * 7919 + 17);
    return id;
}

struct RecordingInstaller : Installer {
    BundleInfo says{"guichet-amd64", "2.0"};
    std::string refuse;  // RAUC's answer when its signature check fails
    std::vector<std::string> inspected, installed;
    std::vector<std::string> installed_bytes;
    Result<BundleInfo> inspect(const fs::path& bundle) override {
        inspected.push_back(bundle.string());
        if (!refuse.empty()) return make_error(refuse);
        return says;
    }
    Result<void> install(const fs::path& bundle) override {
        installed.push_back(bundle.string());
        installed_bytes.push_back(read_text(bundle));
        return {};
    }
};

// A repository with a software release, a board (its updater's folder and report), and a
// publisher that writes the release with the real publishing code.
struct Fleet {
    ScratchDir dir;
    fs::path repo = dir.path / "repo";
    fs::path board = dir.path / "board";
    SigningKey key = SigningKey::generate(KeyType::ed25519).value();
    std::int64_t now = 1800000000;

    Fleet() {
        publish::InitOptions init;
        init.repo = repo;
        init.root.keys = init.timestamp.keys = init.snapshot.keys = init.targets.keys = {key};
        init.now = now;
        REQUIRE(publish::init_repository(init).ok());
    }

    // The publisher reads version and compatible from the bundle with `rauc info`; here the
    // release names them itself and the bundle is any bytes.
    PublishReport release(const std::string& version, const std::string& bytes, int share = 10000,
                          std::vector<std::string> tags = {}) {
        auto bundle = dir.path / ("bundle-" + version + ".raucb");
        write_text(bundle, bytes);
        write_text(dir.path / "fake-rauc",
                   "#!/bin/sh\necho '{\"compatible\":\"guichet-amd64\",\"version\":\"" + version +
                       "\"}'\n");
        fs::permissions(dir.path / "fake-rauc", fs::perms::owner_all);
        PublishOptions o;
        o.repo = repo;
        o.bundle = bundle;
        o.rauc = (dir.path / "fake-rauc").string();
        o.release.rollout.share_basis_points = share;
        o.release.rollout.tags = std::move(tags);
        o.keys = {key};
        o.now = ++now;
        auto r = publish_release(o);
        REQUIRE_MESSAGE(r.ok(), r.message());
        return *r;
    }

    UpdaterOptions board_options(const std::string& kiosk_id = "kiosk-000000000001",
                                 const std::string& version = "1.0",
                                 const std::string& slot = "A") {
        UpdaterOptions o;
        o.sync.source = repo.string();
        o.sync.state_dir = board / "root";
        o.sync.trusted_root = repo / "metadata" / "1.root.json";
        o.sync.clock_override = now + 10;
        o.public_report = public_report_file(board);
        o.kiosk_id = kiosk_id;
        o.booted = {version, "guichet-amd64", slot};
        return o;
    }
};

}  // namespace

TEST_CASE("rollout: a share picks about that many kiosks, the same ones as it grows") {
    Rollout five{"2026.12.01", 500, {}};
    Rollout twenty_five{"2026.12.01", 2500, {}};
    Rollout other_release{"2026.12.15", 500, {}};
    int picked_5 = 0, picked_25 = 0, both = 0;
    std::set<std::string> first, second;
    for (int i = 0; i < 10000; ++i) {
        const std::string id = kiosk(i);
        const bool at_5 = in_rollout(five, id, {});
        picked_5 += at_5;
        picked_25 += in_rollout(twenty_five, id, {});
        // Growing the share never drops a kiosk already chosen.
        if (at_5) CHECK(in_rollout(twenty_five, id, {}));
        if (at_5) first.insert(id);
        if (in_rollout(other_release, id, {})) second.insert(id);
        both += at_5 && in_rollout(other_release, id, {});
    }
    // Binomial(10000, p): 4 standard deviations either side.
    CHECK(picked_5 > 500 - 88);
    CHECK(picked_5 < 500 + 88);
    CHECK(picked_25 > 2500 - 174);
    CHECK(picked_25 < 2500 + 174);
    // Another release draws other kiosks: the same 5 % are not always the first.
    CHECK(both < 60);
    CHECK(rollout_bucket("2026.12.01", "kiosk-1") == rollout_bucket("2026.12.01", "kiosk-1"));
    CHECK(rollout_bucket("ab", "c") != rollout_bucket("a", "bc"));
    CHECK_FALSE(in_rollout(Rollout{"x", 0, {}}, "kiosk-1", {}));
    CHECK(in_rollout(Rollout{"x", kWholeFleet, {}}, "kiosk-1", {}));
}

TEST_CASE("rollout: tags narrow the release to the kiosks that carry one of them") {
    Rollout pilots{"r1", kWholeFleet, {"pilot", "mexico"}};
    CHECK(in_rollout(pilots, "kiosk-1", {"mexico"}));
    CHECK(in_rollout(pilots, "kiosk-1", {"north", "pilot"}));
    CHECK_FALSE(in_rollout(pilots, "kiosk-1", {}));
    CHECK_FALSE(in_rollout(pilots, "kiosk-1", {"haiti"}));
    // Tags and share together: half of the pilots.
    Rollout half{"r1", 5000, {"pilot"}};
    int picked = 0;
    for (int i = 0; i < 2000; ++i) picked += in_rollout(half, kiosk(i), {"pilot"});
    CHECK(picked > 1000 - 90);
    CHECK(picked < 1000 + 90);
}

TEST_CASE("shares and tags are read the way operators write them, or refused in words") {
    CHECK(*parse_share("5%") == 500);
    CHECK(*parse_share("0.5%") == 50);
    CHECK(*parse_share("12.34 %") == 1234);
    CHECK(*parse_share("100") == 10000);
    CHECK(*parse_share("0") == 0);
    for (const char* bad : {"101%", "-1", "5.123%", "abc", "", ".5", "5.", "1e2"}) {
        auto r = parse_share(bad);
        CHECK_MESSAGE(!r.ok(), bad);
        if (!r.ok()) CHECK(r.message().find("percentage") != std::string::npos);
    }
    CHECK(format_share(500) == "5%");
    CHECK(format_share(50) == "0.5%");
    CHECK(format_share(1234) == "12.34%");
    auto tags = parse_tags(" pilot, mexico ,pilot,");
    REQUIRE(tags.ok());
    CHECK(*tags == std::vector<std::string>{"pilot", "mexico"});
    CHECK_FALSE(parse_tags("Pilot").ok());
    CHECK_FALSE(parse_tags("a b").ok());
}

TEST_CASE("a release's signed custom data round-trips, anything else is refused by name") {
    Release r{"guichet-arm64", "2026.12.01-abc1234", {"wave-1", 2500, {"pilot"}}};
    auto back = parse_release(release_custom(r), "software/guichet-arm64.raucb");
    REQUIRE(back.ok());
    CHECK(back->compatible == r.compatible);
    CHECK(back->version == r.version);
    CHECK(back->rollout.id == "wave-1");
    CHECK(back->rollout.share_basis_points == 2500);
    CHECK(back->rollout.tags == std::vector<std::string>{"pilot"});

    auto spoil = [&](auto change) {
        auto j = release_custom(r);
        change(j["guichet"]);
        return parse_release(j, "software/guichet-arm64.raucb");
    };
    CHECK(spoil([](auto& g) { g["format"] = "rauc-bundle-9"; }).message().find("format") !=
          std::string::npos);
    CHECK_FALSE(spoil([](auto& g) { g["kind"] = "store"; }).ok());
    CHECK_FALSE(spoil([](auto& g) { g["version"] = "../../etc"; }).ok());
    CHECK_FALSE(spoil([](auto& g) { g["rollout"]["share_basis_points"] = 10001; }).ok());
    CHECK_FALSE(spoil([](auto& g) { g["rollout"]["share_basis_points"] = "5%"; }).ok());
    CHECK_FALSE(spoil([](auto& g) { g["rollout"]["tags"] = {"Bad Tag"}; }).ok());
    CHECK_FALSE(spoil([](auto& g) { g.erase("rollout"); }).ok());
    auto message = spoil([](auto& g) { g.erase("compatible"); }).message();
    CHECK(message.find("software/guichet-arm64.raucb") == 0);
}

TEST_CASE(
    "the booted software comes from the image's release file and the slot from the command line") {
    ScratchDir dir;
    write_text(
        dir.path / "release",
        "# written by build-image.sh\nversion = 2026.12.01-abc\ncompatible = guichet-arm64\n");
    write_text(dir.path / "cmdline", "root=PARTUUID=47554943-03 rauc.slot=B quiet\n");
    auto b = read_booted(dir.path / "release", dir.path / "cmdline");
    REQUIRE(b.ok());
    CHECK(b->version == "2026.12.01-abc");
    CHECK(b->compatible == "guichet-arm64");
    CHECK(b->slot == "B");
    write_text(dir.path / "cmdline", "root=/dev/sda2 quiet\n");
    auto none = read_booted(dir.path / "release", dir.path / "cmdline");
    REQUIRE_FALSE(none.ok());
    CHECK(none.message().find("rauc.slot") != std::string::npos);
}

TEST_CASE("a board takes the published release once, verified, and waits for its reboot") {
    Fleet fleet;
    fleet.release("2.0", "bundle 2.0 bytes");
    RecordingInstaller rauc;
    auto options = fleet.board_options();
    auto r = check_and_install(options, rauc);
    CHECK_MESSAGE(r.outcome == Outcome::installed, r.message);
    REQUIRE(rauc.installed.size() == 1);
    CHECK(rauc.installed_bytes[0] == "bundle 2.0 bytes");
    CHECK(rauc.inspected.size() == 1);
    // The bundle does not stay on the state partition once RAUC has it.
    CHECK_FALSE(fs::exists(rauc.installed[0]));
    auto report = read_public_report(public_report_file(fleet.board));
    REQUIRE(report);
    CHECK(report->version == "1.0");
    CHECK(report->slot == "A");
    CHECK(report->last_result == "installed");
    CHECK(report->last_version == "2.0");
    CHECK(describe_last_update(*report) == "installed 2.0, waiting for a reboot");

    // Again before the reboot: nothing is fetched or installed twice.
    auto again = check_and_install(options, rauc);
    CHECK(again.outcome == Outcome::skipped);
    CHECK(rauc.installed.size() == 1);
    // After the reboot onto slot B with 2.0: up to date.
    options.booted = {"2.0", "guichet-amd64", "B"};
    auto kind = begin_boot(options.sync.state_dir, options.public_report, options.booted, 2);
    REQUIRE(kind.ok());
    CHECK(*kind == BootKind::trial);
    REQUIRE(confirm_boot(options.sync.state_dir, options.public_report, options.booted, 3).ok());
    CHECK(read_public_report(public_report_file(fleet.board))->last_result == "updated");
    CHECK(describe_last_update(*read_public_report(public_report_file(fleet.board))) ==
          "updated to 2.0: from 1.0, slot B");
    CHECK(check_and_install(options, rauc).outcome == Outcome::up_to_date);
    CHECK(*begin_boot(options.sync.state_dir, options.public_report, options.booted, 4) ==
          BootKind::normal);
}

TEST_CASE("a board outside the rollout waits, then the share grows and it takes the release") {
    Fleet fleet;
    fleet.release("2.0", "bundle bytes", 0);
    RecordingInstaller rauc;
    auto options = fleet.board_options();
    auto r = check_and_install(options, rauc);
    CHECK(r.outcome == Outcome::not_selected);
    CHECK(r.message.find("0%") != std::string::npos);
    CHECK(rauc.installed.empty());
    CHECK(read_public_report(public_report_file(fleet.board))->check_result == "not-selected");

    // Only the rollout changes: same release, same file, everyone.
    PublishOptions o;
    o.repo = fleet.repo;
    o.release.compatible = "guichet-amd64";
    o.release.rollout.share_basis_points = kWholeFleet;
    o.share_given = true;
    o.keys = {fleet.key};
    o.now = ++fleet.now;
    auto p = publish_release(o);
    REQUIRE_MESSAGE(p.ok(), p.message());
    CHECK(p->release.version == "2.0");
    CHECK(p->release.rollout.id == "2.0");
    options.sync.clock_override = fleet.now + 10;
    CHECK(check_and_install(options, rauc).outcome == Outcome::installed);

    // A USB stick brought to the kiosk on purpose ignores the rollout.
    Fleet tagged;
    tagged.release("2.0", "bundle bytes", kWholeFleet, {"pilot"});
    RecordingInstaller usb;
    auto board = tagged.board_options();
    CHECK(check_and_install(board, usb).outcome == Outcome::not_selected);
    board.kiosk_tags = {"pilot"};
    CHECK(check_and_install(board, usb).outcome == Outcome::installed);
}

TEST_CASE(
    "a tampered bundle is discarded before RAUC sees it, and RAUC's refusal stops the install") {
    Fleet fleet;
    auto published = fleet.release("2.0", std::string(4096, 'b'));
    // The file on the server changes after it was signed.
    auto stored = fleet.repo / "targets" / "software" / (published.sha256 + ".guichet-amd64.raucb");
    REQUIRE(fs::exists(stored));
    auto bytes = read_text(stored);
    bytes[100] ^= 1;
    write_text(stored, bytes);
    RecordingInstaller rauc;
    auto options = fleet.board_options();
    auto r = check_and_install(options, rauc);
    CHECK(r.outcome == Outcome::failed);
    CHECK(r.message.find("sha256 mismatch") != std::string::npos);
    CHECK(rauc.inspected.empty());
    CHECK(rauc.installed.empty());
    auto report = read_public_report(public_report_file(fleet.board));
    CHECK(report->last_result == "failed");
    CHECK(report->last_version == "2.0");

    // Bytes that match the signed target but carry no valid RAUC signature.
    Fleet second;
    second.release("2.0", "unsigned bundle");
    RecordingInstaller refusing;
    refusing.refuse = "RAUC refuses the bundle: signature verification failed";
    auto board = second.board_options();
    auto refused = check_and_install(board, refusing);
    CHECK(refused.outcome == Outcome::failed);
    CHECK(refused.message.find("signature verification failed") != std::string::npos);
    CHECK(refusing.installed.empty());

    // A manifest that disagrees with its signed target is not installed either.
    Fleet third;
    third.release("2.0", "bundle");
    RecordingInstaller liar;
    liar.says = {"guichet-amd64", "9.9"};
    auto other = third.board_options();
    auto mismatch = check_and_install(other, liar);
    CHECK(mismatch.outcome == Outcome::failed);
    CHECK(mismatch.message.find("9.9") != std::string::npos);
    CHECK(liar.installed.empty());
}

TEST_CASE("a release that fails its trial is rolled back and never offered to that board again") {
    Fleet fleet;
    fleet.release("2.0", "bad bundle");
    RecordingInstaller rauc;
    auto options = fleet.board_options();
    REQUIRE(check_and_install(options, rauc).outcome == Outcome::installed);
    const auto state = options.sync.state_dir;
    const auto report_file = options.public_report;

    // First boot of slot B: the kiosk never becomes healthy; the slot gives up on itself.
    BootedSoftware trial{"2.0", "guichet-amd64", "B"};
    CHECK(*begin_boot(state, report_file, trial, 10) == BootKind::trial);
    REQUIRE(fail_boot(state, "the kiosk did not show a healthy welcome screen within 600 s").ok());
    // Back on slot A (the boot loader's one-shot is spent).
    BootedSoftware back{"1.0", "guichet-amd64", "A"};
    CHECK(*begin_boot(state, report_file, back, 20) == BootKind::rolled_back);
    auto report = read_public_report(public_report_file(fleet.board));
    CHECK(report->version == "1.0");
    CHECK(report->slot == "A");
    CHECK(report->last_result == "rolled-back");
    CHECK(describe_last_update(*report).find("rolled back from 2.0: the kiosk did not show") == 0);
    CHECK(*begin_boot(state, report_file, back, 30) == BootKind::normal);

    auto again = check_and_install(options, rauc);
    CHECK(again.outcome == Outcome::skipped);
    CHECK(again.message.find("failed on this board before") != std::string::npos);
    CHECK(rauc.installed.size() == 1);

    // A new slot that never came up at all (power cut, kernel panic) counts the same.
    fleet.release("2.1", "another bundle");
    rauc.says.version = "2.1";
    options.sync.clock_override = fleet.now + 10;
    auto second = check_and_install(options, rauc);
    REQUIRE_MESSAGE(second.outcome == Outcome::installed, second.message);
    CHECK(*begin_boot(state, report_file, back, 40) == BootKind::rolled_back);
    CHECK(read_public_report(public_report_file(fleet.board))
              ->last_message.find("slot B did not come up") == 0);
    // The operator fixes it: a new bundle, a new hash, a new trial.
    fleet.release("2.2", "fixed bundle");
    rauc.says.version = "2.2";
    options.sync.clock_override = fleet.now + 10;
    CHECK(check_and_install(options, rauc).outcome == Outcome::installed);
}

TEST_CASE("rauc info's JSON gives the bundle's compatible and version") {
    auto info = parse_rauc_info(
        "{\"compatible\":\"guichet-arm64\",\"version\":\"2026.12.01\",\"description\":null,"
        "\"images\":[]}\n");
    REQUIRE(info.ok());
    CHECK(info->compatible == "guichet-arm64");
    CHECK(info->version == "2026.12.01");
    CHECK_FALSE(parse_rauc_info("signature verification failed").ok());
    CHECK_FALSE(parse_rauc_info("{\"version\":\"1\"}").ok());
}

namespace {

// The updater's folder as a board's first boot lays it out, for the user running the test.
struct UpdaterLayout {
    ScratchDir dir;
    fs::path updater = dir.path / "updater";
    fs::path own = updater / "root";

    UpdaterLayout() {
        fs::create_directories(own);
        fs::create_directories(updater / "public");
        fs::permissions(dir.path, fs::perms(0755));
        fs::permissions(updater, fs::perms(0755));
        fs::permissions(own, fs::perms(0700));
        write_text(own / "trusted-root.json", "{}");
        write_text(own / "sync.conf",
                   "source = https://content.example.org/\nstate_dir = " + own.string() +
                       "\ntrusted_root = " + (own / "trusted-root.json").string() + "\n");
        write_text(own / "update.conf", "tags = pilot, mexico\nidle_minutes = 5\n");
        write_text(own / "kiosk-id", "kiosk-0123456789ab\n");
    }
    Result<UpdaterSettings> load() const {
        auto folder = open_updater_folder(updater, ::geteuid());
        if (!folder) return folder.error();
        return load_updater_settings(*folder, ::geteuid());
    }
};

bool says(const Result<UpdaterSettings>& r, const std::string& part) {
    return !r.ok() && r.message().find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the updater reads its settings only from a folder no one else can change") {
    UpdaterLayout board;
    auto settings = board.load();
    INFO((settings.ok() ? std::string() : settings.message()));
    REQUIRE(settings.ok());
    CHECK(settings->kiosk_id == "kiosk-0123456789ab");
    CHECK(settings->tags == std::vector<std::string>{"pilot", "mexico"});
    CHECK(settings->sync.source == "https://content.example.org/");
    CHECK(open_updater_folder(board.updater, ::geteuid())->report ==
          board.updater / "public" / "status.json");

    SUBCASE("root/ writable by others") {
        fs::permissions(board.own, fs::perms(0777));
        CHECK(says(board.load(), board.own.string() + ": owned by"));
        CHECK(says(board.load(), "mode 0777"));
    }
    SUBCASE("root/ a symlink to a folder of the same owner") {
        fs::rename(board.own, board.dir.path / "elsewhere");
        fs::create_directory_symlink(board.dir.path / "elsewhere", board.own);
        CHECK(says(board.load(), board.own.string() + ": a symbolic link to"));
    }
    SUBCASE("the kiosk id a symlink (to the kiosk's own, say)") {
        write_text(board.dir.path / "kiosk-id", "kiosk-chosen-by-me\n");
        fs::remove(board.own / "kiosk-id");
        fs::create_symlink(board.dir.path / "kiosk-id", board.own / "kiosk-id");
        CHECK(says(board.load(), (board.own / "kiosk-id").string() + ": a symbolic link"));
    }
    SUBCASE("trusted_root in a folder others can write") {
        const fs::path shared = board.dir.path / "shared";
        fs::create_directories(shared);
        fs::permissions(shared, fs::perms(0777));
        write_text(shared / "root.json", "{}");
        write_text(board.own / "sync.conf",
                   "source = x\nstate_dir = " + board.own.string() +
                       "\ntrusted_root = " + (shared / "root.json").string() + "\n");
        CHECK(says(board.load(), "trusted_root: " + shared.string()));
    }
    SUBCASE("sync.conf naming another state folder") {
        write_text(board.own / "sync.conf",
                   "source = x\nstate_dir = " + (board.dir.path / "other").string() +
                       "\ntrusted_root = " + (board.own / "trusted-root.json").string() + "\n");
        CHECK(says(board.load(), "state_dir must be " + board.own.string()));
    }
    SUBCASE("no kiosk id") {
        fs::remove(board.own / "kiosk-id");
        CHECK(says(board.load(), (board.own / "kiosk-id").string()));
    }
    SUBCASE("the whole folder handed to another user (as root)") {
        if (::geteuid() != 0) {
            MESSAGE("skipped: chown to another user needs root (CI runs the tests as root)");
            return;
        }
        REQUIRE(::chown(board.updater.c_str(), 65534, 65534) == 0);
        CHECK(says(board.load(), board.updater.string() + ": owned by nobody (uid 65534)"));
    }
}
