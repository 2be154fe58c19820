// SPDX-License-Identifier: GPL-3.0-or-later
// Search: the text typed so far, results as the visitor types (grouped by type, matched words
// marked with a highlight and an underline), and the on-screen keyboard of their language.
#include <algorithm>
#include <cmath>

#include "fonts/paragraph.h"
#include "visitor/screens.h"
#include "widgets/icons.h"
#include "widgets/keyboard_view.h"

namespace guichet::kiosk {
namespace {

// Text with \x01…\x02 marks, wrapped, shaped and reordered per line; marked words get a
// highlight box and an underline, wherever the line's order puts them.
// At most `max_lines` lines (0: all), the last ending in an ellipsis when more was left out
// (reported as cut text with `report_cut`: a title, unlike a snippet, is not an excerpt).
// Returns how many lines it drew.
int marked_text(const Ui& ui, ImFont* font, std::string_view text, float width, int max_lines = 0,
                bool report_cut = false) {
    const Theme& theme = ui.theme;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float fs = font->FontSize;
    // The plain text, and where its marked stretches begin and end.
    std::string plain;
    std::vector<std::pair<size_t, size_t>> marked;
    for (char c : text) {
        if (c == '\x01') {
            marked.emplace_back(plain.size(), plain.size());
        } else if (c == '\x02') {
            if (!marked.empty()) marked.back().second = plain.size();
        } else {
            plain += c == '\n' ? ' ' : c;
        }
    }
    fonts::LayoutOptions options;
    options.wrap_width = width;
    for (auto [from, to] : marked) options.breaks.push_back(from), options.breaks.push_back(to);
    std::sort(options.breaks.begin(), options.breaks.end());
    auto lines = fonts::layout_text(
        plain,
        [font](char32_t c, size_t) {
            return font->GetCharAdvance(static_cast<ImWchar>(c > 0xFFFF ? 0xFFFD : c));
        },
        options);
    if (!lines) return 0;
    auto is_marked = [&](size_t byte) {
        return std::any_of(marked.begin(), marked.end(),
                           [byte](auto r) { return byte >= r.first && byte < r.second; });
    };
    float y = 0;
    const size_t shown =
        max_lines > 0 ? std::min(lines->size(), static_cast<size_t>(max_lines)) : lines->size();
    if (report_cut && shown < lines->size()) report_cut_text(plain);
    const std::string_view ellipsis = "\u2026";
    const float ellipsis_w = text_size(font, fs, ellipsis).x;
    for (size_t index = 0; index < shown; ++index) {
        const fonts::TextLine& line = (*lines)[index];
        const float left = ui.start_x(origin.x, width, line.width);
        if (index + 1 == shown && shown < lines->size())
            draw->AddText(font, fs,
                          ImVec2(ui.right_to_left ? left - ellipsis_w - 2 : left + line.width + 2,
                                 origin.y + y),
                          theme.palette.text_muted, ellipsis.data(),
                          ellipsis.data() + ellipsis.size());
        for (const fonts::VisualRun& run : line.runs) {
            const ImVec2 at(std::round(left + run.x), origin.y + y);
            const bool mark = is_marked(run.source_begin);
            if (mark) {
                draw->AddRectFilled(ImVec2(at.x - 2, at.y),
                                    ImVec2(at.x + run.width + 2, at.y + fs * 1.1f),
                                    theme.palette.highlight, 3);
                draw->AddLine(ImVec2(at.x, at.y + fs * 1.08f),
                              ImVec2(at.x + run.width, at.y + fs * 1.08f), theme.palette.text,
                              2.0f);
            }
            draw->AddText(
                font, fs, at,
                mark && theme.high_contrast ? theme.palette.accent_text : theme.palette.text,
                run.text.data(), run.text.data() + run.text.size());
        }
        y += fs * 1.25f;
    }
    ImGui::Dummy(ImVec2(width, std::max(0.0f, y - fs * 1.25f) + fs * 1.3f));
    return static_cast<int>(shown);
}

// The field: what has been typed, with a caret, and a hint while empty; the end of a text
// longer than the field stays in view, where the visitor is typing.
void draw_field(const Ui& ui, ImVec2 min, ImVec2 max) {
    const Theme& theme = ui.theme;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float width = max.x - min.x, height = max.y - min.y;
    fill_rounded_rect(draw, min, max, theme.palette.surface, theme.rounding);
    draw->AddRect(min, max, theme.palette.accent, theme.rounding, 0, 3.0f);
    const float icon = std::min(theme.body->FontSize * 1.3f, height * 0.6f);
    // The magnifier at the start edge, the words after it (mirrored in Arabic).
    draw_icon(draw, "search",
              ImVec2(ui.start_x(min.x, width, icon, theme.gap) + icon / 2, min.y + height / 2),
              icon, theme.palette.text_muted);
    const float text_room = std::max(0.0f, width - icon - theme.gap * 3);
    const float text_left = ui.start_x(min.x, width, text_room, icon + theme.gap * 2);
    draw->PushClipRect(ImVec2(text_left - 4, min.y), ImVec2(text_left + text_room + 4, max.y),
                       true);
    TextStyle start;
    start.box_width = text_room;
    if (ui.state.search_text.empty()) {
        const std::string hint = fit_text(theme.body, ui.t("search_hint"), text_room);
        draw_text(draw, theme.body, theme.body->FontSize,
                  ImVec2(text_left, min.y + (height - theme.body->FontSize) / 2),
                  theme.palette.text_muted, hint, start);
    } else {
        // What was typed, shaped; the caret after its last letter in its own direction (left
        // of Arabic words, right of Latin ones).
        // The title face while the words fit in it, then bold body text.
        const std::string& typed = ui.state.search_text;
        ImFont* font =
            theme.title->FontSize <= height * 0.8f &&
                    text_size(theme.title, theme.title->FontSize, typed).x <= text_room - 8
                ? theme.title
                : theme.bold;
        const float y = min.y + (height - font->FontSize) / 2;
        const bool typed_rtl =
            fonts::first_strong_direction(typed) == fonts::TextDirection::right_to_left;
        const float w = text_size(font, font->FontSize, typed).x;
        // Longer than the field: its end shows, the start slides out of view.
        float x = ui.start_x(text_left, text_room, w);
        if (w > text_room - 8) x = typed_rtl ? text_left + 8 : text_left + text_room - 8 - w;
        draw_text(draw, font, font->FontSize, ImVec2(x, y), theme.palette.text, typed);
        const float caret = typed_rtl ? x - 6 : x + w + 3;
        draw->AddRectFilled(ImVec2(caret, y), ImVec2(caret + 3, y + font->FontSize),
                            theme.palette.text);
    }
    draw->PopClipRect();
    // With the keyboard away, a tap on the field brings it back, as on a phone.
    if (ui.state.keyboard_hidden) {
        ImGui::SetCursorScreenPos(min);
        if (ImGui::InvisibleButton("##field", ImVec2(width, height)))
            ui.act(action::ShowKeyboard{true});
        ui.touch.add_target("search_field", min, max);
    }
}

// A target of the results column as wide as its words (a finger's width at least, the column's
// at most: then they shrink, and are cut and reported only past that), at the start edge.
bool search_target(const Ui& ui, std::string_view target, std::string_view icon,
                   std::string_view label, float width) {
    const Theme& theme = ui.theme;
    const float icon_w =
        icon.empty() ? 0 : std::min(theme.target * 0.6f, theme.bold->FontSize * 1.5f);
    const float words = text_size(theme.bold, theme.bold->FontSize, label).x;
    const float w = std::min(width, std::max(theme.target * 2, words + icon_w + theme.gap * 2.5f));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(ui.start_x(at.x, width, w), at.y));
    const bool tapped = ui.touch.button(target, icon, label, ImVec2(w, theme.target));
    ImGui::SetCursorScreenPos(ImVec2(at.x, ImGui::GetCursorScreenPos().y));
    ImGui::Dummy(ImVec2(0, theme.gap * 0.2f));
    return tapped;
}

// Above the results, when a word was read as the content's own: what was searched, and a
// target that searches the words exactly as typed.
void draw_correction(const Ui& ui, const SearchView& view, float width) {
    const Theme& theme = ui.theme;
    marked_text(ui, theme.body,
                format1(ui.t("search_showing_for"), "\x01" + view.corrected_query + "\x02"), width);
    if (search_target(ui, "search_instead", "search",
                      format1(ui.t("search_instead_for"), view.typed_query), width))
        ui.act(action::SearchExact{});
    ImGui::Dummy(ImVec2(0, theme.gap * 0.3f));
}

// Nothing found, and never a dead end: words the visitor may have meant, the nearest areas,
// and the centre's own entry, to ask a person.
void draw_no_results_help(const Ui& ui, const SearchView& view, float width) {
    const Theme& theme = ui.theme;
    if (!view.suggestions.empty()) {
        wrapped_text(theme.bold, theme.palette.text, ui.t("did_you_mean"), width);
        for (std::size_t i = 0; i < view.suggestions.size(); ++i)
            if (search_target(ui, "suggestion." + std::to_string(i), "search", view.suggestions[i],
                              width))
                ui.act(action::SearchFor{view.suggestions[i]});
    }
    if (!view.nearest_categories.empty()) {
        wrapped_text(theme.bold, theme.palette.text, ui.t("search_areas"), width);
        for (const HomeTile& area : view.nearest_categories)
            if (search_target(ui, "area." + area.category_id, area.icon, area.title, width))
                ui.act(action::Open{{area.opens_directory ? Screen::directory : Screen::category,
                                     area.opens_directory ? "" : area.category_id}});
    }
    if (view.ask_here) {
        wrapped_text(theme.bold, theme.palette.text, ui.t("search_ask_here"), width);
        if (search_target(ui, "ask_here", "institutions", view.ask_here->title, width))
            ui.act(action::Open{{Screen::detail, view.ask_here->id}});
    }
}

// The results, grouped by type, in a scroll region `height` tall.
void draw_results(const Ui& ui, const SearchView& view, float height) {
    const Theme& theme = ui.theme;
    const std::vector<SearchGroup>& results = view.groups;
    ui.touch.begin_scroll(scroll_key(ui.state.route, "results"), ImVec2(0, height));
    const float bar_room = theme.px_per_mm * 3;  // the scroll bar, at the end edge
    const float width = ImGui::GetContentRegionAvail().x - bar_room;
    if (ui.right_to_left) ImGui::Indent(bar_room);
    if (view.corrected()) draw_correction(ui, view, width);
    if (!ui.state.search_text.empty() && results.empty()) {
        wrapped_text(theme.body, theme.palette.text_muted, ui.t("no_results"), width);
        draw_no_results_help(ui, view, width);
    }
    // An entry is a title and two lines of what matched in it: the whole text is one tap away,
    // and an entry stays shorter than the view it scrolls in (large text on a 7-inch panel
    // leaves room for the title and one line, or the title alone).
    const float view_h = ui.touch.scroll_view_height() - theme.gap;
    const float title_line = theme.bold->FontSize * 1.25f, body_line = theme.body->FontSize * 1.25f;
    // A title wraps in full as far as the view holds it (a cut one is reported).
    const int title_most = std::max(1, static_cast<int>(view_h / title_line));
    int index = 0;
    for (const SearchGroup& group : results) {
        wrapped_text(theme.title, theme.palette.text, ui.t("type." + group.type));
        for (const SearchRow& row : group.rows) {
            const ImVec2 min = ImGui::GetCursorScreenPos();
            ImGui::BeginGroup();
            ImGui::Dummy(ImVec2(0, theme.gap * 0.3f));
            ImGui::Indent(theme.gap);
            const int title_lines =
                marked_text(ui, theme.bold, row.title, width - theme.gap * 2, title_most, true);
            const int snippet_most =
                std::min(2, static_cast<int>((view_h - theme.gap * 0.6f - title_lines * title_line -
                                              theme.bold->FontSize * 0.05f) /
                                             body_line));
            if (!row.snippet.empty() && snippet_most > 0)
                marked_text(ui, theme.body, row.snippet, width - theme.gap * 2, snippet_most);
            ImGui::Unindent(theme.gap);
            ImGui::EndGroup();
            const float h = std::max(theme.target, ImGui::GetItemRectSize().y + theme.gap * 0.3f);
            // The whole entry is one target, laid over what was drawn.
            ImGui::SetCursorScreenPos(min);
            ImGui::PushID(index);
            if (ImGui::InvisibleButton("##hit", ImVec2(width, h)))
                ui.act(action::Open{
                    {group.type == "notice" ? Screen::notices : Screen::detail, row.id}});
            const bool pressed = ImGui::IsItemActive() && ImGui::IsItemHovered();
            ImGui::PopID();
            ui.touch.add_target("result." + std::to_string(index), min,
                                ImVec2(min.x + width, min.y + h));
            ui.touch.add_target("item." + row.id, min, ImVec2(min.x + width, min.y + h));
            ImGui::GetWindowDrawList()->AddRect(
                min, ImVec2(min.x + width, min.y + h),
                pressed ? theme.palette.focus : theme.palette.border, theme.rounding, 0,
                pressed ? 3.0f : 1.0f);
            ImGui::Dummy(ImVec2(0, theme.gap * 0.2f));
            ++index;
        }
    }
    if (ui.right_to_left) ImGui::Unindent(bar_room);
    ui.touch.end_scroll();
}

// A full-width button of its own row (icon and words), `height` tall.
void wide_button(const Ui& ui, std::string_view target, std::string_view icon,
                 std::string_view label, float height) {
    const float width = ImGui::GetContentRegionAvail().x;
    if (ui.touch.button(target, icon, label, ImVec2(width, height))) {
        ui.act(action::ShowKeyboard{target == "keyboard"});
    }
}

}  // namespace

