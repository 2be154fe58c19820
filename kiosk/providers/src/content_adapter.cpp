// SPDX-License-Identifier: GPL-3.0-or-later
#include "providers/content_adapter.h"

#include <sys/stat.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cstdlib>

#include "content/countries.h"
#include "kiosk/dates.h"
#include "kiosk/places.h"
#include "kiosk/qr_payload.h"
#include "kiosk/ui_strings.h"

namespace guichet::kiosk {
namespace {

constexpr std::int64_t kPageSize = 50;
constexpr size_t kMaxCachedPages = 24;
// The largest contact card whose code is drawn at 4 px a module or more on the smallest
// screen: at 800x480 the code's square is ~347 px, 86 modules at most with the quiet zone
// (version 14, 73 + 8); with low error correction (a screen does not smudge) version 14 holds
// 458 bytes. The presenter encodes contact cards so (measured: 4 px a module at 800x480).
constexpr size_t kMaxContactBytes = 458;

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const std::string& part : parts) {
        if (part.empty()) continue;
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

content::ItemFilter to_item_filter(const DirectoryFilter& filter) {
    content::ItemFilter out;
    auto set = [](std::optional<std::string>& field, const std::string& value) {
        if (!value.empty()) field = value;
    };
    set(out.country, filter.country);
    set(out.city, filter.city);
    set(out.kind, filter.kind);
    set(out.service, filter.service);
    set(out.spoken_language, filter.spoken_language);
    return out;
}

std::string filter_key(const DirectoryFilter& filter) {
    return filter.country + "|" + filter.city + "|" + filter.kind + "|" + filter.service + "|" +
           filter.spoken_language + (filter.nearest ? "|nearest" : "");
}

content::FilterField to_content_field(FilterField field) {
    switch (field) {
        case FilterField::country:
            return content::FilterField::country;
        case FilterField::city:
            return content::FilterField::city;
        case FilterField::kind:
            return content::FilterField::kind;
        case FilterField::service:
            return content::FilterField::service;
        case FilterField::spoken_language:
            return content::FilterField::spoken_language;
    }
    return content::FilterField::country;
}

}  // namespace

std::optional<FileIdentity> file_identity(const std::filesystem::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0) return std::nullopt;
    return FileIdentity{
        static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino),
        info.st_size,
        static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec};
}

std::string country_name(std::string_view code, std::string_view lang) {
    if (code.size() != 2) return std::string(code);
    const std::string locale = "und_" + std::string(code);
    // ICU has no Haitian Creole country names; Haitians read the French ones.
    const std::string display = lang.starts_with("ht") ? "fr" : std::string(lang);
    UChar name[128];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length =
        uloc_getDisplayCountry(locale.c_str(), display.c_str(), name, 128, &status);
    if (U_FAILURE(status) || length <= 0) return std::string(code);
    char utf8[512];
    int32_t utf8_length = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(utf8, sizeof utf8, &utf8_length, name, length, &status);
    if (U_FAILURE(status)) return std::string(code);
    const std::string result(utf8, static_cast<size_t>(utf8_length));
    return result == code ? std::string(code) : result;
}

// A language's name in the visitor's language ("francés" for fr in Spanish), from ICU; Haitian
// Creole readers get the French names, as for countries.
std::string language_name(std::string_view code, std::string_view lang) {
    if (code.empty()) return "";
    const std::string display = lang.starts_with("ht") ? "fr" : std::string(lang);
    UChar name[128];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length =
        uloc_getDisplayLanguage(std::string(code).c_str(), display.c_str(), name, 128, &status);
    if (U_FAILURE(status) || length <= 0) return std::string(code);
    char utf8[512];
    int32_t utf8_length = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(utf8, sizeof utf8, &utf8_length, name, length, &status);
    if (U_FAILURE(status)) return std::string(code);
    return std::string(utf8, static_cast<size_t>(utf8_length));
}

Result<std::unique_ptr<ContentAdapter>> ContentAdapter::open(const std::filesystem::path& store) {
    auto opened = content::ContentStore::open(store);
    if (!opened) return opened.error();
    std::unique_ptr<ContentAdapter> adapter(new ContentAdapter(std::move(*opened)));
    adapter->path_ = store;
    adapter->identity_ = file_identity(store);
    auto info = adapter->store_.info();
    if (!info) return info.error();
    adapter->version_ = info->content_version;
    adapter->base_language_ = info->base_language;
    adapter->build_date_ = info->build_date;
    auto languages = adapter->store_.languages();
    if (!languages) return languages.error();
    for (const content::Language& language : *languages)
        adapter->languages_.push_back(
            {language.code, language.native_name, language.fallback_chain});
    auto names = adapter->store_.code_names();
    if (!names) return names.error();
    for (content::CodeName& name : *names)
        adapter->code_names_[{std::move(name.field), std::move(name.code)}][std::move(name.lang)] =
            std::move(name.name);
    return adapter;
}

