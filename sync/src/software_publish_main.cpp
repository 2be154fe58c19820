// SPDX-License-Identifier: GPL-3.0-or-later
// `guichet-publish software`: a RAUC bundle into the repository as its board type's release,
// or a new rollout for the release already there.
#include <cstdio>
#include <string>
#include <vector>

#include "platform/clock.h"
#include "sync/software_publish.h"

namespace guichet::sync {

extern const char* const kSoftwareUsage =
    "  guichet-publish software DIR [BUNDLE.raucb] --key KEY... [--share P%] [--tags T,...]\n"
    "        [--compatible C] [--version V] [--rollout-id ID] [--rauc-keyring CA.pem] [--keep N]\n"
    "        a bundle: it becomes the release for its board type (compatible), to the share of\n"
    "        the fleet and the tags given (default: every kiosk); no bundle: only the rollout of\n"
    "        the release published for --compatible changes (5% -> 25% -> 100%)\n";

int software_command(const std::vector<std::string>& args) {
    auto fail = [](const std::string& message) {
        std::fprintf(stderr, "guichet-publish: %s\n", message.c_str());
        return 1;
    };
    software::PublishOptions o;
    o.now = clock::wall_seconds();
    std::vector<std::string> positional;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw std::runtime_error(a + " needs a value");
            return args[++i];
        };
        try {
            if (a == "--key") {
                auto k = SigningKey::read_private(value());
                if (!k) return fail(k.message());
                o.keys.push_back(*k);
            } else if (a == "--share") {
                auto share = software::parse_share(value());
                if (!share) return fail(share.message());
                o.release.rollout.share_basis_points = *share;
                o.share_given = true;
            } else if (a == "--tags") {
                auto tags = software::parse_tags(value());
                if (!tags) return fail(tags.message());
                o.release.rollout.tags = *tags;
                o.tags_given = true;
            } else if (a == "--rollout-id") {
                o.release.rollout.id = value();
                o.rollout_id_given = true;
            } else if (a == "--compatible") {
                o.release.compatible = value();
            } else if (a == "--version") {
                o.release.version = value();
            } else if (a == "--rauc-keyring") {
                o.rauc_keyring = value();
            } else if (a == "--rauc") {
                o.rauc = value();
            } else if (a == "--keep") {
                o.keep_versions = std::max(2, std::stoi(value()));
            } else if (a == "--now") {
                o.now = std::stoll(value());
            } else if (a.rfind("--", 0) == 0) {
                return fail("unknown option " + a + "\nusage:\n" + kSoftwareUsage);
            } else {
                positional.push_back(a);
            }
        } catch (const std::exception& e) {
            return fail(e.what());
        }
    }
    if (positional.empty() || positional.size() > 2)
        return fail(std::string("software needs DIR [BUNDLE]\nusage:\n") + kSoftwareUsage);
    o.repo = positional[0];
    if (positional.size() == 2) o.bundle = positional[1];
    if (o.keys.empty()) return fail("software signs new targets metadata: give --key");
    auto r = software::publish_release(o);
    if (!r) return fail(r.message());
    const auto& ro = r->release.rollout;
    std::string who = software::format_share(ro.share_basis_points) + " of the kiosks";
    if (!ro.tags.empty()) {
        who += " tagged";
        for (size_t i = 0; i < ro.tags.size(); ++i) who += (i ? ", " : " ") + ro.tags[i];
    }
    std::printf(
        "%s %s published as %s (%lld bytes, sha256 %s…) to %s (rollout id %s); %zu old "
        "bundle(s) removed\n",
        r->release.compatible.c_str(), r->release.version.c_str(), r->target.c_str(),
        static_cast<long long>(r->bytes), r->sha256.substr(0, 12).c_str(), who.c_str(),
        ro.id.c_str(), r->removed.size());
    return 0;
}

}  // namespace guichet::sync
