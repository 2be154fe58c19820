// SPDX-License-Identifier: GPL-3.0-or-later
// A small, valid source set written to a fresh temporary folder; each test breaks one thing.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>

namespace fixture {

namespace fs = std::filesystem;

inline std::map<std::string, std::string> valid_set() {
    return {
        {"languages.csv",
         "code,native_name,base,fallback\n"
         "es,Español,yes,\n"
         "en,English,,es\n"
         "fr,Français,,en\n"
         "pt,Português,,es\n"
         "ht,Kreyòl ayisyen,,fr en\n"},
        {"categories.csv",
         "id,icon,types,title@es,title@en,title@fr,title@ht\n"
         "rights,rights,,Derechos,Rights,Droits,Dwa\n"
         "directory,institutions,institution,Instituciones,Institutions,Institutions,\n"
         "laws,legislation,legislation,Legislación,Legislation,Législation,\n"},
        {"articles/rights.es.md",
         "---\n"
         "title: Sus derechos como trabajador migrante\n"
         "summary: La Convención de 1990 protege a todo trabajador migrante.\n"
         "categories: rights\n"
         "tags: convención; trabajadores\n"
         "reviewed: 2026-10-15\n"
         "---\n"
         "# Sus derechos\n"
         "\n"
         "Toda persona tiene derechos. Consulte [la oficina](item:inst-a).\n"},
        {"articles/rights.en.md",
         "---\n"
         "title: Your rights as a migrant worker\n"
         "summary: The 1990 Convention protects every migrant worker.\n"
         "---\n"
         "# Your rights\n\nEveryone has rights.\n"},
        {"articles/rights.ht.md",
         "---\n"
         "title: Dwa ou kòm travayè migran\n"
         "---\n"
         "# Dwa ou\n\nTout moun gen dwa.\n"},
        {"articles/escuela.es.md",
         "---\n"
         "title: Educación para sus hijos\n"
         "categories: rights\n"
         "reviewed: 2026-09-01\n"
         "---\n"
         "La escuela pública en São Paulo recibe a todos los niños.\n"},
        {"articles/ecole.es.md",
         "---\n"
         "title: Inscripción escolar\n"
         "categories: rights\n"
         "reviewed: 2026-09-02\n"
         "---\n"
         "Inscribir a los niños.\n"},
        {"articles/ecole.fr.md",
         "---\n"
         "title: Inscription à l'école\n"
         "---\n"
         "Chaque enfant a droit à l'école, quel que soit son statut.\n"},
        {"articles/guatemala-es.es.md",
         "---\n"
         "title: Oficina consular\n"
         "categories: rights\n"
         "reviewed: 2026-09-03\n"
         "---\n"
         "Trámites en Guatemala para migrantes.\n"},
        {"articles/guatemala-en.es.md",
         "---\n"
         "title: Oficina de enlace\n"
         "categories: rights\n"
         "reviewed: 2026-09-03\n"
         "---\n"
         "Atención general.\n"},
        {"articles/guatemala-en.en.md",
         "---\n"
         "title: Liaison office\n"
         "---\n"
         "Paperwork in Guatemala for migrants.\n"},
        {"news/bulletin-1.es.md",
         "---\n"
         "title: Boletín de octubre\n"
         "categories: rights\n"
         "reviewed: 2026-10-01\n"
         "date: 2026-10-01\n"
         "kind: bulletin\n"
         "---\n"
         "Novedades del mes.\n"},
        {"news/bulletin-2.es.md",
         "---\n"
         "title: Boletín de noviembre\n"
         "categories: rights\n"
         "reviewed: 2026-11-01\n"
         "date: 2026-11-01\n"
         "---\n"
         "Más novedades.\n"},
        {"programmes/sawp.es.md",
         "---\n"
         "title: Programa de trabajadores agrícolas temporales\n"
         "categories: rights\n"
         "reviewed: 2026-08-01\n"
         "kind: seasonal-work\n"
         "host_countries: CA\n"
         "origin_countries: MX; JM\n"
         "sector: agricultura\n"
         "season: enero a diciembre\n"
         "official_link: https://www.canada.ca/\n"
         "---\n"
         "Trabajo agrícola de temporada en Canadá.\n"},
        {"institutions.csv",
         "id,kind,name,name@fr,description@es,description@en,services,languages,address,city,"
         "country,phone,email,website,hours@es,lat,lon,categories,reviewed\n"
         "inst-a,public-body,Oficina de Atención al Migrante,Bureau d'accueil des migrants,"
         "Asesoría gratuita,Free advice,legal-aid;documents,es;en;ht,Calle 1,Ciudad de México,MX,"
         ",,https://www.gob.mx/,Lunes a viernes,19.43,-99.13,,2026-07-01\n"
         "inst-b,ngo,Casa del Migrante,,\"Albergue, comida\",,shelter;food,es,,Guatemala,GT,,"
         ",,,,,,2026-07-02\n"},
        {"legislation.csv",
         "id,country,year,kind,official_reference,url,title@es,title@en,summary@es,categories,"
         "reviewed\n"
         "mx-ley-migracion,MX,2011,law,DOF 25-05-2011,,Ley de Migración,Migration Act,"
         "Regula la entrada y salida.,laws,2026-06-01\n"},
        {"cooperation.csv",
         "id,direction,country,theme,contact,title@es,summary@es,categories,reviewed\n"
         "coop-1,offer,CO,retorno,,Oferta de capacitación,Capacitación en retorno.,,2026-05-01\n"},
        // Codes the kiosk has no name for (a sector and a theme written in Spanish words) are
        // named here; a set without this table fails its check on them.
        {"names.csv",
         "field,code,name@es,name@en,name@fr,name@pt,name@ht\n"
         "sector,agricultura,Agricultura,Agriculture,Agriculture,Agricultura,Agrikilti\n"
         "theme,retorno,Retorno,Return,Retour,Retorno,Retou\n"},
        {"statistics/series.csv",
         "id,unit,source,title@es,title@en,description@es,categories,reviewed\n"
         "flows,persons,SICREMI,Flujos migratorios,Migration flows,Entradas por año.,,"
         "2026-04-01\n"},
        {"statistics/values.csv",
         "series,country,year,value\n"
         "flows,MX,2020,1500\n"
         "flows,MX,2019,1200.5\n"
         "flows,CO,2020,900\n"},
    };
}

// A temporary folder holding a source set; removed with the object.
class SourceDir {
  public:
    explicit SourceDir(std::map<std::string, std::string> files = valid_set()) {
        std::random_device device;
        path_ = fs::temp_directory_path() /
                ("guichet-content-test-" + std::to_string(device()) + std::to_string(device()));
        fs::create_directories(path_ / "src");
        for (const auto& [name, text] : files) write(name, text);
    }
    ~SourceDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    SourceDir(const SourceDir&) = delete;
    SourceDir& operator=(const SourceDir&) = delete;

    void write(const std::string& name, const std::string& text) {
        fs::path file = src() / name;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
    }
    void remove(const std::string& name) { fs::remove(src() / name); }
    fs::path src() const { return path_ / "src"; }
    fs::path root() const { return path_; }

  private:
    fs::path path_;
};

inline std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace fixture
