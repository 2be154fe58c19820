// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's background sync against a real published repository in a folder (as on a USB
// stick): the first attempt comes by itself after a short delay, "Sync now" runs one at once,
// every attempt is reported to the fleet outbox and wakes the UI, the schedule follows sync's
// jitter, and destruction cancels a transfer in progress.
#include <doctest/doctest.h>

#include "../support/temp_dir.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "content/compiler.h"
#include "platform/clock.h"
#include "platform/files.h"
#include "sync/publish.h"
#include "sync/sync.h"
#include "providers/sync_runner.h"

namespace fs = std::filesystem;
using namespace guichet;
using namespace guichet::kiosk;

namespace {

struct PublishedRepo {
    fs::path dir;
    fs::path store;
    std::vector<sync::SigningKey> keys{sync::SigningKey::generate(sync::KeyType::ed25519).value()};

    explicit PublishedRepo(const fs::path& base) : dir(base / "repo"), store(base / "sample.db") {
        content::CheckReport report;
        auto built = content::build_store(GUICHET_SAMPLE_CONTENT, store, report);
        REQUIRE_MESSAGE(built.ok(), built.message());
        sync::publish::InitOptions init;
        init.repo = dir;
        init.root.keys = init.timestamp.keys = init.snapshot.keys = init.targets.keys = keys;
        init.now = clock::wall_seconds();
        auto made = sync::publish::init_repository(init);
        REQUIRE_MESSAGE(made.ok(), made.message());
        push();
    }
    std::int64_t push() {
        sync::publish::PushOptions options;
        options.repo = dir;
        options.store = store;
        options.keys = keys;
        options.zstd_level = 1;
        options.now = clock::wall_seconds();
        auto pushed = sync::publish::push(options);
        REQUIRE_MESSAGE(pushed.ok(), pushed.message());
        return pushed->content_version;
    }
};

sync::SyncConfig config_for(const std::string& source, const fs::path& state,
                            const fs::path& repo) {
    const fs::path file = state.parent_path() / "sync.conf";
    std::ofstream(file) << "source = " << source << "\nstate_dir = " << state.string()
                        << "\ntrusted_root = " << (repo / "metadata" / "1.root.json").string()
                        << "\nmin_free_bytes = 0\nconnect_timeout_seconds = 5\n"
                        << "interval_seconds = 3600\nretry_base_seconds = 60\n";
    auto config = sync::load_config(file);
    REQUIRE_MESSAGE(config.ok(), config.message());
    return *config;
}

template <class Condition>
bool wait_for(Condition condition, int seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

std::size_t files_in(const fs::path& dir) {
    std::error_code ec;
    std::size_t count = 0;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); ++it)
        ++count;
    return count;
}

}  // namespace

