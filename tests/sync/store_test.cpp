// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <map>
#include <random>

#include "content/compiler.h"
#include "content/store_changes.h"
#include "content/store_rows.h"
#include "content/synth.h"
#include "sync/store_delta.h"
#include "sync/sync.h"
#include "test_support.h"

using namespace guichet::sync;
using namespace guichet::sync::testing;

namespace {

void exec(const fs::path& db, const std::string& sql) {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(raw);
    REQUIRE_MESSAGE(rc == SQLITE_OK, msg);
}

std::string scalar(const fs::path& db, const std::string& sql) {
    sqlite3* raw = nullptr;
    sqlite3_open(db.c_str(), &raw);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(raw, sql.c_str(), -1, &st, nullptr);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(raw);
    return out;
}

void make_store(const fs::path& db, int version) {
    exec(db,
         "PRAGMA user_version=4; CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);"
         "CREATE TABLE items(id INTEGER PRIMARY KEY, body TEXT);"
         "INSERT INTO meta VALUES('content', '" +
             std::to_string(version) +
             "');"
             "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<500)"
             " INSERT INTO items SELECT i, 'item ' || i FROM c;");
}

}  // namespace

TEST_CASE("a patch rebuilds the new store byte for byte, another base is refused") {
    ScratchDir s;
    auto a = s.path / "a.db", b = s.path / "b.db", out = s.path / "out.db";
    make_store(a, 1);
    fs::copy_file(a, b);
    exec(b,
         "UPDATE meta SET v='2'; UPDATE items SET body = body || ' edited' WHERE id % 50 = 0;"
         "DELETE FROM items WHERE id = 7; INSERT INTO items VALUES (9999, 'new');");
    auto patch = store::make_patch(a, b, 19);
    REQUIRE_MESSAGE(patch.ok(), patch.message());
    auto full = store::compress(read_text(b), 19);
    CHECK(patch->size() * 2 < full->size());
    const auto size = static_cast<std::int64_t>(fs::file_size(b));
    REQUIRE(store::apply_patch(a, *patch, out, size).ok());
    CHECK(read_text(out) == read_text(b));
    CHECK(scalar(out, "SELECT body FROM items WHERE id=9999") == "new");

    // The same patch on another base: zstd's checksum catches it and nothing is left behind.
    auto other = s.path / "other.db";
    make_store(other, 5);
    exec(other, "UPDATE items SET body = 'different ' || body");
    fs::remove(out);
    auto wrong = store::apply_patch(other, *patch, out, size);
    CHECK_FALSE(wrong.ok());
    CHECK_FALSE(fs::exists(out));
    // A truncated patch is refused too.
    auto cut = store::apply_patch(a, patch->substr(0, patch->size() / 2), out, size);
    CHECK_FALSE(cut.ok());
    CHECK_FALSE(fs::exists(out));
    // A patch whose result is not the signed size is refused before anything is written.
    auto longer = store::apply_patch(a, *patch, out, size - 1);
    CHECK_FALSE(longer.ok());
    CHECK(longer.message().find("not the signed") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("check_store: quick_check and schema version") {
    ScratchDir s;
    auto a = s.path / "a.db";
    make_store(a, 1);
    CHECK(store::check_store(a).value() == 4);
    auto zero = s.path / "zero.db";
    exec(zero, "CREATE TABLE t(x)");
    CHECK_FALSE(store::check_store(zero).ok());
    auto junk = s.path / "junk.db";
    write_text(junk, "<html>captive portal</html>");
    CHECK_FALSE(store::check_store(junk).ok());
}

TEST_CASE("zstd round trip and truncated frames") {
    std::string text(100000, 'x');
    for (size_t i = 0; i < text.size(); i += 7) text[i] = static_cast<char>('a' + i % 26);
    auto z = store::compress(text, 3);
    REQUIRE(z.ok());
    CHECK(z->size() < text.size() / 5);
    CHECK(store::decompress(*z, 100000).value() == text);
    CHECK_FALSE(store::decompress(z->substr(0, z->size() / 2), 100000).ok());
    // Capped: one byte more than allowed is an error, not a bigger buffer.
    auto capped = store::decompress(*z, 99999);
    REQUIRE_FALSE(capped.ok());
    CHECK(capped.message().find("more than the 99999 bytes") != std::string::npos);
}

TEST_CASE("a content version that keeps crashing the kiosk is rolled back and never re-applied") {
    ScratchDir s;
    auto state = s.path / "state";
    fs::create_directories(state / "content");
    write_text(state / "content/store-1-aaaa.db", "v1");
    write_text(state / "content/store-2-bbbb.db", "v2");
    write_text(state / "content/current.json",
               R"({"current":{"file":"store-2-bbbb.db","version":2,"sha256":"bbbb"},)"
               R"("previous":{"file":"store-1-aaaa.db","version":1,"sha256":"aaaa"}})");
    // Two crashes, then a good boot: no rollback.
    CHECK(boot_attempt(state, 3).value().version == 2);
    CHECK(boot_attempt(state, 3).value().version == 2);
    REQUIRE(boot_ok(state).ok());
    CHECK(boot_attempt(state, 3).value().version == 2);
    CHECK(boot_attempt(state, 3).value().version == 2);
    CHECK(boot_attempt(state, 3).value().version == 2);
    // The fourth start after three failed ones goes back to version 1.
    auto p = boot_attempt(state, 3);
    REQUIRE(p.ok());
    CHECK(p->version == 1);
    CHECK(current_store(state).value().version == 1);
    CHECK(read_text(state / "content/bad-versions.json").find("bbbb") != std::string::npos);
    REQUIRE(boot_ok(state).ok());
    CHECK(boot_attempt(state, 3).value().version == 1);
}

TEST_CASE("a store changed in place goes back by its undo when the new version keeps crashing") {
    namespace content = guichet::content;
    ScratchDir s;
    auto state = s.path / "state";
    fs::create_directories(state / "content");
    std::vector<fs::path> built;
    for (int i = 0; i < 2; ++i) {
        const fs::path src = s.path / ("src" + std::to_string(i));
        content::SynthOptions o;
        o.items = 150;
        o.seed = 3;
        o.mutate_percent = i == 0 ? 0 : 20;
        REQUIRE(content::write_synthetic_sources(src, o));
        content::CheckReport report;
        const fs::path compiled = s.path / ("compiled" + std::to_string(i) + ".db");
        REQUIRE(content::build_store(src, compiled, report));
        REQUIRE(content::export_store_rows(compiled, s.path / "image"));
        built.push_back(s.path / ("v" + std::to_string(i + 1) + ".db"));
        REQUIRE(content::build_store_from_rows(s.path / "image", built.back()));
    }
    const auto d1 = content::store_content_digest(built[0]).value();
    const auto d2 = content::store_content_digest(built[1]).value();
    auto changes = content::make_store_changeset(built[0], built[1]);
    REQUIRE(changes);
    const fs::path live = state / "content/store-1-aaaa.db";
    fs::copy_file(built[0], live);
    REQUIRE(content::prepare_store_for_changes(live, {d1, 1}));
    content::ApplyOptions o;
    o.base_digest = d1;
    o.result = {d2, 2};
    std::string undo_file = "undo-2-to-1.changes";
    std::string direction;
    SUBCASE("the signed changes kept as downloaded (zstd), as sync keeps them") {
        undo_file = "changes-1-to-2.zst";
        direction = R"(,"undo_direction":"forward")";
        write_text(state / "content" / undo_file, store::compress(changes->bytes, 19).value());
    }
    SUBCASE("the inverse written compressed, as sync wrote it before") {
        o.undo = state / "content" / undo_file;
        o.pack_undo = [](std::string_view back) {
            return store::compress(std::string(back), 3);
        };
    }
    SUBCASE("the inverse written as a plain changeset, as before that") {
        o.undo = state / "content" / undo_file;
    }
    REQUIRE(content::apply_store_changeset(live, changes->bytes, o));
    if (!o.undo.empty())
        CHECK((read_text(o.undo).rfind("\x28\xb5\x2f\xfd", 0) == 0) == bool(o.pack_undo));
    if (!direction.empty()) {
        // Software that does not know the direction applies the forward changes to the newer
        // store: they do not meet it, so nothing changes and the current version stays.
        write_text(
            state / "content/current.json",
            R"({"current":{"file":"store-1-aaaa.db","version":2,"sha256":"bbbb","digest":")" + d2 +
                R"("},"previous":{"file":"store-1-aaaa.db","version":1,)" +
                R"("sha256":"aaaa","digest":")" + d1 + R"(","undo_file":")" + undo_file + "\"}}");
        for (int boot = 0; boot < 4; ++boot) CHECK(boot_attempt(state, 3).value().version == 2);
        CHECK(content::store_content_digest(live).value() == d2);
        fs::remove(state / "content/boot.json");
    }
    write_text(state / "content/current.json",
               R"({"current":{"file":"store-1-aaaa.db","version":2,"sha256":"bbbb","digest":")" +
                   d2 + R"("},"previous":{"file":"store-1-aaaa.db","version":1,"sha256":"aaaa",)" +
                   R"("digest":")" + d1 + R"(","undo_file":")" + undo_file + "\"" + direction +
                   "}}");
    REQUIRE(previous_store(state).has_value());
    CHECK(previous_store(state)->undo_is_forward == !direction.empty());
    for (int crash = 0; crash < 3; ++crash) CHECK(boot_attempt(state, 3).value().version == 2);
    auto back = boot_attempt(state, 3);
    REQUIRE(back.ok());
    CHECK(back->version == 1);
    CHECK(back->path == live);
    CHECK(content::store_content_digest(live).value() == d1);
    CHECK(content::read_store_state(live).value().version == 1);
    CHECK(current_store(state).value().version == 1);
    CHECK_FALSE(previous_store(state).has_value());
    CHECK(read_text(state / "content/bad-versions.json").find("bbbb") != std::string::npos);
}

