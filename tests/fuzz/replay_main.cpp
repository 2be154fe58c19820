// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a fuzz target over its checked-in corpus with an ordinary compiler, so every build (and
// the sanitizer build) keeps the targets compiling and replays the inputs that once mattered.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "platform/files.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    int replayed = 0;
    for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
        auto bytes = guichet::files::read_file(entry.path());
        if (!bytes) {
            std::fprintf(stderr, "%s\n", bytes.message().c_str());
            return 1;
        }
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes->data()), bytes->size());
        ++replayed;
    }
    std::printf("replayed %d inputs from %s\n", replayed, argv[1]);
    return replayed > 0 ? 0 : 1;
}
