// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/ui_strings.h"

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
    // Notices staff wrote on this kiosk, as visitors see them.
    {"notices", {"Avisos de esta oficina", "Notices from this office", "Avis de ce bureau", "Avisos deste escritório", "Avi biwo sa a"}},
    {"no_notices", {"No hay avisos hoy.", "There are no notices today.", "Aucun avis aujourd'hui.", "Não há avisos hoje.", "Pa gen avi jodi a."}},
    {"notice_until", {"Válido hasta el {}", "Valid until {}", "Valable jusqu'au {}", "Válido até {}", "Valab jiska {}"}},
    {"type.notice", {"Avisos de esta oficina", "Notices from this office", "Avis de ce bureau", "Avisos deste escritório", "Avi biwo sa a"}},
    // Staff mode.
    {"staff.leave", {"Salir del modo personal", "Leave staff mode", "Quitter le mode personnel", "Sair do modo equipe", "Kite mòd anplwaye"}},
    {"staff.page.status", {"Estado", "Status", "État", "Estado", "Eta"}},
    {"staff.page.notices", {"Avisos", "Notices", "Avis", "Avisos", "Avi"}},
    {"staff.page.settings", {"Ajustes", "Settings", "Réglages", "Configurações", "Paramèt"}},
    {"staff.page.usage", {"Uso", "Usage", "Utilisation", "Uso", "Itilizasyon"}},
    {"staff.exit", {"Salir al escritorio", "Exit to desktop", "Quitter vers le bureau", "Sair para a área de trabalho", "Soti nan biwo òdinatè a"}},
    {"staff.confirm_exit", {"¿Cerrar el quiosco y salir al escritorio?", "Close the kiosk and exit to the desktop?", "Fermer la borne et quitter vers le bureau ?", "Fechar o quiosque e sair para a área de trabalho?", "Fèmen kyòs la epi soti nan biwo òdinatè a?"}},
    {"staff.cancel", {"Cancelar", "Cancel", "Annuler", "Cancelar", "Anile"}},
    {"staff.pin_title", {"Código del personal", "Staff PIN", "Code du personnel", "Código da equipe", "Kòd anplwaye"}},
    {"staff.pin_hint", {"Escriba el código y toque Entrar.", "Type the PIN and touch Enter.", "Tapez le code et touchez Entrer.", "Digite o código e toque em Entrar.", "Tape kòd la epi touche Antre."}},
    {"staff.no_pin", {"No hay código del personal. Defínalo con: guichet-kiosk --state-dir CARPETA --set-pin", "No staff PIN is set. Set one with: guichet-kiosk --state-dir FOLDER --set-pin", "Aucun code du personnel. Définissez-le avec : guichet-kiosk --state-dir DOSSIER --set-pin", "Nenhum código da equipe. Defina com: guichet-kiosk --state-dir PASTA --set-pin", "Pa gen kòd anplwaye. Mete youn ak: guichet-kiosk --state-dir DOSYE --set-pin"}},
    {"staff.pin_wrong", {"Código incorrecto.", "Wrong PIN.", "Code incorrect.", "Código incorreto.", "Kòd la pa bon."}},
    {"staff.pin_locked", {"Demasiados intentos. Espere {} s.", "Too many tries. Wait {} s.", "Trop d'essais. Attendez {} s.", "Tentativas demais. Aguarde {} s.", "Twòp esè. Tann {} s."}},
    {"staff.pin_clear", {"Borrar", "Clear", "Effacer", "Apagar", "Efase"}},
    {"staff.pin_ok", {"Entrar", "Enter", "Entrer", "Entrar", "Antre"}},
    {"staff.config_problem", {"El archivo de ajustes tiene un error; el quiosco usa los valores por defecto: {}", "The settings file has an error; the kiosk runs on defaults: {}", "Le fichier de réglages contient une erreur ; la borne utilise les valeurs par défaut : {}", "O arquivo de configurações tem um erro; o quiosque usa os valores padrão: {}", "Fichye paramèt la gen yon erè; kyòs la sèvi ak valè default yo: {}"}},
    {"staff.never", {"nunca", "never", "jamais", "nunca", "janm"}},
    {"staff.content_version", {"Versión del contenido", "Content version", "Version du contenu", "Versão do conteúdo", "Vèsyon kontni an"}},
    {"staff.content_date", {"Fecha del contenido", "Content date", "Date du contenu", "Data do conteúdo", "Dat kontni an"}},
    {"staff.last_sync", {"Última sincronización", "Last sync", "Dernière synchronisation", "Última sincronização", "Dènye senkronizasyon"}},
    {"staff.last_error", {"Último error", "Last error", "Dernière erreur", "Último erro", "Dènye erè"}},
    {"staff.last_success", {"Última sincronización correcta", "Last successful sync", "Dernière synchronisation réussie", "Última sincronização bem-sucedida", "Dènye senkronizasyon ki reyisi"}},
    {"staff.next_sync", {"Próxima sincronización", "Next sync", "Prochaine synchronisation", "Próxima sincronização", "Pwochen senkronizasyon"}},
    {"staff.server", {"¿Responde el servidor?", "Server answers?", "Le serveur répond ?", "O servidor responde?", "Sèvè a reponn?"}},
    {"staff.server_yes", {"Sí (último intento)", "Yes (last attempt)", "Oui (dernier essai)", "Sim (última tentativa)", "Wi (dènye esè)"}},
    {"staff.server_no", {"No (último intento)", "No (last attempt)", "Non (dernier essai)", "Não (última tentativa)", "Non (dènye esè)"}},
    {"staff.server_refused", {"Responde, pero la actualización falló", "Answers, but the update failed", "Répond, mais la mise à jour a échoué", "Responde, mas a atualização falhou", "Li reponn, men mizajou a echwe"}},
    {"staff.sync_off", {"La sincronización no está configurada (falta STATE/sync.conf).", "Sync is not set up (no STATE/sync.conf).", "La synchronisation n'est pas configurée (pas de STATE/sync.conf).", "A sincronização não está configurada (falta STATE/sync.conf).", "Senkronizasyon pa konfigire (pa gen STATE/sync.conf)."}},
    {"staff.no_content", {"Ninguno todavía", "None yet", "Aucun pour l'instant", "Nenhum ainda", "Poko genyen"}},
    {"staff.content_waiting", {"Hay contenido nuevo: se mostrará al volver a la pantalla de inicio.", "New content is here: it is shown from the next welcome screen.", "Un nouveau contenu est arrivé : il sera affiché au prochain écran d'accueil.", "Há conteúdo novo: será exibido na próxima tela inicial.", "Gen nouvo kontni: l ap parèt lè ekran akèy la tounen."}},
    {"staff.result.up_to_date", {"ya estaba al día", "already up to date", "déjà à jour", "já estava em dia", "te deja ajou"}},
    {"staff.result.updated", {"actualizado", "updated", "mis à jour", "atualizado", "mete ajou"}},
    {"staff.result.failed", {"falló", "failed", "échec", "falhou", "echwe"}},
    {"staff.result.clock_fault", {"reloj incorrecto", "clock is wrong", "horloge incorrecte", "relógio incorreto", "revèy la pa bon"}},
    {"staff.unknown", {"Todavía no se sabe", "Not known yet", "Pas encore connu", "Ainda não se sabe", "Nou poko konnen"}},
    {"staff.free_disk", {"Espacio libre", "Free disk", "Espace libre", "Espaço livre", "Espas ki rete"}},
    {"staff.uptime", {"Encendido desde hace", "Up for", "Allumé depuis", "Ligado há", "Limen depi"}},
    {"staff.program_version", {"Versión del programa", "Program version", "Version du programme", "Versão do programa", "Vèsyon pwogram nan"}},
    {"staff.kiosk_id", {"Identificador del quiosco", "Kiosk id", "Identifiant de la borne", "Identificador do quiosque", "Idantifyan kyòs la"}},
    {"staff.sync_now", {"Sincronizar ahora", "Sync now", "Synchroniser maintenant", "Sincronizar agora", "Senkronize kounye a"}},
    {"staff.syncing", {"Sincronizando…", "Syncing…", "Synchronisation…", "Sincronizando…", "N ap senkronize…"}},
    {"staff.sync_started", {"Sincronización pedida.", "Sync requested.", "Synchronisation demandée.", "Sincronização solicitada.", "Senkronizasyon mande."}},
    {"staff.notice_new", {"Nuevo aviso", "New notice", "Nouvel avis", "Novo aviso", "Nouvo avi"}},
    {"staff.no_notices", {"Todavía no hay avisos.", "No notices yet.", "Pas encore d'avis.", "Ainda não há avisos.", "Poko gen avi."}},
    {"staff.edit", {"Editar", "Edit", "Modifier", "Editar", "Modifye"}},
    {"staff.delete", {"Eliminar", "Delete", "Supprimer", "Excluir", "Efase"}},
    {"staff.keep", {"Conservar", "Keep", "Garder", "Manter", "Kenbe"}},
    {"staff.confirm_delete", {"¿Eliminar este aviso?", "Delete this notice?", "Supprimer cet avis ?", "Excluir este aviso?", "Efase avi sa a?"}},
    {"staff.shown_today", {"visible hoy", "shown today", "affiché aujourd'hui", "visível hoje", "parèt jodi a"}},
    {"staff.not_shown_today", {"no visible hoy", "not shown today", "pas affiché aujourd'hui", "não visível hoje", "pa parèt jodi a"}},
    {"staff.pinned", {"fijado en el inicio", "pinned to home", "épinglé à l'accueil", "fixado no início", "kole sou akèy la"}},
    {"staff.pin_home", {"Fijar en el inicio", "Pin to home", "Épingler à l'accueil", "Fixar no início", "Kole sou akèy la"}},
    {"staff.notice_title", {"Título", "Title", "Titre", "Título", "Tit"}},
    {"staff.notice_body", {"Texto", "Text", "Texte", "Texto", "Tèks"}},
    {"staff.from", {"Desde {}", "From {}", "Du {}", "De {}", "Depi {}"}},
    {"staff.until", {"Hasta {}", "Until {}", "Au {}", "Até {}", "Jiska {}"}},
    {"staff.save", {"Guardar", "Save", "Enregistrer", "Salvar", "Anrejistre"}},
    {"staff.notice_saved", {"Aviso guardado.", "Notice saved.", "Avis enregistré.", "Aviso salvo.", "Avi a anrejistre."}},
    {"staff.notice_deleted", {"Aviso eliminado.", "Notice deleted.", "Avis supprimé.", "Aviso excluído.", "Avi a efase."}},
    {"staff.settings_saved", {"Ajustes guardados y aplicados.", "Settings saved and applied.", "Réglages enregistrés et appliqués.", "Configurações salvas e aplicadas.", "Paramèt yo anrejistre epi aplike."}},
    {"staff.default_language", {"Idioma por defecto", "Default language", "Langue par défaut", "Idioma padrão", "Lang default"}},
    {"staff.languages_offered", {"Idiomas ofrecidos", "Languages offered", "Langues proposées", "Idiomas oferecidos", "Lang yo ofri"}},
    {"staff.idle_timeout", {"Volver al inicio tras (sin uso)", "Back to start after (unused)", "Retour au début après (sans usage)", "Voltar ao início após (sem uso)", "Retounen nan kòmansman apre (san itilize)"}},
    {"staff.rotation", {"Rotación de la pantalla", "Screen rotation", "Rotation de l'écran", "Rotação da tela", "Wotasyon ekran an"}},
    {"staff.usage_title", {"Visitas de los últimos 30 días", "Visits over the last 30 days", "Visites des 30 derniers jours", "Visitas dos últimos 30 dias", "Vizit 30 dènye jou yo"}},
    {"staff.usage_sessions", {"{} visitas", "{} visits", "{} visites", "{} visitas", "{} vizit"}},
    {"staff.usage_searches", {"{} búsquedas", "{} searches", "{} recherches", "{} buscas", "{} rechèch"}},
    {"staff.usage_views", {"{} páginas vistas", "{} pages viewed", "{} pages vues", "{} páginas vistas", "{} paj yo gade"}},
    {"staff.usage_by_type", {"Páginas por tipo", "Pages by type", "Pages par type", "Páginas por tipo", "Paj pa kalite"}},
    {"staff.usage_by_language", {"Visitas por idioma", "Visits by language", "Visites par langue", "Visitas por idioma", "Vizit pa lang"}},
    {"staff.usage_privacy", {"Solo totales por día: nunca lo que se escribió, nunca la hora.", "Daily totals only: never what was typed, never the time.", "Totaux par jour seulement : jamais ce qui a été tapé, jamais l'heure.", "Apenas totais por dia: nunca o que foi digitado, nunca a hora.", "Sèlman total pa jou: janm sa moun tape, janm lè a."}},
    {"staff.weekday.0", {"L", "M", "L", "S", "L"}},
    {"staff.weekday.1", {"M", "T", "M", "T", "M"}},
    {"staff.weekday.2", {"X", "W", "M", "Q", "M"}},
    {"staff.weekday.3", {"J", "T", "J", "Q", "J"}},
    {"staff.weekday.4", {"V", "F", "V", "S", "V"}},
    {"staff.weekday.5", {"S", "S", "S", "S", "S"}},
    {"staff.weekday.6", {"D", "S", "D", "D", "D"}},
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
