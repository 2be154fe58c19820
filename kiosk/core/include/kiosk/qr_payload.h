// SPDX-License-Identifier: GPL-3.0-or-later
// What a take-away QR code carries, as text: a contact card for an institution (vCard or the
// shorter MECARD), or a link or a short text for anything else. No drawing and no encoding
// here (widgets/qr_code.h does both), so the content adapter builds payloads without the UI.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::kiosk {

// What an institution's card holds; empty fields are left out.
struct ContactCard {
    std::string name;
    std::vector<std::string> phones;
    std::string email;
    std::string street;  // "Av. 9 de Julio 1925"
    std::string city;
    std::string region;
    std::string postal_code;
    std::string country;  // as shown to people: "Argentina"
    std::string website;
    std::string note;  // vCard 4.0 only: opening hours, in a line or a few
    std::string geo;   // vCard 4.0 only: a geo: URI (geo_uri)
};

// vCard 3.0 (RFC 2426): CRLF line ends, TEXT values escaped (\\ \, \; and newline as \n),
// lines folded at 75 octets without splitting a UTF-8 character. The card is an organisation
// (FN and ORG carry the name, N is empty).
std::string vcard(const ContactCard& card);

// vCard 4.0 (RFC 6350), what phone cameras read as a contact: KIND:org, FN and ORG the name,
// TEL as tel: URIs (tel_uri; a number that is not dialable is left out), EMAIL, ADR, URL (a
// web address that does not parse is left out), GEO and NOTE. TEXT values escaped as RFC 6350
// 3.4 says (\\ \, \; and a line break as \n), UTF-8, CRLF, lines folded at 75 octets without
// splitting a character.
std::string vcard4(const ContactCard& card);

// A number a phone can dial, as an RFC 3966 tel: URI: "+52 55 5209 1100" → "tel:+52-55-5209-1100"
// (the visual separators as dashes), a local number without them ("tel:911"); nullopt when it
// is not a number (letters, 2 digits or fewer, more than 15, a + not in front).
std::optional<std::string> tel_uri(std::string_view phone);
// WhatsApp's click-to-chat link of a number in international form ("https://wa.me/525512345678");
// nullopt without the leading + or for a number tel_uri refuses.
std::optional<std::string> whatsapp_link(std::string_view phone);
// An absolute http(s) URL whose host is a name with a dot or an IP address, with no spaces or
// control characters: what a phone's browser opens. "www.iom.int" is not one.
bool is_web_url(std::string_view url);
// RFC 5870: "geo:19.4326,-99.1332" (6 decimals at most, trailing zeros dropped).
std::string geo_uri(double lat, double lon);

// MECARD (NTT DoCoMo): shorter than a vCard, so a smaller code; \ ; : , escaped with \.
std::string mecard(const ContactCard& card);

// For programmes and articles: the official link alone when there is one (phones open it),
// otherwise "title\n\nsummary", cut at a whole character to keep the code scannable
// (max_bytes of UTF-8).
std::string link_or_text_payload(std::string_view title, std::string_view summary,
                                 std::string_view url, std::size_t max_bytes = 600);

}  // namespace guichet::kiosk
