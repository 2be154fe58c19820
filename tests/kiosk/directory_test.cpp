// SPDX-License-Identifier: GPL-3.0-or-later
// The directory's pure parts: opening hours in words with today marked, distances and walking
// times, nearest first, and the take-away payloads (vCard 4.0, tel:, geo:, URLs) a phone reads.
#include <doctest/doctest.h>

#include <map>

#include "kiosk/places.h"
#include "kiosk/qr_payload.h"

using namespace guichet::kiosk;
namespace hours = guichet::content::hours;

namespace {

// English words as the PO source has them, so the tests read like the screen.
std::string english(std::string_view key) {
    static const std::map<std::string, std::string, std::less<>> words = {
        {"day.mo", "Monday"},       {"day.tu", "Tuesday"},   {"day.we", "Wednesday"},
        {"day.th", "Thursday"},     {"day.fr", "Friday"},    {"day.sa", "Saturday"},
        {"day.su", "Sunday"},       {"hours.closed", "Closed"},
        {"hours.open_until", "Open now, until {}"},
        {"hours.open_always", "Open now, 24 hours a day"},
        {"hours.closed_now", "Closed now"},
        {"hours.opens_today", "Closed now, opens today at {}"},
        {"hours.opens_tomorrow", "Closed now, opens tomorrow at {}"},
        {"hours.opens_on", "Closed now, opens {}"},
        {"distance.walk", "{} min on foot"}};
    auto it = words.find(key);
    return it == words.end() ? std::string(key) : it->second;
}

// 2026-12-07 is a Monday; seconds of a UTC time that day or the next ones.
std::int64_t monday_utc(int day_offset, int hour, int minute) {
    constexpr std::int64_t kMonday = 1796601600;  // 2026-12-07 00:00 UTC
    return kMonday + day_offset * 86400 + hour * 3600 + minute * 60;
}

}  // namespace

TEST_CASE("places: the week in words, today marked") {
    auto week = hours::parse("Mo-Fr 08:00-17:00; Sa 09:00-13:00,15:00-18:00").week;
    auto rows = hours_rows(week, 5, english);
    REQUIRE(rows.size() == 7);
    CHECK(rows[0].day == "Monday");
    CHECK(rows[0].times == "08:00\xE2\x80\x93"
                           "17:00");
    CHECK(rows[5].times == "09:00\xE2\x80\x93"
                           "13:00, 15:00\xE2\x80\x93"
                           "18:00");
    CHECK(rows[5].today);
    CHECK_FALSE(rows[0].today);
    CHECK(rows[6].times == "Closed");
    CHECK(clock_time(1440) == "24:00");
    CHECK(clock_time(8 * 60 + 5) == "08:05");
}

TEST_CASE("places: open now until, closed now opens, from the clock in the place's zone") {
    const std::string hours_text = "Mo-Fr 08:00-17:00; Sa 09:00-13:00";
    // Monday 15:00 UTC is 09:00 in Mexico City: open until 17:00.
    auto open = opening_now(hours_text, "America/Mexico_City", monday_utc(0, 15, 0), english);
    REQUIRE(open);
    CHECK(open->open);
    CHECK(open->status == "Open now, until 17:00");
    CHECK(open->rows[0].today);
    // Monday 18:00 UTC is 02:00 on Tuesday in Manila: closed, opens today at 08:00.
    auto manila = opening_now(hours_text, "Asia/Manila", monday_utc(0, 18, 0), english);
    CHECK(manila->status == "Closed now, opens today at 08:00");
    CHECK(manila->rows[1].today);
    // Friday 23:30 UTC is 17:30 in Mexico City: opens tomorrow (Saturday) at 09:00.
    auto friday = opening_now(hours_text, "America/Mexico_City", monday_utc(4, 23, 30), english);
    CHECK(friday->status == "Closed now, opens tomorrow at 09:00");
    // Saturday 20:00 UTC is 14:00: closed until Monday.
    auto weekend = opening_now(hours_text, "America/Mexico_City", monday_utc(5, 20, 0), english);
    CHECK_FALSE(weekend->open);
    CHECK(weekend->status == "Closed now, opens Monday 08:00");
    // Across midnight, in the zone: Sunday 05:30 UTC is Saturday 23:30 in Mexico City, when
    // a night shelter opened at 20:00 is open until 07:00.
    auto night = opening_now("Sa 20:00-07:00", "America/Mexico_City", monday_utc(-1, 5, 30), english);
    CHECK(night->open);
    CHECK(night->status == "Open now, until 07:00");
    CHECK(opening_now("24/7", "America/Bogota", monday_utc(0, 3, 0), english)->status ==
          "Open now, 24 hours a day");
    CHECK_FALSE(opening_now("", "America/Bogota", monday_utc(0, 3, 0), english));
    CHECK_FALSE(opening_now("Lu-Vi 08:00-17:00", "America/Bogota", monday_utc(0, 3, 0), english));
    CHECK(opening_now("Mo off", "America/Bogota", monday_utc(0, 3, 0), english)->status ==
          "Closed now");
}

