// SPDX-License-Identifier: GPL-3.0-or-later
#include "fonts/paragraph.h"

#include <algorithm>
#include <memory>

#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/ushape.h>
#include <unicode/utf16.h>

#include "fonts/code_points.h"

namespace guichet::fonts {
namespace {

constexpr UChar kLeftToRightIsolate = 0x2066;
constexpr UChar kPopDirectionalIsolate = 0x2069;

bool is_right_to_left_letter(char32_t c) {
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
           (c >= 0xFE70 && c <= 0xFEFE) || (c >= 0x10800 && c <= 0x10FFF) ||
           (c >= 0x1E800 && c <= 0x1EFFF);
}

bool is_arabic(char32_t c) {
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
           (c >= 0x08A0 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
           (c >= 0xFE70 && c <= 0xFEFE);
}

// Arabic tashkeel and Quranic annotation marks: ICU shapes them into spacing forms that would
// stand beside the letter, so the kiosk leaves them out of what it draws.
bool is_arabic_mark(char32_t c) {
    return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
           (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 ||
           c == 0x06E8 || (c >= 0x06EA && c <= 0x06ED) || (c >= 0x08D3 && c <= 0x08FF);
}

bool is_alef_after_lam(UChar c) {
    return c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0627;
}

struct BidiCloser {
    void operator()(UBiDi* bidi) const { ubidi_close(bidi); }
};
struct BreakCloser {
    void operator()(UBreakIterator* it) const { ubrk_close(it); }
};
using BidiPtr = std::unique_ptr<UBiDi, BidiCloser>;

// Reused per thread: opening a line-break iterator costs more than laying out a label.
UBiDi* thread_paragraph_bidi() {
    thread_local BidiPtr bidi(ubidi_open());
    return bidi.get();
}
UBiDi* thread_line_bidi() {
    thread_local BidiPtr bidi(ubidi_open());
    return bidi.get();
}
UBreakIterator* thread_line_breaker() {
    thread_local std::unique_ptr<UBreakIterator, BreakCloser> breaker([] {
        UErrorCode status = U_ZERO_ERROR;
        UBreakIterator* it = ubrk_open(UBRK_LINE, "", nullptr, 0, &status);
        return U_SUCCESS(status) ? it : nullptr;
    }());
    return breaker.get();
}

Error icu_error(const char* step, UErrorCode status) {
    return make_error(std::string("text layout: ") + step + " failed (" + u_errorName(status) +
                      ")");
}

std::size_t utf8_length(unsigned char lead) {
    return lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
}

struct Decoded {
    char32_t c;
    std::size_t begin, end;  // bytes
};

// Valid UTF-8 (checked before) as code points with their byte ranges.
std::vector<Decoded> decode_with_offsets(std::string_view text, std::size_t base) {
    std::vector<Decoded> out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t n = std::min(utf8_length(lead), text.size() - i);
        char32_t c = n == 1 ? lead : n == 2 ? (lead & 0x1F) : n == 3 ? (lead & 0x0F) : (lead & 0x07);
        for (std::size_t k = 1; k < n; ++k)
            c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        out.push_back({c, base + i, base + i + n});
        i += n;
    }
    return out;
}

bool ascii_digit(char32_t c) {
    return c >= '0' && c <= '9';
}

// Spans (indices into `chars`, end exclusive) that must read left to right inside
// right-to-left text: URLs, e-mail addresses and phone numbers written with spaces, "+" or
// parentheses (a plain number or a date already stays left to right under UAX #9).
std::vector<std::pair<std::size_t, std::size_t>> left_to_right_spans(
    const std::vector<Decoded>& chars) {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    const std::size_t n = chars.size();
    auto is_space = [&](std::size_t i) { return chars[i].c == ' ' || chars[i].c == 0x00A0; };
    auto word_start = [&](std::size_t i) {
        return i == 0 || is_space(i - 1) || chars[i - 1].c == '(' || chars[i - 1].c == ':';
    };
    std::size_t i = 0;
    while (i < n) {
        if (is_space(i) || !word_start(i)) {
            ++i;
            continue;
        }
        // A token up to the next space: a link or an address?
        std::size_t end = i;
        bool ascii = true, at = false, dot_after_at = false, scheme = false;
        while (end < n && !is_space(end)) {
            const char32_t c = chars[end].c;
            if (c >= 0x80) ascii = false;
            if (c == '@') at = true;
            if (at && c == '.') dot_after_at = true;
            if (c == ':' && end + 2 < n && chars[end + 1].c == '/' && chars[end + 2].c == '/')
                scheme = true;
            ++end;
        }
        auto starts_with = [&](std::string_view prefix) {
            if (end - i < prefix.size()) return false;
            for (std::size_t k = 0; k < prefix.size(); ++k)
                if (chars[i + k].c != static_cast<unsigned char>(prefix[k])) return false;
            return true;
        };
        const bool link = ascii && (scheme || starts_with("www.") || starts_with("mailto:") ||
                                    starts_with("tel:") || (at && dot_after_at));
        if (link) {
            std::size_t last = end;
            // The sentence's own punctuation after the link stays in the sentence.
            while (last > i + 1 && std::u32string_view(U".,;:!?)»\"'").find(chars[last - 1].c) !=
                                       std::u32string_view::npos)
                --last;
            spans.emplace_back(i, last);
            i = end;
            continue;
        }
        // A phone number: digits with single spaces, "-", ".", "/", "(", ")" and a leading "+".
        const char32_t first = chars[i].c;
        if (first == '+' || first == '(' || ascii_digit(first)) {
            std::size_t j = i, last_digit = i;
            int digits = 0;
            bool spaced = first == '+' || first == '(';
            while (j < n) {
                const char32_t c = chars[j].c;
                if (ascii_digit(c)) {
                    ++digits;
                    last_digit = j + 1;
                } else if (c == ' ' && j + 1 < n &&
                           (ascii_digit(chars[j + 1].c) || chars[j + 1].c == '(')) {
                    spaced = true;
                } else if (!(c == '-' || c == '.' || c == '/' || c == '(' || c == ')' ||
                             (c == '+' && j == i))) {
                    break;
                }
                ++j;
            }
            std::size_t span_end = last_digit;
            if (span_end < n && chars[span_end].c == ')') ++span_end;
            if (digits >= 6 && spaced) {
                spans.emplace_back(i, span_end);
                i = span_end;
                continue;
            }
        }
        i = end;
    }
    return spans;
}

// One paragraph in UTF-16 as it will be drawn: marks dropped, isolates added, Arabic shaped;
// each unit knows the source bytes it stands for.
struct Prepared {
    std::size_t base = 0;  // where the paragraph starts in the laid-out text
    std::u16string text;
    std::vector<std::size_t> begin, end;  // per UTF-16 unit
    bool right_to_left_letters = false;
};

void push_unit(Prepared& p, UChar unit, std::size_t begin, std::size_t end) {
    p.text.push_back(static_cast<char16_t>(unit));
    p.begin.push_back(begin);
    p.end.push_back(end);
}

Result<Prepared> prepare(std::string_view paragraph, std::size_t base) {
    const std::vector<Decoded> chars = decode_with_offsets(paragraph, base);
    Prepared p;
    p.base = base;
    bool arabic = false;
    for (const Decoded& d : chars) {
        if (is_right_to_left_letter(d.c)) p.right_to_left_letters = true;
        if (is_arabic(d.c)) arabic = true;
    }
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    if (p.right_to_left_letters) spans = left_to_right_spans(chars);
    std::size_t next_span = 0;
    p.text.reserve(chars.size() + 4);
    for (std::size_t i = 0; i < chars.size(); ++i) {
        const Decoded& d = chars[i];
        if (next_span < spans.size() && spans[next_span].first == i)
            push_unit(p, kLeftToRightIsolate, d.begin, d.begin);
        if (is_arabic_mark(d.c) && !p.end.empty()) {
            p.end.back() = d.end;  // the mark belongs to the letter before it
        } else if (d.c > 0xFFFF) {
            push_unit(p, U16_LEAD(d.c), d.begin, d.end);
            push_unit(p, U16_TRAIL(d.c), d.begin, d.end);
        } else if (!is_arabic_mark(d.c)) {
            push_unit(p, static_cast<UChar>(d.c), d.begin, d.end);
        }
        if (next_span < spans.size() && spans[next_span].second == i + 1) {
            push_unit(p, kPopDirectionalIsolate, d.end, d.end);
            ++next_span;
        }
    }
    if (!arabic || p.text.empty()) return p;

    // Lam-alef ligatures make the text shorter: GROW_SHRINK lets them, and the walk below
    // gives the ligature both letters' bytes.
    const auto length = static_cast<int32_t>(p.text.size());
    std::u16string shaped(p.text.size() * 2, u'\0');
    UErrorCode status = U_ZERO_ERROR;
    const int32_t shaped_length = u_shapeArabic(
        reinterpret_cast<const UChar*>(p.text.data()), length,
        reinterpret_cast<UChar*>(shaped.data()), static_cast<int32_t>(shaped.size()),
        U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL | U_SHAPE_LENGTH_GROW_SHRINK,
        &status);
    if (U_FAILURE(status)) return icu_error("u_shapeArabic", status);
    shaped.resize(static_cast<std::size_t>(shaped_length));
    Prepared out;
    out.base = base;
    out.right_to_left_letters = p.right_to_left_letters;
    std::size_t i = 0;
    for (char16_t unit : shaped) {
        // Only lam-alef changes the length; anything else means the map below would be wrong:
        // draw the letters unjoined rather than against the wrong bytes.
        if (i >= p.text.size()) return p;
        const bool ligature = unit >= 0xFEF5 && unit <= 0xFEFC && p.text[i] == 0x0644 &&
                              i + 1 < p.text.size() && is_alef_after_lam(p.text[i + 1]);
        const std::size_t last = ligature ? i + 1 : i;
        push_unit(out, unit, p.begin[i], p.end[last]);
        i = last + 1;
    }
    if (i != p.text.size()) return p;
    return out;
}

// Runs split by `breaks` within one directional run [from, to) of the paragraph.
struct Piece {
    int32_t from, to;
    bool right_to_left;
};

void append_code_point(std::string& out, char32_t c) {
    out += encode_utf8(c);
}

class ParagraphLayout {
  public:
    ParagraphLayout(const Prepared& p, const AdvanceFunction& advance,
                    const LayoutOptions& options)
        : p_(p), advance_(advance), options_(options) {
        // One advance per unit: the lead of a surrogate pair carries the width.
        widths_.resize(p.text.size(), 0.0f);
        for (std::size_t k = 0; k < p.text.size(); ++k) {
            char32_t c = p.text[k];
            if (U16_IS_TRAIL(c)) continue;
            if (U16_IS_LEAD(c) && k + 1 < p.text.size()) c = U16_GET_SUPPLEMENTARY(c, p.text[k + 1]);
            if (!dropped_for_display(c)) widths_[k] = advance_ ? advance_(c, p.begin[k]) : 0.0f;
        }
    }

    Result<void> run(std::vector<TextLine>& lines) {
        const auto length = static_cast<int32_t>(p_.text.size());
        const bool bidi = p_.right_to_left_letters ||
                          options_.direction == TextDirection::right_to_left;
        UBiDi* para = nullptr;
        if (bidi) {
            para = thread_paragraph_bidi();
            if (para == nullptr) return make_error("text layout: ubidi_open failed");
            UErrorCode status = U_ZERO_ERROR;
            const UBiDiLevel level = options_.direction == TextDirection::right_to_left ? 1
                                     : options_.direction == TextDirection::left_to_right
                                         ? 0
                                         : UBIDI_DEFAULT_LTR;
            ubidi_setPara(para, reinterpret_cast<const UChar*>(p_.text.data()), length, level,
                          nullptr, &status);
            if (U_FAILURE(status)) return icu_error("ubidi_setPara", status);
            right_to_left_ = (ubidi_getParaLevel(para) & 1) != 0;
        }
        std::vector<std::pair<int32_t, int32_t>> ranges;
        if (auto broken = break_lines(ranges); !broken) return broken;
        for (auto [from, to] : ranges) {
            int32_t trimmed = to;
            while (trimmed > from && u_isWhitespace(p_.text[static_cast<std::size_t>(trimmed - 1)]))
                --trimmed;
            TextLine line;
            line.right_to_left = right_to_left_;
            line.source_begin = from < length ? p_.begin[static_cast<std::size_t>(from)]
                                              : (length ? p_.end.back() : p_.base);
            line.source_end = trimmed > from ? p_.end[static_cast<std::size_t>(trimmed - 1)]
                                             : line.source_begin;
            std::vector<Piece> pieces;
            if (!bidi || trimmed == from) {
                split(from, trimmed, false, pieces);
            } else {
                UBiDi* line_bidi = thread_line_bidi();
                UErrorCode status = U_ZERO_ERROR;
                ubidi_setLine(para, from, trimmed, line_bidi, &status);
                if (U_FAILURE(status)) return icu_error("ubidi_setLine", status);
                const int32_t count = ubidi_countRuns(line_bidi, &status);
                if (U_FAILURE(status)) return icu_error("ubidi_countRuns", status);
                for (int32_t r = 0; r < count; ++r) {
                    int32_t start = 0, run_length = 0;
                    const UBiDiDirection dir =
                        ubidi_getVisualRun(line_bidi, r, &start, &run_length);
                    split(from + start, from + start + run_length, dir == UBIDI_RTL, pieces);
                }
            }
            float x = 0;
            for (const Piece& piece : pieces) {
                VisualRun out = draw(piece);
                if (out.text.empty() && out.width == 0) continue;
                out.x = x;
                x += out.width;
                line.runs.push_back(std::move(out));
            }
            line.width = x;
            lines.push_back(std::move(line));
        }
        return {};
    }

  private:
    int segment_of(std::size_t unit) const {
        const auto& b = options_.breaks;
        return static_cast<int>(std::upper_bound(b.begin(), b.end(), p_.begin[unit]) - b.begin());
    }

    // [from, to) in one direction, cut where the caller's style changes; right-to-left pieces
    // come out in visual order (last logical piece first).
    void split(int32_t from, int32_t to, bool right_to_left, std::vector<Piece>& pieces) const {
        std::vector<Piece> logical;
        int32_t start = from;
        for (int32_t k = from + 1; k < to; ++k) {
            if (!options_.breaks.empty() && segment_of(static_cast<std::size_t>(k)) !=
                                                segment_of(static_cast<std::size_t>(k - 1))) {
                logical.push_back({start, k, right_to_left});
                start = k;
            }
        }
        if (to > start) logical.push_back({start, to, right_to_left});
        if (right_to_left) std::reverse(logical.begin(), logical.end());
        pieces.insert(pieces.end(), logical.begin(), logical.end());
    }

    VisualRun draw(const Piece& piece) const {
        VisualRun run;
        run.right_to_left = piece.right_to_left;
        run.source_begin = p_.begin[static_cast<std::size_t>(piece.from)];
        run.source_end = p_.end[static_cast<std::size_t>(piece.to - 1)];
        auto emit = [&](int32_t k) {
            const auto at = static_cast<std::size_t>(k);
            char32_t c = p_.text[at];
            if (U16_IS_LEAD(c) && at + 1 < p_.text.size())
                c = U16_GET_SUPPLEMENTARY(c, p_.text[at + 1]);
            run.source_begin = std::min(run.source_begin, p_.begin[at]);
            run.source_end = std::max(run.source_end, p_.end[at]);
            if (dropped_for_display(c)) return;
            if (piece.right_to_left && u_isMirrored(static_cast<UChar32>(c)))
                c = static_cast<char32_t>(u_charMirror(static_cast<UChar32>(c)));
            append_code_point(run.text, c);
            run.width += widths_[at];
        };
        if (piece.right_to_left) {
            for (int32_t k = piece.to - 1; k >= piece.from; --k) {
                if (U16_IS_TRAIL(p_.text[static_cast<std::size_t>(k)]) && k > piece.from) --k;
                emit(k);
            }
        } else {
            for (int32_t k = piece.from; k < piece.to; ++k) {
                emit(k);
                if (U16_IS_LEAD(p_.text[static_cast<std::size_t>(k)])) ++k;
            }
        }
        return run;
    }

    // Greedy line breaking at ICU's line-break opportunities; a piece wider than the line is
    // broken between characters.
    Result<void> break_lines(std::vector<std::pair<int32_t, int32_t>>& ranges) const {
        const auto length = static_cast<int32_t>(p_.text.size());
        const float wrap = options_.wrap_width;
        if (wrap <= 0 || length == 0) {
            ranges.emplace_back(0, length);
            return {};
        }
        float total = 0;
        for (float w : widths_) total += w;
        if (total <= wrap) {
            ranges.emplace_back(0, length);
            return {};
        }
        UBreakIterator* breaker = thread_line_breaker();
        if (breaker == nullptr) return make_error("text layout: no ICU line breaker");
        UErrorCode status = U_ZERO_ERROR;
        ubrk_setText(breaker, reinterpret_cast<const UChar*>(p_.text.data()), length, &status);
        if (U_FAILURE(status)) return icu_error("ubrk_setText", status);
        auto width = [&](int32_t from, int32_t to, bool visible_only) {
            if (visible_only)
                while (to > from && u_isWhitespace(p_.text[static_cast<std::size_t>(to - 1)])) --to;
            float w = 0;
            for (int32_t k = from; k < to; ++k) w += widths_[static_cast<std::size_t>(k)];
            return w;
        };
        int32_t line_start = 0;
        float line_width = 0;  // of [line_start, segment start), spaces included
        int32_t segment_start = 0;
        for (int32_t next = ubrk_following(breaker, 0); next != UBRK_DONE;
             next = ubrk_following(breaker, next)) {
            const float visible = width(segment_start, next, true);
            if (segment_start > line_start && line_width + visible > wrap) {
                ranges.emplace_back(line_start, segment_start);
                line_start = segment_start;
                line_width = 0;
            }
            if (segment_start == line_start && visible > wrap) {
                // Wider than a whole line: cut between code points (never inside a pair).
                float used = 0;
                for (int32_t k = segment_start; k < next; ++k) {
                    if (U16_IS_TRAIL(p_.text[static_cast<std::size_t>(k)])) continue;
                    const float w = widths_[static_cast<std::size_t>(k)];
                    if (k > line_start && used + w > wrap) {
                        ranges.emplace_back(line_start, k);
                        line_start = k;
                        used = 0;
                    }
                    used += w;
                }
                line_width = used;
            } else {
                line_width += width(segment_start, next, false);
            }
            segment_start = next;
            if (next >= length) break;
        }
        ranges.emplace_back(line_start, length);
        // Detach: the text belongs to this call.
        ubrk_setText(breaker, nullptr, 0, &status);
        return {};
    }

    const Prepared& p_;
    const AdvanceFunction& advance_;
    const LayoutOptions& options_;
    std::vector<float> widths_;
    bool right_to_left_ = false;
};

}  // namespace

std::string TextLine::visual() const {
    std::string out;
    for (const VisualRun& run : runs) out += run.text;
    return out;
}

bool dropped_for_display(char32_t c) {
    return is_arabic_mark(c) || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0x061C || c == 0xFEFF || c == 0x2060;
}

bool has_right_to_left(std::string_view utf8) {
    auto decoded = decode_utf8(utf8);
    if (!decoded) return false;
    return std::any_of(decoded->begin(), decoded->end(), is_right_to_left_letter);
}

TextDirection first_strong_direction(std::string_view utf8) {
    auto decoded = decode_utf8(utf8);
    if (!decoded) return TextDirection::left_to_right;
    for (char32_t c : *decoded) {
        const auto cls = u_charDirection(static_cast<UChar32>(c));
        if (cls == U_LEFT_TO_RIGHT) return TextDirection::left_to_right;
        if (cls == U_RIGHT_TO_LEFT || cls == U_RIGHT_TO_LEFT_ARABIC)
            return TextDirection::right_to_left;
    }
    return TextDirection::left_to_right;
}

bool language_is_right_to_left(std::string_view tag) {
    if (tag.empty() || tag.size() > 64) return false;
    char locale[ULOC_FULLNAME_CAPACITY] = {};
    UErrorCode status = U_ZERO_ERROR;
    const std::string bcp47(tag);
    uloc_forLanguageTag(bcp47.c_str(), locale, sizeof locale, nullptr, &status);
    if (U_FAILURE(status)) return false;
    return uloc_isRightToLeft(locale) != 0;
}

std::optional<std::string> unshaped_script(std::string_view utf8) {
    auto decoded = decode_utf8(utf8);
    if (!decoded) return std::nullopt;
    for (char32_t c : *decoded) {
        if (c < 0x0700) continue;  // Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic
        UErrorCode status = U_ZERO_ERROR;
        const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
        if (U_FAILURE(status)) continue;
        switch (script) {
            case USCRIPT_SYRIAC:
            case USCRIPT_THAANA:
            case USCRIPT_NKO:
            case USCRIPT_MANDAIC:
            case USCRIPT_DEVANAGARI:
            case USCRIPT_BENGALI:
            case USCRIPT_GURMUKHI:
            case USCRIPT_GUJARATI:
            case USCRIPT_ORIYA:
            case USCRIPT_TAMIL:
            case USCRIPT_TELUGU:
            case USCRIPT_KANNADA:
            case USCRIPT_MALAYALAM:
            case USCRIPT_SINHALA:
            case USCRIPT_TIBETAN:
            case USCRIPT_MYANMAR:
            case USCRIPT_KHMER:
            case USCRIPT_MONGOLIAN:
            case USCRIPT_LIMBU:
            case USCRIPT_BUGINESE:
            case USCRIPT_BALINESE:
            case USCRIPT_SUNDANESE:
            case USCRIPT_LEPCHA:
            case USCRIPT_JAVANESE:
            case USCRIPT_LANNA:
            case USCRIPT_CHAM:
            case USCRIPT_BATAK:
            case USCRIPT_TAGALOG:
            case USCRIPT_MEITEI_MAYEK:
            case USCRIPT_SAURASHTRA:
                return std::string(uscript_getName(script));
            default:
                break;
        }
    }
    return std::nullopt;
}

Result<std::vector<TextLine>> layout_text(std::string_view utf8, const AdvanceFunction& advance,
                                          const LayoutOptions& options) {
    if (auto valid = decode_utf8(utf8); !valid) return valid.error();
    std::vector<TextLine> lines;
    std::size_t start = 0;
    while (start <= utf8.size()) {
        const std::size_t end = std::min(utf8.find('\n', start), utf8.size());
        auto prepared = prepare(utf8.substr(start, end - start), start);
        if (!prepared) return prepared.error();
        ParagraphLayout paragraph(*prepared, advance, options);
        if (auto laid = paragraph.run(lines); !laid) return laid.error();
        start = end + 1;
    }
    return lines;
}

}  // namespace guichet::fonts
