// SPDX-License-Identifier: GPL-3.0-or-later
// guichet-publish: keys, repository creation and publishing of compiled content stores.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "platform/clock.h"
#include "sync/crypto.h"
#include "sync/publish.h"

namespace {

using namespace guichet;
using namespace guichet::sync;

constexpr const char* kUsage =
    "usage:\n"
    "  guichet-publish keygen OUT                  Ed25519 key pair: OUT (private, 0600) and "
    "OUT.pub\n"
    "  guichet-publish init DIR --key KEY          new repository; one key for every role, or per "
    "role:\n"
    "        [--root-key K]... [--timestamp-key K]... [--snapshot-key K]... [--targets-key K]...\n"
    "        [--root-threshold N] [--timestamp-threshold N] [--snapshot-threshold N] "
    "[--targets-threshold N]\n"
    "  guichet-publish push DIR STORE.db --key KEY [--key KEY]... [--keep N] [--deltas N] "
    "[--zstd-level N]\n"
    "  guichet-publish timestamp DIR --key KEY     re-sign timestamp.json (run daily)\n"
    "  guichet-publish rotate DIR --role ROLE --new-key K[.pub]... [--threshold N] --key "
    "SIGNER...\n"
    "common options: --root-expires S --targets-expires S --snapshot-expires S --timestamp-expires "
    "S\n"
    "                --now UNIX (sign as if at that time)\n";

}  // namespace

namespace guichet::sync {
extern const char* const kSoftwareUsage;
int software_command(const std::vector<std::string>& args);
}  // namespace guichet::sync

namespace {

int fail(const std::string& message) {
    std::fprintf(stderr, "guichet-publish: %s\n", message.c_str());
    return 1;
}

Result<Ed25519Key> read_any_key(const std::string& file) {
    auto priv = read_private_key(file);
    if (priv) return priv;
    std::ifstream in(file);
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.contains("keyval") || !j["keyval"].contains("public"))
        return make_error(file + ":1: not a key file");
    auto pub = from_hex(j["keyval"]["public"].get<std::string>());
    if (!pub || pub->size() != 32) return make_error(file + ":1: bad public key");
    return Ed25519Key{*pub, {}};
}

}  // namespace

int run(int argc, char** argv);

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        // Malformed metadata in the repository folder, most likely (edited by hand?).
        return fail(std::string("unexpected data: ") + e.what());
    }
}

