// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's UI strings in English (the source language), each under the key screens pass to
// tr(). Private to kiosk/core: screens only ever see translated text through ui_strings.h.
#pragma once

#include <span>
#include <string_view>

namespace guichet::kiosk {

struct UiMessage {
    std::string_view key;      // the PO files' msgctxt
    std::string_view english;  // the PO files' msgid
};

std::span<const UiMessage> ui_messages();

}  // namespace guichet::kiosk
