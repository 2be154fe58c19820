// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/settings_file.h"

#include <string_view>

#include "platform/files.h"
#include "platform/utf8.h"

namespace guichet::settings {
namespace {

std::string trim(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(" \t\r");
    return std::string(text.substr(begin, end - begin + 1));
}

// A line as it may be shown in a message: valid UTF-8, no control characters, not endless.
std::string shown(std::string_view line) {
    std::string out = utf8::sanitize(line.substr(0, 120));
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    return line.size() > 120 ? out + "…" : out;
}

}  // namespace

std::string where(const std::filesystem::path& file, const Setting& setting) {
    return file.string() + ":" + std::to_string(setting.line) + ": ";
}

Result<std::vector<Setting>> read_settings_file(const std::filesystem::path& file) {
    auto body = files::read_regular_file(file, files::kMaxSettingsBytes);
    if (!body) return body.error();
    const std::string_view text = *body;
    std::vector<Setting> settings;
    int number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view raw = text.substr(start, end - start);
        start = end + 1;
        ++number;
        const std::string prefix = file.string() + ":" + std::to_string(number) + ": ";
        if (const std::size_t bad = utf8::first_invalid(raw); bad != std::string_view::npos)
            return make_error(prefix + "not valid UTF-8 at column " + std::to_string(bad + 1) +
                              " (save the file as UTF-8)");
        const std::string line = trim(raw);
        if (const std::size_t control = utf8::first_control(line); control != std::string::npos)
            return make_error(prefix + "control character " +
                              std::to_string(static_cast<unsigned char>(line[control])) +
                              " at column " + std::to_string(raw.find(line) + control + 1));
        if (line.empty() || line[0] == '#') continue;
        const auto equals = line.find('=');
        Setting setting{trim(std::string_view(line).substr(0, equals)), {}, number};
        if (equals == std::string::npos || setting.key.empty())
            return make_error(where(file, setting) + "want `key = value`, got '" + shown(line) +
                              "'");
        setting.value = trim(std::string_view(line).substr(equals + 1));
        settings.push_back(std::move(setting));
    }
    return settings;
}

}  // namespace guichet::settings
