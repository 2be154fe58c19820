// SPDX-License-Identifier: GPL-3.0-or-later
#include "messages.h"

#include <mutex>

#include "guichet_content_catalogs.h"
#include "guichet_content_kiosk_labels_catalogs.h"
#include "platform/i18n.h"

namespace guichet::content::messages {
namespace {

const i18n::Translator& from(std::span<const i18n::EmbeddedCatalog> catalogs,
                             i18n::Translator& slot, std::once_flag& once) {
    std::call_once(once, [&] {
        // The catalogues are compiled by msgfmt --check at build time; one that does not parse
        // would leave English, never a crash.
        if (auto t = i18n::Translator::from_embedded(catalogs)) slot = std::move(*t);
    });
    return slot;
}

const i18n::Translator& own() {
    static i18n::Translator t;
    static std::once_flag once;
    return from(guichet_content_catalogs(), t, once);
}

const i18n::Translator& kiosk() {
    static i18n::Translator t;
    static std::once_flag once;
    return from(guichet_content_kiosk_labels_catalogs(), t, once);
}

std::string& current() {
    static std::string language;
    return language;
}

}  // namespace

void set_language(std::string_view language) { current() = std::string(language); }
const std::string& language() { return current(); }

bool has_language(std::string_view language) {
    if (language == "en" || language.empty()) return true;
    std::string base(language.substr(0, language.find('-')));
    for (const auto& l : own().languages())
        if (l == language || l == base) return true;
    return false;
}

std::string tr(std::string_view english) {
    if (current().empty() || current() == "en") return std::string(english);
    return std::string(own().translate(english, current()));
}

std::string format(std::string_view pattern, std::initializer_list<std::string_view> args) {
    std::string out;
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 1] >= '1' &&
            pattern[i + 1] <= '9' && pattern[i + 2] == '}') {
            size_t n = static_cast<size_t>(pattern[i + 1] - '1');
            if (n < args.size()) {
                out += *(args.begin() + n);
                i += 2;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}

std::string trf(std::string_view english, std::initializer_list<std::string_view> args) {
    return format(tr(english), args);
}

std::optional<std::string> kiosk_label(std::string_view context, std::string_view code,
                                       std::string_view language) {
    std::string key = std::string(context) + "." + std::string(code);
    const auto& t = kiosk();
    std::string lang(language.empty() ? "en" : language);
    std::string base = lang.substr(0, lang.find('-'));
    for (const std::string& l : {lang, base})
        if (const auto* catalog = t.catalog(l))
            if (auto found = catalog->find_context(key); found && !found->empty())
                return std::string(*found);
    return std::nullopt;
}

bool kiosk_has_language(std::string_view language) {
    std::string base(language.substr(0, language.find('-')));
    for (const auto& l : kiosk().languages())
        if (l == language || l == base) return true;
    return false;
}

}  // namespace guichet::content::messages
