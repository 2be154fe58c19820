// SPDX-License-Identifier: GPL-3.0-or-later
// Staff mode: the PIN pad, then a bar of pages (status, notices, settings, usage) with Leave
// and Exit to the desktop always in reach. Every control is a 9 mm target with a word beside
// its icon; nothing needs a physical keyboard.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "staff/staff_screens.h"
#include "widgets/icons.h"
#include "widgets/keyboard_view.h"

namespace guichet::kiosk {
namespace {

using namespace staff_action;

void act(const Ui& ui, StaffAction what) {
    ui.act(action::Staff{std::move(what)});
}

float label_width(const Ui& ui, std::string_view label, bool icon) {
    ImFont* font = ui.theme.bold;
    const float text =
        font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size())
            .x;
    // Whole pixels: the software renderer leaves a seam in a face drawn at a fraction.
    return std::ceil(
        std::max(ui.theme.target, text + (icon ? font->FontSize * 1.5f : 0) + ui.theme.gap * 2.2f));
}

// A button as wide as its words need; on the same line as the previous one when `same_line`.
bool button(const Ui& ui, const std::string& target, std::string_view icon, std::string_view label,
            ButtonLook look = ButtonLook::normal, bool same_line = false) {
    if (same_line) ImGui::SameLine();
    return ui.touch.button(target, icon, label,
                           ImVec2(label_width(ui, label, !icon.empty()), ui.theme.button), look);
}

// A message key from the table, or the message itself (errors come as text).
std::string message_text(const Ui& ui, const std::string& message) {
    return std::string(tr_or(message, message, ui.language, ui.fallback_chain));
}

void framed_note(const Ui& ui, const std::string& text, bool warning, float width) {
    const Theme& theme = ui.theme;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImFont* font = theme.body;
    const ImVec2 size =
        font->CalcTextSizeA(font->FontSize, FLT_MAX, width - theme.gap * 2, text.c_str());
    const float height = size.y + theme.gap;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    fill_rounded_rect(draw, min, ImVec2(min.x + width, min.y + height), theme.palette.surface,
                      theme.rounding);
    draw->AddRect(min, ImVec2(min.x + width, min.y + height),
                  warning ? theme.palette.warning : theme.palette.accent, theme.rounding, 0,
                  warning ? 3.0f : 1.5f);
    draw->AddText(font, font->FontSize, ImVec2(min.x + theme.gap, min.y + theme.gap / 2),
                  theme.palette.text, text.c_str(), nullptr, width - theme.gap * 2);
    ImGui::Dummy(ImVec2(width, height));
}

// A question over the page with two answers; tapping beside it is the second answer.
struct Answer {
    const char* target;
    const char* icon;
    const char* label_key;
    StaffAction action;
};
void confirm(const Ui& ui, const char* id, const char* question_key, const Answer& yes,
             const Answer& no) {
    const Theme& theme = ui.theme;
    if (dim_background(ui, (std::string(id) + "_dim").c_str())) act(ui, no.action);
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float w = std::min(viewport->Size.x * 0.8f, theme.body->FontSize * 30);
    const float h = theme.button * 3.2f;
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + (viewport->Size.x - w) / 2,
                                   viewport->Pos.y + (viewport->Size.y - h) / 2));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(theme.palette.surface));
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav);
    ImGui::PopStyleColor();
    wrapped_text(theme.title, theme.palette.text, ui.t(question_key));
    ImGui::SetCursorPosY(h - theme.button - theme.margin * 0.6f);
    if (button(ui, yes.target, yes.icon, ui.t(yes.label_key), ButtonLook::primary))
        act(ui, yes.action);
    if (button(ui, no.target, no.icon, ui.t(no.label_key), ButtonLook::normal, true))
        act(ui, no.action);
    ImGui::End();
}

