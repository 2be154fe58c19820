// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/settings_file.h"

#include <fstream>
#include <string_view>

namespace guichet::settings {
namespace {

std::string trim(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(" \t\r");
    return std::string(text.substr(begin, end - begin + 1));
}

}  // namespace

std::string where(const std::filesystem::path& file, const Setting& setting) {
    return file.string() + ":" + std::to_string(setting.line) + ": ";
}

Result<std::vector<Setting>> read_settings_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return make_error(file.string() + ": cannot read the settings file");
    std::vector<Setting> settings;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const std::string text = trim(line);
        if (text.empty() || text[0] == '#') continue;
        const auto equals = text.find('=');
        Setting setting{trim(std::string_view(text).substr(0, equals)), {}, number};
        if (equals == std::string::npos || setting.key.empty())
            return make_error(where(file, setting) + "want `key = value`, got '" + text + "'");
        setting.value = trim(std::string_view(text).substr(equals + 1));
        settings.push_back(std::move(setting));
    }
    if (in.bad()) return make_error(file.string() + ": read error");
    return settings;
}

}  // namespace guichet::settings
