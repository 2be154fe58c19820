// SPDX-License-Identifier: GPL-3.0-or-later
// Fleet alerts: the parser's limits, who an alert is for (a region's never leaves its region),
// what a visitor sees at a given time and in which language, and the publisher's file.
#include <doctest/doctest.h>

#include "sync/alerts.h"
#include "sync/tuf.h"
#include "test_support.h"

using namespace guichet::sync;
using namespace guichet::sync::testing;

namespace {

nlohmann::json one(const std::string& id, const std::string& severity = "warning") {
    return {{"id", id},
            {"severity", severity},
            {"audience", {{"all", true}}},
            {"start", "2026-12-01T00:00:00Z"},
            {"end", "2026-12-08T00:00:00Z"},
            {"text",
             {{"es", {{"title", "Frontera cerrada"}, {"body", "Vaya a la oficina.\nGracias."}}},
              {"fr", {{"title", "Frontière fermée"}}}}}};
}

std::string file_of(std::vector<nlohmann::json> alerts) {
    return nlohmann::json{{"alerts", alerts}}.dump();
}

std::int64_t at(const char* iso) {
    return tuf::parse_utc(iso).value();
}

}  // namespace

TEST_CASE("alerts: a valid file parses, and the source comes from the reader, never the file") {
    auto j = one("border");
    j["source"] = "central";  // ignored: a region cannot claim to be the centre
    auto a = alerts::parse(file_of({j}), "region:andes");
    REQUIRE_MESSAGE(a.ok(), a.message());
    REQUIRE(a->size() == 1);
    CHECK((*a)[0].source == "region:andes");
    CHECK((*a)[0].severity == alerts::Severity::warning);
    CHECK((*a)[0].text.at("es").body == "Vaya a la oficina.\nGracias.");
    CHECK((*a)[0].end - (*a)[0].start == 7 * 86400);
    // Serialized and read again: the same alerts.
    auto again = alerts::parse(alerts::serialize(*a, false), "region:andes");
    REQUIRE(again.ok());
    CHECK(alerts::serialize(*again, true) == alerts::serialize(*a, true));
}

TEST_CASE("alerts: every limit and shape rule refuses the whole file") {
    auto refused = [](const std::string& bytes, const std::string& words) {
        auto a = alerts::parse(bytes, "central");
        REQUIRE_FALSE(a.ok());
        CHECK_MESSAGE(a.message().find(words) != std::string::npos, a.message());
    };
    auto with = [](const char* key, nlohmann::json value) {
        auto j = one("x");
        j[key] = std::move(value);
        return file_of({j});
    };
    refused("not json", "alerts file");
    refused("{}", "'alerts' list");
    refused(with("severity", "critical"), "severity");
    refused(with("id", "../etc"), "'id'");
    refused(with("id", std::string(65, 'a')), "'id'");
    refused(with("end", "2026-11-30T00:00:00Z"), "not after");
    refused(with("start", "yesterday"), "'start'");
    refused(with("replaces_home", true), "only an urgent alert");
    refused(with("audience", {{"regions", {"caribbean/x"}}}), "audience 'regions'");
    refused(with("audience", {{"all", "yes"}}), "audience 'all'");
    refused(with("text", nlohmann::json::object()), "'text'");
    refused(with("text", {{"es", {{"title", std::string(161, 'x')}}}}), "longer than 160");
    refused(with("text", {{"es", {{"title", "a\x1b[2Jb"}}}}), "control character");
    refused(with("text", {{"es", {{"title", "t"}, {"body", std::string(2001, 'x')}}}}),
            "longer than 2000");
    refused(with("text", {{"../x", {{"title", "t"}}}}), "language code");
    refused(file_of({one("dup"), one("dup")}), "twice");
    std::vector<nlohmann::json> many;
    for (int i = 0; i < 33; ++i) many.push_back(one("a" + std::to_string(i)));
    refused(file_of(many), "more than 32");
    refused(std::string(70 * 1024, ' '), "larger than");
    refused("{\"alerts\":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]}", "alerts file");
    std::string bad_utf8 = with("text", {{"es", {{"title", "ok"}}}});
    bad_utf8.replace(bad_utf8.find("ok"), 2, "\xc3\x28");
    refused(bad_utf8, "alerts file");
}

TEST_CASE("alerts: audiences, and a region's alert never leaves its region") {
    auto parse1 = [](nlohmann::json audience, const std::string& source) {
        auto j = one("x");
        j["audience"] = std::move(audience);
        return alerts::parse(file_of({j}), source).value().at(0);
    };
    const alerts::KioskIdentity caribbean{"kiosk-0a1b2c3d4e5f", "caribbean", {"pilot", "port"}};
    const alerts::KioskIdentity andes{"kiosk-ffffffffffff", "andes", {}};
    auto all = parse1({{"all", true}}, "central");
    CHECK(alerts::applies_to(all, caribbean));
    CHECK(alerts::applies_to(all, andes));
    auto region = parse1({{"regions", {"andes"}}}, "central");
    CHECK_FALSE(alerts::applies_to(region, caribbean));
    CHECK(alerts::applies_to(region, andes));
    auto kiosk = parse1({{"kiosks", {"kiosk-0a1b2c3d4e5f"}}}, "central");
    CHECK(alerts::applies_to(kiosk, caribbean));
    CHECK_FALSE(alerts::applies_to(kiosk, andes));
    auto tag = parse1({{"tags", {"port"}}}, "central");
    CHECK(alerts::applies_to(tag, caribbean));
    CHECK_FALSE(alerts::applies_to(tag, andes));
    CHECK_FALSE(alerts::applies_to(parse1(nlohmann::json::object(), "central"), caribbean));
    // A region's "all" is its own kiosks; naming another region changes nothing.
    auto regional_all = parse1({{"all", true}}, "region:caribbean");
    CHECK(alerts::applies_to(regional_all, caribbean));
    CHECK_FALSE(alerts::applies_to(regional_all, andes));
    auto reaching_out = parse1({{"regions", {"andes"}}}, "region:caribbean");
    CHECK_FALSE(alerts::applies_to(reaching_out, andes));
    // A kiosk with no region configured hears no region.
    CHECK_FALSE(alerts::applies_to(regional_all, alerts::KioskIdentity{"kiosk-1", "", {}}));
}

