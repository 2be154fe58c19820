// SPDX-License-Identifier: GPL-3.0-or-later
#include "text_search.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/unorm2.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace guichet::content::text {
namespace {

// Queries are cut here: enough for any real question, bounded work for any input.
constexpr size_t kMaxQueryBytes = 2048;
constexpr size_t kMaxQueryWords = 12;
constexpr size_t kMaxTokenBytes = 128;
// The same bytes as content::kHighlightBegin/End (types.h); text never depends on the public API.
constexpr char kMarkBegin = '\x01';
constexpr char kMarkEnd = '\x02';

struct BreakCloser {
    void operator()(UBreakIterator* it) const { ubrk_close(it); }
};
using BreakIterator = std::unique_ptr<UBreakIterator, BreakCloser>;

struct UTextCloser {
    void operator()(UText* t) const { utext_close(t); }
};

void append_utf8(std::string& out, UChar32 c) {
    char buffer[4];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(buffer, length, 4, c, error);
    if (!error) out.append(buffer, static_cast<size_t>(length));
}

const UNormalizer2* nfkd() {
    static const UNormalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const UNormalizer2* n = unorm2_getNFKDInstance(&status);
        return U_SUCCESS(status) ? n : nullptr;
    }();
    return instance;
}

// Arabic spellings a visitor may type either way (shared/notes/reach.md §2): hamza seats and
// madda come off through NFKD like accents, and tashkeel are non-spacing marks; these letters
// need their own rule. Alef wasla → alef; alef maqsura and Farsi yeh → yeh; teh marbuta → heh;
// keheh → kaf; Arabic-Indic and extended digits → ASCII digits (phone numbers, years). Tatweel
// (U+0640) only stretches a word: it is dropped.
UChar32 fold_arabic(UChar32 c) {
    switch (c) {
        case 0x0671: return 0x0627;           // ٱ → ا
        case 0x0649: return 0x064A;           // ى → ي
        case 0x06CC: return 0x064A;           // ی → ي
        case 0x0629: return 0x0647;           // ة → ه
        case 0x06A9: return 0x0643;           // ک → ك
        default: break;
    }
    if (c >= 0x0660 && c <= 0x0669) return '0' + (c - 0x0660);
    if (c >= 0x06F0 && c <= 0x06F9) return '0' + (c - 0x06F0);
    return c;
}

void append_folded(UChar32 c, std::string& out) {
    if (c == 0x0640 || u_charType(c) == U_NON_SPACING_MARK) return;
    if (c >= 0x0600 && c <= 0x06FF) {
        const UChar32 folded = fold_arabic(c);
        if (folded < 0x80)
            out.push_back(static_cast<char>(folded));
        else
            append_utf8(out, folded);
        return;
    }
    append_utf8(out, u_foldCase(c, U_FOLD_CASE_DEFAULT));
}

void fold_code_point(UChar32 c, std::string& out) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
        return;
    }
    UChar decomposed[32];
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = nfkd() ? unorm2_getDecomposition(nfkd(), c, decomposed, 32, &status) : -1;
    if (length < 0 || U_FAILURE(status)) {
        append_folded(c, out);
        return;
    }
    for (int32_t i = 0; i < length;) {
        UChar32 part;
        U16_NEXT(decomposed, i, length, part);
        append_folded(part, out);
    }
}

bool is_apostrophe(UChar32 c) {
    return c == '\'' || c == 0x2019 || c == 0x02BC;
}

// The Arabic definite article and the particles written onto it (و ب ك ف + ال, لل) come off
// a folded word that keeps at least two letters, in documents and queries alike, so اللجوء,
// واللجوء and لجوء are one word (the usual light stemming of Arabic search).
void strip_arabic_article(std::string& folded) {
    static constexpr std::string_view kPrefixes[] = {
        "\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644",
        "\u0641\u0627\u0644", "\u0627\u0644", "\u0644\u0644"};
    for (std::string_view prefix : kPrefixes) {
        // Arabic letters are two bytes each: two letters left means four bytes or more.
        if (folded.size() >= prefix.size() + 4 && folded.compare(0, prefix.size(), prefix) == 0) {
            folded.erase(0, prefix.size());
            return;
        }
    }
}

