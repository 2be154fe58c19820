// SPDX-License-Identifier: GPL-3.0-or-later
// The loader behind sources::load: one pass over a source folder that reads every file, checks
// every value and gathers the items. Its parts live by concern: the set's skeleton (languages,
// categories, cross-references, fingerprint) in sources.cpp, Markdown items in
// source_markdown_items.cpp, table items in source_table_items.cpp. Internal to content/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "content/store.h"
#include "front_matter.h"
#include "platform/confined_dir.h"
#include "source_tables.h"
#include "sources.h"

namespace guichet::content::sources {

// A PNG or JPEG file by its name (.png, .jpg, .jpeg, any case): in an item folder it is a
// picture its pages show, not an item.
bool is_picture_file(const std::string& name);

class Loader {
  public:
    Loader(const std::filesystem::path& dir, CheckReport& report)
        : dir_(dir), report_(report), problems_(report.problems) {}

    SourceSet run();

  private:
    // sources.cpp: reading, the set's skeleton and the checks every kind of item shares.
    std::optional<std::string> read(const std::string& relative);
    // The file holding the table named `csv_name` ("institutions.csv"): that name or the same
    // stem as .tsv, .txt, .xlsx or .ods; nullopt when none, "" when several (reported).
    std::optional<std::string> find_table(const std::string& csv_name);
    bool table_exists(const std::string& csv_name);
    // The table read from whichever file holds it (table_file.h), its header checked.
    std::optional<CsvFile> open_csv(const std::string& relative, const ColumnSpec& spec,
                                    bool required);
    void load_languages();
    void load_categories();
    // Adds an item, reporting a duplicate id across the whole set.
    void add_item(Item item);
    bool check_id(const std::string& id, const std::string& file, int line);
    void check_reviewed(const std::string& value, const std::string& file, int line,
                        const char* key = "reviewed");
    void check_categories(Item& item, const std::string& value, int line);
    void check_countries(std::vector<std::string>& countries, const std::string& file,
                         int line, const char* what);
    void check_cross_references();
    void finish();

    // source_markdown_items.cpp: articles, news and programmes (ID.LANG.md files).
    void load_markdown_folder(const std::string& folder, ItemType type);
    // An image a Markdown body shows: present, readable, PNG or JPEG, at most kMaxImageBytes.
    static constexpr std::int64_t kMaxImageBytes = static_cast<std::int64_t>(content::kMaxImageBytes);
    // A Markdown item (content/FORMAT.md): far beyond any page staff write.
    static constexpr std::int64_t kMaxMarkdownBytes = 16 << 20;
    void check_image(const std::string& source, const std::string& file, int line);
    void read_markdown_item(Item& item, const std::string& lang, const std::string& file,
                            FrontMatter& fm, bool is_base);

    // source_table_items.cpp: institutions, legislation, cooperation, statistics (CSV files).
    // Reads FIELD@LANG for every text field into item.texts; a translation without base text
    // is a problem.
    void read_texts(Item& item, const CsvFile& file, const csv::Record& row,
                    const std::vector<std::pair<std::string, std::string Texts::*>>& fields);
    bool start_csv_item(Item& item, ItemType type, const CsvFile& file, const csv::Record& row);
    void require_title(const Item& item, const CsvFile& file, const csv::Record& row,
                       const char* field = "title");
    // A country given by name becomes its code (with a warning).
    void check_country_cell(std::string& country, const CsvFile& file, int line,
                            bool required = true);
    // A problem of one cell: file:line:column, "column J 'Servicios': " then `message`.
    void cell_problem(const CsvFile& file, int line, const std::string& column,
                      const std::string& message);
    void cell_warning(const CsvFile& file, int line, const std::string& column,
                      const std::string& message);
    // did_you_mean for a cell of `column`: the valid list comes with the first suggestion in
    // each file's column and with every value nothing is near, not with every suggestion.
    std::string value_help(const CsvFile& file, const std::string& column,
                           const std::string& value, const std::set<std::string>& valid,
                           const char* label_context = nullptr);
    std::set<std::string> lists_shown_;  // "file\tcolumn"
    void check_institution_details(Item& item, const CsvFile& file, const csv::Record& row);
    // Where a series' or a publication's details come from: `source` (one line for every
    // language; the base language's, in effect) into item.source, `source@LANG` into each
    // language's Texts::source; each cell at most kMaxSourceBytes.
    static constexpr size_t kMaxSourceBytes = 500;  // a citation or an address, not a text
    void read_sources(Item& item, const CsvFile& file, const csv::Record& row);
    void load_institutions();
    void load_legislation();
    void load_cooperation();
    void load_statistics();
    // publications.csv and the optional full texts publications/ID.LANG.md (plain Markdown).
    void load_publications();
    void read_full_texts(std::vector<Item>& publications);

    // source_synonyms.cpp: synonyms/LANG.csv.
    void load_synonyms();

    // source_names.cpp: names.csv (what each code is called, per language) and the check that
    // every code the items use has a name in the base language (the others: a warning).
    static constexpr size_t kMaxCodeNameBytes = 200;  // one line on a 800 px screen, and more
    void load_names();
    void check_code_names();
    bool names_refused_ = false;  // names.csv exists but cannot be read as a table

    // source_map.cpp: the base map, map/NAME.mbtiles (at most one file).
    static constexpr std::int64_t kMaxMapBytes = 128 << 20;
    void load_map();

    struct Reference {
        std::string target;
        std::string file;
        int line = 0;
    };

    std::filesystem::path dir_;
    // Every file is read through this: a symlink is followed only while it stays inside the
    // source folder, and a FIFO or a device is refused without being opened.
    std::optional<files::ConfinedDir> folder_;
    CheckReport& report_;
    Problems problems_;
    SourceSet set_;
    std::set<std::string> language_codes_;
    std::set<std::string> category_ids_;
    std::map<std::string, std::string> id_locations_;
    std::vector<Reference> pending_categories_;
    std::vector<Reference> pending_links_;
    std::vector<std::string> fingerprint_parts_;
    bool refused_files_ = false;
    std::string review_due_;  // YYYY-MM-DD a year before today  // a table unreadable as a whole
                              // (its message says why)
};

}  // namespace guichet::content::sources
