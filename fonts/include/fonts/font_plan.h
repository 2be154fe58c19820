// SPDX-License-Identifier: GPL-3.0-or-later
// The font plan: from the code points the UI strings and the current content use, which font
// files the atlas merges (NotoSans first, then one font per further script) and which code
// points each contributes; plus every code point that cannot be drawn, and why.
//
// What ImGui 1.86's 16-bit ImWchar leaves out: every code point above U+FFFF — emoji
// (U+1F300...), CJK Extension B and later (U+20000...), mathematical alphanumerics
// (U+1D400...), historic scripts (Gothic, Cuneiform, Egyptian hieroglyphs, Adlam...). ImGui
// decodes such a character to U+FFFD, so the plan reports them (reason beyond_16_bit) and
// bakes U+FFFD: they show as the replacement mark, never as nothing. BMP characters that no
// installed font covers are reported (reason no_installed_font) and show as U+FFFD too.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fonts/code_points.h"
#include "fonts/font_catalog.h"
#include "platform/result.h"

namespace guichet::fonts {

struct FontFile {
    std::filesystem::path path;
    int face_index = 0;
    float line_height_em = 1.0f;  // see FontFace
};

struct PlannedFont {
    std::string family;  // "NotoSans", "NotoSansArabic"
    FontFile regular;
    // Same family in another style when installed; the atlas falls back to regular.
    std::optional<FontFile> bold;
    std::optional<FontFile> italic;
    std::vector<CodePointRange> ranges;  // the code points this font contributes
    std::size_t code_point_count = 0;
};

struct UncoveredCodePoint {
    enum class Reason { no_installed_font, beyond_16_bit };
    char32_t code_point = 0;
    Reason reason = Reason::no_installed_font;
};

// "U+1F600 😀: above U+FFFF, ImGui 1.86 cannot draw it (shown as U+FFFD)".
std::string describe(const UncoveredCodePoint& uncovered);

struct FontPlan {
    std::vector<PlannedFont> fonts;  // merge order
    std::vector<UncoveredCodePoint> uncovered;
    std::size_t planned_code_points = 0;
};

struct PlanOptions {
    // Printable ASCII, U+FFFD (ImGui's fallback glyph) and U+2026 (its ellipsis) are always
    // planned, so labels typed at run time and ImGui's own marks always draw.
    bool always_include_basics = true;
};

// Control characters (C0, DEL, C1) need no glyph and are ignored.
FontPlan plan_fonts(const FontCatalog& catalog, const CodePointSet& needed,
                    const PlanOptions& options = {});

// guichet-content's glyph check: the characters of this text that no installed font can
// draw, each once, ascending. Invalid UTF-8 is an error ("byte N: ...").
Result<std::vector<UncoveredCodePoint>> uncovered_code_points(std::string_view utf8_text,
                                                              const FontCatalog& catalog);

// Where in a set of named texts (files) characters cannot be drawn: one entry per line and
// character, and one per line written in a script the kiosk cannot shape (Devanagari, Syriac,
// Myanmar...: fonts/paragraph.h's unshaped_script), by name then line. Used by guichet-glyphs
// and by guichet-content's check.
struct NamedText {
    std::string name;  // shown in messages, e.g. "articles/rights.ht.md"
    std::string text;  // UTF-8
};
struct GlyphProblem {
    std::string name;
    int line = 0;         // 1-based
    std::string message;  // describe() of the character, or the UTF-8 error
    bool invalid_utf8 = false;
    std::string to_string() const { return name + ":" + std::to_string(line) + ": " + message; }
};
std::vector<GlyphProblem> find_undrawable(const std::vector<NamedText>& texts,
                                          const FontCatalog& catalog);

// One line per planned font: "NotoSansArabic-Regular.ttf: 112 code points (U+0600-U+06FF ...)".
std::string summarize(const FontPlan& plan);

}  // namespace guichet::fonts
