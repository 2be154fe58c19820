// SPDX-License-Identifier: GPL-3.0-or-later
#include "column_names.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "text_search.h"

namespace guichet::content::columns {
namespace {

// canonical → what staff call it (en, es, fr, pt). One name may stand for two columns of
// different files ("tipo" is an institution's kind and a law's kind); the file's own columns
// decide. The canonical name itself always matches.
const std::vector<std::pair<std::string, std::vector<std::string>>>& table() {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> t = {
        {"id", {"identifier", "identificador", "identifiant", "ident", "clave", "clé"}},
        {"code",
         {"language code", "código", "code de langue", "código de idioma", "código de língua"}},
        {"native_name",
         {"native name", "nombre nativo", "nombre propio", "nom natif", "nom d'origine",
          "nome nativo"}},
        {"base", {"base language", "idioma base", "langue de base", "língua base"}},
        {"fallback",
         {"fallbacks", "respaldo", "alternativa", "idioma de respaldo", "repli", "langue de repli",
          "língua alternativa"}},
        {"icon", {"icono", "icône"}},
        {"field", {"campo", "champ", "campo del código", "champ du code"}},
        {"types", {"tipos", "type", "tipos de contenido", "types de contenu"}},
        {"title", {"título", "titre"}},
        {"kind", {"tipo", "type", "clase", "genre", "sorte"}},
        {"name",
         {"nombre", "nom", "nome", "official name", "nombre oficial", "nom officiel",
          "nome oficial", "institución", "institution", "instituição"}},
        {"services", {"service", "servicios", "servicio", "serviços", "serviço"}},
        {"languages",
         {"idiomas", "lenguas", "langues", "línguas", "idiomas hablados", "langues parlées",
          "spoken languages"}},
        {"address", {"dirección", "domicilio", "adresse", "endereço", "morada"}},
        {"city", {"ciudad", "localidad", "ville", "commune", "cidade", "municipio"}},
        {"country", {"país", "pays"}},
        {"phone",
         {"téléphone", "tel", "teléfono", "telefone", "número de teléfono", "numéro de téléphone"}},
        {"email",
         {"e mail", "mail", "correo", "correo electrónico", "courriel", "adresse électronique",
          "adresse mail", "correio eletrônico"}},
        {"website",
         {"web", "web site", "sitio web", "sitio", "página web", "site web", "site internet",
          "site", "página", "url"}},
        {"lat", {"latitude", "latitud"}},
        {"lon", {"lng", "long", "longitude", "longitud"}},
        {"categories",
         {"category", "categorías", "categoría", "catégories", "catégorie", "áreas", "rubriques"}},
        {"reviewed",
         {"review date", "last reviewed", "revisado", "revisión", "fecha de revisión", "révisé",
          "revu", "date de révision", "vérifié le", "revisto", "revisão", "data de revisão"}},
        {"description", {"descripción", "descrição"}},
        {"hours",
         {"opening hours", "horario", "horarios", "horario de atención", "horaires",
          "heures d'ouverture", "horário de funcionamento"}},
        {"other_names",
         {"other names", "acronyms", "acronym", "siglas", "sigla", "otros nombres", "sigles",
          "autres noms", "outros nomes", "also known as"}},
        {"whatsapp", {"whats app", "wa"}},
        {"opening_hours", {"opening hours (osm)", "horario osm", "horaires osm", "horário osm"}},
        {"time_zone",
         {"time zone", "timezone", "zona horaria", "huso horario", "fuseau horaire",
          "fuso horário"}},
        {"cost", {"costo", "coste", "precio", "coût", "prix", "custo", "preço", "free"}},
        {"checked",
         {"checked on", "last checked", "verificado", "verificado el", "vérifié", "verificado em"}},
        {"bring",
         {"what to bring", "qué llevar", "que llevar", "documentos a llevar", "à apporter",
          "quoi apporter", "o que levar"}},
        {"year", {"año", "année"}},
        {"official_reference",
         {"official reference", "référence", "referencia", "referencia oficial",
          "référence officielle"}},
        {"url", {"link", "enlace", "lien", "web", "sitio web", "site web"}},
        {"summary", {"resumen", "résumé", "resumo"}},
        {"direction",
         {"sentido", "sens", "oferta o solicitud", "offre ou demande", "oferta ou pedido"}},
        {"theme", {"topic", "tema", "thème", "sujet"}},
        {"contact", {"contacto", "contato"}},
        {"unit", {"unidad", "unité", "unidade"}},
        {"source", {"fuente", "fonte"}},
        {"series", {"serie", "série"}},
        {"value", {"valor", "valeur"}},
    };
    return t;
}

// Language names in the four staff languages (and their own), for "nombre (español)".
const std::map<std::string, std::string>& language_names() {
    static const std::map<std::string, std::string> m = {
        {"espanol", "es"},
        {"spanish", "es"},
        {"espagnol", "es"},
        {"espanhol", "es"},
        {"castellano", "es"},
        {"ingles", "en"},
        {"english", "en"},
        {"anglais", "en"},
        {"frances", "fr"},
        {"french", "fr"},
        {"francais", "fr"},
        {"portugues", "pt"},
        {"portuguese", "pt"},
        {"portugais", "pt"},
        {"creole", "ht"},
        {"criollo", "ht"},
        {"criollo haitiano", "ht"},
        {"haitian creole", "ht"},
        {"kreyol", "ht"},
        {"kreyol ayisyen", "ht"},
        {"creole haitien", "ht"},
        {"crioulo haitiano", "ht"},
        {"arabe", "ar"},
        {"arabic", "ar"},
        {"العربية", "ar"},
    };
    return m;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// The canonical column among `allowed` that `folded` names, or "".
std::string find(const std::string& folded, const std::vector<std::string>& allowed) {
    for (const auto& canonical : allowed)
        if (fold_header(canonical) == folded) return canonical;
    for (const auto& [canonical, names] : table()) {
        if (!contains(allowed, canonical)) continue;
        for (const auto& name : names)
            if (fold_header(name) == folded) return canonical;
    }
    return "";
}

}  // namespace

std::string fold_header(std::string_view text) {
    std::string folded = text::fold(text);
    std::string out;
    bool space = false;
    for (char c : folded) {
        if (c == ' ' || c == '_' || c == '-' || c == '\t' || c == '\'' || c == '.') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

Resolved resolve(std::string_view header, const std::vector<std::string>& plain,
                 const std::vector<std::string>& translatable) {
    std::string raw(header);
    // Split off a language suffix: FIELD@LANG, FIELD (LANG), FIELD [LANG].
    std::string field = raw, language;
    bool has_language = false;
    if (auto at = raw.rfind('@'); at != std::string::npos) {
        field = raw.substr(0, at);
        language = raw.substr(at + 1);
        has_language = true;
    } else if (!raw.empty() && (raw.back() == ')' || raw.back() == ']')) {
        char open = raw.back() == ')' ? '(' : '[';
        if (auto at = raw.rfind(open); at != std::string::npos && at > 0) {
            field = raw.substr(0, at);
            language = raw.substr(at + 1, raw.size() - at - 2);
            has_language = true;
        }
    }
    Resolved out;
    if (has_language) {
        std::string folded_language = fold_header(language);
        std::string code = language;
        for (const auto& [name, named_code] : language_names())
            if (fold_header(name) == folded_language) code = named_code;
        // Codes keep their case rules (BCP 47 in languages.csv is lowercase, regions upper).
        while (!code.empty() && code.front() == ' ') code.erase(code.begin());
        while (!code.empty() && code.back() == ' ') code.pop_back();
        // A primary language subtag is lowercase ("ES" → "es").
        for (size_t i = 0; i < code.size() && code[i] != '-'; ++i)
            code[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
        std::string canonical = find(fold_header(field), translatable);
        if (!canonical.empty()) {
            out.canonical = canonical + "@" + code;
            out.language = code;
            return out;
        }
        // "nombre (oficial)" is not a language: try the whole header as a plain column.
    }
    out.canonical = find(fold_header(raw), plain);
    return out;
}

std::vector<std::string> names_of(const std::string& canonical) {
    std::vector<std::string> out{canonical};
    for (const auto& [c, names] : table())
        if (c == canonical)
            for (const auto& name : names) out.push_back(name);
    return out;
}

}  // namespace guichet::content::columns
