// SPDX-License-Identifier: GPL-3.0-or-later
#include "text_search.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
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

// Runs the word breaker over `utf8` (offsets are native UTF-8 byte offsets).
void break_words(UBreakIterator* breaker, std::string_view utf8,
                 const std::function<void(std::string_view, int, int)>& emit) {
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

int tokenizer_tokenize(::Fts5Tokenizer* handle, void* context, int, const char* text, int length,
                       int (*token)(void*, int, const char*, int, int, int)) {
    auto* tokenizer = reinterpret_cast<Fts5Tokenizer*>(handle);
    int rc = SQLITE_OK;
    break_words(tokenizer->breaker.get(), std::string_view(text, static_cast<size_t>(length)),
                [&](std::string_view folded, int start, int end) {
                    if (rc != SQLITE_OK) return;
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
    constexpr double k1 = 1.2, b = 0.75;
    sqlite3_int64 rows = 0, total_tokens = 0;
    int row_tokens = 0, instances = 0;
    if (api->xRowCount(fts, &rows) != SQLITE_OK ||
        api->xColumnTotalSize(fts, -1, &total_tokens) != SQLITE_OK ||
        api->xColumnSize(fts, -1, &row_tokens) != SQLITE_OK ||
        api->xInstCount(fts, &instances) != SQLITE_OK) {
        sqlite3_result_error(context, "guichet_rank: cannot read the row", -1);
        return;
    }
    double average = rows > 0 ? static_cast<double>(total_tokens) / static_cast<double>(rows) : 1;
    if (average <= 0) average = 1;
    double frequency[kMaxQueryWords + 4] = {};
    int phrases = std::min<int>(api->xPhraseCount(fts), kMaxQueryWords + 4);
    for (int i = 0; i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        if (api->xInst(fts, i, &phrase, &column, &offset) != SQLITE_OK) break;
        if (phrase < phrases)
            frequency[phrase] += column == 0 ? input->title_weight : input->body_weight;
    }
    double score = 0;
    double length_norm = k1 * (1 - b + b * row_tokens / average);
    for (int p = 0; p < phrases; ++p) {
        double idf =
            static_cast<size_t>(p) < input->idf.size() ? input->idf[static_cast<size_t>(p)] : 1e-6;
        score += idf * (frequency[p] * (k1 + 1)) / (frequency[p] + length_norm);
    }
    sqlite3_result_double(context, score);
}

}  // namespace

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
        bool match;
    };
    std::vector<Token> tokens;
    for_each_word(text, [&](std::string_view folded, int start, int end) {
        bool match = false;
        for (size_t i = 0; i < words.size() && !match; ++i) {
            if (folded == words[i])
                match = true;
            else if (i + 1 == words.size() && last_is_prefix &&
                     folded.substr(0, words[i].size()) == words[i])
                match = true;
        }
        tokens.push_back({start, end, match});
    });
    if (tokens.empty() || max_words <= 0) return {};
    // The window of max_words tokens holding the most matches (the first such window).
    size_t window = std::min(tokens.size(), static_cast<size_t>(max_words));
    int count = 0, best = -1;
    size_t best_start = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
        count += tokens[i].match;
        if (i >= window) count -= tokens[i - window].match;
        if (i + 1 >= window && count > best) {
            best = count;
            best_start = i + 1 - window;
        }
    }
    if (best <= 0 && !words.empty()) return {};
    // Start a little before the first match so the reader sees some context.
    size_t first = best_start;
    while (first < best_start + window && !tokens[first].match) ++first;
    size_t begin = words.empty() ? 0 : first - std::min<size_t>(3, first - best_start);
    size_t end_token = std::min(tokens.size(), begin + window);
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
        if (t.match) out += kMarkBegin;
        append_text(
            text.substr(static_cast<size_t>(t.start), static_cast<size_t>(t.end - t.start)));
        if (t.match) out += kMarkEnd;
        from = static_cast<size_t>(t.end);
    }
    if (end_token == tokens.size())
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
