// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <cctype>

#include "kiosk/chart_layout.h"
#include "kiosk/speech.h"
#include "kiosk/ui_strings.h"

namespace guichet::kiosk {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string trim_spaces(std::string_view text) {
    std::size_t a = 0, b = text.size();
    while (a < b && is_space(text[a])) ++a;
    while (b > a && is_space(text[b - 1])) --b;
    return std::string(text.substr(a, b - a));
}

std::string collapse_spaces(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (is_space(c)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// Drops an address that runs from `at` to the next space: a listener cannot use it.
std::size_t skip_address(std::string_view text, std::size_t at) {
    while (at < text.size() && !is_space(text[at])) ++at;
    return at;
}

// Inline Markdown to the words it shows: link and image text kept, their targets dropped,
// emphasis, code ticks, HTML tags and stray symbols removed.
std::string inline_words(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size()) {  // an escaped symbol is shown, but not spoken
            i += 2;
            continue;
        }
        if (c == '!' && i + 1 < text.size() && text[i + 1] == '[') {
            ++i;
            continue;
        }
        if (c == ']' && i + 1 < text.size() && (text[i + 1] == '(' || text[i + 1] == '[')) {
            const char close = text[i + 1] == '(' ? ')' : ']';
            const auto end = text.find(close, i + 2);
            i = end == std::string_view::npos ? text.size() : end + 1;
            continue;
        }
        if (c == '<') {  // an autolink or an HTML tag
            const auto end = text.find('>', i + 1);
            if (end != std::string_view::npos) {
                i = end + 1;
                out += ' ';
                continue;
            }
        }
        const std::string_view rest = text.substr(i);
        if ((starts_with(rest, "http://") || starts_with(rest, "https://") ||
             starts_with(rest, "www.")) &&
            (i == 0 || is_space(text[i - 1]) || text[i - 1] == '(')) {
            i = skip_address(text, i);
            continue;
        }
        if (std::string_view("*_`~#|[]{}^<>=").find(c) != std::string_view::npos) {
            // A word joined by an underscore stays two words; emphasis marks just go.
            if (c == '_' && i > 0 && i + 1 < text.size() && std::isalnum(static_cast<unsigned char>(text[i - 1])) &&
                std::isalnum(static_cast<unsigned char>(text[i + 1])))
                out += ' ';
            ++i;
            continue;
        }
        out += c;
        ++i;
    }
    // Brackets left empty by a dropped address.
    std::string cleaned;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '(') {
            std::size_t j = i + 1;
            while (j < out.size() && is_space(out[j])) ++j;
            if (j < out.size() && out[j] == ')') {
                i = j;
                continue;
            }
        }
        cleaned += out[i];
    }
    return collapse_spaces(cleaned);
}

bool is_rule(std::string_view line) {
    const std::string t = trim_spaces(line);
    if (t.size() < 3) return false;
    return std::all_of(t.begin(), t.end(), [&](char c) { return c == t[0] || c == ' '; }) &&
           (t[0] == '-' || t[0] == '=' || t[0] == '*' || t[0] == '_');
}

bool is_table_separator(std::string_view line) {
    const std::string t = trim_spaces(line);
    if (t.empty() || t.find('-') == std::string::npos) return false;
    return std::all_of(t.begin(), t.end(),
                       [](char c) { return c == '|' || c == '-' || c == ':' || c == ' '; });
}

// The byte length of the UTF-8 sequence starting with `lead`.
std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 1;
}

// The word before the dot at `dot` is an abbreviation an address or a name carries ("Col.
// Juárez", "Av. Reforma", "Dr. Pérez") or an initial ("J. Pérez"): no sentence ends there.
bool before_abbreviation(std::string_view text, std::size_t dot) {
    std::size_t start = dot;
    while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1]))) --start;
    if (start > 0 && !is_space(text[start - 1]) && text[start - 1] != '(') return false;
    std::string word;
    for (std::size_t k = start; k < dot; ++k)
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[k])));
    if (word.size() == 1) return std::isupper(static_cast<unsigned char>(text[start])) != 0;
    static constexpr std::string_view kAbbreviations[] = {
        "av",  "avda", "col", "dr", "dra", "sr",   "sra", "srta", "lic", "ing", "num",
        "nro", "mr",   "mrs", "ms", "mme", "mlle", "ave", "blvd", "esq", "prof"};
    for (std::string_view abbreviation : kAbbreviations)
        if (word == abbreviation) return true;
    return false;
}