// Splits one ICU word segment at apostrophes and emits the folded pieces.
void emit_segment(std::string_view utf8, int start, int end,
                  const std::function<void(std::string_view, int, int)>& emit,
                  std::string& scratch) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
    int piece_start = start;
    scratch.clear();
    int i = start;
    while (i < end) {
        int before = i;
        UChar32 c;
        U8_NEXT(bytes, i, end, c);
        if (c < 0 || is_apostrophe(c)) {
            strip_arabic_article(scratch);
            if (!scratch.empty()) emit(scratch, piece_start, before);
            scratch.clear();
            piece_start = i;
            continue;
        }
        if (scratch.size() < kMaxTokenBytes) fold_code_point(c, scratch);
    }
    strip_arabic_article(scratch);
    if (!scratch.empty()) emit(scratch, piece_start, end);
}

BreakIterator open_word_breaker() {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator* it = ubrk_open(UBRK_WORD, "", nullptr, 0, &status);
    if (U_FAILURE(status)) return nullptr;
    return BreakIterator(it);
}

// Runs the word breaker over `utf8` (offsets are native UTF-8 byte offsets), until `*stop` is
// set by `emit` when given.
void break_words(UBreakIterator* breaker, std::string_view utf8,
                 const std::function<void(std::string_view, int, int)>& emit,
                 const bool* stop = nullptr) {
    if (!breaker || utf8.empty()) return;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UText, UTextCloser> text(
        utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status));
    if (U_FAILURE(status)) return;
    ubrk_setUText(breaker, text.get(), &status);
    if (U_FAILURE(status)) return;
    std::string scratch;
    int start = ubrk_first(breaker);
    for (int end = ubrk_next(breaker); end != UBRK_DONE; start = end, end = ubrk_next(breaker)) {
        if (ubrk_getRuleStatus(breaker) == UBRK_WORD_NONE) continue;
        emit_segment(utf8, start, end, emit, scratch);
        if (stop && *stop) break;
    }
    // Detach before the UText goes away.
    UErrorCode ignored = U_ZERO_ERROR;
    ubrk_setText(breaker, nullptr, 0, &ignored);
}

UBreakIterator* thread_breaker() {
    thread_local BreakIterator breaker = open_word_breaker();
    return breaker.get();
}

// ---- FTS5 glue -----------------------------------------------------------------------------

struct Fts5Tokenizer {
    BreakIterator breaker = open_word_breaker();
};

int tokenizer_create(void*, const char**, int, ::Fts5Tokenizer** out) {
    auto tokenizer = std::make_unique<Fts5Tokenizer>();
    if (!tokenizer->breaker) return SQLITE_ERROR;
    *out = reinterpret_cast<::Fts5Tokenizer*>(tokenizer.release());
    return SQLITE_OK;
}

void tokenizer_delete(::Fts5Tokenizer* tokenizer) {
    std::unique_ptr<Fts5Tokenizer> owned(reinterpret_cast<Fts5Tokenizer*>(tokenizer));
}

thread_local const std::function<void(std::string_view)>* token_sink = nullptr;

