// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/item_type.h"

namespace guichet::content {

std::string_view to_string(ItemType type) {
    switch (type) {
        case ItemType::article:
            return "article";
        case ItemType::institution:
            return "institution";
        case ItemType::programme:
            return "programme";
        case ItemType::legislation:
            return "legislation";
        case ItemType::statistics:
            return "statistics";
        case ItemType::news:
            return "news";
        case ItemType::cooperation:
            return "cooperation";
        case ItemType::publication:
            return "publication";
    }
    return "unknown";
}

std::optional<ItemType> item_type_from_string(std::string_view name) {
    for (ItemType type : kAllItemTypes)
        if (to_string(type) == name) return type;
    return std::nullopt;
}

}  // namespace guichet::content
