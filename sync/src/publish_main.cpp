// SPDX-License-Identifier: GPL-3.0-or-later
// guichet-publish: keys, repository creation, publishing of compiled content stores and other
// files, offline root signing, and delegation of namespaces to roles of their own.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "platform/clock.h"
#include "platform/files.h"
#include "platform/safe_json.h"
#include "sync/alerts.h"
#include "sync/tuf.h"
#include "sync/crypto.h"
#include "sync/publish.h"

namespace {

using namespace guichet;
using namespace guichet::sync;

constexpr const char* kUsage =
    "usage:\n"
    "  guichet-publish keygen OUT [--type ed25519|ecdsa|rsa]\n"
    "        a key pair: OUT (private, mode 0600) and OUT.pub (ECDSA is P-256, RSA 3072 bits)\n"
    "  guichet-publish init DIR --key KEY          new repository; one key for every role, or per "
    "role:\n"
    "        [--root-key K]... [--timestamp-key K]... [--snapshot-key K]... [--targets-key K]...\n"
    "        [--root-threshold N] [--timestamp-threshold N] [--snapshot-threshold N] "
    "[--targets-threshold N]\n"
    "  guichet-publish push DIR STORE.db --key KEY... [--role NAME] [--keep N] [--deltas N] "
    "[--zstd-level N] [--changes-zstd-level N]\n"
    "        the central content, or with --role a delegated role's store in its own folder\n"
    "  guichet-publish add-target DIR FILE --path TARGET/PATH [--role NAME] [--custom JSON] "
    "--key KEY...\n"
    "  guichet-publish timestamp DIR --key KEY     re-sign timestamp.json (run daily)\n"
    "  guichet-publish snapshot DIR --key KEY...   list what delegated roles published (snapshot "
    "+ timestamp keys)\n"
    "  guichet-publish rotate DIR [--role ROLE --new-key K... [--threshold N]] --key SIGNER...\n"
    "  guichet-publish rotate DIR [--role ROLE --new-key K... [--threshold N]] --draft "
    "NEW-ROOT.json\n"
    "  guichet-publish sign-root NEW-ROOT.json --key KEY   (each holder of a root key, offline)\n"
    "  guichet-publish publish-root DIR NEW-ROOT.json [--key TIMESTAMP-KEY]\n"
    "  guichet-publish delegate DIR --role NAME --paths PATTERN... --new-key K... [--threshold N]\n"
    "        [--parent ROLE] [--non-terminating] --key PARENT-KEY... [--key SNAPSHOT/TIMESTAMP]\n"
    "  guichet-publish alert DIR --id ID --severity info|warning|urgent --title LANG=TEXT...\n"
    "        [--body LANG=TEXT]... [--audience all|region:R|kiosk:ID|tag:T]... [--start ISO]\n"
    "        (--end ISO | --for SECONDS) [--replaces-home] [--role REGION-ROLE] --key KEY...\n"
    "  guichet-publish alert DIR --withdraw ID [--role REGION-ROLE] --key KEY...\n"
    "keys: --key FILE takes a private key (ours, or PEM from openssl), or a public key (our .pub,\n"
    "      or PEM) followed by --sign-command CMD: CMD reads the bytes to sign on stdin and\n"
    "      writes the signature (hex or raw) on stdout, for hardware tokens, HSMs and KMS.\n"
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

// A key to sign with: a private key file, or a public one that a --sign-command signs for.
Result<SigningKey> read_signing_key(const std::string& file) {
    auto priv = SigningKey::read_private(file);
    if (priv) return priv;
    auto pub = read_public_key(file);
    if (!pub) return priv.error();  // the private reader's message says more about key files
    return SigningKey::external(*pub, {});
}

void print_snapshot(const publish::SnapshotReport& r) {
    std::printf("snapshot v%lld:", static_cast<long long>(r.version));
    for (const auto& l : r.listed) std::printf(" %s;", l.c_str());
    std::printf("\n");
    for (const auto& s : r.skipped) std::printf("  not listed: %s\n", s.c_str());
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
    std::vector<SigningKey> keys;
    std::vector<PublicKey> new_keys;
    publish::RoleSetup roles[4];
    const char* role_names[4] = {"root", "timestamp", "snapshot", "targets"};
    publish::Expiry expiry;
    std::int64_t now = clock::wall_seconds();
    int keep = 3, deltas = 3, threshold = 1, zstd_level = 9;
    int changes_zstd_level = publish::PushOptions{}.changes_zstd_level;
    std::string role, parent = "targets", key_type = "ed25519", target_path, custom_text;
    std::vector<std::string> paths;
    std::optional<std::string> draft;
    bool terminating = true;
    std::vector<SigningKey>* last_key_list = nullptr;
    // alert
    alerts::Alert alert;
    std::vector<std::string> withdraw, audience;
    std::string severity, start_text, end_text;
    std::int64_t lasts = 0;
    auto lang_text = [](const std::string& v) {
        auto eq = v.find('=');
        if (eq == std::string::npos || eq == 0)
            throw std::runtime_error("'" + v + "': LANG=TEXT expected (es=Frontera cerrada)");
        return std::make_pair(v.substr(0, eq), v.substr(eq + 1));
    };
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw std::runtime_error(a + " needs a value");
            return args[++i];
        };
        try {
            auto key_arg = [&](std::vector<SigningKey>& into) {
                auto k = read_signing_key(value());
                if (!k) throw std::runtime_error(k.message());
                into.push_back(*k);
                last_key_list = &into;
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
            if (a == "--key") {
                key_arg(keys);
            } else if (a == "--sign-command") {
                if (!last_key_list || last_key_list->empty())
                    throw std::runtime_error("--sign-command follows the --key it signs for");
                auto& k = last_key_list->back();
                last_key_list->back() = SigningKey::external(k.public_key(), value());
            } else if (a == "--new-key") {
                auto k = read_public_key(value());
                if (!k) throw std::runtime_error(k.message());
                new_keys.push_back(*k);
            } else if (a == "--type") {
                key_type = value();
            } else if (a == "--role") {
                role = value();
            } else if (a == "--parent") {
                parent = value();
            } else if (a == "--paths") {
                paths.push_back(value());
            } else if (a == "--path") {
                target_path = value();
            } else if (a == "--custom") {
                custom_text = value();
            } else if (a == "--non-terminating") {
                terminating = false;
            } else if (a == "--draft") {
                draft = value();
            } else if (a == "--id") {
                alert.id = value();
            } else if (a == "--severity") {
                severity = value();
            } else if (a == "--title") {
                auto [lang, text] = lang_text(value());
                alert.text[lang].title = text;
            } else if (a == "--body") {
                auto [lang, text] = lang_text(value());
                alert.text[lang].body = text;
            } else if (a == "--audience") {
                audience.push_back(value());
            } else if (a == "--start") {
                start_text = value();
            } else if (a == "--end") {
                end_text = value();
            } else if (a == "--for") {
                lasts = std::stoll(value());
            } else if (a == "--replaces-home") {
                alert.replaces_home = true;
            } else if (a == "--withdraw") {
                withdraw.push_back(value());
            } else if (a == "--threshold") {
                threshold = std::stoi(value());
            } else if (a == "--keep") {
                keep = std::stoi(value());
            } else if (a == "--zstd-level") {
                zstd_level = std::stoi(value());
            } else if (a == "--changes-zstd-level") {
                changes_zstd_level = std::stoi(value());
            } else if (a == "--deltas") {
                deltas = std::stoi(value());
            } else if (a == "--now") {
                now = std::stoll(value());
            } else if (a == "--root-expires") {
                expiry.root = std::stoll(value());
            } else if (a == "--targets-expires") {
                expiry.targets = std::stoll(value());
            } else if (a == "--snapshot-expires") {
                expiry.snapshot = std::stoll(value());
            } else if (a == "--timestamp-expires") {
                expiry.timestamp = std::stoll(value());
            } else if (a.rfind("--", 0) == 0) {
                throw std::runtime_error("unknown option " + a);
            } else {
                positional.push_back(a);
            }
        } catch (const std::exception& e) {
            // A bad option gets the usage; a key file that cannot be read, only its reason.
            const std::string why = e.what();
            const bool usage = why.rfind("unknown option", 0) == 0 ||
                               why.find("needs a value") != std::string::npos || why == "stoi" ||
                               why == "stoll";
            return fail(usage ? why + "\n" + kUsage : why);
        }
    }

