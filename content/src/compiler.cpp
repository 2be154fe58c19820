// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/compiler.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "platform/file_descriptor.h"
#include "schema.h"
#include "search_index.h"
#include "sources.h"
#include "sqlite_util.h"
#include "text_search.h"

namespace guichet::content {
namespace fs = std::filesystem;
namespace {

// Every code-valued field the set uses (sources::codes_of), once each: what gets a name per
// language in the store and in the coverage report.
std::set<std::pair<std::string, std::string>> codes_used(const sources::SourceSet& set) {
    std::set<std::pair<std::string, std::string>> codes;
    for (const auto& item : set.items)
        for (auto& use : sources::codes_of(item)) codes.insert(std::move(use));
    return codes;
}

// What a visitor reading each language of the set finds in it (ReadingRow).
std::vector<ReadingRow> reading_coverage(const sources::SourceSet& set) {
    struct Kind {
        const char* what;
        bool (*counts)(const sources::Item&);
        std::string sources::Texts::*text;
    };
    const Kind kinds[] = {
        {"titles", [](const sources::Item&) { return true; }, &sources::Texts::title},
        {"bodies",
         [](const sources::Item& i) {
             return i.type == ItemType::article || i.type == ItemType::news ||
                    i.type == ItemType::programme;
         },
         &sources::Texts::body},
        {"institution descriptions",
         [](const sources::Item& i) { return i.type == ItemType::institution; },
         &sources::Texts::summary},
        {"legislation summaries",
         [](const sources::Item& i) { return i.type == ItemType::legislation; },
         &sources::Texts::summary},
    };
    const auto codes = codes_used(set);
    std::vector<ReadingRow> rows;
    for (const auto& language : set.languages) {
        for (const Kind& kind : kinds) {
            ReadingRow row{language.code, kind.what, 0, 0};
            for (const auto& item : set.items) {
                if (!kind.counts(item)) continue;
                const bool somewhere = std::any_of(
                    item.texts.begin(), item.texts.end(),
                    [&](const auto& entry) { return !(entry.second.*kind.text).empty(); });
                if (!somewhere) continue;
                ++row.total;
                auto it = item.texts.find(language.code);
                if (it != item.texts.end() && !(it->second.*kind.text).empty()) ++row.have;
            }
            rows.push_back(row);
        }
        ReadingRow names{language.code, "code names", 0, static_cast<int>(codes.size())};
        for (const auto& [field, code] : codes)
            names.have += sources::code_name(set, field, code, language.code).has_value();
        rows.push_back(names);
    }
    return rows;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out += separator;
        out += parts[i];
    }
    return out;
}

// Removes the temporary file unless the build reached the rename.
class TempFile {
  public:
    explicit TempFile(fs::path path) : path_(std::move(path)) {}
    ~TempFile() {
        if (!kept_) {
            std::error_code ignored;
            fs::remove(path_, ignored);
            fs::remove(path_.string() + "-journal", ignored);
        }
    }
    const fs::path& path() const { return path_; }
    void keep() { kept_ = true; }

  private:
    fs::path path_;
    bool kept_ = false;
};

using files::FileDescriptor;

// The rename is durable only once the file's data and the folder entry are on disk.
Result<void> fsync_path(const fs::path& path, bool directory) {
    FileDescriptor fd(
        ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC));
    if (fd.get() < 0) return make_error(path.string() + ": cannot open to sync");
    if (::fsync(fd.get()) != 0) return make_error(path.string() + ": fsync failed");
    return {};
}

class Writer {
  public:
    explicit Writer(sqlite3* db) : db_(db) {}

    Result<void> write(const sources::SourceSet& set) {
        if (auto r = sql::exec(db_, "BEGIN"); !r) return r;
        if (auto r = meta(set); !r) return r;
        if (auto r = languages(set); !r) return r;
        if (auto r = categories(set); !r) return r;
        if (auto r = items(set); !r) return r;
        if (auto r = sql::exec(db_, schema::trim_text_room().c_str()); !r) return r;
        if (auto r = synonyms(set); !r) return r;
        if (auto r = code_names(set); !r) return r;
        if (auto r = map(set); !r) return r;
        if (auto r = images(set); !r) return r;
        if (auto r = counts(); !r) return r;
        if (auto r = sql::exec(db_, "COMMIT"); !r) return r;
        // The index is derived from the tables just written, exactly as a kiosk derives it
        // when it builds a store from the published rows.
        return search_index::build(db_, /*write_word_counts=*/true);
    }

  private:
    Result<sql::Statement> prepare(const char* text) { return sql::Statement::prepare(db_, text); }

