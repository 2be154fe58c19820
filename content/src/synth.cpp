// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/synth.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <numeric>
#include <set>

namespace guichet::content {
namespace fs = std::filesystem;
namespace {

const std::vector<std::string> kLanguages = {"es", "en", "fr", "pt", "ht"};

const std::map<std::string, std::vector<std::string>> kWords = {
    {"es", {"de",          "la",           "migrantes",      "derechos",    "trabajo",
            "programa",    "información",  "país",           "familia",     "educación",
            "salud",       "documentos",   "regularización", "retorno",     "integración",
            "consulado",   "asistencia",   "jurídica",       "protección",  "trabajadores",
            "temporales",  "reinserción",  "comunidad",      "inversión",   "productiva",
            "capital",     "humano",       "legislación",    "convención",  "acuerdo",
            "cooperación", "estadísticas", "flujos",         "albergue",    "empleo",
            "niños",       "mujeres",      "víctimas",       "trata",       "asilo",
            "refugio",     "xenofobia",    "discriminación", "orientación", "atención",
            "psicosocial", "remesas",      "frontera",       "visado",      "residencia",
            "permiso",     "nacionalidad", "solicitud",      "oficina",     "servicio",
            "gratuito",    "público",      "organización",   "universidad", "asociación",
            "ciudad",      "región",       "América",        "Caribe",      "México",
            "Perú",        "Colombia",     "Guatemala",      "Panamá",      "Bogotá",
            "São",         "Paulo"}},
    {"en",
     {"the",
      "of",
      "migrants",
      "rights",
      "work",
      "programme",
      "information",
      "country",
      "family",
      "education",
      "health",
      "documents",
      "regularisation",
      "return",
      "integration",
      "consulate",
      "legal",
      "aid",
      "protection",
      "workers",
      "seasonal",
      "reinsertion",
      "community",
      "investment",
      "productive",
      "human",
      "capital",
      "legislation",
      "convention",
      "agreement",
      "cooperation",
      "statistics",
      "flows",
      "shelter",
      "employment",
      "children",
      "women",
      "victims",
      "trafficking",
      "asylum",
      "refuge",
      "xenophobia",
      "discrimination",
      "guidance",
      "care",
      "psychosocial",
      "remittances",
      "border",
      "visa",
      "residence",
      "permit",
      "nationality",
      "application",
      "office",
      "service",
      "free",
      "public",
      "organisation",
      "university",
      "association",
      "city",
      "region",
      "Americas",
      "Caribbean",
      "Mexico",
      "Peru",
      "Colombia",
      "Guatemala",
      "Panama",
      "Bogotá",
      "São",
      "Paulo"}},
    {"fr", {"de",           "la",           "migrants",       "droits",         "travail",
            "programme",    "information",  "pays",           "famille",        "éducation",
            "santé",        "documents",    "régularisation", "retour",         "intégration",
            "consulat",     "aide",         "juridique",      "protection",     "travailleurs",
            "saisonniers",  "réinsertion",  "communauté",     "investissement", "productif",
            "capital",      "humain",       "législation",    "convention",     "accord",
            "coopération",  "statistiques", "flux",           "hébergement",    "emploi",
            "enfants",      "femmes",       "victimes",       "traite",         "asile",
            "refuge",       "xénophobie",   "discrimination", "orientation",    "accueil",
            "psychosocial", "envois",       "frontière",      "visa",           "séjour",
            "titre",        "nationalité",  "demande",        "bureau",         "service",
            "gratuit",      "public",       "organisation",   "université",     "association",
            "ville",        "région",       "Amériques",      "Caraïbes",       "Mexique",
            "Pérou",        "Colombie",     "Guatemala",      "Panama",         "école",
            "l'école",      "d'accueil"}},
    {"pt",
     {"de",
      "a",
      "migrantes",
      "direitos",
      "trabalho",
      "programa",
      "informação",
      "país",
      "família",
      "educação",
      "saúde",
      "documentos",
      "regularização",
      "retorno",
      "integração",
      "consulado",
      "assistência",
      "jurídica",
      "proteção",
      "trabalhadores",
      "temporários",
      "reinserção",
      "comunidade",
      "investimento",
      "produtivo",
      "capital",
      "humano",
      "legislação",
      "convenção",
      "acordo",
      "cooperação",
      "estatísticas",
      "fluxos",
      "abrigo",
      "emprego",
      "crianças",
      "mulheres",
      "vítimas",
      "tráfico",
      "asilo",
      "refúgio",
      "xenofobia",
      "discriminação",
      "orientação",
      "atendimento",
      "psicossocial",
      "remessas",
      "fronteira",
      "visto",
      "residência",
      "autorização",
      "nacionalidade",
      "pedido",
      "escritório",
      "serviço",
      "gratuito",
      "público",
      "organização",
      "universidade",
      "associação",
      "cidade",
      "região",
      "Américas",
      "Caribe",
      "México",
      "Peru",
      "Colômbia",
      "Guatemala",
      "Panamá",
      "São",
      "Paulo"}},
    {"ht",
     {"nan",
      "yo",
      "migran",
      "dwa",
      "travay",
      "pwogram",
      "enfòmasyon",
      "peyi",
      "fanmi",
      "edikasyon",
      "sante",
      "dokiman",
      "regilarizasyon",
      "retou",
      "entegrasyon",
      "konsila",
      "èd",
      "jiridik",
      "pwoteksyon",
      "travayè",
      "sezonye",
      "reyentegrasyon",
      "kominote",
      "envestisman",
      "pwodiktif",
      "kapital",
      "imen",
      "lejislasyon",
      "konvansyon",
      "akò",
      "koperasyon",
      "estatistik",
      "flo",
      "abri",
      "anplwa",
      "timoun",
      "fanm",
      "viktim",
      "trafik",
      "azil",
      "refij",
      "zenofobi",
      "diskriminasyon",
      "oryantasyon",
      "resepsyon",
      "sikososyal",
      "transfè",
      "fwontyè",
      "viza",
      "rezidans",
      "pèmi",
      "nasyonalite",
      "demann",
      "biwo",
      "sèvis",
      "gratis",
      "piblik",
      "òganizasyon",
      "inivèsite",
      "asosyasyon",
      "vil",
      "rejyon",
      "Amerik",
      "Karayib",
      "Meksik",
      "Pewou",
      "Kolonbi",
      "Gwatemala",
      "Panama",
      "Ayiti",
      "Pòtoprens"}},
};

// splitmix64: small, fast and the same everywhere.
struct Random {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    // Zipf-like: early words far more often, as in real text.
    int zipf(int n) {
        double u = static_cast<double>(next() >> 11) / 9007199254740992.0;
        return std::min(n - 1, static_cast<int>(std::pow(static_cast<double>(n), u)) - 1);
    }
};

std::string sentence(Random& random, const std::string& lang, int words) {
    const auto& vocabulary = kWords.at(lang);
    std::string out;
    for (int i = 0; i < words; ++i) {
        if (i) out += ' ';
        out += vocabulary[static_cast<size_t>(random.zipf(static_cast<int>(vocabulary.size())))];
    }
    return out;
}

std::string csv_cell(const std::string& value) {
    if (value.find_first_of(",\"\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

enum class Kind { article, news, programme, institution, legislation, cooperation };

Kind kind_of(int index) {
    static const Kind pattern[20] = {
        Kind::institution, Kind::article,     Kind::legislation, Kind::institution,
        Kind::news,        Kind::institution, Kind::cooperation, Kind::article,
        Kind::institution, Kind::legislation, Kind::programme,   Kind::institution,
        Kind::article,     Kind::institution, Kind::news,        Kind::legislation,
        Kind::institution, Kind::cooperation, Kind::article,     Kind::legislation};
    return pattern[index % 20];
}

const char* kCountries[] = {"MX", "GT", "HN", "SV", "CO", "PE", "EC", "BR",
                            "AR", "CL", "HT", "DO", "US", "CA", "PA", "CR"};
const char* kCities[] = {"Ciudad de México", "Guatemala", "Tegucigalpa",    "San Salvador",
                         "Bogotá",           "Lima",      "Quito",          "São Paulo",
                         "Buenos Aires",     "Santiago",  "Port-au-Prince", "Santo Domingo",
                         "Washington",       "Ottawa",    "Panamá",         "San José"};

struct Files {
    std::ofstream institutions, legislation, cooperation;
};

}  // namespace

const std::vector<std::string>& synthetic_words(const std::string& lang) {
    auto it = kWords.find(lang);
    return it == kWords.end() ? kWords.at("es") : it->second;
}

namespace {

Result<SynthSummary> write_unguarded(const fs::path& out, const SynthOptions& options) {
    if (options.items < 1) return make_error("synth: --items must be at least 1");
    std::error_code error;
    fs::create_directories(out, error);
    for (const char* folder : {"articles", "news", "programmes", "statistics"})
        fs::create_directories(out / folder, error);
    if (error) return make_error(out.string() + ": " + error.message());
    // Start clean so a smaller set never keeps files of a bigger one.
    for (const char* folder : {"articles", "news", "programmes"})
        for (const auto& entry : fs::directory_iterator(out / folder))
            if (entry.path().extension() == ".md") fs::remove(entry.path(), error);

    // Exactly round(items × percent / 100) items differ, picked by a shuffle of the seed.
    int mutate_count =
        static_cast<int>(std::llround(options.items * options.mutate_percent / 100.0));
    std::vector<int> order(static_cast<size_t>(options.items));
    std::iota(order.begin(), order.end(), 0);
    Random shuffle{options.seed ^ 0x5EEDull};
    for (size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[static_cast<size_t>(shuffle.below(static_cast<int>(i)))]);
    std::vector<bool> mutated(order.size(), false);
    for (int i = 0; i < mutate_count; ++i)
        mutated[static_cast<size_t>(order[static_cast<size_t>(i)])] = true;

    {
        std::ofstream languages(out / "languages.csv");
        languages << "code,native_name,base,fallback\nes,Español,yes,\nen,English,,es\n"
                     "fr,Français,,en\npt,Português,,es\nht,Kreyòl ayisyen,,fr en\n";
        std::ofstream categories(out / "categories.csv");
        categories << "id,icon,types,title@es,title@en,title@fr,title@pt,title@ht\n"
                      "rights,rights,,Derechos,Rights,Droits,Direitos,Dwa\n"
                      "directory,institutions,institution,Instituciones,Institutions,"
                      "Institutions,Instituições,Enstitisyon\n"
                      "laws,legislation,legislation,Legislación,Legislation,Législation,"
                      "Legislação,Lejislasyon\n"
                      "news,news,news,Noticias,News,Actualités,Notícias,Nouvèl\n"
                      "return,return,programme,Retorno,Return,Retour,Retorno,Retou\n"
                      "cooperation,cooperation,cooperation,Cooperación,Cooperation,Coopération,"
                      "Cooperação,Koperasyon\n"
                      "statistics,statistics,statistics,Estadísticas,Statistics,Statistiques,"
                      "Estatísticas,Estatistik\n";
        std::ofstream series(out / "statistics/series.csv");
        series << "id,unit,source,title@es,title@en,categories,reviewed\n"
                  "synthetic-flows,persons,Synthetic,Flujos sintéticos,Synthetic flows,"
                  "statistics,2026-01-01\n";
        std::ofstream values(out / "statistics/values.csv");
        values << "series,country,year,value\n";
        for (int c = 0; c < 4; ++c)
            for (int y = 2015; y < 2025; ++y)
                values << "synthetic-flows," << kCountries[c] << "," << y << ","
                       << (1000 + c * 100 + y % 7 * 13) << "\n";
    }

    Files files;
    files.institutions.open(out / "institutions.csv");
    files.legislation.open(out / "legislation.csv");
    files.cooperation.open(out / "cooperation.csv");
    files.institutions << "id,kind,name,description@es,description@en,description@fr,"
                          "description@pt,description@ht,services,languages,address,city,country,"
                          "phone,email,website,hours@es,lat,lon,categories,reviewed\n";
    files.legislation << "id,country,year,kind,official_reference,url,title@es,title@en,title@fr,"
                         "title@pt,title@ht,summary@es,summary@en,summary@fr,summary@pt,"
                         "summary@ht,categories,reviewed\n";
    files.cooperation << "id,direction,country,theme,contact,title@es,title@en,title@fr,title@pt,"
                         "title@ht,summary@es,summary@en,summary@fr,summary@pt,summary@ht,"
                         "categories,reviewed\n";
    static const char* kKinds[] = {
        "public-body", "consulate",           "ngo",
        "university",  "migrant-association", "international-organization"};
    static const char* kServiceCodes[] = {"legal-aid",  "documents", "health",      "shelter",
                                          "employment", "education", "information", "return"};
    static const char* kNorms[] = {"law", "decree", "regulation", "treaty"};
    // Themes the kiosk names (a set's check fails on a code nobody named).
    static const char* kThemes[] = {"consular",   "integration", "return",
                                    "statistics", "trafficking", "training"};
    static const char* kProgrammeKinds[] = {"job-insertion", "productive-investment",
                                            "human-capital", "seasonal-work"};

    for (int index = 0; index < options.items; ++index) {
        Random random{options.seed * 0x100000001B3ull + static_cast<std::uint64_t>(index)};
        // A mutated item draws its text from a second stream: same id, different words.
        Random text{random.next() ^ (mutated[static_cast<size_t>(index)] ? 0xABCDEFull : 0)};
        char id[48];
        Kind kind = kind_of(index);
        static const char* kPrefix[] = {"art", "news", "prog", "inst", "law", "coop"};
        std::snprintf(id, sizeof id, "%s-%07d", kPrefix[static_cast<int>(kind)], index);
        // es always; en and fr for most items; pt and ht for some.
        int reach = random.below(10);
        std::vector<std::string> langs = {"es"};
        if (reach < 8) langs.insert(langs.end(), {"en", "fr"});
        if (reach < 4) langs.insert(langs.end(), {"pt", "ht"});
        int country = random.below(16);
        char reviewed[48];
        std::snprintf(reviewed, sizeof reviewed, "20%02d-%02d-%02d", 20 + random.below(7),
                      1 + random.below(12), 1 + random.below(28));
        auto has = [&](const std::string& lang) {
            return std::find(langs.begin(), langs.end(), lang) != langs.end();
        };
        switch (kind) {
            case Kind::article:
            case Kind::news:
            case Kind::programme: {
                const char* folder = kind == Kind::article ? "articles"
                                     : kind == Kind::news  ? "news"
                                                           : "programmes";
                for (const auto& lang : langs) {
                    std::ofstream md(out / folder / (std::string(id) + "." + lang + ".md"));
                    md << "---\ntitle: " << sentence(text, lang, 3 + text.below(4)) << "\n";
                    md << "summary: " << sentence(text, lang, 12 + text.below(10)) << "\n";
                    if (lang == "es") {
                        md << "categories: "
                           << (kind == Kind::news        ? "news"
                               : kind == Kind::programme ? "return"
                                                         : "rights")
                           << "\nreviewed: " << reviewed << "\n";
                        if (kind == Kind::news) md << "date: " << reviewed << "\nkind: bulletin\n";
                        if (kind == Kind::programme)
                            md << "kind: " << kProgrammeKinds[random.below(4)]
                               << "\nhost_countries: " << kCountries[country] << "\n";
                    }
                    md << "---\n# " << sentence(text, lang, 4) << "\n\n";
                    int paragraphs = 1 + text.below(3);
                    for (int p = 0; p < paragraphs; ++p)
                        md << sentence(text, lang, 25 + text.below(30)) << ".\n\n";
                }
                break;
            }
            case Kind::institution: {
                auto& f = files.institutions;
                f << id << "," << kKinds[random.below(6)] << ","
                  << csv_cell(sentence(text, "es", 4)) << ",";
                for (const auto& lang : kLanguages)
                    f << (has(lang) ? csv_cell(sentence(text, lang, 15 + text.below(15))) : "")
                      << ",";
                f << kServiceCodes[random.below(8)] << ";" << kServiceCodes[random.below(8)] << ","
                  << (random.below(3) == 0 ? "es;en;ht" : "es") << ","
                  << csv_cell("Calle " + std::to_string(1 + random.below(200))) << ","
                  << csv_cell(kCities[country]) << "," << kCountries[country] << ",,,,"
                  << "L-V 9-17," << (-50 + random.below(80)) << "." << random.below(1000) << ","
                  << (-110 + random.below(80)) << "." << random.below(1000) << ",directory,"
                  << reviewed << "\n";
                break;
            }
            case Kind::legislation:
            case Kind::cooperation: {
                auto& f = kind == Kind::legislation ? files.legislation : files.cooperation;
                f << id << ",";
                if (kind == Kind::legislation)
                    f << kCountries[country] << "," << (1990 + random.below(35)) << ","
                      << kNorms[random.below(4)] << ",Ref. " << random.below(100000) << ",,";
                else
                    f << (random.below(2) ? "offer" : "request") << "," << kCountries[country]
                      << "," << kThemes[text.below(6)] << ",,";
                for (const auto& lang : kLanguages)
                    f << (has(lang) ? csv_cell(sentence(text, lang, 4 + text.below(4))) : "")
                      << ",";
                for (const auto& lang : kLanguages)
                    f << (has(lang) ? csv_cell(sentence(text, lang, 15 + text.below(15))) : "")
                      << ",";
                f << (kind == Kind::legislation ? "laws" : "cooperation") << "," << reviewed
                  << "\n";
                break;
            }
        }
    }
    for (auto* f : {&files.institutions, &files.legislation, &files.cooperation}) {
        f->flush();
        if (!*f) return make_error(out.string() + ": write failed");
    }
    return SynthSummary{options.items, mutate_count};
}

}  // namespace

Result<SynthSummary> write_synthetic_sources(const fs::path& out, const SynthOptions& options) {
    try {
        return write_unguarded(out, options);
    } catch (const std::exception& e) {
        return make_error(out.string() + ": " + e.what());
    }
}

}  // namespace guichet::content
