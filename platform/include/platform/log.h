// SPDX-License-Identifier: GPL-3.0-or-later
// One line per event on standard error, with a level and a module tag; the only logging
// path in Guichet. Nothing a visitor types or taps is ever passed here.
#pragma once

#include <string_view>

namespace guichet::log {

enum class Level { debug, info, warn, error };

void set_min_level(Level level);
void write(Level level, std::string_view module, std::string_view message);

inline void debug(std::string_view module, std::string_view m) {
    write(Level::debug, module, m);
}
inline void info(std::string_view module, std::string_view m) {
    write(Level::info, module, m);
}
inline void warn(std::string_view module, std::string_view m) {
    write(Level::warn, module, m);
}
inline void error(std::string_view module, std::string_view m) {
    write(Level::error, module, m);
}

}  // namespace guichet::log
