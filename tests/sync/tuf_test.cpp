// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "sync/tuf.h"
#include "test_support.h"

using namespace guichet::sync;
using namespace guichet::sync::testing;

namespace {

struct Client {
    fs::path metadata_dir;
    std::unique_ptr<Transport> transport;
    std::int64_t now;
    int max_root_rotations = tuf::kMaxRootRotations;
    Client(const HandRepo& repo, const fs::path& dir, const std::string& initial_root)
        : metadata_dir(dir),
          transport(make_transport((repo.dir / "metadata").string(), {})),
          now(repo.now) {
        fs::create_directories(dir);
        write_text(dir / "root.json", initial_root);
    }
    guichet::Result<bool> refresh() {
        tuf::UpdaterOptions o;
        o.metadata_dir = metadata_dir;
        o.metadata_prefix = "";
        o.targets_prefix = "";
        o.now = now;
        o.max_root_rotations = max_root_rotations;
        tuf::Updater up(o, *transport, *transport);
        return up.refresh();
    }
    std::int64_t trusted_version(const std::string& role) {
        auto md = tuf::parse(read_text(metadata_dir / (role + ".json")), role);
        return md ? md->version : 0;
    }
};

struct Fixture {
    ScratchDir scratch;
    HandRepo repo;
    std::string root1;
    Fixture() {
        repo.dir = scratch.path / "repo";
        root1 = repo.sign(repo.root(1, {repo.root_key}), {repo.root_key});
        repo.put("1.root.json", root1);
        repo.publish(1);
    }
};

}  // namespace

TEST_CASE("a valid repository refreshes and the trusted metadata is written under plain names") {
    Fixture f;
    Client c(f.repo, f.scratch.path / "client", f.root1);
    auto r = c.refresh();
    REQUIRE_MESSAGE(r.ok(), r.message());
    CHECK(*r);
    CHECK(c.trusted_version("timestamp") == 1);
    CHECK(c.trusted_version("snapshot") == 1);
    CHECK(c.trusted_version("targets") == 1);
    auto again = c.refresh();
    REQUIRE(again.ok());
    CHECK_FALSE(*again);  // same timestamp: nothing new, not an error
}

TEST_CASE("unsigned, tampered and wrongly-keyed metadata is rejected and not trusted") {
    Fixture f;
    Client c(f.repo, f.scratch.path / "client", f.root1);
    REQUIRE(c.refresh().ok());
    f.repo.publish(2);
    auto ts = nlohmann::json::parse(read_text(f.repo.dir / "metadata/timestamp.json"));

    SUBCASE("unsigned") {
        ts["signatures"] = nlohmann::json::array();
        f.repo.put("timestamp.json", ts.dump());
    }
    SUBCASE("tampered") {
        ts["signed"]["version"] = 7;
        f.repo.put("timestamp.json", ts.dump());
    }
    SUBCASE("unknown key") {
        auto stranger = new_key();
        f.repo.put("timestamp.json", f.repo.sign(ts["signed"], {stranger}));
    }
    SUBCASE("truncated") {
        f.repo.put("timestamp.json", ts.dump().substr(0, 100));
    }
    auto r = c.refresh();
    CHECK_FALSE(r.ok());
    CHECK(c.trusted_version("timestamp") == 1);
}

TEST_CASE("below-threshold root signatures are rejected") {
    ScratchDir scratch;
    HandRepo repo;
    repo.dir = scratch.path / "repo";
    auto second = new_key();
    auto root = repo.root(1, {repo.root_key, second}, 2);
    repo.put("1.root.json", repo.sign(root, {repo.root_key, second}));
    repo.publish(1);
    Client c(repo, scratch.path / "client", repo.sign(root, {repo.root_key, second}));
    REQUIRE(c.refresh().ok());
    // Version 2 signed by only one of the two required keys.
    repo.put("2.root.json", repo.sign(repo.root(2, {repo.root_key, second}, 2), {repo.root_key}));
    auto r = c.refresh();
    CHECK_FALSE(r.ok());
    CHECK(r.message().find("1 of 2") != std::string::npos);
    CHECK(c.trusted_version("root") == 1);
    // The same signature twice counts once.
    auto doc =
        nlohmann::json::parse(repo.sign(repo.root(2, {repo.root_key, second}, 2), {repo.root_key}));
    doc["signatures"].push_back(doc["signatures"][0]);
    repo.put("2.root.json", doc.dump());
    CHECK_FALSE(c.refresh().ok());
}

