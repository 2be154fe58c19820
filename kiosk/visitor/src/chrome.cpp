// SPDX-License-Identifier: GPL-3.0-or-later
// The visitor's chrome: the top bar, the idle countdown, and the "information unavailable" page.
#include <algorithm>
#include <cmath>
#include <string>

#include "kiosk/layout_rules.h"
#include "kiosk/speech.h"
#include "visitor/screens.h"
#include "widgets/icons.h"

namespace guichet::kiosk {
namespace {

float button_width(const Ui& ui, std::string_view label, bool with_icon) {
    ImFont* font = ui.theme.bold;
    const float text = text_size(font, font->FontSize, label).x;
    const float icon = with_icon ? std::min(ui.theme.button * 0.6f, font->FontSize * 1.5f) : 0;
    // An icon alone needs less margin than icon and words to read as a button.
    const float padding = label.empty() ? ui.theme.gap : ui.theme.gap * 2.2f;
    return std::max(ui.theme.target, text + icon + padding);
}

// A tool of the top bar: drawn on the bar, or in its "More" menu where the bar has no room.
struct MenuTool {
    const char* target;
    const char* icon;
    std::string label;
    ButtonLook look;
    Action action;
};

// The "More" menu: the folded tools one under the other, with icon and words, at least 9 mm
// high, below the More button (`at`: its start corner; `end_x`: its far edge) and kept on
// screen. A choice or a tap outside closes it.
void draw_toolbar_menu(const Ui& ui, const std::vector<MenuTool>& tools, ImVec2 at, float end_x) {
    const Theme& theme = ui.theme;
    if (dim_background(ui, "toolbar_menu_dim")) ui.act(action::ToolbarMenu{false});
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 pad = ImGui::GetStyle().WindowPadding;
    const float item_h = std::max(theme.target, theme.button);
    float item_w = theme.target * 3;
    for (const MenuTool& tool : tools)
        item_w = std::max(item_w, button_width(ui, tool.label, true));
    item_w = std::min(item_w, viewport->Size.x - theme.margin * 2 - pad.x * 2);
    const ImVec2 size(item_w + pad.x * 2, static_cast<float>(tools.size()) * (item_h + theme.gap) -
                                              theme.gap + pad.y * 2);
    // Its end edge on the More button's: the menu opens towards the middle of the screen.
    float x = ui.right_to_left ? at.x : end_x - size.x;
    x = std::max(viewport->Pos.x + theme.margin * 0.5f,
                 std::min(x, viewport->Pos.x + viewport->Size.x - theme.margin * 0.5f - size.x));
    const float y =
        std::max(viewport->Pos.y, std::min(at.y, viewport->Pos.y + viewport->Size.y - size.y));
    begin_dialog(ui, "toolbar_menu", ImVec2(x, y), size);
    const ImVec2 min = ImGui::GetWindowPos();
    ImGui::GetWindowDrawList()->AddRect(min, ImVec2(min.x + size.x, min.y + size.y),
                                        theme.palette.accent, theme.rounding, 0, 3.0f);
    for (size_t i = 0; i < tools.size(); ++i) {
        const MenuTool& tool = tools[i];
        ImGui::SetCursorScreenPos(
            ImVec2(min.x + pad.x, min.y + pad.y + static_cast<float>(i) * (item_h + theme.gap)));
        if (ui.touch.button(tool.target, tool.icon, tool.label, ImVec2(item_w, item_h),
                            tool.look)) {
            ui.act(tool.action);
            ui.act(action::ToolbarMenu{false});
        }
    }
    ImGui::End();
}

}  // namespace

float draw_top_bar(const Ui& ui, std::string_view title, std::string_view icon) {
    return draw_top_bar(ui, title, icon, {}, 0.2f);
}

float draw_top_bar(const Ui& ui, std::string_view title, std::string_view icon,
                   const TitleSlot& title_slot, float title_share) {
    const Theme& theme = ui.theme;
    const float start_y = ImGui::GetCursorPosY();
    float height = theme.button;
    float gap = theme.gap;
    const float full_width = ImGui::GetContentRegionAvail().x;

    std::vector<MenuTool> tools = {
        {"search", "search", std::string(ui.t("search")),
         ui.state.route.screen == Screen::search ? ButtonLook::selected : ButtonLook::normal,
         action::Open{{Screen::search, ""}}},
        {"large_text", "text_size", std::string(ui.t("larger_text")),
         ui.state.large_text ? ButtonLook::selected : ButtonLook::normal,
         action::ToggleLargeText{}},
        {"contrast", "contrast", std::string(ui.t("high_contrast")),
         ui.state.high_contrast ? ButtonLook::selected : ButtonLook::normal,
         action::ToggleHighContrast{}},
        {"language", "language", std::string(ui.t("language")), ButtonLook::normal,
         action::Open{{Screen::language, ""}}},
    };
    // On the search screen its field stands in the bar: a Search button beside it would only
    // take the field's room.
    if (ui.state.route.screen == Screen::search) tools.erase(tools.begin());
    // Read aloud: only where this screen has a voice in its language, and not while reading
    // (the listen bar at the bottom has the controls then).
    if (ui.listen.available && !ui.state.speech.reading)
        tools.insert(tools.begin(), MenuTool{"listen", "speaker", std::string(ui.t("listen")),
                                         ButtonLook::primary, action::Listen{}});
    const std::string back = std::string(ui.t("back")), home = std::string(ui.t("home"));
    const float icon_w = button_width(ui, "", true);
    // One row where it fits: Back, Home, the title (at least a fifth of the width) and the
    // tools, the tools' words going first, then Home's and Back's (layout_rules.h). Where even
    // icons leave the title too little room (800x480 in large text, portrait), the buttons
    // keep the first row and the title gets a row of its own below, wrapping, never cut; where
    // even the icons alone overflow that row (480 px in portrait, large text), the tools that
    // do not fit fold into a "More" menu at the end of the bar.
    std::vector<ToolbarItem> items = {{button_width(ui, back, true), icon_w, 5, true},
                                      {button_width(ui, home, true), icon_w, 4, true}};
    // Listen keeps its words as long as Home (a visitor who reads little looks for it), then
    // search and language; larger text and contrast are icons first.
    const auto keep = [](std::string_view target) {
        return target == "listen"     ? 4
               : target == "search"   ? 3
               : target == "language" ? 2
               : target == "contrast" ? 1
                                      : 0;
    };
    for (const MenuTool& tool : tools)
        items.push_back({button_width(ui, tool.label, true), icon_w, keep(tool.target)});
    // On a row of their own the buttons may narrow to the 9 mm target, their gaps to 1 mm,
    // before tools fold into the menu.
    const ToolbarLimits limits{theme.target, std::max(2.0f, std::round(theme.px_per_mm)), icon_w};
    const float title_min = full_width * title_share;
    ToolbarPlan plan = plan_toolbar(items, full_width - title_min - gap * 2, gap);
    bool two_rows = !plan.fits;
    if (two_rows) plan = plan_toolbar(items, full_width, gap, limits);
    const auto settle_plan = [&] {
        gap = plan.gap;
        height = plan.narrowed > 0 ? std::min(theme.button, plan.narrowed) : theme.button;
    };
    settle_plan();
    auto more_width = [&] { return plan.narrowed > 0 ? plan.narrowed : limits.more_width; };
    auto width_of = [&](size_t i) {
        if (plan.in_menu[i]) return 0.0f;
        if (plan.narrowed > 0) return plan.narrowed;
        return plan.with_words[i] ? items[i].full_width : items[i].icon_width;
    };
    auto words_of = [&](size_t i, std::string_view label) {
        return plan.with_words[i] ? label : std::string_view();
    };
    auto tools_width = [&] {
        float w = plan.has_menu() ? more_width() + gap : 0;
        for (size_t i = 0; i < tools.size(); ++i)
            if (!plan.in_menu[i + 2]) w += width_of(i + 2) + gap;
        return w;
    };

    // The title: one line of the title face, else up to two lines of bold body text beside the
    // buttons (the bar grows to hold them); longer, it takes a row of its own below the buttons
    // and wraps as far as it needs. It is never cut.
    const float icon_room = icon.empty() ? 0 : theme.title->FontSize * 1.1f + gap * 0.6f;
    struct TitleFit {
        ImFont* font;
        TextStyle style;
        float h;
        bool word_broken = false;  // a word wider than the room, broken inside it
    };
    auto fit_title = [&](float room) {
        TitleFit fit{theme.title, {}, theme.title->FontSize};
        fit.style.box_width = room;
        if (text_size(theme.title, theme.title->FontSize, title).x <= room) return fit;
        fit.font = theme.bold;
        fit.style.wrap = room;
        fit.h = text_size(fit.font, fit.font->FontSize, title, fit.style).y;
        for (size_t from = 0; from < title.size() && !fit.word_broken;) {
            const size_t to = std::min(title.find(' ', from), title.size());
            fit.word_broken =
                text_size(fit.font, fit.font->FontSize, title.substr(from, to - from)).x > room;
            from = to + 1;
        }
        return fit;
    };
    auto beside_room = [&] {
        return std::max(
            0.0f, full_width - width_of(0) - width_of(1) - gap * 4 - tools_width() - icon_room);
    };
    // Beside the buttons only where it takes at most two lines and breaks no word ("حقوقك"
    // split in two at 800x480 in large text).
    const auto beside_fit = [&] {
        const TitleFit fit = fit_title(beside_room());
        return fit.h <= theme.bold->FontSize * 2.6f && !fit.word_broken;
    };
    if (!two_rows && !title_slot && !beside_fit()) {
        two_rows = true;
        plan = plan_toolbar(items, full_width, theme.gap, limits);
        settle_plan();
    }
    const float back_w = width_of(0), home_w = width_of(1);
    const float tools_w = tools_width();
    const TitleFit title_fit = fit_title(two_rows ? full_width - icon_room : beside_room());
    // The first row: the buttons, centred on a title that takes two lines beside them.
    const float row_h = two_rows || title_slot ? height : std::max(height, title_fit.h);
    const float button_dy = (row_h - height) / 2;

    // Every place is an offset from the start edge, turned into x by ui.start_x: Back is at
    // the left of a left-to-right screen and at the right of a right-to-left one.
    const float left = ImGui::GetCursorScreenPos().x;
    const float top = ImGui::GetCursorScreenPos().y;
    const float width = full_width;
    auto place = [&](float offset, float w, float y) {
        ImGui::SetCursorScreenPos(ImVec2(ui.start_x(left, width, w, offset), y));
    };
    place(0, back_w, top + button_dy);
    if (ui.touch.button("back", "back", words_of(0, back), ImVec2(back_w, height),
                        ButtonLook::normal))
        ui.act(action::Back{});
    place(back_w + gap, home_w, top + button_dy);
    const bool at_home = ui.state.route.screen == Screen::home;
    if (ui.touch.button("home", "home", words_of(1, home), ImVec2(home_w, height),
                        at_home ? ButtonLook::selected : ButtonLook::normal))
        ui.act(action::Home{});

    const float title_start = two_rows ? 0 : back_w + home_w + gap * 3;
    const float title_end = width - tools_w;
    // Where each tool goes: at the end of the first row, after Home at the least; a screen too
    // narrow even for their icons (480 px in portrait) wraps them to rows of their own, and
    // the title goes below the last.
    struct Place {
        float offset, y;
    };
    std::vector<Place> tool_places;
    Place more_place{0, 0};
    float tools_bottom = top + button_dy + height;
    {
        float offset = std::max(title_end + gap, back_w + home_w + gap * 2);
        float y = top + button_dy;
        auto next = [&](float w) {
            if (offset > 0 && offset + w > width + 1) offset = 0, y += height + gap;
            const Place at{offset, y};
            offset += w + gap;
            tools_bottom = y + height;
            return at;
        };
        for (size_t i = 0; i < tools.size(); ++i)
            tool_places.push_back(plan.in_menu[i + 2] ? Place{0, 0} : next(width_of(i + 2)));
        if (plan.has_menu()) more_place = next(more_width());
    }
    float title_bottom = top + row_h;
    {
        const float title_top = two_rows ? tools_bottom + gap : top;
        ImDrawList* draw = ImGui::GetWindowDrawList();
        if (title_slot) {
            // The screen draws its own thing where the title goes (search: the field).
            const float room = std::max(0.0f, (two_rows ? width : title_end - gap) - title_start);
            const float x = ui.start_x(left, width, room, title_start);
            title_slot(ImVec2(x, title_top), ImVec2(x + room, title_top + height));
            if (two_rows) title_bottom = title_top + height;
        } else {
            const float title_row_h = two_rows ? std::max(height, title_fit.h) : row_h;
            float offset = title_start;
            if (!icon.empty()) {
                const float icon_size = theme.title->FontSize * 1.1f;
                draw_icon(draw, icon,
                          ImVec2(ui.start_x(left, width, icon_size, offset) + icon_size / 2,
                                 title_top + title_row_h / 2),
                          icon_size, theme.palette.accent);
                offset += icon_room;
            }
            const float room = title_fit.style.box_width;
            draw_text(draw, title_fit.font, title_fit.font->FontSize,
                      ImVec2(ui.start_x(left, width, room, offset),
                             title_top + (title_row_h - title_fit.h) / 2),
                      theme.palette.text, title, title_fit.style);
            if (two_rows) title_bottom = title_top + title_row_h;
        }
    }
    for (size_t i = 0; i < tools.size(); ++i) {
        const MenuTool& tool = tools[i];
        if (plan.in_menu[i + 2]) continue;
        const float w = width_of(i + 2);
        place(tool_places[i].offset, w, tool_places[i].y);
        if (ui.touch.button(tool.target, tool.icon, words_of(i + 2, tool.label), ImVec2(w, height),
                            tool.look))
            ui.act(tool.action);
    }
    if (plan.has_menu()) {
        const float more_w = more_width();
        place(more_place.offset, more_w, more_place.y);
        const bool open = ui.state.toolbar_menu_open;
        if (ui.touch.button("more", "more", "", ImVec2(more_w, height),
                            open ? ButtonLook::selected : ButtonLook::normal))
            ui.act(action::ToolbarMenu{!open});
        std::vector<MenuTool> folded;
        for (size_t i = 0; i < tools.size(); ++i)
            if (plan.in_menu[i + 2])
                folded.push_back(tools[i]);
        // Under the More button, its end edge on the bar's (the left, in Arabic).
        const float more_x = ui.start_x(left, width, more_w, more_place.offset);
        if (open) {
            draw_toolbar_menu(ui, folded, ImVec2(more_x, more_place.y + height + gap * 0.5f),
                              more_x + more_w);
        } else {
            for (const MenuTool& tool : folded) ui.touch.add_folded(tool.target, "more");
        }
    }
    ImGui::SetCursorScreenPos(
        ImVec2(left, std::max(tools_bottom, title_bottom) + ImGui::GetStyle().ItemSpacing.y));
    const float bottom = ImGui::GetCursorPosY();
    end_bar(ui);
    return bottom - start_y;
}

namespace {

// The caption's lines: the sentence heard, wrapped, up to 3 lines on a landscape screen and 5
// on a portrait one (a longer sentence shows its start).
float caption_height(const Ui& ui, float width) {
    const Theme& theme = ui.theme;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float line = theme.body->FontSize * 1.25f;
    const float most = line * (viewport->Size.y > viewport->Size.x ? 5 : 3);
    TextStyle style;
    style.wrap = width;
    const float text = text_size(theme.body, theme.body->FontSize, ui.listen.caption, style).y;
    return std::clamp(text + theme.body->FontSize * 0.5f, line + theme.body->FontSize * 0.5f,
                      most + theme.body->FontSize * 0.5f);
}

}  // namespace

float listen_bar_height(const Ui& ui) {
    if (!ui.state.speech.reading) return 0;
    const Theme& theme = ui.theme;
    const float width = ImGui::GetMainViewport()->Size.x - theme.margin * 2;
    return caption_height(ui, width) + theme.button + theme.gap * 2.5f;
}

void draw_listen_bar(const Ui& ui) {
    const float height = listen_bar_height(ui);
    if (height <= 0) return;
    const Theme& theme = ui.theme;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float width = viewport->Size.x;
    // The top of the space reserved at the bottom; the alerts' banner (if any) is under it.
    const ImVec2 min(viewport->Pos.x, viewport->Pos.y + viewport->Size.y - ui.bottom_reserved);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    begin_dialog(ui, "listen_bar", min, ImVec2(width, height));
    ImGui::PopStyleVar(2);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddLine(min, ImVec2(min.x + width, min.y), theme.palette.accent, 3.0f);
    // The line heard now, on the accent colour: the highlight, always in view in the bar.
    const float pad = theme.margin;
    const float caption_h = caption_height(ui, width - pad * 2);
    const ImVec2 cmin(min.x + pad * 0.5f, min.y + theme.gap * 0.5f);
    const ImVec2 cmax(min.x + width - pad * 0.5f, cmin.y + caption_h);
    draw->AddRectFilled(cmin, cmax, theme.palette.surface_pressed, theme.rounding);
    draw->PushClipRect(cmin, cmax, true);
    const std::string caption =
        ui.listen.problem.empty() ? ui.listen.caption : std::string(ui.t("listen_no_sound"));
    TextStyle style;
    style.wrap = width - pad * 2;
    style.box_width = style.wrap;
    style.align = TextAlign::start;
    draw_text(draw, theme.body, theme.body->FontSize,
              ImVec2(min.x + pad, cmin.y + theme.body->FontSize * 0.2f), theme.palette.text,
              caption, style);
    draw->PopClipRect();

    struct Control {
        const char* target;
        const char* icon;
        std::string label;
        Action action;
        bool enabled;
    };
    const SpeechState& speech = ui.state.speech;
    const std::vector<Control> controls = {
        {"listen.pause", speech.paused ? "play" : "pause",
         std::string(ui.t(speech.paused ? "listen_resume" : "listen_pause")), action::ListenPause{},
         true},
        {"listen.stop", "stop", std::string(ui.t("listen_stop")), action::ListenStop{}, true},
        {"listen.quieter", "quieter", std::string(ui.t("listen_quieter")), action::ListenVolume{-1},
         speech.volume_step > kVolumeMinStep},
        {"listen.louder", "louder", std::string(ui.t("listen_louder")), action::ListenVolume{1},
         speech.volume_step < kVolumeMaxStep},
    };
    // Four equal buttons across the bar; a word that does not fit drops to its icon alone.
    const float each = (width - pad - theme.gap * 3) / controls.size();
    const float y = cmax.y + theme.gap;
    float offset = pad * 0.5f;
    for (const Control& control : controls) {
        ImGui::SetCursorScreenPos(ImVec2(ui.start_x(min.x, width, each, offset), y));
        const bool fits = button_width(ui, control.label, true) <= each;
        if (ui.touch.button(control.target, control.icon, fits ? control.label : "",
                            ImVec2(each, theme.button),
                            control.enabled ? ButtonLook::normal : ButtonLook::quiet) &&
            control.enabled)
            ui.act(control.action);
        offset += each + theme.gap;
    }
    ImGui::End();
}

void draw_idle_countdown(const Ui& ui, int seconds_left) {
    const Theme& theme = ui.theme;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    // Touching anywhere continues the visit (every input restarts the idle timer).
    dim_background(ui, "idle_dim");
    const float width = std::min(viewport->Size.x * 0.8f, theme.body->FontSize * 32);
    const float height = theme.button * 4.2f;
    begin_dialog(ui, "idle",
                 ImVec2(viewport->Pos.x + (viewport->Size.x - width) / 2,
                        viewport->Pos.y + (viewport->Size.y - height) / 2),
                 ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 min = ImGui::GetWindowPos();
    draw->AddRect(min, ImVec2(min.x + width, min.y + height), theme.palette.accent, theme.rounding,
                  0, 4.0f);
    // The number itself, large, in a ring: the countdown is visible at a glance.
    const float ring = theme.button * 0.9f;
    const float text_width = width - ring * 2 - theme.margin * 2;
    // The ring at the end edge, the words at the start (the right, in Arabic).
    if (ui.right_to_left) ImGui::Indent(ring * 2);
    wrapped_text(theme.title, theme.palette.text, ui.t("still_there"), text_width);
    wrapped_text(theme.body, theme.palette.text,
                 format1(ui.t("idle_countdown"), std::to_string(seconds_left)), text_width);
    const ImVec2 center(ui.end_x(min.x, width, ring * 2, theme.margin) + ring,
                        min.y + theme.margin + ring * 0.8f);
    draw->AddCircle(center, ring * 0.75f, theme.palette.border, 48, 5.0f);
    const std::string number = std::to_string(seconds_left);
    const ImVec2 number_size = text_size(theme.huge, theme.huge_px, number);
    draw_text(draw, theme.huge, theme.huge_px,
              ImVec2(center.x - number_size.x / 2, center.y - number_size.y / 2),
              theme.palette.text, number);
    if (ui.right_to_left) ImGui::Unindent(ring * 2);
    ImGui::SetCursorPosY(height - theme.button - theme.margin * 0.6f);
    if (ui.touch.button("continue", "hand", ui.t("continue"),
                        ImVec2(ImGui::GetContentRegionAvail().x, theme.button),
                        ButtonLook::primary)) {
        // Any touch already restarted the idle timer; the button gives it an obvious place.
    }
    ImGui::End();
}

void draw_unavailable(const Ui& ui) {
    begin_screen(ui, "unavailable");
    // Back and Home stay, so even a missing item is no dead end.
    draw_top_bar(ui, "", "about");
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() * 0.4f);
    wrapped_text(ui.theme.title, ui.theme.palette.text, ui.t("content_unavailable"));
    end_screen();
}

}  // namespace guichet::kiosk
