// SPDX-License-Identifier: GPL-3.0-or-later
// What every screen, visitor's or staff's, gets for one frame: the state to read, the queue to
// push actions into, the theme, the touch widgets and the visitor's language; and the drawing
// helpers they all share (the screen's window, bars, dialogs' dim layer, notes, fitted text).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/actions.h"
#include "kiosk/state.h"
#include "kiosk/ui_strings.h"
#include "kiosk/view_models.h"
#include "widgets/text.h"
#include "widgets/theme.h"
#include "widgets/touch_ui.h"

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

    // The language reads right to left: the screen mirrors (start is the right edge).
    bool right_to_left = false;
    // Fleet alerts shown now, in `language` (most urgent first), and the same in any language
    // (the welcome screen cycles through them). Screens leave `bottom_reserved` pixels at the
    // bottom of the screen for the alerts' banner.
    std::vector<AlertCard> alerts;
    std::function<std::vector<AlertCard>(std::string_view language)> alerts_in;
    float bottom_reserved = 0;
    // Read aloud: the Listen button and, while reading, the bar (visitor/chrome).
    ListenView listen;

    std::string_view t(std::string_view key) const { return tr(key, language, fallback_chain); }
    void act(Action action) const { actions.push_back(std::move(action)); }
    // The x of something `w` wide, `offset` from the start edge of [left, left + width): the
    // one place screens mirror positions, instead of a branch per screen.
    float start_x(float left, float width, float w, float offset = 0) const {
        return right_to_left ? left + width - offset - w : left + offset;
    }
    // The same from the end edge (a chevron, a scroll bar).
    float end_x(float left, float width, float w, float offset = 0) const {
        return right_to_left ? left + offset : left + width - offset - w;
    }
};

// The discreet "last updated on" line, centred in `width` from `at`, when the content is
// stale; returns the height it took (0 when fresh).
float draw_stale_note(const Ui& ui, std::string_view language, ImVec2 at, float width);

// Begins the full-screen ImGui window every screen draws in.
void begin_screen(const Ui& ui, const char* name);
void end_screen();

// Ends a bar of buttons drawn above the cursor: a rule under it, and the cursor below.
void end_bar(const Ui& ui);

// A line saying the text is shown in another language than the visitor's.
void draw_fallback_note(const Ui& ui, std::string_view shown_language_name, float width);

// Dims everything drawn so far with a full-screen layer that swallows touches, for a dialog
// drawn next. Returns true when the dimmed area itself was tapped (dialogs close on it).
bool dim_background(const Ui& ui, const char* id);

// Opens a dialog window (an ImGui window: close it with ImGui::End()) at `pos`, of `size`, on
// the surface colour, without decoration, over what is drawn so far.
void begin_dialog(const Ui& ui, const char* id, ImVec2 pos, ImVec2 size);

// `text` wrapped to `wrap` and each line centred on `center_x`, from `top`; returns the height.
float draw_centered_lines(ImDrawList* draw, ImFont* font, float size, std::string_view text,
                          float center_x, float top, float wrap, ImU32 color);

// Text wrapped to the available width in a font.
void wrapped_text(ImFont* font, ImU32 color, std::string_view text, float wrap_width = 0);

}  // namespace guichet::kiosk
