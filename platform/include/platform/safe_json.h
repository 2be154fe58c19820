// SPDX-License-Identifier: GPL-3.0-or-later
// JSON from outside and JSON going out, without exceptions: parse() refuses what is not JSON,
// not UTF-8 or nested deeper than a limit (a deep document would otherwise exhaust the stack
// of every recursive walk over it); dump() never throws (strings that are not UTF-8 are
// written with U+FFFD, so a file name or a server string in a status cannot stop a program);
// the getters give a fallback instead of throwing when a key is missing or of another type.
// nlohmann::json's own value()/get() throw on a wrong type: use these on anything read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "platform/result.h"

namespace guichet::safe_json {

using Json = nlohmann::json;

inline constexpr int kMaxDepth = 64;

Result<Json> parse(std::string_view bytes, int max_depth = kMaxDepth);
std::string dump(const Json& value, int indent = -1);

// Nesting depth of the JSON text (arrays and objects), counted without parsing it.
int nesting_depth(std::string_view bytes);

// The member, or nullptr when `object` is not an object or has no such key.
const Json* find(const Json& object, std::string_view key);
std::int64_t get_int(const Json& object, std::string_view key, std::int64_t fallback = 0);
std::string get_string(const Json& object, std::string_view key, std::string fallback = {});
bool get_bool(const Json& object, std::string_view key, bool fallback = false);

}  // namespace guichet::safe_json
