// SPDX-License-Identifier: GPL-3.0-or-later
// The settings page: default language, languages offered, idle timeout, screen rotation, and
// read aloud's speed and volume.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "staff_pages.h"
#include "widgets/icons.h"

namespace guichet::kiosk::staff_pages {

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
    // Read aloud: staff's speed and volume; a visitor's louder/quieter apply on top of it.
    const auto stepper = [&](std::string_view title, const char* less, const char* more,
                             const std::string& less_label, const std::string& more_label,
                             const std::string& value, const StaffAction& down,
                             const StaffAction& up) {
        ImGui::Dummy(ImVec2(1, theme.gap * 0.5f));
        wrapped_text(theme.bold, theme.palette.text, title);
        if (button(ui, less, "", less_label)) act(ui, down);
        ImGui::SameLine();
        const float w = label_width(ui, value, false);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddText(
            theme.title, theme.title->FontSize,
            ImVec2(at.x + theme.gap, at.y + (theme.button - theme.title->FontSize) / 2),
            theme.palette.text, value.c_str());
        ImGui::Dummy(ImVec2(w + theme.gap, theme.button));
        if (button(ui, more, "", more_label, ButtonLook::normal, true)) act(ui, up);
    };
    stepper(ui.t("staff.speech_rate"), "speech_rate.less", "speech_rate.more", "− 20", "+ 20",
            std::to_string(settings.speech_rate), SpeechRateStep{-20}, SpeechRateStep{+20});
    stepper(ui.t("staff.speech_volume"), "speech_volume.less", "speech_volume.more", "− 10 %",
            "+ 10 %", std::to_string(settings.speech_volume) + " %", SpeechVolumeStep{-10},
            SpeechVolumeStep{+10});
    ImGui::Dummy(ImVec2(1, theme.gap));
    if (button(ui, "settings.save", "chevron", ui.t("staff.save"), ButtonLook::primary))
        act(ui, SaveSettings{});
    if (!staff.message.empty())
        framed_note(ui, message_text(ui, staff.message), staff.message_is_error, width * 0.95f);
    ui.touch.end_scroll();
}

}  // namespace guichet::kiosk::staff_pages
