// SPDX-License-Identifier: GPL-3.0-or-later
// The kinds of content the kiosk shows, as the commission's action framework names them.
// The string form is what source files, the store and the UI tables use.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace guichet::content {

enum class ItemType {
    article,
    institution,
    programme,
    legislation,
    statistics,
    news,
    cooperation,
    publication
};

inline constexpr std::array<ItemType, 8> kAllItemTypes = {
    ItemType::article,    ItemType::institution, ItemType::programme,   ItemType::legislation,
    ItemType::statistics, ItemType::news,        ItemType::cooperation, ItemType::publication};

std::string_view to_string(ItemType type);
std::optional<ItemType> item_type_from_string(std::string_view name);

}  // namespace guichet::content
