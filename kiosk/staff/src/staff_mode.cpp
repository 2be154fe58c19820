// SPDX-License-Identifier: GPL-3.0-or-later
#include "staff/staff_mode.h"

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "fleet/fleet_reporter.h"
#include "kiosk/ui_strings.h"
#include "platform/clock.h"
#include "platform/files.h"
#include "platform/log.h"
#include "platform/system_info.h"
#include "sync/sync.h"

namespace guichet::kiosk {
namespace {

// The settings staff may change, by their configuration keys (config.cpp defines them).
constexpr const char* kStaffKeys[] = {"default_language", "languages",     "idle_timeout",
                                      "rotation",         "speech_rate",   "speech_volume"};

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const std::string& part : parts) out += (out.empty() ? "" : separator) + part;
    return out;
}

std::string bytes_text(std::int64_t bytes) {
    char text[32];
    if (bytes >= (1LL << 30))
        std::snprintf(text, sizeof text, "%.1f GiB", bytes / double(1LL << 30));
    else
        std::snprintf(text, sizeof text, "%.0f MiB", bytes / double(1LL << 20));
    return text;
}

std::string duration_text(std::int64_t seconds) {
    char text[32];
    std::snprintf(
        text, sizeof text, "%lldd %02lldh %02lldm", static_cast<long long>(seconds / 86400),
        static_cast<long long>(seconds / 3600 % 24), static_cast<long long>(seconds / 60 % 60));
    return text;
}

NoticeCard to_card(const content::ShownNotice& notice) {
    NoticeCard card;
    card.id = notice.id;
    card.title = notice.title;
    card.body = notice.body;
    card.snippet = notice.snippet;
    card.shown_language = notice.shown_language;
    card.fell_back = notice.fell_back;
    card.pinned = notice.pinned;
    card.end_day = notice.end_day;
    card.weekdays = notice.weekdays;
    card.start_minute = notice.start_minute;
    card.end_minute = notice.end_minute;
    return card;
}

}  // namespace

