// SPDX-License-Identifier: GPL-3.0-or-later
// Delegated targets roles (§5.6.7, TAP 15): path patterns, hash prefixes and bins, the
// pre-order depth-first search with terminating roles, cycles and depth bombs, and every
// check a delegated role's metadata goes through.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "platform/confined_dir.h"
#include "sync/tuf.h"
#include "test_support.h"

using namespace guichet::sync;
using namespace guichet::sync::testing;

namespace {

// A repository with delegated roles, every file written by hand and signed with real keys.
struct World {
    ScratchDir scratch;
    HandRepo repo;
    std::string root1;
    nlohmann::json top_targets = nlohmann::json::object();
    std::optional<nlohmann::json> top_delegations;
    struct Role {
        std::vector<SigningKey> keys;
        nlohmann::json targets = nlohmann::json::object();
        std::optional<nlohmann::json> delegations;
        std::int64_t version = 1;
        std::int64_t lifetime = 86400 * 30;
        bool published = true;
    };
    std::map<std::string, Role> roles;
    std::int64_t version = 0;
    std::unique_ptr<Transport> transport;
    fs::path client;
    int max_delegations = tuf::kMaxDelegationsVisited;

    World() {
        repo.dir = scratch.path / "repo";
        root1 = repo.sign(repo.root(1, {repo.root_key}), {repo.root_key});
        repo.put("1.root.json", root1);
        client = scratch.path / "client";
        fs::create_directories(client);
        write_text(client / "root.json", root1);
        transport = make_transport((repo.dir / "metadata").string(), {});
    }

    static nlohmann::json entry(const std::string& name, const std::vector<SigningKey>& keys,
                                std::vector<std::string> paths, bool terminating = false,
                                int threshold = 1) {
        nlohmann::json ids = nlohmann::json::array();
        for (const auto& k : keys) ids.push_back(k.key_id());
        return {{"name", name},
                {"keyids", ids},
                {"threshold", threshold},
                {"paths", paths},
                {"terminating", terminating}};
    }
    static nlohmann::json delegations(const std::vector<nlohmann::json>& entries,
                                      const std::vector<SigningKey>& keys) {
        nlohmann::json k = nlohmann::json::object();
        for (const auto& key : keys) k[key.key_id()] = key.public_key().tuf_object();
        return {{"keys", k}, {"roles", entries}};
    }
    static nlohmann::json target(const std::string& body) {
        return {{"length", static_cast<std::int64_t>(body.size())},
                {"hashes", {{"sha256", sha256_hex(body)}}}};
    }
    // A role whose own key signs it, delegated by nobody until an entry names it.
    Role& role(const std::string& name, KeyType type = KeyType::ed25519) {
        auto& r = roles[name];
        if (r.keys.empty()) r.keys = {new_key(type)};
        return r;
    }

    // Targets, every role, snapshot listing them all, timestamp: all at the next version.
    void publish() {
        ++version;
        auto t = repo.base("targets", version);
        t["targets"] = top_targets;
        if (top_delegations) t["delegations"] = *top_delegations;
        repo.put(std::to_string(version) + ".targets.json", repo.sign(t, {repo.targets_key}));
        auto s = repo.base("snapshot", version);
        s["meta"] = {{"targets.json", {{"version", version}}}};
        for (auto& [name, r] : roles) {
            if (!r.published) continue;
            auto d = repo.base("targets", r.version, r.lifetime);
            d["targets"] = r.targets;
            if (r.delegations) d["delegations"] = *r.delegations;
            repo.put(std::to_string(r.version) + "." + percent(name) + ".json",
                     repo.sign(d, r.keys));
            s["meta"][name + ".json"] = {{"version", r.version}};
        }
        auto sb = repo.sign(s, {repo.snapshot_key});
        repo.put(std::to_string(version) + ".snapshot.json", sb);
        auto ts = repo.base("timestamp", version, 86400);
        ts["meta"] = {{"snapshot.json", {{"version", version}}}};
        repo.put("timestamp.json", repo.sign(ts, {repo.timestamp_key}));
    }
    // The file name a web server would map the client's percent-encoded URL to.
    static std::string percent(const std::string& name) { return name; }

