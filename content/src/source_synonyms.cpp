// SPDX-License-Identifier: GPL-3.0-or-later
// synonyms/LANG.csv: the words staff want a search to widen to, per language (FORMAT.md).
#include <algorithm>
#include <map>

#include "messages.h"
#include "source_loader.h"
#include "table_file.h"
#include "source_values.h"
#include "text_search.h"

namespace guichet::content::sources {
namespace fs = std::filesystem;

namespace {

// Bounds on what one query word may widen to: each alternative is one more phrase to look up.
constexpr size_t kMaxAlternatives = 12;
constexpr size_t kMaxPhraseWords = 4;

std::string folded_phrase(const std::string& text) {
    std::string out;
    for (const std::string& word : text::words(text)) out += (out.empty() ? "" : " ") + word;
    return out;
}

}  // namespace

void Loader::load_synonyms() {
    const fs::path folder = dir_ / "synonyms";
    if (!fs::is_directory(folder)) return;
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        std::string name = entry.path().filename().string();
        if (!name.empty() && name[0] != '.') names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    ColumnSpec spec{{"word", "synonyms", "both_ways"}, {}, {}};
    std::set<std::string> stems;  // es.csv and es.xlsx are one table (reported once)
    for (const std::string& name : names) {
        std::string relative = "synonyms/" + name;
        // Any table file (LANG.csv, LANG.xlsx, LANG.ods…), like every other table.
        const bool table_name = table_file::format_of(name).has_value() && name.find('.') > 0;
        const std::string lang = table_name ? name.substr(0, name.rfind('.')) : name;
        std::error_code ec;
        if (!table_name || fs::is_directory(fs::symlink_status(folder / name, ec))) {
            problems_.add(relative, 0, messages::tr("expected files named LANG.csv (for example es.csv)"));
            continue;
        }
        if (!stems.insert(lang).second) continue;
        if (!language_codes_.count(lang)) {
            problems_.add(relative, 0, messages::trf("'{1}' is not a language of the set", {lang}));
            continue;
        }
        relative = "synonyms/" + lang + ".csv";  // open_csv finds whichever file holds it
        auto file = open_csv(relative, spec, true);
        if (!file) continue;
        relative = file->name();
        std::map<std::string, int> first_line;  // folded word → line
        std::set<std::pair<std::string, std::string>> pairs;
        for (const auto* row : file->rows()) {
            const std::string word = folded_phrase(file->get(*row, "word"));
            const std::string both = file->get(*row, "both_ways");
            const auto alternatives = split_list(file->get(*row, "synonyms"));
            if (word.empty()) {
                problems_.add(relative, row->line, messages::tr("missing word"));
                continue;
            }
            if (word.find(' ') != std::string::npos) {
                problems_.add(relative, row->line,
                              messages::trf("word '{1}' must be one word (a phrase may only be "
                                            "a synonym)",
                                            {file->get(*row, "word")}));
                continue;
            }
            if (auto [it, fresh] = first_line.emplace(word, row->line); !fresh) {
                problems_.add(relative, row->line,
                              messages::trf("'{1}' already has a row (line {2}): put all its "
                                            "synonyms there",
                                            {file->get(*row, "word"), std::to_string(it->second)}));
                continue;
            }
            if (both != "yes" && !both.empty())
                problems_.add(relative, row->line,
                              messages::trf("both_ways must be 'yes' or empty, not '{1}'", {both}));
            if (alternatives.empty())
                problems_.add(relative, row->line, messages::trf("no synonyms for '{1}'", {word}));
            if (alternatives.size() > kMaxAlternatives)
                problems_.add(relative, row->line,
                              messages::trf("at most {1} synonyms per word ({2} here)",
                                            {std::to_string(kMaxAlternatives),
                                             std::to_string(alternatives.size())}));
            for (const std::string& raw : alternatives) {
                const std::string alternative = folded_phrase(raw);
                if (alternative.empty() || alternative == word) {
                    problems_.add(relative, row->line,
                                  messages::trf("synonym '{1}' is empty or the word itself", {raw}));
                    continue;
                }
                if (static_cast<size_t>(std::count(alternative.begin(), alternative.end(), ' ')) >=
                    kMaxPhraseWords) {
                    problems_.add(relative, row->line,
                                  messages::trf("synonym '{1}' is longer than {2} words",
                                                {raw, std::to_string(kMaxPhraseWords)}));
                    continue;
                }
                pairs.emplace(word, alternative);
                if (both == "yes" && alternative.find(' ') == std::string::npos)
                    pairs.emplace(alternative, word);
            }
        }
        for (const auto& [word, alternative] : pairs)
            set_.synonyms.push_back({lang, word, alternative});
    }
}

}  // namespace guichet::content::sources
