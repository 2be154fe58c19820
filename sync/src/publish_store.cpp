// SPDX-License-Identifier: GPL-3.0-or-later
// `push`: a compiled content store published as its row image plus row changesets from recent
// versions, under the central namespace (top-level targets) or a delegated role's own.
#include <algorithm>
#include <limits>
#include <set>

#include "content/store_changes.h"
#include "content/store_rows.h"
#include "content/text_ids.h"
#include "platform/files.h"
#include "sync/publish.h"
#include "sync/store_delta.h"
#include "sync/tuf.h"

#include "publish_internal.h"

namespace guichet::sync::publish {
using namespace detail;

namespace {

const nlohmann::json* guichet_custom(const nlohmann::json& entry) {
    if (!entry.is_object() || !entry.contains("custom") || !entry["custom"].is_object())
        return nullptr;
    const auto& c = entry["custom"];
    if (!c.contains("guichet") || !c["guichet"].is_object()) return nullptr;
    return &c["guichet"];
}

std::int64_t custom_int(const nlohmann::json* g, const char* key) {
    if (!g || !g->contains(key) || !(*g)[key].is_number_integer()) return 0;
    return (*g)[key].get<std::int64_t>();
}

// The folder a delegated role publishes a store under: its first pattern of the form
// "some/folder/*" without wildcards before the last segment.
Result<std::string> namespace_of(const Delegation& d, const std::string& role) {
    if (d.entry.contains("paths") && d.entry["paths"].is_array())
        for (const auto& p : d.entry["paths"]) {
            if (!p.is_string()) continue;
            const std::string pattern = p.get<std::string>();
            if (pattern.size() < 3 || pattern.compare(pattern.size() - 2, 2, "/*") != 0) continue;
            const std::string folder = pattern.substr(0, pattern.size() - 1);
            if (folder.find_first_of("*?[") == std::string::npos) return folder;
        }
    return make_error("role " + role +
                      " has no path pattern of the form folder/* to publish a "
                      "content store under (see `guichet-publish delegate --paths`)");
}

}  // namespace

Result<PushReport> push(const PushOptions& o) {
    auto repo = load_repo(o.repo);
    if (!repo) return repo.error();
    auto schema_version = store::check_store(o.store);
    if (!schema_version) return schema_version.error();

    const bool central = o.role == "targets";
    std::string name_space = kCentralNamespace;
    nlohmann::json current = repo->targets;
    if (central) {
        for (const char* role : {"targets", "snapshot", "timestamp"})
            if (auto k = top_level_signers(*repo, role, o.keys); !k) return k.error();
    } else {
        auto all = delegations(*repo);
        if (!all) return all.error();
        auto d = all->find(o.role);
        if (d == all->end())
            return make_error("no role '" + o.role + "' is delegated in " + o.repo.string() +
                              " (see `guichet-publish delegate`)");
        if (auto k = signers_for(d->second.keys, d->second.entry, o.keys, o.role); !k)
            return k.error();
        auto ns = namespace_of(d->second, o.role);
        if (!ns) return ns.error();
        name_space = *ns;
        auto md = newest_verified(*repo, o.role, d->second, 0);
        current = md ? md->signed_part : nlohmann::json::object();
    }
    const std::string store_name = store_target(name_space);

    PushReport report;
    nlohmann::json old_targets = current.contains("targets") && current["targets"].is_object()
                                     ? current["targets"]
                                     : nlohmann::json::object();
    std::int64_t previous = 0;
    if (old_targets.contains(store_name))
        previous = custom_int(guichet_custom(old_targets[store_name]), "content_version");
    report.content_version = previous + 1;

    // What kiosks download is the store's row image; they build the store from it. A new
    // version differs from an old one only in the rows that changed, so patches stay small.
    auto tmp_dir = o.repo / ".publish-tmp";
    std::error_code ec;
    fs::remove_all(tmp_dir, ec);
    fs::create_directories(tmp_dir, ec);
    if (ec) return make_error(tmp_dir.string() + ": " + ec.message());
    struct RemoveTmp {
        fs::path dir;
        ~RemoveTmp() {
            std::error_code ignored;
            fs::remove_all(dir, ignored);
        }
    } remove_tmp{tmp_dir};
    // A version as its kiosks hold it: built from its published image.
    auto build_published = [&](const nlohmann::json& entry, const fs::path& out) -> bool {
        if (!entry.contains("hashes") || !entry["hashes"].is_object() ||
            !entry["hashes"].contains("sha256") || !entry["hashes"]["sha256"].is_string())
            return false;
        auto file = o.repo / "targets" /
                    target_file_name(store_name, entry["hashes"]["sha256"].get<std::string>());
        auto rows = tmp_dir / "base.rows";
        const auto* g = guichet_custom(entry);
        const std::int64_t rows_length =
            custom_int(g, "rows_length") > 0 ? custom_int(g, "rows_length") : 4LL << 30;
        const bool built = store::decompress_file(file, rows, rows_length) &&
                           content::build_store_from_rows(rows, out);
        fs::remove(rows, ec);
        return built;
    };
    // Texts keep their ids from the previous version, so that a translation added or an item
    // removed changes its own rows, not the ids of every text after it.
    fs::path published = o.store;
    auto previous_store = tmp_dir / "previous.db";
    report.previous_unreadable =
        previous > 0 && !build_published(old_targets[store_name], previous_store);
    if (previous > 0 && !report.previous_unreadable) {
        auto kept = content::copy_keeping_text_ids(o.store, previous_store, tmp_dir / "kept.db");
        if (!kept) return make_error("keeping the previous version's text ids: " + kept.message());
        if (*kept) report.text_ids = **kept;
        if (*kept && (*kept)->moved > 0) published = tmp_dir / "kept.db";
    }
    auto rows_path = tmp_dir / "new.rows";
    if (auto e = content::export_store_rows(published, rows_path); !e) return e.error();
    if (published != o.store) fs::remove(published, ec);
    auto rows_bytes = files::read_regular_file(rows_path, 4LL << 30);
    if (!rows_bytes) return rows_bytes.error();
    auto rows_sha = sha256_hex(*rows_bytes);
    report.store_bytes = static_cast<std::int64_t>(fs::file_size(o.store, ec));
    report.rows_bytes = static_cast<std::int64_t>(rows_bytes->size());
    // Proof before publishing: a kiosk builds a valid store from this image, holding the same
    // rows (its image is the same bytes).
    auto proof = tmp_dir / "proof.db";
    if (auto b = content::build_store_from_rows(rows_path, proof); !b)
        return make_error("the row image does not build a store: " + b.message());
    if (auto c = store::check_store(proof); !c || *c != *schema_version)
        return make_error("the store built from the row image fails its check");
    const auto built_bytes = static_cast<std::int64_t>(fs::file_size(proof, ec));
    auto again = content::export_store_rows(proof, tmp_dir / "proof.rows");
    auto again_sha = sha256_file_hex(tmp_dir / "proof.rows");
    if (!again || !again_sha || *again_sha != rows_sha)
        return make_error("the store built from the row image does not hold the same rows");
    fs::remove(tmp_dir / "proof.rows", ec);
    // What kiosks check a version against after changing their store in place.
    auto digest = content::store_content_digest(proof);
    if (!digest) return digest.error();

    auto compressed = store::compress(*rows_bytes, o.zstd_level);
    if (!compressed) return compressed.error();
    report.compressed_bytes = static_cast<std::int64_t>(compressed->size());

    nlohmann::json targets = nlohmann::json::object();
    // Targets outside this namespace (published by add-target or other tools) are carried over,
    // and so are the namespace's alerts (`guichet-publish alert`), which live beside its store.
    for (auto it = old_targets.begin(); it != old_targets.end(); ++it)
        if (it.key().rfind(name_space, 0) != 0 || it.key() == name_space + "alerts.json")
            targets[it.key()] = it.value();
    nlohmann::json store_custom = {{"guichet",
                                    {{"kind", "store"},
                                     {"format", kRowImageFormat},
                                     {"content_version", report.content_version},
                                     {"rows_sha256", rows_sha},
                                     {"rows_length", report.rows_bytes},
                                     {"store_length", built_bytes},
                                     {"content_digest", *digest},
                                     {"schema_version", *schema_version}}}};
    auto full = add_target_file(o.repo, store_name, *compressed, store_custom);
    if (!full) return full.error();
    targets[store_name] = *full;

    // Row changesets from the last few content versions still online: a kiosk at one of them
    // changes its store in place (content/store_changes.h).
    auto md = repo->metadata();
    const std::int64_t newest_role = newest_version_on_disk(*repo, o.role);
    std::set<std::int64_t> done;
    for (std::int64_t v = newest_role; v >= 1 && static_cast<int>(done.size()) < o.delta_versions;
         --v) {
        auto old = read_signed(md / (std::to_string(v) + "." + o.role + ".json"));
        if (!old) break;
        if (!old->contains("targets") || !(*old)["targets"].contains(store_name)) continue;
        const auto& entry = (*old)["targets"][store_name];
        const auto* g = guichet_custom(entry);
        auto from_version = custom_int(g, "content_version");
        if (from_version <= 0 || done.count(from_version)) continue;
        done.insert(from_version);
        auto old_store = tmp_dir / "base.db";
        if (from_version == previous && fs::exists(previous_store)) {
            fs::rename(previous_store, old_store, ec);
            if (ec) continue;
        } else if (!build_published(entry, old_store)) {
            continue;
        }
        auto old_digest = content::store_content_digest(old_store);
        if (!old_digest) continue;
        auto changes = content::make_store_changeset(old_store, proof);
        if (!changes) continue;  // languages or tables changed: only the full image applies
        auto packed = store::compress(changes->bytes, o.changes_zstd_level);
        if (!packed) continue;
        if (static_cast<double>(packed->size()) >
            o.max_delta_ratio * static_cast<double>(compressed->size()))
            continue;
        // Proof before publishing: applied the way a kiosk applies it, the changes give the
        // new version's digest.
        if (!content::prepare_store_for_changes(old_store, {*old_digest, from_version})) continue;
        content::ApplyOptions apply;
        apply.base_digest = *old_digest;
        apply.result = {*digest, report.content_version};
        if (!content::apply_store_changeset(old_store, changes->bytes, apply)) continue;
        fs::remove(old_store, ec);
        fs::remove(old_store.string() + "-wal", ec);
        fs::remove(old_store.string() + "-shm", ec);
        nlohmann::json custom = {
            {"guichet",
             {{"kind", "changes"},
              {"format", kChangesFormat},
              {"from_version", from_version},
              {"from_digest", *old_digest},
              {"content_version", report.content_version},
              {"content_digest", *digest},
              {"rows_sha256", rows_sha},
              {"changes_length", static_cast<std::int64_t>(changes->bytes.size())},
              {"schema_version", *schema_version}}}};
        auto name = delta_target(from_version, name_space);
        auto t = add_target_file(o.repo, name, *packed, custom);
        if (!t) return t.error();
        targets[name] = *t;
        report.deltas.emplace_back(from_version, static_cast<std::int64_t>(packed->size()));
    }
    fs::remove(proof, ec);

    nlohmann::json next = current;
    next["targets"] = targets;
    auto written = write_role(*repo, o.role, next, o.keys, o.expiry, o.now);
    if (!written) return written.error();
    if (central || holds_snapshot_and_timestamp(*repo, o.keys)) {
        auto s = write_snapshot_and_timestamp(*repo, o.keys, o.expiry, o.now);
        if (!s) return s.error();
        report.snapshot_written = true;
    }

    // Prune: keep the last keep_versions versions of this role's metadata (and of snapshot,
    // when one was written) and the files of this namespace they name.
    const std::int64_t newest_t = *written;
    std::set<std::string> referenced;
    for (std::int64_t v = newest_t; v > newest_t - o.keep_versions && v >= 1; --v) {
        auto t = read_signed(md / (std::to_string(v) + "." + o.role + ".json"));
        if (!t || !t->contains("targets") || !(*t)["targets"].is_object()) continue;
        for (auto it = (*t)["targets"].begin(); it != (*t)["targets"].end(); ++it) {
            if (!it.value().is_object() || !it.value().contains("hashes") ||
                !it.value()["hashes"].is_object())
                continue;
            for (auto h = it.value()["hashes"].begin(); h != it.value()["hashes"].end(); ++h)
                if (h.value().is_string())
                    referenced.insert(target_file_name(it.key(), h.value().get<std::string>()));
        }
    }
    for (std::int64_t v = newest_t - o.keep_versions; v >= 1; --v) {
        auto p = md / (std::to_string(v) + "." + o.role + ".json");
        if (fs::remove(p, ec)) report.removed.push_back(p.filename().string());
    }
    if (report.snapshot_written) {
        const std::int64_t newest_s = repo->snapshot.value("version", std::int64_t{0});
        for (std::int64_t v = newest_s - o.keep_versions; v >= 1; --v) {
            auto p = md / (std::to_string(v) + ".snapshot.json");
            if (fs::remove(p, ec)) report.removed.push_back(p.filename().string());
        }
    }
    if (fs::exists(o.repo / "targets" / name_space))
        for (const auto& e : fs::recursive_directory_iterator(o.repo / "targets" / name_space)) {
            if (!e.is_regular_file()) continue;
            auto rel = fs::relative(e.path(), o.repo / "targets").generic_string();
            if (!referenced.count(rel)) {
                report.removed.push_back(rel);
                fs::remove(e.path(), ec);
            }
        }
    return report;
}

}  // namespace guichet::sync::publish