// The staff bar: Leave, the page tabs, and Exit to the desktop at the far end.
void staff_bar(const Ui& ui, StaffPage page) {
    const Theme& theme = ui.theme;
    if (button(ui, "staff.leave", "back", ui.t("staff.leave"))) act(ui, Leave{});
    const std::pair<StaffPage, const char*> tabs[] = {{StaffPage::status, "status"},
                                                      {StaffPage::notices, "notices"},
                                                      {StaffPage::settings, "settings"},
                                                      {StaffPage::usage, "usage"}};
    const char* icons[] = {"about", "news", "filter", "statistics"};
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - theme.margin;
    int i = 0;
    for (const auto& [tab, name] : tabs) {
        const std::string label(ui.t(std::string("staff.page.") + name));
        const float w = label_width(ui, label, true);
        ImGui::SameLine();
        if (ImGui::GetCursorScreenPos().x + w > right_edge + 1) ImGui::NewLine();
        const bool selected =
            page == tab || (tab == StaffPage::notices && page == StaffPage::notice_edit);
        if (ui.touch.button(std::string("staff.page.") + name, icons[i++], label,
                            ImVec2(w, theme.button),
                            selected ? ButtonLook::selected : ButtonLook::normal))
            act(ui, OpenPage{tab});
    }
    const std::string exit_label(ui.t("staff.exit"));
    const float exit_w = label_width(ui, exit_label, true);
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + exit_w > right_edge + 1)
        ImGui::NewLine();
    else
        ImGui::SetCursorScreenPos(ImVec2(right_edge - exit_w, ImGui::GetCursorScreenPos().y));
    if (ui.touch.button("staff.exit", "close", exit_label, ImVec2(exit_w, theme.button)))
        act(ui, AskExit{true});
    end_bar(ui);
}

// ---------- the PIN pad ----------