    tuf::Updater updater() {
        tuf::UpdaterOptions o;
        o.metadata_dir = client;
        o.metadata_prefix = "";
        o.targets_prefix = "";
        o.now = repo.now;
        o.max_delegations = max_delegations;
        return tuf::Updater(o, *transport, *transport);
    }
    guichet::Result<tuf::TargetFile> lookup(const std::string& path) {
        auto up = updater();
        auto r = up.refresh();
        if (!r) return r.error();
        return up.target(path);
    }
    std::int64_t requests() const { return transport->stats().requests; }
};

}  // namespace

TEST_CASE("PATHPATTERN: the specification's examples and shell-style rules, segment by segment") {
    struct Case {
        const char* pattern;
        const char* path;
        bool match;
    };
    const Case cases[] = {
        // §4.5's own examples.
        {"targets/*.tgz", "targets/foo.tgz", true},
        {"targets/*.tgz", "targets/bar.tgz", true},
        {"targets/*.tgz", "targets/foo.txt", false},
        {"foo-version-?.tgz", "foo-version-2.tgz", true},
        {"foo-version-?.tgz", "foo-version-a.tgz", true},
        {"foo-version-?.tgz", "foo-version-alpha.tgz", false},
        {"*.tgz", "foo.tgz", true},
        {"*.tgz", "bar.tgz", true},
        {"*.tgz", "targets/foo.tgz", false},
        {"foo.tgz", "foo.tgz", true},
        {"foo.tgz", "bar.tgz", false},
        // A wildcard never crosses '/', and the segment counts must agree.
        {"regions/*", "regions/caribbean/notices.db", false},
        {"regions/*/*", "regions/caribbean/notices.db", true},
        {"regions/caribbean/*", "regions/caribbean/x", true},
        {"regions/caribbean/*", "regions/caribbean", false},
        {"regions/caribbean/*", "regions/caribbean/", true},  // '*' matches the empty segment
        {"*", "a/b", false},
        {"*/*", "a/b", true},
        {"*", "", true},
        {"", "", true},
        {"a", "", false},
        // Classes, negation, ranges; an unclosed '[' is itself.
        {"file-[abc].txt", "file-b.txt", true},
        {"file-[abc].txt", "file-d.txt", false},
        {"file-[!abc].txt", "file-d.txt", true},
        {"file-[!abc].txt", "file-a.txt", false},
        {"v[0-9].bin", "v7.bin", true},
        {"v[0-9].bin", "vx.bin", false},
        {"v[9-0].bin", "v5.bin", false},  // an empty range matches nothing
        {"[]]x", "]x", true},
        {"[!]]x", "ax", true},
        {"a[-z]", "a-", true},
        {"a[", "a[", true},
        {"a[b", "a[b", true},
        {"[^a]", "^", true},   // '^' is no negation in Python's fnmatch
        {"\\*", "\\x", true},  // no escape character: '\' is literal
        // Odd but legal characters, and UTF-8: '?' is one character, not one byte.
        {"docs/a b#c?.txt", "docs/a b#c%.txt", true},
        {"docs/?t?.txt", "docs/été.txt", true},
        {"docs/??.txt", "docs/é.txt", false},
        {"régions/*", "régions/ñ", true},
        // '*' backtracking.
        {"*a*b*c", "xxaxxbxxc", true},
        {"*a*b*c", "xxaxxcxxb", false},
        {"**", "anything", true},
        {"a*", "a", true},
        // Leading and doubled separators are segments like any other.
        {"/abs/*", "/abs/x", true},
        {"/abs/*", "abs/x", false},
        {"a//b", "a//b", true},
        {"a/*/b", "a//b", true},
    };
    for (const auto& c : cases) {
        CAPTURE(c.pattern);
        CAPTURE(c.path);
        CHECK(tuf::match_path_pattern(c.pattern, c.path) == c.match);
    }
}

