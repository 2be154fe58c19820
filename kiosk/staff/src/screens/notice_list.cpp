// SPDX-License-Identifier: GPL-3.0-or-later
// The notices page: every notice with its days, to edit or delete, and New notice.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "staff_pages.h"
#include "widgets/icons.h"

namespace guichet::kiosk::staff_pages {

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
            std::string(ui.t(row.shown_now ? "staff.shown_now" : "staff.not_shown_now"));
        const std::string schedule =
            schedule_text(row.weekdays, row.start_minute, row.end_minute,
                          [&](std::string_view key) { return std::string(ui.t(key)); });
        if (!schedule.empty()) dates += " · " + schedule;
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

}  // namespace guichet::kiosk::staff_pages