    if (command == "keygen") {
        if (positional.size() != 1) return fail("keygen needs OUT");
        auto type = parse_key_type(key_type);
        if (!type) return fail(type.message());
        auto k = SigningKey::generate(*type);
        if (!k) return fail(k.message());
        if (auto w = k->write_key_files(positional[0]); !w) return fail(w.message());
        std::printf("%s key %s written to %s (private, mode 0600) and %s.pub\n",
                    k->public_key().keytype().c_str(), k->key_id().c_str(), positional[0].c_str(),
                    positional[0].c_str());
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
                if (!k.can_sign())
                    return fail(std::string("init signs the first metadata: give private keys "
                                            "(or --sign-command) for ") +
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
        o.role = role.empty() ? "targets" : role;
        o.expiry = expiry;
        o.keep_versions = std::max(keep, 2);
        o.delta_versions = deltas;
        o.zstd_level = zstd_level;
        o.changes_zstd_level = changes_zstd_level;
        o.now = now;
        auto r = publish::push(o);
        if (!r) return fail(r.message());
        std::printf(
            "%s content version %lld published: store %lld bytes, row image %lld bytes, "
            "compressed %lld bytes",
            o.role == "targets" ? "central" : ("role " + o.role).c_str(),
            static_cast<long long>(r->content_version), static_cast<long long>(r->store_bytes),
            static_cast<long long>(r->rows_bytes), static_cast<long long>(r->compressed_bytes));
        for (auto [from, bytes] : r->deltas)
            std::printf(", delta from %lld: %lld bytes", static_cast<long long>(from),
                        static_cast<long long>(bytes));
        std::printf("; %zu old files removed\n", r->removed.size());
        if (const auto& t = r->text_ids; t && t->renumbered)
            std::printf(
                "text ids numbered anew (%s): kiosks at earlier versions download this one whole\n",
                t->why.c_str());
        else if (t)
            std::printf("texts: %lld kept their ids, %lld added, %lld removed\n",
                        static_cast<long long>(t->kept), static_cast<long long>(t->added),
                        static_cast<long long>(t->removed));
        else if (r->previous_unreadable)
            std::printf(
                "the previous version's image could not be read back: texts keep the "
                "compiler's ids, and kiosks at earlier versions may download this one whole\n");
        if (!r->snapshot_written)
            std::printf(
                "kiosks see it once the holder of the snapshot and timestamp keys runs "
                "`guichet-publish snapshot %s --key ...`\n",
                o.repo.c_str());
        return 0;
    }
    if (command == "add-target") {
        if (positional.size() != 2 || target_path.empty())
            return fail("add-target needs DIR FILE --path TARGET/PATH");
        publish::AddTargetOptions o;
        o.repo = positional[0];
        o.file = positional[1];
        o.target_path = target_path;
        o.role = role.empty() ? "targets" : role;
        o.keys = keys;
        o.expiry = expiry;
        o.now = now;
        if (!custom_text.empty()) {
            std::string text = custom_text;
            if (custom_text.front() != '{') {
                auto t = files::read_regular_file(custom_text, 1 << 20);
                if (!t) return fail(t.message());
                text = *t;
            }
            o.custom = nlohmann::json::parse(text, nullptr, false);
            if (o.custom.is_discarded() || !o.custom.is_object())
                return fail("--custom must be a JSON object (or a file holding one)");
        }
        auto r = publish::add_target(o);
        if (!r) return fail(r.message());
        std::printf("%s added to %s v%lld\n", o.target_path.c_str(), o.role.c_str(),
                    static_cast<long long>(r->version));
        if (!r->snapshot_written)
            std::printf("kiosks see it once `guichet-publish snapshot %s` runs\n", o.repo.c_str());
        return 0;
    }
    if (command == "timestamp") {
        if (positional.size() != 1) return fail("timestamp needs DIR");
        if (auto r = publish::refresh_timestamp(positional[0], keys, expiry, now); !r)
            return fail(r.message());
        std::printf("timestamp.json re-signed\n");
        return 0;
    }
    if (command == "snapshot") {
        if (positional.size() != 1) return fail("snapshot needs DIR");
        auto r = publish::write_snapshot(positional[0], keys, expiry, now);
        if (!r) return fail(r.message());
        print_snapshot(*r);
        return 0;
    }
    if (command == "rotate") {
        if (positional.size() != 1) return fail("rotate needs DIR");
        if (!role.empty() && new_keys.empty()) return fail("rotate --role needs --new-key K");
        publish::RotateOptions o;
        o.repo = positional[0];
        o.role = role;
        o.new_keys = new_keys;
        o.threshold = threshold;
        o.keys = keys;
        if (draft) o.draft = *draft;
        o.expiry = expiry;
        o.now = now;
        if (auto r = publish::rotate_role(o); !r) return fail(r.message());
        if (draft)
            std::printf(
                "draft of the next root written to %s: each root key holder runs "
                "`guichet-publish sign-root %s --key KEY`, then `publish-root`\n",
                draft->c_str(), draft->c_str());
        else
            std::printf(
                "new root written; now run `guichet-publish timestamp` or `push` with "
                "the %s keys\n",
                role.empty() ? "timestamp" : role.c_str());
        return 0;
    }
    if (command == "sign-root") {
        if (positional.size() != 1 || keys.empty())
            return fail("sign-root needs NEW-ROOT.json --key K");
        auto r = publish::sign_root_draft(positional[0], keys);
        if (!r) return fail(r.message());
        std::printf("root v%lld draft now carries %zu signature(s):",
                    static_cast<long long>(r->version), r->signed_by.size());
        for (const auto& id : r->signed_by) std::printf(" %s", id.substr(0, 12).c_str());
        std::printf("\n");
        return 0;
    }
    if (command == "publish-root") {
        if (positional.size() != 2) return fail("publish-root needs DIR NEW-ROOT.json");
        auto r = publish::publish_root(positional[0], positional[1], keys, expiry, now);
        if (!r) return fail(r.message());
        std::printf("root v%lld published%s\n", static_cast<long long>(r->version),
                    r->timestamp_written
                        ? " and timestamp.json re-signed"
                        : "; now run `guichet-publish timestamp` with the timestamp key");
        return 0;
    }
    if (command == "alert") {
        if (positional.size() != 1) return fail("alert needs DIR");
        publish::AlertOptions o;
        o.repo = positional[0];
        if (!role.empty()) o.role = role;
        o.withdraw = withdraw;
        o.keys = keys;
        o.expiry = expiry;
        o.now = now;
        if (!alert.id.empty() || !alert.text.empty()) {
            // The alert as a kiosk will read it, checked by the kiosk's own parser below.
            nlohmann::json a = {{"id", alert.id}, {"severity", severity}};
            nlohmann::json aud = nlohmann::json::object();
            if (audience.empty()) audience.push_back("all");
            for (const auto& v : audience) {
                if (v == "all") {
                    aud["all"] = true;
                    continue;
                }
                auto colon = v.find(':');
                const std::string kind = v.substr(0, colon == std::string::npos ? 0 : colon);
                const std::string list = kind == "region" ? "regions"
                                         : kind == "kiosk" ? "kiosks"
                                         : kind == "tag"   ? "tags"
                                                           : "";
                if (list.empty())
                    return fail("--audience " + v + ": all, region:NAME, kiosk:ID or tag:TAG");
                aud[list].push_back(v.substr(colon + 1));
            }
            a["audience"] = aud;
            std::int64_t start = now;
            if (!start_text.empty()) {
                auto t = tuf::parse_utc(start_text);
                if (!t) return fail("--start: " + t.message());
                start = *t;
            }
            std::int64_t end = start + lasts;
            if (!end_text.empty()) {
                auto t = tuf::parse_utc(end_text);
                if (!t) return fail("--end: " + t.message());
                end = *t;
            } else if (lasts <= 0) {
                return fail("alert needs --end ISO-TIME or --for SECONDS");
            }
            a["start"] = tuf::format_utc(start);
            a["end"] = tuf::format_utc(end);
            if (alert.replaces_home) a["replaces_home"] = true;
            nlohmann::json text = nlohmann::json::object();
            for (const auto& [lang, t] : alert.text) {
                text[lang] = {{"title", t.title}};
                if (!t.body.empty()) text[lang]["body"] = t.body;
            }
            a["text"] = text;
            nlohmann::json doc = {{"alerts", nlohmann::json::array()}};
            doc["alerts"].push_back(a);
            auto parsed = alerts::parse(safe_json::dump(doc), "central");
            if (!parsed) return fail(parsed.message());
            o.add = *parsed;
        } else if (withdraw.empty()) {
            return fail("alert needs --id and --title (or --withdraw ID)");
        }
        auto r = publish::publish_alerts(o);
        if (!r) return fail(r.message());
        std::printf("%s: %zu alert(s), %s v%lld%s\n", r->target.c_str(), r->alerts,
                    o.role.c_str(), static_cast<long long>(r->version),
                    r->snapshot_written ? "; snapshot and timestamp written"
                                        : "; kiosks see it once `guichet-publish snapshot` runs");
        for (const auto& id : r->expired) std::printf("  ended, removed: %s\n", id.c_str());
        return 0;
    }
    if (command == "delegate") {
        if (positional.size() != 1 || role.empty())
            return fail("delegate needs DIR --role NAME --paths PATTERN --new-key K");
        publish::DelegateOptions o;
        o.repo = positional[0];
        o.name = role;
        o.parent = parent;
        o.paths = paths;
        o.role_keys = new_keys;
        o.threshold = threshold;
        o.terminating = terminating;
        o.keys = keys;
        o.expiry = expiry;
        o.now = now;
        auto r = publish::delegate(o);
        if (!r) return fail(r.message());
        std::printf("%s v%lld delegates to %s;%s\n", o.parent.c_str(),
                    static_cast<long long>(r->version), o.name.c_str(),
                    r->snapshot_written ? " snapshot and timestamp written"
                                        : " run `guichet-publish snapshot` to publish it");
        return 0;
    }
    return fail("unknown command '" + command + "'\n" + kUsage);
}