// Where a sentence ends: after . ! ? … or the Arabic question mark, before a space and a
// word that does not go on the same sentence (a lowercase word or a digit: "art. 5", "etc. y").
// Each sentence as its byte range in `text`, blanks around it left out.
std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    auto add = [&](std::size_t from, std::size_t to) {
        while (from < to && is_space(text[from])) ++from;
        while (to > from && is_space(text[to - 1])) --to;
        if (to > from) out.emplace_back(from, to);
    };
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = sequence_length(static_cast<unsigned char>(text[i]));
        const std::string_view mark(text.data() + i, std::min(len, text.size() - i));
        const bool ends = mark == "." || mark == "!" || mark == "?" || mark == "\xD8\x9F" /*؟*/ ||
                          mark == "\xE2\x80\xA6" /*…*/;
        i += mark.size();
        if (!ends) continue;
        if (mark == "." && before_abbreviation(text, i - 1)) continue;
        while (i < text.size() && (text[i] == '.' || text[i] == '!' || text[i] == '?' ||
                                   text[i] == ')' || text[i] == '"'))
            ++i;
        if (i < text.size() && !is_space(text[i])) continue;
        std::size_t next = i;
        while (next < text.size() && is_space(text[next])) ++next;
        if (next < text.size()) {
            const unsigned char n = static_cast<unsigned char>(text[next]);
            if ((n >= 'a' && n <= 'z') || is_digit(static_cast<char>(n))) continue;
        }
        add(start, i);
        start = next;
        i = next;
    }
    add(std::min(start, text.size()), text.size());
    return out;
}

bool has_words(std::string_view text) {
    for (unsigned char c : text)
        if (std::isalnum(c) || c >= 0x80) return true;
    return false;
}

// Each sentence of `text` a line, spaces collapsed and phone numbers spelt out, knowing the
// bytes of `text` it came from (the screen highlights them while the line is heard).
void add_sentences(std::vector<SpokenLine>& out, std::string_view text, const std::string& language,
                   bool pause_after) {
    const auto sentences = split_sentences(text);
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        const auto [from, to] = sentences[i];
        std::string said = spell_phone_numbers(collapse_spaces(text.substr(from, to - from)));
        if (!has_words(said)) continue;
        SpokenLine line{std::move(said), language, pause_after && i + 1 == sentences.size()};
        line.source_begin = from;
        line.source_end = to;
        out.push_back(std::move(line));
    }
}

// A list item's marker ("- ", "* ", "+ ", "12. ", "3) ") and a quote's "> ".
std::string_view strip_block_marker(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    line.remove_prefix(i);
    while (!line.empty() && line[0] == '>') {
        line.remove_prefix(1);
        while (!line.empty() && line[0] == ' ') line.remove_prefix(1);
    }
    if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ')
        return line.substr(2);
    std::size_t d = 0;
    while (d < line.size() && is_digit(line[d])) ++d;
    if (d > 0 && d + 1 < line.size() && (line[d] == '.' || line[d] == ')') && line[d + 1] == ' ')
        return line.substr(d + 2);
    return line;
}

bool is_list_item(std::string_view line) { return strip_block_marker(line).size() != trim_spaces(line).size(); }