TEST_CASE("hash prefixes and TAP 15 bins: names, bit lengths 1 to 32, membership") {
    const std::string path = "files/a.txt";
    const std::string h = sha256_hex(path);
    tuf::DelegatedRole r;
    r.path_hash_prefixes = std::vector<std::string>{h.substr(0, 2)};
    CHECK(r.covers(path));
    r.path_hash_prefixes = std::vector<std::string>{h.substr(0, 2) == "00" ? "01" : "00"};
    CHECK_FALSE(r.covers(path));
    r.path_hash_prefixes = std::vector<std::string>{""};
    CHECK(r.covers(path));
    r.path_hash_prefixes = std::vector<std::string>{h + "0"};
    CHECK_FALSE(r.covers(path));

    const unsigned first = static_cast<unsigned>(std::stoul(h.substr(0, 8), nullptr, 16));
    for (int bits : {1, 3, 4, 5, 8, 13, 16, 31, 32}) {
        CAPTURE(bits);
        tuf::SuccinctRoles s;
        s.bit_length = bits;
        s.name_prefix = "bins";
        const std::uint64_t bin = static_cast<std::uint64_t>(first) >> (32 - bits);
        const std::uint64_t last = (std::uint64_t{1} << bits) - 1;
        const size_t width = static_cast<size_t>((bits + 3) / 4);
        auto name_of = [&](std::uint64_t n) {
            static const char* digits = "0123456789abcdef";
            std::string hex(width, '0');
            for (size_t i = width; i-- > 0; n >>= 4) hex[i] = digits[n & 15];
            return "bins-" + hex;
        };
        const std::string expected = name_of(bin), last_name = name_of(last);
        CHECK(s.role_for(path) == expected);
        CHECK(s.is_bin(expected));
        CHECK(s.is_bin(last_name));
        CHECK_FALSE(s.is_bin(last_name + "0"));
        CHECK_FALSE(s.is_bin("bins-"));
        CHECK_FALSE(s.is_bin("other-" + expected.substr(5)));
    }
    tuf::SuccinctRoles five{{}, 5, "b"};
    CHECK(five.is_bin("b-1f"));
    CHECK_FALSE(five.is_bin("b-20"));  // beyond 2^5 - 1
    CHECK_FALSE(five.is_bin("b-1F"));  // python-tuf's names are lowercase
    CHECK_FALSE(five.is_bin("b-f"));   // zero-padded to two digits
}

TEST_CASE("a target in a nested delegated role is found, its role named, its file checked") {
    World w;
    auto& a = w.role("regions", KeyType::ecdsa);
    auto& b = w.role("caribbean", KeyType::rsa);
    w.top_delegations =
        World::delegations({World::entry("regions", a.keys, {"regions/*/*"})}, a.keys);
    a.delegations =
        World::delegations({World::entry("caribbean", b.keys, {"regions/caribbean/*"})}, b.keys);
    const std::string body = "Consulado: horario de verano\n";
    b.targets["regions/caribbean/notice.txt"] = World::target(body);
    w.publish();
    auto up = w.updater();
    REQUIRE(up.refresh().ok());
    auto info = up.target("regions/caribbean/notice.txt");
    REQUIRE_MESSAGE(info.ok(), info.message());
    CHECK(info->role == "caribbean");
    CHECK(info->length == static_cast<std::int64_t>(body.size()));
    CHECK(fs::exists(w.client / "regions.json"));
    CHECK(fs::exists(w.client / "caribbean.json"));
    // Its file: good bytes pass; tampered or longer ones are refused.
    const auto sha = sha256_hex(body);
    const auto served = w.repo.dir / "metadata" / "regions/caribbean" / (sha + ".notice.txt");
    write_text(served, body);
    CHECK(up.target_url_name("regions/caribbean/notice.txt", *info) ==
          "regions/caribbean/" + sha + ".notice.txt");
    auto dir = guichet::files::ConfinedDir::open(w.scratch.path);
    REQUIRE(dir.ok());
    REQUIRE(up.download_target("regions/caribbean/notice.txt", *info, *dir, "notice.part").ok());
    CHECK(read_text(w.scratch.path / "notice.part") == body);
    write_text(served, std::string(body.size(), 'x'));
    CHECK_FALSE(
        up.download_target("regions/caribbean/notice.txt", *info, *dir, "notice.part").ok());
    CHECK_FALSE(fs::exists(w.scratch.path / "notice.part"));
    // Paths outside the chain's patterns never reach the roles.
    CHECK_FALSE(up.target("regions/andes/notice.txt").ok());
    // A second lookup reads the kept metadata, no new requests for it.
    const auto before = w.requests();
    auto up2 = w.updater();
    REQUIRE(up2.refresh().ok());
    const auto after_refresh = w.requests();
    REQUIRE(up2.target("regions/caribbean/notice.txt").ok());
    CHECK(w.requests() == after_refresh);
    CHECK(after_refresh - before <= 2);  // the root probe and timestamp
}