    Result<void> synonyms(const sources::SourceSet& set) {
        auto stmt = prepare("INSERT OR IGNORE INTO synonyms(lang, word, alternative) VALUES(?1,?2,?3)");
        if (!stmt) return stmt.error();
        for (const auto& synonym : set.synonyms) {
            stmt->reset();
            stmt->bind(1, synonym.lang).bind(2, synonym.word).bind(3, synonym.alternative);
            if (auto r = stmt->run(); !r) return r;
        }
        return {};
    }

    // The name of every code the set uses, in every language of the set that has one: the
    // set's names table, else the kiosk's catalogues (embedded in this tool). The kiosk shows
    // these instead of the code, and search matches them besides it, so a visitor finds the
    // programmes of sector `agriculture` by `agricultura` or `agriculture`. `field` is the
    // kiosk's context ("service" for service.legal-aid).
    Result<void> code_names(const sources::SourceSet& set) {
        const auto codes = codes_used(set);
        auto stmt = prepare("INSERT INTO code_names(field, code, lang, name) VALUES(?1,?2,?3,?4)");
        if (!stmt) return stmt.error();
        for (const auto& [field, code] : codes)
            for (const auto& language : set.languages) {
                auto name = sources::code_name(set, field, code, language.code);
                if (!name) continue;
                stmt->reset();
                stmt->bind(1, field).bind(2, code).bind(3, language.code).bind(4, *name);
                if (auto r = stmt->run(); !r) return r;
            }
        return {};
    }

    // The base map's rows, tiles as blobs (Statement binds text only).
    Result<void> map(const sources::SourceSet& set) {
        if (!set.map) return {};
        auto meta = prepare("INSERT INTO map_metadata(key, value) VALUES(?1, ?2)");
        if (!meta) return meta.error();
        for (const auto& [key, value] : set.map->metadata) {
            meta->reset();
            if (auto r = meta->bind(1, key).bind(2, value).run(); !r) return r;
        }
        auto tile = prepare("INSERT INTO map_tiles(zoom, x, y, data) VALUES(?1, ?2, ?3, ?4)");
        if (!tile) return tile.error();
        for (const auto& t : set.map->tiles) {
            tile->reset();
            tile->bind(1, t.z).bind(2, t.x).bind(3, t.y);
            sqlite3_bind_blob(tile->raw(), 4, t.bytes.data(), static_cast<int>(t.bytes.size()),
                              SQLITE_STATIC);
            if (auto r = tile->run(); !r) return r;
        }
        return {};
    }

    // The pictures pages show, in path order (the store is byte-identical for the same sources).
    Result<void> images(const sources::SourceSet& set) {
        auto stmt = prepare(
            "INSERT INTO images(path, format, width, height, data) VALUES(?1, ?2, ?3, ?4, ?5)");
        if (!stmt) return stmt.error();
        for (const auto& [path, picture] : set.images) {
            stmt->reset();
            stmt->bind(1, path).bind(2, picture.format).bind(3, picture.width).bind(4, picture.height);
            sqlite3_bind_blob(stmt->raw(), 5, picture.bytes.data(),
                              static_cast<int>(picture.bytes.size()), SQLITE_STATIC);
            if (auto r = stmt->run(); !r) return r;
        }
        return {};
    }

    Result<void> meta(const sources::SourceSet& set) {
        auto stmt = prepare("INSERT INTO meta(key, value) VALUES(?1, ?2)");
        if (!stmt) return stmt.error();
        for (auto [key, value] :
             {std::pair<const char*, std::string>{"content_version", set.fingerprint},
              {"build_date", set.newest_review},
              {"base_language", set.base_language}}) {
            stmt->reset();
            if (auto r = stmt->bind(1, std::string_view(key)).bind(2, value).run(); !r) return r;
        }
        return {};
    }

    // Counted once here rather than by every kiosk at every start (seconds on 100k items).
    Result<void> counts() {
        const std::string insert = "INSERT INTO meta(key, value) SELECT '";
        const std::string statements =
            insert + schema::kMetaItemCount + "', COUNT(*) FROM items;" + insert +
            schema::kMetaTextRows + "', COUNT(*) FROM item_texts;" + insert +
            schema::kMetaCoverage +
            "', COALESCE(group_concat(line, char(10)), '') FROM ("
            " SELECT l.code || ' ' || i.type || ' ' || i.total || ' ' ||"
            "  COALESCE(t.translated, 0) AS line"
            " FROM languages l"
            " CROSS JOIN (SELECT type, COUNT(*) AS total FROM items GROUP BY type) i"
            " LEFT JOIN (SELECT x.lang, it.type, COUNT(*) AS translated FROM item_texts x"
            "  JOIN items it ON it.id = x.item_id GROUP BY x.lang, it.type) t"
            "  ON t.lang = l.code AND t.type = i.type"
            " ORDER BY l.position, i.type);";
        return sql::exec(db_, statements.c_str());
    }

