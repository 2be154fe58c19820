// SPDX-License-Identifier: GPL-3.0-or-later
// One item: title, the fallback note when the text is in another language, its fields
// (label above value), a chart for statistics, the body, and the take-away QR code.
#include <algorithm>
#include <cmath>

#include "visitor/screens.h"
#include "widgets/chart.h"
#include "widgets/icons.h"

namespace guichet::kiosk {
namespace {

// The take-away dialog: a QR code of `text` (or the text itself when it cannot be drawn as
// one), with the text written out under it when `show_text`. Stacked (words, code, Close)
// where the screen is tall enough for a code half its short side; on a short landscape screen
// (800x480) the code takes the dialog's full height on the start side and the words and Close
// stand beside it, so a phone still reads it.
void draw_qr_overlay(const Ui& ui, std::string_view heading, const std::string& text,
                     const std::function<void(ImDrawList*, ImVec2, float)>& draw_qr, bool show_text,
                     const Action& close) {
    const Theme& theme = ui.theme;
    if (dim_background(ui, "qr_dim")) ui.act(close);
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 screen = viewport->Size;
    // Half the short side, or in portrait most of the width: a 480 px panel needs all of it
    // for 4 px a module.
    const float side =
        screen.y > screen.x ? screen.x - theme.margin * 4 : std::min(screen.x, screen.y) * 0.5f;
    const float text_h = show_text ? theme.body->FontSize * 2.6f : 0;
    const float stacked_h =
        side + theme.button * 2 + theme.title->FontSize * 3 + theme.margin * 2 + text_h;
    const bool beside = stacked_h > screen.y - theme.margin * 2 && screen.x > screen.y;
    const float width = beside ? screen.x - theme.margin * 2
                               : std::min(screen.x - theme.margin * 2, side + theme.margin * 6);
    const float height =
        beside ? screen.y - theme.margin * 2 : std::min(screen.y - theme.margin * 2, stacked_h);
    begin_dialog(
        ui, "qr",
        ImVec2(viewport->Pos.x + (screen.x - width) / 2, viewport->Pos.y + (screen.y - height) / 2),
        ImVec2(width, height));
    const ImVec2 min = ImGui::GetWindowPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRect(min, ImVec2(min.x + width, min.y + height), theme.palette.accent, theme.rounding,
                  0, 4.0f);
    const ImVec2 padding = ImGui::GetStyle().WindowPadding;
    // Beside: the code's square on the start side, the words in a column at the end side.
    const float qr_beside = std::min(height - padding.y * 2, width * 0.45f);
    const float column_w = beside ? width - qr_beside - padding.x * 3 : width - padding.x * 2;
    const float column_x =
        beside ? ui.start_x(min.x, width, column_w, qr_beside + padding.x * 2) : min.x + padding.x;
    // Beside the code the heading is in the title face where it leaves room above Close for
    // the hint (and the link), else in bold body text.
    const float words_room = height - padding.y * 2 - theme.button - theme.margin;
    auto tall = [&](ImFont* font, std::string_view words) {
        TextStyle wrap;
        wrap.wrap = column_w;
        return text_size(font, font->FontSize, words, wrap).y + theme.gap * 0.5f;
    };
    const float rest_h =
        tall(theme.body, ui.t("scan_hint")) + (show_text && beside ? tall(theme.body, text) : 0);
    ImFont* heading_font =
        !beside || tall(theme.title, heading) + rest_h <= words_room ? theme.title : theme.bold;
    ImGui::SetCursorScreenPos(ImVec2(column_x, min.y + padding.y));
    wrapped_text(heading_font, theme.palette.text, heading, column_w);
    // The hint goes where even then it would run under Close: the heading and the code say it.
    if (!beside || tall(heading_font, heading) + rest_h <= words_room) {
        ImGui::SetCursorScreenPos(ImVec2(column_x, ImGui::GetCursorScreenPos().y));
        wrapped_text(theme.body, theme.palette.text_muted, ui.t("scan_hint"), column_w);
    }
    const float qr_side = beside ? qr_beside
                                 : std::min(side, ImGui::GetContentRegionAvail().y - theme.button -
                                                      theme.gap * 2 - text_h);
    const ImVec2 at = beside ? ImVec2(ui.start_x(min.x, width, qr_side, padding.x),
                                      min.y + (height - qr_side) / 2)
                             : ImVec2(min.x + (width - qr_side) / 2,
                                      ImGui::GetCursorScreenPos().y + theme.gap * 0.5f);
    if (draw_qr) {
        draw_qr(draw, at, qr_side);
        if (show_text) {
            // Written out too, for a phone without a camera or a visitor who copies it down.
            ImFont* font = theme.body;
            TextStyle centred;
            centred.wrap = beside ? column_w : width - theme.margin * 2;
            centred.box_width = centred.wrap;
            centred.align = beside ? TextAlign::start : TextAlign::center;
            const ImVec2 words_at =
                beside ? ImVec2(column_x, ImGui::GetCursorScreenPos().y + theme.gap * 0.5f)
                       : ImVec2(min.x + theme.margin, at.y + qr_side + theme.gap * 0.5f);
            draw_text(draw, font, font->FontSize, words_at, theme.palette.text, text, centred);
        }
    } else {
        // Without the QR widget, the text itself, so the visitor can still copy it down.
        ImGui::SetCursorScreenPos(at);
        wrapped_text(theme.body, theme.palette.text, text, qr_side);
    }
    const float close_w = beside ? column_w : width - theme.margin * 2;
    ImGui::SetCursorScreenPos(ImVec2(beside ? column_x : min.x + theme.margin,
                                     min.y + height - theme.button - theme.margin * 0.6f));
    if (ui.touch.button("close", "close", ui.t("close"), ImVec2(close_w, theme.button),
                        ButtonLook::primary))
        ui.act(close);
    ImGui::End();
}

// What the visitor's phone will do with a link, as the dialog's heading: call, write, find the
// place, chat on WhatsApp, or open a page.
std::string_view link_heading(std::string_view link) {
    if (link.rfind("tel:", 0) == 0) return "qr.call";
    if (link.rfind("mailto:", 0) == 0) return "qr.write";
    if (link.rfind("geo:", 0) == 0) return "qr.location";
    if (link.rfind("https://wa.me/", 0) == 0) return "field.whatsapp";
    return "open_link";
}

void draw_overlays(const Ui& ui, const DetailView& view, const DetailExtras& extras) {
    if (ui.state.qr_open)
        draw_qr_overlay(ui, view.is_institution ? ui.t("qr.contact") : ui.t("take_away"),
                        view.take_away, extras.draw_qr, false, action::ToggleQr{});
    else if (!ui.state.offered_link.empty())
        draw_qr_overlay(ui, ui.t(link_heading(ui.state.offered_link)), ui.state.offered_link,
                        extras.draw_link_qr, true, action::OfferLink{""});
}

}  // namespace

void draw_detail(const Ui& ui, const DetailView& view, const DetailExtras& extras) {
    const Theme& theme = ui.theme;
    begin_screen(ui, "detail");
    // The bar names the kind of item; the title itself is shown once, in full, below it.
    draw_top_bar(ui, ui.t("type." + view.type), view.icon);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // A comfortable measure: about 70 characters per line, centred on wide screens.
    const char* alphabet = "abcdefghijklmnopqrstuvwxyz";
    const float average_char =
        theme.body->CalcTextSizeA(theme.body->FontSize, FLT_MAX, 0, alphabet).x / 26.0f;
    const float bar_room = theme.px_per_mm * 3;  // the scroll bar, at the end edge
    const float measure = std::min(avail.x - bar_room, 70.0f * average_char);
    // Centred; right to left, the scroll bar runs down the left edge, so the column keeps its
    // room there (a left-to-right body, English falling back, starts at that edge).
    const float indent = std::max(ui.right_to_left ? bar_room : 0.0f,
                                  (avail.x - measure) / 2 - theme.gap);

    ui.touch.begin_scroll(scroll_key(ui.state.route, "body"), ImVec2(0, avail.y));
    if (indent > 0) ImGui::Indent(indent);
    // A short screen (800x480) holds fewer than 12 lines below the bar: the title in bold body
    // text and the summary in plain, so the words start sooner (8 lines at 800x480).
    const bool short_screen = avail.y < theme.body->FontSize * 1.3f * 12;
    if (view.is_institution) {
        draw_institution_page(ui, view, measure, short_screen, [&] {
            if (view.fell_back) draw_fallback_note(ui, extras.shown_language_name, measure);
        });
        ImGui::Dummy(ImVec2(0, theme.margin));
        if (indent > 0) ImGui::Unindent(indent);
        ui.touch.end_scroll();
        end_screen();
        draw_overlays(ui, view, extras);
        return;
    }
    wrapped_text(short_screen ? theme.bold : theme.title, theme.palette.text, view.title, measure);
    if (view.fell_back) draw_fallback_note(ui, extras.shown_language_name, measure);
    if (!view.summary.empty())
        wrapped_text(short_screen ? theme.body : theme.bold, theme.palette.text, view.summary,
                     measure);

    // The take-away button: under the summary, or on a short screen (where it would leave the
    // text two or three lines) after the whole text, so the screen opens on words.
    const bool take_away_last = short_screen;
    if (!take_away_last) ImGui::Dummy(ImVec2(0, theme.gap * 0.5f));
    const auto take_away = [&] {
        const std::string label(ui.t("take_away"));
        const float w = text_size(theme.bold, theme.bold->FontSize, label).x + theme.gap * 2.5f +
                        theme.bold->FontSize * 1.5f;
        // At the start edge of the column (the right edge in Arabic).
        ImGui::SetCursorScreenPos(
            ImVec2(ui.start_x(ImGui::GetCursorScreenPos().x, measure, std::min(w, measure)),
                   ImGui::GetCursorScreenPos().y));
        if (ui.touch.button("qr", "qr", label, ImVec2(std::min(w, measure), theme.button),
                            ButtonLook::primary))
            ui.act(action::ToggleQr{});
        ImGui::Dummy(ImVec2(0, theme.gap * 0.5f));
    };
    if (!view.take_away.empty() && !take_away_last) take_away();
    if (!view.chart.empty()) {
        // Statistics: the figures first, their unit and source right under them. The chart's
        // plot fits the view (a 4:3 box at most), so it is seen whole without scrolling.
        const float plot_h =
            std::max(theme.body->FontSize * 8,
                     std::min(avail.y - theme.button - theme.gap * 2, measure * 0.75f));
        // (Right to left the value axis is on the left, clear of the scroll bar: the column
        // keeps the bar's room.)
        draw_chart(ui, view, measure, plot_h);
        ImGui::Dummy(ImVec2(0, theme.gap * 0.5f));
    }
    // A seasonal-work programme: its countries on the map, beside the take-away.
    const auto show_on_map = [&] {
        const std::string label(ui.t("map.show"));
        const float w = text_size(theme.bold, theme.bold->FontSize, label).x + theme.gap * 2.5f +
                        theme.bold->FontSize * 1.5f;
        ImGui::SetCursorScreenPos(
            ImVec2(ui.start_x(ImGui::GetCursorScreenPos().x, measure, std::min(w, measure)),
                   ImGui::GetCursorScreenPos().y));
        if (ui.touch.button("open_map", "map", label, ImVec2(std::min(w, measure), theme.button)))
            ui.act(action::Open{{Screen::map, view.id}});
        ImGui::Dummy(ImVec2(0, theme.gap * 0.5f));
    };
    if (view.on_map && !take_away_last) show_on_map();
    for (const DetailField& field : view.fields) {
        wrapped_text(theme.bold, theme.palette.text_muted, ui.t(field.label_key), measure);
        wrapped_text(theme.body, theme.palette.text, field.value, measure);
        ImGui::Dummy(ImVec2(0, theme.gap * 0.3f));
    }
    if (!view.contents.empty()) {
        // The table of contents: what is inside before the visitor takes the address away.
        wrapped_text(theme.bold, theme.palette.text_muted, ui.t("field.contents"), measure);
        for (const std::string& entry : view.contents)
            wrapped_text(theme.body, theme.palette.text, "\xC2\xB7 " + entry, measure);
        ImGui::Dummy(ImVec2(0, theme.gap * 0.3f));
    }
    if (!view.body_markdown.empty()) {
        if (!take_away_last) ImGui::Dummy(ImVec2(0, theme.gap * 0.5f));
        if (view.type == "publication") {
            wrapped_text(theme.bold, theme.palette.text_muted, ui.t("field.full_text"), measure);
            if (!view.full_text_note.empty())
                wrapped_text(theme.body, theme.palette.text_muted, view.full_text_note, measure);
        }
        if (extras.draw_markdown) {
            if (auto link = extras.draw_markdown(measure)) {
                if (!link->item_id.empty())
                    ui.act(action::Open{{Screen::detail, link->item_id}});
                else if (!link->url.empty())
                    ui.act(action::OfferLink{link->url});
            }
        } else {
            wrapped_text(theme.body, theme.palette.text, view.body_markdown, measure);
        }
    }
    if (!view.reviewed.empty()) {
        ImGui::Dummy(ImVec2(0, theme.gap));
        wrapped_text(theme.body, theme.palette.text_muted,
                     format1(ui.t("reviewed_on"), view.reviewed), measure);
    }
    if (!view.take_away.empty() && take_away_last) {
        ImGui::Dummy(ImVec2(0, theme.gap));
        take_away();
    }
    if (view.on_map && take_away_last) show_on_map();
    ImGui::Dummy(ImVec2(0, theme.margin));
    if (indent > 0) ImGui::Unindent(indent);
    ui.touch.end_scroll();
    end_screen();
    draw_overlays(ui, view, extras);
}

}  // namespace guichet::kiosk
