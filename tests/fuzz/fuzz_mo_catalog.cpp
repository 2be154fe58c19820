// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the .mo reader (platform/i18n.h): any bytes give a catalogue or an error naming the
// file, never a crash or a read past the end; a catalogue that parses answers lookups.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/i18n.h"

using namespace guichet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto catalog = i18n::Catalog::parse(bytes, "fuzz.mo");
    if (!catalog) {
        if (catalog.message().rfind("fuzz.mo: ", 0) != 0) __builtin_trap();
        return 0;
    }
    i18n::Translator translator;
    translator.add("xx", std::move(*catalog));
    const std::vector<std::string> chain = {"xx"};
    for (std::string_view probe : {"Save", "Back", "Delete", ""}) {
        const std::string_view text = translator.translate("back", probe, "yy-ZZ", chain);
        if (text.data() == nullptr && !probe.empty()) __builtin_trap();
        (void)translator.translate(probe, "xx");
    }
    return 0;
}
