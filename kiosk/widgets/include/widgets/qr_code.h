// SPDX-License-Identifier: GPL-3.0-or-later
// Take-away QR codes. Build the payload (kiosk/qr_payload.h: a contact card for an
// institution, a link or a short text for anything else), encode it once with libqrencode into a module matrix, and draw the
// matrix each frame with ImDrawList at any size, dark on light with a quiet zone.
//
//   auto payload = widgets::vcard({.name = ..., .phones = {...}, .website = ...});
//   auto qr = widgets::encode_qr(payload);            // Result<QrMatrix>; keep it, not per frame
//   if (qr) widgets::draw_qr(ImGui::GetWindowDrawList(), top_left, 300.0f, *qr);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "kiosk/qr_payload.h"
#include "platform/result.h"

namespace guichet::widgets {

enum class QrErrorCorrection { low, medium, quartile, high };

// Square grid of modules; dark(x, y) with x to the right, y down, (0, 0) top-left.
struct QrMatrix {
    int size = 0;     // modules per side: 21 for version 1, 4 * version + 17
    int version = 0;  // 1..40, chosen by libqrencode as the smallest that fits
    QrErrorCorrection error_correction = QrErrorCorrection::medium;
    std::vector<std::uint8_t> modules;  // size * size, row-major, 1 = dark

    bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y * size + x)] != 0; }
};

// Byte mode (UTF-8 as is). Errors: empty payload, or too long for a version 40 code.
Result<QrMatrix> encode_qr(std::string_view payload,
                           QrErrorCorrection level = QrErrorCorrection::medium);

// The quiet zone the standard asks for, in modules on each side.
inline constexpr int kQrQuietZoneModules = 4;

// Draws the code with its quiet zone inside a square of side_px pixels at top_left: a light
// background square, then dark modules snapped to whole pixels so no seams appear.
void draw_qr(ImDrawList* draw_list, ImVec2 top_left, float side_px, const QrMatrix& matrix,
             int quiet_zone_modules = kQrQuietZoneModules, ImU32 dark = IM_COL32(0, 0, 0, 255),
             ImU32 light = IM_COL32(255, 255, 255, 255));

// The smallest module, in px, of the codes drawn since the last reset (0: none): the layout
// report's check that a phone can read the code (at least 4 px a module).
float smallest_qr_module_px();
void reset_qr_report();

// The payloads (kiosk/qr_payload.h: text only, built where the content is read), by their
// old names here.
using kiosk::ContactCard;
using kiosk::link_or_text_payload;
using kiosk::mecard;
using kiosk::vcard;

}  // namespace guichet::widgets
