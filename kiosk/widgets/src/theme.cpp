// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/theme.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "fonts/bidi.h"
#include "platform/log.h"
#include "widgets/text.h"

namespace guichet::kiosk {
namespace {

// Body text height: 6.5 mm on the real screen reads at arm's length, and never less than
// 1/40 of the screen height, so a large low-DPI screen is not filled with tiny text.
float body_px(float px_per_mm, int screen_height, float scale) {
    return std::round(std::max(6.5f * px_per_mm, screen_height / 40.0f) * scale);
}

}  // namespace

void update_theme(Theme& theme, float dpi, int screen_height, bool large_text, bool high_contrast) {
    theme.dpi = dpi;
    theme.px_per_mm = dpi / 25.4f;
    theme.text_scale = large_text ? kLargeTextFactor : 1.0f;
    const float body = body_px(theme.px_per_mm, screen_height, theme.text_scale);
    theme.screen_height = screen_height;
    theme.body_px = body;
    theme.target = std::ceil(9.0f * theme.px_per_mm);
    // A button is a little over two lines of its text tall, but on a short screen (800x480 in
    // large text) never more than a seventh of the height, so a bar and a keyboard leave room
    // for what they serve; never under the 9 mm target either way.
    theme.button = std::clamp(std::round(body * 2.2f), theme.target,
                              std::max(theme.target, std::round(screen_height / 7.0f)));
    theme.gap = std::max(std::round(2.0f * theme.px_per_mm), std::round(body * 0.5f));
    theme.margin = std::round(body * 0.9f);
    theme.rounding = std::round(body * 0.4f);
    theme.high_contrast = high_contrast;
    if (high_contrast) {
        // Pure black and white with yellow: 21:1 text contrast, focus and press by outline too.
        theme.palette = {
            IM_COL32(0, 0, 0, 255),       IM_COL32(0, 0, 0, 255),       IM_COL32(70, 70, 0, 255),
            IM_COL32(255, 255, 255, 255), IM_COL32(255, 255, 255, 255), IM_COL32(255, 230, 0, 255),
            IM_COL32(0, 0, 0, 255),       IM_COL32(255, 255, 255, 255), IM_COL32(255, 230, 0, 255),
            IM_COL32(255, 230, 0, 255),   IM_COL32(255, 230, 0, 255)};
    } else {
        theme.palette = {IM_COL32(244, 241, 234, 255), IM_COL32(255, 255, 255, 255),
                         IM_COL32(214, 228, 240, 255), IM_COL32(28, 32, 38, 255),
                         IM_COL32(78, 84, 94, 255),    IM_COL32(0, 84, 147, 255),
                         IM_COL32(255, 255, 255, 255), IM_COL32(190, 184, 172, 255),
                         IM_COL32(255, 214, 102, 255), IM_COL32(170, 60, 0, 255),
                         IM_COL32(0, 84, 147, 255)};
    }
}

bool need_text(FontSystem& fonts, std::string_view text) {
    const std::size_t before = fonts.needed.size();
    // Bad UTF-8 in a text adds nothing; the content compiler rejects it before it gets here.
    // Right-to-left lines add the presentation forms they are drawn with.
    (void)fonts::add_display_text(fonts.needed, text);
    return fonts.needed.size() != before;
}

bool build_fonts(Theme& theme, FontSystem& fonts, int screen_height) {
    ImGuiIO& io = ImGui::GetIO();
    const float body = body_px(theme.px_per_mm, screen_height, theme.text_scale);
    theme.huge_px = std::round(body * 2.2f);
    if (!fonts.catalog) {
        auto catalog = fonts::FontCatalog::scan_installed();
        if (catalog)
            fonts.catalog = std::move(*catalog);
        else
            fonts.last_error = catalog.message();
    }
    fonts.built_with = fonts.needed.size();
    // Laid-out texts hold widths of the fonts this build replaces.
    clear_text_cache();
    if (fonts.catalog) {
        const fonts::FontPlan plan = fonts::plan_fonts(*fonts.catalog, fonts.needed);
        // Content text no installed font can draw shows as U+FFFD; say which, once per build.
        if (!plan.uncovered.empty()) {
            std::string which;
            for (size_t i = 0; i < plan.uncovered.size() && i < 5; ++i)
                which += (i ? "; " : "") + fonts::describe(plan.uncovered[i]);
            log::warn("fonts", std::to_string(plan.uncovered.size()) +
                                   " characters have no glyph: " + which);
        }
        auto built = fonts.atlas.build(*io.Fonts, plan, {body, std::round(body * 1.45f)});
        if (built) {
            theme.body = built->regular;
            theme.bold = built->bold;
            theme.title = built->large_bold;
            theme.huge = built->large_bold;
            io.FontDefault = theme.body;
            return true;
        }
        fonts.last_error = built.message();
    }
    io.Fonts->Clear();
    ImFontConfig fallback;
    fallback.SizePixels = body;
    theme.body = theme.bold = theme.title = theme.huge = io.Fonts->AddFontDefault(&fallback);
    io.Fonts->Build();
    io.FontDefault = theme.body;
    return false;
}

void apply_style(const Theme& theme) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(theme.margin, theme.margin * 0.6f);
    style.ItemSpacing = ImVec2(theme.gap, theme.gap * 0.6f);
    style.FrameRounding = theme.rounding;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.FramePadding = ImVec2(theme.gap, theme.gap * 0.5f);
    style.TouchExtraPadding = ImVec2(0, 0);
    const ImVec4 background = ImGui::ColorConvertU32ToFloat4(theme.palette.background);
    const ImVec4 text = ImGui::ColorConvertU32ToFloat4(theme.palette.text);
    style.Colors[ImGuiCol_WindowBg] = background;
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    style.Colors[ImGuiCol_PopupBg] = ImGui::ColorConvertU32ToFloat4(theme.palette.surface);
    style.Colors[ImGuiCol_Text] = text;
    style.Colors[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.55f);
}

}  // namespace guichet::kiosk
