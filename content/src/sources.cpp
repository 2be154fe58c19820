// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <tuple>

#include "platform/files.h"
#include "schema.h"
#include "messages.h"
#include "source_loader.h"
#include "source_values.h"
#include "table_file.h"
#include "value_help.h"

namespace guichet::content::sources {
namespace fs = std::filesystem;

SourceSet Loader::run() {
    // Items last checked more than a year ago get a warning.
    {
        auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
        std::chrono::year_month_day due{today - std::chrono::days(365)};
        char text[48];
        std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(due.year()),
                      static_cast<unsigned>(due.month()), static_cast<unsigned>(due.day()));
        review_due_ = text;
    }
    if (!fs::is_directory(dir_)) {
        problems_.add(dir_.string(), 0, "not a folder");
        return std::move(set_);
    }
    auto folder = files::ConfinedDir::open(dir_, files::Symlinks::within);
    if (!folder) {
        problems_.add(dir_.string(), 0, folder.message());
        return std::move(set_);
    }
    folder_.emplace(std::move(*folder));
    load_languages();
    load_categories();
    load_names();  // before the items: a code written as staff's name of it is suggested
    load_markdown_folder("articles", ItemType::article);
    load_markdown_folder("news", ItemType::news);
    load_markdown_folder("programmes", ItemType::programme);
    load_institutions();
    load_legislation();
    load_cooperation();
    load_statistics();
    load_publications();
    check_code_names();
    load_synonyms();
    load_map();
    check_cross_references();
    finish();
    return std::move(set_);
}

std::optional<std::string> Loader::read(const std::string& relative) {
    auto bytes = folder_->read(relative, kMaxMarkdownBytes);
    if (!bytes) {
        problems_.add(relative, 0, messages::trf("cannot read the file ({1})", {bytes.message()}));
        return std::nullopt;
    }
    return text_of(*bytes, relative, problems_, fingerprint_parts_);
}

std::optional<std::string> Loader::find_table(const std::string& csv_name) {
    std::string stem = csv_name.substr(0, csv_name.rfind('.'));
    std::vector<std::string> found;
    for (const char* ext : {".csv", ".tsv", ".txt", ".xlsx", ".ods"})
        if (fs::exists(dir_ / (stem + ext))) found.push_back(stem + ext);
    if (found.empty()) return std::nullopt;
    if (found.size() > 1) {
        std::string names;
        for (const auto& f : found) names += (names.empty() ? "" : ", ") + f;
        problems_.add(found[0], 0,
                      messages::trf("the same table is in {1} files ({2}): keep one and remove "
                                    "the others",
                                    {std::to_string(found.size()), names}));
        return std::string();
    }
    return found[0];
}

std::optional<CsvFile> Loader::open_csv(const std::string& relative, const ColumnSpec& spec,
                                        bool required) {
    auto name = find_table(relative);
    if (!name) {
        if (required) problems_.add(relative, 0, messages::tr("missing file"));
        return std::nullopt;
    }
    if (name->empty()) return std::nullopt;  // already reported
    auto format = table_file::format_of(*name);
    auto bytes = folder_->read(*name, table_file::kMaxFileBytes);
    if (!bytes) {
        problems_.add(*name, 0, messages::trf("cannot read the file ({1})", {bytes.message()}));
        return std::nullopt;
    }
    fingerprint_parts_.push_back(*name + '\0' + *bytes);
    // A workbook's sheet named like the table is read, else its first sheet.
    std::string stem = fs::path(*name).stem().string();
    auto read = table_file::read(*bytes, format.value_or(table_file::Format::csv), stem, false);
    if (read.fatal) {
        problems_.add(*name, 0, *read.fatal);
        refused_files_ = true;
        return std::nullopt;
    }
    for (const auto& warning : read.warnings) report_.warnings.push_back({*name, 0, warning});
    CsvFile file(*name, std::move(read.table), spec, language_codes_, set_.base_language,
                 problems_, format.value_or(table_file::Format::csv) == table_file::Format::csv);
    if (!file.valid()) {
        refused_files_ = true;
        return std::nullopt;
    }
    return file;
}