std::string ContentAdapter::code_name(std::string_view field, std::string_view code,
                                      std::string_view lang) const {
    if (code.empty()) return "";
    const auto& chain = fallback_chain(lang);
    const auto named = code_names_.find(std::make_pair(std::string(field), std::string(code)));
    if (named != code_names_.end()) {
        if (auto it = named->second.find(std::string(lang)); it != named->second.end())
            return it->second;
        for (const std::string& l : chain)
            if (auto it = named->second.find(l); it != named->second.end()) return it->second;
    }
    const std::string key = std::string(field) + "." + std::string(code);
    const std::string_view kiosk = tr_or(key, code, lang, chain);
    if (kiosk != code || named == code_names_.end()) return std::string(kiosk);
    // Named only in languages off the visitor's chain: the base language's name first.
    if (auto it = named->second.find(base_language_); it != named->second.end()) return it->second;
    return named->second.begin()->second;
}

std::string ContentAdapter::item_type(std::string_view id) const {
    auto type = store_.type_of(id);
    return type ? std::string(content::to_string(*type)) : std::string();
}

const std::vector<std::string>& ContentAdapter::fallback_chain(std::string_view lang) const {
    static const std::vector<std::string> none;
    for (const LanguageChoice& language : languages_)
        if (language.code == lang) return language.fallback_chain;
    return none;
}

std::string ContentAdapter::native_name(std::string_view code) const {
    for (const LanguageChoice& language : languages_)
        if (language.code == code) return language.native_name;
    // A language spoken at a counter that the content is not written in ("de", "qu"): its own
    // name from ICU, never the bare code.
    return language_name(code, code);
}

Result<std::vector<HomeTile>> ContentAdapter::home(std::string_view lang) const {
    auto categories = store_.categories(lang);
    if (!categories) return categories.error();
    std::vector<HomeTile> tiles;
    for (const content::Category& category : *categories) {
        const bool directory = std::find(category.types.begin(), category.types.end(),
                                         content::ItemType::institution) != category.types.end();
        tiles.push_back({category.id, category.icon, category.title, directory});
    }
    return tiles;
}

Result<ContentAdapter::ListPlan*> ContentAdapter::plan_for(std::string key, std::string_view lang,
                                                           std::vector<Segment> segments,
                                                           ListHeader header) {
    key += "@" + std::string(lang);
    if (plan_ && plan_->key == key) return &*plan_;
    pages_.clear();
    header.total = 0;
    for (Segment& segment : segments) {
        auto page = store_.list(segment.type, lang, segment.filter, {0, 1});
        if (!page) return page.error();
        segment.total = page->total;
        header.total += page->total;
    }
    std::erase_if(segments, [](const Segment& s) { return s.total == 0; });
    plan_ = ListPlan{std::move(key), std::move(header), std::move(segments)};
    return &*plan_;
}

void ContentAdapter::set_now(std::int64_t now_unix) {
    now_ = now_unix;
    const std::optional<int> day = days_since("1970-01-01", now_unix);
    if (day != pages_day_) pages_.clear();
    pages_day_ = day;
}

ListRow ContentAdapter::to_row(const content::ItemSummary& item, std::string_view lang) const {
    ListRow row;
    row.id = item.header.id;
    row.type = std::string(content::to_string(item.header.type));
    row.title = item.header.title;
    row.shown_language = item.header.language;
    row.fell_back = item.header.fell_back;
    if (item.header.type == content::ItemType::institution) {
        std::vector<std::string> parts;
        if (!item.kind.empty())
            parts.push_back(code_name("kind", item.kind, lang));
        parts.push_back(item.city);
        if (!item.country.empty()) parts.push_back(country_name(item.country, lang));
        row.subtitle = join(parts, " · ");
    } else if (item.header.type == content::ItemType::news && !item.date.empty()) {
        row.subtitle = (now_ > 0 ? format_news_date(item.date, now_, lang)
                                 : format_calendar_day(item.date, lang)) +
                       (item.header.summary.empty() ? "" : " · " + item.header.summary);
    } else {
        row.subtitle = item.header.summary;
    }
    return row;
}

