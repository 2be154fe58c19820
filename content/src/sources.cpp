// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string_view>

#include "csv.h"
#include "markdown.h"
#include "schema.h"
#include "text_search.h"

namespace guichet::content::sources {
namespace fs = std::filesystem;
namespace {

const std::set<std::string> kIcons = {"rights",      "integration", "return",        "institutions",
                                      "legislation", "seasonal",    "statistics",    "news",
                                      "cooperation", "about",       "contributions", "regional"};
const std::set<std::string> kInstitutionKinds = {
    "public-body", "consulate",           "ngo",
    "university",  "migrant-association", "international-organization"};
const std::set<std::string> kServices = {"legal-aid",
                                         "asylum",
                                         "documents",
                                         "regularization",
                                         "health",
                                         "shelter",
                                         "food",
                                         "employment",
                                         "education",
                                         "psychosocial",
                                         "family-reunification",
                                         "return",
                                         "remittances",
                                         "trafficking-victims",
                                         "information"};
const std::set<std::string> kNewsKinds = {"bulletin", "press", "interview"};
const std::set<std::string> kProgrammeKinds = {"job-insertion", "productive-investment",
                                               "human-capital", "seasonal-work"};
const std::set<std::string> kNormKinds = {"constitution", "law",    "decree",
                                          "regulation",   "treaty", "resolution"};
const std::set<std::string> kDirections = {"offer", "request"};

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> split_list(std::string_view s, char separator = ';') {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = s.find(separator, start);
        if (end == std::string_view::npos) end = s.size();
        std::string part = trim(s.substr(start, end - start));
        if (!part.empty()) out.push_back(part);
        start = end + 1;
    }
    return out;
}

bool is_slug(std::string_view id) {
    if (id.empty() || id.size() > 64 || id.front() == '-' || id.back() == '-') return false;
    char previous = 0;
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && previous == '-')) return false;
        previous = c;
    }
    return true;
}

bool is_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    int y = std::stoi(std::string(s.substr(0, 4)));
    int m = std::stoi(std::string(s.substr(5, 2)));
    int d = std::stoi(std::string(s.substr(8, 2)));
    if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = days[m - 1] + (m == 2 && leap ? 1 : 0);
    return d <= max;
}

