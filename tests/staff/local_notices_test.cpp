// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "../support/temp_dir.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "content/local_notices.h"

namespace fs = std::filesystem;
using namespace guichet::content;

namespace {

LocalNotice notice(std::string start, std::string end, std::string es_title,
                   std::string es_body = "", bool pinned = false) {
    LocalNotice n;
    n.start_day = std::move(start);
    n.end_day = std::move(end);
    n.title["es"] = std::move(es_title);
    n.body["es"] = std::move(es_body);
    n.pinned = pinned;
    return n;
}

const std::vector<std::string> kSpanish = {"es"};

}  // namespace

TEST_CASE("calendar days: real dates written YYYY-MM-DD only") {
    CHECK(is_calendar_day("2026-11-27"));
    CHECK(is_calendar_day("2024-02-29"));
    CHECK_FALSE(is_calendar_day("2026-02-29"));
    CHECK_FALSE(is_calendar_day("2100-02-29"));
    CHECK(is_calendar_day("2000-02-29"));
    CHECK_FALSE(is_calendar_day("2026-04-31"));
    CHECK_FALSE(is_calendar_day("2026-13-01"));
    CHECK_FALSE(is_calendar_day("2026-1-01"));
    CHECK_FALSE(is_calendar_day("27/11/2026"));
    CHECK_FALSE(is_calendar_day(""));
}

TEST_CASE("a notice is refused with the reason when it cannot be shown") {
    CHECK(validate_notice(notice("2026-11-27", "2026-11-30", "Cerrado")).ok());
    CHECK(validate_notice(notice("2026-11-31", "2026-12-01", "Cerrado"))
              .message()
              .find("start day '2026-11-31'") == 0);
    CHECK(validate_notice(notice("2026-11-27", "2026-11-26", "Cerrado"))
              .message()
              .find("ends (2026-11-26) before it starts") != std::string::npos);
    CHECK(validate_notice(notice("2026-11-27", "2026-11-27", "")).message().find("needs a title") !=
          std::string::npos);
    LocalNotice body_only = notice("2026-11-27", "2026-11-27", "Cerrado");
    body_only.body["fr"] = "Texte sans titre";
    CHECK(validate_notice(body_only).message().find("no title in fr") != std::string::npos);
    CHECK(validate_notice(notice("2026-11-27", "2026-11-27", std::string(121, 'a')))
              .message()
              .find("longer than 120") != std::string::npos);
    CHECK(validate_notice(notice("2026-11-27", "2026-11-27", "a", std::string(2001, 'b')))
              .message()
              .find("longer than 2000") != std::string::npos);
}

TEST_CASE("notices are stored, read back, replaced and removed, and survive a reopen") {
    const fs::path dir = guichet::testing::fresh_temp_dir("guichet-notices-store");
    const fs::path file = dir / "local.db";
    std::int64_t id = 0;
    {
        auto store = LocalNotices::open(file);
        REQUIRE(store.ok());
        LocalNotice n =
            notice("2026-12-01", "2026-12-02", "Cerrado el lunes", "Abrimos el martes", true);
        n.title["fr"] = "Fermé lundi";
        auto saved = store->save(n);
        REQUIRE(saved.ok());
        id = *saved;
        CHECK(id > 0);
        auto other = store->save(notice("2026-11-01", "2026-11-02", "Feria"));
        REQUIRE(other.ok());
        CHECK(*other != id);
    }
    auto store = LocalNotices::open(file);
    REQUIRE(store.ok());
    auto got = store->get(id);
    REQUIRE(got.ok());
    CHECK(got->title.at("es") == "Cerrado el lunes");
    CHECK(got->title.at("fr") == "Fermé lundi");
    CHECK(got->body.at("es") == "Abrimos el martes");
    CHECK(got->body.at("fr") == "");
    CHECK(got->pinned);
    CHECK(got->start_day == "2026-12-01");
    // Newest start first.
    auto all = store->all();
    REQUIRE(all.ok());
    REQUIRE(all->size() == 2);
    CHECK(all->front().id == id);

    // Replacing drops texts no longer there.
    LocalNotice changed = *got;
    changed.title.erase("fr");
    changed.title["es"] = "Cerrado el lunes 7";
    changed.pinned = false;
    REQUIRE(store->save(changed).ok());
    got = store->get(id);
    REQUIRE(got.ok());
    CHECK(got->title.size() == 1);
    CHECK(got->title.at("es") == "Cerrado el lunes 7");
    CHECK_FALSE(got->pinned);

    // Invalid notices change nothing.
    LocalNotice broken = changed;
    broken.end_day = "2026-11-01";
    CHECK_FALSE(store->save(broken).ok());
    CHECK(store->get(id)->end_day == "2026-12-02");
    LocalNotice missing = changed;
    missing.id = 999;
    CHECK(store->save(missing).message().find("no notice 999") != std::string::npos);

    REQUIRE(store->remove(id).ok());
    CHECK_FALSE(store->get(id).ok());
    CHECK(store->remove(id).message().find("no notice") != std::string::npos);
    CHECK(store->all()->size() == 1);
}