void draw_pin_pad(const Ui& ui, const StaffView& view) {
    const Theme& theme = ui.theme;
    const StaffState& staff = ui.state.staff;
    const ImVec2 size = ImGui::GetWindowSize();
    const bool locked = staff.locked_until_ms > ui.now_ms;
    const float gap = theme.gap;
    const float column = std::min(size.x - theme.margin * 2, theme.button * 11);
    const float left = (size.x - column) / 2;

    ImGui::SetCursorPos(ImVec2(left, theme.margin));
    if (ui.touch.button("staff.leave", "back", ui.t("staff.cancel"),
                        ImVec2(label_width(ui, ui.t("staff.cancel"), true), theme.button)))
        act(ui, Leave{});
    ImGui::SetCursorPosX(left);
    wrapped_text(theme.title, theme.palette.text, ui.t("staff.pin_title"), column);

    // The entry, masked: one ring per digit typed.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 field(ImGui::GetWindowPos().x + left, ImGui::GetCursorScreenPos().y);
    const float field_h = theme.button;
    fill_rounded_rect(draw, field, ImVec2(field.x + column, field.y + field_h),
                      theme.palette.surface, theme.rounding);
    draw->AddRect(field, ImVec2(field.x + column, field.y + field_h), theme.palette.accent,
                  theme.rounding, 0, 3.0f);
    const float dot = field_h * 0.16f;
    const float step = dot * 3.2f;
    const float dots_w = step * static_cast<float>(staff.pin_entry.size());
    for (size_t i = 0; i < staff.pin_entry.size(); ++i)
        draw->AddCircleFilled(
            ImVec2(field.x + (column - dots_w) / 2 + step * (i + 0.5f), field.y + field_h / 2), dot,
            theme.palette.text, 24);
    ImGui::Dummy(ImVec2(column, field_h));

    // What went wrong, or how long the pad stays locked.
    std::string note;
    bool warning = true;
    if (!view.pin_set) {
        note = std::string(ui.t("staff.no_pin"));
    } else if (locked) {
        const std::int64_t seconds = (staff.locked_until_ms - ui.now_ms + 999) / 1000;
        note = format1(ui.t("staff.pin_locked"), std::to_string(seconds));
    } else if (staff.pin_tried && staff.last_pin == PinOutcome::wrong) {
        note = std::string(ui.t("staff.pin_wrong"));
    } else {
        note = std::string(ui.t("staff.pin_hint"));
        warning = false;
    }
    ImGui::SetCursorPosX(left);
    framed_note(ui, note, warning, column);
    ImGui::Dummy(ImVec2(1, gap * 0.5f));

    // The keys take the height left: four rows and the Enter bar (0.8 of a row), never
    // below the 9 mm target, never wider than the column.
    const float room = size.y - ImGui::GetCursorPosY() - theme.margin - gap * 5;
    const float key = std::floor(std::max(
        theme.target, std::min({theme.button * 2.0f, room / 4.8f, (column - gap * 2) / 3})));
    const float pad_w = key * 3 + gap * 2;

    const char* keys[4][3] = {
        {"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"clear", "0", "back"}};
    const bool usable = view.pin_set && !locked;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (auto& row : keys) {
        ImGui::SetCursorPosX((size.x - pad_w) / 2);
        for (int c = 0; c < 3; ++c) {
            if (c) ImGui::SameLine();
            const std::string name = row[c];
            const bool digit = name.size() == 1;
            std::string_view label = name == "clear" ? ui.t("staff.pin_clear") : std::string_view();
            std::string_view icon = name == "back" ? "backspace" : "";
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const bool tapped = ui.touch.button("pin." + name, icon, label, ImVec2(key, key));
            if (digit) {  // big digits, drawn over the key
                const float px = key * 0.5f;
                const ImVec2 text = theme.title->CalcTextSizeA(px, FLT_MAX, 0, name.c_str());
                ImGui::GetWindowDrawList()->AddText(
                    theme.title, px, ImVec2(at.x + (key - text.x) / 2, at.y + (key - text.y) / 2),
                    usable ? theme.palette.text : theme.palette.text_muted, name.c_str());
            }
            if (tapped && usable) {
                if (digit)
                    act(ui, PinDigit{name[0]});
                else if (name == "clear")
                    act(ui, PinClear{});
                else
                    act(ui, PinBackspace{});
            }
        }
    }
    ImGui::SetCursorPosX((size.x - pad_w) / 2);
    if (ui.touch.button("pin.ok", "chevron", ui.t("staff.pin_ok"), ImVec2(pad_w, key * 0.8f),
                        ButtonLook::primary) &&
        usable)
        act(ui, PinSubmit{});
    ImGui::PopStyleVar();
}

// ---------- status ----------

void draw_status(const Ui& ui, const StaffView& view) {
    const Theme& theme = ui.theme;
    const StaffStatusView& s = view.status;
    const float width = ImGui::GetContentRegionAvail().x;
    ui.touch.begin_scroll("staff/status", ImVec2(0, ImGui::GetContentRegionAvail().y));
    if (!view.config_problem.empty())
        framed_note(ui, format1(ui.t("staff.config_problem"), view.config_problem), true,
                    width * 0.95f);
    const std::string never(ui.t("staff.never"));
    const std::pair<const char*, std::string> rows[] = {
        {"staff.content_version",
         s.content_version.empty() ? std::string(ui.t("staff.no_content")) : s.content_version},
        {"staff.content_date", s.content_date},
        {"staff.last_sync",
         s.last_attempt.empty()
             ? never
             : s.last_attempt + " · " +
                   std::string(tr_or("staff.result." + s.last_result, s.last_result, ui.language))},
        {"staff.last_error", s.last_error.empty() ? "—" : s.last_error},
        {"staff.last_success", s.last_success.empty() ? never : s.last_success},
        {"staff.next_sync", s.next_attempt.empty() ? "—" : s.next_attempt},
        {"staff.server", std::string(ui.t(s.server_answers))},
        {"staff.free_disk", s.free_disk},
        {"staff.uptime", s.uptime},
        {"staff.program_version", s.program_version},
        {"staff.kiosk_id", s.kiosk_id},
    };
    const float label_w = std::min(width * 0.35f, theme.bold->FontSize * 14);
    for (const auto& [label, value] : rows) {
        const float y = ImGui::GetCursorPosY();
        wrapped_text(theme.bold, theme.palette.text_muted, ui.t(label), label_w - theme.gap);
        const float after_label = ImGui::GetCursorPosY();
        ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + label_w, y));
        wrapped_text(theme.body, theme.palette.text, value, width * 0.95f - label_w);
        ImGui::SetCursorPosY(std::max(after_label, ImGui::GetCursorPosY()) + theme.gap * 0.2f);
    }
    if (s.content_waiting)
        framed_note(ui, std::string(ui.t("staff.content_waiting")), false, width * 0.95f);
    ImGui::Dummy(ImVec2(1, theme.gap));
    if (button(ui, "staff.sync_now", "return", ui.t("staff.sync_now"),
               s.sync_running ? ButtonLook::selected : ButtonLook::primary) &&
        !s.sync_running)
        act(ui, SyncNow{});
    if (s.sync_running) {
        // The bar fills with the bytes fetched, and the figure says it too.
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const float bar_w = width * 0.9f, bar_h = theme.target * 0.6f;
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->AddRect(min, ImVec2(min.x + bar_w, min.y + bar_h), theme.palette.border,
                      theme.rounding, 0, 2.0f);
        const float part =
            s.sync_total > 0 ? std::clamp(static_cast<float>(s.sync_done) / s.sync_total, 0.f, 1.f)
                             : 0.f;
        if (part > 0)
            draw->AddRectFilled(ImVec2(min.x + 2, min.y + 2),
                                ImVec2(min.x + 2 + (bar_w - 4) * part, min.y + bar_h - 2),
                                theme.palette.accent, theme.rounding);
        ImGui::Dummy(ImVec2(bar_w, bar_h));
        // Bytes so far, and of how many when the size is known.
        std::string line = std::string(ui.t("staff.syncing"));
        if (!s.sync_file.empty()) line += " " + s.sync_file;
        char figures[96] = "";
        if (s.sync_total > 0)
            std::snprintf(figures, sizeof figures, " · %lld / %lld KiB",
                          static_cast<long long>(s.sync_done / 1024),
                          static_cast<long long>(s.sync_total / 1024));
        else if (s.sync_done > 0)
            std::snprintf(figures, sizeof figures, " · %lld KiB",
                          static_cast<long long>(s.sync_done / 1024));
        wrapped_text(theme.body, theme.palette.text, line + figures, width * 0.95f);
    }
    if (!ui.state.staff.message.empty())
        framed_note(ui, message_text(ui, ui.state.staff.message), ui.state.staff.message_is_error,
                    width * 0.95f);
    ui.touch.end_scroll();
}

