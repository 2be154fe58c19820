// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/alerts.h"

#include <algorithm>

#include "platform/files.h"
#include "platform/safe_json.h"
#include "platform/utf8.h"
#include "sync/names.h"
#include "sync/tuf.h"

namespace guichet::sync::alerts {
namespace {

using Json = nlohmann::json;

// Ids, language codes, region names, tags, kiosk ids: short words that end up in lists and
// messages, never in paths.
bool is_word(std::string_view s, std::size_t max = 64) {
    if (s.empty() || s.size() > max) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return false;
    return true;
}

Result<std::string> text_field(const Json& obj, const char* key, std::size_t max, bool required,
                               const std::string& where) {
    const Json* v = safe_json::find(obj, key);
    if (!v) {
        if (required) return make_error(where + ": '" + key + "' missing");
        return std::string();
    }
    if (!v->is_string()) return make_error(where + ": '" + key + "' is not text");
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() > max)
        return make_error(where + ": '" + key + "' is longer than " + std::to_string(max) +
                          " bytes");
    if (!utf8::is_valid(s)) return make_error(where + ": '" + key + "' is not UTF-8");
    if (utf8::first_control(s, 0, std::string_view(key) == "body") != std::string::npos)
        return make_error(where + ": '" + key + "' holds a control character");
    if (required && s.empty()) return make_error(where + ": '" + key + "' is empty");
    return s;
}

Result<std::vector<std::string>> word_list(const Json& obj, const char* key,
                                           const std::string& where) {
    std::vector<std::string> out;
    const Json* v = safe_json::find(obj, key);
    if (!v) return out;
    if (!v->is_array() || v->size() > kMaxAudienceEntries)
        return make_error(where + ": audience '" + key + "' must be a list of at most " +
                          std::to_string(kMaxAudienceEntries));
    for (const auto& e : *v) {
        if (!e.is_string() || !is_word(e.get_ref<const std::string&>()))
            return make_error(where + ": audience '" + key +
                              "' holds something other than a name of [A-Za-z0-9._-]");
        out.push_back(e.get<std::string>());
    }
    return out;
}

Result<std::int64_t> time_field(const Json& obj, const char* key, const std::string& where) {
    const Json* v = safe_json::find(obj, key);
    if (!v || !v->is_string()) return make_error(where + ": '" + key + "' missing");
    auto t = tuf::parse_utc(v->get<std::string>());
    if (!t) return make_error(where + ": '" + key + "': " + t.message());
    return *t;
}

Result<Alert> parse_one(const Json& a, const std::string& source, const std::string& where) {
    if (!a.is_object()) return make_error(where + ": not an object");
    Alert out;
    out.source = source;
    const Json* id = safe_json::find(a, "id");
    if (!id || !id->is_string() || !is_word(id->get_ref<const std::string&>()))
        return make_error(where + ": 'id' must be 1 to 64 characters of [A-Za-z0-9._-]");
    out.id = id->get<std::string>();
    const std::string w = where + " (" + out.id + ")";
    const std::string severity = safe_json::get_string(a, "severity");
    if (severity == "info")
        out.severity = Severity::info;
    else if (severity == "warning")
        out.severity = Severity::warning;
    else if (severity == "urgent")
        out.severity = Severity::urgent;
    else
        return make_error(w + ": 'severity' must be info, warning or urgent");
    const Json* audience = safe_json::find(a, "audience");
    if (!audience || !audience->is_object()) return make_error(w + ": 'audience' missing");
    if (const Json* all = safe_json::find(*audience, "all")) {
        if (!all->is_boolean()) return make_error(w + ": audience 'all' is not true or false");
        out.audience.all = all->get<bool>();
    }
    auto regions = word_list(*audience, "regions", w);
    if (!regions) return regions.error();
    out.audience.regions = std::move(*regions);
    auto kiosks = word_list(*audience, "kiosks", w);
    if (!kiosks) return kiosks.error();
    out.audience.kiosks = std::move(*kiosks);
    auto tags = word_list(*audience, "tags", w);
    if (!tags) return tags.error();
    out.audience.tags = std::move(*tags);
    auto start = time_field(a, "start", w);
    if (!start) return start.error();
    auto end = time_field(a, "end", w);
    if (!end) return end.error();
    if (*end <= *start) return make_error(w + ": 'end' is not after 'start'");
    out.start = *start;
    out.end = *end;
    if (const Json* r = safe_json::find(a, "replaces_home")) {
        if (!r->is_boolean()) return make_error(w + ": 'replaces_home' is not true or false");
        out.replaces_home = r->get<bool>();
    }
    if (out.replaces_home && out.severity != Severity::urgent)
        return make_error(w + ": only an urgent alert may replace the home screen");
    const Json* text = safe_json::find(a, "text");
    if (!text || !text->is_object() || text->empty() || text->size() > kMaxLanguages)
        return make_error(w + ": 'text' must hold 1 to " + std::to_string(kMaxLanguages) +
                          " languages");
    for (auto it = text->begin(); it != text->end(); ++it) {
        if (!is_word(it.key(), 16))
            return make_error(w + ": '" + utf8::sanitize(it.key().substr(0, 20)) +
                              "' is not a language code");
        const std::string tw = w + " text " + it.key();
        if (!it.value().is_object()) return make_error(tw + ": not an object");
        auto title = text_field(it.value(), "title", kMaxTitleBytes, true, tw);
        if (!title) return title.error();
        auto body = text_field(it.value(), "body", kMaxBodyBytes, false, tw);
        if (!body) return body.error();
        out.text[it.key()] = AlertText{std::move(*title), std::move(*body)};
    }
    return out;
}

const char* severity_rank_order(Severity s) {
    return s == Severity::urgent ? "0" : s == Severity::warning ? "1" : "2";
}

}  // namespace