    Result<void> languages(const sources::SourceSet& set) {
        auto row = prepare(
            "INSERT INTO languages(code, position, native_name, is_base) VALUES(?1, ?2, ?3, ?4)");
        auto chain = prepare("INSERT INTO language_chain(lang, rank, fallback) VALUES(?1, ?2, ?3)");
        if (!row) return row.error();
        if (!chain) return chain.error();
        int position = 0;
        for (const auto& language : set.languages) {
            row->reset();
            row->bind(1, language.code).bind(2, position++).bind(3, language.native_name);
            if (auto r = row->bind(4, language.is_base ? 1 : 0).run(); !r) return r;
            int rank = 0;
            chain->reset();
            if (auto r = chain->bind(1, language.code).bind(2, rank++).bind(3, language.code).run();
                !r)
                return r;
            for (const auto& fallback : language.chain) {
                chain->reset();
                if (auto r = chain->bind(1, language.code).bind(2, rank++).bind(3, fallback).run();
                    !r)
                    return r;
            }
        }
        return {};
    }

    Result<void> categories(const sources::SourceSet& set) {
        auto row = prepare("INSERT INTO categories(id, position, icon, types) VALUES(?1,?2,?3,?4)");
        auto title =
            prepare("INSERT INTO category_titles(category_id, lang, title) VALUES(?1, ?2, ?3)");
        if (!row) return row.error();
        if (!title) return title.error();
        int position = 0;
        for (const auto& category : set.categories) {
            std::vector<std::string> types;
            for (ItemType t : category.types) types.emplace_back(to_string(t));
            row->reset();
            row->bind(1, category.id).bind(2, position++).bind(3, category.icon);
            if (auto r = row->bind(4, join(types, " ")).run(); !r) return r;
            for (const auto& [lang, text] : category.titles) {
                title->reset();
                if (auto r = title->bind(1, category.id).bind(2, lang).bind(3, text).run(); !r)
                    return r;
            }
        }
        return {};
    }

