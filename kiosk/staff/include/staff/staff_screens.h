// SPDX-License-Identifier: GPL-3.0-or-later
// Staff mode's screens. They draw the StaffView view model and push actions; the staff
// controller (staff_mode.h) does everything else.
#pragma once

#include <optional>
#include <vector>

#include "staff/staff_view.h"
#include "widgets/ui.h"

namespace guichet::kiosk {

// The hidden entry: an unmarked square in the welcome screen's top-right corner (target
// "staff.corner"). The kiosk opens the PIN pad when a finger is held there for kStaffHoldMs
// (staff_view.h); a tap there starts a visit like anywhere else.
void draw_staff_corner(const Ui& ui);

void draw_staff(const Ui& ui, const StaffView& view);

}  // namespace guichet::kiosk
