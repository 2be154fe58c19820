// SPDX-License-Identifier: GPL-3.0-or-later
// The three ways issue 18 names to find the store's words near a misspelled one, measured on
// the same store and the same misspellings: (a) scanning the vocabulary (what an fts5vocab
// table gives) with the edit distance on each word, (b) a trigram index of the vocabulary
// (FTS5's trigram tokenizer) whose matches are then checked, (c) the deletion index in the
// SymSpell style the store carries (spell_keys). (a) finds every word within the budget, so it
// is the reference the others' recall is measured against. Prints time per word, index size
// and recall.
// usage: spelling_bench --db STORE [--words N]
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "spelling.h"

namespace fs = std::filesystem;
namespace spelling = guichet::content::spelling;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Found {
    std::string term;
    int distance = 99;
    long long docs = 0;
};

// The best of (term, docs) rows by sound-alike distance, then docs.
void consider(Found& best, const std::string& key, const std::string& term, long long docs,
              int budget) {
    int d = spelling::distance(key, spelling::phonetic_key(term), budget);
    if (d > budget) return;
    if (d < best.distance || (d == best.distance && docs > best.docs)) best = {term, d, docs};
}

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        std::exit(1);
    }
}

double pctl(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))];
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    fs::path db_path;
    int count = 300;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--db") && i + 1 < argc)
            db_path = argv[++i];
        else if (!std::strcmp(argv[i], "--words") && i + 1 < argc)
            count = std::atoi(argv[++i]);
        else {
            std::fprintf(stderr, "usage: %s --db STORE [--words N]\n", argv[0]);
            return 2;
        }
    }
    if (db_path.empty()) {
        std::fprintf(stderr, "usage: %s --db STORE [--words N]\n", argv[0]);
        return 2;
    }
    sqlite3* db = nullptr;
    check(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), db, "open");
    // The vocabulary per language.
    std::map<std::string, std::vector<std::pair<std::string, long long>>> vocabulary;
    size_t terms = 0;
    {
        sqlite3_stmt* s = nullptr;
        check(sqlite3_prepare_v2(db, "SELECT lang, term, docs FROM spell_terms", -1, &s, nullptr),
              db, "vocabulary");
        while (sqlite3_step(s) == SQLITE_ROW) {
            vocabulary[reinterpret_cast<const char*>(sqlite3_column_text(s, 0))].emplace_back(
                reinterpret_cast<const char*>(sqlite3_column_text(s, 1)),
                sqlite3_column_int64(s, 2));
            ++terms;
        }
        sqlite3_finalize(s);
    }
    auto size_of = [&](const char* table) -> double {
        sqlite3_stmt* s = nullptr;
        std::string q = std::string("SELECT sum(pgsize) FROM dbstat WHERE name = '") + table + "'";
        if (sqlite3_prepare_v2(db, q.c_str(), -1, &s, nullptr) != SQLITE_OK) return -1;
        double bytes = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_double(s, 0) : -1;
        sqlite3_finalize(s);
        return bytes / (1024.0 * 1024.0);
    };
    long long key_rows = 0;
    {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, "SELECT count(*) FROM spell_keys", -1, &s, nullptr);
        if (sqlite3_step(s) == SQLITE_ROW) key_rows = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    std::printf("store %s: %zu words in %zu languages; spell_terms %.1f MB, spell_keys %lld rows "
                "%.1f MB (store %.1f MB)\n",
                db_path.c_str(), terms, vocabulary.size(), size_of("spell_terms"), key_rows,
                size_of("spell_keys"),
                static_cast<double>(fs::file_size(db_path)) / (1024.0 * 1024.0));

    // Misspelled words: a word of 4+ letters from a language's vocabulary (weighted towards
    // common words, as visitors type), one slip of the finger.
    std::mt19937 random(18);
    struct Word {
        std::string lang, typed, meant;
    };
    std::vector<Word> words;
    std::vector<std::string> langs;
    for (auto& [lang, list] : vocabulary) {
        langs.push_back(lang);
        std::sort(list.begin(), list.end(),
                  [](const auto& a, const auto& b) { return a.second > b.second; });
    }
    while (static_cast<int>(words.size()) < count && !langs.empty()) {
        const std::string& lang = langs[words.size() % langs.size()];
        const auto& list = vocabulary[lang];
        const auto& meant = list[random() % std::min<size_t>(list.size(), 2000)].first;
        if (meant.size() < 4 || meant.find_first_of("0123456789") != std::string::npos) continue;
        bool ascii = std::all_of(meant.begin(), meant.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        if (!ascii) continue;
        std::string typed = meant;
        size_t i = 1 + random() % (typed.size() - 2);
        switch (random() % 4) {
            case 0: typed[i] = static_cast<char>('a' + random() % 26); break;
            case 1: typed.erase(i, 1); break;
            case 2: typed.insert(i, 1, typed[i]); break;
            default: std::swap(typed[i], typed[i + 1]); break;
        }
        if (typed == meant) continue;
        words.push_back({lang, typed, meant});
    }

    // (a) Scan: every word of the language, compared.
    std::vector<Found> reference;
    std::vector<double> scan_ms;
    {
        sqlite3_stmt* s = nullptr;
        check(sqlite3_prepare_v2(db, "SELECT term, docs FROM spell_terms WHERE lang = ?1", -1, &s,
                                 nullptr),
              db, "scan");
        for (const auto& w : words) {
            auto start = Clock::now();
            const std::string key = spelling::phonetic_key(w.typed);
            const int budget = spelling::edit_budget(spelling::letters(w.typed));
            Found best;
            sqlite3_reset(s);
            sqlite3_bind_text(s, 1, w.lang.c_str(), -1, SQLITE_TRANSIENT);
            while (sqlite3_step(s) == SQLITE_ROW)
                consider(best, key, reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                         sqlite3_column_int64(s, 1), budget);
            scan_ms.push_back(ms_since(start));
            reference.push_back(best);
        }
        sqlite3_finalize(s);
    }
    auto report = [&](const char* name, const std::vector<double>& ms,
                      const std::vector<Found>& found) {
        size_t same = 0, meant = 0, any = 0;
        for (size_t i = 0; i < found.size(); ++i) {
            same += found[i].term == reference[i].term;
            meant += found[i].term == words[i].meant;
            any += !found[i].term.empty();
        }
        std::printf("  %-28s p50 %7.3f p99 %7.3f ms | same answer as the scan %5.1f %% | "
                    "the word meant %5.1f %% | an answer %5.1f %%\n",
                    name, pctl(ms, 0.5), pctl(ms, 0.99), 100.0 * same / found.size(),
                    100.0 * meant / found.size(), 100.0 * any / found.size());
    };
    std::printf("%zu misspelled words, one edit each:\n", words.size());
    report("(a) vocabulary scan", scan_ms, reference);

    // (b) Trigram index of the vocabulary, in a scratch database.
    {
        const fs::path scratch = fs::temp_directory_path() / "guichet-spelling-trigram.db";
        fs::remove(scratch);
        sqlite3* tri = nullptr;
        check(sqlite3_open(scratch.c_str(), &tri), tri, "trigram db");
        auto start = Clock::now();
        check(sqlite3_exec(tri,
                           "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"
                           "CREATE VIRTUAL TABLE tri USING fts5(term, lang UNINDEXED, docs "
                           "UNINDEXED, tokenize = 'trigram', detail = 'none');",
                           nullptr, nullptr, nullptr),
              tri, "trigram table");
        sqlite3_stmt* insert = nullptr;
        sqlite3_prepare_v2(tri, "INSERT INTO tri(term, lang, docs) VALUES(?1, ?2, ?3)", -1,
                           &insert, nullptr);
        for (const auto& [lang, list] : vocabulary)
            for (const auto& [term, docs] : list) {
                if (spelling::letters(term) < 3) continue;
                sqlite3_reset(insert);
                sqlite3_bind_text(insert, 1, term.c_str(), -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(insert, 2, lang.c_str(), -1, SQLITE_TRANSIENT);
                sqlite3_bind_int64(insert, 3, docs);
                check(sqlite3_step(insert), tri, "trigram insert");
            }
        sqlite3_finalize(insert);
        check(sqlite3_exec(tri, "COMMIT", nullptr, nullptr, nullptr), tri, "commit");
        const double build_ms = ms_since(start);
        sqlite3_close(tri);
        const double mb = static_cast<double>(fs::file_size(scratch)) / (1024.0 * 1024.0);
        check(sqlite3_open(scratch.c_str(), &tri), tri, "trigram db");
        sqlite3_stmt* s = nullptr;
        // The words sharing most trigrams with the typed one, then checked.
        check(sqlite3_prepare_v2(tri,
                                 "SELECT term, docs FROM tri WHERE tri MATCH ?1 AND lang = ?2"
                                 " ORDER BY rank LIMIT 64",
                                 -1, &s, nullptr),
              tri, "trigram query");
        std::vector<double> ms;
        std::vector<Found> found;
        for (const auto& w : words) {
            auto t0 = Clock::now();
            const std::string key = spelling::phonetic_key(w.typed);
            const int budget = spelling::edit_budget(spelling::letters(w.typed));
            std::string match;
            for (size_t i = 0; i + 3 <= w.typed.size(); ++i)
                match += (match.empty() ? "\"" : " OR \"") + w.typed.substr(i, 3) + "\"";
            Found best;
            sqlite3_reset(s);
            sqlite3_bind_text(s, 1, match.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 2, w.lang.c_str(), -1, SQLITE_TRANSIENT);
            while (sqlite3_step(s) == SQLITE_ROW)
                consider(best, key, reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                         sqlite3_column_int64(s, 1), budget);
            ms.push_back(ms_since(t0));
            found.push_back(best);
        }
        sqlite3_finalize(s);
        sqlite3_close(tri);
        fs::remove(scratch);
        std::printf("  (b) trigram index: built in %.0f ms, %.1f MB\n", build_ms, mb);
        report("(b) trigram index", ms, found);
    }

    // (c) The store's deletion index.
    {
        sqlite3_stmt* lookup = nullptr;
        sqlite3_stmt* docs = nullptr;
        check(sqlite3_prepare_v2(db, "SELECT lang, term FROM spell_keys WHERE key = ?1", -1,
                                 &lookup, nullptr),
              db, "keys");
        check(sqlite3_prepare_v2(db, "SELECT docs FROM spell_terms WHERE lang = ?1 AND term = ?2",
                                 -1, &docs, nullptr),
              db, "docs");
        std::vector<double> ms;
        std::vector<Found> found;
        for (const auto& w : words) {
            auto t0 = Clock::now();
            const std::string key = spelling::phonetic_key(w.typed);
            const int budget = spelling::edit_budget(spelling::letters(w.typed));
            Found best;
            std::set<std::string> seen;
            for (const std::string& deleted : spelling::deletions(key, budget)) {
                sqlite3_reset(lookup);
                sqlite3_bind_text(lookup, 1, deleted.c_str(), -1, SQLITE_TRANSIENT);
                while (sqlite3_step(lookup) == SQLITE_ROW) {
                    if (w.lang != reinterpret_cast<const char*>(sqlite3_column_text(lookup, 0)))
                        continue;
                    std::string term = reinterpret_cast<const char*>(sqlite3_column_text(lookup, 1));
                    if (!seen.insert(term).second) continue;
                    sqlite3_reset(docs);
                    sqlite3_bind_text(docs, 1, w.lang.c_str(), -1, SQLITE_TRANSIENT);
                    sqlite3_bind_text(docs, 2, term.c_str(), -1, SQLITE_TRANSIENT);
                    long long n = sqlite3_step(docs) == SQLITE_ROW ? sqlite3_column_int64(docs, 0)
                                                                   : 0;
                    consider(best, key, term, n, budget);
                }
            }
            ms.push_back(ms_since(t0));
            found.push_back(best);
        }
        sqlite3_finalize(lookup);
        sqlite3_finalize(docs);
        report("(c) deletion index (store)", ms, found);
    }
    sqlite3_close(db);
    return 0;
}
