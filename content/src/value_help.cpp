// SPDX-License-Identifier: GPL-3.0-or-later
#include "value_help.h"

#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <map>
#include <vector>

#include "messages.h"
#include "text_search.h"

namespace guichet::content::sources {
namespace {

std::u32string code_points(std::string_view utf8) {
    std::u32string out;
    for (size_t i = 0; i < utf8.size();) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        int length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = length == 1 ? c : c & (0x3F >> (length - 1));
        for (int k = 1; k < length && i + static_cast<size_t>(k) < utf8.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + static_cast<size_t>(k)]) & 0x3F);
        out += cp;
        i += static_cast<size_t>(length);
    }
    return out;
}

// Folded country names in the staff languages → ISO code, from ICU's own locale data.
const std::map<std::string, std::string>& country_names() {
    static const std::map<std::string, std::string> names = [] {
        std::map<std::string, std::string> m;
        for (const char* const* code = uloc_getISOCountries(); *code; ++code) {
            std::string locale = std::string("und_") + *code;
            for (const char* display : {"es", "fr", "pt", "en"}) {
                UChar buffer[128];
                UErrorCode status = U_ZERO_ERROR;
                int32_t length =
                    uloc_getDisplayCountry(locale.c_str(), display, buffer, 128, &status);
                if (U_FAILURE(status) || length <= 0) continue;
                char utf8[512];
                int32_t utf8_length = 0;
                status = U_ZERO_ERROR;
                u_strToUTF8(utf8, sizeof utf8, &utf8_length, buffer, length, &status);
                if (U_FAILURE(status)) continue;
                m.emplace(text::fold(std::string_view(utf8, static_cast<size_t>(utf8_length))),
                          *code);
            }
        }
        return m;
    }();
    return names;
}

// Words staff write for a code that are neither the code nor the kiosk's label of it (folded
// when compared). The kiosk's labels in every language come from its catalogues.
const std::map<std::string, std::vector<std::string>>& aliases() {
    static const std::map<std::string, std::vector<std::string>> table = {
        {"service.information",
         {"orientación", "orientation", "orientação", "información y orientación", "informação",
          "informacion", "info"}},
        {"service.legal-aid",
         {"asesoría jurídica", "asesoría legal", "asistencia jurídica", "asistencia legal",
          "abogado", "aide juridique", "assistance juridique", "conseil juridique",
          "assistência jurídica", "assessoria jurídica", "orientação jurídica", "legal advice"}},
        {"service.asylum", {"asilo", "refugio", "refugiados", "asile", "réfugiés", "refúgio", "refuge"}},
        {"service.documents", {"documentación", "trámites", "papiers", "documentação", "papers"}},
        {"service.regularization",
         {"regularización migratoria", "régularisation", "regularização", "regularisation"}},
        {"service.health", {"salud", "santé", "saúde", "atención médica", "soins"}},
        {"service.shelter",
         {"albergue", "alojamiento", "acogida", "hébergement", "abrigo", "acolhida", "acolhimento",
          "housing"}},
        {"service.food", {"alimentación", "comida", "alimentation", "alimentação", "comedor"}},
        {"service.employment",
         {"empleo", "trabajo", "orientación laboral", "emploi", "travail", "emprego", "trabalho",
          "work", "jobs"}},
        {"service.education",
         {"educación", "cursos", "éducation", "formation", "educação", "cursos de idiomas",
          "training"}},
        {"service.psychosocial",
         {"apoyo psicosocial", "salud mental", "soutien psychosocial", "apoio psicossocial"}},
        {"service.family-reunification",
         {"reunificación familiar", "regroupement familial", "reunificação familiar",
          "reunião familiar"}},
        {"service.return", {"retorno", "retour", "regreso", "volver"}},
        {"service.remittances",
         {"remesas", "envíos de dinero", "transferts d'argent", "remessas"}},
        {"service.trafficking-victims",
         {"trata", "trata de personas", "víctimas de trata", "traite", "traite des êtres humains",
          "tráfico de pessoas", "trafficking"}},
        {"kind.public-body",
         {"organismo público", "institución pública", "gobierno", "organisme public",
          "administration", "órgão público", "government"}},
        {"kind.consulate", {"consulado", "consulat", "embajada", "ambassade", "embaixada"}},
        {"kind.ngo", {"ong", "organización no gubernamental", "association", "asociación civil"}},
        {"kind.university", {"universidad", "université", "universidade"}},
        {"kind.migrant-association",
         {"asociación de migrantes", "association de migrants", "associação de migrantes"}},
        {"kind.international-organization",
         {"organismo internacional", "organización internacional", "organisation internationale",
          "organização internacional", "oim", "iom", "acnur", "unhcr", "hcr"}},
    };
    return table;
}

