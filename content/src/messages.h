// SPDX-License-Identifier: GPL-3.0-or-later
// The staff tool's messages in the staff's language: English in the code, marked tr("…") for
// xgettext (scripts/update-po.sh, domain guichet-content, content/po/LANG.po), translated from the
// catalogues embedded at build time (platform/i18n.h). Placeholders are {1}, {2}… so a
// translation may put them in its own order. The language is chosen once per process by the
// tool (--lang, else the system locale); "" or "en" is English. Internal to content/.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace guichet::content::messages {

// The language messages are written in from now on ("es", "fr", "pt-BR" → pt…; "" = English).
void set_language(std::string_view language);
const std::string& language();
// Whether the tool has messages in `language` (a catalogue of content/po/LINGUAS or English).
bool has_language(std::string_view language);

// `english` in the current language (English when no translation).
std::string tr(std::string_view english);
// `pattern` with {1}, {2}… replaced by `args` in order (a missing one is left as written).
std::string format(std::string_view pattern, std::initializer_list<std::string_view> args);
// tr then format: the usual way to write a message.
std::string trf(std::string_view english, std::initializer_list<std::string_view> args);

// The kiosk's own label for a code (context "service", "kind") in `language`, from the kiosk's
// catalogues ("service", "information", "es" → "Información"); nullopt when it has none.
std::optional<std::string> kiosk_label(std::string_view context, std::string_view code,
                                       std::string_view language);

// Whether the kiosk's own words exist in `language` (its catalogues: kiosk/po/LINGUAS), by the
// language or its base subtag ("es-MX" → es).
bool kiosk_has_language(std::string_view language);

}  // namespace guichet::content::messages