TEST_CASE("pre-order depth-first order, and a terminating role ends the search") {
    World w;
    auto& a = w.role("a");
    auto& a1 = w.role("a1");
    auto& b = w.role("b");
    const std::string path = "shared/file.txt";
    a1.targets[path] = World::target("from a1");
    b.targets[path] = World::target("from b");
    a.delegations = World::delegations({World::entry("a1", a1.keys, {"shared/*"})}, a1.keys);

    SUBCASE("the first delegation's subtree answers first") {
        w.top_delegations = World::delegations(
            {World::entry("a", a.keys, {"shared/*"}), World::entry("b", b.keys, {"shared/*"})},
            {a.keys[0], b.keys[0]});
        w.publish();
        auto info = w.lookup(path);
        REQUIRE(info.ok());
        CHECK(info->role == "a1");
    }
    SUBCASE("a terminating role without the target: the next delegation is not consulted") {
        a1.targets = nlohmann::json::object();
        w.top_delegations = World::delegations({World::entry("a", a.keys, {"shared/*"}, true),
                                                World::entry("b", b.keys, {"shared/*"})},
                                               {a.keys[0], b.keys[0]});
        w.publish();
        auto info = w.lookup(path);
        CHECK_FALSE(info.ok());
        CHECK_FALSE(fs::exists(w.client / "b.json"));
    }
    SUBCASE("a terminating role deeper down ends the whole search, siblings above included") {
        a1.targets = nlohmann::json::object();
        a.delegations =
            World::delegations({World::entry("a1", a1.keys, {"shared/*"}, true)}, a1.keys);
        w.top_delegations = World::delegations(
            {World::entry("a", a.keys, {"shared/*"}), World::entry("b", b.keys, {"shared/*"})},
            {a.keys[0], b.keys[0]});
        w.publish();
        auto info = w.lookup(path);
        CHECK_FALSE(info.ok());
        CHECK(fs::exists(w.client / "a1.json"));
        CHECK_FALSE(fs::exists(w.client / "b.json"));
    }
    SUBCASE("the same without terminating: b answers") {
        a1.targets = nlohmann::json::object();
        w.top_delegations = World::delegations(
            {World::entry("a", a.keys, {"shared/*"}), World::entry("b", b.keys, {"shared/*"})},
            {a.keys[0], b.keys[0]});
        w.publish();
        auto info = w.lookup(path);
        REQUIRE(info.ok());
        CHECK(info->role == "b");
    }
    SUBCASE("the top-level targets answer before any delegation") {
        w.top_targets[path] = World::target("central");
        w.top_delegations = World::delegations({World::entry("a", a.keys, {"shared/*"})}, a.keys);
        w.publish();
        auto info = w.lookup(path);
        REQUIRE(info.ok());
        CHECK(info->role == "targets");
        CHECK_FALSE(fs::exists(w.client / "a.json"));  // never fetched
    }
}

TEST_CASE("a delegation cycle ends, a 100-deep chain stops at the limit, cleanly and bounded") {
    World w;
    SUBCASE("cycle") {
        auto& a = w.role("a");
        auto& b = w.role("b");
        a.delegations = World::delegations({World::entry("b", b.keys, {"*"})}, b.keys);
        b.delegations = World::delegations({World::entry("a", a.keys, {"*"})}, a.keys);
        w.top_delegations = World::delegations({World::entry("a", a.keys, {"*"})}, a.keys);
        w.publish();
        auto info = w.lookup("missing");
        REQUIRE_FALSE(info.ok());
        CHECK(info.message().find("no target named missing") != std::string::npos);
    }
    SUBCASE("chain of 100") {
        const int depth = 100;
        for (int i = 0; i < depth; ++i) w.role("r" + std::to_string(i));
        for (int i = 0; i + 1 < depth; ++i) {
            auto& next = w.roles["r" + std::to_string(i + 1)];
            w.roles["r" + std::to_string(i)].delegations = World::delegations(
                {World::entry("r" + std::to_string(i + 1), next.keys, {"deep/*"})}, next.keys);
        }
        w.roles["r" + std::to_string(depth - 1)].targets["deep/x"] = World::target("x");
        auto& r0 = w.roles["r0"];
        w.top_delegations = World::delegations({World::entry("r0", r0.keys, {"deep/*"})}, r0.keys);
        w.publish();
        auto up = w.updater();
        REQUIRE(up.refresh().ok());
        const auto before = w.requests();
        auto info = up.target("deep/x");
        REQUIRE_FALSE(info.ok());
        CHECK(info.message().find("the limit") != std::string::npos);
        // At most the limit's worth of roles fetched (the top-level targets is one of them).
        CHECK(w.requests() - before <= tuf::kMaxDelegationsVisited);
        std::size_t kept = 0;
        for (const auto& e : fs::directory_iterator(w.client))
            if (e.path().filename().string()[0] == 'r' && e.path().filename() != "root.json")
                ++kept;
        CHECK(kept <= static_cast<std::size_t>(tuf::kMaxDelegationsVisited));
        // With a larger bound, the same lookup succeeds: the chain itself was valid.
        w.max_delegations = depth + 1;
        auto deep = w.updater();
        REQUIRE(deep.refresh().ok());
        auto found = deep.target("deep/x");
        REQUIRE_MESSAGE(found.ok(), found.message());
        CHECK(found->role == "r99");
    }
}