void draw_search(const Ui& ui, const SearchView& view) {
    const std::vector<SearchGroup>& results = view.groups;
    const Theme& theme = ui.theme;
    begin_screen(ui, "search");
    // The field stands where the title would: in the bar's row where the buttons leave it a
    // third of the width, else on the row below them.
    draw_top_bar(
        ui, ui.t("search"), "search", [&ui](ImVec2 min, ImVec2 max) { draw_field(ui, min, max); },
        0.3f);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (ui.state.keyboard_hidden) {
        // Reading: the results take the screen, a button under them brings the keyboard back.
        const float button_h = std::max(theme.target, std::min(theme.button, avail.y * 0.2f));
        draw_results(ui, view, std::max(theme.target, avail.y - button_h - theme.gap));
        wide_button(ui, "keyboard", "keyboard", ui.t("keyboard"), button_h);
        end_screen();
        return;
    }
    const KeyboardLayout& layout = keyboard_for(ui.language);
    const float keyboard_w = std::min(avail.x, theme.button * 16);
    // The keyboard takes at most 60 % of what is below the bar, so results stay in view; on a
    // screen too small for that, all but a target's height for the results (their count).
    const float keyboard_max_h = avail.y * 0.6f;
    const float keyboard_most_h = std::max(keyboard_max_h, avail.y - theme.target - theme.gap);
    const float keys_h = keyboard_height(ui, layout, keyboard_w, keyboard_max_h, keyboard_most_h);

    // Results take what the keyboard leaves. Where that is less than one whole entry (a short
    // screen), a slice of a list would show nothing whole: one button says how many there are
    // and puts the keyboard away to show them.
    const float results_h = std::max(theme.target, avail.y - keys_h - theme.gap);
    const float entry_h = (theme.bold->FontSize + theme.body->FontSize * 2) * 1.25f + theme.gap;
    std::size_t found = 0;
    for (const SearchGroup& group : results) found += group.rows.size();
    if (results_h >= entry_h + theme.title->FontSize * 1.3f) {
        draw_results(ui, view, results_h);
    } else {
        const float top = ImGui::GetCursorPosY();
        if (found > 0) {
            wide_button(ui, "show_results", "",
                        format1(ui.t("show_results"), std::to_string(found)),
                        std::min(results_h, std::max(theme.target, theme.button)));
        } else if (!ui.state.search_text.empty() &&
                   (!view.suggestions.empty() || !view.nearest_categories.empty() ||
                    view.ask_here)) {
            // Nothing found, but somewhere to go: the keyboard makes way for it.
            wide_button(ui, "show_results", "search", ui.t("search_see_help"),
                        std::min(results_h, std::max(theme.target, theme.button)));
        } else if (!ui.state.search_text.empty()) {
            wrapped_text(theme.body, theme.palette.text_muted, ui.t("no_results"));
        }
        // The same room a list would have taken, so the keyboard stays where it was.
        ImGui::SetCursorPosY(top);
        ImGui::Dummy(ImVec2(0, results_h));
    }

    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail.x - keyboard_w) / 2);
    draw_keyboard(ui, layout, keyboard_w, keyboard_max_h, action::ShowKeyboard{false},
                  keyboard_most_h);
    end_screen();
}

}  // namespace guichet::kiosk