// ---------- notices ----------

void draw_notice_list(const Ui& ui, const StaffView& view) {
    const Theme& theme = ui.theme;
    const float width = ImGui::GetContentRegionAvail().x;
    if (button(ui, "notice.new", "news", ui.t("staff.notice_new"), ButtonLook::primary))
        act(ui, NewNotice{});
    if (!ui.state.staff.message.empty())
        framed_note(ui, message_text(ui, ui.state.staff.message), ui.state.staff.message_is_error,
                    width * 0.95f);
    ui.touch.begin_scroll("staff/notices", ImVec2(0, ImGui::GetContentRegionAvail().y));
    if (view.notices.empty())
        wrapped_text(theme.body, theme.palette.text_muted, ui.t("staff.no_notices"));
    const float inner = ImGui::GetContentRegionAvail().x - theme.px_per_mm * 3;
    for (size_t i = 0; i < view.notices.size(); ++i) {
        const StaffNoticeRow& row = view.notices[i];
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const std::string edit(ui.t("staff.edit")), remove(ui.t("staff.delete"));
        const float buttons_w =
            label_width(ui, edit, true) + label_width(ui, remove, true) + theme.gap * 2;
        const float text_w = inner - buttons_w - theme.gap * 2;
        ImGui::BeginGroup();
        ImGui::Indent(theme.gap);
        ImGui::Dummy(ImVec2(1, theme.gap * 0.2f));
        wrapped_text(theme.bold, theme.palette.text,
                     fit_text(theme.bold, (row.pinned ? "▲ " : "") + row.title, text_w), text_w);
        std::string dates =
            row.start_day + " → " + row.end_day + " · " +
            std::string(ui.t(row.shown_today ? "staff.shown_today" : "staff.not_shown_today"));
        if (row.pinned) dates += " · " + std::string(ui.t("staff.pinned"));
        wrapped_text(theme.body, theme.palette.text_muted, dates, text_w);
        ImGui::Unindent(theme.gap);
        ImGui::EndGroup();
        const float h = std::max(theme.button + theme.gap, ImGui::GetItemRectSize().y);
        const ImVec2 after = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(
            ImVec2(min.x + inner - buttons_w, min.y + (h - theme.button) / 2));
        const std::string id = std::to_string(row.id);
        if (button(ui, "notice.edit." + std::to_string(i), "text_size", edit))
            act(ui, EditNotice{row.id});
        if (button(ui, "notice.delete." + std::to_string(i), "close", remove, ButtonLook::normal,
                   true))
            act(ui, AskDelete{row.id});
        ImGui::GetWindowDrawList()->AddRect(min, ImVec2(min.x + inner, min.y + h),
                                            theme.palette.border, theme.rounding, 0, 1.5f);
        ImGui::SetCursorScreenPos(ImVec2(after.x, std::max(after.y, min.y + h) + theme.gap * 0.4f));
    }
    ImGui::Dummy(ImVec2(1, 1));
    ui.touch.end_scroll();
}

