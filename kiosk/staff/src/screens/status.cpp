// SPDX-License-Identifier: GPL-3.0-or-later
// The status page: content, sync, the server, disk, uptime and versions; Sync now; the fleet
// alerts this kiosk holds (to read: none can be dismissed here).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "staff_pages.h"
#include "widgets/icons.h"

namespace guichet::kiosk::staff_pages {

namespace {

// Every alert held, shown now, later or ended, with who published it and when it runs. No
// button: an alert is withdrawn by the office that published it, never from a kiosk.
void draw_held_alerts(const Ui& ui, const std::vector<StaffAlertRow>& alerts, float width) {
    const Theme& theme = ui.theme;
    ImGui::Dummy(ImVec2(1, theme.gap));
    wrapped_text(theme.title, theme.palette.text, ui.t("staff.alerts"), width);
    if (alerts.empty()) {
        wrapped_text(theme.body, theme.palette.text_muted, ui.t("staff.no_alerts"), width);
        return;
    }
    wrapped_text(theme.body, theme.palette.text_muted, ui.t("staff.alerts_not_dismissed"), width);
    for (const StaffAlertRow& row : alerts) {
        const ImVec2 min = ImGui::GetCursorScreenPos();
        ImGui::BeginGroup();
        ImGui::Indent(theme.gap);
        ImGui::Dummy(ImVec2(1, theme.gap * 0.2f));
        const float inner = width - theme.gap * 2;
        wrapped_text(theme.bold, theme.palette.text,
                     std::string(ui.t("alert." + row.severity)) + ": " + row.title, inner);
        const std::string who = row.region.empty() ? std::string(ui.t("staff.alert_central"))
                                                   : format1(ui.t("alert.region"), row.region);
        const char* when = row.ended       ? "staff.alert_ended"
                           : row.shown_now ? "staff.shown_now"
                                           : "staff.not_shown_now";
        wrapped_text(theme.body, theme.palette.text_muted, who + " · " + std::string(ui.t(when)),
                     inner);
        // Dates and times on a line of their own: beside Arabic words "2026-12-07 00:13" would
        // be reordered; alone they read left to right in any screen.
        wrapped_text(theme.body, theme.palette.text_muted, row.from + " → " + row.until, inner);
        ImGui::Unindent(theme.gap);
        ImGui::EndGroup();
        const ImVec2 max(min.x + width, ImGui::GetItemRectMax().y + theme.gap * 0.3f);
        ImGui::GetWindowDrawList()->AddRect(
            min, max, row.severity == "urgent" ? theme.palette.warning : theme.palette.border,
            theme.rounding, 0, 1.5f);
        ImGui::SetCursorScreenPos(ImVec2(min.x, max.y + theme.gap * 0.4f));
    }
    ImGui::Dummy(ImVec2(1, 1));
}

}  // namespace

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
    draw_held_alerts(ui, s.alerts, width * 0.95f);
    if (!ui.state.staff.message.empty())
        framed_note(ui, message_text(ui, ui.state.staff.message), ui.state.staff.message_is_error,
                    width * 0.95f);
    ui.touch.end_scroll();
}

}  // namespace guichet::kiosk::staff_pages
