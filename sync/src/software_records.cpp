// SPDX-License-Identifier: GPL-3.0-or-later
// The updater's records and the boot steps that read and write them.
#include "software_records.h"

#include <fstream>

#include "platform/files.h"

namespace guichet::sync::software {
namespace fs = std::filesystem;
using nlohmann::json;

namespace records {

fs::path pending_file(const fs::path& state) {
    return state / "pending.json";
}
fs::path failed_file(const fs::path& state) {
    return state / "failed.json";
}
fs::path tuf_dir(const fs::path& state) {
    return state / "tuf";
}
fs::path downloads_dir(const fs::path& state) {
    return state / "downloads";
}

std::optional<json> read_json(const fs::path& p) {
    // Never through a symlink (the updater's folder has none; one there was not made by it).
    auto fd = files::open_regular_file(p, /*follow_symlinks=*/false);
    if (!fd) return std::nullopt;
    auto text = files::read_descriptor(fd->get(), p.string(), files::kMaxStateRecordBytes);
    if (!text) return std::nullopt;
    auto j = json::parse(*text, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return j;
}

Result<void> write_json(const fs::path& p, const json& j, unsigned mode) {
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    return files::write_file_atomically(p, j.dump(2) + "\n", mode);
}

std::string text_field(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}
std::int64_t int_field(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_number_integer()
               ? j[key].get<std::int64_t>()
               : 0;
}

std::optional<Pending> read_pending(const fs::path& state) {
    auto j = read_json(pending_file(state));
    if (!j || !j->is_object()) return std::nullopt;
    Pending p;
    p.version = text_field(*j, "version");
    p.sha256 = text_field(*j, "sha256");
    p.slot = text_field(*j, "slot");
    p.from_version = text_field(*j, "from_version");
    p.installed_at = int_field(*j, "installed_at");
    p.failure = text_field(*j, "failure");
    if (p.version.empty() || p.slot.empty()) return std::nullopt;
    return p;
}

Result<void> write_pending(const fs::path& state, const Pending& p) {
    return write_json(pending_file(state), {{"version", p.version},
                                            {"sha256", p.sha256},
                                            {"slot", p.slot},
                                            {"from_version", p.from_version},
                                            {"installed_at", p.installed_at},
                                            {"failure", p.failure}});
}

std::vector<FailedRelease> read_failed(const fs::path& state) {
    std::vector<FailedRelease> out;
    auto j = read_json(failed_file(state));
    if (!j || !j->is_array()) return out;
    for (const auto& e : *j)
        out.push_back({text_field(e, "version"), text_field(e, "sha256"), text_field(e, "reason"),
                       int_field(e, "time")});
    return out;
}

Result<void> add_failed(const fs::path& state, const FailedRelease& f) {
    auto list = read_failed(state);
    list.push_back(f);
    // A board keeps the last few; an operator who fixes a release publishes a new bundle.
    if (list.size() > 16) list.erase(list.begin(), list.end() - 16);
    json j = json::array();
    for (const auto& e : list)
        j.push_back(
            {{"version", e.version}, {"sha256", e.sha256}, {"reason", e.reason}, {"time", e.time}});
    return write_json(failed_file(state), j);
}

UpdateReport read_report(const fs::path& file) {
    auto j = read_json(file);
    return j ? report_from_json(*j) : UpdateReport{};
}

Result<void> write_report(const fs::path& file, const UpdateReport& r) {
    return write_json(file, to_json(r), 0644);
}

}  // namespace records

using namespace records;

json to_json(const UpdateReport& r) {
    return {{"version", r.version},
            {"slot", r.slot},
            {"last_update",
             {{"result", r.last_result},
              {"version", r.last_version},
              {"message", r.last_message},
              {"time", r.last_time}}},
            {"last_check",
             {{"result", r.check_result}, {"message", r.check_message}, {"time", r.check_time}}}};
}

UpdateReport report_from_json(const json& j) {
    UpdateReport r;
    r.version = text_field(j, "version");
    r.slot = text_field(j, "slot");
    if (j.is_object() && j.contains("last_update")) {
        const auto& u = j["last_update"];
        r.last_result = text_field(u, "result");
        r.last_version = text_field(u, "version");
        r.last_message = text_field(u, "message");
        r.last_time = int_field(u, "time");
    }
    if (j.is_object() && j.contains("last_check")) {
        const auto& c = j["last_check"];
        r.check_result = text_field(c, "result");
        r.check_message = text_field(c, "message");
        r.check_time = int_field(c, "time");
    }
    return r;
}

fs::path public_report_file(const fs::path& updater_dir) {
    return updater_dir / "public" / "status.json";
}

std::optional<UpdateReport> read_public_report(const fs::path& report_file) {
    auto j = read_json(report_file);
    if (!j || !j->is_object()) return std::nullopt;
    return report_from_json(*j);
}

std::string describe_last_update(const UpdateReport& r) {
    if (r.last_result.empty()) return "";
    std::string out;
    if (r.last_result == "updated")
        out = "updated to " + r.last_version;
    else if (r.last_result == "installed")
        out = "installed " + r.last_version + ", waiting for a reboot";
    else if (r.last_result == "rolled-back")
        out = "rolled back from " + r.last_version;
    else
        out = r.last_result + " " + r.last_version;
    if (!r.last_message.empty() && r.last_result != "installed") out += ": " + r.last_message;
    return out;
}

const char* to_string(BootKind kind) {
    switch (kind) {
        case BootKind::normal:
            return "normal";
        case BootKind::trial:
            return "trial";
        case BootKind::rolled_back:
            return "rolled-back";
    }
    return "normal";
}

Result<BootKind> begin_boot(const fs::path& state, const fs::path& public_report,
                            const BootedSoftware& booted, std::int64_t now) {
    UpdateReport report = read_report(public_report);
    report.version = booted.version;
    report.slot = booted.slot;
    BootKind kind = BootKind::normal;
    auto pending = read_pending(state);
    if (pending && pending->slot == booted.slot && pending->failure.empty()) {
        kind = BootKind::trial;
    } else if (pending && pending->slot == booted.slot) {
        // The slot gave up on itself but the board came back to it (the boot loader had no
        // other slot to offer): say so; the next release replaces it.
        report.last_result = "failed";
        report.last_version = pending->version;
        report.last_message = pending->failure + "; still running from slot " + booted.slot;
        report.last_time = now;
    } else if (pending) {
        // Back on the old slot (the new one failed, gave up on itself, or never came up): the
        // release is not offered to this board again.
        kind = BootKind::rolled_back;
        std::string reason = pending->failure.empty() ? "slot " + pending->slot + " did not come up"
                                                      : pending->failure;
        if (auto w = add_failed(state, {pending->version, pending->sha256, reason, now}); !w)
            return w.error();
        report.last_result = "rolled-back";
        report.last_version = pending->version;
        report.last_message = reason + "; running " + booted.version + " from slot " + booted.slot;
        report.last_time = now;
        std::error_code ec;
        fs::remove(pending_file(state), ec);
    }
    if (auto w = write_report(public_report, report); !w) return w.error();
    return kind;
}

Result<void> confirm_boot(const fs::path& state, const fs::path& public_report,
                          const BootedSoftware& booted, std::int64_t now) {
    auto pending = read_pending(state);
    if (!pending || pending->slot != booted.slot)
        return make_error("no update waits for confirmation in slot " + booted.slot);
    UpdateReport report = read_report(public_report);
    report.version = booted.version;
    report.slot = booted.slot;
    report.last_result = "updated";
    report.last_version = booted.version;
    report.last_message = "from " + pending->from_version + ", slot " + booted.slot;
    report.last_time = now;
    if (auto w = write_report(public_report, report); !w) return w;
    std::error_code ec;
    fs::remove(pending_file(state), ec);
    return {};
}

Result<void> fail_boot(const fs::path& state, const std::string& reason) {
    auto pending = read_pending(state);
    if (!pending) return make_error("no update is on trial");
    pending->failure = reason.empty() ? "gave up" : reason;
    return write_pending(state, *pending);
}

}  // namespace guichet::sync::software
