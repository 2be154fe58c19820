// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include "input/script.h"

using namespace guichet::kiosk;

TEST_CASE("every command parses, with comments and blank lines skipped") {
    auto commands = parse_script(
        "# a walk\n"
        "tap 100 200.5\n"
        "tap @lang.ht\n"
        "\n"
        "drag 10 900 10 200 300\n"
        "type dwa moun\n"
        "wait 95000\n"
        "screenshot home-ht\n"
        "expect screen home\n"
        "expect search dwa moun\n"
        "replace-content next.db\n",
        "walk.txt");
    REQUIRE_MESSAGE(commands.ok(), commands.message());
    REQUIRE(commands->size() == 9);
    const auto& c = *commands;
    CHECK(c[0].kind == ScriptCommand::Kind::tap);
    CHECK(c[0].y1 == doctest::Approx(200.5));
    CHECK(c[1].kind == ScriptCommand::Kind::tap_target);
    CHECK(c[1].text == "lang.ht");
    CHECK(c[2].kind == ScriptCommand::Kind::drag);
    CHECK(c[2].y2 == 200);
    CHECK(c[2].ms == 300);
    CHECK(c[3].text == "dwa moun");
    CHECK(c[4].ms == 95000);
    CHECK(c[5].text == "home-ht");
    CHECK(c[6].line == 9);
    CHECK(c[7].text == "search");
    CHECK(c[7].value == "dwa moun");
    CHECK(c[8].kind == ScriptCommand::Kind::replace_content);
}

TEST_CASE("bad lines are file:line errors that say what was wanted") {
    auto check_error = [](const char* text, const char* wanted) {
        auto parsed = parse_script(text, "s.txt");
        REQUIRE_FALSE(parsed.ok());
        CHECK_MESSAGE(parsed.message().find(wanted) != std::string::npos, parsed.message());
    };
    check_error("tap 10\n", "s.txt:1: usage: tap X Y");
    check_error("wait 1\ntap ten 20\n", "s.txt:2: tap wants two numbers");
    check_error("drag 1 2 3 4 0\n", "duration > 0");
    check_error("wait -5\n", "wait wants milliseconds");
    check_error("screenshot ../x\n", "file name, not a path");
    check_error("click 1 2\n", "unknown command 'click'");
    check_error("type\n", "usage: type TEXT");
    check_error("expect screen\n", "usage: expect KEY VALUE");
}

TEST_CASE("a missing script file names the file") {
    auto loaded = load_script("/nonexistent/script.txt");
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.message().find("/nonexistent/script.txt") == 0);
}

TEST_CASE("hold presses a named target for a time") {
    auto commands = parse_script("hold @staff.corner 3300\n", "h.txt");
    REQUIRE_MESSAGE(commands.ok(), commands.message());
    CHECK((*commands)[0].kind == ScriptCommand::Kind::hold_target);
    CHECK((*commands)[0].text == "staff.corner");
    CHECK((*commands)[0].ms == 3300);
    CHECK_FALSE(parse_script("hold 10 10\n", "h.txt").ok());
    CHECK_FALSE(parse_script("hold @corner 0\n", "h.txt").ok());
}

TEST_CASE("pinch takes a centre, two spreads and a duration") {
    auto commands = parse_script("pinch 400 300 100 200 400\n", "p.txt");
    REQUIRE_MESSAGE(commands.ok(), commands.message());
    const ScriptCommand& pinch = (*commands)[0];
    CHECK(pinch.kind == ScriptCommand::Kind::pinch);
    CHECK(pinch.x1 == 400);
    CHECK(pinch.y1 == 300);
    CHECK(pinch.x2 == 100);
    CHECK(pinch.y2 == 200);
    CHECK(pinch.ms == 400);
    auto zero = parse_script("tap 1 1\npinch 400 300 0 200 400\n", "p.txt");
    REQUIRE_FALSE(zero.ok());
    CHECK(zero.message().find("p.txt:2:") == 0);
    CHECK_FALSE(parse_script("pinch 400 300 100 200\n", "p.txt").ok());
    CHECK_FALSE(parse_script("pinch 400 300 100 200 0\n", "p.txt").ok());
}

TEST_CASE("tap-if-shown names a target") {
    auto commands = parse_script("tap-if-shown @more\n", "m.txt");
    REQUIRE_MESSAGE(commands.ok(), commands.message());
    CHECK((*commands)[0].kind == ScriptCommand::Kind::tap_if_shown);
    CHECK((*commands)[0].text == "more");
    CHECK_FALSE(parse_script("tap-if-shown more\n", "m.txt").ok());
    CHECK_FALSE(parse_script("tap-if-shown 10 10\n", "m.txt").ok());
}

TEST_CASE("audio-device-added stands for headphones plugged in, and takes no argument") {
    auto commands = parse_script("key F9\naudio-device-added\n", "s.txt");
    REQUIRE_MESSAGE(commands.ok(), commands.message());
    REQUIRE(commands->size() == 2);
    CHECK((*commands)[1].kind == ScriptCommand::Kind::audio_device_added);
    auto bad = parse_script("audio-device-added now\n", "s.txt");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.message().find("s.txt:1: usage: audio-device-added") == 0);
}
