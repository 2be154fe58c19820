// SPDX-License-Identifier: GPL-3.0-or-later
// names.csv: what each code a visitor reads is called in each language (FORMAT.md, "names"),
// and the check that no code reaches a visitor raw: every code the items use has a name in the
// base language, from this table or the kiosk's own catalogue.
#include <algorithm>

#include "messages.h"
#include "source_values.h"
#include "source_loader.h"
#include "value_help.h"

namespace guichet::content::sources {
using messages::tr;
using messages::trf;

const std::vector<std::string>& code_fields() {
    static const std::vector<std::string> fields = {"kind",      "service", "programme",
                                                    "sector",    "law",     "direction",
                                                    "theme",     "unit",    "publication"};
    return fields;
}

std::vector<std::pair<std::string, std::string>> codes_of(const Item& item) {
    std::vector<std::pair<std::string, std::string>> codes;
    auto use = [&](const char* field, const std::string& code) {
        if (!code.empty()) codes.emplace_back(field, code);
    };
    switch (item.type) {
        case ItemType::institution:
            use("kind", item.kind);
            for (const auto& service : item.services) use("service", service);
            break;
        case ItemType::programme:
            use("programme", item.kind);
            use("sector", item.sector);
            break;
        case ItemType::legislation:
            use("law", item.kind);
            break;
        case ItemType::cooperation:
            use("direction", item.direction);
            use("theme", item.theme);
            break;
        case ItemType::statistics:
            use("unit", item.unit);
            break;
        case ItemType::publication:
            use("publication", item.kind);
            break;
        case ItemType::news:  // a news item's kind is not shown to visitors
        case ItemType::article:
            break;
    }
    return codes;
}

std::optional<std::string> code_name(const SourceSet& set, const std::string& field,
                                     const std::string& code, const std::string& lang) {
    if (auto row = set.code_names.find({field, code}); row != set.code_names.end())
        if (auto name = row->second.names.find(lang); name != row->second.names.end())
            return name->second;
    return messages::kiosk_label(field, code, lang);
}

namespace {

// The fields whose codes come from a fixed list: a code outside it is already reported as
// unknown where it is written, so it is not reported again as unnamed.
const std::set<std::string>* valid_codes(const std::string& field) {
    if (field == "kind") return &kInstitutionKinds;
    if (field == "service") return &kServices;
    if (field == "programme") return &kProgrammeKinds;
    if (field == "law") return &kNormKinds;
    if (field == "direction") return &kDirections;
    if (field == "publication") return &kPublicationKinds;
    return nullptr;  // sector, theme, unit: any code staff choose, named in names.csv
}

}  // namespace

void Loader::load_names() {
    ColumnSpec spec{{"field", "code"}, {"name"}, {}};
    if (!table_exists("names.csv")) return;
    auto file = open_csv("names.csv", spec, false);
    if (!file) {
        names_refused_ = true;  // its own message says why
        return;
    }
    const std::set<std::string> fields(code_fields().begin(), code_fields().end());
    for (const auto* row : file->rows()) {
        const int line = row->line;
        const std::string field = file->get(*row, "field");
        const std::string code = file->get(*row, "code");
        if (!fields.count(field)) {
            cell_problem(*file, line, "field",
                         (field.empty() ? tr("missing field")
                                        : trf("unknown field '{1}'", {field})) +
                             value_help(*file, "field", field, fields));
            continue;
        }
        if (code.empty()) {
            cell_problem(*file, line, "code", tr("missing code"));
            continue;
        }
        CodeNameRow names{file->name(), line, file->texts(*row, "name")};
        if (names.names.empty()) {
            problems_.add(file->name(), line,
                          trf("no name for {1} '{2}' in any language", {field, code}));
            continue;
        }
        bool too_long = false;
        for (const auto& [lang, name] : names.names)
            if (name.size() > kMaxCodeNameBytes) {
                cell_problem(*file, line, "name@" + lang,
                             trf("a name of {1} bytes (at most {2}): a name is a few words",
                                 {std::to_string(name.size()),
                                  std::to_string(kMaxCodeNameBytes)}));
                too_long = true;
            }
        if (too_long) continue;
        auto [it, fresh] = set_.code_names.emplace(std::make_pair(field, code), names);
        if (!fresh)
            problems_.add(file->name(), line,
                          trf("{1} '{2}' already has a row (line {3}): put all its names there",
                              {field, code, std::to_string(it->second.line)}));
    }
}

void Loader::check_code_names() {
    const std::string& base = set_.base_language;
    if (base.empty()) return;  // languages.csv's own problem
    std::string table = "names.csv";
    for (const auto& [key, row] : set_.code_names) table = row.file;
    std::set<std::pair<std::string, std::string>> used;
    for (const Item& item : set_.items)
        for (const auto& [field, code] : codes_of(item)) {
            const auto* valid = valid_codes(field);
            if (valid && !valid->count(code)) continue;
            used.emplace(field, code);
            // A names table that could not be read is one message, not one per code it names.
            if (names_refused_ || code_name(set_, field, code, base)) continue;
            auto place = item.code_places.find(field);
            const auto [line, column] =
                place == item.code_places.end() ? std::make_pair(item.line, 0) : place->second;
            problems_.add(item.file, line,
                          trf("{1} '{2}' has no name in {3} (the base language), so visitors "
                              "would read the code: name it in {4}, a row {1},{2},… (or write a "
                              "code the kiosk names)",
                              {field, code, base, table}),
                          column);
        }
    // A row naming a code nothing uses and the kiosk does not know is most likely a slip.
    for (const auto& [key, row] : set_.code_names) {
        if (used.count(key)) continue;
        bool known = false;
        for (const auto& language : set_.languages)
            known = known || messages::kiosk_label(key.first, key.second, language.code);
        if (!known)
            report_.warnings.push_back(
                {row.file, row.line,
                 trf("no item uses {1} '{2}' (a slip in the code?)", {key.first, key.second})});
    }
    if (names_refused_) return;
    // The other languages: a visitor reads such a name in the next language of the chain.
    constexpr size_t kListed = 12;
    for (const auto& language : set_.languages) {
        if (language.code == base) continue;
        std::vector<std::string> missing;
        for (const auto& [field, code] : used)
            if (!code_name(set_, field, code, language.code)) missing.push_back(field + " " + code);
        if (missing.empty()) continue;
        std::string list;
        for (size_t i = 0; i < missing.size() && i < kListed; ++i)
            list += (i ? ", " : "") + missing[i];
        if (missing.size() > kListed) list += ", …";
        report_.warnings.push_back(
            {table, 0,
             trf("no name in {2} for {1} of the codes used (visitors reading {2} see those "
                 "in the next language of its chain): {3}",
                 {std::to_string(missing.size()), language.code, list})});
    }
}

}  // namespace guichet::content::sources