Result<std::vector<ListRow>> ContentAdapter::rows(ListPlan& plan, std::string_view lang,
                                                  std::int64_t offset, std::int64_t count) {
    std::vector<ListRow> out;
    std::int64_t segment_start = 0;
    for (size_t s = 0; s < plan.segments.size() && count > 0; ++s) {
        const Segment& segment = plan.segments[s];
        const std::int64_t segment_end = segment_start + segment.total;
        while (count > 0 && offset < segment_end) {
            const std::int64_t local = offset - segment_start;
            const std::int64_t page_index = local / kPageSize;
            const auto key = std::make_pair(static_cast<int>(s), page_index);
            auto cached = pages_.find(key);
            if (cached == pages_.end()) {
                auto page = store_.list(segment.type, lang, segment.filter,
                                        {page_index * kPageSize, kPageSize});
                if (!page) return page.error();
                std::vector<ListRow> page_rows;
                for (const auto& item : page->items) page_rows.push_back(to_row(item, lang));
                if (pages_.size() >= kMaxCachedPages) pages_.erase(pages_.begin());
                cached = pages_.emplace(key, std::move(page_rows)).first;
            }
            const std::int64_t within = local - page_index * kPageSize;
            if (within >= static_cast<std::int64_t>(cached->second.size())) break;  // shrank
            out.push_back(cached->second[static_cast<size_t>(within)]);
            ++offset;
            --count;
        }
        segment_start = segment_end;
    }
    return out;
}

Result<ListHeader> ContentAdapter::category(std::string_view category_id, std::string_view lang) {
    auto categories = store_.categories(lang);
    if (!categories) return categories.error();
    const content::Category* found = nullptr;
    for (const auto& category : *categories)
        if (category.id == category_id) found = &category;
    if (!found) return make_error("no category '" + std::string(category_id) + "'");
    std::vector<Segment> segments;
    for (content::ItemType type : content::kAllItemTypes) {
        Segment segment{type, {}, 0};
        const bool whole_type =
            std::find(found->types.begin(), found->types.end(), type) != found->types.end();
        if (!whole_type) segment.filter.category = std::string(category_id);
        segments.push_back(std::move(segment));
    }
    auto plan = plan_for("category/" + std::string(category_id), lang, std::move(segments),
                         {found->title, found->icon, 0});
    if (!plan) return plan.error();
    return (*plan)->header;
}

Result<std::vector<ListRow>> ContentAdapter::category_rows(std::string_view category_id,
                                                           std::string_view lang,
                                                           std::int64_t offset,
                                                           std::int64_t count) {
    auto header = category(category_id, lang);
    if (!header) return header.error();
    return rows(*plan_, lang, offset, count);
}

Result<ListHeader> ContentAdapter::directory(const DirectoryFilter& filter, std::string_view lang) {
    auto home_tiles = home(lang);
    if (!home_tiles) return home_tiles.error();
    ListHeader header{"", "institutions", 0};
    for (const HomeTile& tile : *home_tiles)
        if (tile.opens_directory) header.title = tile.title, header.icon = tile.icon;
    if (header.title.empty())
        header.title = std::string(tr("type.institution", lang, fallback_chain(lang)));
    auto plan =
        plan_for("directory/" + filter_key(filter), lang,
                 {{content::ItemType::institution, to_item_filter(filter), 0}}, std::move(header));
    if (!plan) return plan.error();
    return (*plan)->header;
}

Result<std::vector<MapPlace>> ContentAdapter::map_places(const DirectoryFilter& filter,
                                                         std::string_view lang) {
    DirectoryFilter by_name = filter;
    by_name.nearest = false;
    auto header = directory(by_name, lang);
    if (!header) return header.error();
    auto all = rows(*plan_, lang, 0, std::min<std::int64_t>(header->total, kMaxMapPlaces));
    if (!all) return all.error();
    auto places = store_.institution_places();
    if (!places) return places.error();
    std::map<std::string, content::Coordinates> where(places->begin(), places->end());
    std::vector<MapPlace> out;
    for (const ListRow& row : *all) {
        auto it = where.find(row.id);
        if (it == where.end()) continue;
        out.push_back({row.id, row.title, row.subtitle, it->second.lat, it->second.lon});
    }
    return out;
}

