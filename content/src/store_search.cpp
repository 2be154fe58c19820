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

namespace {

// Rows ranked per language and query: enough to rank any selective query exactly; a query of
// very common words ranks the first matches of each language (bounded latency on a small board).
constexpr int kCandidatesPerLanguage = 100;
// A typed prefix becomes an OR of the most frequent indexed terms it starts: FTS5's own prefix
// query would merge every such term's whole doclist (or need prefix indexes, tripling the
// index). Rarer completions appear as the visitor types more letters.
constexpr int kPrefixExpansion = 24;
constexpr int kSnippetWords = 18;

struct Candidate {
    std::int64_t rowid = 0;
    double score = 0;  // higher is better
};

// The MATCH expressions for a sanitised query, with each phrase's IDF in MATCH order.
struct SearchPlan {
    std::string match_all, match_any;
    text::RankInput rank;
    bool empty = true;
};

}  // namespace

Result<std::vector<SearchHit>> ContentStore::search(std::string_view query, std::string_view lang,
                                                    int limit) const {
    std::vector<SearchHit> hits;
    limit = std::clamp(limit, 0, 200);
    text::SanitisedQuery sanitised = text::sanitise_query(query);
    if (sanitised.words.empty() || limit == 0) return hits;

    auto exact = impl_->prepare("SELECT docs FROM term_stats WHERE term = ?1");
    auto prefix_terms = impl_->prepare(
        "SELECT term, docs FROM term_stats WHERE term >= ?1 AND term < ?2"
        " ORDER BY docs DESC, term LIMIT ?3");
    if (!exact) return exact.error();
    if (!prefix_terms) return prefix_terms.error();
    const double rows = static_cast<double>(std::max<std::int64_t>(impl_->text_rows, 1));
    auto idf = [&](double docs) {
        docs = std::min(docs, rows);
        return std::max(1e-6, std::log((rows - docs + 0.5) / (docs + 0.5)));
    };

    SearchPlan plan;
    std::vector<std::string> all_phrases, any_phrases;
    for (size_t i = 0; i < sanitised.words.size(); ++i) {
        const std::string& word = sanitised.words[i];
        bool last_prefix = i + 1 == sanitised.words.size() && sanitised.last_is_prefix;
        if (!last_prefix) {
            exact->reset();
            exact->bind(1, word);
            plan.rank.idf.push_back(
                idf(exact->step() ? static_cast<double>(exact->integer(0)) : 0));
            all_phrases.push_back(text::quote_phrase(word));
            continue;
        }
        prefix_terms->reset();
        prefix_terms->bind(1, word).bind(2, word + "\xFF").bind(3, kPrefixExpansion);
        std::string alternatives;
        while (prefix_terms->step()) {
            if (!alternatives.empty()) alternatives += " OR ";
            alternatives += text::quote_phrase(prefix_terms->text(0));
            plan.rank.idf.push_back(idf(static_cast<double>(prefix_terms->integer(1))));
        }
        if (alternatives.empty()) {  // no indexed word starts so: the phrase matches nothing
            plan.rank.idf.push_back(idf(0));
            alternatives = text::quote_phrase(word);
        }
        all_phrases.push_back("(" + alternatives + ")");
    }
    for (size_t i = 0; i < all_phrases.size(); ++i) {
        plan.match_all += (i ? " AND " : "") + all_phrases[i];
        plan.match_any += (i ? " OR " : "") + all_phrases[i];
    }
    (void)any_phrases;

    // The visitor's language weighs most, then its fallbacks, then every other language.
    const auto& chain = impl_->chain(lang);
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

    auto ranked = impl_->prepare(
        "SELECT rowid, guichet_rank(search, ?5) FROM search"
        " WHERE search MATCH ?1 AND rowid BETWEEN ?2 AND ?3 LIMIT ?4");
    auto row = impl_->prepare(
        "SELECT t.item_id, t.lang, t.title, t.summary, t.body, t.extra, i.type,"
        " (SELECT b.title FROM item_texts b WHERE b.item_id = t.item_id AND b.lang = ?2)"
        " FROM item_texts t JOIN items i ON i.id = t.item_id WHERE t.id = ?1");
    if (!ranked) return ranked.error();
    if (!row) return row.error();

    for (const std::string* match : {&plan.match_all, &plan.match_any}) {
        if (match == &plan.match_any && (!hits.empty() || sanitised.words.size() < 2)) break;
        std::vector<Candidate> candidates;
        for (const auto& [position, weight] : ranges) {
            ranked->reset();
            ranked->bind(1, *match)
                .bind(2, position << schema::kLanguageShift)
                .bind(3, ((position + 1) << schema::kLanguageShift) - 1)
                .bind(4, kCandidatesPerLanguage);
            sqlite3_bind_pointer(ranked->raw(), 5, &plan.rank, text::kRankInputType, nullptr);
            while (ranked->step())
                candidates.push_back({ranked->integer(0), ranked->real(1) * weight});
            if (ranked->failed()) return impl_->fail(*ranked);
        }
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
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
            std::string text = row->text(3) + "\n" + body + "\n" + row->text(5);
            hit.snippet =
                text::snippet(text, sanitised.words, sanitised.last_is_prefix, kSnippetWords);
            if (hit.snippet.empty())
                hit.snippet = text::snippet(hit.title, sanitised.words, sanitised.last_is_prefix,
                                            kSnippetWords * 4);
            if (hit.snippet.empty())  // matched in fields not shown here (city, address…)
                hit.snippet = text::snippet(text, {}, false, kSnippetWords);
            hits.push_back(std::move(hit));
        }
    }
    return hits;
}

}  // namespace guichet::content