std::string local_time_text(std::int64_t unix_seconds) {
    if (unix_seconds <= 0) return {};
    const time_t t = static_cast<time_t>(unix_seconds);
    tm local{};
    localtime_r(&t, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
    return text;
}

void describe_sync(StaffStatusView& s, const std::optional<sync::SyncStatus>& last) {
    if (!last) {
        s.last_attempt.clear();
        s.last_result.clear();
        s.last_error.clear();
        s.last_success.clear();
        s.server_answers = "staff.unknown";
        return;
    }
    s.last_attempt = local_time_text(last->time);
    s.last_result = sync::to_string(last->result);
    s.last_error = last->error;
    s.last_success = local_time_text(last->last_success_time);
    switch (last->result) {
        case sync::SyncResult::up_to_date:
        case sync::SyncResult::updated:
            s.server_answers = "staff.server_yes";
            break;
        case sync::SyncResult::failed:
            // Bytes came back: the server is there, what it sent was refused.
            s.server_answers = last->bytes > 0 ? "staff.server_refused" : "staff.server_no";
            break;
        case sync::SyncResult::clock_fault:
            s.server_answers = "staff.unknown";
            break;
    }
}

// ---------- usage ----------

void VisitTally::observe(const KioskState& before, const KioskState& after,
                         const std::function<std::string(const std::string&)>& type_of) {
    if (after.route.screen == Screen::staff || before.route.screen == Screen::staff) return;
    if (before.route.screen == Screen::welcome && after.route.screen != Screen::welcome)
        session_ = true;
    if (!after.language.empty() && after.language != before.language) language_ = after.language;
    if (before.search_text.empty() && !after.search_text.empty()) ++searches_;
    if (after.route != before.route && !after.route.id.empty()) {
        if (after.route.screen == Screen::detail) {
            const std::string type = type_of(after.route.id);
            if (!type.empty()) views_.emplace_back(type, after.route.id);
        } else if (after.route.screen == Screen::notices) {
            views_.emplace_back("notice", "notice-" + after.route.id);
        }
    }
}

bool VisitTally::empty() const {
    return !session_ && language_.empty() && searches_ == 0 && views_.empty();
}

void VisitTally::flush_into(fleet::UsageLedger& ledger, const std::string& day) {
    if (session_) ledger.count_session(day);
    if (!language_.empty()) ledger.count_language(day, language_);
    for (std::int64_t i = 0; i < searches_; ++i) ledger.count_search(day);
    for (const auto& [type, id] : views_) ledger.count_view(day, type, id);
    *this = {};
}

// ---------- settings ----------

std::string settings_file_text(const std::string& existing, const SettingsDraft& settings) {
    const std::map<std::string, std::string> wanted = {
        {"default_language", settings.default_language},
        {"languages", join(settings.languages, ", ")},
        {"idle_timeout", std::to_string(settings.idle_timeout_seconds)},
        {"rotation", std::to_string(settings.rotation)},
        {"speech_rate", std::to_string(settings.speech_rate)},
        {"speech_volume", std::to_string(settings.speech_volume)},
    };
    std::string out;
    std::set<std::string> written;
    auto emit = [&](const std::string& key) {
        if (written.insert(key).second && !wanted.at(key).empty())
            out += key + " = " + wanted.at(key) + "\n";
    };
    size_t start = 0;
    while (start < existing.size()) {
        size_t end = existing.find('\n', start);
        if (end == std::string::npos) end = existing.size();
        const std::string line = existing.substr(start, end - start);
        start = end + 1;
        const std::string text = trim(line);
        const auto equals = text.find('=');
        const std::string key = equals == std::string::npos || text.starts_with("#")
                                    ? std::string()
                                    : trim(text.substr(0, equals));
        if (wanted.contains(key)) {
            emit(key);  // in place of the old line; later duplicates go
        } else {
            out += line + "\n";
        }
    }
    for (const char* key : kStaffKeys) emit(key);
    return out;
}

// ---------- the controller ----------

StaffController::StaffController(std::filesystem::path state_dir, std::filesystem::path config_file,
                                 std::string config_problem, WallClock wall_clock)
    : state_dir_(std::move(state_dir)),
      config_file_(std::move(config_file)),
      config_problem_(std::move(config_problem)),
      wall_clock_(std::move(wall_clock)),
      pin_(state_dir_),
      ledger_(state_dir_) {
    if (!ledger_.load_problem().empty()) log::warn("kiosk", ledger_.load_problem());
}

std::string StaffController::today() const {
    return clock::local_day(wall_clock_());
}

clock::LocalTime StaffController::local_now() const {
    return clock::local_time(wall_clock_());
}

std::string StaffController::notices_moment() const {
    const clock::LocalTime now = local_now();
    return now.day + "T" + std::to_string(now.minute);
}

content::LocalNotices* StaffController::notices() {
    if (notices_) return &*notices_;
    if (!notices_error_.empty()) return nullptr;
    std::error_code ec;
    std::filesystem::create_directories(state_dir_, ec);
    auto opened = content::LocalNotices::open(state_dir_ / "local.db");
    if (!opened) {
        // Said once: the kiosk goes on without notices rather than stopping.
        notices_error_ = opened.message();
        log::error("kiosk", notices_error_);
        return nullptr;
    }
    notices_.emplace(std::move(*opened));
    return &*notices_;
}

std::vector<Action> StaffController::perform(const KioskState& state, const StaffAction& action,
                                             std::int64_t now_ms, KioskConfig& config,
                                             const std::vector<LanguageChoice>& languages) {
    using namespace staff_action;
    std::vector<Action> out;
    auto done = [&](std::string message, bool error, StaffPage then) {
        out.push_back(action::Staff{Done{std::move(message), error, then}});
    };
    if (state.route.screen != Screen::staff) return out;
    view_valid_ = false;
    if (std::holds_alternative<PinSubmit>(action)) {
        const StaffState& staff = state.staff;
        if (staff.page != StaffPage::pin || staff.locked_until_ms > now_ms) return out;
        if (!pin_.has_pin()) {
            out.push_back(action::Staff{PinChecked{PinOutcome::no_pin_set, 0}});
            return out;
        }
        if (staff.pin_entry.empty()) return out;
        const staff::PinAttempt attempt = pin_.check(staff.pin_entry, wall_clock_());
        const PinOutcome outcome =
            attempt.outcome == staff::PinCheck::accepted     ? PinOutcome::accepted
            : attempt.outcome == staff::PinCheck::locked     ? PinOutcome::locked
            : attempt.outcome == staff::PinCheck::no_pin_set ? PinOutcome::no_pin_set
                                                             : PinOutcome::wrong;
        const std::int64_t until =
            attempt.retry_after_seconds > 0 ? now_ms + attempt.retry_after_seconds * 1000 : 0;
        if (outcome == PinOutcome::accepted) log::info("kiosk", "staff mode opened");
        out.push_back(action::Staff{PinChecked{outcome, until}});
        return out;
    }
    if (state.staff.page == StaffPage::pin) return out;  // nothing else before the PIN

    if (std::holds_alternative<NewNotice>(action)) {
        NoticeDraft draft;
        draft.start_day = today();
        draft.end_day = draft.start_day;  // a day; staff widen it on the calendar
        std::string language = config.default_language;
        if (language.empty() && !languages.empty()) language = languages.front().code;
        out.push_back(action::Staff{DraftLoaded{std::move(draft), language}});
    } else if (const auto* edit = std::get_if<EditNotice>(&action)) {
        content::LocalNotices* store = notices();
        auto notice =
            store ? store->get(edit->id) : Result<content::LocalNotice>(make_error(notices_error_));
        if (!notice) return done(notice.message(), true, StaffPage::notices), out;
        NoticeDraft draft{notice->id,        notice->title,        notice->body,
                          notice->start_day, notice->end_day,      notice->pinned,
                          notice->weekdays,  notice->start_minute, notice->end_minute};
        std::string language = config.default_language;
        if (!notice->title.contains(language) && !notice->title.empty())
            language = notice->title.begin()->first;
        out.push_back(action::Staff{DraftLoaded{std::move(draft), language}});
    } else if (std::holds_alternative<SaveDraft>(action)) {
        if (!state.staff.draft) return out;
        const NoticeDraft& draft = *state.staff.draft;
        content::LocalNotice notice{draft.id,        draft.title,        draft.body,
                                    draft.start_day, draft.end_day,      draft.pinned,
                                    draft.weekdays,  draft.start_minute, draft.end_minute};
        content::LocalNotices* store = notices();
        auto saved = store ? store->save(notice) : Result<std::int64_t>(make_error(notices_error_));
        if (!saved) return done(saved.message(), true, StaffPage::notice_edit), out;
        ++notices_generation_;
        log::info("kiosk", "staff saved notice " + std::to_string(*saved));
        done("staff.notice_saved", false, StaffPage::notices);
    } else if (std::holds_alternative<ConfirmDelete>(action)) {
        if (!state.staff.confirm_delete) return out;
        content::LocalNotices* store = notices();
        auto removed = store ? store->remove(*state.staff.confirm_delete)
                             : Result<void>(make_error(notices_error_));
        if (!removed) return done(removed.message(), true, StaffPage::notices), out;
        ++notices_generation_;
        done("staff.notice_deleted", false, StaffPage::notices);
    } else if (const auto* open = std::get_if<OpenPage>(&action)) {
        if (open->page == StaffPage::settings) {
            SettingsDraft settings{config.default_language, config.languages,
                                   config.idle_timeout_seconds, config.rotation,
                                   config.speech_rate, config.speech_volume};
            out.push_back(action::Staff{SettingsLoaded{std::move(settings)}});
        }
    } else if (std::holds_alternative<SaveSettings>(action)) {
        if (!state.staff.settings) return out;
        const SettingsDraft& settings = *state.staff.settings;
        // Checked by the same code that reads the file, so what is saved always loads.
        KioskConfig changed = config;
        const std::pair<const char*, std::string> values[] = {
            {"languages", join(settings.languages, ",")},
            {"idle_timeout", std::to_string(settings.idle_timeout_seconds)},
            {"rotation", std::to_string(settings.rotation)},
            {"speech_rate", std::to_string(settings.speech_rate)},
            {"speech_volume", std::to_string(settings.speech_volume)},
            {"default_language", settings.default_language}};
        for (const auto& [key, value] : values) {
            if (value.empty()) continue;
            if (auto set = set_config_value(changed, key, value); !set)
                return done(set.message(), true, StaffPage::settings), out;
        }
        changed.languages = settings.languages;
        changed.default_language = settings.default_language;
        std::string existing;
        if (std::filesystem::exists(config_file_)) {
            auto text = files::read_file(config_file_);
            if (text) existing = *text;
        }
        std::error_code ec;
        std::filesystem::create_directories(config_file_.parent_path(), ec);
        if (auto written =
                files::write_file_atomically(config_file_, settings_file_text(existing, settings));
            !written)
            return done(written.message(), true, StaffPage::settings), out;
        config = changed;
        // Lines staff do not edit may still be wrong: say so until the file reads cleanly.
        KioskConfig reread;
        auto clean = load_config_file(config_file_, reread);
        config_problem_ = clean ? std::string() : clean.message();
        log::info("kiosk", "staff changed the settings in " + config_file_.string());
        done("staff.settings_saved", false, StaffPage::settings);
    }
    return out;
}

const StaffView& StaffController::view(const KioskState& state, const std::string& ui_language,
                                       const std::vector<LanguageChoice>& languages) {
    view_.languages = languages;
    const std::string key = std::string(to_string(state.staff.page)) + "@" + ui_language + "#" +
                            std::to_string(notices_generation_) + "@" + notices_moment();
    if (view_valid_ && key == view_key_) return view_;
    view_valid_ = true;
    view_key_ = key;
    StaffView& v = view_;
    v.pin_set = pin_.has_pin();
    v.config_problem = config_problem_;
    v.usage_problem = ledger_.load_problem();
    if (state.staff.page == StaffPage::pin) return v;

    v.notices.clear();
    if (content::LocalNotices* store = notices()) {
        const clock::LocalTime now = local_now();
        if (auto all = store->all()) {
            for (const content::LocalNotice& notice : *all) {
                StaffNoticeRow row{notice.id,        "",
                                   notice.start_day, notice.end_day,
                                   notice.pinned,    content::shown_at(notice, now),
                                   notice.weekdays,  notice.start_minute,
                                   notice.end_minute};
                auto title = notice.title.find(ui_language);
                if (title == notice.title.end()) title = notice.title.begin();
                if (title != notice.title.end()) row.title = title->second;
                v.notices.push_back(std::move(row));
            }
        } else {
            v.usage_problem = all.message();
        }
    }

    v.usage.clear();
    std::map<std::string, std::int64_t> by_type, by_language;
    for (const fleet::DayUsage& day : ledger_.last_days(today(), fleet::UsageLedger::kDaysKept)) {
        UsageDayView row{day.totals.day, day.totals.sessions, day.totals.searches, 0};
        for (const auto& [type, count] : day.totals.views_by_type) {
            row.views += count;
            by_type[type] += count;
        }
        for (const auto& [language, count] : day.totals.sessions_by_language)
            by_language[language] += count;
        v.usage.push_back(row);
    }
    v.views_by_type.assign(by_type.begin(), by_type.end());
    v.sessions_by_language.assign(by_language.begin(), by_language.end());

    StaffStatusView& s = v.status;
    s.program_version = system_info::program_version();
    s.uptime = duration_text(system_info::uptime_seconds());
    if (auto free = system_info::free_disk_bytes(state_dir_)) s.free_disk = bytes_text(*free);
    if (auto id = fleet::load_or_create_kiosk_id(state_dir_)) s.kiosk_id = *id;
    auto last = sync::read_status(state_dir_);
    describe_sync(s, last ? std::optional<sync::SyncStatus>(*last) : std::nullopt);
    return v;
}

std::vector<NoticeCard> StaffController::notices_for_visitor(
    const std::vector<std::string>& languages) {
    std::vector<NoticeCard> cards;
    content::LocalNotices* store = notices();
    if (!store) return cards;
    auto shown = store->shown_at(local_now(), languages);
    if (!shown) {
        log::error("kiosk", shown.message());
        return cards;
    }
    for (const content::ShownNotice& notice : *shown) cards.push_back(to_card(notice));
    return cards;
}

std::vector<NoticeCard> StaffController::search_notices(const std::string& text,
                                                        const std::vector<std::string>& languages) {
    std::vector<NoticeCard> cards;
    content::LocalNotices* store = notices();
    if (!store || text.empty()) return cards;
    auto hits = store->search(text, local_now(), languages);
    if (!hits) return cards;
    for (const content::ShownNotice& notice : *hits) cards.push_back(to_card(notice));
    return cards;
}

std::optional<NoticeCard> StaffController::notice_for_visitor(
    std::int64_t id, const std::vector<std::string>& languages) {
    for (NoticeCard& card : notices_for_visitor(languages))
        if (card.id == id) return std::move(card);
    return std::nullopt;
}

void StaffController::end_visit(VisitTally& tally) {
    if (tally.empty()) return;
    tally.flush_into(ledger_, today());
    if (auto saved = ledger_.save(); !saved) log::warn("kiosk", saved.message());
    view_valid_ = false;
}

}  // namespace guichet::kiosk
