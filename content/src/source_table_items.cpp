// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <tuple>

#include "source_loader.h"
#include "source_values.h"
#include "messages.h"
#include "value_help.h"
#include "content/opening_hours.h"
#include "markdown.h"
#include "text_search.h"

namespace guichet::content::sources {
namespace fs = std::filesystem;
using messages::tr;
using messages::trf;

void Loader::cell_problem(const CsvFile& file, int line, const std::string& column,
                          const std::string& message) {
    problems_.add(file.name(), line, file.cell_label(column, line) + message,
                  file.column_of(column));
}

std::string Loader::value_help(const CsvFile& file, const std::string& column,
                               const std::string& value, const std::set<std::string>& valid,
                               const char* label_context) {
    bool first = lists_shown_.insert(file.name() + "\t" + column).second;
    // A value written as staff's own name of a code (names.csv, read before the items) names it.
    if (label_context) {
        const std::string folded = text::fold(value);
        for (const auto& [key, row] : set_.code_names) {
            if (key.first != label_context || !valid.count(key.second)) continue;
            for (const auto& [lang, name] : row.names)
                if (text::fold(name) == folded)
                    return trf("; did you mean '{1}'{2}?", {key.second, " (" + name + ")"});
        }
    }
    return did_you_mean(value, valid, label_context, first);
}

void Loader::cell_warning(const CsvFile& file, int line, const std::string& column,
                          const std::string& message) {
    report_.warnings.push_back(
        {file.name(), line, file.cell_label(column, line) + message, file.column_of(column)});
}

// is a problem.
void Loader::read_texts(Item& item, const CsvFile& file, const csv::Record& row,
                        const std::vector<std::pair<std::string, std::string Texts::*>>& fields) {
    for (const auto& [field, member] : fields) {
        auto values = file.texts(row, field);
        for (auto& [lang, value] : values) item.texts[lang].*member = value;
        // An institution's official name stands for its base-language name.
        bool base_optional = item.type == ItemType::institution && field == "name";
        if (!base_optional && !values.empty() && !values.count(set_.base_language))
            problems_.add(file.name(), row.line,
                          trf("missing base-language text: {1} is empty but other languages "
                              "have it",
                              {field + "@" + set_.base_language}),
                          file.column_of(field + "@" + set_.base_language));
    }
}

void Loader::read_sources(Item& item, const CsvFile& file, const csv::Record& row) {
    const std::string base_column = "source@" + set_.base_language;
    auto fits = [&](const std::string& column, const std::string& value) {
        if (value.size() <= kMaxSourceBytes) return true;
        cell_problem(file, row.line, column,
                     trf("a source of {1} bytes (at most {2}): a source names where the details "
                         "come from (a citation or an address); put the rest in the summary",
                         {std::to_string(value.size()), std::to_string(kMaxSourceBytes)}));
        return false;
    };
    item.source = file.get(row, "source");
    if (!fits("source", item.source)) item.source.clear();
    bool any = false;
    for (const auto& [lang, value] : file.texts(row, "source"))
        if (fits("source@" + lang, value)) {
            item.texts[lang].source = value;
            any = true;
        }
    const auto base = item.texts.find(set_.base_language);
    const bool has_base = base != item.texts.end() && !base->second.source.empty();
    // The plain column stands for the base language: with both, one of them is never shown.
    if (!item.source.empty() && has_base)
        cell_warning(file, row.line, "source",
                     trf("'source' and '{1}' both given: a visitor reads '{1}' (the plain column "
                         "is the base language's); keep one",
                         {base_column}));
    if (item.source.empty() && !has_base && any)
        problems_.add(file.name(), row.line,
                      trf("missing base-language text: {1} is empty but other languages have it",
                          {base_column}),
                      file.column_of(base_column));
}

bool Loader::start_csv_item(Item& item, ItemType type, const CsvFile& file,
                            const csv::Record& row) {
    item.type = type;
    item.id = file.get(row, "id");
    item.file = file.name();
    item.line = row.line;
    item.column = file.column_of("id");
    // The shared checks (sources.cpp) know files and lines; here each is one cell.
    auto in_column = [&](const char* column, auto&& check) {
        size_t problems = report_.problems.size(), warnings = report_.warnings.size();
        bool result = check();
        for (auto* list : {&report_.problems, &report_.warnings})
            for (size_t i = list == &report_.problems ? problems : warnings; i < list->size(); ++i) {
                (*list)[i].column = file.column_of(column);
                (*list)[i].message = file.cell_label(column, row.line) + (*list)[i].message;
            }
        return result;
    };
    if (!in_column("id", [&] { return check_id(item.id, file.name(), row.line); })) return false;
    item.reviewed = file.get(row, "reviewed");
    in_column("reviewed", [&] {
        check_reviewed(item.reviewed, file.name(), row.line);
        return true;
    });
    check_categories(item, file.get(row, "categories"), row.line);
    return true;
}

void Loader::require_title(const Item& item, const CsvFile& file, const csv::Record& row,
                           const char* field) {
    auto it = item.texts.find(set_.base_language);
    if (it == item.texts.end() || it->second.title.empty())
        problems_.add(file.name(), row.line,
                      trf("missing base-language text: {1}",
                          {std::string(field) + "@" + set_.base_language}),
                      file.column_of(std::string(field) + "@" + set_.base_language));
}

void Loader::check_country_cell(std::string& country, const CsvFile& file, int line,
                                bool required) {
    if (country.empty()) {
        if (required) cell_problem(file, line, "country", tr("missing country"));
    } else if (!is_country(country)) {
        // A country written by name, in any staff language, is read as its code, with a note.
        if (auto code = country_code(country)) {
            cell_warning(file, line, "country",
                         trf("country '{1}' read as {2} (write {2} to say so yourself)",
                             {country, *code}));
            country = *code;
            return;
        }
        cell_problem(file, line, "country",
                     trf("bad country '{1}' (ISO 3166-1 alpha-2, two capital letters such as MX, "
                         "or the country's name in Spanish, French, Portuguese or English)",
                         {country}));
    }
}

// The details added for visitors who go there (issue 17): structured opening hours and the
// time zone they are in, cost, when and where the details were checked.
void Loader::check_institution_details(Item& item, const CsvFile& file, const csv::Record& row) {
    const int line = row.line;
    const std::string hours = file.get(row, "opening_hours");
    if (!hours.empty()) {
        const hours::ParseResult parsed = hours::parse(hours);
        if (parsed.ok()) {
            item.opening_hours = hours::to_string(parsed.week);
        } else {
            std::string why;
            switch (parsed.problem) {
                case hours::Problem::unknown_day:
                    why = trf("'{1}' is not a day: write Mo Tu We Th Fr Sa Su (Mo-Fr, Mo,We)",
                              {parsed.near});
                    break;
                case hours::Problem::bad_time:
                    why = trf("'{1}' is not a time of day: write HH:MM from 00:00 to 24:00 "
                              "(08:00, 17:30)",
                              {parsed.near});
                    break;
                case hours::Problem::missing_range:
                    why = trf("'{1}' needs an end: write a start and an end (08:00-17:00)",
                              {parsed.near});
                    break;
                case hours::Problem::empty_span:
                    why = trf("'{1}' opens and closes at the same time", {parsed.near});
                    break;
                case hours::Problem::overlap:
                    why = trf("'{1}' overlaps another time of the same days", {parsed.near});
                    break;
                case hours::Problem::unsupported:
                    why = trf("'{1}' is not read here: write the days and times only (public "
                              "holidays go in the hours notes)",
                              {parsed.near});
                    break;
                case hours::Problem::empty_rule:
                    why = tr("two ';' with nothing between them");
                    break;
                case hours::Problem::trailing:
                case hours::Problem::none:
                    why = trf("'{1}' is not expected here: separate the days' rules with ';'",
                              {parsed.near});
                    break;
            }
            // The column inside the cell, so staff find the slip in a long value.
            problems_.add(file.name(), line,
                          file.cell_label("opening_hours", line) +
                              trf("opening hours, character {1}: {2} (example: Mo-Fr 08:00-17:00; "
                                  "Sa 09:00-13:00)",
                                  {std::to_string(parsed.column), why}),
                          file.column_of("opening_hours"));
        }
    }
    item.time_zone = file.get(row, "time_zone");
    if (!item.time_zone.empty() && !hours::is_time_zone(item.time_zone)) {
        cell_problem(file, line, "time_zone",
                     trf("unknown time zone '{1}': write the IANA name, such as "
                         "America/Mexico_City or America/Bogota",
                         {item.time_zone}));
    } else if (item.time_zone.empty() && !hours.empty() && is_country(item.country)) {
        // The country's one zone stands in; a country with several needs the staff's word.
        auto zones = hours::zones_of_country(item.country);
        if (zones.size() == 1) {
            item.time_zone = zones[0];
        } else if (zones.size() > 1) {
            std::string list;
            for (size_t i = 0; i < zones.size() && i < 6; ++i)
                list += (list.empty() ? "" : ", ") + zones[i];
            cell_problem(file, line, "time_zone",
                         trf("opening hours need the time zone: {1} has several ({2})",
                             {item.country, list + (zones.size() > 6 ? "…" : "")}));
        }
    }
    item.cost = file.get(row, "cost");
    static const std::set<std::string> kCosts = {"free", "paid"};
    if (!item.cost.empty() && !kCosts.count(item.cost))
        cell_problem(file, line, "cost",
                     trf("unknown cost '{1}': write free or paid (or leave it empty when not "
                         "known)",
                         {item.cost}));
    item.checked = file.get(row, "checked");
    if (!item.checked.empty() && !is_date(item.checked))
        cell_problem(file, line, "checked",
                     trf("bad date in {1}: '{2}' (a real date written YYYY-MM-DD)",
                         {"checked", item.checked}));
    item.source_of_details = file.get(row, "source");
}

void Loader::load_institutions() {
    ColumnSpec spec{{"id", "kind", "name", "services", "languages", "address", "city", "country",
                     "phone", "email", "website", "lat", "lon", "categories", "reviewed"},
                    {"name", "description", "hours", "bring"},
                    {},
                    // What a visitor needs to go there (issue 17); older tables leave them out.
                    {"other_names", "whatsapp", "opening_hours", "time_zone", "cost", "checked",
                     "source"}};
    auto file = open_csv("institutions.csv", spec, false);
    if (!file) return;
    for (const auto* row : file->rows()) {
        Item item;
        if (!start_csv_item(item, ItemType::institution, *file, *row)) continue;
        int line = row->line;
        item.kind = file->get(*row, "kind");
        item.code_places["kind"] = {line, file->column_of("kind")};
        item.code_places["service"] = {line, file->column_of("services")};
        if (!kInstitutionKinds.count(item.kind))
            cell_problem(*file, line, "kind",
                         trf("unknown kind '{1}'", {item.kind}) +
                             value_help(*file, "kind", item.kind, kInstitutionKinds, "kind"));
        item.official_name = file->get(*row, "name");
        if (item.official_name.empty()) cell_problem(*file, line, "name", tr("missing name"));
        item.services = split_list(file->get(*row, "services"));
        for (const auto& s : item.services)
            if (!kServices.count(s))
                cell_problem(*file, line, "services",
                             trf("unknown service '{1}'", {s}) +
                                 value_help(*file, "services", s, kServices, "service"));
        item.spoken_languages = split_list(file->get(*row, "languages"));
        for (const auto& l : item.spoken_languages)
            if (!is_language_code(l))
                cell_problem(*file, line, "languages",
                             trf("malformed language code '{1}' (two or three letters: es, fr, "
                                 "pt, ht)",
                                 {l}));
        item.address = file->get(*row, "address");
        item.city = file->get(*row, "city");
        item.country = file->get(*row, "country");
        check_country_cell(item.country, *file, line);
        // Several numbers are separated by ';' and kept in that order.
        auto phones = split_list(file->get(*row, "phone"));
        for (const auto& phone : phones)
            if (!is_phone(phone))
                cell_problem(*file, line, "phone",
                             trf("phone '{1}' is not a number a visitor can dial: digits, with "
                                 "spaces or dashes between them and + before the country code "
                                 "(+52 55 5209 8800); put other words in the description",
                                 {phone}));
        item.phone = join_list(phones);
        item.whatsapp = file->get(*row, "whatsapp");
        if (!item.whatsapp.empty() && (item.whatsapp[0] != '+' || !is_phone(item.whatsapp)))
            cell_problem(*file, line, "whatsapp",
                         trf("WhatsApp number '{1}' must be written in full with + and the "
                             "country code (+52 55 1234 5678): a phone opens WhatsApp only so",
                             {item.whatsapp}));
        for (const auto& name : split_list(file->get(*row, "other_names")))
            item.other_names.push_back(name);
        item.email = file->get(*row, "email");
        if (!item.email.empty() && !is_email(item.email))
            cell_problem(*file, line, "email",
                         trf("malformed e-mail '{1}' (name@example.org)", {item.email}));
        item.website = file->get(*row, "website");
        if (!item.website.empty() && !is_url(item.website))
            cell_problem(*file, line, "website",
                         trf("website is not a web address (http:// or https://): '{1}'",
                             {item.website}) +
                             (item.website.find("://") == std::string::npos
                                  ? trf("; write '{1}'", {"https://" + item.website})
                                  : ""));
        std::string lat = file->get(*row, "lat"), lon = file->get(*row, "lon");
        if (lat.empty() != lon.empty()) {
            cell_problem(*file, line, lat.empty() ? "lat" : "lon",
                         tr("bad coordinates: give both lat and lon, or neither"));
        } else if (!lat.empty()) {
            auto la = parse_decimal(lat), lo = parse_decimal(lon);
            if (!la || *la < -90 || *la > 90)
                cell_problem(*file, line, "lat",
                             trf("bad coordinates: lat '{1}' is not a decimal between -90 and 90 "
                                 "(write a dot: 19.43)",
                                 {lat}));
            else if (!lo || *lo < -180 || *lo > 180)
                cell_problem(*file, line, "lon",
                             trf("bad coordinates: lon '{1}' is not a decimal between -180 and "
                                 "180 (write a dot: -99.13)",
                                 {lon}));
            else
                item.coordinates = Coordinates{*la, *lo};
        }
        read_texts(item, *file, *row,
                   {{"name", &Texts::title},
                    {"description", &Texts::summary},
                    {"hours", &Texts::extra},
                    {"bring", &Texts::body}});
        check_institution_details(item, *file, *row);
        for (const auto& [lang, hours] : file->texts(*row, "hours"))
            if (auto bad = bad_time_in_hours(hours); !bad.empty())
                cell_problem(*file, line, "hours@" + lang,
                             trf("'{1}' in the opening hours is not a time of day (00:00 to "
                                 "24:00): '{2}'",
                                 {bad, hours}));
        // The official name stands for the base-language title when no translation is given.
        if (!item.official_name.empty()) {
            auto& base_text = item.texts[set_.base_language];
            if (base_text.title.empty()) base_text.title = item.official_name;
        }
        add_item(std::move(item));
    }
}

void Loader::load_legislation() {
    ColumnSpec spec{
        {"id", "country", "year", "kind", "official_reference", "url", "categories", "reviewed"},
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
            cell_problem(*file, line, "year",
                         trf("bad year '{1}' (four digits, 1800 to 2100)", {year}));
        item.kind = file->get(*row, "kind");
        item.code_places["law"] = {line, file->column_of("kind")};
        if (!kNormKinds.count(item.kind))
            cell_problem(*file, line, "kind",
                         trf("unknown kind '{1}'", {item.kind}) +
                             value_help(*file, "kind", item.kind, kNormKinds));
        item.official_reference = file->get(*row, "official_reference");
        item.url = file->get(*row, "url");
        if (!item.url.empty() && !is_url(item.url))
            cell_problem(*file, line, "url",
                         trf("url is not a web address (http:// or https://): '{1}'", {item.url}) +
                             (item.url.find("://") == std::string::npos
                                  ? trf("; write '{1}'", {"https://" + item.url})
                                  : ""));
        read_texts(item, *file, *row, {{"title", &Texts::title}, {"summary", &Texts::summary}});
        require_title(item, *file, *row);
        add_item(std::move(item));
    }
}

void Loader::load_cooperation() {
    ColumnSpec spec{{"id", "direction", "country", "theme", "contact", "categories", "reviewed"},
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
            cell_problem(*file, line, "direction",
                         trf("unknown direction '{1}'", {item.direction}) +
                             value_help(*file, "direction", item.direction, kDirections));
        item.kind = item.direction;
        item.country = file->get(*row, "country");
        check_country_cell(item.country, *file, line);
        item.theme = file->get(*row, "theme");
        item.code_places["direction"] = {line, file->column_of("direction")};
        item.code_places["theme"] = {line, file->column_of("theme")};
        item.contact = file->get(*row, "contact");
        read_texts(item, *file, *row, {{"title", &Texts::title}, {"summary", &Texts::summary}});
        require_title(item, *file, *row);
        add_item(std::move(item));
    }
}

void Loader::load_statistics() {
    // `source` in one language for all, or `source@LANG` in each (a visitor reads the source in
    // their own language, never another appended).
    ColumnSpec spec{{"id", "unit", "categories", "reviewed"},
                    {"title", "description", "source"},
                    {"title"},
                    {"source"}};
    auto file = open_csv("statistics/series.csv", spec, false);
    std::map<std::string, size_t> series_index;
    std::vector<Item> series;
    if (file) {
        for (const auto* row : file->rows()) {
            Item item;
            if (!start_csv_item(item, ItemType::statistics, *file, *row)) continue;
            item.unit = file->get(*row, "unit");
            item.code_places["unit"] = {row->line, file->column_of("unit")};
            if (item.unit.empty()) cell_problem(*file, row->line, "unit", tr("missing unit"));
            read_texts(item, *file, *row,
                       {{"title", &Texts::title}, {"description", &Texts::summary}});
            read_sources(item, *file, *row);
            require_title(item, *file, *row);
            series_index[item.id] = series.size();
            series.push_back(std::move(item));
        }
    }
    ColumnSpec value_spec{{"series", "country", "year", "value"}, {}, {}};
    bool has_values = table_exists("statistics/values.csv");
    if (file && !has_values) problems_.add("statistics/values.csv", 0, "missing file");
    auto values = open_csv("statistics/values.csv", value_spec, false);
    if (values) {
        if (!file && table_exists("statistics/values.csv") &&
            !table_exists("statistics/series.csv"))
            problems_.add("statistics/series.csv", 0, "missing file");
        std::map<std::tuple<std::string, std::string, int>, int> seen;
        for (const auto* row : values->rows()) {
            int line = row->line;
            std::string id = values->get(*row, "series");
            auto it = series_index.find(id);
            if (it == series_index.end()) {
                cell_problem(*values, line, "series",
                             trf("series '{1}' is not in statistics/series.csv", {id}));
                continue;
            }
            DataPoint point;
            point.country = values->get(*row, "country");
            check_country_cell(point.country, *values, line);
            std::string year = values->get(*row, "year");
            auto y = parse_year(year);
            if (!y) {
                cell_problem(*values, line, "year",
                             trf("bad year '{1}' (four digits, 1800 to 2100)", {year}));
                continue;
            }
            point.year = *y;
            std::string value = values->get(*row, "value");
            auto v = parse_decimal(value);
            if (!v) {
                cell_problem(*values, line, "value",
                             trf("bad value '{1}' (a decimal number such as 1234.5)", {value}));
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

// Publications and studies (the action framework's V.B): one row per publication; its full
// text, when staff have it, beside the table as publications/ID.LANG.md.
void Loader::load_publications() {
    // `source` in one language for all, or `source@LANG` in each, as for statistics series.
    ColumnSpec spec{{"id", "kind", "authors", "publisher", "year", "language", "url",
                     "categories", "reviewed"},
                    {"title", "summary", "contents", "source"},
                    {"title"},
                    {"source"}};
    auto file = open_csv("publications.csv", spec, false);
    std::vector<Item> publications;
    if (file) {
        for (const auto* row : file->rows()) {
            Item item;
            if (!start_csv_item(item, ItemType::publication, *file, *row)) continue;
            const int line = row->line;
            item.kind = file->get(*row, "kind");
            item.code_places["publication"] = {line, file->column_of("kind")};
            if (!item.kind.empty() && !kPublicationKinds.count(item.kind))
                cell_problem(*file, line, "kind",
                             trf("unknown kind '{1}'", {item.kind}) +
                                 value_help(*file, "kind", item.kind, kPublicationKinds));
            item.authors = file->get(*row, "authors");
            item.publisher = file->get(*row, "publisher");
            if (item.authors.empty() && item.publisher.empty())
                cell_problem(*file, line, "publisher", tr("missing name"));
            // A year is optional (unknown is better than invented), but a year given is real.
            const std::string year = file->get(*row, "year");
            if (!year.empty()) {
                if (auto y = parse_year(year))
                    item.year = *y;
                else
                    cell_problem(*file, line, "year",
                                 trf("bad year '{1}' (four digits, 1800 to 2100)", {year}));
            }
            item.publication_language = file->get(*row, "language");
            if (!item.publication_language.empty() && !is_language_code(item.publication_language))
                cell_problem(*file, line, "language",
                             trf("malformed language code '{1}' (a BCP 47 tag such as es, pt, ht "
                                 "or es-419)",
                                 {item.publication_language}));
            item.url = file->get(*row, "url");
            if (!item.url.empty() && !is_url(item.url))
                cell_problem(*file, line, "url",
                             trf("url is not a web address (http:// or https://): '{1}'",
                                 {item.url}) +
                                 (item.url.find("://") == std::string::npos
                                      ? trf("; write '{1}'", {"https://" + item.url})
                                      : ""));
            read_texts(item, *file, *row,
                       {{"title", &Texts::title},
                        {"summary", &Texts::summary},
                        {"contents", &Texts::extra}});
            read_sources(item, *file, *row);
            // The table of contents is written `;`-separated in a cell; stored one entry a line.
            for (auto& [lang, texts] : item.texts) {
                std::string lines;
                for (const std::string& entry : split_list(texts.extra))
                    lines += (lines.empty() ? "" : "\n") + entry;
                texts.extra = lines;
            }
            require_title(item, *file, *row);
            publications.push_back(std::move(item));
        }
    }
    read_full_texts(publications);
    for (auto& item : publications) add_item(std::move(item));
}

void Loader::read_full_texts(std::vector<Item>& publications) {
    const fs::path folder = dir_ / "publications";
    if (!fs::is_directory(folder)) return;
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        std::string name = entry.path().filename().string();
        if (!name.empty() && name[0] != '.') names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
        const std::string relative = "publications/" + name;
        if (is_picture_file(name)) continue;  // shown by a full text, checked when named
        const bool named_well = name.size() > 3 && name.substr(name.size() - 3) == ".md";
        const std::string stem = named_well ? name.substr(0, name.size() - 3) : name;
        const auto dot = stem.rfind('.');
        if (!named_well || dot == std::string::npos) {
            problems_.add(relative, 0,
                          tr("file name must be ID.LANG.md (for example rights.es.md)"));
            continue;
        }
        const std::string id = stem.substr(0, dot), lang = stem.substr(dot + 1);
        if (!language_codes_.count(lang)) {
            problems_.add(relative, 0, trf("language '{1}' is not in languages.csv", {lang}));
            continue;
        }
        auto owner = std::find_if(publications.begin(), publications.end(),
                                  [&](const Item& item) { return item.id == id; });
        if (owner == publications.end()) {
            problems_.add(relative, 0, trf("no publication '{1}' in publications.csv (a full text is named after its "
                                     "publication's id: ID.LANG.md)",
                                     {id}));
            continue;
        }
        auto text = read(relative);
        if (!text) continue;
        std::string body = *text;
        while (!body.empty() && (body.back() == '\n' || body.back() == ' ' || body.back() == '\r'))
            body.pop_back();
        const markdown::Scan scan = markdown::scan(body);
        for (const auto& target : scan.item_links) {
            const size_t at = body.find("item:" + target);
            const int line =
                1 + (at == std::string::npos
                         ? 0
                         : static_cast<int>(std::count(body.begin(),
                                                       body.begin() + static_cast<long>(at), '\n')));
            pending_links_.push_back({target, relative, line});
        }
        for (const auto& source : scan.images) {
            const size_t at = body.find("(" + source);
            check_image(source, relative,
                        1 + (at == std::string::npos
                                 ? 0
                                 : static_cast<int>(std::count(
                                       body.begin(), body.begin() + static_cast<long>(at), '\n'))));
        }
        Texts& texts = owner->texts[lang];
        texts.body = std::move(body);
        texts.body_plain = scan.plain;
    }
}

}  // namespace guichet::content::sources
