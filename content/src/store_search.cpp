// SPDX-License-Identifier: GPL-3.0-or-later
// Search: plan the query (prefix completions, spelling corrections, synonyms), rank each
// language's rows with BM25 and the store's boosts, and help when nothing matches.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "content/store.h"
#include "markdown.h"
#include "schema.h"
#include "spelling.h"
#include "sqlite_util.h"
#include "store_impl.h"
#include "text_search.h"

namespace guichet::content {
namespace fs = std::filesystem;
using namespace store_detail;

namespace {

// Rows ranked per language and query: enough to rank any selective query exactly; a query of
// very common words ranks the first matches of each language in id order (bounded latency on a
// small board). In the visitor's own language the last share goes to the last matches: a text
// published after the others takes the ids after theirs (sync keeps every published text's
// id), and a new notice is often what is sought. (Every language's last matches as well made
// content_bench's p99 30-75 % slower: bench/content/RESULTS.md.)
constexpr int kCandidatesPerLanguage = 100;
constexpr int kLastCandidates = 30;
// A typed prefix becomes an OR of the most frequent indexed terms it starts: FTS5's own prefix
// query would merge every such term's whole doclist (or need prefix indexes, tripling the
// index). Rarer completions appear as the visitor types more letters.
constexpr int kPrefixExpansion = 24;
constexpr int kSnippetWords = 18;
// Spelling-index rows read for one sound-alike prefix while typing.
constexpr int kSoundPrefixRows = 200;
// Corrections kept per word (the best one is searched; the others are suggestions).
constexpr size_t kSuggestionsPerWord = 3;
// Candidates whose stored boost (stale, essential) is looked up: boosts are small factors, so
// only rows near the top can change places.
constexpr size_t kBoostedCandidates = 60;

struct Candidate {
    std::int64_t rowid = 0;
    double score = 0;  // higher is better
};

// One word of the spelling index close to a query word.
struct Correction {
    std::string term;
    int sound_distance = 0;  // between the sound-alike keys
    int distance = 0;        // between the spellings
    size_t language_rank = 0;
    std::int64_t docs = 0;
};

}  // namespace

// A query word's place in the plan: the phrases it may match (itself, completions,
// corrections, synonyms) and, when corrected, the word searched instead.
struct WordPlan {
    std::vector<std::pair<std::string, double>> phrases;  // FTS5 phrase, IDF
    std::string corrected;                                // folded; empty when not corrected
    std::vector<std::string> suggestions;
};

namespace {

class Planner {
  public:
    Planner(const ContentStore::Impl& impl, const std::vector<std::string>& chain)
        : impl_(impl), chain_(chain) {
        rows_ = static_cast<double>(std::max<std::int64_t>(impl.text_rows, 1));
    }

    double idf(double docs) const {
        docs = std::min(docs, rows_);
        return std::max(1e-6, std::log((rows_ - docs + 0.5) / (docs + 0.5)));
    }

    Result<std::int64_t> docs(const std::string& term) {
        auto exact = impl_.prepare("SELECT docs FROM term_stats WHERE term = ?1");
        if (!exact) return exact.error();
        exact->bind(1, term);
        return exact->step() ? exact->integer(0) : 0;
    }

    // The most frequent indexed words starting with `prefix`.
    Result<std::vector<std::pair<std::string, std::int64_t>>> completions(
        const std::string& prefix) {
        auto stmt = impl_.prepare(
            "SELECT term, docs FROM term_stats WHERE term >= ?1 AND term < ?2"
            " ORDER BY docs DESC, term LIMIT ?3");
        if (!stmt) return stmt.error();
        stmt->bind(1, prefix).bind(2, prefix + "\xFF").bind(3, kPrefixExpansion);
        std::vector<std::pair<std::string, std::int64_t>> out;
        while (stmt->step()) out.emplace_back(stmt->text(0), stmt->integer(1));
        return out;
    }

    size_t language_rank(const std::string& lang) const {
        auto it = std::find(chain_.begin(), chain_.end(), lang);
        return static_cast<size_t>(it - chain_.begin());
    }

