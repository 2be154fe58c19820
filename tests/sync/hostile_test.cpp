// SPDX-License-Identifier: GPL-3.0-or-later
// A repository whose online keys (targets, snapshot, timestamp) have leaked, or whose root key
// has: everything below is validly signed by the test, yet none of it may make a kiosk write
// outside its state folder, decompress more than was signed, keep more than the signed sizes
// in its downloads folder, or hang on a file that is not a file.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <chrono>
#include <regex>
#include <set>

#include "../support/temp_dir.h"
#include "platform/files.h"
#include "sync/names.h"
#include "sync/publish.h"
#include "sync/store_delta.h"
#include "sync/sync.h"
#include "test_support.h"

using namespace guichet;
using namespace guichet::sync;
using namespace guichet::sync::testing;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Every file under `dir`, relative, with its bytes: what an attempt must not change.
std::map<std::string, std::string> snapshot_of(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
         ++it)
        if (it->is_regular_file())
            out[fs::relative(it->path(), dir).string()] = read_text(it->path());
    return out;
}

// A hand-made repository and a kiosk state folder side by side in one scratch folder; the
// scratch folder also holds a "victim" file an escaping write would touch.
struct Hostile {
    ScratchDir scratch;
    HandRepo repo;
    fs::path state, victim;
    std::int64_t version = 0;

    Hostile() {
        repo.dir = scratch.path / "repo";
        state = scratch.path / "state";
        victim = scratch.path / "victim.part";
        write_text(victim, "the operator's own file");
        repo.put("1.root.json", repo.sign(repo.root(1, {repo.root_key}), {repo.root_key}));
    }

    // Targets v, snapshot v and timestamp v, each signed with its role's (leaked) key.
    // `meta_extra` is merged into snapshot's meta, `ts_snapshot_hashes` replaces the hashes
    // timestamp gives for snapshot.json.
    void publish(const nlohmann::json& targets, const nlohmann::json& meta_extra = {},
                 const nlohmann::json& ts_snapshot_hashes = {}) {
        ++version;
        auto t = repo.base("targets", version);
        t["targets"] = targets.is_null() ? nlohmann::json::object() : targets;
        const auto tb = repo.sign(t, {repo.targets_key});
        repo.put(std::to_string(version) + ".targets.json", tb);
        auto s = repo.base("snapshot", version);
        s["meta"] = {{"targets.json", {{"version", version}}}};
        for (auto it = meta_extra.begin(); it != meta_extra.end(); ++it)
            s["meta"][it.key()] = it.value();
        const auto sb = repo.sign(s, {repo.snapshot_key});
        repo.put(std::to_string(version) + ".snapshot.json", sb);
        auto ts = repo.base("timestamp", version);
        const nlohmann::json hashes = ts_snapshot_hashes.is_null()
                                          ? nlohmann::json{{"sha256", sha256_hex(sb)}}
                                          : ts_snapshot_hashes;
        ts["meta"] = {{"snapshot.json",
                       {{"version", version},
                        {"length", static_cast<std::int64_t>(sb.size())},
                        {"hashes", hashes}}}};
        repo.put("timestamp.json", repo.sign(ts, {repo.timestamp_key}));
    }

    // A store target for `bytes` (put where a consistent-snapshot client fetches it), with
    // Guichet's custom data.
    nlohmann::json store_target(const std::string& bytes, const nlohmann::json& guichet,
                                const std::string& sha = {}) {
        const std::string hash = sha.empty() ? sha256_hex(bytes) : sha;
        write_text(repo.dir / "targets" / "guichet" / (hash + ".store.rows.zst"), bytes);
        return {{"length", static_cast<std::int64_t>(bytes.size())},
                {"hashes", {{"sha256", hash}}},
                {"custom", {{"guichet", guichet}}}};
    }

    SyncConfig config() const {
        SyncConfig c;
        c.source = repo.dir.string();
        c.state_dir = state;
        c.trusted_root = repo.dir / "metadata" / "1.root.json";
        c.clock_override = repo.now;
        c.min_free_bytes = 0;
        return c;
    }
    SyncStatus sync() const { return SyncClient(config()).run_once(); }

