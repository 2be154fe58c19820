// SPDX-License-Identifier: GPL-3.0-or-later
// Where kiosks leave their status and where the fleet report reads it: a plain folder (a USB
// stick, a mounted share), a WebDAV folder on any web server, or an S3-compatible bucket
// (AWS SigV4, signed by libcurl). No custom server anywhere.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "platform/result.h"

namespace guichet::fleet {

struct StoreOptions {
    std::string location;   // a folder path, or an http(s):// URL of a folder (ends with '/')
    std::string s3_region;  // set for S3: requests are SigV4-signed with username/password
    std::string username;   // WebDAV basic auth user, or the S3 access key id
    std::string password;   // WebDAV password, or the S3 secret key
    std::string ca_file;    // extra CA bundle for https
    long timeout_seconds = 20;
};

class StatusStore {
  public:
    static Result<std::unique_ptr<StatusStore>> open(const StoreOptions& options);
    virtual ~StatusStore() = default;

    virtual Result<void> put(const std::string& name, const std::string& body) = 0;
    // Names (not paths) of the *.json documents in the location, sorted.
    virtual Result<std::vector<std::string>> list() = 0;
    virtual Result<std::string> get(const std::string& name) = 0;
    virtual std::string describe() const = 0;
};

// Names in a WebDAV PROPFIND multistatus or an S3 ListObjectsV2 answer, for testing.
std::vector<std::string> json_names_in_listing(const std::string& xml);

}  // namespace guichet::fleet