TEST_CASE("the runner syncs after its start delay, on request, reports and wakes the UI") {
    const fs::path base = testing::fresh_temp_dir("guichet-kiosk-sync-runner");
    PublishedRepo repo(base);
    const fs::path state = base / "state";
    const sync::SyncConfig config = config_for(repo.dir.string(), state, repo.dir);
    std::atomic<int> wakes{0};

    SyncRunner runner(
        config, [&] { ++wakes; }, {}, FirstAttemptDelay{100, 300});
    CHECK(runner.attempts_finished() == 0);
    CHECK_FALSE(runner.last_status().has_value());
    const std::int64_t started = clock::wall_seconds();
    CHECK(runner.next_attempt_time() <= started + 1);

    // Nobody asked: the schedule alone brings the first attempt.
    REQUIRE(wait_for([&] { return runner.attempts_finished() == 1; }, 60));
    auto first = runner.last_status();
    REQUIRE(first.has_value());
    CHECK_MESSAGE(first->result == sync::SyncResult::updated, first->error);
    CHECK(first->version == 1);
    auto live = sync::current_store(state);
    REQUIRE_MESSAGE(live.ok(), live.message());
    CHECK(live->version == 1);
    CHECK(fs::exists(live->path));
    CHECK(wakes >= 2);  // the attempt's start and its end
    CHECK_FALSE(runner.activity().running);
    // The fleet status was written and queued (no location configured).
    CHECK(files_in(state / "fleet" / "outbox") == 1);
    // A success waits a jittered interval: [interval/2, interval*3/2).
    const std::int64_t next = runner.next_attempt_time();
    CHECK(next >= started + 1800 - 5);
    CHECK(next <= clock::wall_seconds() + 5400);

    // "Sync now" does not wait for the schedule: a new version is fetched at once.
    REQUIRE(repo.push() == 2);
    const int wakes_before = wakes;
    runner.request_now();
    REQUIRE(wait_for([&] { return runner.attempts_finished() == 2; }, 60));
    CHECK(runner.last_status()->result == sync::SyncResult::updated);
    CHECK(runner.last_status()->version == 2);
    CHECK(sync::current_store(state)->version == 2);
    CHECK(wakes >= wakes_before + 2);
    runner.request_now();
    REQUIRE(wait_for([&] { return runner.attempts_finished() == 3; }, 60));
    CHECK(runner.last_status()->result == sync::SyncResult::up_to_date);
    // The on-disk record is the one the runner reports.
    auto recorded = sync::read_status(state);
    REQUIRE(recorded.ok());
    CHECK(recorded->result == sync::SyncResult::up_to_date);
    CHECK(recorded->version == 2);
}

TEST_CASE("a kiosk restarted just after a good sync keeps to its schedule") {
    const fs::path base = testing::fresh_temp_dir("guichet-kiosk-sync-restart");
    PublishedRepo repo(base);
    const fs::path state = base / "state";
    const sync::SyncConfig config = config_for(repo.dir.string(), state, repo.dir);
    REQUIRE(sync::SyncClient(config).run_once().result == sync::SyncResult::updated);

    SyncRunner runner(config, {}, {}, FirstAttemptDelay{0, 0});
    REQUIRE(runner.last_status().has_value());
    CHECK(runner.last_status()->version == 1);
    CHECK(runner.next_attempt_time() >= clock::wall_seconds() + 1800 - 5);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(runner.attempts_finished() == 0);
}

TEST_CASE("a failed attempt is retried after a backoff, and a throwing wake is contained") {
    const fs::path base = testing::fresh_temp_dir("guichet-kiosk-sync-failing");
    PublishedRepo repo(base);
    const fs::path state = base / "state";
    const sync::SyncConfig config = config_for((base / "no-such-stick").string(), state, repo.dir);
    SyncRunner runner(
        config, [] { throw std::runtime_error("the UI is gone"); }, {}, FirstAttemptDelay{0, 0});
    REQUIRE(wait_for([&] { return runner.attempts_finished() == 1; }, 30));
    const auto status = runner.last_status();
    REQUIRE(status.has_value());
    CHECK(status->result == sync::SyncResult::failed);
    CHECK_FALSE(status->error.empty());
    CHECK(status->consecutive_failures == 1);
    // Full jitter in [0, retry_base) after one failure.
    CHECK(runner.next_attempt_time() <= clock::wall_seconds() + 60 + 1);
    CHECK(files_in(state / "fleet" / "outbox") == 1);
}

TEST_CASE("destroying the runner cancels a transfer that would otherwise hang") {
    const fs::path base = testing::fresh_temp_dir("guichet-kiosk-sync-cancel");
    PublishedRepo repo(base);
    // A server on loopback that accepts connections and never answers.
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(listener >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(listener, 4) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
    const sync::SyncConfig config = config_for(url, base / "state", repo.dir);

    auto runner = std::make_unique<SyncRunner>(config, nullptr, fleet::FleetSettings{},
                                               FirstAttemptDelay{0, 0});
    REQUIRE(wait_for([&] { return runner->activity().running; }, 10));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(runner->attempts_finished() == 0);  // still hanging on the silent server
    const auto before = std::chrono::steady_clock::now();
    runner.reset();
    const auto took = std::chrono::steady_clock::now() - before;
    CHECK(took < std::chrono::seconds(3));
    ::close(listener);
}