Result<MapLayers> ContentAdapter::map_layers(const std::vector<MapPlace>& pins,
                                             std::string_view lang) {
    MapLayers out;
    // Seasonal-work programmes: an arrow from each origin to each host the table can place; a
    // programme with no origin given (any country) marks its hosts.
    content::ItemFilter seasonal;
    seasonal.kind = "seasonal-work";
    auto page = store_.list(content::ItemType::programme, lang, seasonal, {0, kMaxMapProgrammes});
    if (!page) return page.error();
    for (const content::ItemSummary& summary : page->items) {
        auto item = store_.programme(summary.header.id, lang);
        if (!item) return item.error();
        const std::size_t index = out.programmes.size();
        std::vector<std::string> from_names, to_names;
        std::size_t arrows = 0;
        for (const std::string& to : item->host_countries) {
            const auto host = content::country_point(to);
            if (!host) continue;
            to_names.push_back(country_name(to, lang));
            bool any_origin = false;
            for (const std::string& from : item->origin_countries) {
                const auto origin = content::country_point(from);
                if (!origin || from == to) continue;
                any_origin = true;
                out.arrows.push_back(
                    {index, from, to, origin->lon, origin->lat, host->lon, host->lat});
                ++arrows;
            }
            if (!any_origin) {
                out.arrows.push_back({index, "", to, host->lon, host->lat, host->lon, host->lat});
                ++arrows;
            }
        }
        if (arrows == 0) continue;
        for (const std::string& from : item->origin_countries)
            if (content::country_point(from)) from_names.push_back(country_name(from, lang));
        // "Mexico → Canada"; many origins are counted, not listed (the page lists them).
        std::string subtitle = join(to_names, ", ");
        if (from_names.size() == 1 || from_names.size() == 2)
            subtitle = join(from_names, ", ") + " \xE2\x86\x92 " + subtitle;
        else if (from_names.size() > 2)
            subtitle = from_names.front() + " +" + std::to_string(from_names.size() - 1) +
                       " \xE2\x86\x92 " + subtitle;
        out.programmes.push_back({item->header.id, item->header.title, subtitle});
    }
    // Country names at their centroids, the largest countries first (kept first where names
    // collide), then the cities of the institutions on the map at their institutions' mean.
    std::vector<content::CountryPoint> countries = content::country_points();
    std::stable_sort(countries.begin(), countries.end(),
                     [](const auto& a, const auto& b) { return a.area_km2 > b.area_km2; });
    for (const content::CountryPoint& c : countries) {
        const std::string name = country_name(c.code, lang);
        if (name.empty() || name == c.code) continue;  // ICU has no name for it
        out.labels.push_back({name, c.lon, c.lat, c.area_km2, true});
    }
    struct CitySum {
        double lon = 0, lat = 0;
        int n = 0;
    };
    auto institutions = store_.list(content::ItemType::institution, lang, {}, {0, kMaxMapPlaces});
    if (!institutions) return institutions.error();
    std::map<std::string, std::string> city_of;
    for (const content::ItemSummary& i : institutions->items) city_of[i.header.id] = i.city;
    std::map<std::string, CitySum> cities;
    std::vector<std::string> order;
    for (const MapPlace& pin : pins) {
        const auto found = city_of.find(pin.id);
        if (found == city_of.end() || found->second.empty()) continue;
        auto [it, fresh] = cities.try_emplace(found->second);
        if (fresh) order.push_back(found->second);
        it->second.lon += pin.lon, it->second.lat += pin.lat, ++it->second.n;
    }
    // The cities with most institutions first.
    std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
        return cities[a].n > cities[b].n;
    });
    for (const std::string& city : order) {
        const CitySum& s = cities[city];
        out.labels.push_back({city, s.lon / s.n, s.lat / s.n, 0, false});
    }
    return out;
}

