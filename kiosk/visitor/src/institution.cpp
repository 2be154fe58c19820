// SPDX-License-Identifier: GPL-3.0-or-later
// An institution's page, inside the detail screen's scrolling column: the name on the door
// (the visitor's translation beneath), whether it is open now, what it does, services and
// languages as words with icons, how to reach it (each phone, WhatsApp, e-mail and website
// with its own QR button), the week's hours with today marked, cost, what to bring, distance,
// and when and where the details were checked. Mirrors in Arabic through ui.start_x.
#include <algorithm>

#include "visitor/screens.h"
#include "widgets/icons.h"

namespace guichet::kiosk {
namespace {

// Words with an icon before them (after them in Arabic), as a chip that wraps with the others.
struct Chip {
    std::string icon;
    std::string words;
};

void draw_chips(const Ui& ui, const std::vector<Chip>& chips, float measure) {
    const Theme& theme = ui.theme;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float left = ImGui::GetCursorScreenPos().x;
    float y = ImGui::GetCursorScreenPos().y, offset = 0;
    const float height = theme.body->FontSize * 1.7f;
    const float icon = theme.body->FontSize * 1.1f;
    for (const Chip& chip : chips) {
        TextStyle style;
        const float words_w =
            std::min(text_size(theme.body, theme.body->FontSize, chip.words, style).x,
                     measure - icon - theme.gap * 2);
        const float w = icon + words_w + theme.gap * 1.6f;
        if (offset > 0 && offset + w > measure) offset = 0, y += height + theme.gap * 0.4f;
        const float x = ui.start_x(left, measure, w, offset);
        fill_rounded_rect(draw, ImVec2(x, y), ImVec2(x + w, y + height), theme.palette.surface,
                          height * 0.3f);
        const float icon_x = ui.right_to_left ? x + w - theme.gap * 0.5f - icon / 2
                                              : x + theme.gap * 0.5f + icon / 2;
        draw_icon(draw, chip.icon, ImVec2(icon_x, y + height / 2), icon, theme.palette.accent);
        const float words_x =
            ui.right_to_left ? x + theme.gap * 0.5f : x + theme.gap * 1.1f + icon;
        style.wrap = words_w + 1;
        style.box_width = words_w + 1;
        draw_text(draw, theme.body, theme.body->FontSize,
                  ImVec2(words_x, y + (height - theme.body->FontSize) / 2), theme.palette.text,
                  fit_text(theme.body, chip.words, words_w + 1), style);
        offset += w + theme.gap * 0.5f;
    }
    ImGui::SetCursorScreenPos(ImVec2(left, y + height + theme.gap * 0.6f));
    ImGui::Dummy(ImVec2(measure, 0));
}

void label(const Ui& ui, std::string_view key, float measure) {
    wrapped_text(ui.theme.bold, ui.theme.palette.text_muted, ui.t(key), measure);
}

// A button sized to its words, at the start edge of the column; returns whether tapped.
bool fitted_button(const Ui& ui, const std::string& target, const char* icon,
                   std::string_view words, float left, float measure, float offset, float& width,
                   ButtonLook look = ButtonLook::normal) {
    const Theme& theme = ui.theme;
    width = std::min(measure, text_size(theme.bold, theme.bold->FontSize, words).x +
                                  theme.gap * 2.5f + theme.bold->FontSize * 1.5f);
    ImGui::SetCursorScreenPos(ImVec2(ui.start_x(left, measure, width, offset),
                                     ImGui::GetCursorScreenPos().y));
    return ui.touch.button(target, icon, words, ImVec2(width, theme.button), look);
}

}  // namespace

void draw_institution_page(const Ui& ui, const DetailView& view, float measure, bool short_screen,
                           const std::function<void()>& fallback_note) {
    const Theme& theme = ui.theme;
    const InstitutionView& place = view.institution;
    const float left = ImGui::GetCursorScreenPos().x;
    // The name on the door, big; the visitor's translation of it beneath.
    wrapped_text(short_screen ? theme.bold : theme.title, theme.palette.text, place.official_name,
                 measure);
    if (!place.translated_name.empty())
        wrapped_text(theme.body, theme.palette.text_muted, place.translated_name, measure);
    if (!place.other_names.empty())
        wrapped_text(theme.body, theme.palette.text_muted,
                     std::string(ui.t("field.other_names")) + ": " + place.other_names, measure);
    if (fallback_note) fallback_note();
    if (!place.open_status.empty()) {
        // A dot of colour and the words: open in the accent colour, closed in the warning one.
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImU32 colour = place.open_now ? theme.palette.accent : theme.palette.warning;
        const float dot = theme.bold->FontSize * 0.55f;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float dot_x = ui.start_x(left, measure, dot) + dot / 2;
        draw->AddCircleFilled(ImVec2(dot_x, at.y + theme.bold->FontSize * 0.6f), dot / 2, colour);
        ImGui::SetCursorScreenPos(
            ImVec2(ui.right_to_left ? left : left + dot + theme.gap * 0.5f, at.y));
        wrapped_text(theme.bold, theme.palette.text, place.open_status,
                     measure - dot - theme.gap * 0.5f);
        ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y));
    }
    if (!view.summary.empty()) wrapped_text(theme.body, theme.palette.text, view.summary, measure);
    ImGui::Dummy(ImVec2(0, theme.gap * 0.4f));

    // Take-away: the contact card, the location and the website, each a QR code for a phone.
    {
        float offset = 0, y = ImGui::GetCursorScreenPos().y, w = 0;
        auto next = [&](const std::string& target, const char* icon, std::string_view words,
                        ButtonLook look) {
            const float want = std::min(measure, text_size(theme.bold, theme.bold->FontSize, words).x +
                                                     theme.gap * 2.5f + theme.bold->FontSize * 1.5f);
            if (offset > 0 && offset + want > measure) offset = 0, y += theme.button + theme.gap * 0.6f;
            ImGui::SetCursorScreenPos(ImVec2(left, y));
            const bool tapped = fitted_button(ui, target, icon, words, left, measure, offset, w, look);
            offset += w + theme.gap;
            return tapped;
        };
        if (!view.take_away.empty() &&
            next("qr", "qr", ui.t("qr.contact"), ButtonLook::primary))
            ui.act(action::ToggleQr{});
        if (!place.geo.empty() && next("qr.location", "regional", ui.t("qr.location"), ButtonLook::normal))
            ui.act(action::OfferLink{place.geo});
        if (!place.geo.empty() && next("open_map", "regional", ui.t("map.show"), ButtonLook::normal))
            ui.act(action::Open{{Screen::map, view.id}});
        for (const ContactLine& line : place.contacts)
            if (line.label_key == "field.website" && !line.link.empty() &&
                next("qr.website", "qr", ui.t("qr.website"), ButtonLook::normal))
                ui.act(action::OfferLink{line.link});
        ImGui::SetCursorScreenPos(ImVec2(left, y + theme.button + theme.gap * 0.8f));
        ImGui::Dummy(ImVec2(measure, 0));
    }

    if (!place.services.empty()) {
        label(ui, "field.services", measure);
        std::vector<Chip> chips;
        for (const auto& [icon, words] : place.services) chips.push_back({icon, words});
        draw_chips(ui, chips, measure);
    }
    if (!place.languages.empty()) {
        label(ui, "field.spoken_languages", measure);
        std::vector<Chip> chips;
        for (const std::string& language : place.languages) chips.push_back({"language", language});
        draw_chips(ui, chips, measure);
    }
    if (!place.address.empty()) {
        label(ui, "field.address", measure);
        wrapped_text(theme.body, theme.palette.text, place.address, measure);
        if (!place.distance.empty())
            wrapped_text(theme.body, theme.palette.text_muted, place.distance, measure);
        ImGui::Dummy(ImVec2(0, theme.gap * 0.3f));
    }

    // Each way in on its own line: the value as written, and a button with its QR code at the
    // end edge (a tel: link dials, mailto: writes, wa.me opens WhatsApp).
    int index = 0;
    for (const ContactLine& line : place.contacts) {
        label(ui, line.label_key, measure);
        const float y = ImGui::GetCursorScreenPos().y;
        const char* verb_key = line.label_key == "field.phone"      ? "qr.call"
                               : line.label_key == "field.website" ? "qr.website"
                                                                    : "qr.write";
        float button_w = 0;
        if (!line.link.empty()) {
            const std::string_view verb = ui.t(verb_key);
            button_w = std::min(measure * 0.45f, text_size(theme.bold, theme.bold->FontSize, verb).x +
                                                     theme.gap * 2.5f + theme.bold->FontSize * 1.5f);
            ImGui::SetCursorScreenPos(
                ImVec2(ui.end_x(left, measure, button_w), y));
            if (ui.touch.button("contact." + std::to_string(index), "qr", verb,
                                ImVec2(button_w, theme.button)))
                ui.act(action::OfferLink{line.link});
        }
        const float words_w = measure - (button_w > 0 ? button_w + theme.gap : 0);
        TextStyle style;
        style.wrap = words_w;
        const float words_h = text_size(theme.bold, theme.bold->FontSize, line.value, style).y;
        const float words_y = y + std::max(0.0f, (theme.button - words_h) / 2);
        ImGui::SetCursorScreenPos(
            ImVec2(ui.right_to_left && button_w > 0 ? left + button_w + theme.gap : left, words_y));
        wrapped_text(theme.bold, theme.palette.text, line.value, words_w);
        ImGui::SetCursorScreenPos(
            ImVec2(left, std::max(ImGui::GetCursorScreenPos().y,
                                  y + (button_w > 0 ? theme.button : 0)) +
                             theme.gap * 0.5f));
        ImGui::Dummy(ImVec2(measure, 0));
        ++index;
    }

    if (!place.hours.empty() || !place.hours_note.empty()) {
        label(ui, "field.hours", measure);
        // Days in one column, times in the other; today on a highlighted band.
        auto day_words = [&](const HoursRow& row) {
            return row.today ? row.day + " (" + std::string(ui.t("hours.today")) + ")" : row.day;
        };
        float day_w = 0;
        for (const HoursRow& row : place.hours)
            day_w = std::max(day_w, text_size(theme.bold, theme.bold->FontSize, day_words(row)).x);
        day_w = std::min(day_w + theme.gap * 1.5f, measure * 0.5f);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        for (const HoursRow& row : place.hours) {
            const ImVec2 at = ImGui::GetCursorScreenPos();
            TextStyle times_style;
            times_style.wrap = measure - day_w - theme.gap;
            const float line_h = std::max(
                theme.body->FontSize * 1.35f,
                text_size(theme.body, theme.body->FontSize, row.times, times_style).y +
                    theme.body->FontSize * 0.35f);
            if (row.today)
                fill_rounded_rect(draw, ImVec2(left - theme.gap * 0.3f, at.y),
                                  ImVec2(left + measure + theme.gap * 0.3f, at.y + line_h),
                                  theme.palette.highlight, theme.rounding * 0.5f);
            ImFont* font = row.today ? theme.bold : theme.body;
            const std::string day = day_words(row);
            TextStyle day_style;
            day_style.wrap = day_w;
            day_style.box_width = day_w;
            draw_text(draw, font, font->FontSize,
                      ImVec2(ui.start_x(left, measure, day_w), at.y + theme.body->FontSize * 0.17f),
                      theme.palette.text, row.today ? fit_text(font, day, day_w) : day, day_style);
            times_style.box_width = times_style.wrap;
            draw_text(draw, font, font->FontSize,
                      ImVec2(ui.start_x(left, measure, times_style.wrap, day_w + theme.gap),
                             at.y + theme.body->FontSize * 0.17f),
                      theme.palette.text, row.times, times_style);
            ImGui::SetCursorScreenPos(ImVec2(left, at.y + line_h));
            ImGui::Dummy(ImVec2(measure, 0));
        }
        if (!place.hours_note.empty())
            wrapped_text(theme.body, theme.palette.text_muted, place.hours_note, measure);
        ImGui::Dummy(ImVec2(0, theme.gap * 0.3f));
    }
    auto field = [&](const char* key, const std::string& value) {
        if (value.empty()) return;
        label(ui, key, measure);
        wrapped_text(theme.body, theme.palette.text, value, measure);
        ImGui::Dummy(ImVec2(0, theme.gap * 0.3f));
    };
    field("field.cost", place.cost);
    field("field.bring", place.bring);
    if (place.address.empty()) field("field.distance", place.distance);
    for (const DetailField& common : view.fields)
        if (common.label_key == "field.kind") field("field.kind", common.value);
    if (!place.checked.empty() || !place.source.empty()) {
        ImGui::Dummy(ImVec2(0, theme.gap * 0.5f));
        if (!place.checked.empty())
            wrapped_text(theme.body, theme.palette.text_muted, place.checked, measure);
        if (!place.source.empty())
            wrapped_text(theme.body, theme.palette.text_muted, place.source, measure);
    }
}

}  // namespace guichet::kiosk