void draw_date_picker(const Ui& ui) {
    const Theme& theme = ui.theme;
    const StaffState& staff = ui.state.staff;
    // The month comes from a stored day, so it is always YYYY-MM; anything else draws nothing
    // rather than reading past the text.
    if (!is_valid_day(staff.picker_month + "-01")) return;
    if (dim_background(ui, "staff_date_dim")) act(ui, CloseDatePicker{});
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float cell = std::floor(std::max(
        theme.target, std::min(theme.button * 1.1f, (viewport->Size.y - theme.button * 4) / 7)));
    const float padding = ImGui::GetStyle().WindowPadding.x;
    const float w = cell * 7 + theme.gap * 6 + padding * 2;
    const float h = cell * 6 + theme.button * 2 + theme.gap * 10 + theme.body->FontSize * 1.5f;
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + (viewport->Size.x - w) / 2,
                                   viewport->Pos.y + std::max(0.f, (viewport->Size.y - h) / 2)));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(theme.palette.surface));
    ImGui::Begin("staff_date", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav);
    ImGui::PopStyleColor();
    const std::string month = staff.picker_month;
    const std::string& chosen =
        *staff.date_picker == NoticeDate::start ? staff.draft->start_day : staff.draft->end_day;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(theme.gap, theme.gap));
    if (ui.touch.button("month.prev", "back", "", ImVec2(cell, theme.button)))
        act(ui, PickerMonth{-1});
    ImGui::SameLine();
    {
        const float title_w = w - cell * 2 - theme.gap * 2 - padding * 2;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const ImVec2 text =
            theme.title->CalcTextSizeA(theme.title->FontSize, FLT_MAX, 0, month.c_str());
        ImGui::GetWindowDrawList()->AddText(
            theme.title, theme.title->FontSize,
            ImVec2(at.x + (title_w - text.x) / 2, at.y + (theme.button - text.y) / 2),
            theme.palette.text, month.c_str());
        ImGui::Dummy(ImVec2(title_w, theme.button));
    }
    ImGui::SameLine();
    if (ui.touch.button("month.next", "chevron", "", ImVec2(cell, theme.button)))
        act(ui, PickerMonth{+1});
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
    ImGui::Dummy(ImVec2(w, theme.body->FontSize * 1.2f));
    const std::string first = month + "-01";
    const int offset = weekday_of(first);
    const int year = std::atoi(month.substr(0, 4).c_str());
    const int month_number = std::atoi(month.substr(5, 2).c_str());
    const int days = days_in_month(year, month_number);
    for (int slot = 0; slot < 42; ++slot) {
        if (slot % 7) ImGui::SameLine();
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
    if (ui.touch.button("date.close", "close", ui.t("close"),
                        ImVec2(label_width(ui, ui.t("close"), true), theme.button)))
        act(ui, CloseDatePicker{});
    ImGui::PopStyleVar();
    ImGui::End();
}

