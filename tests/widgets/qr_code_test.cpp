// SPDX-License-Identifier: GPL-3.0-or-later
#include <doctest/doctest.h>

#include <memory>

#include <qrencode.h>

#include "widgets/qr_code.h"

using namespace guichet::widgets;

namespace {

// The finder pattern: a dark 7x7 ring, a light ring, a dark 3x3 centre.
bool finder_at(const QrMatrix& m, int left, int top) {
    for (int y = 0; y < 7; ++y) {
        for (int x = 0; x < 7; ++x) {
            const int ring = std::max(std::abs(x - 3), std::abs(y - 3));
            const bool want_dark = ring != 2;
            if (m.dark(left + x, top + y) != want_dark) return false;
        }
    }
    return true;
}

// The 15 format bits around the top-left finder and their copy split between the other two
// (ISO/IEC 18004 section 7.9), as (x, y) reads.
int format_bits_top_left(const QrMatrix& m) {
    int bits = 0;
    for (int i = 0; i <= 5; ++i) bits |= m.dark(8, i) << i;
    bits |= m.dark(8, 7) << 6;
    bits |= m.dark(8, 8) << 7;
    bits |= m.dark(7, 8) << 8;
    for (int i = 9; i < 15; ++i) bits |= m.dark(14 - i, 8) << i;
    return bits;
}

int format_bits_copy(const QrMatrix& m) {
    int bits = 0;
    for (int i = 0; i < 8; ++i) bits |= m.dark(m.size - 1 - i, 8) << i;
    for (int i = 8; i < 15; ++i) bits |= m.dark(8, m.size - 15 + i) << i;
    return bits;
}

int bch_remainder(int data) {
    int rem = data;
    for (int i = 0; i < 10; ++i) rem = (rem << 1) ^ ((rem >> 9) * 0x537);
    return rem & 0x3FF;
}

}  // namespace

TEST_CASE("encode_qr gives a standard matrix: size, finders, timing, format information") {
    struct Case {
        std::string payload;
        QrErrorCorrection level;
        int format_level;  // L=1, M=0, Q=3, H=2 in the format bits
    };
    const Case cases[] = {
        {"HELLO", QrErrorCorrection::low, 1},
        {"https://www.oas.org/es/sadye/migracion", QrErrorCorrection::medium, 0},
        {std::string(300, 'x') + "\xC3\xA9", QrErrorCorrection::quartile, 3},
        {"MECARD:N:Consulado;;", QrErrorCorrection::high, 2},
    };
    for (const auto& c : cases) {
        CAPTURE(c.payload);
        auto qr = encode_qr(c.payload, c.level);
        REQUIRE_MESSAGE(qr.ok(), qr.message());
        CHECK(qr->version >= 1);
        CHECK(qr->size == 4 * qr->version + 17);
        CHECK(qr->modules.size() == static_cast<std::size_t>(qr->size * qr->size));

        CHECK(finder_at(*qr, 0, 0));
        CHECK(finder_at(*qr, qr->size - 7, 0));
        CHECK(finder_at(*qr, 0, qr->size - 7));
        CHECK_FALSE(finder_at(*qr, qr->size - 7, qr->size - 7));
        for (int i = 8; i < qr->size - 8; ++i) {  // timing patterns alternate, dark on even
            CHECK(qr->dark(i, 6) == (i % 2 == 0));
            CHECK(qr->dark(6, i) == (i % 2 == 0));
        }
        CHECK(qr->dark(8, qr->size - 8));  // the module that is always dark

        const int first = format_bits_top_left(*qr);
        CHECK(first == format_bits_copy(*qr));
        const int raw = first ^ 0x5412;
        CHECK(bch_remainder(raw >> 10) == (raw & 0x3FF));
        CHECK((raw >> 13) == c.format_level);
    }
}

TEST_CASE("the matrix is libqrencode's own output, module for module") {
    const std::string payload = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Oficina\r\nEND:VCARD\r\n";
    auto qr = encode_qr(payload, QrErrorCorrection::medium);
    REQUIRE(qr.ok());
    std::unique_ptr<QRcode, void (*)(QRcode*)> direct(
        QRcode_encodeString8bit(payload.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
    REQUIRE(direct != nullptr);
    REQUIRE(qr->size == direct->width);
    CHECK(qr->version == direct->version);
    for (int y = 0; y < qr->size; ++y) {
        for (int x = 0; x < qr->size; ++x) {
            CHECK(qr->dark(x, y) == ((direct->data[y * direct->width + x] & 1) != 0));
        }
    }
}

TEST_CASE("encode_qr refuses empty and oversized payloads with a message") {
    auto empty = encode_qr("");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.message() == "QR code: nothing to encode");
    auto huge = encode_qr(std::string(3000, 'a'), QrErrorCorrection::medium);
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.message() == "QR code: 3000 bytes do not fit in a version 40 code");
}

namespace {

ContactCard tricky_card() {
    ContactCard card;
    card.name = "Consulado; Oficina, \"Norte\"\\Sur";
    card.phones = {"+54 11 4816-0000", "", "+54 11 4816-0001"};
    card.street = "Av. 9 de Julio 1925";
    card.city = "Buenos Aires";
    card.country = "Argentina";
    card.website = "https://example.org/a;b";
    return card;
}

}  // namespace