TEST_CASE("places: distances in km, walking time under 3 km, nearest first") {
    // Zócalo to the Ángel de la Independencia, Mexico City: about 3.7 km as the crow flies.
    const double km = distance_km(19.4326, -99.1332, 19.4270, -99.1677);
    CHECK(km == doctest::Approx(3.67).epsilon(0.03));
    // One degree of latitude is 111.2 km.
    CHECK(distance_km(0, 0, 1, 0) == doctest::Approx(111.2).epsilon(0.002));
    CHECK(distance_km(10, 20, 10, 20) == doctest::Approx(0));
    CHECK(walking_minutes(0.4) == 10);  // 0.5 km of street at 4.5 km/h: 6.7 min, up to 10
    CHECK(walking_minutes(2.0) == 35);
    CHECK(walking_minutes(3.0) == 0);
    CHECK(walking_minutes(12) == 0);
    CHECK(distance_text(0.42, "es", english) == "400 m \xC2\xB7 10 min on foot");
    CHECK(distance_text(2.36, "es", english) == "2,4 km \xC2\xB7 40 min on foot");
    CHECK(distance_text(2.36, "en", english) == "2.4 km \xC2\xB7 40 min on foot");
    CHECK(distance_text(7.26, "fr", english) == "7,3 km");
    CHECK(distance_text(250.4, "ar", english) == "250 km");
    // Far places: grouped as the language groups thousands (ICU), never "1250.4".
    CHECK(distance_text(1250.4, "es", english) == "1.250 km");
    CHECK(distance_text(1250.4, "en", english) == "1,250 km");
    CHECK(distance_text(1250.4, "fr", english) == "1\u202F250 km");
    CHECK(distance_text(1250.4, "ar", english) == "1,250 km");
    CHECK(distance_text(3.0, "pt", english) == "3 km");
    std::vector<Located> places = {{"far", 20.0, -99.0},
                                   {"unknown", std::nullopt, std::nullopt},
                                   {"near", 19.44, -99.14},
                                   {"nearer", 19.433, -99.134},
                                   {"also-unknown", std::nullopt, std::nullopt}};
    auto order = nearest_first(places, 19.4326, -99.1332);
    REQUIRE(order.size() == 5);
    CHECK(places[order[0]].id == "nearer");
    CHECK(places[order[1]].id == "near");
    CHECK(places[order[2]].id == "far");
    CHECK(places[order[3]].id == "unknown");
    CHECK(places[order[4]].id == "also-unknown");
}