TEST_CASE("visitors see a notice only between its days, pinned first") {
    const fs::path dir = guichet::testing::fresh_temp_dir("guichet-notices-days");
    auto store = LocalNotices::open(dir / "local.db");
    REQUIRE(store.ok());
    REQUIRE(store->save(notice("2026-11-20", "2026-11-27", "Hasta hoy")).ok());
    REQUIRE(store->save(notice("2026-11-27", "2026-11-27", "Solo hoy", "", true)).ok());
    REQUIRE(store->save(notice("2026-11-28", "2026-12-05", "Desde mañana")).ok());
    REQUIRE(store->save(notice("2026-11-01", "2026-11-26", "Terminado ayer")).ok());
    auto today = store->shown_on("2026-11-27", kSpanish);
    REQUIRE(today.ok());
    REQUIRE(today->size() == 2);
    CHECK((*today)[0].title == "Solo hoy");
    CHECK((*today)[0].pinned);
    CHECK((*today)[1].title == "Hasta hoy");
    auto tomorrow = store->shown_on("2026-11-28", kSpanish);
    REQUIRE(tomorrow.ok());
    REQUIRE(tomorrow->size() == 1);
    CHECK((*tomorrow)[0].title == "Desde mañana");
    CHECK(store->shown_on("2026-12-06", kSpanish)->empty());
}

TEST_CASE("text in the visitor's language, else the first of their chain, else any") {
    const fs::path dir = guichet::testing::fresh_temp_dir("guichet-notices-lang");
    auto store = LocalNotices::open(dir / "local.db");
    REQUIRE(store.ok());
    LocalNotice n = notice("2026-11-27", "2026-11-27", "Cerrado", "Abrimos el martes");
    n.title["fr"] = "Fermé";
    n.body["fr"] = "Ouvert mardi";
    REQUIRE(store->save(n).ok());
    auto fr = store->shown_on("2026-11-27", {"fr", "en", "es"});
    REQUIRE(fr->size() == 1);
    CHECK((*fr)[0].title == "Fermé");
    CHECK((*fr)[0].body == "Ouvert mardi");
    CHECK((*fr)[0].shown_language == "fr");
    CHECK_FALSE((*fr)[0].fell_back);
    auto ht = store->shown_on("2026-11-27", {"ht", "fr", "en", "es"});
    CHECK((*ht)[0].title == "Fermé");
    CHECK((*ht)[0].fell_back);
    auto pt = store->shown_on("2026-11-27", {"pt", "es"});
    CHECK((*pt)[0].title == "Cerrado");
    CHECK((*pt)[0].shown_language == "es");
    CHECK((*pt)[0].fell_back);
    auto qu = store->shown_on("2026-11-27", {"qu"});
    CHECK((*qu)[0].fell_back);
    CHECK(!(*qu)[0].title.empty());
}

TEST_CASE("search: every word, folded, the last as a prefix, only notices shown that day") {
    const fs::path dir = guichet::testing::fresh_temp_dir("guichet-notices-search");
    auto store = LocalNotices::open(dir / "local.db");
    REQUIRE(store.ok());
    LocalNotice n = notice("2026-11-27", "2026-11-30", "Oficina cerrada", "Reabrimos el MARTES");
    n.title["fr"] = "Bureau fermé";
    REQUIRE(store->save(n).ok());
    REQUIRE(store->save(notice("2026-12-01", "2026-12-02", "Taller de empleo")).ok());
    auto hits = store->search("martes", "2026-11-28", kSpanish);
    REQUIRE(hits.ok());
    REQUIRE(hits->size() == 1);
    CHECK((*hits)[0].snippet.find("\x01MARTES\x02") != std::string::npos);
    CHECK(store->search("oficina cerr", "2026-11-28", kSpanish)->size() == 1);  // prefix
    CHECK(store->search("ofic martes", "2026-11-28", kSpanish)->size() == 0);   // only the last
    CHECK(store->search("cerrada jueves", "2026-11-28", kSpanish)->empty());    // every word
    CHECK(store->search("FERME", "2026-11-28", {"fr"})->size() == 1);           // folded
    CHECK(store->search("empleo", "2026-11-28", kSpanish)->empty());            // not yet shown
    CHECK(store->search("empleo", "2026-12-01", kSpanish)->size() == 1);
    CHECK(store->search("", "2026-11-28", kSpanish)->empty());
    CHECK(store->search("\"* OR NEAR(", "2026-11-28", kSpanish).ok());
}

TEST_CASE("a file that is not a local store is refused, and left as it was") {
    const fs::path dir = guichet::testing::fresh_temp_dir("guichet-notices-foreign");
    const fs::path file = dir / "other.db";
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "CREATE TABLE items(id TEXT); PRAGMA user_version = 1;", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    const auto size = fs::file_size(file);
    auto opened = LocalNotices::open(file);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.message().find("other.db: not a Guichet local store") != std::string::npos);
    CHECK(fs::file_size(file) == size);
}

TEST_CASE("a local store that is not a file is refused at once, and a dangling symlink creates nothing") {
    const fs::path dir = guichet::testing::fresh_temp_dir("guichet-notices-not-files");
    REQUIRE(::mkfifo((dir / "fifo.db").c_str(), 0600) == 0);
    fs::create_symlink("/dev/zero", dir / "device.db");
    fs::create_symlink(dir / "fifo.db", dir / "to-fifo.db");
    fs::create_symlink(dir / "elsewhere.db", dir / "dangling.db");
    for (const char* name : {"fifo.db", "device.db", "to-fifo.db", "dangling.db"}) {
        CAPTURE(name);
        // In a child, so that an open that waits on the FIFO fails this test instead of hanging.
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            auto store = LocalNotices::open(dir / name);
            const bool refused = !store.ok() && store.message().find(name) != std::string::npos;
            ::_exit(refused ? 0 : 1);
        }
        int status = -1;
        for (int waited = 0; waited < 100 && ::waitpid(child, &status, WNOHANG) == 0; ++waited)
            ::usleep(50'000);
        if (status == -1) {
            ::kill(child, SIGKILL);
            ::waitpid(child, &status, 0);
            FAIL("LocalNotices::open still waiting after 5 s");
        }
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
    CHECK_FALSE(fs::exists(dir / "elsewhere.db"));
}
