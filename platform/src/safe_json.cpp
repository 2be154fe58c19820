// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/safe_json.h"

#include <algorithm>
#include <cstdint>

#include "platform/utf8.h"

namespace guichet::safe_json {

int nesting_depth(std::string_view bytes) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (const char c : bytes) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '[' || c == '{')
            deepest = std::max(deepest, ++depth);
        else if (c == ']' || c == '}')
            --depth;
    }
    return deepest;
}

Result<Json> parse(std::string_view bytes, int max_depth) {
    if (const int depth = nesting_depth(bytes); depth > max_depth)
        return make_error("JSON nested " + std::to_string(depth) + " levels deep, more than " +
                          std::to_string(max_depth));
    if (const std::size_t bad = utf8::first_invalid(bytes); bad != std::string_view::npos)
        return make_error("not valid UTF-8 at byte " + std::to_string(bad));
    Json value = Json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) return make_error("not valid JSON");
    return value;
}

std::string dump(const Json& value, int indent) {
    try {
        return value.dump(indent, ' ', false, Json::error_handler_t::replace);
    } catch (const std::exception&) {
        // Only an allocation failure is left; say so in valid JSON rather than stop.
        return "null";
    }
}

const Json* find(const Json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::int64_t get_int(const Json& object, std::string_view key, std::int64_t fallback) {
    const Json* member = find(object, key);
    if (!member) return fallback;
    // is_number_integer() is also true for unsigned values, which may not fit.
    if (member->is_number_unsigned())
        return member->get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)
                   ? static_cast<std::int64_t>(member->get<std::uint64_t>())
                   : fallback;
    if (member->is_number_integer()) return member->get<std::int64_t>();
    return fallback;
}

std::string get_string(const Json& object, std::string_view key, std::string fallback) {
    const Json* member = find(object, key);
    return member && member->is_string() ? member->get<std::string>() : fallback;
}

bool get_bool(const Json& object, std::string_view key, bool fallback) {
    const Json* member = find(object, key);
    return member && member->is_boolean() ? member->get<bool>() : fallback;
}

}  // namespace guichet::safe_json