    // Nothing outside the state folder changed, and the victim is intact.
    void check_nothing_escaped(const std::map<std::string, std::string>& before) const {
        auto after = snapshot_of(scratch.path);
        for (auto it = after.begin(); it != after.end();)
            it = it->first.rfind("state/", 0) == 0 ? after.erase(it) : std::next(it);
        CHECK(after == before);
        CHECK(read_text(victim) == "the operator's own file");
    }
    std::map<std::string, std::string> outside_state() const {
        auto files = snapshot_of(scratch.path);
        for (auto it = files.begin(); it != files.end();)
            it = it->first.rfind("state/", 0) == 0 ? files.erase(it) : std::next(it);
        return files;
    }
};

const nlohmann::json kGuichet = {{"kind", "store"},
                                 {"format", "guichet-rows-1"},
                                 {"content_version", 1},
                                 {"schema_version", 1},
                                 {"rows_length", 1000},
                                 {"store_length", 4096},
                                 {"rows_sha256", std::string(64, 'a')}};

}  // namespace

TEST_CASE("the grammar: hashes, target paths, role and meta names") {
    CHECK(names::check_hash("sha256", std::string(64, 'f')).ok());
    CHECK(names::check_hash("sha512", std::string(128, '0')).ok());
    for (const std::string& bad :
         {std::string(63, 'a'), std::string(65, 'a'), std::string(64, 'A'), std::string(64, 'g'),
          std::string("../../../victim"), std::string("/tmp/x"), std::string(63, 'a') + '\0',
          std::string(63, 'a') + '/'})
        CHECK_FALSE(names::check_hash("sha256", bad).ok());
    CHECK(names::check_hash("blake2b-256", "00ff").ok());
    CHECK_FALSE(names::check_hash("../x", "00").ok());
    CHECK(names::check_target_path("guichet/store.rows.zst").ok());
    for (const char* bad : {"../x", "/etc/x", "a/../b", "a//b", "a/./b", "a\\b", ".", ""})
        CHECK_MESSAGE(!names::check_target_path(bad).ok(), std::string(bad));
    CHECK(names::check_role_name("targets").ok());
    CHECK(names::check_role_name("team-a.docs_2").ok());
    for (const char* bad : {"", "..", "../x", "a/b", ".hidden", "-x", "a..b", "é"})
        CHECK_MESSAGE(!names::check_role_name(bad).ok(), std::string(bad));
    CHECK(names::check_meta_name("targets.json").ok());
    CHECK_FALSE(names::check_meta_name("../targets.json").ok());
    CHECK_FALSE(names::check_meta_name("targets").ok());
}

TEST_CASE("path-like and malformed hashes signed with leaked keys name no file, anywhere") {
    Hostile h;
    const std::string body = "not even zstd";
    // Where a kiosk once named its partial download "<hash>.part" in STATE/downloads.
    const std::string bad_hashes[] = {
        (h.scratch.path / "victim").string(),  // absolute: would replace the path
        "../../victim",                        // climbs out of STATE/downloads
        std::string(64, 'A'),                  // uppercase
        std::string(63, 'a'),                  // short
        std::string(32, 'a') + std::string("\0", 1) + std::string(31, 'a'),
    };
    for (const std::string& hash : bad_hashes) {
        CAPTURE(hash);
        fs::remove_all(h.state);
        // The repository serves a file at the URL the bad hash makes, so a client that used
        // it would find something to write.
        const auto target = h.store_target(body, kGuichet, hash);
        h.publish({{publish::kStoreTarget, target}});
        const auto before = h.outside_state();
        const SyncStatus status = h.sync();
        CHECK(status.result == SyncResult::failed);
        CHECK(contains(status.error, "sha256 hash"));
        h.check_nothing_escaped(before);
        CHECK(fs::is_empty(h.state / "downloads"));
    }
    // A content hash in Guichet's signed custom data ends up in file names too.
    for (const std::string& sha : {std::string("../../victim"), std::string(64, 'Z')}) {
        CAPTURE(sha);
        fs::remove_all(h.state);
        nlohmann::json g = kGuichet;
        g["rows_sha256"] = sha;
        h.publish({{publish::kStoreTarget, h.store_target(body, g)}});
        const SyncStatus status = h.sync();
        CHECK(status.result == SyncResult::failed);
        CHECK(contains(status.error, "rows_sha256"));
        CHECK(read_text(h.victim) == "the operator's own file");
    }
    // Hashes in timestamp's and snapshot's meta are held to the same grammar.
    fs::remove_all(h.state);
    h.publish({}, {}, {{"sha256", "../../victim"}});
    CHECK(contains(h.sync().error, "sha256 hash"));
}