    // Words of the store within the edit budget of `word` (by sound-alike key), best first.
    // A store without a spelling index (built by an older Guichet) has none.
    std::vector<Correction> corrections(const std::string& word) {
        std::vector<Correction> out;
        const int budget = spelling::edit_budget(spelling::letters(word));
        if (budget == 0) return out;
        auto lookup = impl_.prepare("SELECT lang, term FROM spell_keys WHERE key = ?1");
        auto docs = impl_.prepare("SELECT docs FROM spell_terms WHERE lang = ?1 AND term = ?2");
        if (!lookup || !docs) return out;
        const std::string key = spelling::phonetic_key(word);
        std::set<std::pair<std::string, std::string>> seen;
        // The word's own deletions too: a slip that changes how the key is written ("raics"
        // for "raíces": c before s reads k) still meets the stored key's deletions.
        std::vector<std::string> probes = spelling::deletions(key, budget);
        if (key != word) {
            auto own = spelling::deletions(word, budget);
            probes.insert(probes.end(), own.begin(), own.end());
            std::sort(probes.begin(), probes.end());
            probes.erase(std::unique(probes.begin(), probes.end()), probes.end());
        }
        for (const std::string& deleted : probes) {
            lookup->reset();
            lookup->bind(1, deleted);
            while (lookup->step()) {
                std::pair<std::string, std::string> found{lookup->text(0), lookup->text(1)};
                if (found.second == word || !seen.insert(found).second) continue;
                Correction c;
                c.term = found.second;
                c.sound_distance =
                    spelling::distance(key, spelling::phonetic_key(c.term), budget);
                c.distance = spelling::distance(word, c.term, budget + 2);
                if (std::min(c.sound_distance, c.distance) > budget) continue;
                c.language_rank = language_rank(found.first);
                docs->reset();
                docs->bind(1, found.first).bind(2, c.term);
                c.docs = docs->step() ? docs->integer(0) : 0;
                out.push_back(std::move(c));
            }
        }
        // The visitor's languages first (the words they read), then the nearest: a spelling
        // that sounds the same before one a letter away, then the more common word.
        std::sort(out.begin(), out.end(), [](const Correction& a, const Correction& b) {
            const int near_a = std::min(a.sound_distance, a.distance);
            const int near_b = std::min(b.sound_distance, b.distance);
            return std::tie(a.language_rank, near_a, a.sound_distance, a.distance, b.docs,
                            a.term) < std::tie(b.language_rank, near_b, b.sound_distance,
                                               b.distance, a.docs, b.term);
        });
        // One entry per word (it may come from several languages).
        std::set<std::string> terms;
        out.erase(std::remove_if(out.begin(), out.end(),
                                 [&](const Correction& c) { return !terms.insert(c.term).second; }),
                  out.end());
        return out;
    }

    // Words of the store whose sound-alike key starts as `prefix`'s does, the visitor's
    // languages first, then the most frequent: "refuj" finds "refugio" while the visitor is
    // still typing.
    std::vector<std::pair<std::string, std::int64_t>> sound_completions(const std::string& prefix) {
        std::vector<std::pair<std::string, std::int64_t>> out;
        auto stmt = impl_.prepare(
            "SELECT DISTINCT lang, term FROM spell_keys WHERE key >= ?1 AND key < ?2 LIMIT ?3");
        if (!stmt) return out;
        const std::string key = spelling::phonetic_key(prefix);
        if (key.empty()) return out;
        stmt->bind(1, key).bind(2, key + "\xFF").bind(3, kSoundPrefixRows);
        std::map<std::string, std::pair<size_t, std::string>> terms;  // term → best language
        while (stmt->step()) {
            std::string term = stmt->text(1);
            if (spelling::phonetic_key(term).compare(0, key.size(), key) != 0) continue;
            std::pair<size_t, std::string> language{language_rank(stmt->text(0)), stmt->text(0)};
            auto [it, fresh] = terms.emplace(std::move(term), language);
            if (!fresh && language.first < it->second.first) it->second = language;
        }
        // How common each word is in its best language: a Spanish text quoting "migration"
        // twice does not make it the Spanish word.
        auto in_language =
            impl_.prepare("SELECT docs FROM spell_terms WHERE lang = ?1 AND term = ?2");
        if (!in_language) return out;
        std::vector<std::tuple<size_t, std::int64_t, std::string>> ranked;
        for (const auto& [term, language] : terms) {
            in_language->reset();
            in_language->bind(1, language.second).bind(2, term);
            const std::int64_t n = in_language->step() ? in_language->integer(0) : 0;
            if (n > 0) ranked.emplace_back(language.first, -n, term);
        }
        std::sort(ranked.begin(), ranked.end());
        for (const auto& [rank, negative_docs, term] : ranked) {
            if (out.size() >= static_cast<size_t>(kPrefixExpansion)) break;
            out.emplace_back(term, -negative_docs);
        }
        return out;
    }

