// SPDX-License-Identifier: GPL-3.0-or-later
// What a take-away QR code carries, as text: a contact card for an institution (vCard or the
// shorter MECARD), or a link or a short text for anything else. No drawing and no encoding
// here (widgets/qr_code.h does both), so the content adapter builds payloads without the UI.
#pragma once

#include <cstddef>
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
};

// vCard 3.0 (RFC 2426): CRLF line ends, TEXT values escaped (\\ \, \; and newline as \n),
// lines folded at 75 octets without splitting a UTF-8 character. The card is an organisation
// (FN and ORG carry the name, N is empty).
std::string vcard(const ContactCard& card);

// MECARD (NTT DoCoMo): shorter than a vCard, so a smaller code; \ ; : , escaped with \.
std::string mecard(const ContactCard& card);

// For programmes and articles: the official link alone when there is one (phones open it),
// otherwise "title\n\nsummary", cut at a whole character to keep the code scannable
// (max_bytes of UTF-8).
std::string link_or_text_payload(std::string_view title, std::string_view summary,
                                 std::string_view url, std::size_t max_bytes = 600);

}  // namespace guichet::kiosk