bool is_country(std::string_view s) {
    return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

// BCP 47, the shapes the kiosk meets: a 2–3 letter language, then subtags of 2–8 letters/digits.
bool is_language_code(std::string_view s) {
    auto parts = split_list(s, '-');
    if (parts.empty() || s.front() == '-' || s.back() == '-') return false;
    if (parts[0].size() < 2 || parts[0].size() > 3) return false;
    for (char c : parts[0])
        if (c < 'a' || c > 'z') return false;
    for (size_t i = 1; i < parts.size(); ++i) {
        if (parts[i].size() < 2 || parts[i].size() > 8) return false;
        for (char c : parts[i])
            if (!std::isalnum(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

bool is_url(std::string_view s) {
    return (s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0) && s.size() > 10 &&
           s.find(' ') == std::string_view::npos;
}

bool is_email(std::string_view s) {
    auto at = s.find('@');
    return at != std::string_view::npos && at > 0 && s.find('.', at) != std::string_view::npos &&
           s.find(' ') == std::string_view::npos && s.find('@', at + 1) == std::string_view::npos;
}

std::optional<double> parse_decimal(std::string_view s) {
    if (s.empty()) return std::nullopt;
    bool digit = false, dot = false;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '-' && i == 0) continue;
        if (c == '.' && !dot) {
            dot = true;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        digit = true;
    }
    if (!digit) return std::nullopt;
    return std::strtod(std::string(s).c_str(), nullptr);
}

std::optional<int> parse_year(std::string_view s) {
    if (s.size() != 4) return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9') return std::nullopt;
    int y = std::stoi(std::string(s));
    if (y < 1800 || y > 2100) return std::nullopt;
    return y;
}

class Problems {
  public:
    explicit Problems(std::vector<Diagnostic>& out) : out_(out) {}
    void add(const std::string& file, int line, std::string message) {
        out_.push_back({file, line, std::move(message)});
    }

  private:
    std::vector<Diagnostic>& out_;
};

// Reads a file, reporting invalid UTF-8 by line; returns the text with bad bytes replaced.
std::optional<std::string> read_text(const fs::path& path, const std::string& name,
                                     Problems& problems, std::vector<std::string>& fingerprint) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problems.add(name, 0, "cannot read the file");
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string bytes = buffer.str();
    fingerprint.push_back(name + '\0' + bytes);
    std::string repaired = text::repair_utf8(bytes);
    if (repaired != bytes) {
        // Report each line holding an invalid sequence (a few at most per file).
        int line = 1, reported = 0;
        size_t start = 0;
        while (start <= bytes.size() && reported < 5) {
            size_t end = bytes.find('\n', start);
            if (end == std::string::npos) end = bytes.size();
            std::string_view piece(bytes.data() + start, end - start);
            if (text::repair_utf8(piece) != piece) {
                problems.add(name, line, "invalid UTF-8 (save the file as UTF-8)");
                ++reported;
            }
            ++line;
            start = end + 1;
        }
    }
    return repaired;
}

// A CSV header checked against what the file may hold.
struct ColumnSpec {
    std::vector<std::string> plain;          // all required in the header
    std::vector<std::string> translatable;   // FIELD@LANG columns
    std::vector<std::string> required_text;  // translatable fields required in the base language
};

class CsvFile {
  public:
    CsvFile(std::string name, csv::Table table, const ColumnSpec& spec,
            const std::set<std::string>& languages, const std::string& base, Problems& problems)
        : name_(std::move(name)), table_(std::move(table)) {
        for (auto& p : table_.problems) problems.add(name_, p.line, p.message);
        if (table_.records.empty()) {
            problems.add(name_, 1, "empty file: the first line must name the columns");
            valid_ = false;
            return;
        }
        const auto& header = table_.records[0];
        int line = header.line;
        for (size_t i = 0; i < header.fields.size(); ++i) {
            std::string column = trim(header.fields[i]);
            if (index_.count(column)) {
                problems.add(name_, line, "duplicate column '" + column + "'");
                continue;
            }
            auto at = column.find('@');
            if (at == std::string::npos) {
                if (std::find(spec.plain.begin(), spec.plain.end(), column) == spec.plain.end()) {
                    problems.add(name_, line, "unknown column '" + column + "'");
                    continue;
                }
            } else {
                std::string field = column.substr(0, at), lang = column.substr(at + 1);
                if (std::find(spec.translatable.begin(), spec.translatable.end(), field) ==
                    spec.translatable.end()) {
                    problems.add(name_, line,
                                 "unknown column '" + column + "' ('" + field +
                                     "' is not a translatable field here)");
                    continue;
                }
                if (!languages.count(lang)) {
                    problems.add(name_, line,
                                 "unknown column '" + column + "': language '" + lang +
                                     "' is not in languages.csv");
                    continue;
                }
                text_langs_[field].push_back(lang);
            }
            index_[column] = i;
        }
        for (const auto& column : spec.plain)
            if (!index_.count(column)) {
                problems.add(name_, line, "missing column '" + column + "'");
                valid_ = false;
            }
        for (const auto& field : spec.required_text)
            if (!base.empty() && !index_.count(field + "@" + base)) {
                problems.add(name_, line,
                             "missing column '" + field + "@" + base + "' (base-language text)");
                valid_ = false;
            }
        width_ = header.fields.size();
        for (size_t r = 1; r < table_.records.size(); ++r) {
            const auto& record = table_.records[r];
            if (record.fields.size() != width_) {
                problems.add(name_, record.line,
                             "malformed row: " + std::to_string(record.fields.size()) +
                                 " columns, the header has " + std::to_string(width_));
                continue;
            }
            rows_.push_back(&record);
        }
    }

    bool valid() const { return valid_; }
    const std::string& name() const { return name_; }
    const std::vector<const csv::Record*>& rows() const { return rows_; }

    std::string get(const csv::Record& row, const std::string& column) const {
        auto it = index_.find(column);
        return it == index_.end() ? std::string() : trim(row.fields[it->second]);
    }
    // lang → text for a translatable field, non-empty cells only.
    std::map<std::string, std::string> texts(const csv::Record& row,
                                             const std::string& field) const {
        std::map<std::string, std::string> out;
        auto it = text_langs_.find(field);
        if (it == text_langs_.end()) return out;
        for (const auto& lang : it->second) {
            std::string value = get(row, field + "@" + lang);
            if (!value.empty()) out[lang] = value;
        }
        return out;
    }

  private:
    std::string name_;
    csv::Table table_;
    std::map<std::string, size_t> index_;
    std::map<std::string, std::vector<std::string>> text_langs_;
    std::vector<const csv::Record*> rows_;
    size_t width_ = 0;
    bool valid_ = true;
};

struct PendingLink {
    std::string target;
    std::string file;
    int line = 0;
};

class Loader {
  public:
    Loader(const fs::path& dir, CheckReport& report)
        : dir_(dir), report_(report), problems_(report.problems) {}

    SourceSet run() {
        if (!fs::is_directory(dir_)) {
            problems_.add(dir_.string(), 0, "not a folder");
            return std::move(set_);
        }
        load_languages();
        load_categories();
        load_markdown_folder("articles", ItemType::article);
        load_markdown_folder("news", ItemType::news);
        load_markdown_folder("programmes", ItemType::programme);
        load_institutions();
        load_legislation();
        load_cooperation();
        load_statistics();
        check_cross_references();
        finish();
        return std::move(set_);
    }

  private:
    std::optional<std::string> read(const std::string& relative) {
        return read_text(dir_ / relative, relative, problems_, fingerprint_parts_);
    }

    std::optional<CsvFile> open_csv(const std::string& relative, const ColumnSpec& spec,
                                    bool required) {
        if (!fs::exists(dir_ / relative)) {
            if (required) problems_.add(relative, 0, "missing file");
            return std::nullopt;
        }
        auto text = read(relative);
        if (!text) return std::nullopt;
        CsvFile file(relative, csv::parse(*text), spec, language_codes_, set_.base_language,
                     problems_);
        if (!file.valid()) return std::nullopt;
        return file;
    }

    void load_languages() {
        ColumnSpec spec{{"code", "native_name", "base", "fallback"}, {}, {}};
        auto file = open_csv("languages.csv", spec, true);
        if (!file) return;
        std::map<std::string, std::pair<std::vector<std::string>, int>> declared;
        for (const auto* row : file->rows()) {
            LanguageRow language;
            language.code = file->get(*row, "code");
            language.native_name = file->get(*row, "native_name");
            std::string base = file->get(*row, "base");
            if (!is_language_code(language.code)) {
                problems_.add(file->name(), row->line,
                              "malformed language code '" + language.code +
                                  "' (a BCP 47 tag such as es, pt, ht or es-419)");
                continue;
            }
            if (language_codes_.count(language.code)) {
                problems_.add(file->name(), row->line,
                              "duplicate language '" + language.code + "'");
                continue;
            }
            if (language.native_name.empty())
                problems_.add(file->name(), row->line, "missing native_name");
            if (base != "yes" && !base.empty())
                problems_.add(file->name(), row->line,
                              "base must be 'yes' or empty, not '" + base + "'");
            language.is_base = base == "yes";
            if (language.is_base) {
                if (!set_.base_language.empty())
                    problems_.add(file->name(), row->line,
                                  "a second base language ('" + set_.base_language +
                                      "' is already the base)");
                else
                    set_.base_language = language.code;
            }
            declared[language.code] = {split_list(file->get(*row, "fallback"), ' '), row->line};
            language_codes_.insert(language.code);
            set_.languages.push_back(language);
        }
        if (set_.languages.size() > static_cast<size_t>(schema::kMaxLanguages))
            problems_.add("languages.csv", 0,
                          "too many languages: at most " + std::to_string(schema::kMaxLanguages));
        if (set_.base_language.empty() && !set_.languages.empty())
            problems_.add("languages.csv", 1, "no base language: mark exactly one row base = yes");
        for (auto& language : set_.languages) {
            auto& [fallbacks, line] = declared[language.code];
            for (const auto& code : fallbacks) {
                if (!language_codes_.count(code)) {
                    problems_.add("languages.csv", line,
                                  "fallback '" + code + "' is not a language of the set");
                    continue;
                }
                if (code == language.code) {
                    problems_.add("languages.csv", line,
                                  "a language cannot fall back to itself ('" + code + "')");
                    continue;
                }
                if (std::find(language.chain.begin(), language.chain.end(), code) ==
                    language.chain.end())
                    language.chain.push_back(code);
            }
            if (!language.is_base && !set_.base_language.empty() &&
                std::find(language.chain.begin(), language.chain.end(), set_.base_language) ==
                    language.chain.end())
                language.chain.push_back(set_.base_language);
            if (language.is_base && !language.chain.empty()) {
                problems_.add("languages.csv", line,
                              "the base language has no fallback (every text exists in it)");
                language.chain.clear();
            }
        }
    }

    void load_categories() {
        ColumnSpec spec{{"id", "icon", "types"}, {"title"}, {"title"}};
        auto file = open_csv("categories.csv", spec, true);
        if (!file) return;
        for (const auto* row : file->rows()) {
            CategoryRow category;
            category.id = file->get(*row, "id");
            category.icon = file->get(*row, "icon");
            if (!is_slug(category.id)) {
                problems_.add(file->name(), row->line,
                              "malformed id '" + category.id +
                                  "' (lowercase letters, digits and single dashes)");
                continue;
            }
            if (category_ids_.count(category.id)) {
                problems_.add(file->name(), row->line, "duplicate category '" + category.id + "'");
                continue;
            }
            if (!kIcons.count(category.icon))
                problems_.add(file->name(), row->line, "unknown icon '" + category.icon + "'");
            for (const auto& name : split_list(file->get(*row, "types"), ' ')) {
                auto type = item_type_from_string(name);
                if (!type)
                    problems_.add(file->name(), row->line, "unknown item type '" + name + "'");
                else
                    category.types.push_back(*type);
            }
            category.titles = file->texts(*row, "title");
            if (!category.titles.count(set_.base_language))
                problems_.add(file->name(), row->line,
                              "missing base-language text: title@" + set_.base_language);
            category_ids_.insert(category.id);
            set_.categories.push_back(std::move(category));
        }
    }

    // Adds an item, reporting a duplicate id across the whole set.
    void add_item(Item item) {
        auto [it, inserted] =
            id_locations_.emplace(item.id, item.file + ":" + std::to_string(item.line));
        if (!inserted) {
            problems_.add(item.file, item.line,
                          "duplicate id '" + item.id + "' (first defined at " + it->second + ")");
            return;
        }
        set_.items.push_back(std::move(item));
    }

    bool check_id(const std::string& id, const std::string& file, int line) {
        if (is_slug(id)) return true;
        problems_.add(file, line,
                      "malformed id '" + id +
                          "' (lowercase ASCII letters, digits and single dashes, at most 64)");
        return false;
    }

    void check_reviewed(const std::string& value, const std::string& file, int line,
                        const char* key = "reviewed") {
        if (value.empty())
            problems_.add(file, line, std::string("missing ") + key + " date");
        else if (!is_date(value))
            problems_.add(file, line,
                          std::string("bad date in ") + key + ": '" + value +
                              "' (a real date written YYYY-MM-DD)");
    }

    void check_categories(Item& item, const std::string& value, int line) {
        item.categories = split_list(value);
        for (const auto& c : item.categories) pending_categories_.push_back({c, item.file, line});
    }

    void check_countries(const std::vector<std::string>& countries, const std::string& file,
                         int line, const char* what) {
        for (const auto& c : countries)
            if (!is_country(c))
                problems_.add(file, line,
                              std::string("bad ") + what + " '" + c +
                                  "' (ISO 3166-1 alpha-2, two capital letters such as MX)");
    }

    // ---- Markdown items ------------------------------------------------------------------

    struct FrontMatter {
        std::map<std::string, std::pair<std::string, int>> values;  // key → (value, line)
        std::string body;
        int body_line = 1;
        bool ok = false;
    };

    FrontMatter parse_front_matter(const std::string& text, const std::string& file) {
        FrontMatter fm;
        std::vector<std::string> lines;
        size_t start = 0;
        while (start < text.size()) {
            size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            lines.push_back(text.substr(start, end - start));
            start = end + 1;
        }
        auto is_fence = [](const std::string& l) { return trim(l) == "---"; };
        if (lines.empty() || !is_fence(lines[0])) {
            problems_.add(file, 1, "missing front matter: the file must start with a --- line");
            return fm;
        }
        size_t close = 0;
        for (size_t i = 1; i < lines.size(); ++i)
            if (is_fence(lines[i])) {
                close = i;
                break;
            }
        if (close == 0) {
            problems_.add(file, 1, "front matter is never closed (add a --- line after it)");
            return fm;
        }
        fm.ok = true;
        for (size_t i = 1; i < close; ++i) {
            int line = static_cast<int>(i) + 1;
            std::string l = trim(lines[i]);
            if (l.empty()) continue;
            auto colon = l.find(':');
            if (colon == std::string::npos || colon == 0) {
                problems_.add(file, line, "expected 'key: value'");
                continue;
            }
            std::string key = trim(l.substr(0, colon));
            std::string value = trim(l.substr(colon + 1));
            if (fm.values.count(key)) {
                problems_.add(file, line, "duplicate key '" + key + "'");
                continue;
            }
            fm.values[key] = {value, line};
        }
        fm.body_line = static_cast<int>(close) + 2;
        size_t offset = 0;
        for (size_t i = 0; i <= close; ++i) offset += lines[i].size() + 1;
        fm.body = offset < text.size() ? text.substr(offset) : std::string();
        return fm;
    }

    void load_markdown_folder(const std::string& folder, ItemType type) {
        fs::path path = dir_ / folder;
        if (!fs::is_directory(path)) return;
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(path)) {
            std::string name = entry.path().filename().string();
            if (name.empty() || name[0] == '.') continue;
            names.push_back(name);
        }
        std::sort(names.begin(), names.end());
        // id → lang → (file name, front matter)
        std::map<std::string, std::map<std::string, std::pair<std::string, FrontMatter>>> files;
        for (const auto& name : names) {
            std::string relative = folder + "/" + name;
            if (!fs::is_regular_file(path / name)) {
                problems_.add(relative, 0, "unexpected folder (items are files named ID.LANG.md)");
                continue;
            }
            // ID.LANG.md
            bool named_well = name.size() > 3 && name.substr(name.size() - 3) == ".md";
            std::string stem = named_well ? name.substr(0, name.size() - 3) : name;
            auto dot = stem.rfind('.');
            if (!named_well || dot == std::string::npos) {
                problems_.add(relative, 0,
                              "file name must be ID.LANG.md (for example rights.es.md)");
                continue;
            }
            std::string id = stem.substr(0, dot), lang = stem.substr(dot + 1);
            if (!check_id(id, relative, 0)) continue;
            if (!language_codes_.count(lang)) {
                problems_.add(relative, 0, "language '" + lang + "' is not in languages.csv");
                continue;
            }
            auto text = read(relative);
            if (!text) continue;
            files[id][lang] = {relative, parse_front_matter(*text, relative)};
        }
        for (auto& [id, by_lang] : files) {
            auto base = by_lang.find(set_.base_language);
            if (base == by_lang.end()) {
                const auto& some = by_lang.begin()->second.first;
                problems_.add(some, 1,
                              "missing base-language text: no " + folder + "/" + id + "." +
                                  set_.base_language + ".md");
                continue;
            }
            Item item;
            item.type = type;
            item.id = id;
            item.file = base->second.first;
            item.line = 1;
            for (auto& [lang, entry] : by_lang) {
                auto& [file, fm] = entry;
                if (!fm.ok) continue;
                bool is_base = lang == set_.base_language;
                read_markdown_item(item, lang, file, fm, is_base);
            }
            add_item(std::move(item));
        }
    }

    void read_markdown_item(Item& item, const std::string& lang, const std::string& file,
                            FrontMatter& fm, bool is_base) {
        std::set<std::string> allowed = {"title", "summary"};
        std::set<std::string> shared = {"categories", "tags", "reviewed"};
        if (item.type == ItemType::news) shared.insert({"date", "kind"});
        if (item.type == ItemType::programme)
            shared.insert({"kind", "host_countries", "origin_countries", "sector", "season",
                           "official_link"});
        for (auto& [key, entry] : fm.values) {
            if (allowed.count(key)) continue;
            if (shared.count(key)) {
                if (!is_base)
                    problems_.add(file, entry.second,
                                  "'" + key + "' belongs in the base-language file only (" +
                                      item.id + "." + set_.base_language + ".md)");
                continue;
            }
            problems_.add(file, entry.second, "unknown key '" + key + "'");
        }
        auto value = [&](const std::string& key) {
            auto it = fm.values.find(key);
            return it == fm.values.end() ? std::string() : it->second.first;
        };
        auto line_of = [&](const std::string& key) {
            auto it = fm.values.find(key);
            return it == fm.values.end() ? 1 : it->second.second;
        };
        Texts texts;
        texts.title = value("title");
        texts.summary = value("summary");
        texts.body = fm.body;
        while (!texts.body.empty() &&
               (texts.body.back() == '\n' || texts.body.back() == ' ' || texts.body.back() == '\r'))
            texts.body.pop_back();
        if (texts.title.empty()) problems_.add(file, 1, "missing key 'title'");
        markdown::Scan scan = markdown::scan(texts.body);
        texts.body_plain = scan.plain;
        for (const auto& target : scan.item_links) {
            int line = fm.body_line;
            // Point at the line that holds the link.
            size_t at = texts.body.find("item:" + target);
            if (at != std::string::npos)
                line += static_cast<int>(std::count(
                    texts.body.begin(), texts.body.begin() + static_cast<long>(at), '\n'));
            pending_links_.push_back({target, file, line});
        }
        if (is_base) {
            if (trim(texts.body).empty())
                problems_.add(file, fm.body_line, "missing body text after the front matter");
            item.reviewed = value("reviewed");
            check_reviewed(item.reviewed, file, line_of("reviewed"));
            if (!fm.values.count("categories")) problems_.add(file, 1, "missing key 'categories'");
            check_categories(item, value("categories"), line_of("categories"));
            if (fm.values.count("categories") && item.categories.empty())
                problems_.add(file, line_of("categories"), "categories is empty");
            item.tags = split_list(value("tags"));
            item.kind = value("kind");
            if (item.type == ItemType::news) {
                item.date = value("date");
                check_reviewed(item.date, file, line_of("date"), "date");
                if (!item.kind.empty() && !kNewsKinds.count(item.kind))
                    problems_.add(file, line_of("kind"),
                                  "unknown kind '" + item.kind + "' (bulletin, press, interview)");
            }
            if (item.type == ItemType::programme) {
                if (item.kind.empty())
                    problems_.add(file, 1, "missing key 'kind'");
                else if (!kProgrammeKinds.count(item.kind))
                    problems_.add(file, line_of("kind"),
                                  "unknown kind '" + item.kind +
                                      "' (job-insertion, productive-investment, human-capital, "
                                      "seasonal-work)");
                item.host_countries = split_list(value("host_countries"));
                item.origin_countries = split_list(value("origin_countries"));
                check_countries(item.host_countries, file, line_of("host_countries"), "country");
                check_countries(item.origin_countries, file, line_of("origin_countries"),
                                "country");
                item.sector = value("sector");
                item.season = value("season");
                item.official_link = value("official_link");
                if (!item.official_link.empty() && !is_url(item.official_link))
                    problems_.add(file, line_of("official_link"),
                                  "official_link is not a web address (http:// or https://)");
                if (!item.host_countries.empty()) item.country = item.host_countries.front();
            }
        }
        item.texts[lang] = std::move(texts);
    }

    // ---- CSV items -----------------------------------------------------------------------

    // Reads FIELD@LANG for every text field into item.texts; a translation without base text
    // is a problem.
    void read_texts(Item& item, const CsvFile& file, const csv::Record& row,
                    const std::vector<std::pair<std::string, std::string Texts::*>>& fields) {
        for (const auto& [field, member] : fields) {
            auto values = file.texts(row, field);
            for (auto& [lang, value] : values) item.texts[lang].*member = value;
            // An institution's official name stands for its base-language name.
            bool base_optional = item.type == ItemType::institution && field == "name";
            if (!base_optional && !values.empty() && !values.count(set_.base_language))
                problems_.add(file.name(), row.line,
                              "missing base-language text: " + field + "@" + set_.base_language +
                                  " is empty but other languages have it");
        }
    }

    bool start_csv_item(Item& item, ItemType type, const CsvFile& file, const csv::Record& row) {
        item.type = type;
        item.id = file.get(row, "id");
        item.file = file.name();
        item.line = row.line;
        if (!check_id(item.id, file.name(), row.line)) return false;
        item.reviewed = file.get(row, "reviewed");
        check_reviewed(item.reviewed, file.name(), row.line);
        check_categories(item, file.get(row, "categories"), row.line);
        return true;
    }

    void require_title(const Item& item, const CsvFile& file, const csv::Record& row,
                       const char* field = "title") {
        auto it = item.texts.find(set_.base_language);
        if (it == item.texts.end() || it->second.title.empty())
            problems_.add(
                file.name(), row.line,
                std::string("missing base-language text: ") + field + "@" + set_.base_language);
    }

    void check_country_cell(const std::string& country, const CsvFile& file, int line,
                            bool required = true) {
        if (country.empty()) {
            if (required) problems_.add(file.name(), line, "missing country");
        } else if (!is_country(country)) {
            problems_.add(file.name(), line,
                          "bad country '" + country +
                              "' (ISO 3166-1 alpha-2, two capital letters such as MX)");
        }
    }

    void load_institutions() {
        ColumnSpec spec{
            {"id", "kind", "name", "services", "languages", "address", "city", "country", "phone",
             "email", "website", "lat", "lon", "categories", "reviewed"},
            {"name", "description", "hours"},
            {}};
        auto file = open_csv("institutions.csv", spec, false);
        if (!file) return;
        for (const auto* row : file->rows()) {
            Item item;
            if (!start_csv_item(item, ItemType::institution, *file, *row)) continue;
            int line = row->line;
            item.kind = file->get(*row, "kind");
            if (!kInstitutionKinds.count(item.kind))
                problems_.add(file->name(), line,
                              "unknown kind '" + item.kind +
                                  "' (public-body, consulate, ngo, university, "
                                  "migrant-association, international-organization)");
            item.official_name = file->get(*row, "name");
            if (item.official_name.empty()) problems_.add(file->name(), line, "missing name");
            item.services = split_list(file->get(*row, "services"));
            for (const auto& s : item.services)
                if (!kServices.count(s))
                    problems_.add(file->name(), line, "unknown service '" + s + "'");
            item.spoken_languages = split_list(file->get(*row, "languages"));
            for (const auto& l : item.spoken_languages)
                if (!is_language_code(l))
                    problems_.add(file->name(), line,
                                  "malformed language code '" + l + "' in languages");
            item.address = file->get(*row, "address");
            item.city = file->get(*row, "city");
            item.country = file->get(*row, "country");
            check_country_cell(item.country, *file, line);
            item.phone = file->get(*row, "phone");
            item.email = file->get(*row, "email");
            if (!item.email.empty() && !is_email(item.email))
                problems_.add(file->name(), line, "malformed e-mail '" + item.email + "'");
            item.website = file->get(*row, "website");
            if (!item.website.empty() && !is_url(item.website))
                problems_.add(
                    file->name(), line,
                    "website is not a web address (http:// or https://): '" + item.website + "'");
            std::string lat = file->get(*row, "lat"), lon = file->get(*row, "lon");
            if (lat.empty() != lon.empty()) {
                problems_.add(file->name(), line,
                              "bad coordinates: give both lat and lon, or neither");
            } else if (!lat.empty()) {
                auto la = parse_decimal(lat), lo = parse_decimal(lon);
                if (!la || *la < -90 || *la > 90)
                    problems_.add(
                        file->name(), line,
                        "bad coordinates: lat '" + lat + "' is not a decimal between -90 and 90");
                else if (!lo || *lo < -180 || *lo > 180)
                    problems_.add(
                        file->name(), line,
                        "bad coordinates: lon '" + lon + "' is not a decimal between -180 and 180");
                else
                    item.coordinates = Coordinates{*la, *lo};
            }
            read_texts(item, *file, *row,
                       {{"name", &Texts::title},
                        {"description", &Texts::summary},
                        {"hours", &Texts::extra}});
            // The official name stands for the base-language title when no translation is given.
            if (!item.official_name.empty()) {
                auto& base_text = item.texts[set_.base_language];
                if (base_text.title.empty()) base_text.title = item.official_name;
            }
            add_item(std::move(item));
        }
    }

    void load_legislation() {
        ColumnSpec spec{{"id", "country", "year", "kind", "official_reference", "url", "categories",
                         "reviewed"},
                        {"title", "summary"},
                        {"title"}};
        auto file = open_csv("legislation.csv", spec, false);
        if (!file) return;
        for (const auto* row : file->rows()) {
            Item item;
            if (!start_csv_item(item, ItemType::legislation, *file, *row)) continue;
            int line = row->line;
            item.country = file->get(*row, "country");
            check_country_cell(item.country, *file, line);
            std::string year = file->get(*row, "year");
            if (auto y = parse_year(year))
                item.year = *y;
            else
                problems_.add(file->name(), line,
                              "bad year '" + year + "' (four digits, 1800 to 2100)");
            item.kind = file->get(*row, "kind");
            if (!kNormKinds.count(item.kind))
                problems_.add(file->name(), line,
                              "unknown kind '" + item.kind +
                                  "' (constitution, law, decree, regulation, treaty, resolution)");
            item.official_reference = file->get(*row, "official_reference");
            item.url = file->get(*row, "url");
            if (!item.url.empty() && !is_url(item.url))
                problems_.add(file->name(), line,
                              "url is not a web address (http:// or https://): '" + item.url + "'");
            read_texts(item, *file, *row, {{"title", &Texts::title}, {"summary", &Texts::summary}});
            require_title(item, *file, *row);
            add_item(std::move(item));
        }
    }

    void load_cooperation() {
        ColumnSpec spec{
            {"id", "direction", "country", "theme", "contact", "categories", "reviewed"},
            {"title", "summary"},
            {"title"}};
        auto file = open_csv("cooperation.csv", spec, false);
        if (!file) return;
        for (const auto* row : file->rows()) {
            Item item;
            if (!start_csv_item(item, ItemType::cooperation, *file, *row)) continue;
            int line = row->line;
            item.direction = file->get(*row, "direction");
            if (!kDirections.count(item.direction))
                problems_.add(file->name(), line,
                              "unknown direction '" + item.direction + "' (offer or request)");
            item.kind = item.direction;
            item.country = file->get(*row, "country");
            check_country_cell(item.country, *file, line);
            item.theme = file->get(*row, "theme");
            item.contact = file->get(*row, "contact");
            read_texts(item, *file, *row, {{"title", &Texts::title}, {"summary", &Texts::summary}});
            require_title(item, *file, *row);
            add_item(std::move(item));
        }
    }

    void load_statistics() {
        ColumnSpec spec{{"id", "unit", "source", "categories", "reviewed"},
                        {"title", "description"},
                        {"title"}};
        auto file = open_csv("statistics/series.csv", spec, false);
        std::map<std::string, size_t> series_index;
        std::vector<Item> series;
        if (file) {
            for (const auto* row : file->rows()) {
                Item item;
                if (!start_csv_item(item, ItemType::statistics, *file, *row)) continue;
                item.unit = file->get(*row, "unit");
                if (item.unit.empty()) problems_.add(file->name(), row->line, "missing unit");
                item.source = file->get(*row, "source");
                read_texts(item, *file, *row,
                           {{"title", &Texts::title}, {"description", &Texts::summary}});
                require_title(item, *file, *row);
                series_index[item.id] = series.size();
                series.push_back(std::move(item));
            }
        }
        ColumnSpec value_spec{{"series", "country", "year", "value"}, {}, {}};
        bool has_values = fs::exists(dir_ / "statistics/values.csv");
        if (file && !has_values) problems_.add("statistics/values.csv", 0, "missing file");
        auto values = open_csv("statistics/values.csv", value_spec, false);
        if (values) {
            if (!file && fs::exists(dir_ / "statistics/values.csv") &&
                !fs::exists(dir_ / "statistics/series.csv"))
                problems_.add("statistics/series.csv", 0, "missing file");
            std::map<std::tuple<std::string, std::string, int>, int> seen;
            for (const auto* row : values->rows()) {
                int line = row->line;
                std::string id = values->get(*row, "series");
                auto it = series_index.find(id);
                if (it == series_index.end()) {
                    problems_.add(values->name(), line,
                                  "series '" + id + "' is not in statistics/series.csv");
                    continue;
                }
                DataPoint point;
                point.country = values->get(*row, "country");
                check_country_cell(point.country, *values, line);
                std::string year = values->get(*row, "year");
                auto y = parse_year(year);
                if (!y) {
                    problems_.add(values->name(), line,
                                  "bad year '" + year + "' (four digits, 1800 to 2100)");
                    continue;
                }
                point.year = *y;
                std::string value = values->get(*row, "value");
                auto v = parse_decimal(value);
                if (!v) {
                    problems_.add(values->name(), line,
                                  "bad value '" + value + "' (a decimal number such as 1234.5)");
                    continue;
                }
                point.value = *v;
                auto key = std::make_tuple(id, point.country, point.year);
                if (auto [at, fresh] = seen.emplace(key, line); !fresh) {
                    problems_.add(values->name(), line,
                                  "duplicate value for " + id + " " + point.country + " " +
                                      std::to_string(point.year) + " (first at line " +
                                      std::to_string(at->second) + ")");
                    continue;
                }
                series[it->second].points.push_back(point);
            }
        }
        for (auto& item : series) {
            std::sort(item.points.begin(), item.points.end(), [](const auto& a, const auto& b) {
                return std::tie(a.country, a.year) < std::tie(b.country, b.year);
            });
            add_item(std::move(item));
        }
    }

    void check_cross_references() {
        for (const auto& ref : pending_categories_)
            if (!category_ids_.count(ref.target))
                problems_.add(ref.file, ref.line,
                              "unknown category '" + ref.target + "' (not in categories.csv)");
        for (const auto& link : pending_links_)
            if (!id_locations_.count(link.target))
                problems_.add(link.file, link.line,
                              "broken link: item:" + link.target + " names no item of the set");
    }

    void finish() {
        std::sort(set_.items.begin(), set_.items.end(),
                  [](const Item& a, const Item& b) { return a.id < b.id; });
        for (const auto& item : set_.items)
            if (item.reviewed > set_.newest_review && is_date(item.reviewed))
                set_.newest_review = item.reviewed;
        // FNV-1a over every file read, in path order.
        std::sort(fingerprint_parts_.begin(), fingerprint_parts_.end());
        std::uint64_t hash = 1469598103934665603ull;
        for (const auto& part : fingerprint_parts_)
            for (unsigned char c : part) {
                hash ^= c;
                hash *= 1099511628211ull;
            }
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
        set_.fingerprint = hex;

        for (const auto& language : set_.languages)
            for (ItemType type : kAllItemTypes) {
                CoverageRow row{language.code, type, 0, 0};
                for (const auto& item : set_.items) {
                    if (item.type != type) continue;
                    ++row.total;
                    auto it = item.texts.find(language.code);
                    if (it != item.texts.end() && !it->second.empty()) ++row.translated;
                }
                report_.coverage.push_back(row);
            }
        report_.item_count = static_cast<int>(set_.items.size());
        std::stable_sort(report_.problems.begin(), report_.problems.end(),
                         [](const Diagnostic& a, const Diagnostic& b) {
                             return std::tie(a.file, a.line) < std::tie(b.file, b.line);
                         });
    }

    struct Reference {
        std::string target;
        std::string file;
        int line = 0;
    };

    fs::path dir_;
    CheckReport& report_;
    Problems problems_;
    SourceSet set_;
    std::set<std::string> language_codes_;
    std::set<std::string> category_ids_;
    std::map<std::string, std::string> id_locations_;
    std::vector<Reference> pending_categories_;
    std::vector<PendingLink> pending_links_;
    std::vector<std::string> fingerprint_parts_;
};

}  // namespace

SourceSet load(const fs::path& dir, CheckReport& report) {
    return Loader(dir, report).run();
}

}  // namespace guichet::content::sources