void draw_notice_editor(const Ui& ui, const StaffView& view) {
    const Theme& theme = ui.theme;
    const StaffState& staff = ui.state.staff;
    if (!staff.draft) return;
    const NoticeDraft& draft = *staff.draft;
    const float width = ImGui::GetContentRegionAvail().x;

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
        const ImVec4 clip(min.x, min.y, max.x, max.y);
        ImFont* font = which == NoticeField::title ? theme.bold : theme.body;
        const std::string shown = value + (selected ? "|" : "");
        draw->AddText(font, font->FontSize,
                      ImVec2(min.x + theme.gap, min.y + theme.body->FontSize * 1.05f),
                      theme.palette.text, shown.c_str(), nullptr, width - theme.gap * 2, &clip);
    };
    field(NoticeField::title, "field.title", "staff.notice_title",
          theme.button + theme.body->FontSize * 0.6f);
    field(NoticeField::body, "field.body", "staff.notice_body",
          theme.button + theme.body->FontSize * 2.6f);

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
    if (flow("notice.pin", "home", ui.t("staff.pin_home"),
             draft.pinned ? ButtonLook::selected : ButtonLook::normal))
        act(ui, TogglePinned{});
    if (flow("notice.save", "chevron", ui.t("staff.save"), ButtonLook::primary))
        act(ui, SaveDraft{});
    if (flow("notice.cancel", "back", ui.t("staff.cancel"))) act(ui, CancelDraft{});
    if (!staff.message.empty())
        framed_note(ui, message_text(ui, staff.message), staff.message_is_error, width);

    const KeyboardLayout& layout = keyboard_for(staff.edit_language);
    const float keyboard_w = std::min(width, theme.button * 16);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - keyboard_w) / 2);
    draw_keyboard(ui, layout, keyboard_w,
                  std::max(theme.target * 4.0f, ImGui::GetContentRegionAvail().y));
}

// ---------- settings ----------

void draw_settings(const Ui& ui, const StaffView& view) {
    const Theme& theme = ui.theme;
    const StaffState& staff = ui.state.staff;
    const float width = ImGui::GetContentRegionAvail().x;
    if (!staff.settings) return;
    const SettingsDraft& settings = *staff.settings;
    ui.touch.begin_scroll("staff/settings", ImVec2(0, ImGui::GetContentRegionAvail().y));
    if (!view.config_problem.empty())
        framed_note(ui, format1(ui.t("staff.config_problem"), view.config_problem), true,
                    width * 0.95f);
    auto chips = [&](const char* heading, const std::string& prefix, auto selected, auto pick) {
        wrapped_text(theme.bold, theme.palette.text, ui.t(heading));
        bool first = true;
        for (const LanguageChoice& language : view.languages) {
            const float w = label_width(ui, language.native_name, false);
            if (!first) {
                ImGui::SameLine();
                if (ImGui::GetCursorPosX() + w > width) ImGui::NewLine();
            }
            first = false;
            if (ui.touch.button(
                    prefix + language.code, "", language.native_name, ImVec2(w, theme.button),
                    selected(language.code) ? ButtonLook::selected : ButtonLook::normal))
                pick(language.code);
        }
        ImGui::Dummy(ImVec2(1, theme.gap * 0.5f));
    };
    chips(
        "staff.default_language", "default.",
        [&](const std::string& code) {
            // Unset, the kiosk speaks the content's base language: the one staff see here.
            return (settings.default_language.empty() ? ui.language : settings.default_language) ==
                   code;
        },
        [&](const std::string& code) { act(ui, SetDefaultLanguage{code}); });
    chips(
        "staff.languages_offered", "offer.",
        [&](const std::string& code) {
            return settings.languages.empty() ||
                   std::find(settings.languages.begin(), settings.languages.end(), code) !=
                       settings.languages.end();
        },
        [&](const std::string& code) {
            // "All" is stored as an empty list; the first tap makes the list explicit.
            if (settings.languages.empty())
                for (const LanguageChoice& language : view.languages)
                    if (language.code != code) act(ui, ToggleOffered{language.code});
            if (!settings.languages.empty()) act(ui, ToggleOffered{code});
        });
    wrapped_text(theme.bold, theme.palette.text, ui.t("staff.idle_timeout"));
    if (button(ui, "idle.less", "", "− 15 s")) act(ui, IdleStep{-15});
    {
        ImGui::SameLine();
        const std::string value = std::to_string(settings.idle_timeout_seconds) + " s";
        const float w = label_width(ui, value, false);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddText(
            theme.title, theme.title->FontSize,
            ImVec2(at.x + theme.gap, at.y + (theme.button - theme.title->FontSize) / 2),
            theme.palette.text, value.c_str());
        ImGui::Dummy(ImVec2(w + theme.gap, theme.button));
    }
    if (button(ui, "idle.more", "", "+ 15 s", ButtonLook::normal, true)) act(ui, IdleStep{+15});
    ImGui::Dummy(ImVec2(1, theme.gap * 0.5f));
    wrapped_text(theme.bold, theme.palette.text, ui.t("staff.rotation"));
    bool first = true;
    for (int degrees : {0, 90, 180, 270}) {
        if (button(ui, "rotation." + std::to_string(degrees), "", std::to_string(degrees) + "°",
                   settings.rotation == degrees ? ButtonLook::selected : ButtonLook::normal,
                   !first))
            act(ui, SetRotation{degrees});
        first = false;
    }
    ImGui::Dummy(ImVec2(1, theme.gap));
    if (button(ui, "settings.save", "chevron", ui.t("staff.save"), ButtonLook::primary))
        act(ui, SaveSettings{});
    if (!staff.message.empty())
        framed_note(ui, message_text(ui, staff.message), staff.message_is_error, width * 0.95f);
    ui.touch.end_scroll();
}

