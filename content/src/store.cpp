// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/store.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "markdown.h"
#include "schema.h"
#include "sqlite_util.h"
#include "store_impl.h"
#include "text_search.h"

namespace guichet::content {
namespace fs = std::filesystem;
using namespace store_detail;

int current_schema_version() {
    return schema::kVersion;
}

ContentStore::ContentStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ContentStore::ContentStore(ContentStore&&) noexcept = default;
ContentStore& ContentStore::operator=(ContentStore&&) noexcept = default;
ContentStore::~ContentStore() = default;

Result<ContentStore> ContentStore::open(const fs::path& path) {
    auto impl = std::make_unique<Impl>();
    impl->name = path.string();
    std::error_code error;
    if (!fs::is_regular_file(path, error))
        return make_error(impl->name + ": no such content store");
    sqlite3* raw = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    impl->db.reset(raw);
    if (rc != SQLITE_OK) return make_error(impl->name + ": cannot open: " + sql::error_of(raw));
    // A store changed in place is locked for an instant now and then (a sync's WAL work).
    sqlite3_busy_timeout(raw, 2000);
    // Read through a memory map, pages straight from the kernel's file cache, not copied into
    // SQLite's (nor the kiosk's heap): a search reads hundreds of pages, and a pread() system
    // call each was a sixth of its CPU (bench/content); the first list of a type reads a page
    // of every item of it (store_lists.cpp), 2x faster so. A read error of the mapped file
    // ends the process (SIGBUS; systemd restarts the kiosk) where a read would fail; SQLite
    // reads as before where mapping fails.
    if (auto r = sql::exec(raw, "PRAGMA mmap_size = 1073741824"); !r)
        return make_error(impl->name + ": " + r.message());
    if (auto r = text::register_search_functions(raw); !r)
        return make_error(impl->name + ": " + r.message());
    // One read transaction for the store's whole life: the kiosk runs many queries per frame,
    // and a store changed in place (store_changes.h) must look to all of them like the
    // version it was when opened. Opening it again is how a reader moves to a new version.
    if (auto r = sql::exec(raw, "BEGIN"); !r) return make_error(impl->name + ": " + r.message());
    if (auto v = schema::check_readable(raw, impl->name.c_str()); !v) return v.error();

    auto meta = impl->prepare("SELECT key, value FROM meta");
    if (!meta) return meta.error();
    while (meta->step()) impl->meta[meta->text(0)] = meta->text(1);
    if (meta->failed()) return impl->fail(*meta);
    auto base = impl->meta.find("base_language");
    if (base == impl->meta.end()) return make_error(impl->name + ": no base language recorded");
    impl->base_language = base->second;
    auto chains = impl->prepare(
        "SELECT l.code, c.fallback FROM languages l JOIN language_chain c ON c.lang = l.code "
        "ORDER BY l.position, c.rank");
    if (!chains) return chains.error();
    while (chains->step()) {
        std::string code = chains->text(0);
        if (impl->chains.find(code) == impl->chains.end()) impl->language_order.push_back(code);
        impl->chains[code].push_back(chains->text(1));
    }
    if (chains->failed()) return impl->fail(*chains);
    if (auto counted = impl->count(schema::kMetaTextRows, "SELECT COUNT(*) FROM item_texts");
        counted)
        impl->text_rows = *counted;
    else
        return counted.error();
    if (!impl->chains.count(impl->base_language))
        return make_error(impl->name + ": the base language has no row in languages");
    return ContentStore(std::move(impl));
}

Result<StoreInfo> ContentStore::info() const {
    StoreInfo info;
    info.schema_version = schema::kVersion;
    info.base_language = impl_->base_language;
    if (auto it = impl_->meta.find("content_version"); it != impl_->meta.end())
        info.content_version = it->second;
    if (auto it = impl_->meta.find("build_date"); it != impl_->meta.end())
        info.build_date = it->second;
    auto count = impl_->count(schema::kMetaItemCount, "SELECT COUNT(*) FROM items");
    if (!count) return count.error();
    info.item_count = *count;
    return info;
}

Result<std::vector<Language>> ContentStore::languages() const {
    auto rows =
        impl_->prepare("SELECT code, native_name, is_base FROM languages ORDER BY position");
    auto coverage = impl_->prepare(
        "SELECT i.type, COUNT(*), SUM(EXISTS(SELECT 1 FROM item_texts t WHERE t.item_id = i.id "
        "AND t.lang = ?1)) FROM items i GROUP BY i.type");
    if (!rows) return rows.error();
    if (!coverage) return coverage.error();
    // Recorded by the compiler; counted here (a scan per language) only for older stores.
    const auto recorded = impl_->meta.find(schema::kMetaCoverage);
    std::vector<Language> out;
    while (rows->step()) {
        Language language;
        language.code = rows->text(0);
        language.native_name = rows->text(1);
        language.is_base = rows->integer(2) != 0;
        const auto& chain = impl_->chain(language.code);
        language.fallback_chain.assign(chain.begin() + 1, chain.end());
        std::map<ItemType, TypeCoverage> by_type;
        if (recorded != impl_->meta.end()) {
            for (const std::string& line : split(recorded->second, '\n')) {
                const auto words = split(line, ' ');
                if (words.size() != 4 || words[0] != language.code) continue;
                auto type = item_type_from_string(words[1]);
                auto total = to_count(words[2]), translated = to_count(words[3]);
                if (!type || !total || !translated)
                    return make_error(impl_->name + ": meta coverage line '" + line +
                                      "' is not LANG TYPE ITEMS TRANSLATED");
                by_type[*type] = {*type, *total, *translated};
            }
        } else {
            coverage->reset();
            coverage->bind(1, language.code);
            while (coverage->step()) {
                auto type = item_type_from_string(coverage->text(0));
                if (!type) continue;
                by_type[*type] = {*type, coverage->integer(1), coverage->integer(2)};
            }
            if (coverage->failed()) return impl_->fail(*coverage);
        }
        for (ItemType type : kAllItemTypes) {
            auto it = by_type.find(type);
            language.coverage.push_back(it == by_type.end() ? TypeCoverage{type, 0, 0}
                                                            : it->second);
        }
        out.push_back(std::move(language));
    }
    if (rows->failed()) return impl_->fail(*rows);
    return out;
}

Result<std::vector<Category>> ContentStore::categories(std::string_view lang) const {
    auto rows = impl_->prepare("SELECT id, icon, types FROM categories ORDER BY position");
    auto titles = impl_->prepare("SELECT lang, title FROM category_titles WHERE category_id = ?1");
    if (!rows) return rows.error();
    if (!titles) return titles.error();
    const auto& chain = impl_->chain(lang);
    std::vector<Category> out;
    while (rows->step()) {
        Category category;
        category.id = rows->text(0);
        category.icon = rows->text(1);
        for (const auto& name : split(rows->text(2), ' '))
            if (auto type = item_type_from_string(name)) category.types.push_back(*type);
        std::map<std::string, std::string> by_lang;
        titles->reset();
        titles->bind(1, category.id);
        while (titles->step()) by_lang[titles->text(0)] = titles->text(1);
        for (const auto& candidate : chain) {
            auto it = by_lang.find(candidate);
            if (it != by_lang.end() && !it->second.empty()) {
                category.title = it->second;
                category.language = candidate;
                break;
            }
        }
        category.fell_back = category.language != lang;
        out.push_back(std::move(category));
    }
    if (rows->failed()) return impl_->fail(*rows);
    return out;
}

Result<ItemType> ContentStore::type_of(std::string_view id) const {
    auto stmt = impl_->prepare("SELECT type FROM items WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id);
    if (!stmt->step()) return make_error("no item '" + std::string(id) + "' in " + impl_->name);
    auto type = item_type_from_string(stmt->text(0));
    if (!type) return make_error(impl_->name + ": item '" + std::string(id) + "' has unknown type");
    return *type;
}

Result<std::optional<StoredImage>> ContentStore::image(std::string_view item_id,
                                                       std::string_view source) const {
    using Found = std::optional<StoredImage>;
    auto type = type_of(item_id);
    if (!type) return Found();
    // The folder the item's Markdown file sits in: a body names its pictures from there.
    const char* folder = *type == ItemType::article       ? "articles"
                         : *type == ItemType::news        ? "news"
                         : *type == ItemType::programme   ? "programmes"
                         : *type == ItemType::publication ? "publications"
                                                          : nullptr;
    if (!folder || source.empty() || source.find('\0') != std::string_view::npos) return Found();
    const fs::path written{std::string(source)};
    if (written.is_absolute()) return Found();
    const std::string path = (fs::path(folder) / written).lexically_normal().generic_string();
    if (path.rfind("..", 0) == 0) return Found();
    auto stmt = impl_->prepare(
        "SELECT format, width, height, length(data), data FROM images WHERE path = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, std::string_view(path));
    if (!stmt->step()) {
        if (stmt->failed()) return impl_->fail(*stmt);
        return Found();
    }
    StoredImage image;
    image.path = path;
    image.format = stmt->text(0);
    image.width = static_cast<int>(stmt->integer(1));
    image.height = static_cast<int>(stmt->integer(2));
    const std::int64_t size = stmt->integer(3);
    if (size <= 0 || static_cast<std::uint64_t>(size) > kMaxImageBytes || image.width <= 0 ||
        image.height <= 0 || image.width > kMaxImageSide || image.height > kMaxImageSide)
        return make_error(impl_->name + ": picture " + path + " is larger than a picture may be");
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt->raw(), 4));
    if (!data) return make_error(impl_->name + ": picture " + path + " has no bytes");
    image.bytes.assign(data, data + size);
    stmt->reset();
    return Found(std::move(image));
}

}  // namespace guichet::content