TEST_CASE("alerts: shown between start and end only, urgent first, in the visitor's language") {
    auto urgent = one("urgent", "urgent");
    urgent["start"] = "2026-12-02T00:00:00Z";
    urgent["replaces_home"] = true;
    auto info = one("info", "info");
    info["text"] = {{"ar", {{"title", "مكتب مغلق"}}}};
    auto later = one("later", "warning");
    later["start"] = "2026-12-05T00:00:00Z";
    auto list = alerts::parse(file_of({info, one("warn"), urgent, later}), "central").value();
    const std::vector<std::string> spanish = {"es", "en", "fr"};
    auto before = alerts::shown_at(list, at("2026-11-30T23:59:59Z"), spanish);
    CHECK(before.empty());
    auto shown = alerts::shown_at(list, at("2026-12-03T12:00:00Z"), spanish);
    REQUIRE(shown.size() == 3);
    CHECK(shown[0].id == "urgent");
    CHECK(shown[0].replaces_home);
    CHECK(shown[1].id == "warn");
    CHECK(shown[1].title == "Frontera cerrada");
    CHECK_FALSE(shown[1].fell_back);
    CHECK(shown[2].id == "info");
    CHECK(shown[2].fell_back);  // no Spanish, English or French: its own language
    CHECK(shown[2].language == "ar");
    auto haitian = alerts::shown_at(list, at("2026-12-03T12:00:00Z"), {"ht", "fr", "en"});
    CHECK(haitian[1].title == "Frontière fermée");
    CHECK(haitian[1].fell_back);
    // Newest start first within a severity; the end is exclusive.
    auto both = alerts::shown_at(list, at("2026-12-06T00:00:00Z"), spanish);
    CHECK(both[1].id == "later");
    CHECK(alerts::shown_at(list, at("2026-12-08T00:00:00Z"), spanish).empty());
    // A clock at 1970 or 2100 shows nothing (the alerts' own window decides, no network).
    CHECK(alerts::shown_at(list, 0, spanish).empty());
    CHECK(alerts::shown_at(list, at("2100-01-01T00:00:00Z"), spanish).empty());
}

TEST_CASE("alerts: the kiosk's file keeps each alert's source and refuses unknown ones") {
    ScratchDir dir;
    CHECK(alerts::read_kiosk_alerts(dir.path).value().empty());
    auto central = alerts::parse(file_of({one("c")}), "central").value();
    auto regional = alerts::parse(file_of({one("r")}), "region:caribbean").value();
    central.insert(central.end(), regional.begin(), regional.end());
    write_text(alerts::kiosk_alerts_file(dir.path), alerts::serialize(central, true));
    auto back = alerts::read_kiosk_alerts(dir.path);
    REQUIRE_MESSAGE(back.ok(), back.message());
    REQUIRE(back->size() == 2);
    CHECK((*back)[0].source == "central");
    CHECK((*back)[1].source == "region:caribbean");
    auto shown = alerts::shown_at(*back, at("2026-12-03T00:00:00Z"), {"es"});
    CHECK_FALSE(shown[1].central);
    CHECK(shown[1].region == "caribbean");
    auto forged = nlohmann::json::parse(alerts::serialize(central, true));
    forged["alerts"][1]["source"] = "region:../x";
    write_text(alerts::kiosk_alerts_file(dir.path), forged.dump());
    CHECK_FALSE(alerts::read_kiosk_alerts(dir.path).ok());
}

TEST_CASE("alerts: every time parse_utc takes is written back in the same form (years before 1000 too)") {
    for (const char* text : {"0627-12-01T00:00:00Z", "0001-01-01T00:00:00Z", "0999-02-28T23:59:59Z",
                             "1970-01-01T00:00:00Z", "2027-12-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
        CAPTURE(text);
        auto t = tuf::parse_utc(text);
        REQUIRE(t.ok());
        CHECK(tuf::format_utc(*t) == text);
    }
    // The input fuzz_alerts found (tests/fuzz/corpus/fuzz_alerts/regression-year-0627.json):
    // an alert starting in 0627 is kept, and the kept file reads back.
    const std::string file =
        R"({"alerts":[{"id":"border-closed","severity":"urgent","audience":{"all":true},)"
        R"("start":"0627-12-01T00:00:00Z","end":"2027-12-01T00:00:00Z",)"
        R"("text":{"es":{"title":"Frontera cerrada"}}}]})";
    auto parsed = alerts::parse(file, "central");
    REQUIRE(parsed.ok());
    auto again = alerts::parse(alerts::serialize(*parsed, false), "central");
    REQUIRE(again.ok());
    CHECK(again->size() == 1);
}
