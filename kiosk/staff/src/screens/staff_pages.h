// SPDX-License-Identifier: GPL-3.0-or-later
// What staff mode's pages share (inside kiosk/staff only): buttons as wide as their words, the
// framed note, the two-answer question, the bar of pages; and each page's draw function, one
// file per page in this folder. staff_screens.cpp puts them together.
#pragma once

#include <string>
#include <string_view>

#include "staff/staff_screens.h"

namespace guichet::kiosk::staff_pages {

using namespace staff_action;

inline void act(const Ui& ui, StaffAction what) {
    ui.act(action::Staff{std::move(what)});
}

float label_width(const Ui& ui, std::string_view label, bool icon);
// A button as wide as its words need; on the same line as the previous one when `same_line`.
bool button(const Ui& ui, const std::string& target, std::string_view icon, std::string_view label,
            ButtonLook look = ButtonLook::normal, bool same_line = false);
// A message key from the table, or the message itself (errors come as text).
std::string message_text(const Ui& ui, const std::string& message);
void framed_note(const Ui& ui, const std::string& text, bool warning, float width);

// A question over the page with two answers; tapping beside it is the second answer.
struct Answer {
    const char* target;
    const char* icon;
    const char* label_key;
    StaffAction action;
};
void confirm(const Ui& ui, const char* id, const char* question_key, const Answer& yes,
             const Answer& no);

// The staff bar: Leave, the page tabs, and Exit to the desktop at the far end.
void staff_bar(const Ui& ui, StaffPage page);

// The pages.
void draw_pin_pad(const Ui& ui, const StaffView& view);
void draw_status(const Ui& ui, const StaffView& view);
void draw_notice_list(const Ui& ui, const StaffView& view);
void draw_notice_editor(const Ui& ui, const StaffView& view);
// On a short screen the editor takes the whole screen: the keyboard's 9 mm keys and the field
// being typed into leave no room for the staff bar (the editor has its own Save and Cancel).
bool notice_editor_takes_whole_screen(const Ui& ui);
// The calendar over the notice editor, for its first or last day.
void draw_date_picker(const Ui& ui);
void draw_time_picker(const Ui& ui);
void draw_settings(const Ui& ui, const StaffView& view);
void draw_usage(const Ui& ui, const StaffView& view);

}  // namespace guichet::kiosk::staff_pages
