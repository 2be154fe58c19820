// SPDX-License-Identifier: GPL-3.0-or-later
// Every word the kiosk shows, in English, the source language. Translations are NOT here: they
// live in kiosk/po/LANG.po (gettext PO files, edited with Poedit or Weblate). xgettext reads
// this file to make kiosk/po/guichet-kiosk.pot (scripts/update-po.sh, keyword ui_string:1c,2:
// the key becomes the msgctxt, the English the msgid); a test fails when the POT is stale.
// To add a string: kiosk/README.md, "A new UI string". A `// TRANSLATORS:` comment right above
// an entry reaches the translators' tools.
#include "ui_messages.h"

namespace guichet::kiosk {
namespace {

constexpr UiMessage ui_string(std::string_view key, std::string_view english) {
    return UiMessage{key, english};
}

// clang-format off
constexpr UiMessage kMessages[] = {
    // TRANSLATORS: The welcome screen shows this line in every offered language in turn.
    ui_string("touch_to_start", "Touch the screen to start"),
    ui_string("choose_language", "Choose your language"),
    ui_string("back", "Back"),
    ui_string("home", "Home"),
    ui_string("search", "Search"),
    ui_string("language", "Language"),
    ui_string("larger_text", "Larger text"),
    ui_string("high_contrast", "High contrast"),
    ui_string("still_there", "Are you still there?"),
    // TRANSLATORS: {} is a number of seconds.
    ui_string("idle_countdown", "Going back to the start in {} s. Touch the screen to continue."),
    ui_string("continue", "Continue"),
    // TRANSLATORS: {} is the name of the language the text is shown in instead.
    ui_string("fallback_note", "This text is not translated yet. Shown in: {}"),
    ui_string("search_hint", "Type a word on the keyboard"),
    ui_string("no_results", "Nothing found. Try another word."),
    // TRANSLATORS: above search results when a word was misspelled and read as the content's
    // own word; {} is the corrected search ("regularización").
    ui_string("search_showing_for", "Showing results for {}"),
    // TRANSLATORS: a button under "Showing results for …": searches the words exactly as the
    // visitor typed them; {} is what they typed ("regularisacion").
    ui_string("search_instead_for", "Search instead for {}"),
    // TRANSLATORS: nothing was found; a list of words the visitor may have meant follows,
    // each a button that searches it.
    ui_string("did_you_mean", "Did you mean:"),
    // TRANSLATORS: nothing was found; the areas of the home screen closest to the search
    // follow, each a button that opens it.
    ui_string("search_areas", "Or look in:"),
    // TRANSLATORS: nothing was found; the name of this service centre follows (a button to
    // its page: address, hours, phone), where a person can help.
    ui_string("search_ask_here", "Or ask at this centre:"),
    // TRANSLATORS: a button under the keyboard when only it fits and nothing was found: puts
    // the keyboard away to show where to look next (suggestions, areas, this centre).
    ui_string("search_see_help", "Nothing found: see where to look"),
    // TRANSLATORS: The space bar of the on-screen keyboard.
    ui_string("space", "space"),
    ui_string("delete", "Delete"),
    ui_string("clear", "Clear all"),
    // TRANSLATORS: a button under the keyboard when only it fits: puts the keyboard away to
    // show the results; {} is how many there are.
    ui_string("show_results", "Show the results ({})"),
    // TRANSLATORS: a button that brings the on-screen keyboard back, to type again.
    ui_string("keyboard", "Keyboard"),
    ui_string("empty_list", "There is no information here yet."),
    // TRANSLATORS: {} is a number of results.
    ui_string("items_count", "{} results"),
    ui_string("content_unavailable", "The information is not available. Please ask the staff."),
    ui_string("take_away", "Take it on your phone"),
    ui_string("scan_hint", "Scan the code with your phone's camera."),
    ui_string("open_link", "Open this link on your phone"),
    ui_string("close", "Close"),
    // TRANSLATORS: the top bar's last button on a narrow screen: opens a list of the tools
    // (search, larger text, contrast, language) the bar had no room for.
    ui_string("more", "More"),
    // TRANSLATORS: read aloud for a picture in an article: {} is the picture's description
    // (its alt text), in the article's language.
    ui_string("speech.image", "Image: {}"),
    // TRANSLATORS: a button that reads the screen aloud.
    ui_string("listen", "Listen"),
    ui_string("listen_pause", "Pause"),
    ui_string("listen_resume", "Resume"),
    ui_string("listen_stop", "Stop"),
    // TRANSLATORS: the listen bar's volume buttons.
    ui_string("listen_quieter", "Quieter"),
    ui_string("listen_louder", "Louder"),
    ui_string("listen_no_sound", "No sound: ask the staff"),
    // TRANSLATORS: The listen bar while a reading of a page is paused: a tap on a paragraph
    // of the text reads it from that paragraph.
    ui_string("listen_from_here", "Tap a paragraph to hear it from there."),
    // TRANSLATORS: staff settings: how fast the kiosk reads aloud (words per minute).
    ui_string("staff.speech_rate", "Reading speed (words per minute)"),
    ui_string("staff.speech_volume", "Reading volume"),
    // TRANSLATORS: {} is a date, already written in this language.
    ui_string("last_updated", "Information last updated on {}"),
    // Fleet alerts from the central or a regional office (a band at the bottom of every screen).
    // TRANSLATORS: The kind of an alert, before its title: the most serious kind.
    ui_string("alert.urgent", "Urgent"),
    ui_string("alert.warning", "Important notice"),
    ui_string("alert.info", "Notice"),
    // TRANSLATORS: {} is the name of the region whose office published the alert.
    ui_string("alert.region", "Regional office: {}"),
    // TRANSLATORS: {} is a number of further alerts not shown in the band.
    ui_string("alert.more", "and {} more notices"),
    // TRANSLATORS: {} is a date, already written in this language.
    ui_string("reviewed_on", "Checked on {}"),
    ui_string("filters", "Filters"),
    ui_string("any", "All"),
    ui_string("clear_filters", "Clear filters"),
    ui_string("field.country", "Country"),
    ui_string("field.city", "City"),
    ui_string("field.kind", "Type"),
    ui_string("field.service", "Service"),
    ui_string("field.spoken_language", "Language spoken"),
    ui_string("field.address", "Address"),
    ui_string("field.phone", "Phone"),
    ui_string("field.email", "Email"),
    ui_string("field.website", "Website"),
    ui_string("field.hours", "Opening hours"),
    ui_string("field.services", "Services"),
    ui_string("field.spoken_languages", "Languages spoken"),
    ui_string("field.year", "Year"),
    ui_string("field.reference", "Official reference"),
    ui_string("field.link", "Official link"),
    ui_string("field.host_countries", "Host countries"),
    ui_string("field.origin_countries", "Countries of origin"),
    ui_string("field.sector", "Sector"),
    ui_string("field.season", "Season"),
    ui_string("field.date", "Date"),
    ui_string("field.source", "Source"),
    ui_string("field.unit", "Unit"),
    ui_string("field.theme", "Theme"),
    ui_string("field.contact", "Contact"),
    // TRANSLATORS: A publication's page: who wrote it, who published it, its language.
    ui_string("field.authors", "Authors"),
    ui_string("field.publisher", "Publisher"),
    ui_string("field.language", "Language"),
    // TRANSLATORS: A publication's page: the web address where the whole text can be read.
    ui_string("field.full_text_online", "Full text online"),
    // TRANSLATORS: A publication's page: heading above its table of contents.
    ui_string("field.contents", "Contents"),
    // TRANSLATORS: A publication's page: heading above the whole text, shown on the kiosk.
    ui_string("field.full_text", "Full text"),
    // TRANSLATORS: {} is a language's name ("French"): the full text is only in that language.
    ui_string("full_text_in", "The full text is in {}."),
    // TRANSLATORS: Kinds of publication.
    // TRANSLATORS: Month names, for a language ICU has no dates for (Haitian Creole): the
    // kiosk then writes "27 novanm 2026". Other languages' dates come from ICU.
    ui_string("month.1", "January"),
    ui_string("month.2", "February"),
    ui_string("month.3", "March"),
    ui_string("month.4", "April"),
    ui_string("month.5", "May"),
    ui_string("month.6", "June"),
    ui_string("month.7", "July"),
    ui_string("month.8", "August"),
    ui_string("month.9", "September"),
    ui_string("month.10", "October"),
    ui_string("month.11", "November"),
    ui_string("month.12", "December"),
    // TRANSLATORS: How long ago a news item was published, for a language ICU has no words for
    // (Haitian Creole); {} is a number of days (2 or more).
    ui_string("ago.days", "{} days ago"),
    ui_string("ago.yesterday", "yesterday"),
    ui_string("ago.today", "today"),
    ui_string("publication.report", "Report"),
    // TRANSLATORS: Kinds of return and seasonal-work programme, and a sector of work; search
    // finds a programme by these words too.
    ui_string("programme.job-insertion", "Job placement"),
    ui_string("programme.productive-investment", "Productive investment"),
    ui_string("programme.human-capital", "Return of skilled people"),
    ui_string("programme.seasonal-work", "Seasonal work"),
    ui_string("sector.agriculture", "Agriculture"),
    ui_string("publication.study", "Study"),
    ui_string("publication.document", "Document"),
    // TRANSLATORS: An institution's page: its acronyms and other names ("COMAR").
    ui_string("field.other_names", "Also called"),
    ui_string("field.whatsapp", "WhatsApp"),
    ui_string("field.cost", "Cost"),
    ui_string("cost.free", "Free of charge"),
    ui_string("cost.paid", "There is a fee"),
    ui_string("field.bring", "What to bring"),
    ui_string("field.distance", "Distance from here"),
    // TRANSLATORS: {} is a date: when staff last checked an institution's address and phones.
    ui_string("checked_on", "Details checked on {}"),
    // TRANSLATORS: {} is where the details are published (a web address).
    ui_string("details_source", "Source: {}"),
    // TRANSLATORS: Days of the week in an institution's opening hours.
    ui_string("day.mo", "Monday"),
    ui_string("day.tu", "Tuesday"),
    ui_string("day.we", "Wednesday"),
    ui_string("day.th", "Thursday"),
    ui_string("day.fr", "Friday"),
    ui_string("day.sa", "Saturday"),
    ui_string("day.su", "Sunday"),
    ui_string("hours.today", "Today"),
    // TRANSLATORS: A day an institution is closed, in its week of opening hours.
    ui_string("hours.closed", "Closed"),
    // TRANSLATORS: {} is a time of day (17:00).
    ui_string("hours.open_until", "Open now, until {}"),
    ui_string("hours.open_always", "Open now, 24 hours a day"),
    ui_string("hours.closed_now", "Closed now"),
    // TRANSLATORS: {} is a time of day (14:00).
    ui_string("hours.opens_today", "Closed now, opens today at {}"),
    // TRANSLATORS: {} is a time of day (08:00).
    ui_string("hours.opens_tomorrow", "Closed now, opens tomorrow at {}"),
    // TRANSLATORS: {} is a day and a time ("Monday 08:00").
    ui_string("hours.opens_on", "Closed now, opens {}"),
    // TRANSLATORS: {} is a number of minutes walking.
    ui_string("distance.walk", "{} min on foot"),
    // TRANSLATORS: Buttons on an institution's page: each opens a QR code for a phone.
    ui_string("qr.contact", "Save the contact"),
    ui_string("qr.location", "Location"),
    ui_string("qr.website", "Website"),
    ui_string("qr.call", "Call"),
    ui_string("qr.write", "Write"),
    // TRANSLATORS: The directory's order and filter by the kiosk's own location.
    ui_string("near_me", "Nearest first"),
    ui_string("in_this_city", "In this city"),
    // TRANSLATORS: The offline map of the directory's institutions: its title and the button
    // that opens it (from home, the directory and an institution's page).
    ui_string("map", "Map"),
    ui_string("map.show", "On the map"),
    // TRANSLATORS: Map button: centre the map on this kiosk's own place.
    ui_string("map.back_to_me", "Back to me"),
    // TRANSLATORS: Map, the card of a tapped place or programme: opens its page.
    ui_string("map.open_place", "Open the page"),
    // TRANSLATORS: Over the map where the content has no map tiles; the places still show.
    ui_string("map.no_tiles", "No map of this area: places are still shown"),
    ui_string("map.no_map", "This content has no map: places are still shown"),
    // TRANSLATORS: Map, the layer toggle: the directory's institutions as pins, or the
    // seasonal-work programmes as arrows from the workers' countries to the host countries.
    ui_string("map.layer_institutions", "Institutions"),
    ui_string("map.layer_seasonal", "Seasonal work"),
    // TRANSLATORS: Read aloud on the map (spoken, never shown): {} is how many institutions
    // the map shows under the visitor's filters.
    ui_string("map.spoken_places", "Places on the map: {}"),
    // TRANSLATORS: Cooperation entries: an offer or a request.
    ui_string("direction.offer", "Offer"),
    ui_string("direction.request", "Request"),
    // TRANSLATORS: Kinds of items (lists, usage chart).
    ui_string("type.article", "Articles"),
    ui_string("type.institution", "Institutions"),
    ui_string("type.programme", "Programmes"),
    ui_string("type.legislation", "Laws"),
    ui_string("type.statistics", "Figures"),
    ui_string("type.news", "News"),
    ui_string("type.cooperation", "Cooperation"),
    ui_string("type.publication", "Publications"),
    // TRANSLATORS: Kind of institution in the directory.
    ui_string("kind.public-body", "Public body"),
    ui_string("kind.consulate", "Consulate"),
    ui_string("kind.ngo", "Non-profit organisation"),
    ui_string("kind.university", "University"),
    ui_string("kind.migrant-association", "Migrant association"),
    ui_string("kind.international-organization", "International organisation"),
    // TRANSLATORS: Kind of legal text.
    ui_string("law.constitution", "Constitution"),
    ui_string("law.law", "Law"),
    ui_string("law.decree", "Decree"),
    ui_string("law.regulation", "Regulation"),
    ui_string("law.treaty", "Treaty"),
    ui_string("law.resolution", "Resolution"),
    // TRANSLATORS: Units of statistics series.
    ui_string("unit.persons", "people"),
    ui_string("unit.percent", "percent"),
    ui_string("unit.usd-millions", "millions of US dollars"),
    // TRANSLATORS: Themes of cooperation offers and requests between states (field "Theme").
    ui_string("theme.consular", "Consular services"),
    ui_string("theme.integration", "Integration"),
    ui_string("theme.return", "Return and reintegration"),
    ui_string("theme.statistics", "Migration statistics"),
    ui_string("theme.trafficking", "Human trafficking"),
    ui_string("theme.training", "Training"),
    // TRANSLATORS: A statistics page: two buttons showing its figures as a chart or as a table.
    ui_string("chart.show_chart", "Chart"),
    ui_string("chart.show_table", "Table"),
    // TRANSLATORS: Under a statistics chart, before a year is tapped.
    ui_string("chart.tap_hint", "Tap a year to see each country's figure."),
    // TRANSLATORS: Read aloud before a statistics table, read row by row (a year, then each
    // country and its figure).
    ui_string("chart.spoken_table", "The figures, year by year."),
    // TRANSLATORS: Services an institution offers (directory filter and detail).
    ui_string("service.legal-aid", "Legal advice"),
    ui_string("service.asylum", "Asylum and refuge"),
    ui_string("service.documents", "Documents"),
    ui_string("service.regularization", "Regularisation"),
    ui_string("service.health", "Health"),
    ui_string("service.shelter", "Shelter"),
    ui_string("service.food", "Food"),
    ui_string("service.employment", "Work"),
    ui_string("service.education", "Education"),
    ui_string("service.psychosocial", "Psychosocial support"),
    ui_string("service.family-reunification", "Family reunification"),
    ui_string("service.return", "Return"),
    ui_string("service.remittances", "Remittances"),
    ui_string("service.trafficking-victims", "Victims of trafficking"),
    ui_string("service.information", "Information"),
    // Notices staff wrote on this kiosk, as visitors see them.
    ui_string("notices", "Notices from this office"),
    ui_string("no_notices", "There are no notices today."),
    // TRANSLATORS: {} is a date, already written in this language.
    ui_string("notice_until", "Valid until {}"),
    ui_string("type.notice", "Notices from this office"),
    // Staff mode.
    ui_string("staff.leave", "Leave staff mode"),
    ui_string("staff.page.status", "Status"),
    ui_string("staff.page.notices", "Notices"),
    ui_string("staff.page.settings", "Settings"),
    ui_string("staff.page.usage", "Usage"),
    ui_string("staff.exit", "Exit to desktop"),
    ui_string("staff.confirm_exit", "Close the kiosk and exit to the desktop?"),
    ui_string("staff.cancel", "Cancel"),
    ui_string("staff.pin_title", "Staff PIN"),
    ui_string("staff.pin_hint", "Type the PIN and touch Enter."),
    // TRANSLATORS: Keep the command as it is; only FOLDER may be translated.
    ui_string("staff.no_pin", "No staff PIN is set. Set one with: guichet-kiosk --state-dir FOLDER --set-pin"),
    ui_string("staff.pin_wrong", "Wrong PIN."),
    // TRANSLATORS: {} is a number of seconds.
    ui_string("staff.pin_locked", "Too many tries. Wait {} s."),
    ui_string("staff.pin_clear", "Clear"),
    ui_string("staff.pin_ok", "Enter"),
    // TRANSLATORS: {} is the technical error message (not translated).
    ui_string("staff.config_problem", "The settings file has an error; the kiosk runs on defaults: {}"),
    ui_string("staff.never", "never"),
    ui_string("staff.content_version", "Content version"),
    ui_string("staff.content_date", "Content date"),
    ui_string("staff.last_sync", "Last sync"),
    ui_string("staff.last_error", "Last error"),
    ui_string("staff.last_success", "Last successful sync"),
    ui_string("staff.next_sync", "Next sync"),
    ui_string("staff.server", "Server answers?"),
    ui_string("staff.server_yes", "Yes (last attempt)"),
    ui_string("staff.server_no", "No (last attempt)"),
    ui_string("staff.server_refused", "Answers, but the update failed"),
    // TRANSLATORS: Keep STATE/sync.conf as it is (a file name).
    ui_string("staff.sync_off", "Sync is not set up (no STATE/sync.conf)."),
    ui_string("staff.no_content", "None yet"),
    ui_string("staff.content_waiting", "New content is here: it is shown from the next welcome screen."),
    ui_string("staff.result.up_to_date", "already up to date"),
    ui_string("staff.result.updated", "updated"),
    ui_string("staff.result.failed", "failed"),
    ui_string("staff.result.clock_fault", "clock is wrong"),
    ui_string("staff.unknown", "Not known yet"),
    ui_string("staff.free_disk", "Free disk"),
    ui_string("staff.uptime", "Up for"),
    ui_string("staff.program_version", "Program version"),
    ui_string("staff.kiosk_id", "Kiosk id"),
    ui_string("staff.sync_now", "Sync now"),
    ui_string("staff.syncing", "Syncing…"),
    ui_string("staff.sync_started", "Sync requested."),
    ui_string("staff.notice_new", "New notice"),
    ui_string("staff.no_notices", "No notices yet."),
    ui_string("staff.edit", "Edit"),
    ui_string("staff.delete", "Delete"),
    ui_string("staff.keep", "Keep"),
    ui_string("staff.confirm_delete", "Delete this notice?"),
    // TRANSLATORS: A notice in staff's list that visitors see at this moment (its days and
    // times included).
    ui_string("staff.shown_now", "shown now"),
    ui_string("staff.not_shown_now", "not shown now"),
    // TRANSLATORS: Notice editor: the notice is shown on every day of the week (no day chosen).
    ui_string("staff.every_day", "Every day"),
    // TRANSLATORS: Staff's status page: heading of the list of alerts sent by the central or
    // a regional office to this kiosk.
    ui_string("staff.alerts", "Alerts from the offices"),
    ui_string("staff.no_alerts", "No alert has been sent to this kiosk."),
    ui_string("staff.alerts_not_dismissed",
              "Alerts cannot be removed here: the office that sent one withdraws it."),
    // TRANSLATORS: Who sent an alert: the central office (a regional one reads "Regional
    // office: NAME").
    ui_string("staff.alert_central", "Central office"),
    // TRANSLATORS: An alert whose end time has passed (it is no longer shown).
    ui_string("staff.alert_ended", "ended"),
    // TRANSLATORS: Notice editor, a button: the time of day the notice is shown from; {} is
    // the time ("09:00") or "--:--" for none.
    ui_string("staff.time_from", "From {}"),
    // TRANSLATORS: Notice editor, a button: the time of day it is shown until; {} as above.
    ui_string("staff.time_until", "Until {}"),
    // TRANSLATORS: Notice editor: the notice is shown the whole day (no times).
    ui_string("staff.all_day", "All day"),
    // TRANSLATORS: Heading of the clock face for a notice's time; {} is the time ("09:00").
    ui_string("staff.time_start", "Shown from {}"),
    // TRANSLATORS: Heading of the clock face for a notice's end; {} is the time ("12:00").
    // An end before the start means the next morning.
    ui_string("staff.time_end", "Shown until {}"),
    ui_string("staff.pinned", "pinned to home"),
    ui_string("staff.pin_home", "Pin to home"),
    ui_string("staff.notice_title", "Title"),
    ui_string("staff.notice_body", "Text"),
    // TRANSLATORS: {} is a date.
    ui_string("staff.from", "From {}"),
    // TRANSLATORS: {} is a date.
    ui_string("staff.until", "Until {}"),
    ui_string("staff.save", "Save"),
    ui_string("staff.notice_saved", "Notice saved."),
    ui_string("staff.notice_deleted", "Notice deleted."),
    ui_string("staff.settings_saved", "Settings saved and applied."),
    ui_string("staff.default_language", "Default language"),
    ui_string("staff.languages_offered", "Languages offered"),
    ui_string("staff.idle_timeout", "Back to start after (unused)"),
    ui_string("staff.rotation", "Screen rotation"),
    ui_string("staff.usage_title", "Visits over the last 30 days"),
    // TRANSLATORS: {} is a number.
    ui_string("staff.usage_sessions", "{} visits"),
    // TRANSLATORS: {} is a number.
    ui_string("staff.usage_searches", "{} searches"),
    // TRANSLATORS: {} is a number.
    ui_string("staff.usage_views", "{} pages viewed"),
    ui_string("staff.usage_by_type", "Pages by type"),
    ui_string("staff.usage_by_language", "Visits by language"),
    ui_string("staff.usage_privacy", "Daily totals only: never what was typed, never the time."),
    // TRANSLATORS: One letter for Monday in the usage chart.
    ui_string("staff.weekday.0", "M"),
    // TRANSLATORS: One letter for Tuesday.
    ui_string("staff.weekday.1", "T"),
    // TRANSLATORS: One letter for Wednesday.
    ui_string("staff.weekday.2", "W"),
    // TRANSLATORS: One letter for Thursday.
    ui_string("staff.weekday.3", "T"),
    // TRANSLATORS: One letter for Friday.
    ui_string("staff.weekday.4", "F"),
    // TRANSLATORS: One letter for Saturday.
    ui_string("staff.weekday.5", "S"),
    // TRANSLATORS: One letter for Sunday.
    ui_string("staff.weekday.6", "S"),
};
// clang-format on

}  // namespace

std::span<const UiMessage> ui_messages() {
    return kMessages;
}

}  // namespace guichet::kiosk
