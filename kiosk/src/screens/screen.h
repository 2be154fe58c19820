// SPDX-License-Identifier: GPL-3.0-or-later
// What every screen gets for one frame: the state to read, the queue to push actions into,
// the theme, the touch widgets and the visitor's language. Screens draw view models; they
// never call content/, the disk or the network.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/actions.h"
#include "kiosk/state.h"
#include "theme.h"
#include "touch_ui.h"
#include "ui_strings.h"
#include "view_models.h"

namespace guichet::kiosk {

struct Ui {
    const KioskState& state;
    std::vector<Action>& actions;
    const Theme& theme;
    TouchUi& touch;
    std::string language;  // the visitor's, or the kiosk's default before they pick one
    std::vector<std::string> fallback_chain;
    std::int64_t now_ms = 0;
    // "Information last updated on <date>" in a language, or "" while the content is fresh.
    std::function<std::string(std::string_view language)> stale_note;

    std::string_view t(std::string_view key) const { return tr(key, language, fallback_chain); }
    void act(Action action) const { actions.push_back(std::move(action)); }
};

// The discreet "last updated on" line, centred in `width` from `at`, when the content is
// stale; returns the height it took (0 when fresh).
float draw_stale_note(const Ui& ui, std::string_view language, ImVec2 at, float width);

// Begins the full-screen ImGui window every screen draws in.
void begin_screen(const Ui& ui, const char* name);
void end_screen();

// The bar on top of every screen but welcome: Back, Home, the title, and Search, larger text,
// contrast and language, each an icon beside a word. Returns the height it took.
float draw_top_bar(const Ui& ui, std::string_view title, std::string_view icon);
// Ends a bar of buttons drawn above the cursor: a rule under it, and the cursor below.
void end_bar(const Ui& ui);

// A line saying the text is shown in another language than the visitor's.
void draw_fallback_note(const Ui& ui, std::string_view shown_language_name, float width);

// Dims everything drawn so far with a full-screen layer that swallows touches, for a dialog
// drawn next. Returns true when the dimmed area itself was tapped (dialogs close on it).
bool dim_background(const Ui& ui, const char* id);

// `text` wrapped to `wrap` and each line centred on `center_x`, from `top`; returns the height.
float draw_centered_lines(ImDrawList* draw, ImFont* font, float size, std::string_view text,
                          float center_x, float top, float wrap, ImU32 color);

// `text` cut to `width` with an ellipsis when it does not fit.
std::string fit_text(ImFont* font, std::string_view text, float width);

// Text wrapped to the available width in a font.
void wrapped_text(ImFont* font, ImU32 color, std::string_view text, float wrap_width = 0);

// --- the screens ---
void draw_welcome(const Ui& ui, const std::vector<LanguageChoice>& languages);
void draw_language_picker(const Ui& ui, const std::vector<LanguageChoice>& languages);
void draw_home(const Ui& ui, const std::vector<HomeTile>& tiles,
               const std::vector<NoticeCard>& pinned = {});

// A paged list: `fetch(offset, count)` returns those rows (the adapter caches pages).
using RowFetcher = std::function<std::vector<ListRow>(std::int64_t offset, std::int64_t count)>;
// Rows of a list in a scroll region, drawn only where visible so 100,000 rows cost the same
// as 20. Each row is a target "row.N" and opens the item.
void draw_rows(const Ui& ui, const std::string& region, std::int64_t total, const RowFetcher& fetch,
               const std::function<std::string(std::string_view)>& language_name, ImVec2 size);

void draw_item_list(const Ui& ui, const ListHeader& header, const RowFetcher& fetch,
                    const std::function<std::string(std::string_view)>& language_name);

struct DirectoryModel {
    ListHeader header;
    std::vector<std::pair<FilterField, std::string>> active_labels;  // field, value label
    std::vector<FilterOption> open_options;  // of state.open_filter, when the picker is open
};
void draw_directory(const Ui& ui, const DirectoryModel& model, const RowFetcher& fetch,
                    const std::function<std::string(std::string_view)>& language_name);

// A link tapped in a text: to another item (navigates) or out of the kiosk (offered as a QR
// code, since the kiosk has no browser).
struct TappedLink {
    std::string item_id;  // set for a link to another item
    std::string url;      // set for an external link
};

struct DetailExtras {
    std::string shown_language_name;  // for the fallback note
    // The Markdown body drawn by the widgets library; returns the link tapped, if any.
    // Null: the body is drawn as plain paragraphs.
    std::function<std::optional<TappedLink>(float width)> draw_markdown;
    // Draws the QR code of the take-away text in a square; null: none available.
    std::function<void(ImDrawList*, ImVec2 top_left, float side)> draw_qr;
    // Draws the QR code of state.offered_link; null: it could not be encoded.
    std::function<void(ImDrawList*, ImVec2 top_left, float side)> draw_link_qr;
};
void draw_detail(const Ui& ui, const DetailView& view, const DetailExtras& extras);

void draw_search(const Ui& ui, const std::vector<SearchGroup>& results);

// Over any screen: the idle countdown ("Are you still there? … 12 s").
void draw_idle_countdown(const Ui& ui, int seconds_left);
// Shown instead of a screen when content is missing or broken.
void draw_unavailable(const Ui& ui);

// Statistics: bars for one year across countries or a line per country across years, each
// bar and point labelled with its value (never colour alone).
void draw_chart(const Ui& ui, const DetailView& view, ImVec2 size);

}  // namespace guichet::kiosk
