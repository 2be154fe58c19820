// SPDX-License-Identifier: GPL-3.0-or-later
// The notice editor: title and text per language on the on-screen keyboard, the first and
// last day on a calendar, the days of the week and the times of day (a clock face of hours
// and quarters), and Pin to home.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "fonts/paragraph.h"
#include "staff_pages.h"
#include "widgets/icons.h"
#include "widgets/keyboard_view.h"

namespace guichet::kiosk::staff_pages {

void draw_date_picker(const Ui& ui) {
    const Theme& theme = ui.theme;
    const StaffState& staff = ui.state.staff;
    // The month comes from a stored day, so it is always YYYY-MM; anything else draws nothing
    // rather than reading past the text.
    if (!is_valid_day(staff.picker_month + "-01")) return;
    if (dim_background(ui, "staff_date_dim")) act(ui, CloseDatePicker{});
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float padding = ImGui::GetStyle().WindowPadding.x;
    const float weekday_h = theme.body->FontSize * 1.2f;
    const float close_w = label_width(ui, ui.t("close"), true);
    // Stacked: the month bar, the weekdays, six weeks and Close. On a short landscape screen
    // (800x480) that does not fit with 9 mm days, so the month bar and Close stand beside the
    // weeks, which then take the full height.
    // Seven days across the width too (a 480 px portrait panel).
    const float by_width = (viewport->Size.x - padding * 2 - theme.gap * 6) / 7;
    float cell = std::floor(std::max(
        theme.target,
        std::min({theme.button * 1.1f, (viewport->Size.y - theme.button * 4) / 7, by_width})));
    float h = cell * 6 + theme.button * 2 + theme.gap * 10 + weekday_h;
    const bool beside = h > viewport->Size.y && viewport->Size.x > viewport->Size.y;
    float side_w = 0;
    if (beside) {
        cell = std::floor(
            std::max(theme.target,
                     std::min(theme.button * 1.1f,
                              (viewport->Size.y - padding * 2 - weekday_h - theme.gap * 7) / 6)));
        side_w = std::max(cell * 2 + theme.gap, close_w);
        h = padding * 2 + weekday_h + cell * 6 + theme.gap * 6;
    }
    const float grid_w = cell * 7 + theme.gap * 6;
    const float w = grid_w + padding * 2 + (beside ? side_w + theme.gap * 2 : 0);
    begin_dialog(ui, "staff_date",
                 ImVec2(viewport->Pos.x + (viewport->Size.x - w) / 2,
                        viewport->Pos.y + std::max(0.f, (viewport->Size.y - h) / 2)),
                 ImVec2(w, h));
    const std::string month = staff.picker_month;
    const std::string& chosen =
        *staff.date_picker == NoticeDate::start ? staff.draft->start_day : staff.draft->end_day;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(theme.gap, theme.gap));
    const ImVec2 top_left = ImGui::GetCursorPos();
    auto month_text = [&](float width, float height) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const ImVec2 text =
            theme.title->CalcTextSizeA(theme.title->FontSize, FLT_MAX, 0, month.c_str());
        ImGui::GetWindowDrawList()->AddText(
            theme.title, theme.title->FontSize,
            ImVec2(at.x + (width - text.x) / 2, at.y + (height - text.y) / 2), theme.palette.text,
            month.c_str());
        ImGui::Dummy(ImVec2(width, height));
    };
    if (ui.touch.button("month.prev", "back", "", ImVec2(cell, theme.button)))
        act(ui, PickerMonth{-1});
    ImGui::SameLine();
    if (!beside) {
        month_text(grid_w - cell * 2 - theme.gap * 2, theme.button);
        ImGui::SameLine();
    }
    if (ui.touch.button("month.next", "chevron", "", ImVec2(cell, theme.button)))
        act(ui, PickerMonth{+1});
    if (beside) {
        ImGui::SetCursorPosX(top_left.x);
        month_text(side_w, theme.title->FontSize * 1.6f);
        ImGui::SetCursorPos(ImVec2(top_left.x, h - padding - theme.button));
        if (ui.touch.button("date.close", "close", ui.t("close"), ImVec2(side_w, theme.button)))
            act(ui, CloseDatePicker{});
        ImGui::SetCursorPos(ImVec2(top_left.x + side_w + theme.gap * 2, top_left.y));
    }
    const float grid_x = ImGui::GetCursorPosX();
    // Weekday initials, Monday first.
    const ImVec2 head = ImGui::GetCursorScreenPos();
    for (int d = 0; d < 7; ++d) {
        const std::string label(ui.t("staff.weekday." + std::to_string(d)));
        const ImVec2 size =
            theme.body->CalcTextSizeA(theme.body->FontSize, FLT_MAX, 0, label.c_str());
        ImGui::GetWindowDrawList()->AddText(
            theme.body, theme.body->FontSize,
            ImVec2(head.x + d * (cell + theme.gap) + (cell - size.x) / 2, head.y),
            theme.palette.text_muted, label.c_str());
    }
    ImGui::Dummy(ImVec2(grid_w, weekday_h - theme.gap));
    const std::string first = month + "-01";
    const int offset = weekday_of(first);
    const int year = std::atoi(month.substr(0, 4).c_str());
    const int month_number = std::atoi(month.substr(5, 2).c_str());
    const int days = days_in_month(year, month_number);
    for (int slot = 0; slot < 42; ++slot) {
        if (slot % 7)
            ImGui::SameLine();
        else
            ImGui::SetCursorPosX(grid_x);
        const int day = slot - offset + 1;
        if (day < 1 || day > days) {
            ImGui::Dummy(ImVec2(cell, cell));
            continue;
        }
        char text[16];
        std::snprintf(text, sizeof text, "%s-%02d", month.c_str(), day);
        const std::string label = std::to_string(day);
        if (ui.touch.button("day." + label, "", label, ImVec2(cell, cell),
                            chosen == text ? ButtonLook::selected : ButtonLook::normal))
            act(ui, PickDay{text});
    }
    if (!beside &&
        ui.touch.button("date.close", "close", ui.t("close"), ImVec2(close_w, theme.button)))
        act(ui, CloseDatePicker{});
    ImGui::PopStyleVar();
    ImGui::End();
}