TEST_CASE("rollback of timestamp, snapshot or targets is rejected") {
    Fixture f;
    Client c(f.repo, f.scratch.path / "client", f.root1);
    f.repo.publish(2);
    REQUIRE(c.refresh().ok());
    REQUIRE(c.trusted_version("timestamp") == 2);

    SUBCASE("timestamp") {
        f.repo.publish(1);  // an old, validly signed timestamp
        auto r = c.refresh();
        CHECK_FALSE(r.ok());
        CHECK(r.message().find("rollback") != std::string::npos);
    }
    SUBCASE("snapshot (timestamp names an older snapshot)") {
        auto ts = f.repo.base("timestamp", 3, 86400);
        auto sb = read_text(f.repo.dir / "metadata/1.snapshot.json");
        ts["meta"] = {{"snapshot.json", {{"version", 1}}}};
        f.repo.put("timestamp.json", f.repo.sign(ts, {f.repo.timestamp_key}));
        CHECK_FALSE(c.refresh().ok());
    }
    SUBCASE("targets (new snapshot lists an older targets)") {
        auto s = f.repo.base("snapshot", 3);
        s["meta"] = {{"targets.json", {{"version", 1}}}};
        auto sb = f.repo.sign(s, {f.repo.snapshot_key});
        f.repo.put("3.snapshot.json", sb);
        auto ts = f.repo.base("timestamp", 3, 86400);
        ts["meta"] = {{"snapshot.json", {{"version", 3}}}};
        f.repo.put("timestamp.json", f.repo.sign(ts, {f.repo.timestamp_key}));
        auto r = c.refresh();
        CHECK_FALSE(r.ok());
        CHECK(r.message().find("rollback") != std::string::npos);
    }
    CHECK(c.trusted_version("targets") == 2);
}

TEST_CASE("expired timestamp (freeze) is refused, an unchanged but valid one is fine") {
    Fixture f;
    Client c(f.repo, f.scratch.path / "client", f.root1);
    REQUIRE(c.refresh().ok());
    c.now += 2 * 86400;  // the timestamp lives one day
    auto r = c.refresh();
    CHECK_FALSE(r.ok());
    CHECK(r.message().find("expired") != std::string::npos);
}

TEST_CASE("root N+2 without N+1 is not taken, a proper rotation is, with fast-forward recovery") {
    Fixture f;
    Client c(f.repo, f.scratch.path / "client", f.root1);
    REQUIRE(c.refresh().ok());
    auto new_root_key = new_key();

    SUBCASE("3.root.json without 2.root.json") {
        f.repo.put("3.root.json",
                   f.repo.sign(f.repo.root(3, {new_root_key}), {f.repo.root_key, new_root_key}));
        REQUIRE(c.refresh().ok());  // 2.root.json is absent: the chain stops at 1
        CHECK(c.trusted_version("root") == 1);
    }
    SUBCASE("2.root.json numbered 3 inside") {
        f.repo.put("2.root.json",
                   f.repo.sign(f.repo.root(3, {new_root_key}), {f.repo.root_key, new_root_key}));
        CHECK_FALSE(c.refresh().ok());
        CHECK(c.trusted_version("root") == 1);
    }
    SUBCASE("2.root.json holding version 1: discarded, the update goes on (5.3.5)") {
        // Signed by the trusted root's key and its own, but the same version as the trusted
        // root: the specification discards it and carries on with the trusted root.
        auto same = f.repo.root(1, {f.repo.root_key});
        same["expires"] = tuf::format_utc(f.repo.now + 86400 * 400);  // differs from root 1
        f.repo.put("2.root.json", f.repo.sign(same, {f.repo.root_key}));
        f.repo.publish(2);
        auto r = c.refresh();
        REQUIRE_MESSAGE(r.ok(), r.message());
        CHECK(*r);
        CHECK(c.trusted_version("timestamp") == 2);
        CHECK(read_text(c.metadata_dir / "root.json") == f.root1);
    }
    SUBCASE("2.root.json holding an older version: a rollback, refused (5.3.5)") {
        auto root2 = f.repo.sign(f.repo.root(2, {f.repo.root_key}), {f.repo.root_key});
        f.repo.put("2.root.json", root2);
        REQUIRE(c.refresh().ok());
        REQUIRE(c.trusted_version("root") == 2);
        f.repo.put("3.root.json",
                   f.repo.sign(f.repo.root(1, {f.repo.root_key}), {f.repo.root_key}));
        auto r = c.refresh();
        REQUIRE_FALSE(r.ok());
        CHECK(r.message().find("rollback") != std::string::npos);
        CHECK(c.trusted_version("root") == 2);
    }
    SUBCASE("new root not signed by the old key") {
        f.repo.put("2.root.json", f.repo.sign(f.repo.root(2, {new_root_key}), {new_root_key}));
        CHECK_FALSE(c.refresh().ok());
        CHECK(c.trusted_version("root") == 1);
    }
    SUBCASE("proper rotation of root and timestamp keys") {
        f.repo.publish(5);  // timestamp v5 with the old timestamp key
        REQUIRE(c.refresh().ok());
        REQUIRE(c.trusted_version("timestamp") == 5);
        f.repo.timestamp_key = new_key();
        f.repo.put("2.root.json",
                   f.repo.sign(f.repo.root(2, {new_root_key}), {f.repo.root_key, new_root_key}));
        f.repo.root_key = new_root_key;
        f.repo.put("3.root.json", f.repo.sign(f.repo.root(3, {new_root_key}), {new_root_key}));
        f.repo.publish(1);  // the new timestamp key starts over at version 1
        auto r = c.refresh();
        REQUIRE_MESSAGE(r.ok(), r.message());
        CHECK(c.trusted_version("root") == 3);
        CHECK(c.trusted_version("timestamp") == 1);
    }
}

