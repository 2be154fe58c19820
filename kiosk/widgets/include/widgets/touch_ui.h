// SPDX-License-Identifier: GPL-3.0-or-later
// Touch widgets built once for every screen: big buttons that activate on release with press
// feedback, and scroll regions that follow the finger with inertia (ImGui 1.86 has neither).
// Every button registers a named target so scripts can `tap @name` the real widget.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/actions.h"
#include "kiosk/layout_rules.h"
#include "platform/display/pointer.h"
#include "widgets/kinetic_scroll.h"
#include "widgets/theme.h"

namespace guichet::kiosk {

struct PointerFrame {
    display::Gesture gesture;
    float drag_dy = 0;
    float drag_dx = 0;
    std::optional<display::Pinch> pinch;  // two fingers' spread changed (the map zooms)
    std::optional<float> release_velocity;
    float wheel_lines = 0;
    float dt = 1.0f / 60;
};

enum class ButtonLook { normal, primary, selected, quiet };

// One touch target as the layout report sees it: where it was drawn in full (before any
// clipping), the part a finger can reach, its words, the scroll region holding it ("" when
// none: then all of it must be on screen) and whether its words were cut to fit.
struct TargetInfo {
    ImVec4 rect;     // full rectangle, logical px (x0, y0, x1, y1)
    ImVec4 visible;  // clipped to the window or region that holds it
    std::string label;
    std::string region;
    bool text_cut = false;
};

class TouchUi {
  public:
    void begin_frame(const PointerFrame& pointer, const KioskState& state,
                     std::vector<Action>& actions, const Theme& theme);
    void end_frame();
    // This frame's pointer: the gesture and how far a drag moved (the map pans with it).
    const PointerFrame& pointer() const { return pointer_; }
    // Inertia is still moving something: render another frame.
    bool animating() const { return kinetic_.moving(); }

    // A button with an icon beside its label (either may be empty). Returns true on the frame
    // the finger lifts over it without having dragged.
    bool button(std::string_view target, std::string_view icon, std::string_view label, ImVec2 size,
                ButtonLook look = ButtonLook::normal);

    // A vertically scrolling region of `size` keyed by `key` (state.scroll[key]).
    void begin_scroll(const std::string& key, ImVec2 size);
    void end_scroll();
    // Inside a scroll region: its offset this frame and its visible height.
    float scroll_offset() const;
    float scroll_view_height() const;
    // The y (in the region's cursor space) where content starts; rows at start + i*h.
    float scroll_content_start() const;
    // The rows of a list drawn a screenful at a time, keyed by its scroll region: their heights
    // as measured when drawn, kept between frames (a title wraps in full, so rows differ).
    RowStack& row_stack(const std::string& key);

    // Where a named target was drawn on the previous frame (centre), for `tap @name`.
    std::optional<ImVec2> target_center(std::string_view name) const;
    void add_target(std::string_view name, ImVec2 min, ImVec2 max, std::string_view label = {},
                    bool text_cut = false);
    // A place a script can aim at (`tap @name`, `hold @name`) that is no button of its own — a
    // paragraph a visitor holds to hear it: not in the layout report, which judges buttons.
    void add_point(std::string_view name, ImVec2 min, ImVec2 max);
    const std::map<std::string, ImVec4, std::less<>>& targets() const { return targets_prev_; }
    // A target not drawn this frame because it is folded into a menu that `opener` (a target)
    // opens: the top bar's tools in its "More" menu. A script taps the opener first, as a
    // finger would.
    void add_folded(std::string_view name, std::string_view opener);
    std::optional<std::string> opener_of(std::string_view name) const;
    // Every target of the previous frame in full, for the layout report.
    const std::map<std::string, TargetInfo, std::less<>>& target_details() const {
        return details_prev_;
    }
    // The scroll regions of the previous frame (name, rectangle).
    const std::vector<std::pair<std::string, ImVec4>>& regions() const { return regions_prev_; }
    // The position bars drawn on the previous frame (their region's name, the bar's thumb):
    // the layout report checks no text runs under one.
    const std::vector<std::pair<std::string, ImVec4>>& scroll_bars() const {
        return scroll_bars_prev_;
    }
    // A target laid out last frame in a scroll region but scrolled out of sight: how far (in
    // logical px, positive: further down) its centre is from the middle of its region, and
    // the region's rectangle; nothing for a target that is tappable or not on the page.
    struct Hidden {
        float distance = 0;
        ImVec4 region;
    };
    std::optional<Hidden> hidden_target(std::string_view name) const;
    // The tallest scroll region of the last frame that can still scroll down (a list drawn a
    // screenful at a time has no row below the fold to point at).
    std::optional<ImVec4> region_with_more_below() const;
    // Texts cut on the previous frame (widgets/text.h: fit_text, labels wider than buttons).
    const std::vector<std::string>& cut_texts() const { return cut_prev_; }
    // The smallest QR module drawn on the previous frame, px (0: no code).
    float qr_module_px() const { return qr_module_prev_; }
    // Targets of the previous frame smaller than 9 mm across (before clipping): should be none.
    const std::vector<std::string>& small_targets() const { return small_prev_; }

  private:
    struct OpenRegion {
        std::string key;
        float offset;
        float start_y;
        ImVec2 min, max;
    };
    const Theme* theme_ = nullptr;
    const KioskState* state_ = nullptr;
    std::vector<Action>* actions_ = nullptr;
    PointerFrame pointer_;
    bool drag_started_this_frame_ = false;
    bool was_dragging_ = false;
    std::string active_region_;   // the region the current drag scrolls
    std::string kinetic_region_;  // the region still gliding after a flick
    KineticScroll kinetic_;
    std::vector<std::pair<std::string, ImVec4>> regions_prev_, regions_;
    std::vector<std::pair<std::string, ImVec4>> scroll_bars_prev_, scroll_bars_;
    std::map<std::string, float, std::less<>> max_scroll_;
    std::map<std::string, RowStack, std::less<>> row_stacks_;
    std::vector<OpenRegion> open_;
    std::map<std::string, ImVec4, std::less<>> targets_prev_, targets_;
    std::map<std::string, ImVec4, std::less<>> points_prev_, points_;
    std::vector<std::string> small_prev_, small_;
    std::map<std::string, TargetInfo, std::less<>> details_prev_, details_;
    std::vector<std::string> cut_prev_;
    std::map<std::string, std::string, std::less<>> folded_prev_, folded_;
    float qr_module_prev_ = 0;
};

}  // namespace guichet::kiosk