Result<std::vector<ListRow>> ContentAdapter::directory_rows(const DirectoryFilter& filter,
                                                            std::string_view lang,
                                                            std::int64_t offset,
                                                            std::int64_t count) {
    auto header = directory(filter, lang);
    if (!header) return header.error();
    if (!filter.nearest || !here_ || !here_->lat || !here_->lon)
        return rows(*plan_, lang, offset, count);
    // Nearest first: all the filter's rows at once (a directory holds hundreds, not the
    // hundred thousands a category list may), ordered by distance, each saying how far.
    const std::string key = filter_key(filter) + "@" + std::string(lang) + "#" + version_;
    if (nearest_key_ != key) {
        auto all = rows(*plan_, lang, 0, header->total);
        if (!all) return all.error();
        auto places = store_.institution_places();
        if (!places) return places.error();
        std::map<std::string, content::Coordinates> where(places->begin(), places->end());
        std::vector<Located> located;
        for (const ListRow& row : *all) {
            auto it = where.find(row.id);
            located.push_back({row.id, it == where.end() ? std::nullopt : std::optional(it->second.lat),
                               it == where.end() ? std::nullopt : std::optional(it->second.lon)});
        }
        const auto& chain = fallback_chain(lang);
        const Translate t = [&](std::string_view k) { return std::string(tr(k, lang, chain)); };
        nearest_rows_.clear();
        for (std::size_t i : nearest_first(located, *here_->lat, *here_->lon)) {
            ListRow row = (*all)[i];
            if (located[i].lat)
                row.subtitle = distance_text(distance_km(*here_->lat, *here_->lon, *located[i].lat,
                                                         *located[i].lon),
                                             lang, t) +
                               " \xC2\xB7 " + row.subtitle;
            nearest_rows_.push_back(std::move(row));
        }
        nearest_key_ = key;
    }
    std::vector<ListRow> out;
    for (std::int64_t i = offset; i < offset + count && i < static_cast<std::int64_t>(nearest_rows_.size()); ++i)
        out.push_back(nearest_rows_[static_cast<std::size_t>(i)]);
    return out;
}

std::string ContentAdapter::filter_label(FilterField field, std::string_view value,
                                         std::string_view lang) {
    switch (field) {
        case FilterField::country:
            return country_name(value, lang);
        case FilterField::kind:
            return code_name("kind", value, lang);
        case FilterField::service:
            return code_name("service", value, lang);
        case FilterField::spoken_language:
            return native_name(value);
        case FilterField::city:
            return std::string(value);
    }
    return std::string(value);
}

Result<std::vector<FilterOption>> ContentAdapter::filter_options(FilterField field,
                                                                 std::string_view lang) {
    auto values = store_.distinct_values(content::ItemType::institution, to_content_field(field));
    if (!values) return values.error();
    std::vector<FilterOption> options;
    for (const std::string& value : *values)
        options.push_back({value, filter_label(field, value, lang)});
    std::sort(options.begin(), options.end(),
              [](const FilterOption& a, const FilterOption& b) { return a.label < b.label; });
    return options;
}

// Services as words with their icons: the home areas' icons, the nearest in meaning.
static std::string service_icon(std::string_view code) {
    static const std::pair<std::string_view, std::string_view> kIcons[] = {
        {"legal-aid", "rights"},           {"asylum", "rights"},
        {"documents", "legislation"},      {"regularization", "legislation"},
        {"health", "contributions"},       {"shelter", "return"},
        {"food", "contributions"},         {"employment", "seasonal"},
        {"education", "integration"},      {"psychosocial", "contributions"},
        {"family-reunification", "integration"}, {"return", "return"},
        {"remittances", "cooperation"},    {"trafficking-victims", "rights"},
        {"information", "about"}};
    for (const auto& [service, icon] : kIcons)
        if (service == code) return std::string(icon);
    return "about";
}

