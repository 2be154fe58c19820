// SPDX-License-Identifier: GPL-3.0-or-later
// The directory of institutions: a row of filter buttons (country, city, kind, service,
// language spoken) above the list; a filter opens a picker of the values the content has.
#include <algorithm>
#include <cmath>

#include "visitor/screens.h"
#include "widgets/icons.h"

namespace guichet::kiosk {
namespace {

constexpr FilterField kFields[] = {FilterField::country, FilterField::city, FilterField::kind,
                                   FilterField::service, FilterField::spoken_language};

const char* field_key(FilterField field) {
    switch (field) {
        case FilterField::country:
            return "country";
        case FilterField::city:
            return "city";
        case FilterField::kind:
            return "kind";
        case FilterField::service:
            return "service";
        case FilterField::spoken_language:
            return "spoken_language";
    }
    return "?";
}

void draw_filter_picker(const Ui& ui, const DirectoryModel& model) {
    const Theme& theme = ui.theme;
    if (dim_background(ui, "filter_dim")) ui.act(action::CloseFilterPicker{});
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float width = std::min(viewport->Size.x - theme.margin * 2, theme.body->FontSize * 34);
    const float height = viewport->Size.y - theme.margin * 2;
    begin_dialog(
        ui, "filter_picker",
        ImVec2(viewport->Pos.x + (viewport->Size.x - width) / 2, viewport->Pos.y + theme.margin),
        ImVec2(width, height));
    const ImVec2 min = ImGui::GetWindowPos();
    ImGui::GetWindowDrawList()->AddRect(min, ImVec2(min.x + width, min.y + height),
                                        theme.palette.accent, theme.rounding, 0, 4.0f);
    const std::string field = std::string("field.") + field_key(ui.state.open_filter);
    wrapped_text(theme.title, theme.palette.text, ui.t(field));
    const float button_w = ImGui::GetContentRegionAvail().x;
    ui.touch.begin_scroll("directory/filter/" + std::string(field_key(ui.state.open_filter)),
                          ImVec2(0, ImGui::GetContentRegionAvail().y - theme.button - theme.gap));
    if (ui.right_to_left) ImGui::Indent(theme.gap);  // the scroll bar's room, at the end edge
    if (ui.touch.button("option.any", "", ui.t("any"), ImVec2(button_w - theme.gap, theme.button)))
        ui.act(action::SetFilter{ui.state.open_filter, ""});
    for (const FilterOption& option : model.open_options) {
        if (ui.touch.button("option." + option.value, "", option.label,
                            ImVec2(button_w - theme.gap, theme.button)))
            ui.act(action::SetFilter{ui.state.open_filter, option.value});
    }
    if (ui.right_to_left) ImGui::Unindent(theme.gap);
    ui.touch.end_scroll();
    if (ui.touch.button("close", "close", ui.t("close"), ImVec2(button_w, theme.button),
                        ButtonLook::primary))
        ui.act(action::CloseFilterPicker{});
    ImGui::End();
}

}  // namespace

void draw_directory(const Ui& ui, const DirectoryModel& model, const RowFetcher& fetch,
                    const std::function<std::string(std::string_view)>& language_name) {
    const Theme& theme = ui.theme;
    begin_screen(ui, "directory");
    draw_top_bar(ui, model.header.title, model.header.icon);
    // Filter buttons wrap onto as many rows as the width needs, from the start edge (the
    // right, in Arabic). Where they would leave the list less than half the screen (800x480,
    // large text), they scroll away with it instead of standing over it.
    const float avail_h = ImGui::GetContentRegionAvail().y;
    const float full_width = ImGui::GetContentRegionAvail().x;
    struct Chip {
        FilterField field;
        std::string label;
        bool active = false;
        float width = 0;
    };
    std::vector<Chip> chips;
    float chip_rows = 1, chips_w = 0;
    for (FilterField field : kFields) {
        Chip chip{field, std::string(ui.t(std::string("field.") + field_key(field))) + ": "};
        for (const auto& [active_field, value_label] : model.active_labels)
            if (active_field == field) chip.label += value_label, chip.active = true;
        if (!chip.active) chip.label += ui.t("any");
        chip.width = text_size(theme.bold, theme.bold->FontSize, chip.label).x + theme.gap * 2.2f +
                     theme.bold->FontSize * 1.5f;
        if (chips_w > 0 && chips_w + chip.width > full_width) ++chip_rows, chips_w = 0;
        chips_w += chip.width + theme.gap;
        chips.push_back(std::move(chip));
    }
    for (const char* key : {"near_me", "in_this_city", "map.show"}) {
        if (std::string_view(key) != "map.show" &&
            (!model.near_me || (std::string_view(key) == "in_this_city" && model.here_city.empty())))
            continue;
        const float w = text_size(theme.bold, theme.bold->FontSize, ui.t(key)).x +
                        theme.gap * 2.2f + theme.bold->FontSize * 1.5f;
        if (chips_w > 0 && chips_w + w > full_width) ++chip_rows, chips_w = 0;
        chips_w += w + theme.gap;
    }
    // The clear button (counted as a row of its own) and the count line take room too.
    const float filters_h =
        (chip_rows + (model.active_labels.empty() ? 0 : 1)) * (theme.button + theme.gap) +
        theme.body->FontSize * 1.5f;
    const bool filters_scroll = filters_h > avail_h * 0.5f;
    auto draw_filters = [&] {
        const float row_left = ImGui::GetCursorScreenPos().x;
        const float row_width =
            ImGui::GetContentRegionAvail().x - (filters_scroll ? theme.px_per_mm * 2.5f : 0);
        float offset = 0, row_y = ImGui::GetCursorScreenPos().y;
        auto place = [&](float w) {
            if (offset > 0 && offset + w > row_width)
                offset = 0, row_y += theme.button + theme.gap * 0.6f;
            ImGui::SetCursorScreenPos(ImVec2(ui.start_x(row_left, row_width, w, offset), row_y));
            offset += w + theme.gap;
        };
        for (const Chip& chip : chips) {
            // Never wider than the row: a long label's words shrink inside the button instead.
            const float w = std::min(chip.width, row_width);
            place(w);
            if (ui.touch.button(std::string("filter.") + field_key(chip.field), "filter",
                                chip.label, ImVec2(w, theme.button),
                                chip.active ? ButtonLook::selected : ButtonLook::normal))
                ui.act(action::OpenFilterPicker{chip.field});
        }
        // The kiosk's own place: nearest first, and its city.
        auto toggle = [&](const char* target, const char* icon, std::string_view label, bool on) {
            const float w = std::min(row_width, text_size(theme.bold, theme.bold->FontSize, label).x +
                                                    theme.gap * 2.2f + theme.bold->FontSize * 1.5f);
            place(w);
            return ui.touch.button(target, icon, label, ImVec2(w, theme.button),
                                   on ? ButtonLook::selected : ButtonLook::normal);
        };
        if (model.near_me &&
            toggle("near_me", "regional", ui.t("near_me"), ui.state.directory_filter.nearest))
            ui.act(action::ToggleNearest{});
        const bool in_city =
            !model.here_city.empty() && ui.state.directory_filter.city == model.here_city;
        if (!model.here_city.empty() &&
            toggle("in_this_city", "institutions", ui.t("in_this_city"), in_city))
            ui.act(action::SetFilter{FilterField::city, in_city ? "" : model.here_city});
        // The same institutions, under the same filters, on the map.
        if (toggle("open_map", "regional", ui.t("map.show"), false))
            ui.act(action::Open{{Screen::map, ""}});
        if (!model.active_labels.empty()) {
            const std::string label(ui.t("clear_filters"));
            const float w = text_size(theme.bold, theme.bold->FontSize, label).x +
                            theme.gap * 2.2f + theme.bold->FontSize * 1.5f;
            place(std::min(w, row_width));
            if (ui.touch.button("clear_filters", "close", label,
                                ImVec2(std::min(w, row_width), theme.button)))
                ui.act(action::ClearFilters{});
        }
        ImGui::SetCursorScreenPos(ImVec2(row_left, row_y + theme.button + theme.gap * 0.6f));
        wrapped_text(theme.body, theme.palette.text_muted,
                     format1(ui.t("items_count"), std::to_string(model.header.total)));
    };
    if (!filters_scroll) draw_filters();
    draw_rows(ui, scroll_key(ui.state.route, "list"), model.header.total, fetch, language_name,
              ImVec2(0, ImGui::GetContentRegionAvail().y),
              filters_scroll ? std::function<void()>(draw_filters) : std::function<void()>());
    end_screen();
    if (ui.state.filter_picker_open) draw_filter_picker(ui, model);
}

}  // namespace guichet::kiosk
