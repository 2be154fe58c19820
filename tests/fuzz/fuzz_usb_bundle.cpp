// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the USB bundle layout as a kiosk reads it (sync from a folder): a real repository made
// by our publisher, in which the input replaces one file of the layout, or puts a symlink
// leading out, a symlink to a device or a FIFO in its place. A whole sync attempt must end with
// an error or "up to date", never hang, never take content that was not signed, and never write
// beside the state folder.
#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "platform/files.h"
#include "sync/crypto.h"
#include "sync/publish.h"
#include "sync/sync.h"

namespace fs = std::filesystem;
using namespace guichet;
using namespace guichet::sync;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;

// Names the layout has (or a kiosk asks for), and what the input may put there.
const char* const kNames[] = {"metadata/timestamp.json", "metadata/1.snapshot.json",
                              "metadata/1.targets.json", "metadata/2.root.json",
                              "metadata/1.root.json",    "metadata/2.snapshot.json",
                              "targets",                 "metadata"};
enum class Kind { bytes, link_out, link_device, fifo };

struct Layout {
    fs::path top, bundle, state, root, outside;
};

const Layout& layout() {
    static const Layout made = [] {
        Layout l;
        l.top = fs::temp_directory_path() / ("guichet-fuzz-usb-" + std::to_string(::getpid()));
        fs::remove_all(l.top);
        l.bundle = l.top / "stick/guichet";
        l.state = l.top / "state";
        l.outside = l.top / "outside.json";
        publish::InitOptions init;
        init.repo = l.bundle;
        const SigningKey key = SigningKey::generate(KeyType::ed25519).value();
        init.root.keys = init.timestamp.keys = init.snapshot.keys = init.targets.keys = {key};
        init.now = kNow - 3600;
        if (!publish::init_repository(init)) __builtin_trap();
        l.root = l.top / "root.json";
        fs::copy_file(l.bundle / "metadata/1.root.json", l.root);
        std::ofstream(l.outside) << "{\"signed\": {}, \"signatures\": []}";
        return l;
    }();
    return made;
}

// The bundle as published: restored after every input.
std::map<std::string, std::string> published() {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(layout().bundle))
        if (entry.is_regular_file())
            files[fs::relative(entry.path(), layout().bundle).string()] =
                files::read_file(entry.path()).value();
    return files;
}

void restore(const std::map<std::string, std::string>& files) {
    fs::remove_all(layout().bundle);
    for (const auto& [name, bytes] : files) {
        fs::create_directories((layout().bundle / name).parent_path());
        std::ofstream(layout().bundle / name, std::ios::binary) << bytes;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    static const std::map<std::string, std::string> original = published();
    const Layout& l = layout();
    const fs::path target = l.bundle / kNames[data[0] % std::size(kNames)];
    const auto kind = static_cast<Kind>(data[1] % 4);
    std::error_code ignored;
    fs::remove_all(target, ignored);
    switch (kind) {
        case Kind::bytes:
            std::ofstream(target, std::ios::binary)
                .write(reinterpret_cast<const char*>(data + 2), static_cast<std::streamsize>(size - 2));
            break;
        case Kind::link_out: fs::create_symlink(l.outside, target, ignored); break;
        case Kind::link_device: fs::create_symlink("/dev/zero", target, ignored); break;
        case Kind::fifo: ::mkfifo(target.c_str(), 0644); break;
    }

    fs::remove_all(l.state);
    SyncConfig config;
    config.source = l.bundle.string();
    config.state_dir = l.state;
    config.trusted_root = l.root;
    config.clock_override = kNow;
    config.min_free_bytes = 0;
    const SyncStatus status = SyncClient(config).run_once();
    // Nothing the input can sign: the bundle holds no content, so nothing may go live.
    if (status.result == SyncResult::updated) __builtin_trap();
    if (status.result == SyncResult::failed && status.error.empty()) __builtin_trap();
    for (const auto& entry : fs::directory_iterator(l.top))
        if (entry.path() != l.bundle.parent_path() && entry.path() != l.state &&
            entry.path() != l.root && entry.path() != l.outside)
            __builtin_trap();
    restore(original);
    return 0;
}