void ContentAdapter::fill_institution(DetailView& view, const content::Institution& item,
                                      std::string_view lang, std::int64_t now) const {
    const auto& chain = fallback_chain(lang);
    const Translate t = [&](std::string_view key) { return std::string(tr(key, lang, chain)); };
    auto add = [&](const char* label_key, std::string value) {
        if (!value.empty()) view.fields.push_back({label_key, std::move(value)});
    };
    InstitutionView& place = view.institution;
    view.is_institution = true;
    // The name on the door first; the visitor's translation of it beneath when it differs.
    place.official_name = item.official_name.empty() ? view.title : item.official_name;
    if (view.title != place.official_name) place.translated_name = view.title;
    view.title = place.official_name;
    place.other_names = join(item.other_names, " \xC2\xB7 ");
    for (const auto& code : item.services)
        place.services.emplace_back(service_icon(code), code_name("service", code, lang));
    for (const auto& code : item.spoken_languages) place.languages.push_back(native_name(code));
    place.address = join({item.address, item.city}, ", ");
    if (!item.country.empty())
        place.address = join({place.address, country_name(item.country, lang)}, ", ");
    // Each way in with what its QR code carries; a value that is not one (a slip the staff
    // check missed) is shown but offers no code.
    for (const auto& phone : item.phones)
        place.contacts.push_back({"field.phone", phone, tel_uri(phone).value_or("")});
    if (!item.whatsapp.empty())
        place.contacts.push_back(
            {"field.whatsapp", item.whatsapp, whatsapp_link(item.whatsapp).value_or("")});
    if (!item.email.empty())
        place.contacts.push_back({"field.email", item.email,
                                  item.email.find('@') != std::string::npos
                                      ? "mailto:" + item.email
                                      : std::string()});
    if (!item.website.empty())
        place.contacts.push_back(
            {"field.website", item.website, is_web_url(item.website) ? item.website : ""});
    place.hours_note = item.hours;
    if (auto opening = opening_now(item.opening_hours, item.time_zone, now, t)) {
        place.hours = std::move(opening->rows);
        place.open_status = now > 0 ? opening->status : "";
        place.open_now = opening->open && now > 0;
        if (now <= 0)
            for (HoursRow& row : place.hours) row.today = false;
    }
    if (item.cost == "free" || item.cost == "paid") place.cost = t("cost." + item.cost);
    place.bring = item.what_to_bring;
    if (item.coordinates) {
        place.geo = geo_uri(item.coordinates->lat, item.coordinates->lon);
        if (here_ && here_->lat && here_->lon)
            place.distance = distance_text(distance_km(*here_->lat, *here_->lon,
                                                       item.coordinates->lat,
                                                       item.coordinates->lon),
                                           lang, t);
    }
    const std::string checked = item.checked.empty() ? item.header.reviewed : item.checked;
    if (!checked.empty()) place.checked = format1(t("checked_on"), format_calendar_day(checked, lang));
    if (!item.source.empty()) place.source = format1(t("details_source"), item.source);
    // The page's review line is the checked line above.
    view.reviewed.clear();

    // The common fields, for the state dump, speech and a screen without the page's layout.
    add("field.kind", code_name("kind", item.kind, lang));
    add("field.other_names", place.other_names);
    add("field.address", place.address);
    for (const ContactLine& line : place.contacts) add(line.label_key.c_str(), line.value);
    // The week in words, as Listen reads it: "Open now, until 17:00. Monday 08:00–17:00; …".
    std::vector<std::string> days;
    for (const HoursRow& row : place.hours) days.push_back(row.day + " " + row.times);
    add("field.hours", join({place.open_status, join(days, "; "), place.hours_note}, ". "));
    std::vector<std::string> services;
    for (const auto& [icon, words] : place.services) services.push_back(words);
    add("field.services", join(services, ", "));
    add("field.spoken_languages", join(place.languages, ", "));
    add("field.cost", place.cost);
    add("field.bring", place.bring);
    add("field.distance", place.distance);

    ContactCard card;
    card.name = place.official_name;
    card.phones = item.phones;
    if (auto wa = whatsapp_link(item.whatsapp); wa && item.phones.empty())
        card.phones.push_back(item.whatsapp);
    card.email = item.email;
    card.street = item.address;
    card.city = item.city;
    if (!item.country.empty()) card.country = country_name(item.country, lang);
    card.website = item.website;
    card.geo = place.geo;
    // The hours as the content writes them (short, and the same in every language); phones
    // show the note under the contact.
    card.note = item.opening_hours;
    view.take_away = vcard4(card);
    // Past what a code shows at 4 px a module on the smallest screen: the location goes first
    // (it has its own code), then the note, then phones beyond the first.
    while (view.take_away.size() > kMaxContactBytes) {
        if (!card.geo.empty()) card.geo.clear();
        else if (!card.note.empty()) card.note.clear();
        else if (card.phones.size() > 1) card.phones.pop_back();
        else if (!card.street.empty()) card.street.clear();
        else break;
        view.take_away = vcard4(card);
    }
}

