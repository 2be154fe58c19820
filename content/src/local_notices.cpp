// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/local_notices.h"

#include <algorithm>
#include <ctime>

#include "schema.h"
#include "sqlite_util.h"
#include "text_search.h"

namespace guichet::content {

struct LocalNotices::Impl {
    std::filesystem::path path;
    sql::DbHandle db;
};

bool is_calendar_day(const std::string& day) {
    if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (day[i] < '0' || day[i] > '9') return false;
    const int year = std::stoi(day.substr(0, 4));
    const int month = std::stoi(day.substr(5, 2));
    const int dom = std::stoi(day.substr(8, 2));
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || dom < 1 || dom > kDays[month - 1]) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && dom == 29 && !leap);
}

namespace {

Result<void> in_transaction(sqlite3* db, const std::function<Result<void>()>& work) {
    if (auto began = sql::exec(db, "BEGIN IMMEDIATE"); !began) return began;
    auto done = work();
    if (!done) {
        (void)sql::exec(db, "ROLLBACK");
        return done;
    }
    return sql::exec(db, "COMMIT");
}

// The text of a notice in the first of `languages` that has a title, else in any language.
ShownNotice as_shown(const LocalNotice& notice, const std::vector<std::string>& languages) {
    ShownNotice shown;
    shown.id = notice.id;
    shown.pinned = notice.pinned;
    shown.start_day = notice.start_day;
    shown.end_day = notice.end_day;
    shown.weekdays = notice.weekdays;
    shown.start_minute = notice.start_minute;
    shown.end_minute = notice.end_minute;
    auto use = [&](const std::string& language) {
        shown.shown_language = language;
        shown.title = notice.title.at(language);
        auto body = notice.body.find(language);
        shown.body = body == notice.body.end() ? "" : body->second;
    };
    for (const std::string& language : languages) {
        auto found = notice.title.find(language);
        if (found != notice.title.end() && !found->second.empty()) {
            use(language);
            shown.fell_back = languages.empty() || language != languages.front();
            return shown;
        }
    }
    for (const auto& [language, title] : notice.title)
        if (!title.empty()) {
            use(language);
            shown.fell_back = true;
            break;
        }
    return shown;
}

}  // namespace

Result<void> validate_notice(const LocalNotice& notice) {
    if (!is_calendar_day(notice.start_day))
        return make_error("start day '" + notice.start_day + "' is not a date (YYYY-MM-DD)");
    if (!is_calendar_day(notice.end_day))
        return make_error("end day '" + notice.end_day + "' is not a date (YYYY-MM-DD)");
    if (notice.end_day < notice.start_day)
        return make_error("the notice ends (" + notice.end_day + ") before it starts (" +
                          notice.start_day + ")");
    if (notice.weekdays > kEveryWeekday)
        return make_error("weekdays " + std::to_string(notice.weekdays) +
                          " name a day past Sunday (bits 0 to 6 only)");
    const bool all_day = notice.start_minute == kAllDay && notice.end_minute == kAllDay;
    if (!all_day) {
        auto in_day = [](int minute) { return minute >= 0 && minute < 24 * 60; };
        if (!in_day(notice.start_minute) || !in_day(notice.end_minute))
            return make_error("times " + std::to_string(notice.start_minute) + " and " +
                              std::to_string(notice.end_minute) +
                              " are not both minutes of a day (0 to 1439), nor both all day");
        if (notice.start_minute == notice.end_minute)
            return make_error("the notice starts and ends at the same time of day");
    }
    bool titled = false;
    for (const auto& [language, title] : notice.title) {
        if (title.size() > kMaxNoticeTitleBytes)
            return make_error("title in " + language + " is longer than " +
                              std::to_string(kMaxNoticeTitleBytes) + " bytes");
        titled = titled || !title.empty();
    }
    if (!titled) return make_error("a notice needs a title in at least one language");
    for (const auto& [language, body] : notice.body) {
        if (body.size() > kMaxNoticeBodyBytes)
            return make_error("text in " + language + " is longer than " +
                              std::to_string(kMaxNoticeBodyBytes) + " bytes");
        auto title = notice.title.find(language);
        if (!body.empty() && (title == notice.title.end() || title->second.empty()))
            return make_error("the text in " + language + " has no title in " + language);
    }
    return {};
}

namespace {

// The day before a YYYY-MM-DD day (checked by the caller), by the civil calendar.
std::string day_before(const std::string& day) {
    std::tm at{};
    at.tm_year = std::stoi(day.substr(0, 4)) - 1900;
    at.tm_mon = std::stoi(day.substr(5, 2)) - 1;
    at.tm_mday = std::stoi(day.substr(8, 2)) - 1;
    at.tm_hour = 12;
    const std::time_t t = timegm(&at);
    std::tm back{};
    gmtime_r(&t, &back);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &back);
    return text;
}

}  // namespace

