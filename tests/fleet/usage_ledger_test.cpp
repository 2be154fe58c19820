// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "../support/temp_dir.h"

#include <filesystem>
#include <fstream>

#include "fleet/usage_ledger.h"
#include "platform/files.h"

namespace fs = std::filesystem;
using namespace guichet::fleet;

TEST_CASE("day arithmetic crosses months, years and leap days") {
    CHECK(add_days("2026-11-27", -1) == "2026-11-26");
    CHECK(add_days("2026-03-01", -1) == "2026-02-28");
    CHECK(add_days("2028-03-01", -1) == "2028-02-29");
    CHECK(add_days("2026-12-31", 1) == "2027-01-01");
}

TEST_CASE("counts are per day and survive a restart") {
    const fs::path state = guichet::testing::fresh_temp_dir("guichet-usage-a");
    {
        UsageLedger ledger(state);
        ledger.count_session("2026-11-26");
        ledger.count_language("2026-11-26", "ht");
        ledger.count_search("2026-11-26");
        ledger.count_search("2026-11-26");
        ledger.count_view("2026-11-26", "institution", "inm-mexico");
        ledger.count_view("2026-11-27", "article", "rights-1990-convention");
        CHECK(ledger.dirty());
        REQUIRE(ledger.save().ok());
        CHECK_FALSE(ledger.dirty());
    }
    UsageLedger reloaded(state);
    CHECK(reloaded.load_problem().empty());
    const DayUsage day = reloaded.day("2026-11-26");
    CHECK(day.totals.sessions == 1);
    CHECK(day.totals.searches == 2);
    CHECK(day.totals.sessions_by_language.at("ht") == 1);
    CHECK(day.totals.views_by_type.at("institution") == 1);
    CHECK(day.views_by_item.at("inm-mexico") == 1);
    CHECK(reloaded.day("2026-11-27").totals.views_by_type.at("article") == 1);
    CHECK(reloaded.day("2026-11-20").totals.sessions == 0);
}

TEST_CASE("the ledger holds counts and day names only: no times, no text typed") {
    const fs::path state = guichet::testing::fresh_temp_dir("guichet-usage-b");
    UsageLedger ledger(state);
    ledger.count_search("2026-11-26");
    ledger.count_session("2026-11-26");
    REQUIRE(ledger.save().ok());
    const std::string saved = *guichet::files::read_file(state / "usage" / "usage.json");
    CHECK(saved.find("T") == std::string::npos);  // no ISO timestamps anywhere
    CHECK(saved.find(":") != std::string::npos);
    CHECK(saved.find("2026-11-26") != std::string::npos);
}

TEST_CASE("only the last 30 days are kept, and the chart series has zeros for quiet days") {
    const fs::path state = guichet::testing::fresh_temp_dir("guichet-usage-c");
    UsageLedger ledger(state);
    for (int back = 0; back < 40; ++back) ledger.count_session(add_days("2026-11-27", -back));
    REQUIRE(ledger.save().ok());
    UsageLedger reloaded(state);
    CHECK(reloaded.day("2026-10-28").totals.sessions == 0);  // 30 days before: pruned
    CHECK(reloaded.day("2026-10-29").totals.sessions == 1);
    const auto series = reloaded.last_days("2026-12-02", 7);
    REQUIRE(series.size() == 7);
    CHECK(series.front().totals.day == "2026-11-26");
    CHECK(series.front().totals.sessions == 1);
    CHECK(series.back().totals.day == "2026-12-02");
    CHECK(series.back().totals.sessions == 0);
}

TEST_CASE("a damaged ledger never stops the kiosk: it starts afresh and says why") {
    const fs::path state = guichet::testing::fresh_temp_dir("guichet-usage-d");
    fs::create_directories(state / "usage");
    std::ofstream(state / "usage" / "usage.json") << "{\"days\": [1, 2";
    UsageLedger ledger(state);
    CHECK(ledger.load_problem().find("not a usage ledger") != std::string::npos);
    ledger.count_session("2026-11-27");
    REQUIRE(ledger.save().ok());
    CHECK(UsageLedger(state).day("2026-11-27").totals.sessions == 1);
}