Result<DetailView> ContentAdapter::detail(std::string_view id, std::string_view lang,
                                          std::int64_t now) const {
    auto type = store_.type_of(id);
    if (!type) return type.error();
    DetailView view;
    view.id = std::string(id);
    view.type = std::string(content::to_string(*type));
    auto take_header = [&](const content::ItemHeader& header) {
        view.title = header.title;
        view.summary = header.summary;
        view.reviewed = format_calendar_day(header.reviewed, lang);
        view.shown_language = header.language;
        view.fell_back = header.fell_back;
    };
    auto add = [&](const char* label_key, std::string value) {
        if (!value.empty()) view.fields.push_back({label_key, std::move(value)});
    };
    auto countries = [&](const std::vector<std::string>& codes) {
        std::vector<std::string> names;
        for (const auto& code : codes) names.push_back(country_name(code, lang));
        return join(names, ", ");
    };
    const auto& chain = fallback_chain(lang);
    switch (*type) {
        case content::ItemType::article: {
            auto item = store_.article(id, lang);
            if (!item) return item.error();
            take_header(item->header);
            view.icon = "rights";
            view.body_markdown = item->body_markdown;
            view.take_away = link_or_text_payload(view.title, view.summary, "");
            break;
        }
        case content::ItemType::news: {
            auto item = store_.news(id, lang);
            if (!item) return item.error();
            take_header(item->header);
            view.icon = "news";
            // The date as the visitor's language writes it, and how long ago when recent.
            std::string date = format_calendar_day(item->date, lang);
            if (const auto days = days_since(item->date, now); days && *days >= 0 && *days <= 30)
                if (std::string ago = format_days_ago(*days, lang); !ago.empty())
                    date = ago + " \xC2\xB7 " + date;
            add("field.date", date);
            view.body_markdown = item->body_markdown;
            view.take_away = link_or_text_payload(
                view.title, format_calendar_day(item->date, lang) + " · " + view.summary, "");
            break;
        }
        case content::ItemType::programme: {
            auto item = store_.programme(id, lang);
            if (!item) return item.error();
            take_header(item->header);
            view.icon = item->kind == "seasonal-work" ? "seasonal" : "return";
            // The map draws seasonal work whose host it can place.
            if (item->kind == "seasonal-work")
                for (const auto& code : item->host_countries)
                    view.on_map = view.on_map || content::country_point(code).has_value();
            add("field.host_countries", countries(item->host_countries));
            add("field.origin_countries", countries(item->origin_countries));
            add("field.kind", code_name("programme", item->kind, lang));
            add("field.sector", code_name("sector", item->sector, lang));
            add("field.season", item->season);
            add("field.link", item->official_link);
            view.body_markdown = item->body_markdown;
            view.take_away =
                link_or_text_payload(view.title, view.summary, item->official_link);
            break;
        }
        case content::ItemType::institution: {
            auto item = store_.institution(id, lang);
            if (!item) return item.error();
            take_header(item->header);
            view.icon = "institutions";
            view.summary = item->description;
            fill_institution(view, *item, lang, now);
            break;
        }
        case content::ItemType::legislation: {
            auto item = store_.legislation(id, lang);
            if (!item) return item.error();
            take_header(item->header);
            view.icon = "legislation";
            add("field.country", country_name(item->country, lang));
            add("field.year", item->year ? std::to_string(item->year) : "");
            add("field.kind", code_name("law", item->kind, lang));
            add("field.reference", item->official_reference);
            add("field.link", item->url);
            view.take_away =
                !item->url.empty() ? item->url : view.title + "\n" + item->official_reference;
            break;
        }
        case content::ItemType::cooperation: {
            auto item = store_.cooperation(id, lang);
            if (!item) return item.error();
            take_header(item->header);
            view.icon = "cooperation";
            add("field.kind", code_name("direction", item->direction, lang));
            add("field.country", country_name(item->country, lang));
            add("field.theme", code_name("theme", item->theme, lang));
            add("field.contact", item->contact);
            view.take_away = link_or_text_payload(view.title, item->contact, "");
            break;
        }
        case content::ItemType::publication: {
            auto item = store_.publication(id, lang);
            if (!item) return item.error();
            take_header(item->header);
            view.icon = "publications";
            add("field.kind", code_name("publication", item->kind, lang));
            add("field.authors", item->authors);
            add("field.publisher", item->publisher);
            add("field.year", item->year ? std::to_string(item->year) : "");
            add("field.language", language_name(item->language, lang));
            add("field.full_text_online", item->url);
            add("field.source", item->source);
            view.contents = item->contents;
            view.body_markdown = item->full_text_markdown;
            if (!view.body_markdown.empty() && item->full_text_language != lang)
                view.full_text_note =
                    format1(tr("full_text_in", lang, chain),
                            language_name(item->full_text_language, lang));
            // The phone takes the full text away: the address itself, else the catalogue entry.
            view.take_away = !item->url.empty()
                                 ? item->url
                                 : link_or_text_payload(view.title, item->publisher, "");
            break;
        }
        case content::ItemType::statistics: {
            auto item = store_.statistics(id, lang);
            if (!item) return item.error();
            take_header(item->header);
            view.icon = "statistics";
            view.summary = item->description.empty() ? view.summary : item->description;
            view.unit = code_name("unit", item->unit, lang);
            add("field.unit", view.unit);
            add("field.source", item->source);
            for (const content::DataPoint& point : item->points) {
                const std::string name = country_name(point.country, lang);
                if (view.chart.empty() || view.chart.back().country != name)
                    view.chart.push_back({name, {}});
                view.chart.back().points.emplace_back(point.year, point.value);
            }
            view.take_away = link_or_text_payload(view.title, item->source, "");
            break;
        }
    }
    return view;
}