    Result<void> items(const sources::SourceSet& set) {
        auto item_row = prepare(
            "INSERT INTO items(id, type, reviewed, kind, country, city, date) "
            "VALUES(?1,?2,?3,?4,?5,?6,?7)");
        auto text_row = prepare(
            "INSERT INTO item_texts(id, item_id, lang, title, summary, body, extra, source) "
            "VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
        auto category_row =
            prepare("INSERT INTO item_categories(item_id, category_id, position) VALUES(?1,?2,?3)");
        auto value_row =
            prepare("INSERT INTO item_values(item_id, field, position, value) VALUES(?1,?2,?3,?4)");
        auto institution = prepare(
            "INSERT INTO institutions(id, official_name, address, phone, email, website, lat, "
            "lon, whatsapp, opening_hours, time_zone, cost, checked, source) "
            "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)");
        auto programme = prepare(
            "INSERT INTO programmes(id, sector, season, official_link) VALUES(?1,?2,?3,?4)");
        auto legislation = prepare(
            "INSERT INTO legislation(id, year, official_reference, url) VALUES(?1,?2,?3,?4)");
        auto cooperation =
            prepare("INSERT INTO cooperation(id, direction, theme, contact) VALUES(?1,?2,?3,?4)");
        auto series = prepare("INSERT INTO statistics_series(id, unit, source) VALUES(?1,?2,?3)");
        auto point = prepare(
            "INSERT INTO statistics_values(series_id, country, year, value) VALUES(?1,?2,?3,?4)");
        auto publication = prepare(
            "INSERT INTO publications(id, authors, publisher, year, language, url, source) "
            "VALUES(?1,?2,?3,?4,?5,?6,?7)");
        for (auto* s : {&item_row, &text_row, &category_row, &value_row, &institution, &programme,
                        &legislation, &cooperation, &series, &point, &publication})
            if (!*s) return s->error();

        // item_texts.id is one sequence in item order (an item's texts are neighbours on
        // disk); the search rowid adds the language's position above it, so each language is
        // one range of search rowids and search can rank the visitor's language first without
        // reading the rows (search_index.cpp).
        std::int64_t search_sequence = 0;
        for (const auto& item : set.items) {
            item_row->reset();
            item_row->bind(1, item.id).bind(2, to_string(item.type)).bind(3, item.reviewed);
            item_row->bind(4, item.kind)
                .bind(5, item.country)
                .bind(6, item.city)
                .bind(7, item.date);
            if (auto r = item_row->run(); !r) return r;

            for (const auto& [lang, texts] : item.texts) {
                if (texts.empty()) continue;
                text_row->reset();
                const std::int64_t text_id = ++search_sequence;
                text_row->bind(1, text_id).bind(2, item.id).bind(3, lang).bind(4, texts.title);
                text_row->bind(5, texts.summary).bind(6, texts.body);
                text_row->bind(7, texts.extra + std::string(schema::kTextRoom, ' '));
                text_row->bind(8, texts.source);
                if (auto r = text_row->run(); !r) return r;
            }
            int position = 0;
            for (const auto& category : item.categories) {
                category_row->reset();
                if (auto r =
                        category_row->bind(1, item.id).bind(2, category).bind(3, position++).run();
                    !r)
                    return r;
            }
            for (auto [field, values] :
                 {std::pair<const char*, const std::vector<std::string>*>{"tag", &item.tags},
                  {"service", &item.services},
                  {"spoken_language", &item.spoken_languages},
                  {"host_country", &item.host_countries},
                  {"origin_country", &item.origin_countries},
                  {"other_name", &item.other_names}}) {
                int index = 0;
                for (const auto& value : *values) {
                    value_row->reset();
                    value_row->bind(1, item.id).bind(2, std::string_view(field)).bind(3, index++);
                    if (auto r = value_row->bind(4, value).run(); !r) return r;
                }
            }
            Result<void> typed;
            switch (item.type) {
                case ItemType::institution:
                    institution->reset();
                    institution->bind(1, item.id).bind(2, item.official_name).bind(3, item.address);
                    institution->bind(4, item.phone).bind(5, item.email).bind(6, item.website);
                    if (item.coordinates)
                        institution->bind(7, item.coordinates->lat).bind(8, item.coordinates->lon);
                    institution->bind(9, item.whatsapp).bind(10, item.opening_hours);
                    institution->bind(11, item.time_zone).bind(12, item.cost);
                    institution->bind(13, item.checked).bind(14, item.source_of_details);
                    typed = institution->run();
                    break;
                case ItemType::programme:
                    programme->reset();
                    programme->bind(1, item.id).bind(2, item.sector).bind(3, item.season);
                    typed = programme->bind(4, item.official_link).run();
                    break;
                case ItemType::legislation:
                    legislation->reset();
                    legislation->bind(1, item.id).bind(2, item.year);
                    typed = legislation->bind(3, item.official_reference).bind(4, item.url).run();
                    break;
                case ItemType::cooperation:
                    cooperation->reset();
                    cooperation->bind(1, item.id).bind(2, item.direction).bind(3, item.theme);
                    typed = cooperation->bind(4, item.contact).run();
                    break;
                case ItemType::statistics:
                    series->reset();
                    typed = series->bind(1, item.id).bind(2, item.unit).bind(3, item.source).run();
                    for (const auto& p : item.points) {
                        if (!typed) break;
                        point->reset();
                        point->bind(1, item.id).bind(2, p.country).bind(3, p.year);
                        typed = point->bind(4, p.value).run();
                    }
                    break;
                case ItemType::publication:
                    publication->reset();
                    publication->bind(1, item.id).bind(2, item.authors).bind(3, item.publisher);
                    publication->bind(4, item.year).bind(5, item.publication_language);
                    typed = publication->bind(6, item.url).bind(7, item.source).run();
                    break;
                case ItemType::article:
                case ItemType::news:
                    break;
            }
            if (!typed) return typed;
        }
        return {};
    }

    sqlite3* db_;
};

}  // namespace

std::string Diagnostic::to_string() const {
    return file + ":" + std::to_string(line) +
           (column > 0 ? ":" + std::to_string(column) : std::string()) + ": " + message;
}

// Filesystem and allocation failures surface as exceptions inside; none crosses this edge.
CheckReport check_sources(const fs::path& source_dir) {
    CheckReport report;
    try {
        report.reading = reading_coverage(sources::load(source_dir, report));
    } catch (const std::exception& e) {
        report.problems.push_back(
            {source_dir.string(), 0, std::string("cannot read: ") + e.what()});
    }
    return report;
}

