// SPDX-License-Identifier: GPL-3.0-or-later
#include "fonts/bidi.h"

#include <unicode/uchar.h>

#include "fonts/paragraph.h"

namespace guichet::fonts {

bool needs_bidi(std::string_view utf8_line) {
    return has_right_to_left(utf8_line);
}

Result<DisplayLine> shape_for_display(std::string_view utf8_line) {
    auto lines = layout_text(utf8_line, AdvanceFunction{});
    if (!lines) return lines.error();
    DisplayLine out;
    for (const TextLine& line : *lines) {
        if (!out.visual.empty()) out.visual += '\n';
        out.visual += line.visual();
        out.right_to_left = out.right_to_left || line.right_to_left;
    }
    return out;
}

Result<void> add_display_text(CodePointSet& set, std::string_view utf8_text) {
    if (auto added = set.add_utf8(utf8_text); !added) return added;
    if (!has_right_to_left(utf8_text)) return {};
    auto lines = layout_text(utf8_text, AdvanceFunction{});
    if (!lines) return lines.error();
    for (const TextLine& line : *lines) {
        for (const VisualRun& run : line.runs) {
            auto decoded = decode_utf8(run.text);
            if (!decoded) return decoded.error();
            for (char32_t c : *decoded) {
                set.add(c);
                // A mirrored bracket may be drawn either way round, depending on the line.
                if (u_isMirrored(static_cast<UChar32>(c)))
                    set.add(static_cast<char32_t>(u_charMirror(static_cast<UChar32>(c))));
            }
        }
    }
    return {};
}

}  // namespace guichet::fonts
