// SPDX-License-Identifier: GPL-3.0-or-later
// Synthetic source sets for benchmarks and sync tests: N items across five languages, fully
// determined by the seed. With mutate_percent, exactly that share of items differs from the
// unmutated set of the same seed (their text changes; ids and count stay).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "platform/result.h"

namespace guichet::content {

struct SynthOptions {
    int items = 1000;
    std::uint64_t seed = 1;
    double mutate_percent = 0;
};

struct SynthSummary {
    int items = 0;
    int mutated = 0;
};

// The words synthetic text is drawn from in `lang` (es, en, fr, pt, ht), most frequent first.
const std::vector<std::string>& synthetic_words(const std::string& lang);

Result<SynthSummary> write_synthetic_sources(const std::filesystem::path& out_dir,
                                             const SynthOptions& options);

}  // namespace guichet::content