void draw_time_picker(const Ui& ui) {
    const Theme& theme = ui.theme;
    const StaffState& staff = ui.state.staff;
    const NoticeDraft& draft = *staff.draft;
    const int chosen =
        *staff.time_picker == NoticeDate::start ? draft.start_minute : draft.end_minute;
    if (dim_background(ui, "staff_time_dim")) act(ui, CloseTimePicker{});
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float padding = ImGui::GetStyle().WindowPadding.x;
    const float room_w = viewport->Size.x - padding * 2;
    const float heading_h = theme.title->FontSize * 1.6f;
    // 24 hours in as many columns as fit with 9 mm cells (12 on a wide screen, 4 on a 480 px
    // portrait one), then the quarters and the buttons; cells shrink to fit the height, never
    // under 9 mm (the dialog then scrolls).
    int columns = 4;
    for (int c : {12, 8, 6})
        if (c * theme.target + (c - 1) * theme.gap <= room_w) {
            columns = c;
            break;
        }
    const int rows = 24 / columns;
    const float by_width = (room_w - theme.gap * (columns - 1)) / columns;
    const float by_height =
        (viewport->Size.y - padding * 2 - heading_h - theme.button - theme.gap * (rows + 3)) /
        (rows + 1);
    const float cell =
        std::floor(std::max(theme.target, std::min({theme.button * 1.2f, by_width, by_height})));
    const float grid_w = cell * columns + theme.gap * (columns - 1);
    const std::string all_day(ui.t("staff.all_day")), close(ui.t("close"));
    const float buttons_w =
        label_width(ui, all_day, false) + label_width(ui, close, true) + theme.gap;
    const float w = std::min(viewport->Size.x, std::max(grid_w, buttons_w) + padding * 2);
    // What it holds: the heading's line, the hours' rows and the quarters' (each a cell and a
    // gap), the buttons; measured against the drawn dialog at 1920x1080 and 480x800.
    const float h = std::min(viewport->Size.y, padding * 2 + theme.title->FontSize * 1.15f +
                                                   (rows + 1) * (cell + theme.gap) + theme.button +
                                                   theme.gap * 0.5f);
    begin_dialog(ui, "staff_time",
                 ImVec2(viewport->Pos.x + (viewport->Size.x - w) / 2,
                        viewport->Pos.y + std::max(0.f, (viewport->Size.y - h) / 2)),
                 ImVec2(w, h));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(theme.gap, theme.gap));
    const std::string heading(
        ui.t(*staff.time_picker == NoticeDate::start ? "staff.time_start" : "staff.time_end"));
    wrapped_text(theme.title, theme.palette.text, format1(heading, clock_text(chosen)), grid_w);
    const float grid_x = ImGui::GetCursorPosX();
    for (int hour = 0; hour < 24; ++hour) {
        if (hour % columns)
            ImGui::SameLine();
        else
            ImGui::SetCursorPosX(grid_x);
        char label[8];
        std::snprintf(label, sizeof label, "%02d", hour);
        if (ui.touch.button(std::string("hour.") + label, "", label, ImVec2(cell, cell),
                            chosen / 60 == hour ? ButtonLook::selected : ButtonLook::normal))
            act(ui, PickTime{hour, -1});
    }
    // Quarters, as whole times of the chosen hour ("09:15"): digits around a colon read the
    // same in a right-to-left screen, where ":15" would turn into "15:".
    for (int quarter = 0; quarter < 4; ++quarter) {
        if (quarter) ImGui::SameLine();
        const std::string label = clock_text(std::max(0, chosen) / 60 * 60 + quarter * 15);
        const float quarter_w = std::max(cell, (grid_w - theme.gap * 3) / 4);
        if (ui.touch.button(
                "minute." + std::to_string(quarter * 15), "", label, ImVec2(quarter_w, cell),
                chosen % 60 == quarter * 15 ? ButtonLook::selected : ButtonLook::normal))
            act(ui, PickTime{-1, quarter * 15});
    }
    if (ui.touch.button("time.all_day", "", all_day,
                        ImVec2(label_width(ui, all_day, false), theme.button)))
        act(ui, AllDay{});
    ImGui::SameLine();
    if (ui.touch.button("time.close", "close", close,
                        ImVec2(label_width(ui, close, true), theme.button)))
        act(ui, CloseTimePicker{});
    ImGui::PopStyleVar();
    ImGui::End();
}