bool shown_at(const LocalNotice& notice, const clock::LocalTime& now) {
    auto on_day = [&](const std::string& day, int weekday) {
        return notice.start_day <= day && day <= notice.end_day &&
               (notice.weekdays == 0 || ((notice.weekdays >> weekday) & 1) != 0);
    };
    if (notice.start_minute == kAllDay || notice.end_minute == kAllDay)
        return on_day(now.day, now.weekday);
    if (notice.start_minute < notice.end_minute)
        return on_day(now.day, now.weekday) && notice.start_minute <= now.minute &&
               now.minute < notice.end_minute;
    // Past midnight: this evening's part, or the morning after an evening it started.
    if (now.minute >= notice.start_minute) return on_day(now.day, now.weekday);
    if (now.minute < notice.end_minute && is_calendar_day(now.day))
        return on_day(day_before(now.day), (now.weekday + 6) % 7);
    return false;
}

LocalNotices::LocalNotices(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LocalNotices::LocalNotices(LocalNotices&&) noexcept = default;
LocalNotices& LocalNotices::operator=(LocalNotices&&) noexcept = default;
LocalNotices::~LocalNotices() = default;

Result<LocalNotices> LocalNotices::open(const std::filesystem::path& path) {
    // SQLite would open a FIFO and wait on it for ever, read a device as a database, and
    // create the file a dangling symlink names: only a regular file (or none yet) is opened.
    std::error_code ec;
    const auto kind = std::filesystem::symlink_status(path, ec).type();
    if (kind != std::filesystem::file_type::not_found &&
        kind != std::filesystem::file_type::regular)
        return make_error(path.string() + ": not a regular file");
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(
        path.c_str(), &raw,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW,
        nullptr);
    sql::DbHandle db(raw);
    if (rc != SQLITE_OK)
        return make_error(path.string() + ": cannot open the local store: " +
                          (raw ? sql::error_of(raw) : std::string("out of memory")));
    // Staff's words must survive a power cut: a rollback journal, synced on every commit.
    if (auto set = sql::exec(db.get(),
                             "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; "
                             "PRAGMA busy_timeout = 2000;");
        !set)
        return make_error(path.string() + ": " + set.message());
    if (auto ready = schema::local::create_or_check(db.get(), path.c_str()); !ready)
        return ready.error();
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->db = std::move(db);
    return LocalNotices(std::move(impl));
}

Result<std::vector<LocalNotice>> LocalNotices::all() const {
    sqlite3* db = impl_->db.get();
    auto notices = sql::Statement::prepare(
        db,
        "SELECT id, start_day, end_day, pinned, weekdays, start_minute, end_minute FROM notices "
        "ORDER BY start_day DESC, id DESC");
    if (!notices) return notices.error();
    std::vector<LocalNotice> out;
    while (notices->step()) {
        LocalNotice notice;
        notice.id = notices->integer(0);
        notice.start_day = notices->text(1);
        notice.end_day = notices->text(2);
        notice.pinned = notices->integer(3) != 0;
        // The file is outside input too: a value out of range is read as "no restriction".
        const std::int64_t weekdays = notices->integer(4);
        notice.weekdays =
            weekdays >= 0 && weekdays <= kEveryWeekday ? static_cast<std::uint8_t>(weekdays) : 0;
        const std::int64_t from = notices->integer(5), until = notices->integer(6);
        const bool timed = from >= 0 && from < 1440 && until >= 0 && until < 1440 && from != until;
        notice.start_minute = timed ? static_cast<int>(from) : kAllDay;
        notice.end_minute = timed ? static_cast<int>(until) : kAllDay;
        out.push_back(std::move(notice));
    }
    if (notices->failed()) return make_error(impl_->path.string() + ": " + notices->last_error());
    auto texts = sql::Statement::prepare(
        db, "SELECT notice_id, lang, title, body FROM notice_texts ORDER BY notice_id");
    if (!texts) return texts.error();
    while (texts->step()) {
        const std::int64_t id = texts->integer(0);
        auto notice =
            std::find_if(out.begin(), out.end(), [&](const LocalNotice& n) { return n.id == id; });
        if (notice == out.end()) continue;
        notice->title[texts->text(1)] = texts->text(2);
        notice->body[texts->text(1)] = texts->text(3);
    }
    if (texts->failed()) return make_error(impl_->path.string() + ": " + texts->last_error());
    return out;
}

Result<LocalNotice> LocalNotices::get(std::int64_t id) const {
    auto every = all();
    if (!every) return every.error();
    for (LocalNotice& notice : *every)
        if (notice.id == id) return std::move(notice);
    return make_error("no notice " + std::to_string(id) + " in " + impl_->path.string());
}

Result<std::int64_t> LocalNotices::save(const LocalNotice& notice) {
    if (auto valid = validate_notice(notice); !valid) return valid.error();
    sqlite3* db = impl_->db.get();
    std::int64_t id = notice.id;
    auto stored = in_transaction(db, [&]() -> Result<void> {
        if (id == 0) {
            auto insert = sql::Statement::prepare(
                db,
                "INSERT INTO notices(start_day, end_day, pinned, weekdays, start_minute, "
                "end_minute) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
            if (!insert) return insert.error();
            insert->bind(1, notice.start_day)
                .bind(2, notice.end_day)
                .bind(3, notice.pinned ? 1 : 0)
                .bind(4, static_cast<std::int64_t>(notice.weekdays))
                .bind(5, static_cast<std::int64_t>(notice.start_minute))
                .bind(6, static_cast<std::int64_t>(notice.end_minute));
            if (auto ran = insert->run(); !ran) return ran;
            id = sqlite3_last_insert_rowid(db);
        } else {
            auto update = sql::Statement::prepare(
                db,
                "UPDATE notices SET start_day = ?2, end_day = ?3, pinned = ?4, weekdays = ?5, "
                "start_minute = ?6, end_minute = ?7 WHERE id = ?1");
            if (!update) return update.error();
            update->bind(1, id)
                .bind(2, notice.start_day)
                .bind(3, notice.end_day)
                .bind(4, notice.pinned ? 1 : 0)
                .bind(5, static_cast<std::int64_t>(notice.weekdays))
                .bind(6, static_cast<std::int64_t>(notice.start_minute))
                .bind(7, static_cast<std::int64_t>(notice.end_minute));
            if (auto ran = update->run(); !ran) return ran;
            if (sqlite3_changes(db) == 0) return make_error("no notice " + std::to_string(id));
            auto clear =
                sql::Statement::prepare(db, "DELETE FROM notice_texts WHERE notice_id = ?1");
            if (!clear) return clear.error();
            clear->bind(1, id);
            if (auto ran = clear->run(); !ran) return ran;
        }
        auto text = sql::Statement::prepare(
            db, "INSERT INTO notice_texts(notice_id, lang, title, body) VALUES(?1, ?2, ?3, ?4)");
        if (!text) return text.error();
        for (const auto& [language, title] : notice.title) {
            if (title.empty()) continue;
            auto body = notice.body.find(language);
            text->reset();
            text->bind(1, id)
                .bind(2, language)
                .bind(3, title)
                // Never a null pointer: SQLite would store NULL, not an empty text.
                .bind(4, body == notice.body.end() ? std::string_view("")
                                                   : std::string_view(body->second));
            if (auto ran = text->run(); !ran) return ran;
        }
        return {};
    });
    if (!stored) return make_error(impl_->path.string() + ": " + stored.message());
    return id;
}

Result<void> LocalNotices::remove(std::int64_t id) {
    auto erase = sql::Statement::prepare(impl_->db.get(), "DELETE FROM notices WHERE id = ?1");
    if (!erase) return erase.error();
    erase->bind(1, id);
    if (auto ran = erase->run(); !ran)
        return make_error(impl_->path.string() + ": " + ran.message());
    if (sqlite3_changes(impl_->db.get()) == 0)
        return make_error("no notice " + std::to_string(id) + " in " + impl_->path.string());
    return {};
}

Result<std::vector<ShownNotice>> LocalNotices::shown_at(
    const clock::LocalTime& now, const std::vector<std::string>& languages) const {
    auto every = all();
    if (!every) return every.error();
    std::vector<ShownNotice> shown;
    for (const LocalNotice& notice : *every)
        if (content::shown_at(notice, now)) shown.push_back(as_shown(notice, languages));
    std::stable_sort(shown.begin(), shown.end(), [](const ShownNotice& a, const ShownNotice& b) {
        return a.pinned > b.pinned;
    });
    return shown;
}

Result<std::vector<ShownNotice>> LocalNotices::search(
    std::string_view query, const clock::LocalTime& now,
    const std::vector<std::string>& languages) const {
    const text::SanitisedQuery words = text::sanitise_query(query);
    if (words.words.empty()) return std::vector<ShownNotice>{};
    auto current = shown_at(now, languages);
    if (!current) return current.error();
    std::vector<ShownNotice> hits;
    for (ShownNotice& notice : *current) {
        std::vector<std::string> text_words = text::words(notice.title + " " + notice.body);
        bool all_found = true;
        for (size_t i = 0; i < words.words.size() && all_found; ++i) {
            const std::string& wanted = words.words[i];
            const bool prefix = words.last_is_prefix && i + 1 == words.words.size();
            all_found = std::any_of(text_words.begin(), text_words.end(), [&](const auto& word) {
                return word == wanted || (prefix && word.starts_with(wanted));
            });
        }
        if (!all_found) continue;
        notice.snippet =
            text::snippet(notice.title + ". " + notice.body, words.words, words.last_is_prefix, 24);
        hits.push_back(std::move(notice));
    }
    return hits;
}

}  // namespace guichet::content
