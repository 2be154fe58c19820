// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes what a kiosk parses before anything is verified: TUF metadata from the network (or a
// USB stick). Any bytes, offered as any role to a real trusted set, must give a value or an
// error — never a crash, a hang or a trusted set that changed on a failed update.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "platform/files.h"
#include "sync/crypto.h"
#include "sync/publish.h"
#include "sync/tuf.h"

namespace fs = std::filesystem;
using namespace guichet;
using namespace guichet::sync;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;  // a fixed "now" inside every expiry below

struct Repository {
    std::string root, timestamp, snapshot, targets;
};

// A real repository made by our publisher, once per process: the trusted set every input is
// offered to, so role updates reach their signature and rollback checks.
const Repository& repository() {
    static const Repository repo = [] {
        const fs::path dir =
            fs::temp_directory_path() / ("guichet-fuzz-tuf-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        publish::InitOptions init;
        init.repo = dir;
        const SigningKey key = SigningKey::generate(KeyType::ed25519).value();
        init.root.keys = init.timestamp.keys = init.snapshot.keys = init.targets.keys = {key};
        init.now = kNow - 3600;
        if (!publish::init_repository(init)) std::abort();
        auto read = [&](const char* name) {
            auto bytes = files::read_file(dir / "metadata" / name);
            if (!bytes) std::abort();
            return *bytes;
        };
        Repository made{read("root.json"), read("timestamp.json"), read("1.snapshot.json"),
                        read("1.targets.json")};
        fs::remove_all(dir);
        return made;
    }();
    return repo;
}

tuf::TrustedSet trusted_through(int roles) {
    const Repository& repo = repository();
    auto set = tuf::TrustedSet::from_root(repo.root, kNow);
    if (!set) std::abort();
    if (roles > 0 && !set->update_timestamp(repo.timestamp)) std::abort();
    if (roles > 1 && !set->update_snapshot(repo.snapshot, false)) std::abort();
    return std::move(*set);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    for (const char* type : {"root", "timestamp", "snapshot", "targets"})
        (void)tuf::parse(bytes, type);
    (void)tuf::parse_utc(bytes);
    (void)tuf::TrustedSet::from_root(bytes, kNow);

    {
        tuf::TrustedSet set = trusted_through(0);
        const std::int64_t version = set.root().version;
        if (!set.update_root(bytes) && set.root().version != version) std::abort();
    }
    {
        tuf::TrustedSet set = trusted_through(0);
        if (!set.update_timestamp(bytes) && set.timestamp()) std::abort();
        (void)set.load_local_timestamp(bytes);
    }
    {
        tuf::TrustedSet set = trusted_through(1);
        if (!set.update_snapshot(bytes, false) && set.snapshot()) std::abort();
    }
    {
        tuf::TrustedSet set = trusted_through(2);
        if (!set.update_targets(bytes, false) && set.targets()) std::abort();
    }
    return 0;
}