int tokenizer_tokenize(::Fts5Tokenizer* handle, void* context, int flags, const char* text,
                       int length, int (*token)(void*, int, const char*, int, int, int)) {
    auto* tokenizer = reinterpret_cast<Fts5Tokenizer*>(handle);
    int rc = SQLITE_OK;
    const auto* sink = (flags & FTS5_TOKENIZE_DOCUMENT) ? token_sink : nullptr;
    break_words(tokenizer->breaker.get(), std::string_view(text, static_cast<size_t>(length)),
                [&](std::string_view folded, int start, int end) {
                    if (rc != SQLITE_OK) return;
                    if (sink) (*sink)(folded);
                    rc = token(context, 0, folded.data(), static_cast<int>(folded.size()), start,
                               end);
                });
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

void rank_function(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* context,
                   int argc, sqlite3_value** argv) {
    const auto* input =
        argc > 0 ? static_cast<const RankInput*>(sqlite3_value_pointer(argv[0], kRankInputType))
                 : nullptr;
    if (!input) {
        sqlite3_result_error(context, "guichet_rank: no rank input bound", -1);
        return;
    }
    // BM25F: each column's term frequency is normalised by that column's own length before
    // the columns are weighed and summed, so a word in a short title counts as a title word
    // however long the body (one BM25 over title + body let long bodies drown their titles).
    constexpr double k1 = 1.2, b = 0.75;
    sqlite3_int64 rows = 0, title_total = 0, text_total = 0;
    int title_tokens = 0, text_tokens = 0, instances = 0;
    if (api->xRowCount(fts, &rows) != SQLITE_OK ||
        api->xColumnTotalSize(fts, 0, &title_total) != SQLITE_OK ||
        api->xColumnTotalSize(fts, 1, &text_total) != SQLITE_OK ||
        api->xColumnSize(fts, 0, &title_tokens) != SQLITE_OK ||
        api->xColumnSize(fts, 1, &text_tokens) != SQLITE_OK ||
        api->xInstCount(fts, &instances) != SQLITE_OK) {
        sqlite3_result_error(context, "guichet_rank: cannot read the row", -1);
        return;
    }
    // A word index without per-row sizes (columnsize = 0, schema 9) reports -1: the row's
    // lengths are then the caller's, item_texts' title_words and text_words. A store migrated
    // from before keeps FTS5's own, which win.
    if (title_tokens < 0 || text_tokens < 0) {
        if (argc < 3 || sqlite3_value_type(argv[1]) != SQLITE_INTEGER ||
            sqlite3_value_type(argv[2]) != SQLITE_INTEGER) {
            sqlite3_result_error(context, "guichet_rank: no word counts for the row", -1);
            return;
        }
        title_tokens = sqlite3_value_int(argv[1]);
        text_tokens = sqlite3_value_int(argv[2]);
    }
    auto norm = [&](sqlite3_int64 total, int tokens) {
        double average = rows > 0 ? static_cast<double>(total) / static_cast<double>(rows) : 1;
        if (average <= 0) average = 1;
        return 1 - b + b * tokens / average;
    };
    const double title_norm = norm(title_total, title_tokens);
    const double text_norm = norm(text_total, text_tokens);
    constexpr int kMaxPhrases = 128;
    double frequency[kMaxPhrases] = {};
    int phrases = std::min<int>(api->xPhraseCount(fts), kMaxPhrases);
    // Query words found side by side, in order (the exact phrase), within one column: a word's
    // end position per column, compared with the next word's start.
    constexpr int kMaxWords = static_cast<int>(kMaxQueryWords);
    constexpr int kMaxSeen = 24;
    int adjacent = 0;
    const bool grouped = input->word_of_phrase.size() >= static_cast<size_t>(phrases);
    // (column, offset) of each instance, by query word, for the adjacency test; instances come
    // sorted by column and offset.
    std::pair<int, int> seen[kMaxWords][kMaxSeen];
    int seen_count[kMaxWords] = {};
    for (int i = 0; i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        if (api->xInst(fts, i, &phrase, &column, &offset) != SQLITE_OK) break;
        if (phrase >= phrases) continue;
        frequency[phrase] += column == 0 ? input->title_weight / title_norm
                                         : input->body_weight / text_norm;
        if (grouped) {
            int word = input->word_of_phrase[static_cast<size_t>(phrase)];
            if (word >= 0 && word < kMaxWords && seen_count[word] < kMaxSeen)
                seen[word][seen_count[word]++] = {column, offset};
        }
    }
    int words = 0;
    if (grouped)
        for (int p = 0; p < phrases; ++p)
            words = std::max(words, input->word_of_phrase[static_cast<size_t>(p)] + 1);
    words = std::min(words, kMaxWords);
    for (int w = 0; w + 1 < words; ++w) {
        bool found = false;
        for (int a = 0; a < seen_count[w] && !found; ++a)
            for (int b2 = 0; b2 < seen_count[w + 1] && !found; ++b2)
                found = seen[w + 1][b2].first == seen[w][a].first &&
                        seen[w + 1][b2].second == seen[w][a].second + 1;
        adjacent += found;
    }
    double score = 0;
    for (int p = 0; p < phrases; ++p) {
        double idf =
            static_cast<size_t>(p) < input->idf.size() ? input->idf[static_cast<size_t>(p)] : 1e-6;
        score += idf * (frequency[p] * (k1 + 1)) / (frequency[p] + k1);
    }
    if (words > 1) score *= 1.0 + input->phrase_bonus * adjacent / (words - 1);
    sqlite3_result_double(context, score);
}

}  // namespace

