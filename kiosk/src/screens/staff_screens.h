// Staff mode's screens and the visitor's notice screens. They draw view models (StaffView,
// NoticeCard) and push actions; the staff controller does everything else.
#pragma once

#include <optional>
#include <vector>

#include "screen.h"
#include "staff_mode.h"

namespace guichet::kiosk {

// How long staff hold the hidden corner of the welcome screen to reach the PIN pad.
inline constexpr float kStaffHoldSeconds = 3.0f;

// The hidden entry: an unmarked square in the welcome screen's top-right corner. Held for
// kStaffHoldSeconds it opens the PIN pad; a tap there starts a visit like anywhere else.
void draw_staff_corner(const Ui& ui);

void draw_staff(const Ui& ui, const StaffView& view);

// Visitors: the notices shown today (`open`: one of them in full).
void draw_notices(const Ui& ui, const std::vector<NoticeCard>& notices,
                  const std::optional<NoticeCard>& open,
                  const std::function<std::string(std::string_view)>& language_name);
// Pinned notices as a band on the home screen; returns the height used (0 when none).
float draw_pinned_notices(const Ui& ui, const std::vector<NoticeCard>& notices, float width);

}  // namespace guichet::kiosk