TEST_CASE("vcard escapes TEXT values per RFC 2426 and leaves URIs alone") {
    CHECK(vcard(tricky_card()) ==
          "BEGIN:VCARD\r\n"
          "VERSION:3.0\r\n"
          "N:;;;;\r\n"
          "FN:Consulado\\; Oficina\\, \"Norte\"\\\\Sur\r\n"
          "ORG:Consulado\\; Oficina\\, \"Norte\"\\\\Sur\r\n"
          "TEL;TYPE=WORK,VOICE:+54 11 4816-0000\r\n"
          "TEL;TYPE=WORK,VOICE:+54 11 4816-0001\r\n"
          "ADR;TYPE=WORK:;;Av. 9 de Julio 1925;Buenos Aires;;;Argentina\r\n"
          "URL:https://example.org/a;b\r\n"
          "END:VCARD\r\n");

    ContactCard multiline;
    multiline.name = "Line one\r\nline two\nthree";
    const std::string card = vcard(multiline);
    CHECK(card.find("FN:Line one\\nline two\\nthree\r\n") != std::string::npos);
    CHECK(card.find("ADR") == std::string::npos);  // no address given: no ADR line
    CHECK(card.find("TEL") == std::string::npos);
}

TEST_CASE("vcard folds long lines at 75 octets without splitting a character") {
    ContactCard card;
    for (int i = 0; i < 100; ++i) card.name += "\xC3\xA9";  // é, two octets each
    const std::string text = vcard(card);
    std::size_t start = 0;
    std::string unfolded;
    int physical_lines = 0;
    while (start < text.size()) {
        const std::size_t end = text.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        const std::string line = text.substr(start, end - start);
        CHECK(line.size() <= 75);
        if (!line.empty() && line[0] == ' ') {
            CHECK((static_cast<unsigned char>(line[1]) & 0xC0) != 0x80);
            unfolded += line.substr(1);
        } else {
            unfolded += (unfolded.empty() ? "" : "\n") + line;
        }
        ++physical_lines;
        start = end + 2;
    }
    CHECK(physical_lines > 7);
    std::string expected_fn = "FN:";
    for (int i = 0; i < 100; ++i) expected_fn += "\xC3\xA9";
    CHECK(unfolded.find("\n" + expected_fn + "\n") != std::string::npos);
}

TEST_CASE("mecard escapes backslash, semicolon, colon and comma") {
    CHECK(mecard(tricky_card()) ==
          "MECARD:N:Consulado\\; Oficina\\, \"Norte\"\\\\Sur;"
          "TEL:+54 11 4816-0000;TEL:+54 11 4816-0001;"
          "ADR:Av. 9 de Julio 1925\\, Buenos Aires\\, Argentina;"
          "URL:https\\://example.org/a\\;b;;");
    ContactCard minimal;
    minimal.name = "OIM";
    CHECK(mecard(minimal) == "MECARD:N:OIM;;");
}

TEST_CASE("link_or_text_payload: the link when there is one, else a text cut at a character") {
    CHECK(link_or_text_payload("T", "S", "https://x.org/p") == "https://x.org/p");
    CHECK(link_or_text_payload("Title", "Summary", "") == "Title\n\nSummary");
    CHECK(link_or_text_payload("Title", "", "") == "Title");
    std::string long_summary;
    for (int i = 0; i < 400; ++i) long_summary += "\xC3\xA7";  // ç
    const std::string cut = link_or_text_payload("Programa", long_summary, "", 100);
    CHECK(cut.size() <= 100);
    CHECK(cut.size() >= 97);
    CHECK(cut.substr(cut.size() - 3) == "\xE2\x80\xA6");
    const std::string body = cut.substr(0, cut.size() - 3);
    CHECK((static_cast<unsigned char>(body.back()) & 0xC0) == 0x80);  // ends on a whole ç
    CHECK((body.size() - std::string("Programa\n\n").size()) % 2 == 0);
}

TEST_CASE("draw_qr draws whole-pixel modules inside the square with the quiet zone") {
    ImGuiContext* context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->AddFontDefault();
    io.Fonts->Build();
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
    io.DisplaySize = ImVec2(400, 400);
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;

    auto qr = encode_qr("HELLO", QrErrorCorrection::low);
    REQUIRE(qr.ok());
    REQUIRE(qr->size == 21);
    int runs = 0;
    for (int y = 0; y < qr->size; ++y) {
        for (int x = 0; x < qr->size; ++x) {
            if (qr->dark(x, y) && (x == 0 || !qr->dark(x - 1, y))) ++runs;
        }
    }

    ImGui::NewFrame();
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const int vertices_before = draw->VtxBuffer.Size;
    // 21 modules + 2 * 4 quiet = 29 modules in 290 px: 10 px modules, 40 px margin.
    draw_qr(draw, ImVec2(10, 10), 290.0f, *qr);
    const int added = draw->VtxBuffer.Size - vertices_before;
    CHECK(added == 4 * (1 + runs));  // the light square, then one rectangle per dark run
    for (int i = vertices_before; i < draw->VtxBuffer.Size; ++i) {
        const ImVec2 p = draw->VtxBuffer[i].pos;
        CHECK(p.x >= 10.0f);
        CHECK(p.x <= 300.0f);
        CHECK(p.y >= 10.0f);
        CHECK(p.y <= 300.0f);
    }
    // The first dark run is the top row of the top-left finder: seven modules.
    const ImVec2 run_min = draw->VtxBuffer[vertices_before + 4].pos;
    const ImVec2 run_max = draw->VtxBuffer[vertices_before + 6].pos;
    CHECK(run_min.x == doctest::Approx(50.0f));
    CHECK(run_min.y == doctest::Approx(50.0f));
    CHECK(run_max.x == doctest::Approx(120.0f));
    CHECK(run_max.y == doctest::Approx(60.0f));
    ImGui::Render();
    ImGui::DestroyContext(context);
}
