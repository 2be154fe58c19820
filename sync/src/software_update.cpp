// SPDX-License-Identifier: GPL-3.0-or-later
// The software update: releases and rollouts, and the check that fetches and installs one.
#include "sync/software_update.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "platform/clock.h"
#include "platform/confined_dir.h"
#include "platform/files.h"
#include "platform/log.h"
#include "platform/settings_file.h"
#include "software_records.h"
#include "sync/crypto.h"
#include "sync/transport.h"
#include "sync/tuf.h"

namespace guichet::sync::software {
namespace fs = std::filesystem;
using nlohmann::json;
using namespace records;

namespace {

constexpr const char* kLog = "update";
constexpr std::int64_t kFreeMargin = 32 * 1024 * 1024;

bool valid_tag(const std::string& t) {
    if (t.empty() || t.size() > 32) return false;
    return std::all_of(t.begin(), t.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

// RAUC's compatible and version strings become file names and log lines: keep them plain.
bool valid_label(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
               c == '+' || c == '~';
    });
}

std::string other_slot(const std::string& slot) {
    return slot == "A" ? "B" : slot == "B" ? "A" : "";
}

std::int64_t free_bytes(const fs::path& dir) {
    struct statvfs st {};
    if (::statvfs(dir.c_str(), &st) != 0) return -1;
    return static_cast<std::int64_t>(st.f_bavail) * static_cast<std::int64_t>(st.f_frsize);
}

// An exclusive, non-blocking lock: one check at a time (timer, USB stick, a person by hand).
class Lock {
  public:
    explicit Lock(const fs::path& file) {
        fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        held_ = fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) == 0;
    }
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;
    ~Lock() {
        if (fd_ >= 0) ::close(fd_);
    }
    bool held() const { return held_; }

  private:
    int fd_ = -1;
    bool held_ = false;
};

}  // namespace

std::string target_name(const std::string& compatible) {
    return std::string(kTargetPrefix) + compatible + ".raucb";
}

json release_custom(const Release& r) {
    json tags = json::array();
    for (const auto& t : r.rollout.tags) tags.push_back(t);
    return {{"guichet",
             {{"kind", "software"},
              {"format", kBundleFormat},
              {"compatible", r.compatible},
              {"version", r.version},
              {"rollout",
               {{"id", r.rollout.id},
                {"share_basis_points", r.rollout.share_basis_points},
                {"tags", tags}}}}}};
}

Result<Release> parse_release(const json& custom, const std::string& target) {
    auto bad = [&](const std::string& why) { return make_error(target + ": " + why); };
    if (!custom.is_object() || !custom.contains("guichet") || !custom["guichet"].is_object())
        return bad("no guichet custom data");
    const json& g = custom["guichet"];
    if (text_field(g, "kind") != "software") return bad("not a software release");
    if (text_field(g, "format") != kBundleFormat)
        return bad("bundle format '" + text_field(g, "format") +
                   "' is not one this board installs (" + kBundleFormat + ")");
    Release r;
    r.compatible = text_field(g, "compatible");
    r.version = text_field(g, "version");
    if (!valid_label(r.compatible)) return bad("bad compatible '" + r.compatible + "'");
    if (!valid_label(r.version)) return bad("bad version '" + r.version + "'");
    if (!g.contains("rollout") || !g["rollout"].is_object()) return bad("no rollout");
    const json& ro = g["rollout"];
    r.rollout.id = text_field(ro, "id");
    if (r.rollout.id.empty() || r.rollout.id.size() > 64) return bad("bad rollout id");
    if (!ro.contains("share_basis_points") || !ro["share_basis_points"].is_number_integer())
        return bad("rollout without share_basis_points");
    auto share = ro["share_basis_points"].get<std::int64_t>();
    if (share < 0 || share > kWholeFleet) return bad("rollout share outside 0..10000");
    r.rollout.share_basis_points = static_cast<int>(share);
    if (ro.contains("tags")) {
        if (!ro["tags"].is_array()) return bad("rollout tags is not a list");
        for (const auto& t : ro["tags"]) {
            if (!t.is_string() || !valid_tag(t.get<std::string>()))
                return bad("bad rollout tag " + t.dump());
            r.rollout.tags.push_back(t.get<std::string>());
        }
    }
    return r;
}