TEST_CASE("1,000 kiosks: the success schedule spreads evenly over the interval") {
    SyncConfig config;
    config.interval_seconds = 3600;
    SyncStatus last;
    last.time = 1000000;
    last.result = SyncResult::up_to_date;
    std::mt19937_64 rng(42);
    std::map<int, int> histogram;  // 10 buckets over [interval/2, 3*interval/2)
    for (int kiosk = 0; kiosk < 1000; ++kiosk) {
        auto next = next_attempt(last, config, rng) - last.time;
        REQUIRE(next >= 1800);
        REQUIRE(next < 5400);
        histogram[static_cast<int>((next - 1800) / 360)]++;
    }
    REQUIRE(histogram.size() == 10);
    std::string picture;
    for (auto [bucket, count] : histogram) {
        CHECK(count > 60);  // expected 100 each
        CHECK(count < 140);
        picture += std::to_string(bucket) + ":" + std::to_string(count) + " ";
    }
    MESSAGE("requests per 6-minute bucket: " << picture);
}

TEST_CASE("after failures: full jitter under an exponential ceiling, never before Retry-After") {
    SyncConfig config;
    config.retry_base_seconds = 60;
    config.retry_max_seconds = 3600;
    SyncStatus last;
    last.time = 0;
    last.result = SyncResult::failed;
    std::mt19937_64 rng(7);
    for (int failures = 1; failures <= 10; ++failures) {
        last.consecutive_failures = failures;
        std::int64_t ceiling = std::min<std::int64_t>(3600, 60LL << (failures - 1));
        std::int64_t max_seen = 0;
        for (int i = 0; i < 200; ++i) {
            auto d = next_attempt(last, config, rng);
            CHECK(d >= 0);
            CHECK(d <= ceiling);
            max_seen = std::max(max_seen, d);
        }
        CHECK(max_seen > ceiling / 2);
    }
    last.retry_after_seconds = 5000;
    CHECK(next_attempt(last, config, rng) >= 5000);
}