    // Staff's synonyms of `word` in the visitor's language, then its fallbacks.
    std::vector<std::string> synonyms(const std::string& word) {
        std::vector<std::string> out;
        auto stmt =
            impl_.prepare("SELECT alternative FROM synonyms WHERE lang = ?1 AND word = ?2");
        if (!stmt) return out;
        for (const std::string& lang : chain_) {
            stmt->reset();
            stmt->bind(1, lang).bind(2, word);
            while (stmt->step()) out.push_back(stmt->text(0));
            if (!out.empty()) break;
        }
        return out;
    }

    Result<WordPlan> plan(const std::string& word, bool prefix, bool correct) {
        WordPlan plan;
        std::string searched = word;
        if (prefix) {
            auto found = completions(word);
            if (!found) return found.error();
            for (const auto& [term, n] : *found)
                plan.phrases.emplace_back(text::quote_phrase(term), idf(static_cast<double>(n)));
            if (plan.phrases.empty() && correct) {
                // Words that start as this one sounds ("refuj" → refugio); one that sounds
                // exactly like it is the word the visitor meant ("regularisacion").
                const std::string key = spelling::phonetic_key(word);
                for (const auto& [term, n] : sound_completions(word)) {
                    plan.phrases.emplace_back(text::quote_phrase(term),
                                              idf(static_cast<double>(n)));
                    if (plan.corrected.empty() && spelling::letters(word) >= 4 &&
                        spelling::phonetic_key(term) == key)
                        plan.corrected = term;
                }
                if (!plan.corrected.empty()) {
                    // Searched as if typed so: the corrected word is the prefix now.
                    searched = plan.corrected;
                    auto again = completions(searched);
                    if (!again) return again.error();
                    plan.phrases.clear();
                    for (const auto& [term, n] : *again)
                        plan.phrases.emplace_back(text::quote_phrase(term),
                                                  idf(static_cast<double>(n)));
                }
                if (plan.phrases.empty()) {  // then a slip of the finger in a whole word
                    auto near = corrections(word);
                    if (!near.empty()) {
                        searched = plan.corrected = near.front().term;
                        for (size_t i = 0; i < near.size() && i < kSuggestionsPerWord; ++i)
                            plan.suggestions.push_back(near[i].term);
                        auto n = docs(searched);
                        plan.phrases.emplace_back(text::quote_phrase(searched),
                                                  idf(n ? static_cast<double>(*n) : 0));
                    }
                }
            }
        } else {
            auto n = docs(word);
            if (!n) return n.error();
            if (*n == 0 && correct) {
                auto near = corrections(word);
                if (!near.empty()) {
                    searched = plan.corrected = near.front().term;
                    for (size_t i = 0; i < near.size() && i < kSuggestionsPerWord; ++i)
                        plan.suggestions.push_back(near[i].term);
                    auto m = docs(searched);
                    n = m ? *m : 0;
                }
            }
            plan.phrases.emplace_back(text::quote_phrase(searched),
                                      idf(static_cast<double>(*n)));
        }
        for (const std::string& alternative : synonyms(searched)) {
            // A phrase's rarity is its first word's: enough to rank, no extra lookups.
            const std::string first = alternative.substr(0, alternative.find(' '));
            auto n = docs(first);
            plan.phrases.emplace_back(text::quote_phrase(alternative),
                                      idf(n ? static_cast<double>(*n) : 0));
        }
        if (plan.phrases.empty())  // nothing starts so: the phrase matches nothing
            plan.phrases.emplace_back(text::quote_phrase(word), idf(0));
        return plan;
    }

  private:
    const ContentStore::Impl& impl_;
    const std::vector<std::string>& chain_;
    double rows_ = 1;
};

// The typed query with each corrected word replaced by how the store writes it.
std::string rewrite_query(std::string_view typed, const std::vector<std::string>& replacements) {
    std::string out;
    size_t from = 0, index = 0;
    text::for_each_word(typed, [&](std::string_view, int start, int end) {
        if (index < replacements.size() && !replacements[index].empty()) {
            out.append(typed.substr(from, static_cast<size_t>(start) - from));
            out += replacements[index];
            from = static_cast<size_t>(end);
        }
        ++index;
    });
    out.append(typed.substr(from));
    return out;
}

// How `term` (folded) is written in `text`, in lower case ("regularización"), or itself.
std::string surface_form(const std::string& term, const std::vector<std::string>& texts) {
    for (const std::string& text : texts) {
        std::string found;
        text::for_each_word(text, [&](std::string_view folded, int start, int end) {
            if (found.empty() && folded == term)
                found = text.substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
        });
        if (!found.empty()) return text::lowercase(found);
    }
    return term;
}

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
}

}  // namespace