bool Loader::table_exists(const std::string& csv_name) {
    std::string stem = csv_name.substr(0, csv_name.rfind('.'));
    for (const char* ext : {".csv", ".tsv", ".txt", ".xlsx", ".ods"})
        if (fs::exists(dir_ / (stem + ext))) return true;
    return false;
}

void Loader::load_languages() {
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
                          messages::trf("malformed language code '{1}' (a BCP 47 tag such as "
                                        "es, pt, ht or es-419)",
                                        {language.code}));
            continue;
        }
        if (language_codes_.count(language.code)) {
            problems_.add(file->name(), row->line, messages::trf("duplicate language '{1}'", {language.code}));
            continue;
        }
        if (language.native_name.empty())
            problems_.add(file->name(), row->line, messages::tr("missing native_name"));
        if (base != "yes" && !base.empty())
            problems_.add(file->name(), row->line,
                          messages::trf("base must be 'yes' or empty, not '{1}'", {base}));
        language.is_base = base == "yes";
        if (language.is_base) {
            if (!set_.base_language.empty())
                problems_.add(
                    file->name(), row->line,
                    messages::trf("a second base language ('{1}' is already the base)",
                                  {set_.base_language}));
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
        problems_.add("languages.csv", 1, messages::tr("no base language: mark exactly one row base = yes"));
    for (auto& language : set_.languages) {
        auto& [fallbacks, line] = declared[language.code];
        for (const auto& code : fallbacks) {
            if (!language_codes_.count(code)) {
                problems_.add("languages.csv", line,
                              messages::trf("fallback '{1}' is not a language of the set", {code}));
                continue;
            }
            if (code == language.code) {
                problems_.add("languages.csv", line,
                              messages::trf("a language cannot fall back to itself ('{1}')", {code}));
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
                          messages::tr("the base language has no fallback (every text exists in it)"));
            language.chain.clear();
        }
        // Text in a language the kiosk's own words (buttons, labels) are not translated into:
        // a visitor who picks it reads the content, and the buttons in its chain's first
        // language that has them.
        if (!messages::kiosk_has_language(language.code)) {
            std::string shown = "en";
            for (const auto& code : language.chain)
                if (messages::kiosk_has_language(code)) {
                    shown = code;
                    break;
                }
            report_.warnings.push_back(
                {"languages.csv", line,
                 messages::trf("the kiosk has no interface in '{1}' ({2}): a visitor who picks "
                               "it reads the content in it but the buttons and labels in '{3}'; "
                               "have the kiosk translated (kiosk/po) or leave the language out",
                               {language.code, language.native_name, shown}),
                 file->column_of("code")});
        }
    }
}

void Loader::load_categories() {
    ColumnSpec spec{{"id", "icon", "types"}, {"title"}, {"title"}};
    auto file = open_csv("categories.csv", spec, true);
    if (!file) return;
    for (const auto* row : file->rows()) {
        CategoryRow category;
        category.id = file->get(*row, "id");
        category.icon = file->get(*row, "icon");
        if (!is_slug(category.id)) {
            problems_.add(
                file->name(), row->line,
                messages::trf("malformed id '{1}' (lowercase ASCII letters, digits and single "
                              "dashes, at most 64)",
                              {category.id}));
            continue;
        }
        if (category_ids_.count(category.id)) {
            problems_.add(file->name(), row->line, messages::trf("duplicate category '{1}'", {category.id}));
            continue;
        }
        if (!kIcons.count(category.icon))
            problems_.add(
                file->name(), row->line,
                messages::trf("unknown icon '{1}'", {category.icon}) +
                    did_you_mean(category.icon, kIcons));
        for (const auto& name : split_list(file->get(*row, "types"), ' ')) {
            auto type = item_type_from_string(name);
            if (!type)
                problems_.add(file->name(), row->line, messages::trf("unknown item type '{1}'", {name}) +
                                  did_you_mean(name, {"article", "cooperation", "institution",
                                                      "legislation", "news", "programme",
                                                      "statistics"}));
            else
                category.types.push_back(*type);
        }
        category.titles = file->texts(*row, "title");
        if (!category.titles.count(set_.base_language))
            problems_.add(file->name(), row->line,
                          messages::trf("missing base-language text: {1}",
                                        {"title@" + set_.base_language}));
        category_ids_.insert(category.id);
        set_.categories.push_back(std::move(category));
    }
}

