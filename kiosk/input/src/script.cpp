// SPDX-License-Identifier: GPL-3.0-or-later
#include "input/script.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace guichet::kiosk {
namespace {

std::vector<std::string> words(std::string_view line) {
    std::vector<std::string> out;
    std::istringstream in{std::string(line)};
    std::string word;
    while (in >> word) out.push_back(word);
    return out;
}

bool to_number(const std::string& text, float& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
}

bool to_number(const std::string& text, int& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size() && out >= 0;
}

// The rest of the line after the command word, verbatim (type keeps its spaces).
std::string rest_after_command(std::string_view line) {
    const auto start = line.find_first_not_of(" \t");
    const auto space = line.find_first_of(" \t", start);
    if (space == std::string_view::npos) return {};
    std::string rest(line.substr(space + 1));
    while (!rest.empty() && (rest.back() == '\r' || rest.back() == '\n')) rest.pop_back();
    return rest;
}

}  // namespace

Result<std::vector<ScriptCommand>> parse_script(std::string_view text, std::string_view file_name) {
    std::vector<ScriptCommand> commands;
    int line_number = 0;
    size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        const std::string_view line = text.substr(
            start, end == std::string_view::npos ? std::string_view::npos : end - start);
        start = end == std::string_view::npos ? text.size() : end + 1;
        ++line_number;
        const auto parts = words(line);
        if (parts.empty() || parts[0][0] == '#') continue;
        const std::string where = std::string(file_name) + ":" + std::to_string(line_number) + ": ";
        ScriptCommand command;
        command.line = line_number;
        const std::string& verb = parts[0];
        auto want = [&](size_t count, const char* usage) -> Result<void> {
            if (parts.size() != count) return make_error(where + "usage: " + usage);
            return {};
        };
        if (verb == "tap") {
            if (parts.size() == 2 && parts[1].size() > 1 && parts[1][0] == '@') {
                command.kind = ScriptCommand::Kind::tap_target;
                command.text = parts[1].substr(1);
            } else {
                if (auto ok = want(3, "tap X Y | tap @TARGET"); !ok) return ok.error();
                command.kind = ScriptCommand::Kind::tap;
                if (!to_number(parts[1], command.x1) || !to_number(parts[2], command.y1))
                    return make_error(where + "tap wants two numbers, got '" + parts[1] + " " +
                                      parts[2] + "'");
            }
        } else if (verb == "tap-if-shown") {
            if (auto ok = want(2, "tap-if-shown @TARGET"); !ok) return ok.error();
            if (parts[1].size() < 2 || parts[1][0] != '@')
                return make_error(where + "tap-if-shown wants a target (@NAME), got '" + parts[1] +
                                  "'");
            command.kind = ScriptCommand::Kind::tap_if_shown;
            command.text = parts[1].substr(1);
        } else if (verb == "drag") {
            if (auto ok = want(6, "drag X1 Y1 X2 Y2 MS"); !ok) return ok.error();
            command.kind = ScriptCommand::Kind::drag;
            if (!to_number(parts[1], command.x1) || !to_number(parts[2], command.y1) ||
                !to_number(parts[3], command.x2) || !to_number(parts[4], command.y2) ||
                !to_number(parts[5], command.ms) || command.ms == 0)
                return make_error(where + "drag wants four coordinates and a duration > 0 ms");
        } else if (verb == "pinch") {
            if (auto ok = want(6, "pinch X Y FROM TO MS"); !ok) return ok.error();
            command.kind = ScriptCommand::Kind::pinch;
            if (!to_number(parts[1], command.x1) || !to_number(parts[2], command.y1) ||
                !to_number(parts[3], command.x2) || !to_number(parts[4], command.y2) ||
                !to_number(parts[5], command.ms) || command.ms == 0 || command.x2 <= 0 ||
                command.y2 <= 0)
                return make_error(where +
                                  "pinch wants a centre, two spreads > 0 and a duration > 0 ms");
        } else if (verb == "hold") {
            if (auto ok = want(3, "hold @TARGET MS"); !ok) return ok.error();
            command.kind = ScriptCommand::Kind::hold_target;
            if (parts[1].size() < 2 || parts[1][0] != '@' || !to_number(parts[2], command.ms) ||
                command.ms == 0)
                return make_error(where + "hold wants @TARGET and a duration > 0 ms");
            command.text = parts[1].substr(1);
        } else if (verb == "type") {
            command.kind = ScriptCommand::Kind::type;
            command.text = rest_after_command(line);
            if (command.text.empty()) return make_error(where + "usage: type TEXT");
        } else if (verb == "wait") {
            if (auto ok = want(2, "wait MS"); !ok) return ok.error();
            command.kind = ScriptCommand::Kind::wait;
            if (!to_number(parts[1], command.ms))
                return make_error(where + "wait wants milliseconds, got '" + parts[1] + "'");
        } else if (verb == "screenshot") {
            if (auto ok = want(2, "screenshot NAME"); !ok) return ok.error();
            command.kind = ScriptCommand::Kind::screenshot;
            command.text = parts[1];
            if (command.text.find('/') != std::string::npos || command.text.starts_with("."))
                return make_error(where + "screenshot NAME is a file name, not a path");
        } else if (verb == "expect") {
            if (parts.size() < 3) return make_error(where + "usage: expect KEY VALUE");
            command.kind = ScriptCommand::Kind::expect;
            command.text = parts[1];
            const std::string rest = rest_after_command(line);
            command.value = rest.substr(rest.find(parts[1]) + parts[1].size());
            command.value.erase(0, command.value.find_first_not_of(" \t"));
            if (command.value == "\"\"") command.value.clear();  // `expect search ""`
        } else if (verb == "replace-content") {
            if (auto ok = want(2, "replace-content FILE"); !ok) return ok.error();
            command.kind = ScriptCommand::Kind::replace_content;
            command.text = parts[1];
        } else if (verb == "key") {
            if (auto ok = want(2, "key NAME"); !ok) return ok.error();
            command.kind = ScriptCommand::Kind::key;
            command.text = parts[1];
        } else if (verb == "audio-device-added") {
            if (auto ok = want(1, "audio-device-added"); !ok) return ok.error();
            command.kind = ScriptCommand::Kind::audio_device_added;
        } else if (verb == "sync-now") {
            if (auto ok = want(1, "sync-now"); !ok) return ok.error();
            command.kind = ScriptCommand::Kind::sync_now;
        } else {
            return make_error(
                where + "unknown command '" + verb +
                "' (tap, drag, hold, type, wait, screenshot, expect, replace-content, "
                "sync-now, key, audio-device-added)");
        }
        commands.push_back(std::move(command));
    }
    return commands;
}

Result<std::vector<ScriptCommand>> load_script(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return make_error(file.string() + ": cannot read the script");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_script(text.str(), file.string());
}

}  // namespace guichet::kiosk