const char* to_string(Severity severity) {
    switch (severity) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::urgent: return "urgent";
    }
    return "info";
}

std::string region_alerts_target(const std::string& region) {
    return "regions/" + region + "/alerts.json";
}

Result<std::vector<Alert>> parse(std::string_view bytes, const std::string& source) {
    if (static_cast<std::int64_t>(bytes.size()) > kMaxAlertsFileBytes)
        return make_error("alerts file larger than " + std::to_string(kMaxAlertsFileBytes) +
                          " bytes");
    auto doc = safe_json::parse(bytes, 8);
    if (!doc) return make_error("alerts file: " + doc.message());
    const Json* list = safe_json::find(*doc, "alerts");
    if (!list || !list->is_array()) return make_error("alerts file without an 'alerts' list");
    if (list->size() > kMaxAlerts)
        return make_error("alerts file with more than " + std::to_string(kMaxAlerts) + " alerts");
    std::vector<Alert> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto a = parse_one((*list)[i], source, "alert " + std::to_string(i + 1));
        if (!a) return a.error();
        for (const auto& seen : out)
            if (seen.id == a->id) return make_error("alert id '" + a->id + "' appears twice");
        out.push_back(std::move(*a));
    }
    return out;
}

std::string serialize(const std::vector<Alert>& alerts, bool with_source) {
    Json list = Json::array();
    for (const auto& a : alerts) {
        Json audience = Json::object();
        if (a.audience.all) audience["all"] = true;
        if (!a.audience.regions.empty()) audience["regions"] = a.audience.regions;
        if (!a.audience.kiosks.empty()) audience["kiosks"] = a.audience.kiosks;
        if (!a.audience.tags.empty()) audience["tags"] = a.audience.tags;
        Json text = Json::object();
        for (const auto& [lang, t] : a.text) {
            Json entry = {{"title", t.title}};
            if (!t.body.empty()) entry["body"] = t.body;
            text[lang] = std::move(entry);
        }
        Json j = {{"id", a.id},
                  {"severity", to_string(a.severity)},
                  {"audience", std::move(audience)},
                  {"start", tuf::format_utc(a.start)},
                  {"end", tuf::format_utc(a.end)},
                  {"text", std::move(text)}};
        if (a.replaces_home) j["replaces_home"] = true;
        if (with_source) j["source"] = a.source;
        list.push_back(std::move(j));
    }
    return safe_json::dump(Json{{"alerts", std::move(list)}}, 1) + "\n";
}