// ---------- usage ----------

void draw_usage(const Ui& ui, const StaffView& view) {
    const Theme& theme = ui.theme;
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = ImGui::GetContentRegionAvail().y;
    if (!view.usage_problem.empty()) framed_note(ui, view.usage_problem, true, width * 0.95f);
    std::int64_t sessions = 0, searches = 0, views = 0, most = 0;
    for (const UsageDayView& day : view.usage) {
        sessions += day.sessions, searches += day.searches, views += day.views;
        most = std::max(most, day.sessions);
    }
    wrapped_text(theme.title, theme.palette.text, ui.t("staff.usage_title"));
    std::string totals = format1(ui.t("staff.usage_sessions"), std::to_string(sessions)) + " · " +
                         format1(ui.t("staff.usage_searches"), std::to_string(searches)) + " · " +
                         format1(ui.t("staff.usage_views"), std::to_string(views));
    wrapped_text(theme.body, theme.palette.text, totals);

    // Sessions per day as bars, each with its number (never colour alone), days beneath.
    const float chart_h = std::max(theme.target * 3, height * 0.45f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float fs = theme.body->FontSize;
    const size_t n = std::max<size_t>(1, view.usage.size());
    const float slot = width * 0.95f / static_cast<float>(n);
    const float base_y = origin.y + chart_h - fs * 1.4f;
    const float top_y = origin.y + fs * 1.3f;
    draw->AddLine(ImVec2(origin.x, base_y), ImVec2(origin.x + slot * n, base_y),
                  theme.palette.border, 2.0f);
    for (size_t i = 0; i < view.usage.size(); ++i) {
        const UsageDayView& day = view.usage[i];
        const float x0 = origin.x + slot * i + slot * 0.15f,
                    x1 = origin.x + slot * (i + 1) - slot * 0.15f;
        const float h = most > 0 ? (base_y - top_y) * static_cast<float>(day.sessions) / most : 0;
        if (day.sessions > 0) {
            draw->AddRectFilled(ImVec2(x0, base_y - h), ImVec2(x1, base_y), theme.palette.accent);
            const std::string value = std::to_string(day.sessions);
            const ImVec2 size = theme.body->CalcTextSizeA(fs * 0.8f, FLT_MAX, 0, value.c_str());
            draw->AddText(theme.body, fs * 0.8f,
                          ImVec2((x0 + x1 - size.x) / 2, base_y - h - size.y), theme.palette.text,
                          value.c_str());
        }
        // Every fifth day and the last get their date (DD/MM) under the axis.
        if (i % 5 == 0 || i + 1 == view.usage.size()) {
            const std::string label = day.day.substr(8, 2) + "/" + day.day.substr(5, 2);
            const ImVec2 size = theme.body->CalcTextSizeA(fs * 0.8f, FLT_MAX, 0, label.c_str());
            draw->AddText(theme.body, fs * 0.8f, ImVec2((x0 + x1 - size.x) / 2, base_y + 4),
                          theme.palette.text_muted, label.c_str());
        }
    }
    ImGui::Dummy(ImVec2(width * 0.95f, chart_h));
    std::string by_type = std::string(ui.t("staff.usage_by_type")) + ":";
    for (const auto& [type, count] : view.views_by_type)
        by_type += "  " + std::string(tr_or("type." + type, type, ui.language)) + " " +
                   std::to_string(count);
    wrapped_text(theme.body, theme.palette.text, by_type);
    std::string by_language = std::string(ui.t("staff.usage_by_language")) + ":";
    for (const auto& [language, count] : view.sessions_by_language) {
        std::string name = language;
        for (const LanguageChoice& choice : view.languages)
            if (choice.code == language) name = choice.native_name;
        by_language += "  " + name + " " + std::to_string(count);
    }
    wrapped_text(theme.body, theme.palette.text, by_language);
    wrapped_text(theme.body, theme.palette.text_muted, ui.t("staff.usage_privacy"));
}

}  // namespace