// Every folded name of `code` under `label_context`: the code, the kiosk's labels of it in
// es/fr/pt/en, and the aliases above.
std::vector<std::string> names_of(const std::string& code, const char* label_context) {
    std::vector<std::string> names{text::fold(code)};
    if (!label_context) return names;
    for (const char* lang : {"es", "fr", "pt", "en"})
        if (auto label = messages::kiosk_label(label_context, code, lang))
            names.push_back(text::fold(*label));
    auto it = aliases().find(std::string(label_context) + "." + code);
    if (it != aliases().end())
        for (const auto& alias : it->second) names.push_back(text::fold(alias));
    return names;
}

std::string labelled(const std::string& code, const char* label_context) {
    if (!label_context) return code;
    const std::string& lang = messages::language();
    if (lang.empty() || lang == "en") return code;
    auto label = messages::kiosk_label(label_context, code, lang);
    return label ? code + " (" + *label + ")" : code;
}

}  // namespace

int edit_distance(std::string_view a, std::string_view b) {
    std::u32string x = code_points(text::fold(a)), y = code_points(text::fold(b));
    std::vector<int> row(y.size() + 1);
    for (size_t j = 0; j <= y.size(); ++j) row[j] = static_cast<int>(j);
    for (size_t i = 1; i <= x.size(); ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        for (size_t j = 1; j <= y.size(); ++j) {
            int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] != y[j - 1])});
            diagonal = above;
        }
    }
    return row[y.size()];
}

std::optional<std::string> nearest(std::string_view value, const std::set<std::string>& valid) {
    if (value.size() > 200) return std::nullopt;
    std::optional<std::string> best;
    int best_distance = 0;
    int letters = static_cast<int>(code_points(text::fold(value)).size());
    int allowed = std::min(3, std::max(1, letters / 3));
    for (const auto& candidate : valid) {
        int d = edit_distance(value, candidate);
        if (d <= allowed && (!best || d < best_distance)) {
            best = candidate;
            best_distance = d;
        }
    }
    return best;
}

std::optional<std::string> code_named(std::string_view value, const std::set<std::string>& valid,
                                      const char* label_context) {
    if (value.size() > 200) return std::nullopt;
    std::string folded = text::fold(value);
    // A name written in full wins; then the nearest name by edit distance.
    for (const auto& code : valid)
        for (const auto& name : names_of(code, label_context))
            if (name == folded) return code;
    if (!label_context) return nearest(value, valid);
    std::optional<std::string> best;
    int best_distance = 0;
    int letters = static_cast<int>(code_points(folded).size());
    int allowed = std::min(3, std::max(1, letters / 3));
    for (const auto& code : valid)
        for (const auto& name : names_of(code, label_context)) {
            int d = edit_distance(folded, name);
            if (d <= allowed && (!best || d < best_distance)) {
                best = code;
                best_distance = d;
            }
        }
    return best;
}

std::string did_you_mean(std::string_view value, const std::set<std::string>& valid,
                         const char* label_context, bool list_when_near) {
    std::string out;
    if (auto near = code_named(value, valid, label_context)) {
        std::string label;
        const std::string& lang = messages::language();
        // The kiosk's label in the message language, unless it only repeats the code.
        if (label_context)
            if (auto l = messages::kiosk_label(label_context, *near,
                                               lang.empty() ? std::string_view("en") : lang);
                l && text::fold(*l) != text::fold(*near))
                label = " (" + *l + ")";
        out = messages::trf("; did you mean '{1}'{2}?", {*near, label});
        if (!list_when_near) return out;
    }
    std::string list;
    for (const auto& v : valid) list += (list.empty() ? "" : ", ") + labelled(v, label_context);
    if (out.empty()) return messages::trf(". Valid: {1}", {list});
    return out + messages::trf(" Valid: {1}", {list});
}

std::optional<std::string> country_code(std::string_view value) {
    if (value.size() == 2 && std::isalpha(static_cast<unsigned char>(value[0])) &&
        std::isalpha(static_cast<unsigned char>(value[1]))) {
        std::string upper{static_cast<char>(std::toupper(static_cast<unsigned char>(value[0]))),
                          static_cast<char>(std::toupper(static_cast<unsigned char>(value[1])))};
        for (const char* const* code = uloc_getISOCountries(); *code; ++code)
            if (upper == *code) return upper;
        return std::nullopt;
    }
    if (value.size() == 3 && std::all_of(value.begin(), value.end(), [](char c) {
            return std::isalpha(static_cast<unsigned char>(c));
        })) {
        std::string upper;
        for (char c : value) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        for (const char* const* code = uloc_getISOCountries(); *code; ++code) {
            std::string locale = std::string("und_") + *code;
            if (upper == uloc_getISO3Country(locale.c_str())) return std::string(*code);
        }
    }
    if (value.size() > 100) return std::nullopt;
    auto it = country_names().find(text::fold(value));
    if (it == country_names().end()) return std::nullopt;
    return it->second;
}

}  // namespace guichet::content::sources