bool applies_to(const Alert& alert, const KioskIdentity& kiosk) {
    const std::string region_prefix = "region:";
    if (alert.source.rfind(region_prefix, 0) == 0 &&
        alert.source.substr(region_prefix.size()) != kiosk.region)
        return false;
    const auto& a = alert.audience;
    if (a.all) return true;
    auto has = [](const std::vector<std::string>& list, const std::string& v) {
        return !v.empty() && std::find(list.begin(), list.end(), v) != list.end();
    };
    if (has(a.regions, kiosk.region) || has(a.kiosks, kiosk.kiosk_id)) return true;
    for (const auto& tag : kiosk.tags)
        if (has(a.tags, tag)) return true;
    return false;
}

std::vector<ShownAlert> shown_at(const std::vector<Alert>& alerts, std::int64_t now,
                                 const std::vector<std::string>& languages) {
    std::vector<std::pair<std::int64_t, ShownAlert>> shown;
    for (const auto& a : alerts) {
        if (now < a.start || now >= a.end || a.text.empty()) continue;
        ShownAlert s;
        s.id = a.id;
        s.severity = a.severity;
        s.replaces_home = a.replaces_home;
        s.end = a.end;
        s.central = a.source.rfind("region:", 0) != 0;
        if (!s.central) s.region = a.source.substr(7);
        auto chosen = a.text.end();
        for (std::size_t i = 0; i < languages.size() && chosen == a.text.end(); ++i) {
            chosen = a.text.find(languages[i]);
            s.fell_back = i > 0;
        }
        if (chosen == a.text.end()) {
            chosen = a.text.begin();
            s.fell_back = true;
        }
        s.language = chosen->first;
        s.title = chosen->second.title;
        s.body = chosen->second.body;
        shown.emplace_back(a.start, std::move(s));
    }
    std::stable_sort(shown.begin(), shown.end(), [](const auto& x, const auto& y) {
        const std::string rx = severity_rank_order(x.second.severity);
        const std::string ry = severity_rank_order(y.second.severity);
        if (rx != ry) return rx < ry;
        return x.first > y.first;
    });
    std::vector<ShownAlert> out;
    for (auto& [start, s] : shown) out.push_back(std::move(s));
    return out;
}

std::filesystem::path kiosk_alerts_file(const std::filesystem::path& state_dir) {
    return state_dir / "alerts" / "alerts.json";
}

Result<std::vector<Alert>> read_kiosk_alerts(const std::filesystem::path& state_dir) {
    const auto file = kiosk_alerts_file(state_dir);
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return std::vector<Alert>{};
    // The kiosk's copy holds the central file and one region's, each within the limit.
    auto bytes = files::read_regular_file(file, 2 * kMaxAlertsFileBytes + 4096);
    if (!bytes) return bytes.error();
    auto doc = safe_json::parse(*bytes, 8);
    if (!doc) return make_error(file.string() + ": " + doc.message());
    const Json* list = safe_json::find(*doc, "alerts");
    if (!list || !list->is_array() || list->size() > 2 * kMaxAlerts)
        return make_error(file.string() + ": no 'alerts' list");
    std::vector<Alert> out;
    for (const auto& entry : *list) {
        const std::string source = safe_json::get_string(entry, "source");
        if (source != "central" &&
            !(source.rfind("region:", 0) == 0 && names::check_role_name(source.substr(7))))
            return make_error(file.string() + ": an alert without a known source");
        auto a = parse_one(entry, source, file.string());
        if (!a) return a.error();
        out.push_back(std::move(*a));
    }
    return out;
}

}  // namespace guichet::sync::alerts
