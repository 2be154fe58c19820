// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/qr_payload.h"

namespace guichet::kiosk {
namespace {

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

}  // namespace guichet::kiosk
