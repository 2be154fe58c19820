// SPDX-License-Identifier: GPL-3.0-or-later
// The fonts installed on this machine, scanned once per test program: the tests plan and draw
// with the real Noto faces the kiosk ships with.
#pragma once

#include <doctest/doctest.h>

#include <utility>

#include "fonts/font_catalog.h"

namespace fonts_fixture {

inline const guichet::fonts::FontCatalog& installed() {
    static const guichet::fonts::FontCatalog catalog = [] {
        auto scanned = guichet::fonts::FontCatalog::scan_installed();
        REQUIRE_MESSAGE(scanned.ok(), scanned.message());
        return std::move(*scanned);
    }();
    return catalog;
}

}  // namespace fonts_fixture