Result<int> parse_share(const std::string& input) {
    std::string text;
    for (char c : input)
        if (c != ' ') text += c;
    if (!text.empty() && text.back() == '%') text.pop_back();
    auto bad =
        make_error("share '" + input + "': want a percentage from 0 to 100, e.g. 5% or 0.5%");
    if (text.empty()) return bad;
    auto dot = text.find('.');
    std::string whole = text.substr(0, dot);
    std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
    auto digits = [](const std::string& s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (whole.empty() || whole.size() > 3 || !digits(whole) || !digits(fraction) ||
        fraction.size() > 2 || (dot != std::string::npos && fraction.empty()))
        return bad;
    while (fraction.size() < 2) fraction += '0';
    int bp = std::stoi(whole) * 100 + std::stoi(fraction);
    if (bp > kWholeFleet) return bad;
    return bp;
}

std::string format_share(int bp) {
    std::string s = std::to_string(bp / 100);
    if (bp % 100 != 0) {
        char frac[4];
        std::snprintf(frac, sizeof frac, "%02d", bp % 100);
        std::string f = frac;
        if (f.back() == '0') f.pop_back();
        s += "." + f;
    }
    return s + "%";
}

Result<std::vector<std::string>> parse_tags(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&]() -> Result<void> {
        auto first = current.find_first_not_of(" \t");
        auto last = current.find_last_not_of(" \t");
        std::string t = first == std::string::npos ? "" : current.substr(first, last - first + 1);
        current.clear();
        if (t.empty()) return {};
        if (!valid_tag(t))
            return make_error("tag '" + t +
                              "': use lowercase letters, digits, '-' and '_' (1 to 32)");
        if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
        return {};
    };
    for (char c : text) {
        if (c == ',') {
            if (auto r = flush(); !r) return r.error();
        } else {
            current += c;
        }
    }
    if (auto r = flush(); !r) return r.error();
    return out;
}

int rollout_bucket(const std::string& rollout_id, const std::string& kiosk_id) {
    // Length-prefixed fields: ("ab", "c") and ("a", "bc") never hash alike.
    std::string message = "guichet-rollout-1\n" + std::to_string(rollout_id.size()) + ":" +
                          rollout_id + "\n" + std::to_string(kiosk_id.size()) + ":" + kiosk_id;
    std::string hex = sha256_hex(message);
    std::uint64_t value = std::stoull(hex.substr(0, 16), nullptr, 16);
    return static_cast<int>(value % static_cast<std::uint64_t>(kWholeFleet));
}

bool in_rollout(const Rollout& rollout, const std::string& kiosk_id,
                const std::vector<std::string>& kiosk_tags) {
    if (!rollout.tags.empty()) {
        bool tagged = std::any_of(rollout.tags.begin(), rollout.tags.end(), [&](const auto& t) {
            return std::find(kiosk_tags.begin(), kiosk_tags.end(), t) != kiosk_tags.end();
        });
        if (!tagged) return false;
    }
    return rollout_bucket(rollout.id, kiosk_id) < rollout.share_basis_points;
}

Result<BootedSoftware> read_booted(const fs::path& release_file, const fs::path& cmdline_file) {
    BootedSoftware b;
    auto lines = settings::read_settings_file(release_file);
    if (!lines) return lines.error();
    for (const auto& s : *lines) {
        if (s.key == "version")
            b.version = s.value;
        else if (s.key == "compatible")
            b.compatible = s.value;
    }
    if (!valid_label(b.version) || !valid_label(b.compatible))
        return make_error(release_file.string() + ": want version = … and compatible = … lines");
    auto cmdline = files::read_file(cmdline_file);
    if (!cmdline) return cmdline.error();
    std::istringstream words(*cmdline);
    std::string word;
    while (words >> word)
        if (word.rfind("rauc.slot=", 0) == 0) b.slot = word.substr(10);
    if (b.slot != "A" && b.slot != "B")
        return make_error(cmdline_file.string() +
                          ": no rauc.slot=A or rauc.slot=B (not an A/B board?)");
    return b;
}

const char* to_string(Outcome o) {
    switch (o) {
        case Outcome::up_to_date:
            return "up-to-date";
        case Outcome::not_selected:
            return "not-selected";
        case Outcome::skipped:
            return "skipped";
        case Outcome::installed:
            return "installed";
        case Outcome::failed:
            return "failed";
    }
    return "failed";
}