void set_token_sink(const std::function<void(std::string_view)>* sink) { token_sink = sink; }

void for_each_word(std::string_view utf8,
                   const std::function<void(std::string_view, int, int)>& emit) {
    break_words(thread_breaker(), utf8, emit);
}

std::string fold(std::string_view utf8) {
    std::string out;
    const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
    int length = static_cast<int>(utf8.size());
    for (int i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c >= 0) fold_code_point(c, out);
    }
    return out;
}

std::string lowercase(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    std::u16string wide(utf8.size() + 1, u'\0');
    int32_t length = 0;
    u_strFromUTF8(wide.data(), static_cast<int32_t>(wide.size()), &length, utf8.data(),
                  static_cast<int32_t>(utf8.size()), &status);
    if (U_FAILURE(status)) return std::string(utf8);
    std::u16string lower(static_cast<size_t>(length) * 2 + 4, u'\0');
    int32_t lower_length = u_strToLower(lower.data(), static_cast<int32_t>(lower.size()),
                                        wide.data(), length, "", &status);
    if (U_FAILURE(status)) return std::string(utf8);
    std::string out(static_cast<size_t>(lower_length) * 3 + 4, '\0');
    int32_t out_length = 0;
    u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &out_length, lower.data(),
                lower_length, &status);
    if (U_FAILURE(status)) return std::string(utf8);
    out.resize(static_cast<size_t>(out_length));
    return out;
}

std::vector<std::string> words(std::string_view utf8) {
    std::vector<std::string> out;
    for_each_word(utf8, [&](std::string_view w, int, int) { out.emplace_back(w); });
    return out;
}

