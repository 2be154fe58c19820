// SPDX-License-Identifier: GPL-3.0-or-later
// Inside sync: the updater's records (pending install, failed releases, the public report)
// and small JSON helpers shared by the software update's source files.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/result.h"
#include "sync/software_update.h"

namespace guichet::sync::software::records {

std::filesystem::path tuf_dir(const std::filesystem::path& state);
std::filesystem::path downloads_dir(const std::filesystem::path& state);

std::optional<nlohmann::json> read_json(const std::filesystem::path& p);
Result<void> write_json(const std::filesystem::path& p, const nlohmann::json& j,
                        unsigned mode = 0600);
std::string text_field(const nlohmann::json& j, const char* key);
std::int64_t int_field(const nlohmann::json& j, const char* key);

std::optional<Pending> read_pending(const std::filesystem::path& state);
Result<void> write_pending(const std::filesystem::path& state, const Pending& p);
std::vector<FailedRelease> read_failed(const std::filesystem::path& state);
Result<void> add_failed(const std::filesystem::path& state, const FailedRelease& f);
UpdateReport read_report(const std::filesystem::path& file);
// World-readable: the kiosk, an unprivileged user, puts it in its fleet status.
Result<void> write_report(const std::filesystem::path& file, const UpdateReport& r);

}  // namespace guichet::sync::software::records
