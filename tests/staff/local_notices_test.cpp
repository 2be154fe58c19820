// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "../support/temp_dir.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
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

// A local moment on `day` at `minute` (weekday from the civil calendar).
guichet::clock::LocalTime moment(const std::string& day, int minute) {
    std::tm at{};
    at.tm_year = std::stoi(day.substr(0, 4)) - 1900;
    at.tm_mon = std::stoi(day.substr(5, 2)) - 1;
    at.tm_mday = std::stoi(day.substr(8, 2));
    at.tm_hour = 12;
    const std::time_t t = timegm(&at);
    std::tm back{};
    gmtime_r(&t, &back);
    return {day, (back.tm_wday + 6) % 7, minute};
}
guichet::clock::LocalTime noon(const std::string& day) {
    return moment(day, 12 * 60);
}

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
    auto today = store->shown_at(noon("2026-11-27"), kSpanish);
    REQUIRE(today.ok());
    REQUIRE(today->size() == 2);
    CHECK((*today)[0].title == "Solo hoy");
    CHECK((*today)[0].pinned);
    CHECK((*today)[1].title == "Hasta hoy");
    auto tomorrow = store->shown_at(noon("2026-11-28"), kSpanish);
    REQUIRE(tomorrow.ok());
    REQUIRE(tomorrow->size() == 1);
    CHECK((*tomorrow)[0].title == "Desde mañana");
    CHECK(store->shown_at(noon("2026-12-06"), kSpanish)->empty());
}