// Each picture, ![alt](src), as the words "Image: alt." in `language` (the caption a listener
// cannot see; the address dropped); a picture without alt text is not said at all.
std::string say_pictures(std::string_view markdown, const std::string& language) {
    std::string out;
    std::size_t i = 0;
    while (i < markdown.size()) {
        const auto open = markdown.find("![", i);
        const auto middle = open == std::string_view::npos ? open : markdown.find("](", open + 2);
        const auto close =
            middle == std::string_view::npos ? middle : markdown.find(')', middle + 2);
        const auto line_end = open == std::string_view::npos ? open : markdown.find('\n', open);
        if (open == std::string_view::npos) {
            out.append(markdown.substr(i));
            break;
        }
        if (close == std::string_view::npos ||
            (line_end != std::string_view::npos && close > line_end)) {  // not a picture
            out.append(markdown.substr(i, open + 2 - i));
            i = open + 2;
            continue;
        }
        out.append(markdown.substr(i, open - i));
        const std::string alt = trim_spaces(markdown.substr(open + 2, middle - open - 2));
        if (!alt.empty()) {
            out += format1(tr("speech.image", language), alt);
            const bool punctuated =
                std::string_view(".!?").find(alt.back()) != std::string_view::npos ||
                (close + 1 < markdown.size() &&
                 std::string_view(".!?,;:").find(markdown[close + 1]) != std::string_view::npos);
            if (!punctuated) out += '.';
        }
        i = close + 1;
    }
    return out;
}

}  // namespace

std::string spell_phone_numbers(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const bool boundary = i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]));
        const bool opens = is_digit(text[i]) ||
                           ((text[i] == '+' || text[i] == '(') && i + 1 < text.size() &&
                            is_digit(text[i + 1]));
        if (!boundary || !opens) {
            out += text[i++];
            continue;
        }
        // Gather digit groups, allowing up to three separators between two groups.
        std::vector<std::string> groups(1);
        std::string separators;
        std::size_t j = i, end = i;
        if (text[j] == '+' || text[j] == '(') ++j;
        while (j < text.size()) {
            if (is_digit(text[j])) {
                groups.back() += text[j++];
                end = j;
                continue;
            }
            std::size_t k = j;
            while (k < text.size() && k - j < 3 && std::string_view(" .-()/").find(text[k]) != std::string_view::npos)
                ++k;
            if (k == j || k >= text.size() || !is_digit(text[k])) {
                if (k > j && text[j] == ')') end = j + 1;
                break;
            }
            separators.append(text.substr(j, k - j));
            groups.emplace_back();
            j = k;
        }
        std::size_t digits = 0;
        for (const std::string& g : groups) digits += g.size();
        // Dates (2024-01-15, 15/01/2024) and amounts with thousands (1.000.000) stay numbers.
        const bool date = groups.size() == 3 &&
                          ((groups[0].size() == 4 && groups[1].size() <= 2 && groups[2].size() <= 2) ||
                           (groups[0].size() <= 2 && groups[1].size() <= 2 && groups[2].size() == 4));
        bool thousands = groups.size() > 1 && separators.find_first_not_of(".,") == std::string::npos;
        for (std::size_t g = 1; thousands && g < groups.size(); ++g) thousands = groups[g].size() == 3;
        const bool after_word = end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]));
        if (digits < 7 || date || thousands || after_word) {
            out.append(text.substr(i, end - i));
            i = end;
            continue;
        }
        std::string spelt;
        for (const std::string& g : groups) {
            if (g.empty()) continue;
            if (!spelt.empty()) spelt += ", ";
            for (std::size_t d = 0; d < g.size(); ++d) {
                if (d) spelt += ' ';
                spelt += g[d];
            }
        }
        out += spelt;
        i = end;
    }
    return out;
}

std::vector<SpokenLine> text_to_speech(std::string_view text, const std::string& language) {
    std::vector<SpokenLine> out;
    add_sentences(out, text, language, false);
    return out;
}