TEST_CASE("a delegated role is checked like any role: snapshot version, expiry, keys, rollback") {
    World w;
    auto& a = w.role("a");
    a.targets["a/file"] = World::target("file");
    auto second = new_key();
    w.top_delegations = World::delegations({World::entry("a", a.keys, {"a/*"})}, a.keys);
    w.publish();
    REQUIRE(w.lookup("a/file").ok());

    SUBCASE("version other than snapshot's") {
        a.version = 2;
        w.publish();
        // The snapshot now names a.json v2; serve a v3 file under that name.
        auto d = w.repo.base("targets", 3);
        d["targets"] = a.targets;
        w.repo.put("2.a.json", w.repo.sign(d, a.keys));
        auto info = w.lookup("a/file");
        REQUIRE_FALSE(info.ok());
        CHECK(info.message().find("differs from snapshot") != std::string::npos);
    }
    SUBCASE("expired") {
        a.version = 2;
        a.lifetime = -60;
        w.publish();
        auto info = w.lookup("a/file");
        REQUIRE_FALSE(info.ok());
        CHECK(info.message().find("expired") != std::string::npos);
    }
    SUBCASE("signed by a key the delegation does not list") {
        a.version = 2;
        a.keys = {second};
        w.publish();
        auto info = w.lookup("a/file");
        REQUIRE_FALSE(info.ok());
        CHECK(info.message().find("0 of 1") != std::string::npos);
    }
    SUBCASE("threshold 2: one key twice counts once") {
        auto& role_a = w.roles["a"];
        std::vector<SigningKey> two = {role_a.keys[0], second};
        w.top_delegations = World::delegations({World::entry("a", two, {"a/*"}, false, 2)}, two);
        role_a.version = 2;
        role_a.keys = {two[0], two[0]};
        w.publish();
        auto info = w.lookup("a/file");
        REQUIRE_FALSE(info.ok());
        CHECK(info.message().find("1 of 2") != std::string::npos);
        role_a.version = 3;
        role_a.keys = two;
        w.publish();
        CHECK(w.lookup("a/file").ok());
    }
    SUBCASE("rolled back: a snapshot naming an older version of the role is refused") {
        a.version = 3;
        w.publish();
        REQUIRE(w.lookup("a/file").ok());
        a.version = 2;
        w.publish();
        auto up = w.updater();
        auto r = up.refresh();
        REQUIRE_FALSE(r.ok());
        CHECK(r.message().find("rollback of a.json") != std::string::npos);
    }
    SUBCASE("delegated but not listed in snapshot") {
        a.published = false;
        a.version = 2;
        w.publish();
        // The old snapshot listed a.json: a new one that drops it is refused (§5.5.5).
        CHECK_FALSE(w.updater().refresh().ok());
    }
    SUBCASE("length and hashes from snapshot are checked for delegated metadata") {
        a.version = 2;
        w.publish();
        auto s = nlohmann::json::parse(read_text(w.repo.dir / "metadata" / "2.snapshot.json"));
        auto snap = s["signed"];
        snap["version"] = 3;
        snap["meta"]["a.json"]["hashes"] = {{"sha256", std::string(64, '0')}};
        w.repo.put("3.snapshot.json", w.repo.sign(snap, {w.repo.snapshot_key}));
        auto ts = w.repo.base("timestamp", 3, 86400);
        ts["meta"] = {{"snapshot.json", {{"version", 3}}}};
        w.repo.put("timestamp.json", w.repo.sign(ts, {w.repo.timestamp_key}));
        fs::remove(w.client / "a.json");
        auto info = w.lookup("a/file");
        REQUIRE_FALSE(info.ok());
        CHECK(info.message().find("sha256 mismatch") != std::string::npos);
    }
}