TEST_CASE("stale notice only after the configured time without success") {
    SyncStatus s;
    s.last_success_time = 1000;
    CHECK_FALSE(stale_since(s, 1000 + 29 * 86400, 30).has_value());
    CHECK(stale_since(s, 1000 + 31 * 86400, 30).value() == 1000);
    s.last_success_time = 0;
    CHECK_FALSE(stale_since(s, 1000000, 30).has_value());
}

TEST_CASE("config: relative paths, unknown keys and bad values are file:line errors") {
    ScratchDir s;
    auto f = s.path / "kiosk.conf";
    write_text(
        f,
        "# comment\nsource = https://example.org/repo\nstate_dir = state\ninterval_seconds = 60\n");
    auto c = load_config(f);
    REQUIRE(c.ok());
    CHECK(c->state_dir == s.path / "state");
    CHECK(c->interval_seconds == 60);
    write_text(f, "source = x\nstate_dir = y\nintervall = 3\n");
    CHECK(load_config(f).message() == f.string() + ":3: unknown key 'intervall'");
    write_text(f, "source = x\nmax_bytes_per_second = fast\n");
    CHECK(load_config(f).message() ==
          f.string() +
              ":2: bad value for max_bytes_per_second: 'fast' (want a whole number from 0 to "
              "1000000000000)");
    // Values whose products would overflow are refused, not wrapped.
    write_text(f, "source = x\nstate_dir = y\nmax_clock_ahead_days = 9223372036854775807\n");
    CHECK(load_config(f).message().find(":3: bad value for max_clock_ahead_days") !=
          std::string::npos);
    write_text(f, "source = x\nstate_dir = y\nstale_after_days = -1\n");
    CHECK_FALSE(load_config(f).ok());
}