namespace {

struct Check {
    const UpdaterOptions& options;
    Installer& installer;
    const std::function<void(const Progress&)>& progress;
    CheckResult result;
    std::optional<Pending> installed;

    Result<Outcome> run();
};

std::int64_t signed_at(const std::optional<json>& doc) {
    if (!doc || !doc->contains("signed") || !(*doc)["signed"].is_object()) return 0;
    const auto& s = (*doc)["signed"];
    if (!s.contains("x-guichet-signed-at") || !s["x-guichet-signed-at"].is_string()) return 0;
    auto t = tuf::parse_utc(s["x-guichet-signed-at"].get<std::string>());
    return t ? *t : 0;
}

Result<Outcome> Check::run() {
    const SyncConfig& config = options.sync;
    const fs::path& state = config.state_dir;
    for (const auto& dir : {tuf_dir(state), downloads_dir(state)}) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) return make_error(dir.string() + ": " + ec.message());
    }
    // Our own trust anchor, copied once: never the kiosk's copy, which its user could change.
    if (!fs::exists(tuf_dir(state) / "root.json")) {
        if (config.trusted_root.empty()) return make_error("no trusted root: set trusted_root");
        auto bytes = files::read_file(config.trusted_root);
        if (!bytes) return bytes.error();
        if (auto w = files::write_file_atomically(tuf_dir(state) / "root.json", *bytes, 0600); !w)
            return w.error();
    }
    // Never earlier than the newest signed time this board has seen (a clock reset to 1970
    // would let expired metadata pass).
    std::int64_t now =
        config.clock_override > 0 ? config.clock_override : guichet::clock::wall_seconds();
    now = std::max({now, signed_at(read_json(tuf_dir(state) / "timestamp.json")),
                    signed_at(read_json(tuf_dir(state) / "root.json"))});

    TransferSettings ts;
    ts.connect_timeout_seconds = config.connect_timeout_seconds;
    ts.low_speed_bytes_per_second = config.low_speed_bytes_per_second;
    ts.low_speed_seconds = config.low_speed_seconds;
    ts.max_bytes_per_second = config.max_bytes_per_second;
    ts.proxy = config.proxy;
    ts.ca_file = config.ca_file.string();
    ts.pinned_public_key = config.pinned_public_key;
    ts.pinned_public_key_backup = config.pinned_public_key_backup;
    if (progress)
        ts.progress = [this](const std::string& what, std::int64_t done, std::int64_t total) {
            progress(Progress{what, done, total});
        };
    auto transport = make_transport(config.source, ts);
    tuf::UpdaterOptions uo;
    uo.metadata_dir = tuf_dir(state);
    uo.now = now;
    tuf::Updater up(uo, *transport, *transport);
    if (auto r = up.refresh(); !r) return r.error();

    const BootedSoftware& booted = options.booted;
    const std::string name = target_name(booted.compatible);
    auto info = up.target(name);
    if (!info) {
        result.message = "the repository offers no software for " + booted.compatible;
        return Outcome::up_to_date;
    }
    auto release = parse_release(info->custom, name);
    if (!release) return release.error();
    result.version = release->version;
    if (release->compatible != booted.compatible)
        return make_error(name + ": signed for '" + release->compatible + "', this board is '" +
                          booted.compatible + "'");
    const std::string sha = info->hashes.count("sha256") ? info->hashes.at("sha256") : "";
    if (sha.empty()) return make_error(name + ": no sha256 in its signed hashes");
    if (release->version == booted.version) {
        result.message = "running " + booted.version + ", the published release";
        return Outcome::up_to_date;
    }
    for (const auto& f : read_failed(state))
        if (f.sha256 == sha) {
            result.message = release->version + " failed on this board before (" + f.reason +
                             "); waiting for another release";
            return Outcome::skipped;
        }
    if (auto p = read_pending(state); p && p->sha256 == sha && p->failure.empty()) {
        result.message =
            release->version + " is installed in slot " + p->slot + ", waiting for a reboot";
        return Outcome::skipped;
    }
    if (!options.ignore_rollout &&
        !in_rollout(release->rollout, options.kiosk_id, options.kiosk_tags)) {
        result.message = release->version + " is rolled out to " +
                         format_share(release->rollout.share_basis_points) +
                         (release->rollout.tags.empty() ? "" : " of the tagged kiosks") +
                         "; this kiosk is not among them yet";
        return Outcome::not_selected;
    }

    // Room for the bundle while it downloads: the state partition also holds the content.
    auto downloads = files::ConfinedDir::create(downloads_dir(state));
    if (!downloads) return downloads.error();
    const std::string part = sha + ".part", whole = sha + ".raucb";
    std::int64_t have = 0;
    if (auto size = downloads->file_size(part)) have = *size;
    auto avail = free_bytes(state);
    if (avail >= 0 && avail < info->length - have + kFreeMargin)
        return make_error("not enough free disk for the " + files::describe_bytes(info->length) +
                          " bundle: " + files::describe_bytes(avail) + " free, " +
                          files::describe_bytes(info->length - have + kFreeMargin) +
                          " needed with the margin: " +
                          files::describe_bytes(info->length - have + kFreeMargin - avail) +
                          " short");
    // Only the bundle being fetched is kept (a new release abandons an old partial download).
    if (auto entries = downloads->list())
        for (const auto& e : *entries)
            if (e.name != part) (void)downloads->remove(e.name);
    log::info(kLog, "fetching " + release->version + " (" + std::to_string(info->length) +
                        " bytes" + (have > 0 ? ", resuming at " + std::to_string(have) : "") + ")");
    if (auto d = up.download_target(name, *info, *downloads, part); !d) return d.error();
    // Second, independent signature: RAUC's X.509 over the same bytes, and the manifest must
    // say what the signed TUF metadata said.
    if (auto r = downloads->rename(part, whole); !r) return r.error();
    struct RemoveBundle {
        const files::ConfinedDir& dir;
        std::string name;
        ~RemoveBundle() { (void)dir.remove(name); }
    } remove_bundle{*downloads, whole};
    const fs::path bundle = downloads->path_of(whole);
    auto checked = installer.inspect(bundle);
    if (!checked) return checked.error();
    if (checked->compatible != release->compatible || checked->version != release->version)
        return make_error("the bundle's manifest says " + checked->compatible + " " +
                          checked->version + ", its signed target says " + release->compatible +
                          " " + release->version + "; not installed");
    log::info(kLog, "installing " + release->version + " into slot " + other_slot(booted.slot));
    if (auto i = installer.install(bundle); !i) return i.error();
    Pending p;
    p.version = release->version;
    p.sha256 = sha;
    p.slot = other_slot(booted.slot);
    p.from_version = booted.version;
    p.installed_at = guichet::clock::wall_seconds();
    if (auto w = write_pending(state, p); !w) return w.error();
    installed = p;
    result.message =
        release->version + " installed into slot " + p.slot + "; it starts at the next reboot";
    return Outcome::installed;
}

}  // namespace