Result<ContentAdapter::Here> ContentAdapter::resolve_location(std::string_view setting,
                                                             std::string_view city) const {
    Here here;
    here.city = std::string(city);
    const std::size_t comma = setting.find(',');
    if (comma != std::string_view::npos) {
        const std::string lat(setting.substr(0, comma)), lon(setting.substr(comma + 1));
        char* end_lat = nullptr;
        char* end_lon = nullptr;
        const double la = std::strtod(lat.c_str(), &end_lat), lo = std::strtod(lon.c_str(), &end_lon);
        if (end_lat == lat.c_str() || *end_lat != '\0' || end_lon == lon.c_str() ||
            (*end_lon != '\0' && *end_lon != ' ') || la < -90 || la > 90 || lo < -180 || lo > 180)
            return make_error("location '" + std::string(setting) +
                              "': write LAT,LON in decimal degrees (19.4326,-99.1332) or the id "
                              "of this centre's entry in the directory");
        here.lat = la;
        here.lon = lo;
        return here;
    }
    auto item = store_.institution(setting, base_language_);
    if (!item)
        return make_error("location '" + std::string(setting) +
                          "': no institution with this id in the content (" + item.message() + ")");
    if (item->coordinates) here.lat = item->coordinates->lat, here.lon = item->coordinates->lon;
    if (here.city.empty()) here.city = item->city;
    here.country = item->country;
    here.centre_id = item->header.id;
    return here;
}

Result<SearchView> ContentAdapter::search(std::string_view text, std::string_view lang,
                                          bool forgive_spelling) const {
    // Forgiving spelling: a visitor typing by ear on a touchscreen still finds the item.
    auto found = store_.search(
        text, lang, content::SearchOptions{.limit = 40, .correct_spelling = forgive_spelling});
    if (!found) return found.error();
    const auto& hits = found->hits;
    SearchView view;
    // The group holding the best hit first, then by each group's best hit; hits in rank order
    // inside each.
    for (const content::SearchHit& best : hits) {
        const std::string type(content::to_string(best.type));
        if (std::any_of(view.groups.begin(), view.groups.end(),
                        [&](const SearchGroup& g) { return g.type == type; }))
            continue;
        SearchGroup group{type, {}};
        for (const content::SearchHit& hit : hits)
            if (hit.type == best.type) group.rows.push_back({hit.id, hit.title, hit.snippet});
        view.groups.push_back(std::move(group));
    }
    if (!found->corrected_query.empty() && !hits.empty()) {
        view.corrected_query = found->corrected_query;
        view.typed_query = found->typed_query;
    }
    if (!hits.empty() || text.find_first_not_of(" \t") == std::string_view::npos) return view;
    view.suggestions = found->suggestions;
    if (!forgive_spelling) {
        // Searched as typed and not found: what the forgiving search would have read it as is
        // the first thing the visitor may have meant ("Did you mean regularización").
        auto forgiving = store_.search(text, lang, content::SearchOptions{.limit = 1});
        if (forgiving && !forgiving->corrected_query.empty())
            view.suggestions.insert(view.suggestions.begin(), forgiving->corrected_query);
    }
    for (const content::Category& category : found->nearest_categories) {
        const bool directory = std::find(category.types.begin(), category.types.end(),
                                         content::ItemType::institution) != category.types.end();
        view.nearest_categories.push_back({category.id, category.icon, category.title, directory});
    }
    if (here_ && !here_->centre_id.empty()) {
        // The centre's name in the visitor's language; a centre gone from new content is
        // simply not offered.
        if (auto centre = store_.institution(here_->centre_id, lang))
            view.ask_here = SearchRow{
                centre->header.id,
                // The name on the door, as its page is titled.
                centre->official_name.empty() ? centre->header.title : centre->official_name,
                centre->city};
    }
    return view;
}

}  // namespace guichet::kiosk
