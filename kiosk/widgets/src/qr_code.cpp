// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/qr_code.h"

#include <cerrno>
#include <algorithm>
#include <cmath>
#include <memory>

#include <qrencode.h>

namespace guichet::widgets {
namespace {

struct QrcodeDeleter {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

QRecLevel to_qrencode(QrErrorCorrection level) {
    switch (level) {
        case QrErrorCorrection::low:
            return QR_ECLEVEL_L;
        case QrErrorCorrection::medium:
            return QR_ECLEVEL_M;
        case QrErrorCorrection::quartile:
            return QR_ECLEVEL_Q;
        case QrErrorCorrection::high:
            return QR_ECLEVEL_H;
    }
    return QR_ECLEVEL_M;
}

float smallest_module = 0;

}  // namespace

float smallest_qr_module_px() {
    return smallest_module;
}
void reset_qr_report() {
    smallest_module = 0;
}

Result<QrMatrix> encode_qr(std::string_view payload, QrErrorCorrection level) {
    if (payload.empty()) return make_error("QR code: nothing to encode");
    errno = 0;
    std::unique_ptr<QRcode, QrcodeDeleter> code(QRcode_encodeData(
        static_cast<int>(payload.size()), reinterpret_cast<const unsigned char*>(payload.data()), 0,
        to_qrencode(level)));
    if (!code) {
        if (errno == ERANGE) {
            return make_error("QR code: " + std::to_string(payload.size()) +
                              " bytes do not fit in a version 40 code");
        }
        return make_error("QR code: libqrencode failed (errno " + std::to_string(errno) + ")");
    }
    QrMatrix matrix;
    matrix.size = code->width;
    matrix.version = code->version;
    matrix.error_correction = level;
    const auto count =
        static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
    matrix.modules.resize(count);
    for (std::size_t i = 0; i < count; ++i) matrix.modules[i] = code->data[i] & 1;
    return matrix;
}

void draw_qr(ImDrawList* draw_list, ImVec2 top_left, float side_px, const QrMatrix& matrix,
             int quiet_zone_modules, ImU32 dark, ImU32 light) {
    if (draw_list == nullptr || matrix.size <= 0 || side_px <= 0.0f) return;
    draw_list->AddRectFilled(top_left, ImVec2(top_left.x + side_px, top_left.y + side_px), light);
    const int total = matrix.size + 2 * std::max(quiet_zone_modules, 0);
    // Whole-pixel modules keep edges crisp for the phone's camera; below one pixel per module
    // there is nothing to snap to.
    float module = side_px / static_cast<float>(total);
    if (module >= 1.0f) module = std::floor(module);
    smallest_module = smallest_module == 0 ? module : std::min(smallest_module, module);
    const float margin = std::round((side_px - module * static_cast<float>(matrix.size)) / 2.0f);
    const float x0 = std::round(top_left.x) + margin;
    const float y0 = std::round(top_left.y) + margin;
    // One rectangle per horizontal run of dark modules: far fewer vertices than one per module.
    for (int y = 0; y < matrix.size; ++y) {
        int x = 0;
        while (x < matrix.size) {
            if (!matrix.dark(x, y)) {
                ++x;
                continue;
            }
            const int run_start = x;
            while (x < matrix.size && matrix.dark(x, y)) ++x;
            draw_list->AddRectFilled(ImVec2(x0 + module * static_cast<float>(run_start),
                                            y0 + module * static_cast<float>(y)),
                                     ImVec2(x0 + module * static_cast<float>(x),
                                            y0 + module * static_cast<float>(y + 1)),
                                     dark);
        }
    }
}

}  // namespace guichet::widgets
