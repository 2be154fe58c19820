// SPDX-License-Identifier: GPL-3.0-or-later
// What visitors see of the notices staff wrote here: a list (each opens in full), the one
// notice, and the pinned ones as a band on the home screen. Text comes in the visitor's
// language or, with the fallback note, in the nearest one the notice has.
#include <algorithm>
#include <cmath>

#include "kiosk/dates.h"
#include "visitor/screens.h"
#include "widgets/icons.h"

namespace guichet::kiosk {
namespace {

float card(const Ui& ui, const NoticeCard& notice, const std::string& target, float width,
           bool full) {
    const Theme& theme = ui.theme;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(1, theme.gap * 0.3f));
    ImGui::Indent(theme.gap);
    const float inner = width - theme.gap * 2;
    // A card in a list is one target and must be seen whole in its view: where the title and
    // the language note leave too little room (large text on a short screen), the date goes,
    // then the excerpt; the notice opens in full with a tap.
    bool with_excerpt = full || !notice.body.empty();
    bool with_date = true;
    if (!full) {
        TextStyle wrap;
        wrap.wrap = inner;
        const float line = theme.body->FontSize + ImGui::GetStyle().ItemSpacing.y;
        const float fixed = text_size(theme.bold, theme.bold->FontSize, notice.title, wrap).y +
                            (notice.fell_back ? line * 2 + theme.gap : 0) + theme.gap * 1.2f;
        const float view = ui.touch.scroll_view_height() - theme.gap;
        if (fixed + line * (with_excerpt ? 2 : 1) > view) with_date = false;
        if (fixed + line * (with_excerpt ? 1 : 0) > view) with_excerpt = false;
    }
    wrapped_text(theme.bold, theme.palette.text, notice.title, inner);
    // In full and on the home screen alike: the visitor sees it is not in their language.
    if (notice.fell_back) draw_fallback_note(ui, notice.shown_language_name, inner);
    if (full) {
        wrapped_text(theme.body, theme.palette.text, notice.body, inner);
    } else if (with_excerpt) {
        wrapped_text(theme.body, theme.palette.text_muted,
                     excerpt_text(theme.body, notice.body, inner), inner);
    }
    if (with_date) {
        // Its days and times beside its last day: "Tuesday · 09:00–12:00".
        std::string when =
            format1(ui.t("notice_until"), format_calendar_day(notice.end_day, ui.language));
        const std::string schedule =
            schedule_text(notice.weekdays, notice.start_minute, notice.end_minute,
                          [&](std::string_view key) { return std::string(ui.t(key)); });
        if (!schedule.empty()) when += " · " + schedule;
        wrapped_text(theme.body, theme.palette.text_muted, when, inner);
    }
    ImGui::Unindent(theme.gap);
    ImGui::EndGroup();
    const float h = std::max(theme.target, ImGui::GetItemRectSize().y + theme.gap * 0.3f);
    bool pressed = false;
    if (!full) {
        ImGui::SetCursorScreenPos(min);
        ImGui::PushID(target.c_str());
        if (ImGui::InvisibleButton("##notice", ImVec2(width, h)))
            ui.act(action::Open{{Screen::notices, std::to_string(notice.id)}});
        pressed = ImGui::IsItemActive() && ImGui::IsItemHovered();
        ImGui::PopID();
        ui.touch.add_target(target, min, ImVec2(min.x + width, min.y + h));
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // A thick band at the start edge marks a notice of this office, beside the central content.
    const float band = theme.gap * 0.4f;
    const float band_x = ui.start_x(min.x, width, band);
    draw->AddRectFilled(ImVec2(band_x, min.y), ImVec2(band_x + band, min.y + h),
                        theme.palette.warning);
    draw->AddRect(min, ImVec2(min.x + width, min.y + h),
                  pressed ? theme.palette.focus : theme.palette.border, theme.rounding, 0,
                  pressed ? 3.0f : 1.5f);
    ImGui::Dummy(ImVec2(0, theme.gap * 0.3f));
    return h;
}

}  // namespace

void draw_notices(const Ui& ui, const std::vector<NoticeCard>& notices,
                  const std::optional<NoticeCard>& open) {
    const Theme& theme = ui.theme;
    begin_screen(ui, "notices");
    draw_top_bar(ui, open ? open->title : std::string(ui.t("notices")), "news");
    const float width = ImGui::GetContentRegionAvail().x - theme.px_per_mm * 3;
    ui.touch.begin_scroll(scroll_key(ui.state.route, "notices"),
                          ImVec2(0, ImGui::GetContentRegionAvail().y));
    if (open) {
        card(ui, *open, "notice", width, true);
    } else if (!ui.state.route.id.empty() || notices.empty()) {
        wrapped_text(theme.body, theme.palette.text_muted, ui.t("no_notices"));
    } else {
        for (size_t i = 0; i < notices.size(); ++i)
            card(ui, notices[i], "notice." + std::to_string(i), width, false);
    }
    ui.touch.end_scroll();
    end_screen();
}

float draw_pinned_notices(const Ui& ui, const std::vector<NoticeCard>& notices, float width) {
    const float start = ImGui::GetCursorPosY();
    int shown = 0;
    for (size_t i = 0; i < notices.size() && shown < 2; ++i) {
        if (!notices[i].pinned) continue;
        card(ui, notices[i], "pinned." + std::to_string(shown), width, false);
        ++shown;
    }
    return ImGui::GetCursorPosY() - start;
}

}  // namespace guichet::kiosk