CheckResult check_and_install(const UpdaterOptions& options, Installer& installer,
                              const std::function<void(const Progress&)>& progress) {
    Check check{options, installer, progress, {}, std::nullopt};
    std::error_code ec;
    fs::create_directories(options.sync.state_dir, ec);
    Lock lock(options.sync.state_dir / "lock");
    Result<Outcome> r = make_error("another software check is running");
    if (lock.held()) {
        try {
            r = check.run();
        } catch (const std::exception& e) {
            r = make_error(std::string("internal error: ") + e.what());
        }
    }
    if (r) {
        check.result.outcome = *r;
    } else {
        check.result.outcome = Outcome::failed;
        check.result.message = r.message();
    }
    if (!lock.held()) return check.result;
    const auto now = guichet::clock::wall_seconds();
    UpdateReport report = read_report(options.public_report);
    report.version = options.booted.version;
    report.slot = options.booted.slot;
    report.check_result = to_string(check.result.outcome);
    report.check_message = check.result.message;
    report.check_time = now;
    if (check.installed) {
        report.last_result = "installed";
        report.last_version = check.installed->version;
        report.last_message = "in slot " + check.installed->slot;
        report.last_time = now;
    } else if (check.result.outcome == Outcome::failed && !check.result.version.empty() &&
               check.result.version != options.booted.version) {
        // A release that could not be fetched or was refused: the fleet must see it.
        report.last_result = "failed";
        report.last_version = check.result.version;
        report.last_message = check.result.message;
        report.last_time = now;
    }
    if (auto w = write_report(options.public_report, report); !w) log::error(kLog, w.message());
    return check.result;
}

}  // namespace guichet::sync::software