TEST_CASE("path-like target paths and meta names in signed metadata name no file, anywhere") {
    Hostile h;
    const auto good = h.store_target("x", kGuichet);
    for (const std::string& path :
         {std::string("../../victim"), std::string("/etc/passwd"), std::string("a//b"),
          std::string("a/./b"), std::string("a\\..\\b"), std::string("a\0b", 3),
          std::string("a\x1b[2Jb")}) {
        CAPTURE(path);
        fs::remove_all(h.state);
        // The repository serves a file where the path would lead a careless client.
        h.publish({{publish::kStoreTarget, good}, {path, good}});
        const auto before = h.outside_state();
        // TARGETPATH may be any string (§4.5): the metadata is accepted, the odd entry is
        // left out (no lookup can name it), and the attempt goes on with the store target.
        const SyncStatus status = h.sync();
        CHECK_FALSE(contains(status.error, "target path"));
        h.check_nothing_escaped(before);
        auto t = h.repo.base("targets", 1);
        t["targets"] = {{publish::kStoreTarget, good}, {path, good}};
        auto md = tuf::parse(h.repo.sign(t, {h.repo.targets_key}), "targets");
        REQUIRE_MESSAGE(md.ok(), md.message());
        CHECK(md->targets.count(publish::kStoreTarget) == 1);
        CHECK(md->targets.count(path) == 0);
    }
    // A snapshot naming metadata files that climb: METAPATH is any string (§4.4), and nothing
    // is ever fetched or written under it (a role's files are named by role_file_name).
    fs::remove_all(h.state);
    h.publish({}, {{"../../victim.json", {{"version", 1}}}, {"../../victim", {{"version", 1}}}});
    auto before = h.outside_state();
    auto status = h.sync();
    CHECK_FALSE(contains(status.error, "meta"));
    h.check_nothing_escaped(before);
    // A leaked root key: a new root whose roles include a path-like name.
    fs::remove_all(h.state);
    auto root2 = h.repo.root(2, {h.repo.root_key});
    root2["roles"]["../../victim"] = HandRepo::role({h.repo.targets_key}, 1);
    h.repo.put("2.root.json", h.repo.sign(root2, {h.repo.root_key}));
    status = h.sync();
    CHECK(status.result == SyncResult::failed);
    CHECK(contains(status.error, "role name"));
    CHECK(read_text(h.victim) == "the operator's own file");
}

TEST_CASE("a decompression that would exceed its signed size stops at it") {
    Hostile h;
    // 64 MiB of zeros compress to a few kB: a bomb, correctly hashed and signed, whose signed
    // uncompressed length says 1 MiB.
    const std::string zeros(64 << 20, '\0');
    const std::string bomb = store::compress(zeros, 3).value();
    REQUIRE(bomb.size() < 100000);
    nlohmann::json g = kGuichet;
    g["rows_length"] = 1 << 20;
    g["rows_sha256"] = sha256_hex(zeros.substr(0, 1 << 20));
    h.publish({{publish::kStoreTarget, h.store_target(bomb, g)}});
    const SyncStatus status = h.sync();
    CHECK(status.result == SyncResult::failed);
    CHECK(contains(status.error, "decompresses to more than the signed 1048576 bytes"));
    // Nothing larger than what was signed was left behind (or, before the fix, ever written
    // whole: the old reader wrote all 64 MiB first).
    for (const auto& e : fs::recursive_directory_iterator(h.state))
        if (e.is_regular_file()) CHECK(e.file_size() <= (1u << 20));
}