Result<std::vector<SearchHit>> ContentStore::search(std::string_view query, std::string_view lang,
                                                    int limit) const {
    auto result = search(query, lang, SearchOptions{.limit = limit, .correct_spelling = false});
    if (!result) return result.error();
    return std::move(result->hits);
}

Result<SearchResult> ContentStore::search(std::string_view query, std::string_view lang,
                                          const SearchOptions& options) const {
    SearchResult result;
    auto& hits = result.hits;
    const int limit = std::clamp(options.limit, 0, 200);
    text::SanitisedQuery sanitised = text::sanitise_query(query);
    if (sanitised.words.empty() || limit == 0) return result;

    const auto& chain = impl_->chain(lang);
    Planner planner(*impl_, chain);
    std::vector<WordPlan> plans;
    text::RankInput rank;
    std::vector<std::string> groups;
    bool corrected = false;
    for (size_t i = 0; i < sanitised.words.size(); ++i) {
        const bool prefix = i + 1 == sanitised.words.size() && sanitised.last_is_prefix;
        auto plan = planner.plan(sanitised.words[i], prefix, options.correct_spelling);
        if (!plan) return plan.error();
        std::string group;
        for (const auto& [phrase, idf] : plan->phrases) {
            group += (group.empty() ? "" : " OR ") + phrase;
            rank.idf.push_back(idf);
            rank.word_of_phrase.push_back(static_cast<int>(i));
        }
        groups.push_back(plan->phrases.size() > 1 ? "(" + group + ")" : group);
        corrected = corrected || !plan->corrected.empty();
        plans.push_back(std::move(*plan));
    }
    std::string match_all, match_any;
    for (size_t i = 0; i < groups.size(); ++i) {
        match_all += (i ? " AND " : "") + groups[i];
        match_any += (i ? " OR " : "") + groups[i];
    }

    // The visitor's language weighs most, then its fallbacks, then every other language.
    std::vector<std::pair<std::int64_t, double>> ranges;  // language position, weight
    static constexpr double kWeights[] = {2.0, 1.3, 1.2, 1.1};
    std::set<std::string> placed;
    auto position_of = [&](const std::string& code) {
        auto it = std::find(impl_->language_order.begin(), impl_->language_order.end(), code);
        return static_cast<std::int64_t>(it - impl_->language_order.begin());
    };
    for (size_t i = 0; i < chain.size(); ++i)
        if (placed.insert(chain[i]).second)
            ranges.emplace_back(position_of(chain[i]), i < 4 ? kWeights[i] : 1.0);
    for (const auto& code : impl_->language_order)
        if (placed.insert(code).second) ranges.emplace_back(position_of(code), 1.0);

    constexpr const char* kRanked =
        "SELECT search.rowid, guichet_rank(search, ?5, t.title_words, t.text_words)"
        " FROM search CROSS JOIN item_texts t ON t.id = (search.rowid & 4294967295)"
        " WHERE search MATCH ?1 AND search.rowid BETWEEN ?2 AND ?3";
    auto ranked = impl_->prepare(std::string(kRanked) + " LIMIT ?4");
    auto ranked_last =
        impl_->prepare(std::string(kRanked) + " ORDER BY search.rowid DESC LIMIT ?4");
    auto row = impl_->prepare(
        "SELECT t.item_id, t.lang, t.title, t.summary, t.body, t.extra, i.type,"
        " (SELECT b.title FROM item_texts b WHERE b.item_id = t.item_id AND b.lang = ?2),"
        " t.source"
        " FROM item_texts t JOIN items i ON i.id = t.item_id"
        " WHERE t.id = (?1 & 4294967295)");
    if (!ranked) return ranked.error();
    if (!ranked_last) return ranked_last.error();
    if (!row) return row.error();
    auto boost = impl_->prepare("SELECT boost FROM search_boost WHERE id = ?1");

    // The words a snippet highlights: what was searched (corrections included).
    std::vector<std::string> highlight;
    for (size_t i = 0; i < plans.size(); ++i)
        highlight.push_back(plans[i].corrected.empty() ? sanitised.words[i] : plans[i].corrected);

    for (const std::string* match : {&match_all, &match_any}) {
        if (match == &match_any && (!hits.empty() || sanitised.words.size() < 2)) break;
        std::vector<Candidate> candidates;
        for (const auto& [position, weight] : ranges) {
            // The last matches only when the first fill their share, and only after them.
            std::int64_t low = position << schema::kLanguageShift;
            const std::int64_t high = ((position + 1) << schema::kLanguageShift) - 1;
            const bool own_language = position == ranges[0].first;
            const int first =
                own_language ? kCandidatesPerLanguage - kLastCandidates : kCandidatesPerLanguage;
            int count = 0;
            for (auto* statement : {&*ranked, &*ranked_last}) {
                const bool last = statement == &*ranked_last;
                if (last && (!own_language || count < first)) break;
                statement->reset();
                statement->bind(1, *match).bind(2, low).bind(3, high).bind(
                    4, last ? kLastCandidates : first);
                sqlite3_bind_pointer(statement->raw(), 5, &rank, text::kRankInputType, nullptr);
                while (statement->step()) {
                    candidates.push_back({statement->integer(0), statement->real(1) * weight});
                    low = std::max(low, statement->integer(0) + 1);
                    ++count;
                }
                if (statement->failed()) return impl_->fail(*statement);
            }
        }
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
        if (boost) {
            const size_t n = std::min(candidates.size(), kBoostedCandidates);
            for (size_t i = 0; i < n; ++i) {
                boost->reset();
                boost->bind(1, candidates[i].rowid);
                if (boost->step()) candidates[i].score *= boost->real(0);
            }
            std::stable_sort(candidates.begin(), candidates.begin() + static_cast<long>(n),
                             [](const Candidate& a, const Candidate& b) {
                                 return a.score > b.score;
                             });
        }
        std::set<std::string> seen;
        for (const auto& candidate : candidates) {
            if (static_cast<int>(hits.size()) >= limit) break;
            row->reset();
            row->bind(1, candidate.rowid).bind(2, impl_->base_language);
            if (!row->step()) continue;
            std::string id = row->text(0);
            if (!seen.insert(id).second) continue;
            SearchHit hit;
            hit.id = id;
            hit.language = row->text(1);
            hit.title = row->text(2).empty() ? row->text(7) : row->text(2);
            if (auto type = item_type_from_string(row->text(6))) hit.type = *type;
            hit.score = candidate.score;
            std::string body = row->text(4);
            if (hit.type == ItemType::article || hit.type == ItemType::news ||
                hit.type == ItemType::programme)
                body = markdown::scan(body).plain;
            std::string text =
                row->text(3) + "\n" + body + "\n" + row->text(5) + "\n" + row->text(8);
            hit.snippet =
                text::snippet(text, highlight, sanitised.last_is_prefix, kSnippetWords);
            if (hit.snippet.empty())
                hit.snippet = text::snippet(hit.title, highlight, sanitised.last_is_prefix,
                                            kSnippetWords * 4);
            if (hit.snippet.empty())  // matched in fields not shown here (city, address…)
                hit.snippet = text::snippet(text, {}, false, kSnippetWords);
            hits.push_back(std::move(hit));
        }
    }

    if (corrected && !hits.empty()) {
        std::vector<std::string> texts;
        for (size_t i = 0; i < hits.size() && i < 5; ++i) {
            texts.push_back(hits[i].title);
            texts.push_back(hits[i].snippet);
        }
        std::vector<std::string> replacements;
        for (const auto& plan : plans)
            replacements.push_back(plan.corrected.empty() ? std::string()
                                                          : surface_form(plan.corrected, texts));
        const std::string typed = trim(text::repair_utf8(query.substr(0, 2048)));
        result.typed_query = typed;
        result.corrected_query = rewrite_query(typed, replacements);
    }
    if (hits.empty()) {
        for (const auto& plan : plans)
            for (const auto& suggestion : plan.suggestions)
                if (std::find(result.suggestions.begin(), result.suggestions.end(),
                              suggestion) == result.suggestions.end())
                    result.suggestions.push_back(suggestion);
        auto categories = this->categories(lang);
        if (!categories) return categories.error();
        // The areas whose title has a word close to, or starting like, a query word.
        std::vector<std::pair<int, Category>> near;
        for (auto& category : *categories) {
            int best = 99;
            for (const std::string& title_word : text::words(category.title))
                for (const std::string& word : sanitised.words) {
                    if (spelling::letters(word) < 4 || spelling::letters(title_word) < 4)
                        continue;
                    if (title_word.compare(0, 4, word, 0, 4) == 0) best = std::min(best, 1);
                    const int budget = spelling::edit_budget(spelling::letters(word));
                    const int d = spelling::distance(spelling::phonetic_key(word),
                                                     spelling::phonetic_key(title_word), budget);
                    if (d <= budget) best = std::min(best, d);
                }
            if (best < 99) near.emplace_back(best, std::move(category));
        }
        std::stable_sort(near.begin(), near.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& entry : near) result.nearest_categories.push_back(std::move(entry.second));
    }
    return result;
}

}  // namespace guichet::content
