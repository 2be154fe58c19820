#include "ui_strings.h"

#include <array>
#include <string>

namespace guichet::kiosk {
namespace {

constexpr std::array<std::string_view, 5> kLanguages = {"es", "en", "fr", "pt", "ht"};

struct Row {
    std::string_view key;
    std::array<std::string_view, 5> text;  // in kLanguages order
};

// clang-format off
constexpr Row kTable[] = {
    {"touch_to_start", {"Toque la pantalla para empezar", "Touch the screen to start", "Touchez l'écran pour commencer", "Toque na tela para começar", "Touche ekran an pou kòmanse"}},
    {"choose_language", {"Elija su idioma", "Choose your language", "Choisissez votre langue", "Escolha seu idioma", "Chwazi lang ou"}},
    {"back", {"Atrás", "Back", "Retour", "Voltar", "Retounen"}},
    {"home", {"Inicio", "Home", "Accueil", "Início", "Akèy"}},
    {"search", {"Buscar", "Search", "Rechercher", "Buscar", "Chèche"}},
    {"language", {"Idioma", "Language", "Langue", "Idioma", "Lang"}},
    {"larger_text", {"Letra grande", "Larger text", "Texte agrandi", "Letra grande", "Gwo lèt"}},
    {"high_contrast", {"Alto contraste", "High contrast", "Contraste élevé", "Alto contraste", "Kontras fò"}},
    {"still_there", {"¿Sigue ahí?", "Are you still there?", "Êtes-vous toujours là ?", "Você ainda está aí?", "Ou la toujou?"}},
    {"idle_countdown", {"Volvemos al inicio en {} s. Toque la pantalla para continuar.", "Going back to the start in {} s. Touch the screen to continue.", "Retour au début dans {} s. Touchez l'écran pour continuer.", "Voltando ao início em {} s. Toque na tela para continuar.", "N ap retounen nan kòmansman an nan {} s. Touche ekran an pou kontinye."}},
    {"continue", {"Continuar", "Continue", "Continuer", "Continuar", "Kontinye"}},
    {"fallback_note", {"Este texto aún no está traducido. Se muestra en: {}", "This text is not translated yet. Shown in: {}", "Ce texte n'est pas encore traduit. Affiché en : {}", "Este texto ainda não foi traduzido. Exibido em: {}", "Tèks sa a poko tradui. Li parèt an: {}"}},
    {"search_hint", {"Escriba una palabra con el teclado", "Type a word on the keyboard", "Tapez un mot avec le clavier", "Digite uma palavra no teclado", "Tape yon mo ak klavye a"}},
    {"no_results", {"No encontramos nada. Pruebe otra palabra.", "Nothing found. Try another word.", "Aucun résultat. Essayez un autre mot.", "Nada encontrado. Tente outra palavra.", "Nou pa jwenn anyen. Eseye yon lòt mo."}},
    {"space", {"espacio", "space", "espace", "espaço", "espas"}},
    {"delete", {"Borrar", "Delete", "Effacer", "Apagar", "Efase"}},
    {"clear", {"Borrar todo", "Clear all", "Tout effacer", "Apagar tudo", "Efase tout"}},
    {"empty_list", {"Todavía no hay información aquí.", "There is no information here yet.", "Il n'y a pas encore d'information ici.", "Ainda não há informação aqui.", "Poko gen enfòmasyon la a."}},
    {"items_count", {"{} resultados", "{} results", "{} résultats", "{} resultados", "{} rezilta"}},
    {"content_unavailable", {"La información no está disponible. Pida ayuda al personal.", "The information is not available. Please ask the staff.", "L'information n'est pas disponible. Demandez au personnel.", "A informação não está disponível. Peça ajuda à equipe.", "Enfòmasyon an pa disponib. Mande anplwaye yo èd."}},
    {"take_away", {"Llévelo en su teléfono", "Take it on your phone", "Emportez-le sur votre téléphone", "Leve no seu celular", "Pran l sou telefòn ou"}},
    {"scan_hint", {"Escanee el código con la cámara de su teléfono.", "Scan the code with your phone's camera.", "Scannez le code avec l'appareil photo de votre téléphone.", "Escaneie o código com a câmera do seu celular.", "Eskane kòd la ak kamera telefòn ou."}},
    {"open_link", {"Abra este enlace en su teléfono", "Open this link on your phone", "Ouvrez ce lien sur votre téléphone", "Abra este link no seu celular", "Louvri lyen sa a sou telefòn ou"}},
    {"close", {"Cerrar", "Close", "Fermer", "Fechar", "Fèmen"}},
    {"last_updated", {"Información actualizada por última vez el {}", "Information last updated on {}", "Informations mises à jour pour la dernière fois le {}", "Informação atualizada pela última vez em {}", "Dènye fwa enfòmasyon yo te mete ajou: {}"}},
    {"reviewed_on", {"Revisado el {}", "Checked on {}", "Vérifié le {}", "Revisado em {}", "Verifye {}"}},
    {"filters", {"Filtros", "Filters", "Filtres", "Filtros", "Filtè"}},
    {"any", {"Todos", "All", "Tous", "Todos", "Tout"}},
    {"clear_filters", {"Quitar filtros", "Clear filters", "Effacer les filtres", "Limpar filtros", "Retire filtè yo"}},
    {"field.country", {"País", "Country", "Pays", "País", "Peyi"}},
    {"field.city", {"Ciudad", "City", "Ville", "Cidade", "Vil"}},
    {"field.kind", {"Tipo", "Type", "Type", "Tipo", "Kalite"}},
    {"field.service", {"Servicio", "Service", "Service", "Serviço", "Sèvis"}},
    {"field.spoken_language", {"Idioma de atención", "Language spoken", "Langue parlée", "Idioma falado", "Lang yo pale"}},
    {"field.address", {"Dirección", "Address", "Adresse", "Endereço", "Adrès"}},
    {"field.phone", {"Teléfono", "Phone", "Téléphone", "Telefone", "Telefòn"}},
    {"field.email", {"Correo electrónico", "Email", "Courriel", "E-mail", "Imèl"}},
    {"field.website", {"Sitio web", "Website", "Site web", "Site", "Sit entènèt"}},
    {"field.hours", {"Horario", "Opening hours", "Horaires", "Horário", "Lè ouvèti"}},
    {"field.services", {"Servicios", "Services", "Services", "Serviços", "Sèvis yo"}},
    {"field.spoken_languages", {"Idiomas de atención", "Languages spoken", "Langues parlées", "Idiomas falados", "Lang yo pale"}},
    {"field.year", {"Año", "Year", "Année", "Ano", "Ane"}},
    {"field.reference", {"Referencia oficial", "Official reference", "Référence officielle", "Referência oficial", "Referans ofisyèl"}},
    {"field.link", {"Enlace oficial", "Official link", "Lien officiel", "Link oficial", "Lyen ofisyèl"}},
    {"field.host_countries", {"Países de destino", "Host countries", "Pays d'accueil", "Países de destino", "Peyi ki resevwa"}},
    {"field.origin_countries", {"Países de origen", "Countries of origin", "Pays d'origine", "Países de origem", "Peyi orijin"}},
    {"field.sector", {"Sector", "Sector", "Secteur", "Setor", "Sektè"}},
    {"field.season", {"Temporada", "Season", "Saison", "Temporada", "Sezon"}},
    {"field.date", {"Fecha", "Date", "Date", "Data", "Dat"}},
    {"field.source", {"Fuente", "Source", "Source", "Fonte", "Sous"}},
    {"field.unit", {"Unidad", "Unit", "Unité", "Unidade", "Inite"}},
    {"field.theme", {"Tema", "Theme", "Thème", "Tema", "Tèm"}},
    {"field.contact", {"Contacto", "Contact", "Contact", "Contato", "Kontak"}},
    {"direction.offer", {"Ofrece", "Offer", "Offre", "Oferta", "Òf"}},
    {"direction.request", {"Solicita", "Request", "Demande", "Pedido", "Demann"}},
    {"type.article", {"Artículos", "Articles", "Articles", "Artigos", "Atik"}},
    {"type.institution", {"Instituciones", "Institutions", "Institutions", "Instituições", "Enstitisyon"}},
    {"type.programme", {"Programas", "Programmes", "Programmes", "Programas", "Pwogram"}},
    {"type.legislation", {"Leyes", "Laws", "Lois", "Leis", "Lwa"}},
    {"type.statistics", {"Cifras", "Figures", "Chiffres", "Números", "Chif"}},
    {"type.news", {"Noticias", "News", "Actualités", "Notícias", "Nouvèl"}},
    {"type.cooperation", {"Cooperación", "Cooperation", "Coopération", "Cooperação", "Koperasyon"}},
    {"kind.public-body", {"Organismo público", "Public body", "Organisme public", "Órgão público", "Biwo leta"}},
    {"kind.consulate", {"Consulado", "Consulate", "Consulat", "Consulado", "Konsila"}},
    {"kind.ngo", {"Organización sin fines de lucro", "Non-profit organisation", "Association à but non lucratif", "Organização sem fins lucrativos", "Òganizasyon ki pa fè pwofi"}},
    {"kind.university", {"Universidad", "University", "Université", "Universidade", "Inivèsite"}},
    {"kind.migrant-association", {"Asociación de migrantes", "Migrant association", "Association de migrants", "Associação de migrantes", "Asosyasyon migran"}},
    {"kind.international-organization", {"Organismo internacional", "International organisation", "Organisation internationale", "Organização internacional", "Òganizasyon entènasyonal"}},
    {"law.constitution", {"Constitución", "Constitution", "Constitution", "Constituição", "Konstitisyon"}},
    {"law.law", {"Ley", "Law", "Loi", "Lei", "Lwa"}},
    {"law.decree", {"Decreto", "Decree", "Décret", "Decreto", "Dekrè"}},
    {"law.regulation", {"Reglamento", "Regulation", "Règlement", "Regulamento", "Règleman"}},
    {"law.treaty", {"Tratado", "Treaty", "Traité", "Tratado", "Trete"}},
    {"law.resolution", {"Resolución", "Resolution", "Résolution", "Resolução", "Rezolisyon"}},
    {"unit.persons", {"personas", "people", "personnes", "pessoas", "moun"}},
    {"unit.percent", {"por ciento", "percent", "pour cent", "por cento", "pousan"}},
    {"unit.usd-millions", {"millones de dólares (EE. UU.)", "millions of US dollars", "millions de dollars des États-Unis", "milhões de dólares (EUA)", "milyon dola ameriken"}},
    {"service.legal-aid", {"Asesoría legal", "Legal advice", "Conseil juridique", "Assessoria jurídica", "Konsèy jiridik"}},
    {"service.asylum", {"Asilo y refugio", "Asylum and refuge", "Asile et refuge", "Asilo e refúgio", "Azil ak refij"}},
    {"service.documents", {"Documentos", "Documents", "Papiers", "Documentos", "Papye"}},
    {"service.regularization", {"Regularización", "Regularisation", "Régularisation", "Regularização", "Regilarizasyon"}},
    {"service.health", {"Salud", "Health", "Santé", "Saúde", "Sante"}},
    {"service.shelter", {"Albergue", "Shelter", "Hébergement", "Abrigo", "Abri"}},
    {"service.food", {"Alimentación", "Food", "Alimentation", "Alimentação", "Manje"}},
    {"service.employment", {"Empleo", "Work", "Emploi", "Emprego", "Travay"}},
    {"service.education", {"Educación", "Education", "Éducation", "Educação", "Edikasyon"}},
    {"service.psychosocial", {"Apoyo psicosocial", "Psychosocial support", "Soutien psychosocial", "Apoio psicossocial", "Sipò sikososyal"}},
    {"service.family-reunification", {"Reunificación familiar", "Family reunification", "Regroupement familial", "Reunificação familiar", "Reyinifikasyon fanmi"}},
    {"service.return", {"Retorno", "Return", "Retour", "Retorno", "Retou"}},
    {"service.remittances", {"Remesas", "Remittances", "Envois de fonds", "Remessas", "Transfè lajan"}},
    {"service.trafficking-victims", {"Víctimas de trata", "Victims of trafficking", "Victimes de la traite", "Vítimas de tráfico de pessoas", "Viktim trafik moun"}},
    {"service.information", {"Información", "Information", "Information", "Informação", "Enfòmasyon"}},
};
// clang-format on

const Row* find_row(std::string_view key) {
    for (const Row& row : kTable)
        if (row.key == key) return &row;
    return nullptr;
}

int language_index(std::string_view language) {
    for (size_t i = 0; i < kLanguages.size(); ++i)
        if (kLanguages[i] == language) return static_cast<int>(i);
    return -1;
}

std::string_view cell(const Row& row, std::string_view language) {
    const int index = language_index(language);
    return index < 0 ? std::string_view{} : row.text[index];
}

}  // namespace

const std::vector<std::string>& ui_languages() {
    static const std::vector<std::string> languages(kLanguages.begin(), kLanguages.end());
    return languages;
}

std::string_view tr(std::string_view key, std::string_view language,
                    const std::vector<std::string>& fallback_chain) {
    const Row* row = find_row(key);
    if (!row) return key;
    if (auto text = cell(*row, language); !text.empty()) return text;
    for (const std::string& next : fallback_chain)
        if (auto text = cell(*row, next); !text.empty()) return text;
    if (auto dash = language.find('-'); dash != std::string_view::npos)
        if (auto text = cell(*row, language.substr(0, dash)); !text.empty()) return text;
    if (auto text = cell(*row, "en"); !text.empty()) return text;
    return cell(*row, "es");
}

std::string_view tr_or(std::string_view key, std::string_view otherwise, std::string_view language,
                       const std::vector<std::string>& fallback_chain) {
    return find_row(key) ? tr(key, language, fallback_chain) : otherwise;
}

std::string format1(std::string_view pattern, std::string_view value) {
    std::string out(pattern);
    if (auto at = out.find("{}"); at != std::string::npos) out.replace(at, 2, value);
    return out;
}

std::vector<std::string_view> ui_string_keys() {
    std::vector<std::string_view> keys;
    for (const Row& row : kTable) keys.push_back(row.key);
    return keys;
}

std::string_view ui_string_cell(std::string_view key, std::string_view language) {
    const Row* row = find_row(key);
    return row ? cell(*row, language) : std::string_view{};
}

}  // namespace guichet::kiosk
