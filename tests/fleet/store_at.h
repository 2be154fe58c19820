// SPDX-License-Identifier: GPL-3.0-or-later
// Status-store options for a location (a folder or a URL) with the tests' short timeout.
#pragma once

#include <string>
#include <utility>

#include "fleet/status_store.h"

namespace fleet_fixture {

inline guichet::fleet::StoreOptions at(std::string location, long timeout_seconds = 20) {
    guichet::fleet::StoreOptions options;
    options.location = std::move(location);
    options.timeout_seconds = timeout_seconds;
    return options;
}

}  // namespace fleet_fixture
