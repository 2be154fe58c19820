// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/qr_payload.h"

#include <cstdio>

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

std::optional<std::string> tel_uri(std::string_view phone) {
    std::string out = "tel:";
    int digits = 0;
    bool separator = false;
    for (std::size_t i = 0; i < phone.size(); ++i) {
        const char c = phone[i];
        if (c >= '0' && c <= '9') {
            // A separator between digits of a global number stays, as a dash (RFC 3966
            // visual-separator); a local number is written bare.
            if (separator && digits > 0 && phone[0] == '+') out += '-';
            separator = false;
            out += c;
            ++digits;
        } else if (c == '+') {
            if (i != 0) return std::nullopt;
            out += c;
        } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
            separator = true;
        } else {
            return std::nullopt;
        }
    }
    if (digits < 3 || digits > 15) return std::nullopt;
    return out;
}

std::optional<std::string> whatsapp_link(std::string_view phone) {
    if (phone.empty() || phone[0] != '+' || !tel_uri(phone)) return std::nullopt;
    std::string digits;
    for (char c : phone)
        if (c >= '0' && c <= '9') digits += c;
    if (digits.size() < 8) return std::nullopt;
    return "https://wa.me/" + digits;
}

bool is_web_url(std::string_view url) {
    std::string_view rest;
    if (url.rfind("https://", 0) == 0)
        rest = url.substr(8);
    else if (url.rfind("http://", 0) == 0)
        rest = url.substr(7);
    else
        return false;
    for (char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '"' || c == '<' ||
            c == '>' || c == '\\')
            return false;
    const std::size_t end = rest.find_first_of("/?#");
    std::string_view host = rest.substr(0, end);
    if (const std::size_t at = host.rfind('@'); at != std::string_view::npos)
        host = host.substr(at + 1);
    if (const std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
        std::string_view port = host.substr(colon + 1);
        if (port.empty() || port.size() > 5) return false;
        for (char c : port)
            if (c < '0' || c > '9') return false;
        host = host.substr(0, colon);
    }
    if (host.empty() || host.size() > 253 || host.front() == '.' || host.back() == '.' ||
        host.find('.') == std::string_view::npos || host.find("..") != std::string_view::npos)
        return false;
    for (char c : host) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
        if (!ok) return false;
    }
    return true;
}

std::string geo_uri(double lat, double lon) {
    auto number = [](double v) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.6f", v);
        std::string s(buffer);
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
        if (s == "-0") s = "0";
        return s;
    };
    return "geo:" + number(lat) + "," + number(lon);
}

std::string vcard4(const ContactCard& card) {
    std::string out = "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\n";
    out += fold_line("FN:" + escape_vcard_text(card.name));
    out += fold_line("ORG:" + escape_vcard_text(card.name));
    for (const auto& phone : card.phones)
        if (auto uri = tel_uri(phone))
            out += fold_line("TEL;VALUE=uri;TYPE=\"work,voice\":" + *uri);
    if (!card.email.empty() && card.email.find('@') != std::string::npos)
        out += fold_line("EMAIL;TYPE=work:" + single_line(card.email));
    if (!card.street.empty() || !card.city.empty() || !card.region.empty() ||
        !card.postal_code.empty() || !card.country.empty()) {
        // Post office box; extended address; street; locality; region; postal code; country.
        out +=
            fold_line("ADR;TYPE=work:;;" + escape_vcard_text(card.street) + ";" +
                      escape_vcard_text(card.city) + ";" + escape_vcard_text(card.region) + ";" +
                      escape_vcard_text(card.postal_code) + ";" + escape_vcard_text(card.country));
    }
    if (is_web_url(card.website)) out += fold_line("URL:" + card.website);
    if (card.geo.rfind("geo:", 0) == 0) out += fold_line("GEO:" + single_line(card.geo));
    if (!card.note.empty()) out += fold_line("NOTE:" + escape_vcard_text(card.note));
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
