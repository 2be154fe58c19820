// SPDX-License-Identifier: GPL-3.0-or-later
// guichet-content: the staff tool. build, check, search and synth (see --help).
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "content/compiler.h"
#include "content/store.h"
#include "content/store_changes.h"
#include "content/store_rows.h"
#include "content/synth.h"
#include "fonts/font_plan.h"
#include "messages.h"
#include "platform/i18n.h"
#include "platform/confined_dir.h"
#include "platform/files.h"
#include "table_export.h"
#include "table_file.h"

namespace {

using namespace guichet::content;

constexpr const char* kUsage =
    "usage:\n"
    "  guichet-content check SRC [--lang L]      validate a source folder, print coverage\n"
    "  guichet-content build SRC -o OUT.db [--lang L]\n"
    "                                            compile SRC into a store (atomic)\n"
    "  guichet-content search DB QUERY [--lang L] [--limit N] [--exact]\n"
    "                                            ranked hits: type, id, title (misspelled\n"
    "                                            words corrected unless --exact)\n"
    "  guichet-content list DB TYPE [--lang L]   every item of TYPE in its list's order: id,\n"
    "                                            title (what the kiosk's list screens show)\n"
    "  guichet-content synth OUTDIR --items N [--seed S] [--mutate-percent P]\n"
    "                                            write a synthetic source set\n"
    "  guichet-content rows DB OUT               the store's row image (what sync publishes)\n"
    "  guichet-content from-rows IMAGE OUT.db    build a store from a row image\n"
    "  guichet-content digest DB                 the store's content digest (store_changes.h)\n"
    "  guichet-content changes OLD.db NEW.db OUT the rows that turn OLD into NEW (a changeset)\n"
    "  guichet-content prepare DB VERSION        WAL mode, digest and VERSION recorded in DB\n"
    "  guichet-content apply DB CHANGES DIGEST VERSION [--undo FILE]\n"
    "                                            apply CHANGES in place; DIGEST must result\n"
    "  guichet-content table FILE [--sheet NAME] [--lang L]\n"
    "                                            a .csv/.xlsx/.ods table as the compiler reads\n"
    "                                            it, printed as UTF-8 comma CSV\n"
    "  guichet-content export SRC --format xlsx|ods|csv -o OUTDIR [--lang L]\n"
    "                                            SRC's tables written back as spreadsheets, one\n"
    "                                            file per table (Markdown items stay in SRC)\n"
    "check, build, table and export write their messages in L (es, fr, pt, en), else in the\n"
    "language of the system locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else in English.\n";

int usage_error(const std::string& message) {
    std::cerr << "guichet-content: " << message << "\n" << kUsage;
    return 2;
}

// The store at `path` for `search` and `list`, and the language to read it in: `lang`, else
// the store's base language. Nothing when it cannot be opened (the reason printed).
std::optional<std::pair<ContentStore, std::string>> open_to_read(const std::string& path,
                                                                 std::string lang) {
    auto store = ContentStore::open(path);
    if (!store) {
        std::cerr << "guichet-content: " << store.message() << "\n";
        return std::nullopt;
    }
    if (lang.empty()) {
        auto info = store->info();
        if (!info) {
            std::cerr << "guichet-content: " << info.message() << "\n";
            return std::nullopt;
        }
        lang = info->base_language;
    }
    return std::make_pair(std::move(*store), std::move(lang));
}

void print_problems(const CheckReport& report) {
    for (const auto& problem : report.problems) std::cerr << problem.to_string() << "\n";
    for (const auto& warning : report.warnings)
        std::cerr << Diagnostic{warning.file, warning.line,
                                guichet::content::messages::tr("warning: ") + warning.message,
                                warning.column}
                         .to_string()
                  << "\n";
}

// "summary: 12 items; 3 problems in 2 rows and 1 file; 1 warning" — the end of a check.
std::string summary(const CheckReport& report, size_t glyph_problems) {
    using guichet::content::messages::tr;
    using guichet::content::messages::trf;
    std::set<std::pair<std::string, int>> rows;
    std::set<std::string> files;
    for (const auto& p : report.problems) {
        if (p.line == 0)
            files.insert(p.file);
        else
            rows.insert({p.file, p.line});
    }
    auto count = [](size_t n, const std::string& one, const std::string& many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    std::string out = trf("summary: {1}", {count(static_cast<size_t>(report.item_count),
                                                tr("item"), tr("items"))});
    size_t problems = report.problems.size() + glyph_problems;
    if (problems == 0) {
        out += tr("; no problems");
    } else {
        out += trf("; {1} in {2} and {3}",
                   {count(problems, tr("problem"), tr("problems")),
                    count(rows.size(), tr("row"), tr("rows")),
                    count(files.size(), tr("file"), tr("files"))});
        if (glyph_problems)
            out += trf(" ({1} the kiosk cannot draw)",
                       {count(glyph_problems, tr("character"), tr("characters"))});
    }
    out += trf("; {1}", {count(report.warnings.size(), tr("warning"), tr("warnings"))});
    return out;
}

// A table file (CSV in any delimiter and encoding, .xlsx, .ods) as the compiler reads it,
// printed as UTF-8 comma CSV: what staff and tests compare.
int print_table(const std::string& path, const std::string& sheet) {
    namespace tf = guichet::content::table_file;
    auto format = tf::format_of(path);
    if (!format) {
        std::cerr << path << ": not a table file (.csv, .tsv, .txt, .xlsx or .ods)\n";
        return 1;
    }
    auto bytes = guichet::files::read_regular_file(path, tf::kMaxFileBytes);
    if (!bytes) {
        std::cerr << bytes.message() << "\n";
        return 1;
    }
    auto read = tf::read(*bytes, *format, sheet, !sheet.empty());
    for (const auto& warning : read.warnings)
        std::cerr << path << ": " << guichet::content::messages::tr("warning: ") << warning << "\n";
    if (read.fatal) {
        std::cerr << path << ": " << *read.fatal << "\n";
        return 1;
    }
    for (const auto& problem : read.table.problems)
        std::cerr << path << ":" << problem.line
                  << (problem.column > 0 ? ":" + std::to_string(problem.column) : std::string())
                  << ": " << problem.message << "\n";
    for (const auto& record : read.table.records) {
        for (size_t i = 0; i < record.fields.size(); ++i) {
            const std::string& field = record.fields[i];
            if (i) std::cout << ',';
            if (field.find_first_of(",\"\r\n") == std::string::npos) {
                std::cout << field;
                continue;
            }
            std::cout << '"';
            for (char c : field) std::cout << (c == '"' ? "\"\"" : std::string(1, c));
            std::cout << '"';
        }
        std::cout << "\n";
    }
    return read.table.problems.empty() ? 0 : 1;
}

// export: every table of SRC (whatever file holds it) as FORMAT in OUT, headers and cells as
// staff wrote them, so staff start from what is published. Markdown items are not tables.
int export_tables(const std::filesystem::path& source, const std::string& format_name,
                  const std::filesystem::path& out) {
    namespace fs = std::filesystem;
    namespace tf = guichet::content::table_file;
    auto format = format_name == "xlsx" ? tf::Format::xlsx
                  : format_name == "ods" ? tf::Format::ods
                  : format_name == "csv" ? std::optional(tf::Format::csv)
                                         : std::nullopt;
    if (!format) return usage_error("--format takes xlsx, ods or csv");
    if (!fs::is_directory(source)) {
        std::cerr << source.string() << ": not a folder\n";
        return 1;
    }
    std::vector<std::string> stems = {"languages", "categories", "institutions", "legislation",
                                      "cooperation", "statistics/series", "statistics/values",
                                      "publications", "names"};
    std::error_code ec;
    if (fs::is_directory(source / "synonyms", ec))
        for (const auto& entry : fs::directory_iterator(source / "synonyms", ec))
            if (entry.is_regular_file() && tf::format_of(entry.path().filename().string()))
                stems.push_back("synonyms/" + entry.path().stem().string());
    std::sort(stems.begin() + 9, stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
    int failures = 0, written = 0;
    for (const auto& stem : stems) {
        std::vector<std::string> found;
        for (const char* ext : {".csv", ".tsv", ".txt", ".xlsx", ".ods"})
            if (fs::is_regular_file(source / (stem + ext), ec)) found.push_back(stem + ext);
        if (found.empty()) continue;
        if (found.size() > 1) {
            std::cerr << found[0] << ": the same table is in " << found.size()
                      << " files: keep one and remove the others\n";
            ++failures;
            continue;
        }
        auto bytes = guichet::files::read_regular_file(source / found[0], tf::kMaxFileBytes);
        if (!bytes) {
            std::cerr << bytes.message() << "\n";
            ++failures;
            continue;
        }
        std::string sheet = fs::path(stem).filename().string();
        auto read = tf::read(*bytes, tf::format_of(found[0]).value_or(tf::Format::csv), sheet, false);
        if (read.fatal) {
            std::cerr << found[0] << ": " << *read.fatal << "\n";
            ++failures;
            continue;
        }
        for (const auto& warning : read.warnings)
            std::cerr << found[0] << ": " << guichet::content::messages::tr("warning: ") << warning
                      << "\n";
        tf::Rows rows;
        for (auto& record : read.table.records) rows.push_back(std::move(record.fields));
        fs::path target = out / (stem + "." + format_name);
        fs::create_directories(target.parent_path(), ec);
        if (auto error = tf::write_table(target, *format, sheet, rows)) {
            std::cerr << *error << "\n";
            ++failures;
            continue;
        }
        ++written;
        std::cout << "wrote " << target.string() << " (" << (rows.empty() ? 0 : rows.size() - 1)
                  << " rows, from " << found[0] << ")\n";
    }
    if (written == 0 && failures == 0) {
        std::cerr << source.string() << ": no tables (languages.csv, institutions.csv…)\n";
        return 1;
    }
    return failures ? 1 : 0;
}

// Characters of the sources that the kiosk's installed fonts cannot draw would show as boxes:
// the same Noto fonts from Debian's packages are on the staff machine and on the kiosk.
// Invalid UTF-8 is the compiler's own problem and is reported there.
std::vector<std::string> glyph_problems(const std::filesystem::path& source_dir) {
    namespace fs = std::filesystem;
    std::vector<std::string> problems;
    auto catalog = guichet::fonts::FontCatalog::scan_installed();
    if (!catalog) {
        problems.push_back(catalog.message() + " (apt-get install fonts-noto-core)");
        return problems;
    }
    // Read as the compiler reads: nothing outside the folder, nothing that is not a file.
    auto folder = guichet::files::ConfinedDir::open(source_dir, guichet::files::Symlinks::within);
    if (!folder) return problems;  // the compiler reports the folder itself
    std::vector<fs::path> paths;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(source_dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() &&
            (it->path().extension() == ".md" ||
             guichet::content::table_file::format_of(it->path().filename().string())))
            paths.push_back(it->path());
    std::sort(paths.begin(), paths.end());
    std::vector<guichet::fonts::NamedText> texts;
    for (const auto& path : paths) {
        auto text =
            folder->read(fs::relative(path, source_dir).string(), guichet::files::kMaxFileBytes);
        if (!text) continue;
        // Tables in any encoding or format are checked as the compiler reads them, one line
        // per row; what cannot be read is the compiler's own problem.
        namespace tf = guichet::content::table_file;
        if (auto format = tf::format_of(path.filename().string())) {
            auto read = tf::read(*text, *format, path.stem().string(), false);
            if (read.fatal) continue;
            std::string joined;
            for (const auto& record : read.table.records) {
                for (const auto& field : record.fields) joined += field + " ";
                joined += "\n";
            }
            *text = std::move(joined);
        }
        texts.push_back({fs::relative(path, source_dir).string(), std::move(*text)});
    }
    for (const auto& problem : guichet::fonts::find_undrawable(texts, *catalog))
        if (!problem.invalid_utf8) problems.push_back(problem.to_string());
    return problems;
}

std::string visible(std::string text) {
    for (char& c : text)
        if (c == kHighlightBegin)
            c = '[';
        else if (c == kHighlightEnd)
            c = ']';
        else if (c == '\n')
            c = ' ';
    return text;
}

bool parse_int(const std::string& text, long long& out) {
    try {
        size_t used = 0;
        out = std::stoll(text, &used);
        return used == text.size();
    } catch (...) {
        return false;
    }
}

int run(std::vector<std::string> args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    const std::string& command = args[0];
    // The staff commands speak the staff's language: --lang L, else the system locale's.
    if (command == "check" || command == "build" || command == "table" || command == "export") {
        std::string lang = guichet::i18n::system_language();
        for (size_t i = 1; i < args.size(); ++i)
            if (args[i] == "--lang") {
                if (i + 1 >= args.size()) return usage_error("--lang takes a language (es, fr, pt, en)");
                lang = args[i + 1];
                if (!guichet::content::messages::has_language(lang))
                    return usage_error("no messages in '" + lang + "' (es, fr, pt, en)");
                args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
                break;
            }
        // A locale the tool has no messages for (de_DE) falls back to English.
        if (guichet::content::messages::has_language(lang))
            guichet::content::messages::set_language(lang);
    }
    if (command == "check") {
        if (args.size() != 2) return usage_error("check takes one folder");
        CheckReport report = check_sources(args[1]);
        const auto glyphs = glyph_problems(args[1]);
        print_problems(report);
        for (const auto& problem : glyphs) std::cerr << problem << "\n";
        std::cout << format_coverage(report.coverage) << format_reading(report.reading);
        std::cerr << summary(report, glyphs.size()) << "\n";
        if (!report.ok() || !glyphs.empty()) {
            std::cerr << guichet::content::messages::trf(
                             "{1} problem(s)", {std::to_string(report.problems.size() + glyphs.size())})
                      << "\n";
            return 1;
        }
        std::cout << guichet::content::messages::trf("{1} items, no problems",
                                                     {std::to_string(report.item_count)})
                  << "\n";
        return 0;
    }
    if (command == "export") {
        std::string source, format, out;
        for (size_t i = 1; i < args.size(); ++i) {
            if (args[i] == "--format" && i + 1 < args.size())
                format = args[++i];
            else if (args[i] == "-o" && i + 1 < args.size())
                out = args[++i];
            else if (source.empty())
                source = args[i];
            else
                return usage_error("unexpected argument '" + args[i] + "'");
        }
        if (source.empty() || format.empty() || out.empty())
            return usage_error("export needs SRC, --format xlsx|ods|csv and -o OUTDIR");
        return export_tables(source, format, out);
    }
    if (command == "table") {
        if (args.size() == 2) return print_table(args[1], "");
        if (args.size() == 4 && args[2] == "--sheet") return print_table(args[1], args[3]);
        return usage_error("table takes FILE [--sheet NAME]");
    }
    if (command == "build") {
        std::string source, output;
        for (size_t i = 1; i < args.size(); ++i) {
            if (args[i] == "-o" && i + 1 < args.size())
                output = args[++i];
            else if (source.empty())
                source = args[i];
            else
                return usage_error("unexpected argument '" + args[i] + "'");
        }
        if (source.empty() || output.empty()) return usage_error("build needs SRC and -o OUT.db");
        if (const auto glyphs = glyph_problems(source); !glyphs.empty()) {
            print_problems(check_sources(source));
            for (const auto& problem : glyphs) std::cerr << problem << "\n";
            std::cerr << "guichet-content: not built: the kiosk could not draw these characters\n";
            return 1;
        }
        CheckReport report;
        auto built = build_store(source, output, report);
        print_problems(report);
        std::cout << format_coverage(report.coverage) << format_reading(report.reading);
        if (!built) {
            std::cerr << "guichet-content: " << built.message() << "\n";
            return 1;
        }
        std::cout << "wrote " << output << " (" << report.item_count << " items)\n";
        return 0;
    }
    if (command == "search") {
        std::vector<std::string> positional;
        std::string lang;
        long long limit = 20;
        bool exact = false;
        for (size_t i = 1; i < args.size(); ++i) {
            if (args[i] == "--lang" && i + 1 < args.size())
                lang = args[++i];
            else if (args[i] == "--exact")
                exact = true;
            else if (args[i] == "--limit" && i + 1 < args.size()) {
                if (!parse_int(args[++i], limit) || limit < 1 || limit > 200)
                    return usage_error("--limit takes a number from 1 to 200");
            } else
                positional.push_back(args[i]);
        }
        if (positional.size() != 2) return usage_error("search needs DB and QUERY");
        auto opened = open_to_read(positional[0], lang);
        if (!opened) return 1;
        auto& [store, read_lang] = *opened;
        auto found = store.search(positional[1], read_lang,
                                   SearchOptions{.limit = static_cast<int>(limit),
                                                 .correct_spelling = !exact});
        if (!found) {
            std::cerr << "guichet-content: " << found.message() << "\n";
            return 1;
        }
        if (!found->corrected_query.empty())
            std::cout << "# showing results for: " << found->corrected_query
                      << "\n# search instead for: " << found->typed_query << "\n";
        for (const auto& word : found->suggestions) std::cout << "# suggestion: " << word << "\n";
        for (const auto& category : found->nearest_categories)
            std::cout << "# nearest area: " << category.id << "\t" << category.title << "\n";
        const auto* hits = &found->hits;
        for (const auto& hit : *hits)
            std::cout << to_string(hit.type) << "\t" << hit.id << "\t" << hit.title << "\t"
                      << hit.language << "\t" << visible(hit.snippet) << "\n";
        return 0;
    }
    if (command == "list" && (args.size() == 3 || (args.size() == 5 && args[3] == "--lang"))) {
        auto type = item_type_from_string(args[2]);
        if (!type) return usage_error("unknown item type '" + args[2] + "'");
        auto opened = open_to_read(args[1], args.size() == 5 ? args[4] : std::string());
        if (!opened) return 1;
        auto& [store, lang] = *opened;
        for (std::int64_t offset = 0;;) {
            auto page = store.list(*type, lang, {}, {.offset = offset, .limit = 1000});
            if (!page) {
                std::cerr << "guichet-content: " << page.message() << "\n";
                return 1;
            }
            for (const auto& item : page->items)
                std::cout << item.header.id << "\t" << item.header.title << "\n";
            offset += static_cast<std::int64_t>(page->items.size());
            if (page->items.empty() || offset >= page->total) break;
        }
        return 0;
    }
    if (command == "synth") {
        std::string out;
        SynthOptions options;
        bool have_items = false;
        for (size_t i = 1; i < args.size(); ++i) {
            long long n = 0;
            if (args[i] == "--items" && i + 1 < args.size()) {
                if (!parse_int(args[++i], n) || n < 1 || n > 10'000'000)
                    return usage_error("--items takes a positive number");
                options.items = static_cast<int>(n);
                have_items = true;
            } else if (args[i] == "--seed" && i + 1 < args.size()) {
                if (!parse_int(args[++i], n) || n < 0) return usage_error("--seed takes a number");
                options.seed = static_cast<std::uint64_t>(n);
            } else if (args[i] == "--mutate-percent" && i + 1 < args.size()) {
                try {
                    options.mutate_percent = std::stod(args[++i]);
                } catch (...) {
                    return usage_error("--mutate-percent takes a number");
                }
                if (options.mutate_percent < 0 || options.mutate_percent > 100)
                    return usage_error("--mutate-percent takes 0 to 100");
            } else if (out.empty()) {
                out = args[i];
            } else {
                return usage_error("unexpected argument '" + args[i] + "'");
            }
        }
        if (out.empty() || !have_items) return usage_error("synth needs OUTDIR and --items N");
        auto written = write_synthetic_sources(out, options);
        if (!written) {
            std::cerr << "guichet-content: " << written.message() << "\n";
            return 1;
        }
        std::cout << "wrote " << written->items << " items to " << out << " (" << written->mutated
                  << " mutated)\n";
        return 0;
    }
    if (command == "rows" || command == "from-rows") {
        if (args.size() != 3) return usage_error(command + " needs an input and an output");
        auto done = command == "rows" ? export_store_rows(args[1], args[2])
                                      : build_store_from_rows(args[1], args[2]);
        if (!done) {
            std::cerr << "guichet-content: " << done.message() << "\n";
            return 1;
        }
        std::cout << done->tables << " tables, " << done->rows << " rows, image " << done->bytes
                  << " bytes\n";
        return 0;
    }
    if (command == "digest" && args.size() == 2) {
        auto digest = store_content_digest(args[1]);
        if (!digest) {
            std::cerr << "guichet-content: " << digest.message() << "\n";
            return 1;
        }
        std::cout << *digest << "\n";
        return 0;
    }
    if (command == "changes" && args.size() == 4) {
        auto changes = make_store_changeset(args[1], args[2]);
        if (!changes) {
            std::cerr << "guichet-content: " << changes.message() << "\n";
            return 1;
        }
        std::ofstream out(args[3], std::ios::binary);
        out.write(changes->bytes.data(), static_cast<std::streamsize>(changes->bytes.size()));
        if (!out.flush()) {
            std::cerr << "guichet-content: " << args[3] << ": write failed\n";
            return 1;
        }
        std::cout << changes->changes << " rows changed, " << changes->bytes.size() << " bytes\n";
        return 0;
    }
    if (command == "prepare" && args.size() == 3) {
        auto digest = store_content_digest(args[1]);
        if (!digest) {
            std::cerr << "guichet-content: " << digest.message() << "\n";
            return 1;
        }
        if (auto done = prepare_store_for_changes(args[1], {*digest, std::atoll(args[2].c_str())});
            !done) {
            std::cerr << "guichet-content: " << done.message() << "\n";
            return 1;
        }
        return 0;
    }
    if (command == "apply" && (args.size() == 5 || (args.size() == 7 && args[5] == "--undo"))) {
        std::ifstream in(args[2], std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto state = read_store_state(args[1]);
        if (!state) {
            std::cerr << "guichet-content: " << state.message() << "\n";
            return 1;
        }
        ApplyOptions options;
        options.base_digest = state->digest;
        options.result = {args[3], std::atoll(args[4].c_str())};
        if (args.size() == 7) options.undo = args[6];
        auto done = apply_store_changeset(args[1], bytes, options);
        if (!done) {
            std::cerr << "guichet-content: " << done.message() << "\n";
            return 1;
        }
        std::cout << done->changes << " rows changed, " << done->items << " items and "
                  << done->text_rows << " text rows indexed again\n";
        return 0;
    }
    return usage_error("unknown command '" + command + "'");
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return run(args);
}
