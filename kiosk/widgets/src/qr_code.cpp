// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/qr_code.h"

#include <cerrno>
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

// vCard TEXT values (RFC 2426 section 4): backslash, comma, semicolon escaped; any line break
// becomes \n.
std::string escape_vcard_text(std::string_view value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '\\' || c == ',' || c == ';') {
            out += '\\';
            out += c;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n') ++i;
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

// URI and phone values are not TEXT: no escaping, but a line break would end the property.
std::string single_line(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c != '\r' && c != '\n') out += c;
    }
    return out;
}

// RFC 2426 section 2.6: lines longer than 75 octets are folded (CRLF then one space); we never
// split a UTF-8 sequence.
std::string fold_line(const std::string& line) {
    constexpr std::size_t kMaxOctets = 75;
    std::string out;
    std::size_t start = 0;
    std::size_t room = kMaxOctets;
    while (line.size() - start > room) {
        std::size_t cut = start + room;
        while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out.append(line, start, cut - start);
        out += "\r\n ";
        start = cut;
        room = kMaxOctets - 1;  // the leading space counts
    }
    out.append(line, start, std::string::npos);
    return out + "\r\n";
}

// MECARD: \ ; : , are reserved and escaped with a backslash; line breaks become spaces.
std::string escape_mecard(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == ';' || c == ':' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r' || c == '\n') {
            if (out.empty() || out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

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

std::string vcard(const ContactCard& card) {
    std::string out = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\n";
    out += fold_line("FN:" + escape_vcard_text(card.name));
    out += fold_line("ORG:" + escape_vcard_text(card.name));
    for (const auto& phone : card.phones) {
        if (!phone.empty()) out += fold_line("TEL;TYPE=WORK,VOICE:" + single_line(phone));
    }
    if (!card.email.empty()) out += fold_line("EMAIL;TYPE=INTERNET:" + single_line(card.email));
    if (!card.street.empty() || !card.city.empty() || !card.region.empty() ||
        !card.postal_code.empty() || !card.country.empty()) {
        // Post office box; extended address; street; locality; region; postal code; country.
        out +=
            fold_line("ADR;TYPE=WORK:;;" + escape_vcard_text(card.street) + ";" +
                      escape_vcard_text(card.city) + ";" + escape_vcard_text(card.region) + ";" +
                      escape_vcard_text(card.postal_code) + ";" + escape_vcard_text(card.country));
    }
    if (!card.website.empty()) out += fold_line("URL:" + single_line(card.website));
    out += "END:VCARD\r\n";
    return out;
}

std::string mecard(const ContactCard& card) {
    std::string out = "MECARD:N:" + escape_mecard(card.name) + ";";
    for (const auto& phone : card.phones) {
        if (!phone.empty()) out += "TEL:" + escape_mecard(phone) + ";";
    }
    if (!card.email.empty()) out += "EMAIL:" + escape_mecard(card.email) + ";";
    std::string address;
    auto add_part = [&address](const std::string& part, const char* separator) {
        if (part.empty()) return;
        if (!address.empty()) address += separator;
        address += part;
    };
    add_part(card.street, ", ");
    add_part(card.postal_code, ", ");
    add_part(card.city, card.postal_code.empty() ? ", " : " ");
    add_part(card.region, ", ");
    add_part(card.country, ", ");
    if (!address.empty()) out += "ADR:" + escape_mecard(address) + ";";
    if (!card.website.empty()) out += "URL:" + escape_mecard(card.website) + ";";
    return out + ";";
}

std::string link_or_text_payload(std::string_view title, std::string_view summary,
                                 std::string_view url, std::size_t max_bytes) {
    if (!url.empty()) return std::string(url);
    std::string text(title);
    if (!summary.empty()) {
        text += "\n\n";
        text += summary;
    }
    if (text.size() <= max_bytes) return text;
    const std::string_view ellipsis = "\xE2\x80\xA6";
    std::size_t cut = max_bytes >= ellipsis.size() ? max_bytes - ellipsis.size() : 0;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    return text + std::string(ellipsis);
}

}  // namespace guichet::widgets
