// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/keyboard.h"

namespace guichet::kiosk {
namespace {

using Rows = std::vector<std::vector<std::string>>;

const std::vector<KeyboardLayout>& layouts() {
    static const std::vector<KeyboardLayout> all = {
        {"es", Rows{{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
                    {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
                    {"a", "s", "d", "f", "g", "h", "j", "k", "l", "ñ"},
                    {"z", "x", "c", "v", "b", "n", "m"},
                    {"á", "é", "í", "ó", "ú", "ü"}}},
        {"en", Rows{{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
                    {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
                    {"a", "s", "d", "f", "g", "h", "j", "k", "l"},
                    {"z", "x", "c", "v", "b", "n", "m", "'", "-"}}},
        // AZERTY, as French speakers (and most Haitian keyboards) know it.
        {"fr", Rows{{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
                    {"a", "z", "e", "r", "t", "y", "u", "i", "o", "p"},
                    {"q", "s", "d", "f", "g", "h", "j", "k", "l", "m"},
                    {"w", "x", "c", "v", "b", "n", "'", "-"},
                    {"é", "è", "ê", "à", "â", "ç", "î", "ô", "ù", "œ"}}},
        {"pt", Rows{{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
                    {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
                    {"a", "s", "d", "f", "g", "h", "j", "k", "l", "ç"},
                    {"z", "x", "c", "v", "b", "n", "m", "-"},
                    {"á", "â", "ã", "à", "é", "ê", "í", "ó", "ô", "õ", "ú"}}},
        // Kreyòl writes è and ò (and à before n); AZERTY as on keyboards sold in Haiti.
        {"ht", Rows{{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
                    {"a", "z", "e", "r", "t", "y", "u", "i", "o", "p"},
                    {"q", "s", "d", "f", "g", "h", "j", "k", "l", "m"},
                    {"w", "x", "c", "v", "b", "n", "'", "-"},
                    {"è", "ò", "à", "é"}}},
        // The Arabic PC layout (as on keyboards sold across the Arab world), rows as the keys
        // stand from left to right — a keyboard is not mirrored in a right-to-left screen; the
        // hamza forms the layout puts under Shift get a row of their own. Search folds أ/إ/آ,
        // ى/ي and ة/ه, so a visitor who types the bare letter still finds the word.
        {"ar", Rows{{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
                    {"ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "د"},
                    {"ش", "س", "ي", "ب", "ل", "ا", "ت", "ن", "م", "ك", "ط"},
                    {"ئ", "ء", "ؤ", "ر", "لا", "ى", "ة", "و", "ز", "ظ"},
                    {"ذ", "أ", "إ", "آ"}}},
    };
    return all;
}

}  // namespace

const KeyboardLayout& keyboard_for(std::string_view language) {
    const std::string_view base = language.substr(0, language.find('-'));
    for (const KeyboardLayout& layout : layouts())
        if (layout.language == language || layout.language == base) return layout;
    return layouts()[1];
}

bool layout_has_key(const KeyboardLayout& layout, std::string_view utf8_key) {
    if (utf8_key == " ") return true;
    for (const auto& row : layout.rows)
        for (const std::string& key : row)
            if (key == utf8_key) return true;
    return false;
}

std::vector<std::string> split_code_points(std::string_view utf8) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < utf8.size()) {
        const unsigned char lead = static_cast<unsigned char>(utf8[i]);
        size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
        if (i + length > utf8.size()) length = utf8.size() - i;
        out.emplace_back(utf8.substr(i, length));
        i += length;
    }
    return out;
}

}  // namespace guichet::kiosk