TEST_CASE("any role name is kept under a safe local file name, never a path") {
    World w;
    CHECK(tuf::role_file_name("caribbean").value() == "caribbean.json");
    CHECK(tuf::role_url_name("caribbean") == "caribbean.json");
    CHECK(tuf::role_url_name("a/b") == "a%2Fb.json");
    // ROLENAME is any string (§4.5): each of these is a legal delegation, found, verified and
    // kept in the metadata folder under a name that neither climbs nor hides.
    const std::vector<std::string> odd = {
        "../escape", "..",      "a/b",         "r\xC3\xA9gion",       "%2e%2e",
        "x y",       ".hidden", "new\nline",   std::string(240, 'a'), "-x",
        "a..b",      "~fake",   "../../escape"};
    std::vector<nlohmann::json> entries;
    std::vector<SigningKey> keys;
    std::set<std::string> files;
    for (std::size_t i = 0; i < odd.size(); ++i) {
        auto& r = w.role(odd[i]);
        r.targets["odd/" + std::to_string(i)] = World::target("body " + std::to_string(i));
        entries.push_back(World::entry(odd[i], r.keys, {"odd/" + std::to_string(i)}));
        keys.push_back(r.keys[0]);
        auto file = tuf::role_file_name(odd[i]);
        REQUIRE(file.ok());
        CAPTURE(*file);
        CHECK(file->find('/') == std::string::npos);
        CHECK(file->front() != '.');
        CHECK(file->size() <= 70);
        files.insert(*file);
    }
    CHECK(files.size() == odd.size());  // no two roles share a file
    w.top_delegations = World::delegations(entries, keys);
    w.publish();
    const auto outside = [&] {
        std::set<std::string> all;
        for (const auto& e : fs::recursive_directory_iterator(w.scratch.path))
            if (e.path().string().rfind(w.client.string(), 0) != 0) all.insert(e.path().string());
        return all;
    };
    const auto before = outside();
    auto up = w.updater();
    REQUIRE(up.refresh().ok());
    for (std::size_t i = 0; i < odd.size(); ++i) {
        CAPTURE(odd[i]);
        auto info = up.target("odd/" + std::to_string(i));
        if (odd[i] == "../../escape" || odd[i] == "new\nline") {
            // Fetched as "1...%2F..%2Fescape.json" and "1.new%0Aline.json": a folder (a USB
            // stick) decodes them to a climbing name and one with a control character, and
            // refuses both (a folder of ours never holds such names). The lookup fails
            // cleanly; nothing is written anywhere.
            REQUIRE_FALSE(info.ok());
            CHECK(info.message().find("refused name") != std::string::npos);
            continue;
        }
        REQUIRE_MESSAGE(info.ok(), info.message());
        CHECK(info->role == odd[i]);
        CHECK(fs::is_regular_file(w.client / tuf::role_file_name(odd[i]).value()));
    }
    CHECK(outside() == before);
    for (const auto& e : fs::directory_iterator(w.client)) {
        CHECK(e.is_regular_file());
        const std::string name = e.path().filename().string();
        CHECK((files.count(name) ||
               std::set<std::string>{"root.json", "timestamp.json", "snapshot.json", "targets.json"}
                   .count(name)));
    }
    // Trusted again from the local copies: no request but the timestamp's and root's probe.
    auto again = w.updater();
    REQUIRE(again.refresh().ok());
    const auto requests = w.requests();
    REQUIRE(again.target("odd/2").ok());
    CHECK(w.requests() == requests);
    // A name that is not UTF-8 never comes from metadata (no canonical form, so nothing could
    // have signed it), yet role_file_name still gives it a safe name.
    CHECK(tuf::role_file_name(std::string("\xff\xfe/..")).value().front() == '~');
    // A signed name reaches messages (status, logs, a terminal) printable: no control bytes.
    {
        const std::string evil = "\x1b]0;owned\x07\x1b[2J\nrole";
        auto d = w.repo.base("targets", 1);
        d["targets"] = nlohmann::json::object();
        auto md = tuf::parse(w.repo.sign(d, {new_key()}), "targets", evil).value();
        auto v = tuf::verify_signatures({}, tuf::RoleKeys{{"00"}, 1}, md, evil);
        REQUIRE_FALSE(v.ok());
        auto broken = tuf::parse("{}", "targets", evil);
        REQUIRE_FALSE(broken.ok());
        for (const std::string& message : {v.message(), broken.message()}) {
            CAPTURE(message);
            CHECK(std::none_of(message.begin(), message.end(),
                               [](char c) { return static_cast<unsigned char>(c) < 0x20; }));
        }
    }
    // Empty and top-level names are refused with the whole delegating file, as python-tuf
    // refuses them.
    CHECK_FALSE(tuf::role_file_name("").ok());
    {
        auto t = w.repo.base("targets", 9);
        t["targets"] = nlohmann::json::object();
        auto key = new_key();
        t["delegations"] = World::delegations({World::entry("", {key}, {"*"})}, {key});
        CHECK_FALSE(tuf::parse(w.repo.sign(t, {w.repo.targets_key}), "targets").ok());
    }
    auto key = new_key();
    auto t = w.repo.base("targets", 9);
    t["targets"] = nlohmann::json::object();
    for (const std::string top : {"root", "timestamp", "snapshot", "targets"}) {
        t["delegations"] = World::delegations({World::entry(top, {key}, {"*"})}, {key});
        CHECK_FALSE(tuf::parse(w.repo.sign(t, {w.repo.targets_key}), "targets").ok());
    }
    t["delegations"] = World::delegations(
        {World::entry("dup", {key}, {"*"}), World::entry("dup", {key}, {"*"})}, {key});
    CHECK_FALSE(tuf::parse(w.repo.sign(t, {w.repo.targets_key}), "targets").ok());
    // Succinct bins with bit lengths out of 1..32 (any name prefix is legal: bins are kept
    // under role_file_name like any role).
    for (auto [prefix, bits] : {std::pair<std::string, int>{"ok", 0}, {"ok", 33}}) {
        t["delegations"] = {{"keys", nlohmann::json::object()},
                            {"succinct_roles",
                             {{"keyids", nlohmann::json::array()},
                              {"threshold", 1},
                              {"bit_length", bits},
                              {"name_prefix", prefix}}}};
        CHECK_FALSE(tuf::parse(w.repo.sign(t, {w.repo.targets_key}), "targets").ok());
    }
    // Roles and succinct_roles together, or paths and path_hash_prefixes together: refused.
    auto both = World::delegations({World::entry("a", {key}, {"*"})}, {key});
    both["succinct_roles"] = {{"keyids", nlohmann::json::array()},
                              {"threshold", 1},
                              {"bit_length", 2},
                              {"name_prefix", "b"}};
    t["delegations"] = both;
    CHECK_FALSE(tuf::parse(w.repo.sign(t, {w.repo.targets_key}), "targets").ok());
    auto entry = World::entry("a", {key}, {"*"});
    entry["path_hash_prefixes"] = {"00"};
    t["delegations"] = World::delegations({entry}, {key});
    CHECK_FALSE(tuf::parse(w.repo.sign(t, {w.repo.targets_key}), "targets").ok());
    entry.erase("path_hash_prefixes");
    entry.erase("paths");  // neither: refused too (python-tuf requires exactly one)
    t["delegations"] = World::delegations({entry}, {key});
    CHECK_FALSE(tuf::parse(w.repo.sign(t, {w.repo.targets_key}), "targets").ok());
    entry = World::entry("a", {key}, {"*"});
    entry.erase("terminating");
    t["delegations"] = World::delegations({entry}, {key});
    CHECK_FALSE(tuf::parse(w.repo.sign(t, {w.repo.targets_key}), "targets").ok());
    entry = World::entry("a", {key}, {"*"});  // the same entry, whole: accepted
    t["delegations"] = World::delegations({entry}, {key});
    CHECK(tuf::parse(w.repo.sign(t, {w.repo.targets_key}), "targets").ok());
}