TEST_CASE("metadata larger than declared or than the fixed cap is refused") {
    Fixture f;
    Client c(f.repo, f.scratch.path / "client", f.root1);
    SUBCASE("snapshot longer than timestamp says") {
        auto s = f.repo.base("snapshot", 2);
        s["meta"] = {{"targets.json", {{"version", 1}}}};
        auto sb = f.repo.sign(s, {f.repo.snapshot_key});
        f.repo.put("2.snapshot.json", sb + std::string(5000, ' '));
        auto ts = f.repo.base("timestamp", 2, 86400);
        ts["meta"] = {
            {"snapshot.json", {{"version", 2}, {"length", static_cast<std::int64_t>(sb.size())}}}};
        f.repo.put("timestamp.json", f.repo.sign(ts, {f.repo.timestamp_key}));
    }
    SUBCASE("timestamp over the 16 kB cap") {
        auto ts = nlohmann::json::parse(read_text(f.repo.dir / "metadata/timestamp.json"));
        f.repo.put("timestamp.json", ts.dump() + std::string(tuf::kTimestampMaxLength, ' '));
    }
    auto r = c.refresh();
    CHECK_FALSE(r.ok());
    CHECK(c.trusted_version("snapshot") == 0);
}

TEST_CASE("targets: consistent names are hash-prefixed, tampered or oversize files are discarded") {
    ScratchDir scratch;
    HandRepo repo;
    repo.dir = scratch.path / "repo";
    auto root = repo.root(1, {repo.root_key});
    const std::string body = "hello, kiosk\n";
    const auto sha = sha256_hex(body);
    auto publish_with_target = [&](bool consistent) {
        root["consistent_snapshot"] = consistent;
        repo.put("1.root.json", repo.sign(root, {repo.root_key}));
        auto t = repo.base("targets", 1);
        t["targets"] = {
            {"docs/a.txt",
             {{"length", static_cast<std::int64_t>(body.size())}, {"hashes", {{"sha256", sha}}}}}};
        auto tb = repo.sign(t, {repo.targets_key});
        auto s = repo.base("snapshot", 1);
        s["meta"] = {{"targets.json", {{"version", 1}}}};
        auto sb = repo.sign(s, {repo.snapshot_key});
        repo.put(consistent ? "1.targets.json" : "targets.json", tb);
        repo.put(consistent ? "1.snapshot.json" : "snapshot.json", sb);
        auto ts = repo.base("timestamp", 1, 86400);
        ts["meta"] = {{"snapshot.json", {{"version", 1}}}};
        repo.put("timestamp.json", repo.sign(ts, {repo.timestamp_key}));
    };
    for (bool consistent : {true, false}) {
        CAPTURE(consistent);
        fs::remove_all(repo.dir);
        fs::remove_all(scratch.path / "client");
        publish_with_target(consistent);
        auto target_file =
            repo.dir / "targets" / (consistent ? "docs/" + sha + ".a.txt" : "docs/a.txt");
        write_text(target_file, body);
        fs::create_directories(scratch.path / "client");
        write_text(scratch.path / "client/root.json", repo.sign(root, {repo.root_key}));
        auto meta = make_transport((repo.dir / "metadata").string(), {});
        auto targets = make_transport((repo.dir / "targets").string(), {});
        tuf::UpdaterOptions o;
        o.metadata_dir = scratch.path / "client";
        o.metadata_prefix = "";
        o.targets_prefix = "";
        o.now = repo.now;
        tuf::Updater up(o, *meta, *targets);
        auto r = up.refresh();
        REQUIRE_MESSAGE(r.ok(), r.message());
        auto info = up.target("docs/a.txt");
        REQUIRE(info.ok());
        CHECK(up.target_url_name("docs/a.txt", *info) ==
              (consistent ? "docs/" + sha + ".a.txt" : "docs/a.txt"));
        auto out = scratch.path / "a.part";
        auto dir = guichet::files::ConfinedDir::open(scratch.path);
        REQUIRE(dir.ok());
        REQUIRE(up.download_target("docs/a.txt", *info, *dir, "a.part").ok());
        CHECK(read_text(out) == body);

        write_text(target_file, "hello, kiosK\n");  // same length, other bytes
        auto bad = up.download_target("docs/a.txt", *info, *dir, "a.part");
        CHECK_FALSE(bad.ok());
        CHECK(bad.message().find("mismatch") != std::string::npos);
        CHECK_FALSE(fs::exists(out));

        write_text(target_file, body + "and more");
        CHECK_FALSE(up.download_target("docs/a.txt", *info, *dir, "a.part").ok());
        CHECK_FALSE(up.target("docs/missing.txt").ok());
    }
}

