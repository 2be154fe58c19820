// SPDX-License-Identifier: GPL-3.0-or-later
// Staff mode's screens and the visitor's notice screens. They draw view models (StaffView,
// NoticeCard) and push actions; the staff controller does everything else.
#pragma once

#include <optional>
#include <vector>

#include "screen.h"
#include "staff_mode.h"

namespace guichet::kiosk {

// The hidden entry: an unmarked square in the welcome screen's top-right corner (target
// "staff.corner"). The kiosk opens the PIN pad when a finger is held there for kStaffHoldMs
// (staff_mode.h); a tap there starts a visit like anywhere else.
void draw_staff_corner(const Ui& ui);

void draw_staff(const Ui& ui, const StaffView& view);

// Visitors: the notices shown today (`open`: one of them in full).
void draw_notices(const Ui& ui, const std::vector<NoticeCard>& notices,
                  const std::optional<NoticeCard>& open);
// Pinned notices as a band on the home screen; returns the height used (0 when none).
float draw_pinned_notices(const Ui& ui, const std::vector<NoticeCard>& notices, float width);

}  // namespace guichet::kiosk