namespace {

Result<void> build_store_unguarded(const fs::path& source_dir, const fs::path& output,
                                   CheckReport& report) {
    sources::SourceSet set = sources::load(source_dir, report);
    report.reading = reading_coverage(set);
    if (!report.ok())
        return make_error(std::to_string(report.problems.size()) +
                          " problem(s) in the sources; nothing written");

    fs::path absolute = fs::absolute(output);
    fs::path dir = absolute.parent_path();
    if (!fs::is_directory(dir)) return make_error(dir.string() + ": no such folder");
    TempFile temp(absolute.string() + ".tmp-" + std::to_string(::getpid()));
    {
        std::error_code ignored;
        fs::remove(temp.path(), ignored);
        sqlite3* raw = nullptr;
        int rc = sqlite3_open_v2(temp.path().c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        sql::DbHandle db(raw);
        if (rc != SQLITE_OK)
            return make_error(temp.path().string() + ": cannot create: " + sql::error_of(raw));
        if (auto r = text::register_search_functions(db.get()); !r) return r;
        // 1 kB pages (schema 9; 4 kB before): a kiosk changes its store in place, and every
        // changed row rewrites its whole page into the WAL. A 1 % update of the 100,000-item
        // store wrote 12 % fewer bytes (18.7 against 21.3 MB) for a store 7 % larger (311 against
        // 291 MB; more page headers, and each 4 kB FTS5 leaf spills over three overflow pages),
        // with search and list times unchanged within this machine's noise (bench/sync
        // RESULTS.md). The row image carries the page size, so a kiosk's store has the same.
        if (auto r = sql::exec(db.get(),
                               "PRAGMA page_size = 1024; PRAGMA journal_mode = OFF; "
                               "PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; "
                               "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;");
            !r)
            return make_error(temp.path().string() + ": " + r.message());
        if (auto r = schema::create(db.get()); !r)
            return make_error(temp.path().string() + ": " + r.message());
        Writer writer(db.get());
        if (auto r = writer.write(set); !r)
            return make_error(temp.path().string() + ": " + r.message());
        if (sqlite3_close_v2(db.release()) != SQLITE_OK)
            return make_error(temp.path().string() + ": cannot close");
    }
    if (auto r = fsync_path(temp.path(), false); !r) return r;
    std::error_code error;
    fs::rename(temp.path(), absolute, error);
    if (error)
        return make_error(absolute.string() + ": cannot rename into place: " + error.message());
    temp.keep();
    return fsync_path(dir, true);
}

}  // namespace

Result<void> build_store(const fs::path& source_dir, const fs::path& output, CheckReport& report) {
    report = CheckReport{};
    try {
        return build_store_unguarded(source_dir, output, report);
    } catch (const std::exception& e) {
        return make_error(output.string() + ": build failed: " + e.what());
    }
}

namespace {

// One line per language, its rows' cells in order (rows come grouped by language).
template <typename Row, typename Cell>
void language_lines(std::ostringstream& out, const std::vector<Row>& rows, Cell cell_of) {
    std::string current;
    for (const auto& row : rows) {
        if (row.language != current) {
            if (!current.empty()) out << '\n';
            current = row.language;
            char cell[16];
            std::snprintf(cell, sizeof cell, "%-4s", current.c_str());
            out << cell;
        }
        out << cell_of(row);
    }
    if (!current.empty()) out << '\n';
}

}  // namespace

std::string format_coverage(const std::vector<CoverageRow>& coverage) {
    std::ostringstream out;
    out << "translation coverage (items with their own text / items of the type)\n";
    out << "lang";
    for (ItemType type : kAllItemTypes) {
        char cell[32];
        std::snprintf(cell, sizeof cell, " %13s", std::string(to_string(type)).c_str());
        out << cell;
    }
    out << '\n';
    language_lines(out, coverage, [](const CoverageRow& row) {
        char cell[32];
        std::snprintf(cell, sizeof cell, " %6d/%-6d", row.translated, row.total);
        return std::string(cell);
    });
    return out.str();
}

std::string format_reading(const std::vector<ReadingRow>& reading) {
    std::ostringstream out;
    out << "what a visitor reads in each language (with text in it / with text in any)\n";
    std::vector<std::string> columns;
    for (const auto& row : reading)
        if (std::find(columns.begin(), columns.end(), row.what) == columns.end())
            columns.push_back(row.what);
    out << "lang";
    for (const auto& column : columns) out << " | " << column;
    out << '\n';
    language_lines(out, reading, [](const ReadingRow& row) {
        char cell[64];
        std::snprintf(cell, sizeof cell, " | %*s", static_cast<int>(row.what.size()),
                      (std::to_string(row.have) + "/" + std::to_string(row.total)).c_str());
        return std::string(cell);
    });
    return out.str();
}

}  // namespace guichet::content