std::string repair_utf8(std::string_view input) {
    std::string out;
    out.reserve(input.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(input.data());
    int length = static_cast<int>(input.size());
    for (int i = 0; i < length;) {
        int start = i;
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0)
            out += "\xEF\xBF\xBD";
        else
            out.append(input.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
    return out;
}

SanitisedQuery sanitise_query(std::string_view raw) {
    std::string bounded = repair_utf8(raw.substr(0, kMaxQueryBytes));
    SanitisedQuery query;
    for_each_word(bounded, [&](std::string_view folded, int, int) {
        if (query.words.size() < kMaxQueryWords) query.words.emplace_back(folded);
    });
    for (size_t i = 0; i < query.words.size(); ++i) {
        std::string phrase = quote_phrase(query.words[i]);
        // A last word of one character stays whole: a one-letter prefix matches nearly
        // everything and costs the most.
        if (i + 1 == query.words.size() && code_points(query.words[i]) > 1) {
            phrase += '*';
            query.last_is_prefix = true;
        }
        if (i > 0) {
            query.match += ' ';
            query.match_any += " OR ";
        }
        query.match += phrase;
        query.match_any += phrase;
    }
    return query;
}

std::string quote_phrase(std::string_view word) {
    std::string phrase = "\"";
    for (char c : word) {
        if (c == '"') phrase += '"';
        phrase += c;
    }
    return phrase + '"';
}

size_t code_points(std::string_view utf8) {
    size_t n = 0;
    for (unsigned char c : utf8)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string snippet(std::string_view text, const std::vector<std::string>& words,
                    bool last_is_prefix, int max_words) {
    struct Token {
        int start, end;
        int word;  // the query word it matches (index into `distinct`), -1 for none
        bool match() const { return word >= 0; }
    };
    if (max_words <= 0) return {};
    std::vector<std::string> distinct;
    for (const std::string& word : words)
        if (std::find(distinct.begin(), distinct.end(), word) == distinct.end())
            distinct.push_back(word);
    const std::string* prefix = last_is_prefix && !words.empty() ? &words.back() : nullptr;
    // The window of max_words tokens holding the most different query words, then the most
    // matches (the first such window). Scanning stops once a window holds every query word and
    // the words after it are read: the rest of a long body cannot do better (a search shows 20
    // snippets; reading whole bodies was a quarter of its time).
    const size_t window = static_cast<size_t>(max_words);
    std::vector<Token> tokens;
    std::vector<int> in_window(distinct.size(), 0);
    size_t present = 0, best_present = 0, best_start = 0;
    int count = 0, best_count = -1;
    bool complete = false, stop = false;
    size_t needed = 0;  // tokens to read once complete: the extract's and one more
    // Where the extract begins: a little before the first match in the window, so the reader
    // sees some context.
    auto extract_begin = [&](size_t start, size_t end) {
        size_t first = start;
        while (first < end && !tokens[first].match()) ++first;
        return words.empty() ? 0 : first - std::min<size_t>(3, first - start);
    };
    auto consider = [&](size_t start) {
        if (present > best_present || (present == best_present && count > best_count)) {
            best_present = present, best_count = count, best_start = start;
            complete = present == distinct.size();
            if (complete) needed = extract_begin(start, start + window) + window + 1;
        }
    };
    break_words(
        thread_breaker(), text,
        [&](std::string_view folded, int start, int end) {
            int which = -1;
            for (size_t i = 0; i < distinct.size() && which < 0; ++i)
                if (folded == distinct[i] ||
                    (prefix && distinct[i] == *prefix && folded.substr(0, prefix->size()) == *prefix))
                    which = static_cast<int>(i);
            tokens.push_back({start, end, which});
            const size_t i = tokens.size() - 1;
            if (which >= 0 && in_window[static_cast<size_t>(which)]++ == 0) ++present;
            count += which >= 0;
            if (i >= window) {
                const int old = tokens[i - window].word;
                count -= old >= 0;
                if (old >= 0 && --in_window[static_cast<size_t>(old)] == 0) --present;
            }
            if (i + 1 >= window && !complete) consider(i + 1 - window);
            stop = complete && tokens.size() >= needed;
        },
        &stop);
    if (tokens.empty()) return {};
    const bool cut_short = stop;
    if (tokens.size() < window) {  // one window: the whole text
        best_start = 0, best_present = present;
    }
    const size_t shown = std::min(tokens.size(), window);
    if (best_present == 0 && !words.empty()) return {};
    const size_t begin = extract_begin(best_start, best_start + shown);
    const size_t end_token = std::min(tokens.size(), begin + shown);
    // Marker bytes in the text itself would unbalance the highlights; line breaks read badly
    // in a one-line extract.
    std::string out;
    auto append_text = [&](std::string_view piece) {
        for (char c : piece) {
            if (c == kMarkBegin || c == kMarkEnd) continue;
            out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
        }
    };
    size_t from = begin == 0 ? 0 : static_cast<size_t>(tokens[begin].start);
    if (begin > 0) out += "…";
    for (size_t i = begin; i < end_token; ++i) {
        const Token& t = tokens[i];
        append_text(text.substr(from, static_cast<size_t>(t.start) - from));
        if (t.match()) out += kMarkBegin;
        append_text(
            text.substr(static_cast<size_t>(t.start), static_cast<size_t>(t.end - t.start)));
        if (t.match()) out += kMarkEnd;
        from = static_cast<size_t>(t.end);
    }
    if (end_token == tokens.size() && !cut_short)
        append_text(text.substr(from));
    else
        out += "…";
    return out;
}

Result<void> register_search_functions(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &raw, nullptr) != SQLITE_OK)
        return make_error(std::string("SQLite has no FTS5: ") + sqlite3_errmsg(db));
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
    sqlite3_bind_pointer(raw, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(raw);
    if (!api) return make_error("SQLite has no FTS5 API");
    static fts5_tokenizer tokenizer = {tokenizer_create, tokenizer_delete, tokenizer_tokenize};
    if (api->xCreateTokenizer(api, kTokenizerName, nullptr, &tokenizer, nullptr) != SQLITE_OK)
        return make_error("could not register the search tokenizer");
    if (api->xCreateFunction(api, "guichet_rank", nullptr, rank_function, nullptr) != SQLITE_OK)
        return make_error("could not register the search rank function");
    return {};
}

}  // namespace guichet::content::text
