// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's local store (STATE/local.db): notices staff write on the kiosk itself — office
// hours, closures, today's events — with text per language, first and last day, and a pin to
// the home screen. Separate from the content store, so a sync never touches it. Visitors see a
// notice only between its dates, and only on its days of the week and between its times when
// it has them ("closed on Friday", "the lawyer is here on Tuesday mornings"), in their language
// or the nearest one it has.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/clock.h"
#include "platform/result.h"

namespace guichet::content {

struct LocalNotice {
    std::int64_t id = 0;                       // 0: not stored yet
    std::map<std::string, std::string> title;  // by language code
    std::map<std::string, std::string> body;
    std::string start_day;  // YYYY-MM-DD, first day shown
    std::string end_day;    // YYYY-MM-DD, last day shown
    bool pinned = false;
    // Days of the week it is shown: bit d for weekday d (0 = Monday); 0 = every day.
    std::uint8_t weekdays = 0;
    // Shown from start_minute until end_minute (minutes after local midnight, the end not
    // included); kAllDay for both: the whole day. An end at or before the start runs past
    // midnight into the next morning (22:00 to 06:00): the days and weekdays are those the
    // evening starts on.
    int start_minute = -1;
    int end_minute = -1;
};

inline constexpr int kAllDay = -1;
inline constexpr std::uint8_t kEveryWeekday = 0x7F;

// A notice as one visitor reads it.
struct ShownNotice {
    std::int64_t id = 0;
    std::string title;
    std::string body;
    std::string shown_language;
    bool fell_back = false;  // not in the visitor's language
    bool pinned = false;
    std::string start_day;
    std::string end_day;
    std::uint8_t weekdays = 0;
    int start_minute = kAllDay;
    int end_minute = kAllDay;
    std::string snippet;  // search only: matched words between \x01 and \x02
};

inline constexpr std::size_t kMaxNoticeTitleBytes = 120;
inline constexpr std::size_t kMaxNoticeBodyBytes = 2000;

// True for a real calendar day written YYYY-MM-DD.
bool is_calendar_day(const std::string& day);

// Why a notice cannot be stored, or nothing: valid days, start <= end, a title in at least
// one language, a body only where there is a title, the lengths above, weekdays within the
// week, and either no times or both, within a day and not equal.
Result<void> validate_notice(const LocalNotice& notice);

// Whether `notice` is shown at the local moment `now` (its days, weekdays and times).
bool shown_at(const LocalNotice& notice, const clock::LocalTime& now);

class LocalNotices {
  public:
    // Opens STATE/local.db for reading and writing, creating it when missing.
    static Result<LocalNotices> open(const std::filesystem::path& path);

    LocalNotices(LocalNotices&&) noexcept;
    LocalNotices& operator=(LocalNotices&&) noexcept;
    ~LocalNotices();

    // Every notice, current and not, newest start first (for staff).
    Result<std::vector<LocalNotice>> all() const;
    Result<LocalNotice> get(std::int64_t id) const;
    // Inserts (id 0) or replaces a notice; returns its id. Invalid notices are refused.
    Result<std::int64_t> save(const LocalNotice& notice);
    Result<void> remove(std::int64_t id);

    // Notices shown at `now`: pinned first, then newest start first. `languages` is the
    // visitor's language followed by its fallback chain.
    Result<std::vector<ShownNotice>> shown_at(const clock::LocalTime& now,
                                              const std::vector<std::string>& languages) const;
    // Notices shown at `now` whose text (as the visitor reads it) has every word of `query`,
    // the last word also as a prefix, folded like the content's search.
    Result<std::vector<ShownNotice>> search(std::string_view query, const clock::LocalTime& now,
                                            const std::vector<std::string>& languages) const;

    struct Impl;

  private:
    explicit LocalNotices(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace guichet::content
