// SPDX-License-Identifier: GPL-3.0-or-later
#include "search_index.h"

#include <string>

#include "markdown.h"
#include "sqlite_util.h"

namespace guichet::content::search_index {
namespace {

// Everything a visitor may search for in one language of an item, as one text: the order and
// the fields are part of what search ranks on, so they are defined here only.
constexpr const char* kIndexRows = R"sql(
SELECT t.id,
       CASE WHEN t.title <> '' THEN t.title
            ELSE coalesce((SELECT b.title FROM item_texts b
                           WHERE b.item_id = t.item_id
                             AND b.lang = (SELECT value FROM meta WHERE key = 'base_language')),
                          i.official_name, '') END,
       t.summary, t.body, t.extra,
       coalesce(i.official_name, ''), coalesce(i.address, ''), it.city,
       coalesce(p.sector, ''), coalesce(p.season, ''), coalesce(c.theme, ''),
       coalesce(l.official_reference, ''), coalesce(s.source, ''),
       coalesce((SELECT group_concat(value, ' ') FROM
                    (SELECT value FROM item_values v
                     WHERE v.item_id = t.item_id AND v.field = 'tag' ORDER BY v.position)), '')
FROM item_texts t
JOIN items it ON it.id = t.item_id
LEFT JOIN institutions i ON i.id = t.item_id
LEFT JOIN programmes p ON p.id = t.item_id
LEFT JOIN cooperation c ON c.id = t.item_id
LEFT JOIN legislation l ON l.id = t.item_id
LEFT JOIN statistics_series s ON s.id = t.item_id
ORDER BY t.id
)sql";

}  // namespace

Result<void> build(sqlite3* db) {
    // The whole index is held in memory and written once, as one segment, at COMMIT: no
    // merges, no free pages, no VACUUM. Rows arrive in rowid order, which FTS5 needs for that.
    if (auto r = sql::exec(db, "INSERT INTO search(search, rank) VALUES('hashsize', 1073741824)");
        !r)
        return r;
    if (auto r = sql::exec(db, "BEGIN"); !r) return r;
    auto rows = sql::Statement::prepare(db, kIndexRows);
    if (!rows) return rows.error();
    auto insert =
        sql::Statement::prepare(db, "INSERT INTO search(rowid, title, text) VALUES(?1, ?2, ?3)");
    if (!insert) return insert.error();
    std::string text;
    while (rows->step()) {
        text.clear();
        auto add = [&](const std::string& part) {
            if (part.empty()) return;
            if (!text.empty()) text += '\n';
            text += part;
        };
        add(rows->text(2));
        add(markdown::scan(rows->text(3)).plain);
        for (int column = 4; column <= 13; ++column) add(rows->text(column));
        insert->reset();
        insert->bind(1, rows->integer(0)).bind(2, rows->text(1)).bind(3, text);
        if (auto r = insert->run(); !r) return r;
    }
    if (rows->failed()) return make_error("search index: " + rows->last_error());
    if (auto r = sql::exec(db, "COMMIT"); !r) return r;
    return sql::exec(db,
                     "BEGIN;"
                     "CREATE VIRTUAL TABLE temp.search_terms USING fts5vocab(main, search, row);"
                     "INSERT INTO term_stats(term, docs) SELECT term, doc FROM temp.search_terms;"
                     "DROP TABLE temp.search_terms;"
                     "COMMIT;");
}

}  // namespace guichet::content::search_index
