// SPDX-License-Identifier: GPL-3.0-or-later
// Drawing a laid-out MarkdownView: the runs visible in the clip rectangle, links pressed on
// release (a drag never opens one). Parsing is markdown_parse.cpp, layout markdown_layout.cpp.
#include <algorithm>
#include <cfloat>

#include "widgets/markdown_view.h"

namespace guichet::widgets {

void MarkdownView::set_picture(int block, MarkdownPicture picture) {
    given_pictures_[block] = picture;
    key_ = LayoutKey{};  // laid out again at the next draw
}

std::optional<MarkdownLink> MarkdownView::draw(const MarkdownStyle& given, float width) {
    if (given.regular == nullptr) return std::nullopt;
    MarkdownStyle style = given;
    if (style.bold == style.regular) style.bold = nullptr;  // not a real bold face
    if (style.italic == style.regular) style.italic = nullptr;
    const float room = width > 0.0f ? width : ImGui::GetContentRegionAvail().x;
    const float available = std::max(room, style.regular->FontSize);
    const LayoutKey key{available,
                        style.regular,
                        style.bold,
                        style.italic,
                        style.heading,
                        style.min_target_px,
                        style.max_line_chars,
                        style.max_picture_scale,
                        style.max_picture_height};
    if (!(key == key_)) {
        layout(style, available);
        key_ = key;
    }

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = draw->GetClipRectMin();
    const ImVec2 clip_max = draw->GetClipRectMax();
    auto visible = [&](ImVec2 min, ImVec2 max) {
        return max.y + origin.y >= clip_min.y && min.y + origin.y <= clip_max.y;
    };
    auto at = [&](ImVec2 p) { return ImVec2(origin.x + p.x, origin.y + p.y); };

    // Press on release: remember the link under a fresh press, forget it once the finger
    // drags, activate only when released on the same link.
    std::optional<MarkdownLink> activated;
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 mouse(io.MousePos.x - origin.x, io.MousePos.y - origin.y);
    const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        const int target = hovered ? target_at(mouse) : -1;
        pressed_link_ = target >= 0 ? link_targets_[static_cast<std::size_t>(target)].link : -1;
    }
    if (pressed_link_ >= 0 &&
        io.MouseDragMaxDistanceSqr[0] > io.MouseDragThreshold * io.MouseDragThreshold) {
        pressed_link_ = -1;
    }
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        const int target = target_at(mouse);
        if (pressed_link_ >= 0 && target >= 0 &&
            link_targets_[static_cast<std::size_t>(target)].link == pressed_link_ &&
            pressed_link_ < static_cast<int>(document_.links.size())) {
            activated = document_.links[static_cast<std::size_t>(pressed_link_)];
        }
        pressed_link_ = -1;
    }

    for (const Box& box : code_boxes_) {
        if (visible(box.min, box.max))
            draw->AddRectFilled(at(box.min), at(box.max), style.code_background, 4.0f);
    }
    for (const Box& bar : quote_bars_) {
        if (visible(bar.min, bar.max))
            draw->AddRectFilled(at(bar.min), at(bar.max), style.rule_color);
    }
    for (const Box& cell : table_cells_) {
        if (!visible(cell.min, cell.max)) continue;
        if (cell.header) draw->AddRectFilled(at(cell.min), at(cell.max), style.code_background);
        draw->AddRect(at(cell.min), at(cell.max), style.rule_color);
    }
    for (float rule_y : rules_) {
        if (visible(ImVec2(0, rule_y), ImVec2(0, rule_y))) {
            draw->AddLine(at(ImVec2(0, rule_y)), at(ImVec2(wrap_width_, rule_y)), style.rule_color,
                          2.0f);
        }
    }
    for (const Bullet& bullet : bullets_) {
        if (visible(bullet.center, bullet.center)) {
            draw->AddCircleFilled(at(bullet.center), bullet.radius, style.text_color);
        }
    }
    for (const MarkdownPictureBox& picture : picture_boxes_) {
        if (!visible(picture.min, picture.max)) continue;
        if (picture.framed)
            draw->AddRect(at(picture.min), at(picture.max), style.rule_color, 4.0f, 0,
                          std::max(1.5f, style.regular->FontSize / 12.0f));
        else if (picture.loading)
            draw->AddRectFilled(at(picture.min), at(picture.max),
                                (style.rule_color & 0x00FFFFFFu) | (0x30u << IM_COL32_A_SHIFT));
        else
            draw->AddImage(picture.texture, at(picture.min), at(picture.max));
    }
    for (const MarkdownTarget& target : link_targets_) {
        if (!visible(target.min, target.max)) continue;
        const bool pressed = target.link == pressed_link_;
        // A visible touch area: links differ from marked emphasis by more than colour.
        draw->AddRectFilled(at(target.min), at(target.max),
                            pressed
                                ? style.pressed_color
                                : (style.pressed_color & 0x00FFFFFFu) | (0x18u << IM_COL32_A_SHIFT),
                            6.0f);
    }
    for (const MarkdownRun& run : runs_) {
        const ImVec2 max(run.position.x + run.size.x, run.position.y + run.size.y);
        if (!visible(run.position, max)) continue;
        const bool marked = (run.style & kSpanMarked) != 0;
        const ImU32 color = run.link >= 0 ? style.link_color
                            : marked      ? style.emphasis_color
                                          : style.text_color;
        if ((run.style & kSpanCode) != 0) {
            draw->AddRectFilled(at(run.position), at(max), style.code_background, 3.0f);
        }
        draw->AddText(run.font, run.font_size, at(run.position), color, run.text.data(),
                      run.text.data() + run.text.size());
        const float thickness = std::max(1.0f, run.font_size / 14.0f);
        if (run.link >= 0 || marked) {
            const float underline = max.y - thickness;
            draw->AddLine(at(ImVec2(run.position.x, underline)), at(ImVec2(max.x, underline)),
                          color, run.link >= 0 ? thickness * 1.5f : thickness);
        }
        if ((run.style & kSpanStrikethrough) != 0) {
            const float middle = run.position.y + run.size.y * 0.55f;
            draw->AddLine(at(ImVec2(run.position.x, middle)), at(ImVec2(max.x, middle)), color,
                          thickness);
        }
    }
    ImGui::Dummy(ImVec2(wrap_width_, std::max(height_, 1.0f)));
    return activated;
}

}  // namespace guichet::widgets
