// SPDX-License-Identifier: GPL-3.0-or-later
// The one door to eSpeak NG inside the speech room: synthesis of one line into memory, which
// a bumped `generation` aborts mid-sentence.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "speech/speaker.h"

namespace guichet::kiosk::speech {

Result<std::vector<std::int16_t>> synthesise(const std::string& text, const std::string& voice,
                                             int rate_wpm, int* sample_rate,
                                             const std::atomic<std::uint64_t>* generation,
                                             std::uint64_t wanted);

}  // namespace guichet::kiosk::speech
