// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/text.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <unordered_map>
#include <vector>

#include "fonts/paragraph.h"

namespace guichet::kiosk {
namespace {

struct Laid {
    std::vector<fonts::TextLine> lines;
    float width = 0;
    int last_frame = 0;
};

struct Key {
    std::string text;
    const ImFont* font;
    float size;
    float wrap;
    bool operator==(const Key&) const = default;
};

struct KeyHash {
    std::size_t operator()(const Key& k) const {
        std::size_t h = std::hash<std::string>()(k.text);
        auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
        mix(std::hash<const void*>()(k.font));
        mix(std::hash<float>()(k.size));
        mix(std::hash<float>()(k.wrap));
        return h;
    }
};

// A screen shows a few hundred texts; a long list scrolled through a few thousand. Past that,
// texts not drawn for two seconds go.
constexpr std::size_t kCacheLimit = 4096;
constexpr int kStaleFrames = 120;

std::unordered_map<Key, Laid, KeyHash>& cache() {
    static std::unordered_map<Key, Laid, KeyHash> entries;
    return entries;
}

int frame_number() {
    return ImGui::GetCurrentContext() ? ImGui::GetFrameCount() : 0;
}

const Laid& laid_out(ImFont* font, float size, std::string_view text, float wrap) {
    auto& entries = cache();
    Key key{std::string(text), font, size, wrap};
    auto it = entries.find(key);
    if (it == entries.end()) {
        if (entries.size() >= kCacheLimit) {
            const int now = frame_number();
            std::erase_if(entries,
                          [now](const auto& e) { return e.second.last_frame < now - kStaleFrames; });
            if (entries.size() >= kCacheLimit) entries.clear();
        }
        Laid laid;
        const float scale = size / font->FontSize;
        fonts::LayoutOptions options;
        options.wrap_width = wrap;
        auto lines = fonts::layout_text(
            text,
            [font, scale](char32_t c, std::size_t) {
                return font->GetCharAdvance(static_cast<ImWchar>(c > 0xFFFF ? 0xFFFD : c)) * scale;
            },
            options);
        if (lines) {
            laid.lines = std::move(*lines);
        } else {
            // Bad UTF-8 never reaches a screen (the compiler refuses it); draw it as ImGui would.
            fonts::TextLine line;
            line.runs.push_back({std::string(text), 0, text.size(), false, 0,
                                 font->CalcTextSizeA(size, FLT_MAX, 0, text.data(),
                                                     text.data() + text.size())
                                     .x});
            line.width = line.runs.back().width;
            laid.lines.push_back(std::move(line));
        }
        for (const auto& line : laid.lines) laid.width = std::max(laid.width, line.width);
        it = entries.emplace(std::move(key), std::move(laid)).first;
    }
    it->second.last_frame = frame_number();
    return it->second;
}

// Left-to-right lines as ImGui wraps them (at spaces, "\n" ending a paragraph): start and end
// of each, and its width.
struct PlainLine {
    const char* begin;
    const char* end;
    float width;
};

std::vector<PlainLine> plain_lines(ImFont* font, float size, std::string_view text, float wrap) {
    std::vector<PlainLine> lines;
    const char* p = text.data();
    const char* const end = p + text.size();
    const float scale = size / font->FontSize;
    while (true) {
        const char* paragraph_end = std::find(p, end, '\n');
        const char* line = p;
        do {
            const char* line_end =
                wrap > 0 ? font->CalcWordWrapPositionA(scale, line, paragraph_end, wrap)
                         : paragraph_end;
            if (line_end == line && line < paragraph_end) ++line_end;
            const char* shown_end = line_end;
            while (shown_end > line && shown_end[-1] == ' ') --shown_end;
            lines.push_back(
                {line, shown_end, font->CalcTextSizeA(size, FLT_MAX, 0, line, shown_end).x});
            line = line_end;
            while (line < paragraph_end && *line == ' ') ++line;
        } while (line < paragraph_end);
        if (paragraph_end == end) break;
        p = paragraph_end + 1;
    }
    return lines;
}

float aligned_x(const TextStyle& style, float box, float line_width, bool line_rtl) {
    bool right = false;
    switch (style.align) {
        case TextAlign::start: right = style.right_to_left; break;
        case TextAlign::end: right = !style.right_to_left; break;
        case TextAlign::natural: right = line_rtl; break;
        case TextAlign::center: return std::round((box - line_width) / 2);
    }
    return right ? box - line_width : 0.0f;
}

bool g_right_to_left = false;

}  // namespace

void set_reading_right_to_left(bool right_to_left) {
    g_right_to_left = right_to_left;
}

bool reading_right_to_left() {
    return g_right_to_left;
}

bool needs_layout(std::string_view text) {
    // Right-to-left letters: U+0590-U+08FF (lead bytes D6-DF, E0 A0-A3), U+FB1D-U+FEFF (EF AC-BB),
    // and above the BMP (F0 90 A0.., F0 9E..). Anything else draws as ImGui draws it.
    const auto* b = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char c = b[i];
        if (c < 0xD6) continue;
        if (c <= 0xDF) return fonts::has_right_to_left(text);
        if (i + 1 < n && ((c == 0xE0 && b[i + 1] >= 0xA0 && b[i + 1] <= 0xA3) ||
                          (c == 0xEF && b[i + 1] >= 0xAC && b[i + 1] <= 0xBB) ||
                          (c == 0xF0 && (b[i + 1] == 0x90 || b[i + 1] == 0x9E))))
            return fonts::has_right_to_left(text);
    }
    return false;
}