TEST_CASE("spec_version: semantic versions of major 1 are read, any other major is refused") {
    HandRepo repo;
    for (const auto& item : std::vector<std::pair<std::string, bool>>{
             {"1.0", true},        {"1.0.31", true},         {"1.99.7", true},
             {"1.0.0-rc1", true},  {"1.0.0-rc.1+b.5", true}, {"1.0.32+build", true},
             {"2.0.0", false},     {"2.0.0-rc1", false},     {"0.9.0", false},
             {"1", false},         {"1.0.0.0", false},       {"1.0-rc1", false},
             {"1.0.0-", false},    {"1.0.0+", false},        {"1.0.0-a..b", false},
             {"1.0.0-r_c", false}, {"1.x.0", false},         {"v1.0.0", false},
             {"", false},          {"01.0.0x", false}}) {
        const std::string& version = item.first;
        const bool ok = item.second;
        CAPTURE(version);
        auto s = repo.base("timestamp", 1);
        s["spec_version"] = version;
        s["meta"] = {{"snapshot.json", {{"version", 1}}}};
        auto md = tuf::parse(repo.sign(s, {repo.timestamp_key}), "timestamp");
        CHECK(md.ok() == ok);
        if (!ok) CHECK(md.message().find("spec_version") != std::string::npos);
    }
}

TEST_CASE("metadata shapes of section 4: versions, expiry format, required roles, meta") {
    HandRepo repo;
    const auto parses = [&](nlohmann::json s, const std::string& type) {
        return tuf::parse(repo.sign(s, {repo.timestamp_key}), type).ok();
    };
    auto ts = repo.base("timestamp", 1);
    ts["meta"] = {{"snapshot.json", {{"version", 1}}}};
    CHECK(parses(ts, "timestamp"));  // meta with a version only: length and hashes optional
    for (const nlohmann::json& bad_version :
         {nlohmann::json(0), nlohmann::json(-1), nlohmann::json("1")}) {
        auto s = ts;
        s["version"] = bad_version;
        CHECK_FALSE(parses(s, "timestamp"));
    }
    for (const char* bad : {"2030-01-01T00:00:00", "2030-01-01 00:00:00Z", "2030-02-30T00:00:00Z",
                            "2030-01-01T00:00:00+00:00", "2030-1-01T00:00:00Z"}) {
        CAPTURE(bad);
        auto s = ts;
        s["expires"] = bad;
        CHECK_FALSE(parses(s, "timestamp"));
    }
    auto two = ts;  // timestamp's meta holds exactly snapshot.json
    two["meta"]["targets.json"] = {{"version", 1}};
    CHECK_FALSE(parses(two, "timestamp"));
    auto wrong_type = ts;
    CHECK_FALSE(parses(wrong_type, "snapshot"));
    // Root: every top-level role must be there; consistent_snapshot is optional (false).
    auto root = repo.root(1, {repo.root_key});
    root.erase("consistent_snapshot");
    auto md = tuf::parse(repo.sign(root, {repo.root_key}), "root");
    REQUIRE(md.ok());
    CHECK_FALSE(md->consistent_snapshot);
    for (const char* role : {"root", "timestamp", "snapshot", "targets"}) {
        auto r = repo.root(1, {repo.root_key});
        r["roles"].erase(role);
        CHECK_FALSE(tuf::parse(repo.sign(r, {repo.root_key}), "root").ok());
    }
    auto zero = repo.root(1, {repo.root_key});
    zero["roles"]["timestamp"]["threshold"] = 0;
    CHECK_FALSE(tuf::parse(repo.sign(zero, {repo.root_key}), "root").ok());
    // An empty targets object is allowed (no target files available).
    auto t = repo.base("targets", 1);
    t["targets"] = nlohmann::json::object();
    CHECK(tuf::parse(repo.sign(t, {repo.targets_key}), "targets").ok());
    // A target needs length and hashes; CUSTOM is an object handed to the application.
    const nlohmann::json file = {{"length", 3}, {"hashes", {{"sha256", std::string(64, 'a')}}}};
    t["targets"] = {{"with-custom", file}, {"custom-not-object", file}};
    t["targets"]["with-custom"]["custom"] = {{"guichet", {{"kind", "store"}}}, {"x", 1}};
    t["targets"]["custom-not-object"]["custom"] = "text";
    auto with_custom = tuf::parse(repo.sign(t, {repo.targets_key}), "targets");
    REQUIRE(with_custom.ok());
    CHECK(with_custom->targets.at("with-custom").custom["guichet"]["kind"] == "store");
    CHECK(with_custom->targets.at("custom-not-object").custom.is_null());
    for (const char* field : {"length", "hashes"}) {
        auto broken = t;
        broken["targets"]["with-custom"].erase(field);
        CHECK_FALSE(tuf::parse(repo.sign(broken, {repo.targets_key}), "targets").ok());
    }
}