bool notice_editor_takes_whole_screen(const Ui& ui) {
    const Theme& theme = ui.theme;
    const ImVec2 size = ImGui::GetWindowSize();
    const float width = size.x - theme.margin * 2;
    const KeyboardLayout& layout = keyboard_for(ui.state.staff.edit_language);
    const float keys =
        keyboard_height(ui, layout, std::min(width, theme.button * 16), size.y * 0.55f);
    const float field = theme.button + theme.body->FontSize * 0.6f;
    const float bar = theme.button + theme.gap * 2;
    return size.y - theme.margin * 2 - keys < field + bar;
}

void draw_notice_editor(const Ui& ui, const StaffView& view) {
    const Theme& theme = ui.theme;
    const StaffState& staff = ui.state.staff;
    if (!staff.draft) return;
    const NoticeDraft& draft = *staff.draft;
    const float full_width = ImGui::GetContentRegionAvail().x;
    // The keyboard is docked at the bottom with keys of at least 9 mm; the form above it
    // scrolls when the screen is too short for all of it (a 7-inch panel), never the keys.
    const KeyboardLayout& layout = keyboard_for(staff.edit_language);
    const float keyboard_w = std::min(full_width, theme.button * 16);
    const float total_h = ImGui::GetContentRegionAvail().y;
    // The keys get what the form leaves when it shows in full (fields, a row of languages and
    // a row of buttons), and shrink down to 9 mm before the form starts scrolling.
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float title_h = theme.button + theme.body->FontSize * 0.6f;
    const float body_h = theme.button + theme.body->FontSize * 2.6f;
    const float form_h = title_h + body_h + (theme.button + spacing) * 2 + spacing * 3;
    const float keyboard_h = keyboard_height(ui, layout, keyboard_w, total_h - form_h);
    const float view_h = std::max(theme.target, total_h - keyboard_h);
    ui.touch.begin_scroll("notice_editor", ImVec2(full_width, view_h));
    const float width = ImGui::GetContentRegionAvail().x;

    // Title and text fields: the one selected takes what the keyboard types.
    auto field = [&](NoticeField which, const char* target, const char* label_key, float height) {
        const auto& texts = which == NoticeField::title ? draft.title : draft.body;
        auto found = texts.find(staff.edit_language);
        const std::string value = found == texts.end() ? "" : found->second;
        const bool selected = staff.edit_field == which;
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const ImVec2 max(min.x + width, min.y + height);
        ImGui::PushID(target);
        if (ImGui::InvisibleButton("##field", ImVec2(width, height))) act(ui, ChooseField{which});
        ImGui::PopID();
        ui.touch.add_target(target, min, max);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        fill_rounded_rect(draw, min, max, theme.palette.surface, theme.rounding);
        draw->AddRect(min, max, selected ? theme.palette.focus : theme.palette.border,
                      theme.rounding, 0, selected ? 4.0f : 1.5f);
        const std::string caption(ui.t(label_key));
        draw->AddText(theme.body, theme.body->FontSize * 0.85f,
                      ImVec2(min.x + theme.gap, min.y + theme.gap * 0.2f), theme.palette.text_muted,
                      caption.c_str());
        ImFont* font = which == NoticeField::title ? theme.bold : theme.body;
        // Typed Arabic is shaped and reads from the right, the caret at its logical end.
        const std::string shown = value + (selected ? "|" : "");
        TextStyle style;
        style.wrap = width - theme.gap * 2;
        style.box_width = style.wrap;
        style.right_to_left =
            fonts::first_strong_direction(value) == fonts::TextDirection::right_to_left;
        draw->PushClipRect(min, max, true);
        // Text longer than the field: its end, where the caret is, stays in view.
        const float text_top = min.y + theme.body->FontSize * 1.05f;
        const float text_h = text_size(font, font->FontSize, shown, style).y;
        draw_text(draw, font, font->FontSize,
                  ImVec2(min.x + theme.gap,
                         text_top + std::min(0.0f, max.y - theme.gap * 0.3f - text_top - text_h)),
                  theme.palette.text, shown, style);
        draw->PopClipRect();
    };
    // A field is one target seen whole in the form's view, however short the keyboard leaves it.
    const float most = std::max(theme.target, view_h - spacing);
    field(NoticeField::title, "field.title", "staff.notice_title", std::min(title_h, most));
    field(NoticeField::body, "field.body", "staff.notice_body", std::min(body_h, most));

    // Languages: one chip each; a filled title gets a mark so staff see what is missing.
    bool first = true;
    for (const LanguageChoice& language : view.languages) {
        auto title = draft.title.find(language.code);
        const bool written = title != draft.title.end() && !title->second.empty();
        const std::string label = (written ? "✓ " : "") + language.native_name;
        const float w = label_width(ui, label, false);
        if (!first) {
            ImGui::SameLine();
            if (ImGui::GetCursorPosX() + w > width) ImGui::NewLine();
        }
        first = false;
        if (ui.touch.button(
                "lang." + language.code, "", label, ImVec2(w, theme.button),
                staff.edit_language == language.code ? ButtonLook::selected : ButtonLook::normal))
            act(ui, ChooseEditLanguage{language.code});
    }

    // Dates, pin, save and cancel on one row where they fit.
    const std::string start = format1(ui.t("staff.from"), draft.start_day);
    const std::string end = format1(ui.t("staff.until"), draft.end_day);
    bool first_in_row = true;
    auto flow = [&](const std::string& target, std::string_view icon, std::string_view label,
                    ButtonLook look = ButtonLook::normal) {
        const float w = label_width(ui, label, !icon.empty());
        if (!first_in_row) {
            ImGui::SameLine();
            if (ImGui::GetCursorPosX() + w > width) ImGui::NewLine();
        }
        first_in_row = false;
        return ui.touch.button(target, icon, label, ImVec2(w, theme.button), look);
    };
    if (flow("date.start", "", start)) act(ui, OpenDatePicker{NoticeDate::start});
    if (flow("date.end", "", end)) act(ui, OpenDatePicker{NoticeDate::end});
    // Days of the week, each a chip; none chosen is every day.
    first_in_row = true;
    auto look = [](bool on) { return on ? ButtonLook::selected : ButtonLook::normal; };
    if (flow("notice.every_day", "", ui.t("staff.every_day"), look(draft.weekdays == 0)))
        act(ui, ToggleWeekday{-1});
    static constexpr const char* kDayKeys[] = {"day.mo", "day.tu", "day.we", "day.th",
                                               "day.fr", "day.sa", "day.su"};
    for (int d = 0; d < 7; ++d)
        if (flow("notice.day." + std::to_string(d), "", ui.t(kDayKeys[d]),
                 look(((draft.weekdays >> d) & 1) != 0)))
            act(ui, ToggleWeekday{d});
    // Times of day: all day, or from and until (an until before the from runs past midnight).
    first_in_row = true;
    const bool all_day = draft.start_minute < 0 || draft.end_minute < 0;
    if (flow("notice.all_day", "", ui.t("staff.all_day"), look(all_day))) act(ui, AllDay{});
    if (flow("time.start", "",
             format1(ui.t("staff.time_from"), all_day ? "--:--" : clock_text(draft.start_minute))))
        act(ui, OpenTimePicker{NoticeDate::start});
    if (flow("time.end", "",
             format1(ui.t("staff.time_until"), all_day ? "--:--" : clock_text(draft.end_minute))))
        act(ui, OpenTimePicker{NoticeDate::end});
    first_in_row = true;
    if (flow("notice.pin", "home", ui.t("staff.pin_home"),
             draft.pinned ? ButtonLook::selected : ButtonLook::normal))
        act(ui, TogglePinned{});
    if (flow("notice.save", "chevron", ui.t("staff.save"), ButtonLook::primary))
        act(ui, SaveDraft{});
    if (flow("notice.cancel", "back", ui.t("staff.cancel"))) act(ui, CancelDraft{});
    if (!staff.message.empty())
        framed_note(ui, message_text(ui, staff.message), staff.message_is_error, width);

    ui.touch.end_scroll();

    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (full_width - keyboard_w) / 2);
    draw_keyboard(ui, layout, keyboard_w, keyboard_h);
}

}  // namespace guichet::kiosk::staff_pages