std::vector<SpokenLine> markdown_to_speech(std::string_view written, const std::string& language) {
    const std::string said = say_pictures(written, language);
    const std::string_view markdown = said;
    std::vector<SpokenLine> out;
    std::string paragraph;
    auto flush = [&] {
        if (!paragraph.empty()) add_sentences(out, inline_words(paragraph), language, false);
        paragraph.clear();
    };
    bool in_fence = false;
    std::size_t pos = 0;
    while (pos <= markdown.size()) {
        const auto newline = markdown.find('\n', pos);
        const std::string_view line =
            markdown.substr(pos, newline == std::string_view::npos ? std::string_view::npos
                                                                   : newline - pos);
        pos = newline == std::string_view::npos ? markdown.size() + 1 : newline + 1;
        const std::string t = trim_spaces(line);
        if (starts_with(t, "```") || starts_with(t, "~~~")) {
            flush();
            in_fence = !in_fence;
            continue;
        }
        if (t.empty()) {
            flush();
            continue;
        }
        if (in_fence) {
            paragraph += (paragraph.empty() ? "" : " ") + t;
            continue;
        }
        if (t[0] == '#') {
            flush();
            std::size_t hashes = 0;
            while (hashes < t.size() && t[hashes] == '#') ++hashes;
            add_sentences(out, inline_words(t.substr(hashes)), language, true);
            continue;
        }
        if (is_rule(t)) {
            // A setext heading's underline: the paragraph above was a heading.
            if (!paragraph.empty() && (t[0] == '=' || t[0] == '-')) {
                add_sentences(out, inline_words(paragraph), language, true);
                paragraph.clear();
            }
            flush();
            continue;
        }
        if (t[0] == '[' && t.find("]:") != std::string::npos) continue;  // a link reference
        if (t.find('|') != std::string::npos &&
            (t[0] == '|' || t.back() == '|' || is_table_separator(t))) {
            flush();
            if (is_table_separator(t)) continue;
            // A row is a sentence: its cells in order, with a comma's pause between them.
            std::string row;
            std::size_t start = 0;
            while (start <= t.size()) {
                const auto bar = t.find('|', start);
                const std::string cell =
                    inline_words(std::string_view(t).substr(start, bar == std::string::npos ? std::string::npos : bar - start));
                if (has_words(cell)) row += (row.empty() ? "" : ", ") + cell;
                if (bar == std::string::npos) break;
                start = bar + 1;
            }
            if (!row.empty()) add_sentences(out, row + ".", language, false);
            continue;
        }
        if (is_list_item(line)) {
            flush();
            paragraph = std::string(strip_block_marker(line));
            continue;
        }
        paragraph += (paragraph.empty() ? "" : " ") + std::string(strip_block_marker(line));
    }
    flush();
    return out;
}

std::vector<SpokenLine> speech_for_detail(const DetailView& view, const std::string& language,
                                          const std::function<std::string(std::string_view)>& label) {
    std::vector<SpokenLine> out;
    const std::string& lang = view.shown_language.empty() ? language : view.shown_language;
    add_sentences(out, collapse_spaces(view.title), lang, true);
    add_sentences(out, collapse_spaces(view.summary), lang, false);
    for (const DetailField& field : view.fields) {
        std::string value = field.value;
        for (const char* scheme : {"https://", "http://", "mailto:"})
            if (starts_with(value, scheme)) value = value.substr(std::string_view(scheme).size());
        while (!value.empty() && value.back() == '/') value.pop_back();
        // The label is in the visitor's language, the value in the text's: each its own voice.
        add_sentences(out, label(field.label_key), language, true);
        add_sentences(out, collapse_spaces(value), lang, false);
    }
    if (!view.chart.empty()) {
        // A chart cannot be heard: its table is, a year a sentence ("2021: Mexico 51,600,
        // Guatemala 15,300."), names and numbers in the visitor's language as the screen shows
        // them. The unit was said with the fields above.
        const ChartTable table = chart_table(view.chart, language);
        add_sentences(out, label("chart.spoken_table"), language, true);
        for (std::size_t row = 0; row < table.years.size(); ++row) {
            std::string sentence = std::to_string(table.years[row]) + ":";
            bool first = true;
            for (std::size_t c = 0; c < table.countries.size(); ++c) {
                if (table.cells[row][c].empty()) continue;
                sentence += (first ? " " : ", ") + table.countries[c] + " " + table.cells[row][c];
                first = false;
            }
            out.push_back({sentence + ".", language, false, -1});
        }
    }
    for (SpokenLine& line : markdown_to_speech(view.body_markdown, lang)) out.push_back(std::move(line));
    return out;
}

}  // namespace guichet::kiosk