TEST_CASE("payloads: tel: URIs a phone dials, WhatsApp links, URLs that parse, geo:") {
    CHECK(tel_uri("+52 55 5209 1100") == "tel:+52-55-5209-1100");
    CHECK(tel_uri("(55) 5209-1100") == "tel:5552091100");
    CHECK(tel_uri("911") == "tel:911");
    CHECK_FALSE(tel_uri("12"));
    CHECK_FALSE(tel_uri("55 52 09 ext 3"));
    CHECK_FALSE(tel_uri("55+52"));
    CHECK_FALSE(tel_uri("1234567890123456"));  // 16 digits: past E.164
    CHECK(whatsapp_link("+52 55 1234 5678") == "https://wa.me/525512345678");
    CHECK_FALSE(whatsapp_link("55 1234 5678"));
    CHECK(is_web_url("https://www.iom.int"));
    CHECK(is_web_url("http://example.org:8080/a?b=c#d"));
    CHECK(is_web_url("https://www.gob.mx/comar"));
    CHECK_FALSE(is_web_url("www.iom.int"));
    CHECK_FALSE(is_web_url("https://"));
    CHECK_FALSE(is_web_url("https://localhost"));
    CHECK_FALSE(is_web_url("https://exa mple.org"));
    CHECK_FALSE(is_web_url("https://example..org"));
    CHECK_FALSE(is_web_url("ftp://example.org"));
    CHECK(geo_uri(19.4326, -99.1332) == "geo:19.4326,-99.1332");
    CHECK(geo_uri(-34.6, 0) == "geo:-34.6,0");
    CHECK(geo_uri(1.123456789, 2) == "geo:1.123457,2");
}

TEST_CASE("payloads: vCard 4.0 escapes commas, semicolons, backslashes and line breaks") {
    ContactCard card;
    card.name = "Comisión Mexicana de Ayuda a Refugiados; COMAR, oficina\\central";
    card.phones = {"+52 55 5209 1100", "not a phone", "800 000 0000"};
    card.email = "contacto@example.org";
    card.street = "Versalles 49, Col. Juárez";
    card.city = "Ciudad de México";
    card.country = "México";
    card.website = "https://www.gob.mx/comar";
    card.geo = "geo:19.43,-99.13";
    card.note = "Mo-Fr 08:00-17:00; Sa 09:00-13:00\nCerrado en días festivos";
    const std::string v = vcard4(card);
    CHECK(v ==
          "BEGIN:VCARD\r\n"
          "VERSION:4.0\r\n"
          "KIND:org\r\n"
          "FN:Comisión Mexicana de Ayuda a Refugiados\\; COMAR\\, oficina\\\\central\r\n"
          "ORG:Comisión Mexicana de Ayuda a Refugiados\\; COMAR\\, oficina\\\\central\r\n"
          "TEL;VALUE=uri;TYPE=\"work,voice\":tel:+52-55-5209-1100\r\n"
          "TEL;VALUE=uri;TYPE=\"work,voice\":tel:8000000000\r\n"
          "EMAIL;TYPE=work:contacto@example.org\r\n"
          "ADR;TYPE=work:;;Versalles 49\\, Col. Juárez;Ciudad de México;;;México\r\n"
          "URL:https://www.gob.mx/comar\r\n"
          "GEO:geo:19.43,-99.13\r\n"
          "NOTE:Mo-Fr 08:00-17:00\\; Sa 09:00-13:00\\nCerrado en días festivos\r\n"
          "END:VCARD\r\n");
    // A website that does not parse is left out rather than handed to a phone.
    card.website = "www.iom.int";
    CHECK(vcard4(card).find("URL:") == std::string::npos);
}

TEST_CASE("payloads: vCard 4.0 folds at 75 octets, never inside a character") {
    ContactCard card;
    card.name = std::string(70, 'a') + "éééé";
    const std::string v = vcard4(card);
    for (size_t start = 0; start < v.size();) {
        const size_t end = v.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        CHECK(end - start <= 75);
        // A continuation line starts with one space and never with a UTF-8 continuation byte.
        if (v[start] == ' ')
            CHECK((static_cast<unsigned char>(v[start + 1]) & 0xC0) != 0x80);
        start = end + 2;
    }
    CHECK(v.find("FN:" + std::string(70, 'a') + "\xC3\xA9\r\n \xC3\xA9") != std::string::npos);
}
