// SPDX-License-Identifier: GPL-3.0-or-later
// The statistics chart: bars for one year across countries or a line per country across years,
// each bar and point labelled with its value (never colour alone).
#pragma once

#include "kiosk/view_models.h"
#include "widgets/ui.h"

namespace guichet::kiosk {

void draw_chart(const Ui& ui, const DetailView& view, ImVec2 size);

}  // namespace guichet::kiosk
