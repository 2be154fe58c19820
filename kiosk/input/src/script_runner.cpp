// SPDX-License-Identifier: GPL-3.0-or-later
#include "input/script_runner.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>

#include "kiosk/keyboard.h"
#include "platform/paths.h"

namespace guichet::kiosk {
namespace {

constexpr std::int64_t kFrameMs = 16;

}  // namespace

Result<void> ScriptRunner::step() {
    kiosk_.set_clock_ms(kiosk_.clock_ms() + kFrameMs);
    return kiosk_.frame();
}

Result<void> ScriptRunner::settle() {
    for (int i = 0; i < 2000; ++i) {
        if (!kiosk_.busy()) return {};
        if (auto drawn = step(); !drawn) return drawn;
    }
    return make_error("the kiosk did not settle within 2000 frames (" + kiosk_.busy_report() + ")");
}

Result<void> ScriptRunner::tap(float x, float y) {
    if (auto ok = settle(); !ok) return ok;
    kiosk_.press(ScriptTarget::Press::down, x, y, 0);
    for (int i = 0; i < 3; ++i) {  // position, press, hold
        if (auto drawn = step(); !drawn) return drawn;
    }
    kiosk_.press(ScriptTarget::Press::up, x, y, 0);
    if (auto drawn = step(); !drawn) return drawn;
    return settle();
}

Result<void> ScriptRunner::tap_target(const std::string& name, const std::string& where) {
    if (auto ok = settle(); !ok) return ok;
    auto center = kiosk_.target_center(name);
    // Folded into a menu where the bar had no room: open it, as a visitor would.
    if (!center) {
        if (const auto opener = kiosk_.opener_of(name); opener && kiosk_.target_center(*opener)) {
            if (auto opened = tap_target(*opener, where); !opened) return opened;
            center = kiosk_.target_center(name);
        }
    }
    // Below (or above) the fold of a scrolling page: scroll to it, as a visitor would.
    for (int drags = 0; !center && drags < 12; ++drags) {
        const auto toward = kiosk_.drag_toward(name);
        if (!toward) break;
        if (auto moved = drag(toward->x1, toward->y1, toward->x2, toward->y2, 500); !moved)
            return moved;
        center = kiosk_.target_center(name);
    }
    if (!center) {
        std::string known;
        int shown = 0;
        for (const std::string& target : kiosk_.target_names()) {
            if (shown++ == 40) {
                known += " …";
                break;
            }
            known += " @" + target;
        }
        return make_error(where + "no target @" + name + " on the " +
                          to_string(kiosk_.state().route.screen) + " screen; targets:" + known);
    }
    return tap(center->first, center->second);
}

Result<void> ScriptRunner::drag(float x1, float y1, float x2, float y2, int ms) {
    if (auto ok = settle(); !ok) return ok;
    kiosk_.press(ScriptTarget::Press::down, x1, y1, 0);
    for (int i = 0; i < 2; ++i) {
        if (auto drawn = step(); !drawn) return drawn;
    }
    const int steps = std::max(1, ms / static_cast<int>(kFrameMs));
    for (int i = 1; i <= steps; ++i) {
        const float t = static_cast<float>(i) / steps;
        kiosk_.press(ScriptTarget::Press::move, x1 + (x2 - x1) * t, y1 + (y2 - y1) * t, 0);
        if (auto drawn = step(); !drawn) return drawn;
    }
    kiosk_.press(ScriptTarget::Press::up, x2, y2, 0);
    if (auto drawn = step(); !drawn) return drawn;
    return settle();
}

Result<void> ScriptRunner::pinch(float x, float y, float from, float to, int ms) {
    if (auto ok = settle(); !ok) return ok;
    // The first finger down, then the second a frame later, as hands do.
    kiosk_.press(ScriptTarget::Press::down, x - from / 2, y, 0);
    if (auto drawn = step(); !drawn) return drawn;
    kiosk_.press(ScriptTarget::Press::down, x + from / 2, y, 1);
    if (auto drawn = step(); !drawn) return drawn;
    const int steps = std::max(1, ms / static_cast<int>(kFrameMs));
    for (int i = 1; i <= steps; ++i) {
        const float spread = from + (to - from) * static_cast<float>(i) / steps;
        kiosk_.press(ScriptTarget::Press::move, x - spread / 2, y, 0);
        kiosk_.press(ScriptTarget::Press::move, x + spread / 2, y, 1);
        if (auto drawn = step(); !drawn) return drawn;
    }
    kiosk_.press(ScriptTarget::Press::up, x + to / 2, y, 1);
    if (auto drawn = step(); !drawn) return drawn;
    kiosk_.press(ScriptTarget::Press::up, x - to / 2, y, 0);
    if (auto drawn = step(); !drawn) return drawn;
    return settle();
}

Result<void> ScriptRunner::wait(std::int64_t ms) {
    const std::int64_t until = kiosk_.clock_ms() + ms;
    while (kiosk_.clock_ms() < until) {
        if (auto ok = settle(); !ok) return ok;
        const std::int64_t now = kiosk_.clock_ms();
        kiosk_.set_clock_ms(std::min(until, std::max(now + 1, kiosk_.next_wake(now))));
        if (kiosk_.wants_frame(kiosk_.clock_ms())) {
            if (auto drawn = kiosk_.frame(); !drawn) return drawn;
        }
    }
    return settle();
}

Result<void> ScriptRunner::type(const std::string& text, const std::string& where) {
    // The keyboard on screen: the visitor's, or the one of the notice language staff type in.
    const KioskState& state = kiosk_.state();
    const KeyboardLayout& layout =
        keyboard_for(state.route.screen == Screen::staff && !state.staff.edit_language.empty()
                         ? state.staff.edit_language
                         : kiosk_.ui_language());
    for (const std::string& character : split_code_points(text)) {
        if (!layout_has_key(layout, character))
            return make_error(where + "'" + character + "' is not a key of the " + layout.language +
                              " keyboard");
        const std::string target = character == " " ? "key.space" : "key." + character;
        if (auto tapped = tap_target(target, where); !tapped) return tapped;
    }
    return {};
}

Result<void> ScriptRunner::screenshot(const std::string& name) {
    if (auto ok = settle(); !ok) return ok;
    if (auto dir = paths::ensure_dir(paths_.screenshots_dir); !dir) return dir.error();
    const auto file = paths_.screenshots_dir / (name + ".png");
    if (auto drawn = kiosk_.frame(&file); !drawn) return drawn;
    // Beside the picture, its layout report: what tests assert and people read with it.
    const StateDump all = kiosk_.dump();
    StateDump report = all["layout"];
    report["screen"] = all["screen"];
    report["staff_page"] = all["staff_page"];
    report["language"] = all["ui_language"];
    report["large_text"] = all["large_text"];
    return write_state_dump(paths_.screenshots_dir / (name + ".layout.json"), report);
}

Result<void> ScriptRunner::run_one(const ScriptCommand& command, const std::string& where) {
    switch (command.kind) {
        case ScriptCommand::Kind::tap:
            return tap(command.x1, command.y1);
        case ScriptCommand::Kind::tap_target:
            return tap_target(command.text, where);
        case ScriptCommand::Kind::tap_if_shown: {
            if (auto ok = settle(); !ok) return ok;
            if (!kiosk_.target_center(command.text)) return {};
            return tap_target(command.text, where);
        }
        case ScriptCommand::Kind::drag:
            return drag(command.x1, command.y1, command.x2, command.y2, command.ms);
        case ScriptCommand::Kind::pinch:
            return pinch(command.x1, command.y1, command.x2, command.y2, command.ms);
        case ScriptCommand::Kind::hold_target: {
            if (auto ok = settle(); !ok) return ok;
            const auto center = kiosk_.target_center(command.text);
            if (!center)
                return make_error(where + "no target @" + command.text + " on the " +
                                  to_string(kiosk_.state().route.screen) + " screen");
            return drag(center->first, center->second, center->first, center->second,
                        command.ms);
        }
        case ScriptCommand::Kind::type:
            return type(command.text, where);
        case ScriptCommand::Kind::wait:
            return wait(command.ms);
        case ScriptCommand::Kind::screenshot:
            return screenshot(command.text);
        case ScriptCommand::Kind::expect: {
            if (auto ok = settle(); !ok) return ok;
            const std::string actual = state_value(kiosk_.dump(), command.text);
            // "!VALUE": anything but VALUE (a scroll that moved, a non-empty result list).
            const bool negated = command.value.starts_with("!");
            const std::string wanted = negated ? command.value.substr(1) : command.value;
            if ((actual == wanted) == negated)
                return make_error(where + "expected " + command.text +
                                  (negated ? " != '" : " = '") + wanted + "', got '" + actual +
                                  "'");
            return {};
        }
        case ScriptCommand::Kind::key: {
            if (auto ok = settle(); !ok) return ok;
            kiosk_.key(command.text);
            if (auto drawn = step(); !drawn) return drawn;
            return settle();
        }
        case ScriptCommand::Kind::audio_device_added: {
            if (auto ok = settle(); !ok) return ok;
            kiosk_.audio_output_added();
            if (auto drawn = step(); !drawn) return drawn;
            return settle();
        }
        case ScriptCommand::Kind::sync_now: {
            if (auto synced = kiosk_.sync_now(where); !synced) return synced;
            return settle();
        }
        case ScriptCommand::Kind::replace_content: {
            // What sync does: a complete new file renamed over the old one.
            std::filesystem::path source = command.text;
            if (source.is_relative() && paths_.script)
                source = paths_.script->parent_path() / source;
            const std::filesystem::path store = kiosk_.content_path();
            const auto temporary = store.string() + ".incoming";
            std::error_code ec;
            std::filesystem::copy_file(source, temporary,
                                       std::filesystem::copy_options::overwrite_existing, ec);
            if (!ec) std::filesystem::rename(temporary, store, ec);
            if (ec)
                return make_error(where + "cannot replace the content with " + source.string() +
                                  ": " + ec.message());
            return {};
        }
    }
    return {};
}

int ScriptRunner::run(const std::vector<ScriptCommand>& commands, const std::string& script_name) {
    if (auto ok = settle(); !ok) {
        std::fprintf(stderr, "guichet-kiosk: %s\n", ok.message().c_str());
        return 1;
    }
    for (const ScriptCommand& command : commands) {
        const std::string where = script_name + ":" + std::to_string(command.line) + ": ";
        if (auto done = run_one(command, where); !done) {
            std::fprintf(stderr, "guichet-kiosk: %s\n", done.message().c_str());
            if (paths_.dump_state) (void)write_state_dump(*paths_.dump_state, kiosk_.dump());
            return 1;
        }
        if (kiosk_.state().staff.exit_requested) {
            if (paths_.dump_state) (void)write_state_dump(*paths_.dump_state, kiosk_.dump());
            return exit_code_on_exit_;
        }
    }
    return 0;
}

int ScriptRunner::tour() {
    auto step = [&](Result<void> result) {
        if (!result) std::fprintf(stderr, "guichet-kiosk: %s\n", result.message().c_str());
        return result.ok();
    };
    if (!step(settle()) || !step(screenshot("welcome")) || !step(tap_target("welcome", "")) ||
        !step(screenshot("language")))
        return 1;
    const std::string language = kiosk_.ui_language();
    if (!step(tap_target("lang." + language, "")) || !step(screenshot("home"))) return 1;
    if (!kiosk_.has_content()) return 0;
    const std::vector<HomeTile> tiles = kiosk_.home_tiles();
    std::string category, directory_tile;
    for (const HomeTile& tile : tiles) {
        if (tile.opens_directory && directory_tile.empty()) directory_tile = tile.category_id;
        if (!tile.opens_directory && category.empty()) category = tile.category_id;
    }
    if (!category.empty()) {
        if (!step(tap_target("tile." + category, "")) || !step(screenshot("list"))) return 1;
        if (kiosk_.target_center("row.0")) {
            if (!step(tap_target("row.0", "")) || !step(screenshot("detail"))) return 1;
        }
        if (!step(tap_target("home", ""))) return 1;
    }
    if (!directory_tile.empty()) {
        if (!step(tap_target("tile." + directory_tile, "")) || !step(screenshot("directory")) ||
            !step(tap_target("home", "")))
            return 1;
    }
    if (!step(tap_target("search", ""))) return 1;
    // A word from the content itself, typed on the on-screen keyboard.
    std::string word;
    const KeyboardLayout& layout = keyboard_for(language);
    for (const HomeTile& tile : tiles) {
        std::string candidate;
        for (const std::string& character : split_code_points(tile.title + " ")) {
            std::string lower = character;
            if (lower.size() == 1) lower[0] = static_cast<char>(std::tolower(lower[0]));
            if (character != " " && layout_has_key(layout, lower)) {
                candidate += lower;
            } else {
                if (candidate.size() >= 5) break;
                candidate.clear();
            }
        }
        if (candidate.size() >= 5) {
            word = candidate;
            break;
        }
    }
    if (!word.empty() && !step(type(word, ""))) return 1;
    if (!step(screenshot("search"))) return 1;
    return 0;
}

}  // namespace guichet::kiosk
