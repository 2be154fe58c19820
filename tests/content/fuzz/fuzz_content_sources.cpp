// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the source checker through the files staff write: the first byte picks which file of a
// small valid set the rest of the input replaces (a CSV, the names table and the series' and
// publications' tables with their per-language source lines among them, or a Markdown item
// with front matter).
// The check must never crash and every problem must name a file of the set.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "content/compiler.h"

namespace fs = std::filesystem;

namespace {

// New targets go at the end: a seed's first byte keeps picking the file it was written for.
const char* kTargets[] = {"institutions.csv", "legislation.csv",       "articles/a.es.md",
                          "articles/a.fr.md", "statistics/values.csv", "languages.csv",
                          "categories.csv",   "cooperation.csv",       "names.csv",
                          "statistics/series.csv", "publications.csv"};

fs::path base_dir() {
    static fs::path dir = [] {
        fs::path d =
            fs::temp_directory_path() / ("guichet-fuzz-sources-" + std::to_string(getpid()));
        fs::create_directories(d / "articles");
        fs::create_directories(d / "statistics");
        return d;
    }();
    return dir;
}

void write(const std::string& name, std::string_view text) {
    std::ofstream(base_dir() / name, std::ios::binary | std::ios::trunc) << text;
}

void write_valid_set() {
    write("languages.csv", "code,native_name,base,fallback\nes,Español,yes,\nfr,Français,,es\n");
    write("categories.csv", "id,icon,types,title@es\nrights,rights,,Derechos\n");
    write("articles/a.es.md",
          "---\ntitle: T\ncategories: rights\nreviewed: 2026-01-01\n---\nCuerpo [x](item:a).\n");
    write("articles/a.fr.md", "---\ntitle: T\n---\nCorps.\n");
    write("institutions.csv",
          "id,kind,name,services,languages,address,city,country,phone,email,website,lat,lon,"
          "categories,reviewed\ni,ngo,N,food,es,,,MX,,,,1,2,rights,2026-01-01\n");
    write("legislation.csv",
          "id,country,year,kind,official_reference,url,title@es,categories,reviewed\n"
          "l,MX,2011,law,,,Ley,rights,2026-01-01\n");
    write("cooperation.csv",
          "id,direction,country,theme,contact,title@es,categories,reviewed\n"
          "c,offer,MX,retorno,,Oferta,,2026-01-01\n");
    write("names.csv", "field,code,name@es,name@fr\ntheme,retorno,Retorno,Retour\n");
    write("statistics/series.csv",
          "id,unit,title@es,source@es,source@fr,categories,reviewed\n"
          "s,persons,S,Fuente,Source,,2026-01-01\n");
    write("publications.csv",
          "id,kind,authors,publisher,year,language,url,title@es,source@es,source@fr,categories,"
          "reviewed\np,report,OEA,,2011,es,https://example.org/p,Informe,Comunicado,Communiqué,,"
          "2026-01-01\n");
    write("statistics/values.csv", "series,country,year,value\ns,MX,2020,1\n");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    write_valid_set();
    const char* target = kTargets[data[0] % (sizeof kTargets / sizeof kTargets[0])];
    write(target, std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
    auto report = guichet::content::check_sources(base_dir());
    for (const auto& problem : report.problems)
        if (problem.file.empty() || problem.line < 0) __builtin_trap();
    return 0;
}