TEST_CASE("hash-bin delegations: path_hash_prefixes and succinct roles end to end") {
    World w;
    const std::string path = "packages/kiosk-1.0.tar";
    const std::string h = sha256_hex(path);
    auto bin_key = new_key(KeyType::ecdsa);
    SUBCASE("succinct_roles, 3 bits") {
        tuf::SuccinctRoles s{{}, 3, "bins"};
        const std::string bin = s.role_for(path);
        for (int i = 0; i < 8; ++i) {
            auto& r = w.roles["bins-" + std::to_string(i)];
            r.keys = {bin_key};
        }
        w.roles[bin].targets[path] = World::target("bundle");
        nlohmann::json k = {{bin_key.key_id(), bin_key.public_key().tuf_object()}};
        w.top_delegations = nlohmann::json{{"keys", k},
                                           {"succinct_roles",
                                            {{"keyids", nlohmann::json::array({bin_key.key_id()})},
                                             {"threshold", 1},
                                             {"bit_length", 3},
                                             {"name_prefix", "bins"}}}};
        w.publish();
        auto info = w.lookup(path);
        REQUIRE_MESSAGE(info.ok(), info.message());
        CHECK(info->role == bin);
        // Another path of another bin is looked for there only, and not found.
        std::string other = "packages/other-0.tar";
        for (int i = 0; s.role_for(other) == bin; ++i)
            other = "packages/other-" + std::to_string(i) + ".tar";
        CHECK_FALSE(w.lookup(other).ok());
    }
    SUBCASE("path_hash_prefixes") {
        auto& lo = w.role("bin-lo");
        auto& hi = w.role("bin-hi");
        nlohmann::json lo_entry = World::entry("bin-lo", lo.keys, {});
        lo_entry.erase("paths");
        lo_entry["path_hash_prefixes"] = {"0", "1", "2", "3", "4", "5", "6", "7"};
        nlohmann::json hi_entry = World::entry("bin-hi", hi.keys, {});
        hi_entry.erase("paths");
        hi_entry["path_hash_prefixes"] = {"8", "9", "a", "b", "c", "d", "e", "f"};
        (h[0] < '8' ? lo : hi).targets[path] = World::target("bundle");
        w.top_delegations = World::delegations({lo_entry, hi_entry}, {lo.keys[0], hi.keys[0]});
        w.publish();
        auto info = w.lookup(path);
        REQUIRE_MESSAGE(info.ok(), info.message());
        CHECK(info->role == (h[0] < '8' ? "bin-lo" : "bin-hi"));
    }
}