TEST_CASE("the root chain walk stops after a bounded number of new roots per refresh (5.3.3)") {
    static_assert(tuf::kMaxRootRotations == 256);
    CHECK(tuf::UpdaterOptions{}.max_root_rotations == tuf::kMaxRootRotations);
    Fixture f;
    Client c(f.repo, f.scratch.path / "client", f.root1);
    c.max_root_rotations = 4;
    for (int v = 2; v <= 8; ++v)
        f.repo.put(std::to_string(v) + ".root.json",
                   f.repo.sign(f.repo.root(v, {f.repo.root_key}), {f.repo.root_key}));
    auto r = c.refresh();
    REQUIRE_MESSAGE(r.ok(), r.message());
    CHECK(c.trusted_version("root") == 5);
    REQUIRE(c.refresh().ok());  // the next refresh carries on from there
    CHECK(c.trusted_version("root") == 8);
}

TEST_CASE("snapshot and targets must carry the version their parent names (5.5.4 and 5.6.4)") {
    Fixture f;
    Client c(f.repo, f.scratch.path / "client", f.root1);
    REQUIRE(c.refresh().ok());
    SUBCASE("2.snapshot.json holding version 3") {
        auto s = f.repo.base("snapshot", 3);
        s["meta"] = {{"targets.json", {{"version", 1}}}};
        f.repo.put("2.snapshot.json", f.repo.sign(s, {f.repo.snapshot_key}));
        auto ts = f.repo.base("timestamp", 2, 86400);
        ts["meta"] = {{"snapshot.json", {{"version", 2}}}};
        f.repo.put("timestamp.json", f.repo.sign(ts, {f.repo.timestamp_key}));
        auto r = c.refresh();
        REQUIRE_FALSE(r.ok());
        CHECK(r.message().find("differs from timestamp") != std::string::npos);
        CHECK(c.trusted_version("snapshot") == 1);
    }
    SUBCASE("2.targets.json holding version 3") {
        auto t = f.repo.base("targets", 3);
        t["targets"] = nlohmann::json::object();
        f.repo.put("2.targets.json", f.repo.sign(t, {f.repo.targets_key}));
        auto s = f.repo.base("snapshot", 2);
        s["meta"] = {{"targets.json", {{"version", 2}}}};
        auto sb = f.repo.sign(s, {f.repo.snapshot_key});
        f.repo.put("2.snapshot.json", sb);
        auto ts = f.repo.base("timestamp", 2, 86400);
        ts["meta"] = {{"snapshot.json", {{"version", 2}}}};
        f.repo.put("timestamp.json", f.repo.sign(ts, {f.repo.timestamp_key}));
        auto r = c.refresh();
        REQUIRE_FALSE(r.ok());
        CHECK(r.message().find("differs from snapshot") != std::string::npos);
        CHECK(c.trusted_version("targets") == 1);
    }
}
