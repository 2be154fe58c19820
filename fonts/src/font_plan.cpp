// SPDX-License-Identifier: GPL-3.0-or-later
#include "fonts/font_plan.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <tuple>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "fonts/paragraph.h"

namespace guichet::fonts {
namespace {

constexpr std::string_view kBaseFamily = "NotoSans";

bool needs_no_glyph(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

// Lower is preferred: the base family; the Noto Sans UI faces (fonts-noto-ui-core: the same
// line height as NotoSans, so Arabic sits on a Latin line without making it taller, with every
// presentation form); the other Noto Sans per-script families; any other Noto family (serif,
// Naskh, Kufi, Looped...); then anything else installed.
int preference_tier(const std::string& family) {
    if (family == kBaseFamily) return 0;
    const bool noto_sans = family.rfind("NotoSans", 0) == 0;
    const bool variant = family.find("Display") != std::string::npos ||
                         family.find("Unjoined") != std::string::npos ||
                         family.find("Mono") != std::string::npos;
    const bool ui = family.size() > 2 && family.compare(family.size() - 2, 2, "UI") == 0;
    if (noto_sans && !variant && ui) return 1;
    if (noto_sans && !variant) return 2;
    if (family.rfind("Noto", 0) == 0) return 3;
    return 4;
}

std::optional<FontFile> style_file(const FontCatalog& catalog, const std::string& family,
                                   FontStyle style) {
    if (const FontFace* face = catalog.find(family, style)) {
        return FontFile{face->path, face->face_index, face->line_height_em};
    }
    return std::nullopt;
}

std::vector<CodePointRange> to_ranges(const std::vector<char32_t>& sorted) {
    std::vector<CodePointRange> ranges;
    for (char32_t c : sorted) {
        if (!ranges.empty() && ranges.back().last + 1 == c) {
            ranges.back().last = c;
        } else {
            ranges.push_back({c, c});
        }
    }
    return ranges;
}

}  // namespace

std::string describe(const UncoveredCodePoint& uncovered) {
    const char32_t c = uncovered.code_point;
    std::string text = format_code_point(c) + " " + encode_utf8(c);
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
    if (U_SUCCESS(status) && script != USCRIPT_COMMON && script != USCRIPT_INHERITED &&
        script != USCRIPT_UNKNOWN) {
        text += std::string(" (") + uscript_getName(script) + ")";
    }
    if (uncovered.reason == UncoveredCodePoint::Reason::beyond_16_bit) {
        return text + ": above U+FFFF, ImGui 1.86 cannot draw it (shown as U+FFFD)";
    }
    return text + ": no installed font covers it (shown as U+FFFD)";
}

FontPlan plan_fonts(const FontCatalog& catalog, const CodePointSet& needed,
                    const PlanOptions& options) {
    CodePointSet wanted = needed;
    if (options.always_include_basics) {
        wanted.add_range({0x20, 0x7E});
        wanted.add(0xFFFD);
        wanted.add(0x2026);
    }
    FontPlan plan;
    std::vector<char32_t> remaining;
    for (char32_t c : wanted.to_vector()) {
        if (needs_no_glyph(c)) continue;
        if (c > 0xFFFF) {
            plan.uncovered.push_back({c, UncoveredCodePoint::Reason::beyond_16_bit});
        } else {
            remaining.push_back(c);
        }
    }

    std::vector<const FontFace*> candidates;
    for (const auto& face : catalog.faces()) {
        if (face.style == FontStyle::regular) candidates.push_back(&face);
    }
    // Greedy cover by tier: within the most preferred tier that covers anything left, the face
    // that covers most of what is left (ties: family name), so each script gets one font.
    while (!remaining.empty()) {
        const FontFace* best = nullptr;
        std::size_t best_count = 0;
        for (int tier = 0; tier <= 4 && best == nullptr; ++tier) {
            for (const FontFace* face : candidates) {
                if (preference_tier(face->family) != tier) continue;
                const auto count = static_cast<std::size_t>(
                    std::count_if(remaining.begin(), remaining.end(),
                                  [face](char32_t c) { return face->covers(c); }));
                if (count > best_count) best = face, best_count = count;
            }
        }
        if (best == nullptr) break;
        std::vector<char32_t> taken, left;
        for (char32_t c : remaining) (best->covers(c) ? taken : left).push_back(c);
        remaining = std::move(left);
        candidates.erase(std::find(candidates.begin(), candidates.end(), best));

        PlannedFont font;
        font.family = best->family;
        font.regular = FontFile{best->path, best->face_index, best->line_height_em};
        font.bold = style_file(catalog, best->family, FontStyle::bold);
        font.italic = style_file(catalog, best->family, FontStyle::italic);
        font.code_point_count = taken.size();
        font.ranges = to_ranges(taken);
        plan.planned_code_points += taken.size();
        plan.fonts.push_back(std::move(font));
    }
    for (char32_t c : remaining) {
        plan.uncovered.push_back({c, UncoveredCodePoint::Reason::no_installed_font});
    }
    std::sort(plan.uncovered.begin(), plan.uncovered.end(),
              [](const auto& a, const auto& b) { return a.code_point < b.code_point; });
    return plan;
}

Result<std::vector<UncoveredCodePoint>> uncovered_code_points(std::string_view utf8_text,
                                                              const FontCatalog& catalog) {
    CodePointSet needed;
    if (auto added = needed.add_utf8(utf8_text); !added) return added.error();
    PlanOptions options;
    options.always_include_basics = false;
    return plan_fonts(catalog, needed, options).uncovered;
}

std::string summarize(const FontPlan& plan) {
    std::string out;
    for (const auto& font : plan.fonts) {
        out += font.regular.path.filename().string() + ": " +
               std::to_string(font.code_point_count) + " code points";
        if (font.bold) out += ", bold";
        if (font.italic) out += ", italic";
        out += " (";
        for (std::size_t i = 0; i < font.ranges.size() && i < 4; ++i) {
            const auto& r = font.ranges[i];
            out += (i ? " " : "") + format_code_point(r.first);
            if (r.last != r.first) out += "-" + format_code_point(r.last);
        }
        if (font.ranges.size() > 4) out += " ...";
        out += ")\n";
    }
    out += std::to_string(plan.planned_code_points) + " code points in " +
           std::to_string(plan.fonts.size()) + " fonts, " + std::to_string(plan.uncovered.size()) +
           " that cannot be drawn\n";
    return out;
}

std::vector<GlyphProblem> find_undrawable(const std::vector<NamedText>& texts,
                                          const FontCatalog& catalog) {
    std::vector<GlyphProblem> problems;
    // Line by line, so a bad byte or a missing glyph is reported where staff can find it.
    auto for_each_line = [](const std::string& text, auto&& visit) {
        std::istringstream lines(text);
        std::string line;
        for (int number = 1; std::getline(lines, line); ++number) visit(number, line);
    };
    CodePointSet all;
    for (const auto& input : texts)
        for_each_line(input.text, [&](int number, const std::string& line) {
            if (auto added = all.add_utf8(line); !added)
                problems.push_back({input.name, number, added.message(), true});
        });
    // A script that needs shaping ICU cannot do draws as unjoined, unordered letters even with
    // every glyph baked: say so where it is written.
    for (const auto& input : texts)
        for_each_line(input.text, [&](int number, const std::string& line) {
            if (auto script = unshaped_script(line))
                problems.push_back({input.name, number,
                                    *script + " text: the kiosk cannot shape this script (ICU "
                                              "shapes Arabic only; it would show unjoined "
                                              "letters in the wrong order)",
                                    false});
        });
    const FontPlan plan = plan_fonts(catalog, all);
    std::map<char32_t, const UncoveredCodePoint*> uncovered;
    for (const auto& u : plan.uncovered) uncovered[u.code_point] = &u;
    if (uncovered.empty()) {
        std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) {
            return std::tie(a.name, a.line) < std::tie(b.name, b.line);
        });
        return problems;
    }
    for (const auto& input : texts)
        for_each_line(input.text, [&](int number, const std::string& line) {
            auto decoded = decode_utf8(line);
            if (!decoded) return;
            CodePointSet reported;
            for (char32_t c : *decoded) {
                auto it = uncovered.find(c);
                if (it == uncovered.end() || reported.contains(c)) continue;
                reported.add(c);
                problems.push_back({input.name, number, describe(*it->second), false});
            }
        });
    std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) {
        return std::tie(a.name, a.line) < std::tie(b.name, b.line);
    });
    return problems;
}

}  // namespace guichet::fonts
