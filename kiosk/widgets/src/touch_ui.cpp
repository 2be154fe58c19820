// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/touch_ui.h"

#include <algorithm>
#include <cmath>

#include "widgets/icons.h"
#include "widgets/qr_code.h"
#include "widgets/text.h"

namespace guichet::kiosk {
namespace {
bool contains(const ImVec4& rect, display::Point p) {
    return p.x >= rect.x && p.y >= rect.y && p.x < rect.z && p.y < rect.w;
}
}  // namespace

void TouchUi::begin_frame(const PointerFrame& pointer, const KioskState& state,
                          std::vector<Action>& actions, const Theme& theme) {
    pointer_ = pointer;
    state_ = &state;
    actions_ = &actions;
    theme_ = &theme;
    drag_started_this_frame_ = pointer.gesture.dragging && !was_dragging_;
    if (drag_started_this_frame_) {
        // The topmost region under where the finger first touched takes the drag.
        active_region_.clear();
        for (const auto& [key, rect] : regions_prev_)
            if (contains(rect, pointer.gesture.origin)) active_region_ = key;
        kinetic_.stop();
    }
    // A finger landing on a gliding list stops it, as on a phone.
    if (pointer.gesture.held && !pointer.gesture.dragging) kinetic_.stop();
    if (pointer.release_velocity && !active_region_.empty()) {
        kinetic_region_ = active_region_;
        kinetic_.fling(-*pointer.release_velocity);
    }
    was_dragging_ = pointer.gesture.dragging;
    regions_.clear();
    scroll_bars_.clear();
    targets_.clear();
    details_.clear();
    folded_.clear();
    small_.clear();
    clear_cut_texts();
    widgets::reset_qr_report();
}

void TouchUi::end_frame() {
    regions_prev_ = std::move(regions_);
    scroll_bars_prev_ = std::move(scroll_bars_);
    targets_prev_ = std::move(targets_);
    points_prev_ = std::move(points_);
    points_.clear();
    small_prev_ = std::move(small_);
    small_.clear();
    details_prev_ = std::move(details_);
    details_.clear();
    folded_prev_ = std::move(folded_);
    folded_.clear();
    cut_prev_ = kiosk::cut_texts();
    qr_module_prev_ = widgets::smallest_qr_module_px();
    if (!pointer_.gesture.dragging && !pointer_.release_velocity) active_region_.clear();
    // A region that was not drawn this frame (screen changed) cannot glide.
    if (kinetic_.moving() &&
        std::none_of(regions_prev_.begin(), regions_prev_.end(),
                     [&](const auto& region) { return region.first == kinetic_region_; }))
        kinetic_.stop();
}

void TouchUi::add_target(std::string_view name, ImVec2 min, ImVec2 max, std::string_view label,
                         bool text_cut) {
    // Half a pixel of slack: layouts round, a 9 mm target may come out at 8.99 mm.
    if (std::min(max.x - min.x, max.y - min.y) + 0.5f < theme_->target) small_.emplace_back(name);
    // Only what the finger can actually reach: clipped to the window that holds it.
    const ImVec2 clip_min = ImGui::GetWindowDrawList()->GetClipRectMin();
    const ImVec2 clip_max = ImGui::GetWindowDrawList()->GetClipRectMax();
    ImVec4 rect(std::max(min.x, clip_min.x), std::max(min.y, clip_min.y),
                std::min(max.x, clip_max.x), std::min(max.y, clip_max.y));
    const bool reachable = rect.z - rect.x >= 2 && rect.w - rect.y >= 2;
    // Scrolled out of its region, a target is not tappable now but is on the page: the layout
    // report judges it by its region, and a script scrolls to it as a finger would.
    if (!reachable && open_.empty()) return;
    if (reachable) targets_[std::string(name)] = rect;
    details_[std::string(name)] = {ImVec4(min.x, min.y, max.x, max.y),
                                   reachable ? rect : ImVec4(0, 0, 0, 0), std::string(label),
                                   open_.empty() ? std::string() : open_.back().key, text_cut};
}

void TouchUi::add_folded(std::string_view name, std::string_view opener) {
    folded_[std::string(name)] = std::string(opener);
}

std::optional<std::string> TouchUi::opener_of(std::string_view name) const {
    const auto found = folded_prev_.find(name);
    if (found == folded_prev_.end()) return std::nullopt;
    return found->second;
}

RowStack& TouchUi::row_stack(const std::string& key) {
    // A visit opens a few lists; a long-running kiosk forgets them rather than grow.
    if (row_stacks_.size() >= 32 && !row_stacks_.count(key)) row_stacks_.clear();
    return row_stacks_[key];
}

void TouchUi::add_point(std::string_view name, ImVec2 min, ImVec2 max) {
    const ImVec2 clip_min = ImGui::GetWindowDrawList()->GetClipRectMin();
    const ImVec2 clip_max = ImGui::GetWindowDrawList()->GetClipRectMax();
    const ImVec4 rect(std::max(min.x, clip_min.x), std::max(min.y, clip_min.y),
                      std::min(max.x, clip_max.x), std::min(max.y, clip_max.y));
    if (rect.z - rect.x >= 2 && rect.w - rect.y >= 2) points_[std::string(name)] = rect;
}

std::optional<ImVec2> TouchUi::target_center(std::string_view name) const {
    auto found = targets_prev_.find(name);
    if (found == targets_prev_.end()) {
        found = points_prev_.find(name);
        if (found == points_prev_.end()) return std::nullopt;
    }
    const ImVec4& r = found->second;
    return ImVec2((r.x + r.z) / 2, (r.y + r.w) / 2);
}

std::optional<TouchUi::Hidden> TouchUi::hidden_target(std::string_view name) const {
    if (targets_prev_.count(name)) return std::nullopt;
    const auto found = details_prev_.find(name);
    if (found == details_prev_.end() || found->second.region.empty()) return std::nullopt;
    for (const auto& [key, rect] : regions_prev_)
        if (key == found->second.region)
            return Hidden{(found->second.rect.y + found->second.rect.w) / 2 - (rect.y + rect.w) / 2,
                          rect};
    return std::nullopt;
}

std::optional<ImVec4> TouchUi::region_with_more_below() const {
    std::optional<ImVec4> tallest;
    for (const auto& [key, rect] : regions_prev_) {
        const auto limit = max_scroll_.find(key);
        const auto at = state_->scroll.find(key);
        const float offset = at == state_->scroll.end() ? 0.0f : at->second;
        if (limit == max_scroll_.end() || offset + 1 >= limit->second) continue;
        if (!tallest || rect.w - rect.y > tallest->w - tallest->y) tallest = rect;
    }
    return tallest;
}

bool TouchUi::button(std::string_view target, std::string_view icon, std::string_view label,
                     ImVec2 size, ButtonLook look) {
    const Theme& theme = *theme_;
    size.x = std::max(size.x, theme.target);
    size.y = std::max(size.y, theme.target);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    ImGui::PushID(target.data(), target.data() + target.size());
    const bool released = ImGui::InvisibleButton("##b", size);
    ImGui::PopID();
    const bool pressed = ImGui::IsItemActive() && ImGui::IsItemHovered();

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Palette& p = theme.palette;
    ImU32 fill = p.surface, ink = p.text, border = p.border;
    switch (look) {
        case ButtonLook::primary:
            fill = p.accent, ink = p.accent_text, border = p.accent;
            break;
        case ButtonLook::selected:
            fill = p.accent, ink = p.accent_text, border = p.focus;
            break;
        case ButtonLook::quiet:
            fill = p.background;
            break;
        case ButtonLook::normal:
            break;
    }
    if (pressed) fill = p.surface_pressed, ink = p.text;
    // Small keys keep square-ish corners; a fixed radius would make them look like coins.
    const float rounding = std::min(theme.rounding, std::min(size.x, size.y) * 0.2f);
    // Pressing also shifts the face down a little: feedback that does not rely on colour.
    const float sink = pressed ? std::round(theme.px_per_mm * 0.6f) : 0;
    const ImVec2 face_min(min.x, min.y + sink), face_max(max.x, max.y + sink);
    if (!pressed && look != ButtonLook::quiet && !theme.high_contrast)
        fill_rounded_rect(draw, ImVec2(min.x, min.y + theme.px_per_mm * 0.6f),
                          ImVec2(max.x, max.y + theme.px_per_mm * 0.6f), p.border, rounding);
    fill_rounded_rect(draw, face_min, face_max, fill, rounding);
    draw->AddRect(face_min, face_max, pressed ? p.focus : border, rounding, 0,
                  pressed || look == ButtonLook::selected ? 3.0f : 1.5f);

    ImFont* font = theme.bold;
    float font_size = font->FontSize;
    const float icon_size = std::min(size.y * 0.6f, font_size * 1.5f);
    ImVec2 words = label.empty() ? ImVec2(0, 0) : text_size(font, font_size, label);
    // The margin inside the face: a share of the gap, but never more than a tenth of a face
    // each side, so a 9 mm key in large text keeps its letter, not its margins.
    const float pad = std::min(theme.gap * 0.6f, std::min(size.x, size.y) * 0.1f);
    // Words on a face too narrow for them (a 9 mm key in large text, a long label on a 480 px
    // panel) shrink to as little as 60 % of their size before they are cut.
    if (words.x > 0) {
        const float room = size.x - pad * 1.5f - (icon.empty() ? 0 : icon_size + pad);
        if (words.x > room) {
            font_size = std::max(font_size * 0.6f, std::floor(font_size * room / words.x));
            words = text_size(font, font_size, label);
        }
    }
    const float content_width =
        (icon.empty() ? 0 : icon_size) + (icon.empty() || label.empty() ? 0 : pad) + words.x;
    // Words wider than the face are clipped at its end: the layout report says so.
    const bool cut = !label.empty() && content_width > size.x - pad * 1.5f + 0.5f;
    if (cut) report_cut_text(label);
    add_target(target, min, max,
               label.empty() && !icon.empty() ? "[" + std::string(icon) + "]" : std::string(label),
               cut);
    const float left = std::max(face_min.x + pad, (face_min.x + face_max.x - content_width) / 2);
    const float mid_y = (face_min.y + face_max.y) / 2;
    // The icon before the words in reading order: on their right in a right-to-left screen.
    const bool rtl = reading_right_to_left();
    float x = left;
    if (!icon.empty()) {
        const float icon_x = rtl ? left + content_width - icon_size : left;
        draw_icon(draw, icon, ImVec2(icon_x + icon_size / 2, mid_y), icon_size, ink);
        if (!rtl) x += icon_size + pad;
    }
    if (!label.empty()) {
        draw->PushClipRect(face_min, ImVec2(face_max.x - pad / 2, face_max.y), true);
        TextStyle one_line;
        one_line.align = TextAlign::center;
        one_line.box_width = words.x;
        draw_text(draw, font, font_size, ImVec2(x, mid_y - words.y / 2), ink, label, one_line);
        draw->PopClipRect();
    }
    return released;
}

void TouchUi::begin_scroll(const std::string& key, ImVec2 size) {
    ImGui::BeginChild(
        key.c_str(), size, false,
        ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
    const ImVec2 min = ImGui::GetWindowPos();
    const ImVec2 window_size = ImGui::GetWindowSize();
    const ImVec2 max(min.x + window_size.x, min.y + window_size.y);
    regions_.emplace_back(key, ImVec4(min.x, min.y, max.x, max.y));

    auto stored = state_->scroll.find(key);
    const float before = stored == state_->scroll.end() ? 0.0f : stored->second;
    float offset = before;
    if (key == active_region_ && pointer_.gesture.dragging) offset -= pointer_.drag_dy;
    if (key == kinetic_region_ && kinetic_.moving()) offset += kinetic_.step(pointer_.dt);
    if (pointer_.wheel_lines != 0 && ImGui::IsWindowHovered())
        offset -= pointer_.wheel_lines * theme_->body->FontSize * 3;
    auto known_max = max_scroll_.find(key);
    const float limit = known_max == max_scroll_.end() ? offset : known_max->second;
    const float clamped = std::clamp(offset, 0.0f, std::max(0.0f, limit));
    if (clamped != offset && key == kinetic_region_) kinetic_.stop();
    offset = clamped;
    if (offset != before) actions_->push_back(action::ScrollTo{key, offset});

    const float start_y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(start_y - offset);
    open_.push_back({key, offset, start_y, min, max});
}

float TouchUi::scroll_offset() const {
    return open_.empty() ? 0 : open_.back().offset;
}
float TouchUi::scroll_view_height() const {
    return open_.empty() ? 0 : open_.back().max.y - open_.back().min.y;
}
float TouchUi::scroll_content_start() const {
    return open_.empty() ? 0 : open_.back().start_y - open_.back().offset;
}

void TouchUi::end_scroll() {
    const OpenRegion region = open_.back();
    open_.pop_back();
    const float content_height = ImGui::GetCursorPosY() + region.offset - region.start_y;
    const float view_height = region.max.y - region.min.y;
    const float max_offset = std::max(0.0f, content_height - view_height + theme_->gap);
    max_scroll_[region.key] = max_offset;
    if (max_offset > 0) {
        // A thin position bar: shows there is more, never needs to be hit.
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const float track = view_height - 2 * theme_->gap;
        const float thumb = std::max(theme_->target * 0.6f, track * view_height / content_height);
        const float y = region.min.y + theme_->gap +
                        (track - thumb) * std::min(1.0f, region.offset / max_offset);
        const float w = std::max(4.0f, theme_->px_per_mm * 1.2f);
        // At the end edge of the region: the left one in a right-to-left screen.
        const float x = reading_right_to_left() ? region.min.x + 2 : region.max.x - w - 2;
        draw->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + thumb), theme_->palette.text_muted,
                            w / 2);
        scroll_bars_.emplace_back(region.key, ImVec4(x, y, x + w, y + thumb));
    }
    ImGui::EndChild();
}

}  // namespace guichet::kiosk