void Loader::add_item(Item item) {
    auto [it, inserted] =
        id_locations_.emplace(item.id, item.file + ":" + std::to_string(item.line));
    if (!inserted) {
        problems_.add(item.file, item.line,
                      messages::trf("duplicate id '{1}' (first defined at {2})",
                                    {item.id, it->second}),
                      item.column);
        return;
    }
    set_.items.push_back(std::move(item));
}

bool Loader::check_id(const std::string& id, const std::string& file, int line) {
    if (is_slug(id)) return true;
    problems_.add(file, line,
                  messages::trf("malformed id '{1}' (lowercase ASCII letters, digits and single "
                                "dashes, at most 64)",
                                {id}));
    return false;
}

void Loader::check_reviewed(const std::string& value, const std::string& file, int line,
                            const char* key) {
    if (value.empty())
        problems_.add(file, line, messages::trf("missing {1} date", {key}));
    else if (!is_date(value))
        problems_.add(file, line,
                      messages::trf("bad date in {1}: '{2}' (a real date written YYYY-MM-DD)",
                                    {key, value}));
    else if (value < review_due_)
        report_.warnings.push_back(
            {file, line,
             messages::trf("{1} {2} is more than a year ago: check the item again and write "
                           "today's date",
                           {key, value})});
}

void Loader::check_categories(Item& item, const std::string& value, int line) {
    item.categories = split_list(value);
    for (const auto& c : item.categories) pending_categories_.push_back({c, item.file, line});
}

void Loader::check_countries(std::vector<std::string>& countries, const std::string& file,
                             int line, const char* /*what*/) {
    // As in tables: a country by name (es/fr/pt/en) or alpha-3 code is read as its code, with a
    // warning.
    for (auto& c : countries)
        if (!is_country(c)) {
            if (auto code = country_code(c)) {
                report_.warnings.push_back(
                    {file, line,
                     messages::trf("country '{1}' read as {2} (write {2} to say so yourself)",
                                   {c, *code})});
                c = *code;
                continue;
            }
            problems_.add(file, line,
                          messages::trf("bad country '{1}' (ISO 3166-1 alpha-2, two capital "
                                        "letters such as MX, or the country's name in Spanish, "
                                        "French, Portuguese or English)",
                                        {c}));
        }
}

// ---- Markdown items ------------------------------------------------------------------

void Loader::check_cross_references() {
    for (const auto& ref : pending_categories_)
        if (!category_ids_.count(ref.target))
            problems_.add(ref.file, ref.line,
                          messages::trf("unknown category '{1}' (not in categories.csv)",
                                        {ref.target}) +
                              (nearest(ref.target, category_ids_)
                                   ? messages::trf("; did you mean '{1}'{2}?",
                                                   {*nearest(ref.target, category_ids_), ""})
                                   : ""));
    // Links into a table that could not be read at all are that file's consequence, not news.
    if (refused_files_) return;
    for (const auto& link : pending_links_)
        if (!id_locations_.count(link.target))
            problems_.add(link.file, link.line,
                          messages::trf("broken link: item:{1} names no item of the set",
                                        {link.target}));
}

void Loader::finish() {
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
    // Most important first: a problem with a whole file (it stops everything else in it), then
    // row by row in file order.
    auto order = [](const Diagnostic& a, const Diagnostic& b) {
        return std::make_tuple(a.line != 0, a.file, a.line) <
               std::make_tuple(b.line != 0, b.file, b.line);
    };
    std::stable_sort(report_.problems.begin(), report_.problems.end(), order);
    std::stable_sort(report_.warnings.begin(), report_.warnings.end(), order);
}

SourceSet load(const fs::path& dir, CheckReport& report) {
    return Loader(dir, report).run();
}

}  // namespace guichet::content::sources
