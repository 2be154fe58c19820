// SPDX-License-Identifier: GPL-3.0-or-later
// The publisher's side of software updates: a RAUC bundle added to the content's TUF
// repository as the target for its board type, with the signed rollout that says which kiosks
// take it; or only the rollout of the release already published changed (5 % → 25 % → all).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "platform/result.h"
#include "sync/crypto.h"
#include "sync/publish.h"
#include "sync/software_update.h"

namespace guichet::sync::software {

struct PublishOptions {
    std::filesystem::path repo;
    // The bundle to publish; empty: keep the release published for `release.compatible` and
    // change only its rollout.
    std::filesystem::path bundle;
    Release release;                // compatible, version: read from the bundle when empty
    bool rollout_id_given = false;  // otherwise: the version (a new release draws kiosks anew)
    // Changing only the rollout, what is not given stays as published; a new bundle goes to
    // the whole fleet unless a share is given.
    bool share_given = false;
    bool tags_given = false;
    std::string rauc = "rauc";
    std::filesystem::path rauc_keyring;  // checks the bundle's RAUC signature before publishing
    std::vector<SigningKey> keys;
    publish::Expiry expiry;
    int keep_versions = 3;  // bundles named by the last N targets versions stay online
    std::int64_t now = 0;
};

struct PublishReport {
    std::string target;
    Release release;
    std::int64_t bytes = 0;
    std::string sha256;
    std::vector<std::string> removed;  // bundles no recent metadata names any more
};

Result<PublishReport> publish_release(const PublishOptions& options);

}  // namespace guichet::sync::software
