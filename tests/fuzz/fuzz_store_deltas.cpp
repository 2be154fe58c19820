// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes what a kiosk decompresses (sync/store_delta.h): compressed row images and patches from
// the image it keeps. A signed length may be anything a leaked targets key chooses, so the
// harness offers every frame with the size it declares: output never passes the cap it was
// given, a patch that fails leaves an empty file, and compressing then decompressing any bytes
// gives them back.
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zstd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "platform/file_descriptor.h"
#include "sync/store_delta.h"

using namespace guichet;
namespace store = guichet::sync::store;

namespace {

constexpr std::int64_t kCap = 1 << 20;

files::FileDescriptor memory_file(const std::string& bytes) {
    files::FileDescriptor fd(::memfd_create("guichet-fuzz", MFD_CLOEXEC));
    if (!fd.valid()) __builtin_trap();
    if (!bytes.empty() && ::pwrite(fd.get(), bytes.data(), bytes.size(), 0) !=
                              static_cast<ssize_t>(bytes.size()))
        __builtin_trap();
    return fd;
}

std::int64_t size_of(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) __builtin_trap();
    return st.st_size;
}

// The image every patch is offered to; the seed patches were made against the same bytes
// (tests/fuzz/make-delta-seeds.sh).
const std::string& base_image() {
    static const std::string base = [] {
        std::string made;
        for (int i = 0; i < 200; ++i)
            made += "row " + std::to_string(i) + "\tinstitution\tes\tOficina de migración " +
                    std::to_string(i * 7) + "\n";
        return made;
    }();
    return base;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);

    if (auto out = store::decompress(bytes, kCap); out && static_cast<std::int64_t>(out->size()) > kCap)
        __builtin_trap();
    {
        const std::int64_t cap = 4096;
        auto in = memory_file(bytes);
        auto out = memory_file({});
        auto done = store::decompress_file(in.get(), out.get(), cap, "fuzz.zst");
        if (size_of(out.get()) > cap) __builtin_trap();
        (void)done;
    }
    {
        const unsigned long long declared = ZSTD_getFrameContentSize(bytes.data(), bytes.size());
        const std::int64_t expected =
            declared <= static_cast<unsigned long long>(kCap) ? static_cast<std::int64_t>(declared)
                                                              : 4096;
        auto base = memory_file(base_image());
        auto out = memory_file({});
        auto applied = store::apply_patch(base.get(), bytes, out.get(), expected);
        if (size_of(out.get()) != (applied ? expected : 0)) __builtin_trap();
    }
    if (auto packed = store::compress(bytes, 1)) {
        auto back = store::decompress(*packed, static_cast<std::int64_t>(bytes.size()));
        if (!back || *back != bytes) __builtin_trap();
    }
    return 0;
}
