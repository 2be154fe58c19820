// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's fleet alerts by its own clock: shown between start and end, and the clock never
// trusted below the newest signed time sync has seen (a board whose clock fell back to 1970
// keeps a current urgent alert), while a clock at 2100 is past every alert's end.
#include <doctest/doctest.h>

#include "../support/temp_dir.h"

#include <filesystem>

#include "platform/files.h"
#include "providers/alert_board.h"
#include "sync/alerts.h"
#include "sync/tuf.h"

namespace fs = std::filesystem;
using namespace guichet;

namespace {

std::int64_t utc_time(const char* text) {
    return sync::tuf::parse_utc(text).value();
}

void write_state(const fs::path& state, std::int64_t newest_signed) {
    const std::string alerts = R"({"alerts": [{"id": "border", "severity": "urgent",
        "audience": {"all": true}, "start": "2026-12-01T00:00:00Z", "end": "2026-12-10T00:00:00Z",
        "text": {"es": {"title": "Frontera cerrada"}}, "source": "central"}]})";
    fs::create_directories(state / "alerts");
    fs::create_directories(state / "sync");
    REQUIRE(files::write_file_atomically(sync::alerts::kiosk_alerts_file(state), alerts).ok());
    if (newest_signed > 0)
        REQUIRE(files::write_file_atomically(state / "sync" / "clock.json",
                                             "{\"newest_signed_time\": " +
                                                 std::to_string(newest_signed) + "}")
                    .ok());
}

}  // namespace

TEST_CASE("alert board: a clock fallen back to 1970 is read as the newest signed time, 2100 ends all") {
    const fs::path state = testing::fresh_temp_dir("guichet-alert-board");
    write_state(state, utc_time("2026-12-05T12:00:00Z"));
    kiosk::AlertBoard board(state);
    REQUIRE(board.refresh());
    REQUIRE(board.all().size() == 1);
    CHECK(board.shown(utc_time("2026-12-03T00:00:00Z"), {"es"}).size() == 1);
    // The board's clock reset to 1970: judged at 2026-12-05 12:00, the alert still shows.
    CHECK(board.trusted_now(0) == utc_time("2026-12-05T12:00:00Z"));
    auto at_1970 = board.shown(0, {"es"});
    REQUIRE(at_1970.size() == 1);
    CHECK(at_1970[0].title == "Frontera cerrada");
    // Far ahead: past its end, gone without any network.
    CHECK(board.shown(utc_time("2100-01-01T00:00:00Z"), {"es"}).empty());
    CHECK(board.shown(utc_time("2026-12-10T00:00:00Z"), {"es"}).empty());
    CHECK(board.next_change(0) == utc_time("2026-12-10T00:00:00Z"));
    // A kiosk that never synced trusts its clock as it is: at 1970 nothing has started.
    const fs::path fresh = testing::fresh_temp_dir("guichet-alert-board-fresh");
    write_state(fresh, 0);
    kiosk::AlertBoard unsynced(fresh);
    REQUIRE(unsynced.refresh());
    CHECK(unsynced.shown(0, {"es"}).empty());
}