ImVec2 text_size(ImFont* font, float size, std::string_view text, const TextStyle& style) {
    const float line_height = size * style.line_spacing;
    if (needs_layout(text)) {
        const Laid& laid = laid_out(font, size, text, style.wrap);
        return ImVec2(laid.width, line_height * static_cast<float>(laid.lines.size()));
    }
    const auto lines = plain_lines(font, size, text, style.wrap);
    float width = 0;
    for (const auto& line : lines) width = std::max(width, line.width);
    return ImVec2(width, line_height * static_cast<float>(lines.size()));
}

float draw_text(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, ImU32 color,
                std::string_view text, const TextStyle& style) {
    const float line_height = size * style.line_spacing;
    float y = pos.y;
    if (needs_layout(text)) {
        const Laid& laid = laid_out(font, size, text, style.wrap);
        const float box = style.box_width > 0 ? style.box_width
                          : style.wrap > 0    ? style.wrap
                                              : laid.width;
        for (const fonts::TextLine& line : laid.lines) {
            const float x = pos.x + aligned_x(style, box, line.width, line.right_to_left);
            for (const fonts::VisualRun& run : line.runs)
                draw->AddText(font, size, ImVec2(std::round(x + run.x), y), color,
                              run.text.data(), run.text.data() + run.text.size());
            y += line_height;
        }
        return y - pos.y;
    }
    const auto lines = plain_lines(font, size, text, style.wrap);
    float widest = 0;
    for (const auto& line : lines) widest = std::max(widest, line.width);
    const float box = style.box_width > 0 ? style.box_width : style.wrap > 0 ? style.wrap : widest;
    for (const auto& line : lines) {
        const float x = pos.x + aligned_x(style, box, line.width, false);
        draw->AddText(font, size, ImVec2(std::round(x), y), color, line.begin, line.end);
        y += line_height;
    }
    return y - pos.y;
}

namespace {
std::vector<std::string>& cut_list() {
    static std::vector<std::string> cut;
    return cut;
}
}  // namespace

void report_cut_text(std::string_view text) {
    // A few dozen at most a frame; more would only repeat the same fault.
    if (cut_list().size() < 64) cut_list().emplace_back(text);
}
void clear_cut_texts() {
    cut_list().clear();
}
const std::vector<std::string>& cut_texts() {
    return cut_list();
}

std::string fit_text(ImFont* font, std::string_view text, float width) {
    std::string fitted = excerpt_text(font, text, width);
    if (fitted.size() != text.size() || fitted != text) report_cut_text(text);
    return fitted;
}

std::string excerpt_text(ImFont* font, std::string_view text, float width) {
    const TextStyle plain;
    if (text_size(font, font->FontSize, text, plain).x <= width) return std::string(text);
    const std::string ellipsis = "…";
    const float room = std::max(0.0f, width - text_size(font, font->FontSize, ellipsis).x);
    std::size_t end = 0;
    if (needs_layout(text)) {
        // The first line of the text wrapped to the room left beside the ellipsis (whole words
        // when they fit, shaped widths): its logical end is where the text is cut.
        const Laid& laid = laid_out(font, font->FontSize, text, std::max(room, 1.0f));
        if (!laid.lines.empty()) end = laid.lines.front().source_end;
    } else {
        // ImGui stops measuring at `room` on a code point boundary: one pass per row, which
        // matters for lists redrawn every frame while scrolling.
        const char* stop = text.data();
        font->CalcTextSizeA(font->FontSize, room, 0, text.data(), text.data() + text.size(), &stop);
        end = static_cast<std::size_t>(stop - text.data());
        // Step back to a word end when one is near.
        const std::size_t space = text.rfind(' ', end);
        if (space != std::string_view::npos && space > end * 3 / 4) end = space;
    }
    while (end > 0 && text[end - 1] == ' ') --end;
    return std::string(text.substr(0, end)) + ellipsis;
}

void clear_text_cache() {
    cache().clear();
}

std::size_t text_cache_size() {
    return cache().size();
}

}  // namespace guichet::kiosk
