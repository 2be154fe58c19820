// SPDX-License-Identifier: GPL-3.0-or-later
// Staff mode: the PIN pad, then a bar of pages (status, notices, settings, usage) with Leave
// and Exit to the desktop always in reach. Every control is a 9 mm target with a word beside
// its icon; nothing needs a physical keyboard. One file per page in this folder.
#include "staff/staff_screens.h"

#include "staff_pages.h"

namespace guichet::kiosk {

using namespace staff_pages;

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
    if (page != StaffPage::notice_edit || !notice_editor_takes_whole_screen(ui))
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
    if (page == StaffPage::notice_edit && staff.draft && staff.time_picker) draw_time_picker(ui);
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