TEST_CASE("text in the visitor's language, else the first of their chain, else any") {
    const fs::path dir = guichet::testing::fresh_temp_dir("guichet-notices-lang");
    auto store = LocalNotices::open(dir / "local.db");
    REQUIRE(store.ok());
    LocalNotice n = notice("2026-11-27", "2026-11-27", "Cerrado", "Abrimos el martes");
    n.title["fr"] = "Fermé";
    n.body["fr"] = "Ouvert mardi";
    REQUIRE(store->save(n).ok());
    auto fr = store->shown_at(noon("2026-11-27"), {"fr", "en", "es"});
    REQUIRE(fr->size() == 1);
    CHECK((*fr)[0].title == "Fermé");
    CHECK((*fr)[0].body == "Ouvert mardi");
    CHECK((*fr)[0].shown_language == "fr");
    CHECK_FALSE((*fr)[0].fell_back);
    auto ht = store->shown_at(noon("2026-11-27"), {"ht", "fr", "en", "es"});
    CHECK((*ht)[0].title == "Fermé");
    CHECK((*ht)[0].fell_back);
    auto pt = store->shown_at(noon("2026-11-27"), {"pt", "es"});
    CHECK((*pt)[0].title == "Cerrado");
    CHECK((*pt)[0].shown_language == "es");
    CHECK((*pt)[0].fell_back);
    auto qu = store->shown_at(noon("2026-11-27"), {"qu"});
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
    auto hits = store->search("martes", noon("2026-11-28"), kSpanish);
    REQUIRE(hits.ok());
    REQUIRE(hits->size() == 1);
    CHECK((*hits)[0].snippet.find("\x01MARTES\x02") != std::string::npos);
    CHECK(store->search("oficina cerr", noon("2026-11-28"), kSpanish)->size() == 1);  // prefix
    CHECK(store->search("ofic martes", noon("2026-11-28"), kSpanish)->size() ==
          0);                                                                       // only the last
    CHECK(store->search("cerrada jueves", noon("2026-11-28"), kSpanish)->empty());  // every word
    CHECK(store->search("FERME", noon("2026-11-28"), {"fr"})->size() == 1);         // folded
    CHECK(store->search("empleo", noon("2026-11-28"), kSpanish)->empty());          // not yet shown
    CHECK(store->search("empleo", noon("2026-12-01"), kSpanish)->size() == 1);
    CHECK(store->search("", noon("2026-11-28"), kSpanish)->empty());
    CHECK(store->search("\"* OR NEAR(", noon("2026-11-28"), kSpanish).ok());
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

namespace {

// The kiosk's time zone for one test, and back (TZ is read by localtime_r through tzset).
class ZoneForTest {
  public:
    explicit ZoneForTest(const char* zone) {
        if (const char* old = std::getenv("TZ")) old_ = old, had_ = true;
        setenv("TZ", zone, 1);
        tzset();
    }
    ~ZoneForTest() {
        if (had_)
            setenv("TZ", old_.c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }

  private:
    std::string old_;
    bool had_ = false;
};

// Seconds since 1970 of a UTC time written YYYY-MM-DDTHH:MM.
std::int64_t utc(const std::string& text) {
    std::tm at{};
    at.tm_year = std::stoi(text.substr(0, 4)) - 1900;
    at.tm_mon = std::stoi(text.substr(5, 2)) - 1;
    at.tm_mday = std::stoi(text.substr(8, 2));
    at.tm_hour = std::stoi(text.substr(11, 2));
    at.tm_min = std::stoi(text.substr(14, 2));
    return timegm(&at);
}

LocalNotice scheduled(std::uint8_t weekdays, int from, int until, std::string start = "2026-01-01",
                      std::string end = "2026-12-31") {
    LocalNotice n = notice(std::move(start), std::move(end), "Aviso");
    n.weekdays = weekdays;
    n.start_minute = from;
    n.end_minute = until;
    return n;
}

constexpr std::uint8_t kTuesday = 1 << 1, kFriday = 1 << 4, kSaturday = 1 << 5, kSunday = 1 << 6;

}  // namespace

TEST_CASE("a notice's days of the week and times: closed on Friday, Tuesday mornings") {
    // 2026-12-04 is a Friday, 2026-12-08 a Tuesday.
    const LocalNotice closed_friday = scheduled(kFriday, kAllDay, kAllDay);
    CHECK(shown_at(closed_friday, moment("2026-12-04", 0)));
    CHECK(shown_at(closed_friday, moment("2026-12-04", 1439)));
    CHECK_FALSE(shown_at(closed_friday, moment("2026-12-05", 0)));
    CHECK_FALSE(shown_at(closed_friday, moment("2026-12-03", 1439)));
    const LocalNotice lawyer = scheduled(kTuesday, 9 * 60, 12 * 60);
    CHECK_FALSE(shown_at(lawyer, moment("2026-12-08", 8 * 60 + 59)));
    CHECK(shown_at(lawyer, moment("2026-12-08", 9 * 60)));
    CHECK(shown_at(lawyer, moment("2026-12-08", 11 * 60 + 59)));
    CHECK_FALSE(shown_at(lawyer, moment("2026-12-08", 12 * 60)));  // the end is not included
    CHECK_FALSE(shown_at(lawyer, moment("2026-12-09", 10 * 60)));  // Wednesday
    // Every day between 09:00 and 12:00; outside its first and last day, never.
    const LocalNotice mornings = scheduled(0, 9 * 60, 12 * 60, "2026-12-07", "2026-12-09");
    CHECK(shown_at(mornings, moment("2026-12-07", 10 * 60)));
    CHECK(shown_at(mornings, moment("2026-12-09", 10 * 60)));
    CHECK_FALSE(shown_at(mornings, moment("2026-12-10", 10 * 60)));
    CHECK_FALSE(shown_at(mornings, moment("2026-12-06", 10 * 60)));
    // A notice of an older kiosk (no days, no times) is every day, all day, as before.
    CHECK(shown_at(notice("2026-12-07", "2026-12-07", "x"), moment("2026-12-07", 0)));
}

TEST_CASE("a notice from 22:00 to 06:00 runs past midnight into the morning after its day") {
    // Saturday nights only, through December: 2026-12-05 and 12-12 are Saturdays.
    const LocalNotice night = scheduled(kSaturday, 22 * 60, 6 * 60, "2026-12-05", "2026-12-12");
    CHECK_FALSE(shown_at(night, moment("2026-12-05", 21 * 60 + 59)));
    CHECK(shown_at(night, moment("2026-12-05", 22 * 60)));
    CHECK(shown_at(night, moment("2026-12-05", 23 * 60 + 59)));
    CHECK(shown_at(night, moment("2026-12-06", 0)));  // Sunday morning: Saturday's evening
    CHECK(shown_at(night, moment("2026-12-06", 5 * 60 + 59)));
    CHECK_FALSE(shown_at(night, moment("2026-12-06", 6 * 60)));
    CHECK_FALSE(shown_at(night, moment("2026-12-06", 22 * 60)));  // Sunday evening: not a Saturday
    CHECK_FALSE(shown_at(night, moment("2026-12-05", 3 * 60)));  // Saturday morning: Friday's night
    // Its last day's evening runs into the next morning, past the last day; the morning of
    // its first day belongs to the evening before it, not shown.
    CHECK(shown_at(night, moment("2026-12-13", 2 * 60)));
    const LocalNotice from_sunday = scheduled(kSaturday | kSunday, 22 * 60, 6 * 60, "2026-12-06");
    CHECK_FALSE(shown_at(from_sunday, moment("2026-12-06", 2 * 60)));
    CHECK(shown_at(from_sunday, moment("2026-12-06", 23 * 60)));
    // Across a month's and a year's end.
    const LocalNotice new_year = scheduled(0, 20 * 60, 2 * 60, "2026-12-31", "2026-12-31");
    CHECK(shown_at(new_year, moment("2027-01-01", 60)));
    CHECK_FALSE(shown_at(new_year, moment("2027-01-01", 20 * 60)));
}

TEST_CASE("times and days read the kiosk's wall clock in its time zone, across DST changes") {
    {
        // New York springs forward on 2026-03-08: 01:59:59 EST, then 03:00 EDT (07:00 UTC).
        ZoneForTest zone("America/New_York");
        const auto before = guichet::clock::local_time(utc("2026-03-08T06:59"));
        CHECK(before.day == "2026-03-08");
        CHECK(before.weekday == 6);
        CHECK(before.minute == 60 + 59);
        CHECK(guichet::clock::local_time(utc("2026-03-08T07:00")).minute == 3 * 60);
        const LocalNotice early = scheduled(kSunday, 60 + 30, 3 * 60);
        CHECK(shown_at(early, guichet::clock::local_time(utc("2026-03-08T06:45"))));
        CHECK_FALSE(shown_at(early, guichet::clock::local_time(utc("2026-03-08T07:00"))));
        // 02:00 to 02:30 never happens that night: the notice is never shown.
        const LocalNotice lost = scheduled(kSunday, 2 * 60, 2 * 60 + 30);
        int shown_minutes = 0;
        for (std::int64_t t = utc("2026-03-08T04:00"); t < utc("2026-03-08T10:00"); t += 60)
            shown_minutes += shown_at(lost, guichet::clock::local_time(t)) ? 1 : 0;
        CHECK(shown_minutes == 0);
        // ... and the week after, it is there for its 30 minutes.
        for (std::int64_t t = utc("2026-03-15T04:00"); t < utc("2026-03-15T10:00"); t += 60)
            shown_minutes += shown_at(lost, guichet::clock::local_time(t)) ? 1 : 0;
        CHECK(shown_minutes == 30);
        // Falls back on 2026-11-01: 01:00 to 01:59 happens twice, and so does the notice.
        const LocalNotice twice = scheduled(kSunday, 60, 60 + 30);
        CHECK(shown_at(twice, guichet::clock::local_time(utc("2026-11-01T05:10"))));  // EDT
        CHECK_FALSE(shown_at(twice, guichet::clock::local_time(utc("2026-11-01T05:40"))));
        CHECK(shown_at(twice, guichet::clock::local_time(utc("2026-11-01T06:10"))));  // EST
        shown_minutes = 0;
        for (std::int64_t t = utc("2026-11-01T03:00"); t < utc("2026-11-01T09:00"); t += 60)
            shown_minutes += shown_at(twice, guichet::clock::local_time(t)) ? 1 : 0;
        CHECK(shown_minutes == 60);
    }
    {
        // Santiago springs forward at midnight: Saturday 2026-09-05 23:59:59 -04, then Sunday
        // 01:00 -03 (04:00 UTC). A Saturday-night notice until 00:30 ends in the lost hour.
        ZoneForTest zone("America/Santiago");
        const LocalNotice late = scheduled(kSaturday, 22 * 60, 30);
        CHECK(shown_at(late, guichet::clock::local_time(utc("2026-09-06T03:59"))));
        const auto after = guichet::clock::local_time(utc("2026-09-06T04:00"));
        CHECK(after.day == "2026-09-06");
        CHECK(after.minute == 60);
        CHECK_FALSE(shown_at(late, after));
        // "Closed on Sunday" starts with the Sunday that starts at 01:00.
        const LocalNotice sunday = scheduled(kSunday, kAllDay, kAllDay);
        CHECK_FALSE(shown_at(sunday, guichet::clock::local_time(utc("2026-09-06T03:59"))));
        CHECK(shown_at(sunday, after));
        // Falls back on 2026-04-04: Saturday 23:59:59 -03, then 23:00 -04 again; a notice
        // until midnight is shown through both 23:00s.
        const LocalNotice evening = scheduled(kSaturday, 23 * 60, 0);
        int shown_minutes = 0;
        for (std::int64_t t = utc("2026-04-05T00:00"); t < utc("2026-04-05T06:00"); t += 60)
            shown_minutes += shown_at(evening, guichet::clock::local_time(t)) ? 1 : 0;
        CHECK(shown_minutes == 120);
    }
}

TEST_CASE("days and times are stored, refused when they cannot be, and searched by the moment") {
    const fs::path dir = guichet::testing::fresh_temp_dir("guichet-notices-schedule");
    auto store = LocalNotices::open(dir / "local.db");
    REQUIRE(store.ok());
    auto id = store->save(scheduled(kTuesday, 9 * 60, 12 * 60));
    REQUIRE(id.ok());
    auto back = store->get(*id);
    REQUIRE(back.ok());
    CHECK(back->weekdays == kTuesday);
    CHECK(back->start_minute == 9 * 60);
    CHECK(back->end_minute == 12 * 60);
    CHECK(store->shown_at(moment("2026-12-08", 10 * 60), kSpanish)->size() == 1);
    CHECK(store->shown_at(moment("2026-12-08", 13 * 60), kSpanish)->empty());
    CHECK(store->search("aviso", moment("2026-12-08", 10 * 60), kSpanish)->size() == 1);
    CHECK(store->search("aviso", moment("2026-12-09", 10 * 60), kSpanish)->empty());
    CHECK(validate_notice(scheduled(0x80, kAllDay, kAllDay)).message().find("past Sunday") !=
          std::string::npos);
    CHECK(validate_notice(scheduled(0, 9 * 60, kAllDay)).message().find("not both minutes") !=
          std::string::npos);
    CHECK(validate_notice(scheduled(0, 1440, 60)).message().find("not both minutes") !=
          std::string::npos);
    CHECK(validate_notice(scheduled(0, 600, 600)).message().find("same time") != std::string::npos);
    CHECK_FALSE(store->save(scheduled(0, 600, 600)).ok());
}

TEST_CASE("a local.db of an older kiosk (version 1) is migrated and keeps its notices") {
    const fs::path path = guichet::testing::fresh_temp_dir("guichet-notices-v1") / "local.db";
    {
        // Version 1 as kiosks wrote it before days and times (a file from the field).
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        const char* v1 = R"sql(
PRAGMA application_id = 1196183363;
CREATE TABLE notices(id INTEGER PRIMARY KEY, start_day TEXT NOT NULL, end_day TEXT NOT NULL,
                     pinned INTEGER NOT NULL);
CREATE TABLE notice_texts(
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    lang TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY(notice_id, lang)) WITHOUT ROWID;
PRAGMA user_version = 1;
INSERT INTO notices VALUES(7, '2026-12-01', '2026-12-31', 1);
INSERT INTO notice_texts VALUES(7, 'es', 'Cerrado el lunes', 'Vuelva el martes');
)sql";
        REQUIRE(sqlite3_exec(db, v1, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    {
        auto store = LocalNotices::open(path);
        REQUIRE_MESSAGE(store.ok(), store.message());
        auto old = store->get(7);
        REQUIRE(old.ok());
        CHECK(old->title.at("es") == "Cerrado el lunes");
        CHECK(old->body.at("es") == "Vuelva el martes");
        CHECK(old->pinned);
        CHECK(old->weekdays == 0);
        CHECK(old->start_minute == kAllDay);
        CHECK(old->end_minute == kAllDay);
        CHECK(store->shown_at(moment("2026-12-15", 3 * 60), kSpanish)->size() == 1);
        LocalNotice changed = *old;
        changed.weekdays = kTuesday;
        changed.start_minute = 9 * 60;
        changed.end_minute = 12 * 60;
        REQUIRE(store->save(changed).ok());
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* version = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &version, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(version) == SQLITE_ROW);
    CHECK(sqlite3_column_int(version, 0) == 2);
    sqlite3_finalize(version);
    sqlite3_close(db);
    auto reopened = LocalNotices::open(path);
    REQUIRE(reopened.ok());
    CHECK(reopened->get(7)->weekdays == kTuesday);
    CHECK(reopened->get(7)->start_minute == 9 * 60);
}