TEST_CASE("the downloads folder holds partial files of signed targets only") {
    Hostile h;
    fs::create_directories(h.state / "downloads");
    // A partial of a target no longer signed (another version, an older publisher).
    write_text(h.state / "downloads" / (std::string(64, 'b') + ".part"), std::string(1 << 20, 'x'));
    write_text(h.state / "downloads" / "stray.part", "x");
    h.publish({{publish::kStoreTarget, h.store_target("not zstd", kGuichet)}});
    (void)h.sync();
    CHECK_FALSE(fs::exists(h.state / "downloads" / (std::string(64, 'b') + ".part")));
    CHECK_FALSE(fs::exists(h.state / "downloads" / "stray.part"));
}

TEST_CASE("free-space messages give the exact numbers") {
    Hostile h;
    h.publish({{publish::kStoreTarget, h.store_target("not zstd", kGuichet)}});
    SyncConfig c = h.config();
    c.min_free_bytes = 1'000'000'000'000;
    const SyncStatus status = SyncClient(c).run_once();
    CHECK(status.result == SyncResult::failed);
    CAPTURE(status.error);
    CHECK(contains(status.error, "not enough free disk in " + h.state.string()));
    CHECK(contains(status.error, " bytes ("));
    CHECK(contains(status.error,
                   "needed (download 8 bytes, row image 1,000 bytes, store 4,096 bytes (4.0 KiB)"));
    CHECK(contains(status.error, "margin min_free_bytes 1,000,000,000,000 bytes (931.3 GiB)"));
    // The difference itself, exact: two sizes that round alike still show how far apart they are.
    const std::regex shape(R"(: ([0-9,]+) bytes?(?: \([^)]*\))? free, ([0-9,]+) bytes?(?: \([^)]*\))? )"
                           R"(needed \(.*\): ([0-9,]+) bytes?(?: \([^)]*\))? short$)");
    std::smatch numbers;
    REQUIRE(std::regex_search(status.error, numbers, shape));
    const auto value = [&](int i) {
        std::string digits = numbers[i].str();
        std::erase(digits, ',');
        return std::stoll(digits);
    };
    CHECK(value(3) == value(2) - value(1));
}

TEST_CASE("metadata files that are not files: refused at once, never a hang") {
    Hostile h;
    h.publish({});
    const auto timed = [&](auto&& run) {
        const auto start = std::chrono::steady_clock::now();
        const SyncStatus status = run();
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
        return status;
    };
    const fs::path ts = h.repo.dir / "metadata" / "timestamp.json";
    const std::string saved = read_text(ts);
    // A FIFO, a device and a symlink leading out of the repository folder (a USB stick).
    fs::remove(ts);
    REQUIRE(::mkfifo(ts.c_str(), 0600) == 0);
    auto status = timed([&] { return h.sync(); });
    CHECK(contains(status.error, "timestamp.json: not a regular file"));
    fs::remove(ts);
    fs::create_symlink("/dev/zero", ts);
    status = timed([&] { return h.sync(); });
    CHECK(status.result == SyncResult::failed);
    fs::remove(ts);
    write_text(h.scratch.path / "outside.json", saved);
    fs::create_symlink(h.scratch.path / "outside.json", ts);
    status = timed([&] { return h.sync(); });
    CHECK(status.result == SyncResult::failed);
    CHECK(contains(status.error, "leads outside"));
    fs::remove(ts);
    write_text(ts, saved);
    // The trusted root named in the config, and the state folder's own records.
    fs::remove_all(h.state);
    SyncConfig c = h.config();
    c.trusted_root = h.scratch.path / "root-fifo";
    REQUIRE(::mkfifo(c.trusted_root.c_str(), 0600) == 0);
    status = timed([&] { return SyncClient(c).run_once(); });
    CHECK(contains(status.error, "root-fifo: not a regular file"));
    fs::remove_all(h.state);
    fs::create_directories(h.state / "sync");
    REQUIRE(::mkfifo((h.state / "sync" / "clock.json").c_str(), 0600) == 0);
    REQUIRE(::mkfifo((h.state / "sync" / "status.json").c_str(), 0600) == 0);
    status = timed([&] { return h.sync(); });
    // Read as absent, then replaced: the attempt goes as far as this repository allows.
    CAPTURE(status.error);
    CHECK(contains(status.error, "the repository holds no content store yet"));
    CHECK(contains(timed([&] { return read_status(h.state).value(); }).error, "no content store"));
}
