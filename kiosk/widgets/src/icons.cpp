// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/icons.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "widgets/text.h"

namespace guichet::kiosk {
namespace {

struct Pen {
    ImDrawList* draw;
    ImVec2 c;
    float s;  // half size
    ImU32 color;
    float w;       // stroke width
    float sx = 1;  // -1: mirrored, for icons that point the way of reading in a mirrored screen

    ImVec2 p(float x, float y) const { return ImVec2(c.x + sx * x * s, c.y + y * s); }
    void line(float x1, float y1, float x2, float y2) const {
        draw->AddLine(p(x1, y1), p(x2, y2), color, w);
    }
    void rect(float x1, float y1, float x2, float y2, float round = 0) const {
        draw->AddRect(p(x1, y1), p(x2, y2), color, round * s, 0, w);
    }
    void fill(float x1, float y1, float x2, float y2, float round = 0) const {
        draw->AddRectFilled(p(x1, y1), p(x2, y2), color, round * s);
    }
    void circle(float x, float y, float r) const { draw->AddCircle(p(x, y), r * s, color, 0, w); }
    void disc(float x, float y, float r) const { draw->AddCircleFilled(p(x, y), r * s, color); }
    void triangle(float x1, float y1, float x2, float y2, float x3, float y3) const {
        // The same winding either way (ImGui's anti-aliased fill depends on it).
        if (sx < 0)
            draw->AddTriangleFilled(p(x1, y1), p(x3, y3), p(x2, y2), color);
        else
            draw->AddTriangleFilled(p(x1, y1), p(x2, y2), p(x3, y3), color);
    }
    void person(float x, float y, float scale) const {
        disc(x, y - 0.35f * scale, 0.2f * scale);
        draw->PathArcTo(p(x, y + 0.45f * scale), 0.38f * s * scale, 3.14159f, 6.28318f);
        draw->PathFillConvex(color);
    }
};

}  // namespace

void draw_icon(ImDrawList* draw, std::string_view name, ImVec2 center, float size, ImU32 color) {
    // Icons that point along the line of reading turn round in a right-to-left screen (Back
    // points right, a row's chevron left); the others (a house, a magnifier) never do.
    const bool directional =
        name == "back" || name == "chevron" || name == "backspace" || name == "return";
    const Pen pen{draw,
                  center,
                  size / 2,
                  color,
                  std::max(2.0f, size * 0.07f),
                  directional && reading_right_to_left() ? -1.0f : 1.0f};
    if (name == "rights") {  // scales of justice
        pen.line(0, -0.8f, 0, 0.7f);
        pen.line(-0.7f, -0.55f, 0.7f, -0.55f);
        pen.line(-0.4f, 0.75f, 0.4f, 0.75f);
        for (float x : {-0.55f, 0.55f}) {
            pen.line(x, -0.55f, x - 0.25f, 0.1f);
            pen.line(x, -0.55f, x + 0.25f, 0.1f);
            draw->PathArcTo(pen.p(x, 0.1f), 0.25f * pen.s, 0, 3.14159f);
            draw->PathFillConvex(color);
        }
    } else if (name == "integration") {  // two people side by side
        pen.person(-0.35f, 0.05f, 0.9f);
        pen.person(0.4f, 0.1f, 0.8f);
    } else if (name == "return") {  // house with an arrow towards it
        pen.triangle(-0.1f, -0.75f, -0.75f, -0.15f, 0.55f, -0.15f);
        pen.fill(-0.6f, -0.15f, 0.4f, 0.6f);
        pen.line(0.95f, 0.2f, 0.55f, 0.2f);
        pen.triangle(0.5f, 0.2f, 0.7f, 0.02f, 0.7f, 0.38f);
    } else if (name == "institutions") {  // building with columns
        pen.triangle(0, -0.85f, -0.85f, -0.4f, 0.85f, -0.4f);
        for (float x : {-0.6f, -0.2f, 0.2f, 0.6f}) pen.fill(x - 0.09f, -0.3f, x + 0.09f, 0.5f);
        pen.fill(-0.85f, 0.55f, 0.85f, 0.75f);
    } else if (name == "legislation") {  // document with lines
        pen.rect(-0.55f, -0.8f, 0.55f, 0.8f, 0.08f);
        for (float y : {-0.45f, -0.15f, 0.15f, 0.45f}) pen.line(-0.3f, y, 0.3f, y);
    } else if (name == "seasonal") {  // sun over a field
        pen.disc(0, -0.25f, 0.3f);
        for (int i = 0; i < 8; ++i) {
            const float a = i * 3.14159f / 4;
            pen.line(0.42f * std::cos(a), -0.25f + 0.42f * std::sin(a), 0.6f * std::cos(a),
                     -0.25f + 0.6f * std::sin(a));
        }
        pen.line(-0.85f, 0.55f, 0.85f, 0.55f);
        pen.line(-0.6f, 0.8f, 0.6f, 0.8f);
    } else if (name == "statistics") {  // bar chart
        pen.line(-0.8f, 0.8f, 0.8f, 0.8f);
        pen.fill(-0.65f, 0.1f, -0.3f, 0.7f);
        pen.fill(-0.15f, -0.6f, 0.2f, 0.7f);
        pen.fill(0.35f, -0.25f, 0.7f, 0.7f);
    } else if (name == "news") {  // newspaper
        pen.rect(-0.8f, -0.65f, 0.8f, 0.65f, 0.08f);
        pen.fill(-0.6f, -0.45f, 0.0f, 0.0f);
        for (float y : {-0.4f, -0.15f}) pen.line(0.15f, y, 0.6f, y);
        for (float y : {0.2f, 0.42f}) pen.line(-0.6f, y, 0.6f, y);
    } else if (name == "cooperation") {  // two linked rings
        pen.circle(-0.3f, 0, 0.45f);
        pen.circle(0.3f, 0, 0.45f);
    } else if (name == "publications") {  // an open book
        pen.line(0, -0.55f, 0, 0.7f);
        pen.line(-0.85f, -0.6f, 0, -0.5f);
        pen.line(0, -0.5f, 0.85f, -0.6f);
        pen.line(-0.85f, 0.6f, 0, 0.7f);
        pen.line(0, 0.7f, 0.85f, 0.6f);
        pen.line(-0.85f, -0.6f, -0.85f, 0.6f);
        pen.line(0.85f, -0.6f, 0.85f, 0.6f);
        for (float y : {-0.2f, 0.1f, 0.4f}) {
            pen.line(-0.65f, y - 0.1f, -0.2f, y - 0.05f);
            pen.line(0.2f, y - 0.05f, 0.65f, y - 0.1f);
        }
    } else if (name == "about") {  // "i" in a circle
        pen.circle(0, 0, 0.8f);
        pen.disc(0, -0.4f, 0.1f);
        pen.fill(-0.08f, -0.15f, 0.08f, 0.5f);
    } else if (name == "contributions") {  // hand holding a heart
        pen.disc(-0.2f, -0.35f, 0.25f);
        pen.disc(0.2f, -0.35f, 0.25f);
        pen.triangle(-0.43f, -0.25f, 0.43f, -0.25f, 0, 0.2f);
        pen.line(-0.85f, 0.45f, 0.85f, 0.45f);
        pen.line(-0.85f, 0.45f, -0.85f, 0.75f);
    } else if (name == "map") {  // a folded map with a pin on it
        const float xs[] = {-0.85f, -0.3f, 0.3f, 0.85f};
        const float tops[] = {-0.6f, -0.8f, -0.6f, -0.8f};
        for (int i = 0; i < 3; ++i) {
            pen.line(xs[i], tops[i], xs[i + 1], tops[i + 1]);
            pen.line(xs[i], tops[i] + 1.4f, xs[i + 1], tops[i + 1] + 1.4f);
        }
        for (int i = 0; i < 4; ++i) pen.line(xs[i], tops[i], xs[i], tops[i] + 1.4f);
        pen.disc(0.3f, -0.2f, 0.22f);
        pen.triangle(0.12f, -0.1f, 0.48f, -0.1f, 0.3f, 0.3f);
    } else if (name == "regional") {  // globe
        pen.circle(0, 0, 0.8f);
        pen.line(-0.8f, 0, 0.8f, 0);
        for (int i = 0; i <= 24; ++i) {
            const float a = i * 6.28318f / 24;
            draw->PathLineTo(pen.p(0.35f * std::cos(a), 0.8f * std::sin(a)));
        }
        draw->PathStroke(color, 0, pen.w);
    } else if (name == "back") {
        pen.line(-0.6f, 0, 0.7f, 0);
        pen.line(-0.6f, 0, -0.1f, -0.5f);
        pen.line(-0.6f, 0, -0.1f, 0.5f);
    } else if (name == "home") {
        pen.triangle(0, -0.8f, -0.8f, -0.05f, 0.8f, -0.05f);
        pen.fill(-0.55f, -0.1f, 0.55f, 0.75f);
    } else if (name == "speaker" || name == "quieter" || name == "louder") {
        // A loudspeaker, with one sound wave (quieter), two (listen) or three (louder).
        pen.fill(-0.85f, -0.25f, -0.45f, 0.25f);
        pen.triangle(-0.45f, -0.25f, 0.0f, -0.7f, 0.0f, 0.0f);
        pen.triangle(-0.45f, 0.25f, 0.0f, 0.0f, 0.0f, 0.7f);
        pen.fill(-0.45f, -0.25f, 0.0f, 0.25f);
        const int waves = name == "quieter" ? 1 : name == "louder" ? 3 : 2;
        for (int i = 0; i < waves; ++i) {
            const float r = 0.3f + 0.25f * i;
            pen.draw->PathArcTo(pen.p(0.05f, 0), r * pen.s, -0.9f, 0.9f, 12);
            pen.draw->PathStroke(pen.color, 0, pen.w);
        }
    } else if (name == "pause") {
        pen.fill(-0.5f, -0.7f, -0.15f, 0.7f);
        pen.fill(0.15f, -0.7f, 0.5f, 0.7f);
    } else if (name == "play") {
        pen.triangle(-0.5f, -0.75f, 0.7f, 0.0f, -0.5f, 0.75f);
    } else if (name == "stop") {
        pen.fill(-0.6f, -0.6f, 0.6f, 0.6f, 0.1f);
    } else if (name == "search") {
        pen.circle(-0.15f, -0.15f, 0.5f);
        pen.line(0.22f, 0.22f, 0.75f, 0.75f);
    } else if (name == "text_size") {  // small and large A
        pen.line(-0.85f, 0.6f, -0.55f, -0.1f);
        pen.line(-0.55f, -0.1f, -0.25f, 0.6f);
        pen.line(-0.1f, 0.7f, 0.35f, -0.7f);
        pen.line(0.35f, -0.7f, 0.8f, 0.7f);
        pen.line(0.1f, 0.15f, 0.6f, 0.15f);
    } else if (name == "contrast") {  // half-filled circle
        pen.circle(0, 0, 0.75f);
        draw->PathArcTo(pen.p(0, 0), 0.75f * pen.s, -1.5708f, 1.5708f);
        draw->PathFillConvex(color);
    } else if (name == "language") {  // speech bubble
        pen.rect(-0.8f, -0.65f, 0.8f, 0.35f, 0.15f);
        pen.triangle(-0.4f, 0.3f, -0.05f, 0.3f, -0.45f, 0.75f);
    } else if (name == "qr") {
        for (auto [x, y] : {std::pair{-0.8f, -0.8f}, {0.2f, -0.8f}, {-0.8f, 0.2f}}) {
            pen.rect(x, y, x + 0.6f, y + 0.6f);
            pen.fill(x + 0.2f, y + 0.2f, x + 0.4f, y + 0.4f);
        }
        pen.fill(0.25f, 0.25f, 0.45f, 0.45f);
        pen.fill(0.55f, 0.55f, 0.8f, 0.8f);
    } else if (name == "more") {  // three dots in a row: the tools the bar had no room for
        for (float x : {-0.6f, 0.0f, 0.6f}) pen.disc(x, 0, 0.17f);
    } else if (name == "close") {
        pen.line(-0.6f, -0.6f, 0.6f, 0.6f);
        pen.line(-0.6f, 0.6f, 0.6f, -0.6f);
    } else if (name == "backspace") {
        pen.line(-0.85f, 0, -0.4f, -0.55f);
        pen.line(-0.85f, 0, -0.4f, 0.55f);
        pen.line(-0.4f, -0.55f, 0.85f, -0.55f);
        pen.line(-0.4f, 0.55f, 0.85f, 0.55f);
        pen.line(0.85f, -0.55f, 0.85f, 0.55f);
        pen.line(-0.05f, -0.25f, 0.45f, 0.25f);
        pen.line(-0.05f, 0.25f, 0.45f, -0.25f);
    } else if (name == "keyboard" || name == "keyboard_hide") {
        // A keyboard: a frame, two rows of keys and a space bar; put away: smaller, with an
        // arrow down under it.
        const float k = name == "keyboard" ? 1.0f : 0.7f, dy = name == "keyboard" ? 0 : -0.25f;
        pen.rect(-0.9f * k, -0.6f * k + dy, 0.9f * k, 0.6f * k + dy, 0.12f);
        for (float x = -0.65f; x < 0.7f; x += 0.33f) {
            pen.fill(x * k - 0.08f * k, -0.35f * k + dy, x * k + 0.08f * k, -0.19f * k + dy);
            pen.fill(x * k - 0.08f * k, -0.05f * k + dy, x * k + 0.08f * k, 0.11f * k + dy);
        }
        pen.fill(-0.4f * k, 0.28f * k + dy, 0.4f * k, 0.42f * k + dy);
        if (name == "keyboard_hide") {
            pen.line(-0.3f, 0.55f, 0, 0.8f);
            pen.line(0, 0.8f, 0.3f, 0.55f);
        }
    } else if (name == "filter") {  // funnel
        pen.triangle(-0.8f, -0.7f, 0.8f, -0.7f, 0, 0.1f);
        pen.fill(-0.12f, 0, 0.12f, 0.75f);
    } else if (name == "chevron") {
        pen.line(-0.25f, -0.55f, 0.3f, 0);
        pen.line(0.3f, 0, -0.25f, 0.55f);
    } else if (name == "hand") {  // touch: a finger tapping
        pen.disc(0, -0.35f, 0.18f);
        pen.fill(-0.18f, -0.35f, 0.18f, 0.35f);
        pen.fill(-0.45f, 0.05f, 0.45f, 0.8f, 0.2f);
        pen.circle(0, -0.35f, 0.42f);
    } else {
        pen.disc(0, 0, 0.35f);
    }
}

void fill_rounded_rect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float rounding) {
    // Whole pixels: SDL's software rasteriser leaves a 1 px gap between quads that meet at a
    // fractional x (seen as a light line through buttons at 1280x800).
    min = ImVec2(std::round(min.x), std::round(min.y));
    max = ImVec2(std::round(max.x), std::round(max.y));
    const float r = std::floor(std::min({rounding, (max.x - min.x) / 2, (max.y - min.y) / 2}));
    if (r < 1) {
        draw->AddRectFilled(min, max, color);
        return;
    }
    draw->AddRectFilled(ImVec2(min.x + r, min.y), ImVec2(max.x - r, max.y), color);
    draw->AddRectFilled(ImVec2(min.x, min.y + r), ImVec2(min.x + r, max.y - r), color);
    draw->AddRectFilled(ImVec2(max.x - r, min.y + r), ImVec2(max.x, max.y - r), color);
    // Corners without anti-aliased fringes: a fringe would also run along their straight
    // edges and show as a seam against the quads.
    const ImDrawListFlags flags = draw->Flags;
    draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    draw->AddRectFilled(min, ImVec2(min.x + r, min.y + r), color, r,
                        ImDrawFlags_RoundCornersTopLeft);
    draw->AddRectFilled(ImVec2(max.x - r, min.y), ImVec2(max.x, min.y + r), color, r,
                        ImDrawFlags_RoundCornersTopRight);
    draw->AddRectFilled(ImVec2(min.x, max.y - r), ImVec2(min.x + r, max.y), color, r,
                        ImDrawFlags_RoundCornersBottomLeft);
    draw->AddRectFilled(ImVec2(max.x - r, max.y - r), max, color, r,
                        ImDrawFlags_RoundCornersBottomRight);
    draw->Flags = flags;
}

}  // namespace guichet::kiosk