TEST_CASE("unknown key types in a delegation count as no signature, never a refusal") {
    World w;
    auto& a = w.role("a", KeyType::rsa);
    a.targets["a/f"] = World::target("f");
    auto dels = World::delegations({World::entry("a", a.keys, {"a/*"})}, a.keys);
    dels["keys"]["f00d"] = {
        {"keytype", "x-future"}, {"scheme", "x-future"}, {"keyval", {{"public", "?"}}}};
    dels["roles"][0]["keyids"].push_back("f00d");
    w.top_delegations = dels;
    w.publish();
    auto info = w.lookup("a/f");
    REQUIRE_MESSAGE(info.ok(), info.message());
}

TEST_CASE(
    "fast-forward recovery reaches delegated roles: a new snapshot key resets their versions") {
    World w;
    auto& a = w.role("a");
    a.targets["a/f"] = World::target("good");
    w.top_delegations = World::delegations({World::entry("a", a.keys, {"a/*"})}, a.keys);
    // An attacker holding the snapshot key (and a's) pushed a.json to version 50.
    a.version = 50;
    w.publish();
    REQUIRE(w.lookup("a/f").ok());
    // The owners rotate the snapshot key (root v2) and start a.json over at version 1.
    auto old_root_key = w.repo.root_key;
    w.repo.snapshot_key = new_key();
    w.repo.put("2.root.json", w.repo.sign(w.repo.root(2, {w.repo.root_key}), {old_root_key}));
    a.version = 1;
    w.publish();
    auto info = w.lookup("a/f");
    REQUIRE_MESSAGE(info.ok(), info.message());
    CHECK(tuf::parse(read_text(w.client / "a.json"), "targets", "a").value().version == 1);
}