void draw_staff_corner(const Ui& ui) {
    const Theme& theme = ui.theme;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float side = theme.target * 1.3f;
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x - side, viewport->Pos.y));
    ImGui::SetNextWindowSize(ImVec2(side, side));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("staff_corner", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    const ImVec2 min = ImGui::GetCursorScreenPos();
    // Released early, the corner is part of the welcome screen: the visit starts.
    if (ImGui::InvisibleButton("##staff", ImVec2(side, side))) ui.act(action::StartVisit{});
    ui.touch.add_target("staff.corner", min, ImVec2(min.x + side, min.y + side));
    ImGui::End();
}

void draw_staff(const Ui& ui, const StaffView& view) {
    begin_screen(ui, "staff");
    const StaffPage page = ui.state.staff.page;
    if (page == StaffPage::pin) {
        draw_pin_pad(ui, view);
        end_screen();
        return;
    }
    staff_bar(ui, page);
    switch (page) {
        case StaffPage::pin:
        case StaffPage::status:
            draw_status(ui, view);
            break;
        case StaffPage::notices:
            draw_notice_list(ui, view);
            break;
        case StaffPage::notice_edit:
            draw_notice_editor(ui, view);
            break;
        case StaffPage::settings:
            draw_settings(ui, view);
            break;
        case StaffPage::usage:
            draw_usage(ui, view);
            break;
    }
    end_screen();
    // Dialogs go over the finished screen, as the visitor screens' do.
    const StaffState& staff = ui.state.staff;
    if (page == StaffPage::notice_edit && staff.draft && staff.date_picker) draw_date_picker(ui);
    if (page == StaffPage::notices && staff.confirm_delete)
        confirm(ui, "staff_delete", "staff.confirm_delete",
                {"notice.confirm_delete", "close", "staff.delete", ConfirmDelete{}},
                {"notice.keep", "back", "staff.keep", CancelDelete{}});
    // Ending the kiosk takes a second, deliberate tap.
    if (staff.confirm_exit)
        confirm(ui, "staff_exit", "staff.confirm_exit",
                {"exit.confirm", "close", "staff.exit", ExitToDesktop{}},
                {"exit.cancel", "back", "staff.cancel", AskExit{false}});
}

}  // namespace guichet::kiosk
