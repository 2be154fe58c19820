// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/ui_strings.h"

#include <unordered_map>

#include "guichet_kiosk_catalogs.h"
#include "platform/i18n.h"
#include "platform/log.h"
#include "ui_messages.h"

namespace guichet::kiosk {
namespace {

struct Strings {
    i18n::Translator translator;
    std::unordered_map<std::string_view, std::string_view> english;  // key → source text
    std::vector<std::string> languages;
};

const Strings& strings() {
    static const Strings built = [] {
        Strings s;
        for (const UiMessage& message : ui_messages()) s.english.emplace(message.key, message.english);
        auto translator = i18n::Translator::from_embedded(guichet_kiosk_catalogs());
        if (translator) {
            s.translator = std::move(*translator);
        } else {
            // msgfmt made these bytes at build time, so this is a build fault: say so, show English.
            log::error("kiosk", "UI strings: " + translator.message());
        }
        for (const i18n::EmbeddedCatalog& catalog : guichet_kiosk_catalogs())
            if (s.translator.catalog(catalog.language)) s.languages.emplace_back(catalog.language);
        return s;
    }();
    return built;
}

std::string_view english(std::string_view key) {
    const auto& table = strings().english;
    auto it = table.find(key);
    return it == table.end() ? std::string_view{} : it->second;
}

}  // namespace

const std::vector<std::string>& ui_languages() {
    return strings().languages;
}

std::string_view tr(std::string_view key, std::string_view language,
                    const std::vector<std::string>& fallback_chain) {
    const std::string_view source = english(key);
    if (source.empty()) return key;
    return strings().translator.translate(key, source, language, fallback_chain);
}

std::string_view tr_or(std::string_view key, std::string_view otherwise, std::string_view language,
                       const std::vector<std::string>& fallback_chain) {
    return english(key).empty() ? otherwise : tr(key, language, fallback_chain);
}

std::string format1(std::string_view pattern, std::string_view value) {
    std::string out(pattern);
    if (auto at = out.find("{}"); at != std::string::npos) out.replace(at, 2, value);
    return out;
}

std::vector<std::string_view> ui_string_keys() {
    std::vector<std::string_view> keys;
    for (const UiMessage& message : ui_messages()) keys.push_back(message.key);
    return keys;
}

std::string_view ui_string_source(std::string_view key) {
    return english(key);
}

std::string_view ui_string_cell(std::string_view key, std::string_view language) {
    const std::string_view source = english(key);
    if (source.empty()) return {};
    const i18n::Catalog* catalog = strings().translator.catalog(language);
    if (!catalog) return {};
    return catalog->find(key, source).value_or(std::string_view{});
}

}  // namespace guichet::kiosk