int run(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        std::fputs(kSoftwareUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    std::string command = args[0];
    if (command == "software") return software_command(args);
    std::vector<std::string> positional;
    std::vector<Ed25519Key> keys, new_keys;
    publish::RoleSetup roles[4];
    const char* role_names[4] = {"root", "timestamp", "snapshot", "targets"};
    publish::Expiry expiry;
    std::int64_t now = clock::wall_seconds();
    int keep = 3, deltas = 3, threshold = 1, zstd_level = 9;
    std::string role;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw std::runtime_error(a + " needs a value");
            return args[++i];
        };
        try {
            auto key_arg = [&](std::vector<Ed25519Key>& into) {
                auto k = read_any_key(value());
                if (!k) throw std::runtime_error(k.message());
                into.push_back(*k);
            };
            bool matched = false;
            for (int r = 0; r < 4; ++r) {
                if (a == std::string("--") + role_names[r] + "-key") {
                    key_arg(roles[r].keys);
                    matched = true;
                } else if (a == std::string("--") + role_names[r] + "-threshold") {
                    roles[r].threshold = std::stoi(value());
                    matched = true;
                }
            }
            if (matched) continue;
            if (a == "--key")
                key_arg(keys);
            else if (a == "--new-key")
                key_arg(new_keys);
            else if (a == "--role")
                role = value();
            else if (a == "--threshold")
                threshold = std::stoi(value());
            else if (a == "--keep")
                keep = std::stoi(value());
            else if (a == "--zstd-level")
                zstd_level = std::stoi(value());
            else if (a == "--deltas")
                deltas = std::stoi(value());
            else if (a == "--now")
                now = std::stoll(value());
            else if (a == "--root-expires")
                expiry.root = std::stoll(value());
            else if (a == "--targets-expires")
                expiry.targets = std::stoll(value());
            else if (a == "--snapshot-expires")
                expiry.snapshot = std::stoll(value());
            else if (a == "--timestamp-expires")
                expiry.timestamp = std::stoll(value());
            else if (a.rfind("--", 0) == 0)
                throw std::runtime_error("unknown option " + a);
            else
                positional.push_back(a);
        } catch (const std::exception& e) {
            return fail(std::string(e.what()) + "\n" + kUsage);
        }
    }

    if (command == "keygen") {
        if (positional.size() != 1) return fail("keygen needs OUT");
        auto k = ed25519_generate();
        if (auto w = write_key_pair(k, positional[0]); !w) return fail(w.message());
        std::printf("key %s written to %s (private, mode 0600) and %s.pub\n", tuf_key_id(k).c_str(),
                    positional[0].c_str(), positional[0].c_str());
        return 0;
    }
    if (command == "init") {
        if (positional.size() != 1) return fail("init needs DIR");
        publish::InitOptions o;
        o.repo = positional[0];
        o.expiry = expiry;
        o.now = now;
        publish::RoleSetup* setups[4] = {&o.root, &o.timestamp, &o.snapshot, &o.targets};
        for (int r = 0; r < 4; ++r) {
            *setups[r] = roles[r];
            if (setups[r]->keys.empty()) setups[r]->keys = keys;
            if (setups[r]->keys.empty())
                return fail(std::string("no key for role ") + role_names[r] + " (--key)");
            for (const auto& k : setups[r]->keys)
                if (k.secret_key.empty())
                    return fail(
                        std::string("init signs the first metadata: give private keys for ") +
                        role_names[r]);
        }
        if (auto r = publish::init_repository(o); !r) return fail(r.message());
        std::printf(
            "repository created in %s (metadata/1.root.json: give it to kiosks as trusted_root)\n",
            o.repo.c_str());
        return 0;
    }
    if (command == "push") {
        if (positional.size() != 2) return fail("push needs DIR STORE.db");
        publish::PushOptions o;
        o.repo = positional[0];
        o.store = positional[1];
        o.keys = keys;
        o.expiry = expiry;
        o.keep_versions = std::max(keep, 2);
        o.delta_versions = deltas;
        o.zstd_level = zstd_level;
        o.now = now;
        auto r = publish::push(o);
        if (!r) return fail(r.message());
        std::printf(
            "content version %lld published: store %lld bytes, row image %lld bytes, "
            "compressed %lld bytes",
            static_cast<long long>(r->content_version), static_cast<long long>(r->store_bytes),
            static_cast<long long>(r->rows_bytes), static_cast<long long>(r->compressed_bytes));
        for (auto [from, bytes] : r->deltas)
            std::printf(", delta from %lld: %lld bytes", static_cast<long long>(from),
                        static_cast<long long>(bytes));
        std::printf("; %zu old files removed\n", r->removed.size());
        return 0;
    }
    if (command == "timestamp") {
        if (positional.size() != 1) return fail("timestamp needs DIR");
        if (auto r = publish::refresh_timestamp(positional[0], keys, expiry, now); !r)
            return fail(r.message());
        std::printf("timestamp.json re-signed\n");
        return 0;
    }
    if (command == "rotate") {
        if (positional.size() != 1 || role.empty() || new_keys.empty())
            return fail("rotate needs DIR --role ROLE --new-key K");
        if (auto r =
                publish::rotate_role(positional[0], role, new_keys, threshold, keys, expiry, now);
            !r)
            return fail(r.message());
        std::printf(
            "new root written; now run `guichet-publish timestamp` or `push` with the %s keys\n",
            role.c_str());
        return 0;
    }
    return fail("unknown command '" + command + "'\n" + kUsage);
}
