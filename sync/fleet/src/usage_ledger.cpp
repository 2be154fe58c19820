// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/usage_ledger.h"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "platform/files.h"

namespace guichet::fleet {
namespace fs = std::filesystem;
using nlohmann::json;

std::string add_days(const std::string& day, int delta) {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(day.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return day;
    using namespace std::chrono;
    const sys_days moved = sys_days(year_month_day(year(y), month(static_cast<unsigned>(m)),
                                                   std::chrono::day(static_cast<unsigned>(d)))) +
                           days(delta);
    const year_month_day out(moved);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(out.year()),
                  static_cast<unsigned>(out.month()), static_cast<unsigned>(out.day()));
    return text;
}

UsageLedger::UsageLedger(fs::path state_dir)
    : file_(std::move(state_dir) / "usage" / "usage.json") {
    std::error_code ec;
    if (!fs::exists(file_, ec)) return;
    auto text = files::read_file(file_);
    if (!text) {
        load_problem_ = text.message();
        return;
    }
    const json doc = json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("days") ||
        !doc["days"].is_object()) {
        load_problem_ = file_.string() + ": not a usage ledger; starting a new one";
        return;
    }
    try {
        for (const auto& [day, entry] : doc["days"].items()) {
            DayUsage usage;
            usage.totals.day = day;
            usage.totals.sessions = entry.value("sessions", std::int64_t{0});
            usage.totals.searches = entry.value("searches", std::int64_t{0});
            usage.totals.views_by_type =
                entry.value("views_by_type", std::map<std::string, std::int64_t>{});
            usage.totals.sessions_by_language =
                entry.value("sessions_by_language", std::map<std::string, std::int64_t>{});
            usage.views_by_item =
                entry.value("views_by_item", std::map<std::string, std::int64_t>{});
            days_[day] = std::move(usage);
        }
    } catch (const json::exception& error) {
        days_.clear();
        load_problem_ = file_.string() + ": " + error.what() + "; starting a new one";
    }
}

DayUsage& UsageLedger::at(const std::string& day) {
    dirty_ = true;
    DayUsage& usage = days_[day];
    usage.totals.day = day;
    return usage;
}

void UsageLedger::count_session(const std::string& day) {
    ++at(day).totals.sessions;
}
void UsageLedger::count_language(const std::string& day, const std::string& language) {
    ++at(day).totals.sessions_by_language[language];
}
void UsageLedger::count_search(const std::string& day) {
    ++at(day).totals.searches;
}
void UsageLedger::count_view(const std::string& day, const std::string& type,
                             const std::string& item_id) {
    DayUsage& usage = at(day);
    ++usage.totals.views_by_type[type];
    ++usage.views_by_item[item_id];
}

void UsageLedger::prune() {
    while (days_.size() > static_cast<size_t>(kDaysKept)) days_.erase(days_.begin());
}

Result<void> UsageLedger::save() {
    prune();
    json doc_days = json::object();
    for (const auto& [day, usage] : days_)
        doc_days[day] = {{"sessions", usage.totals.sessions},
                         {"searches", usage.totals.searches},
                         {"views_by_type", usage.totals.views_by_type},
                         {"sessions_by_language", usage.totals.sessions_by_language},
                         {"views_by_item", usage.views_by_item}};
    std::error_code ec;
    fs::create_directories(file_.parent_path(), ec);
    if (ec)
        return make_error("cannot create " + file_.parent_path().string() + ": " + ec.message());
    auto written = files::write_file_atomically(file_, json{{"days", doc_days}}.dump(1) + "\n");
    if (written) dirty_ = false;
    return written;
}

DayUsage UsageLedger::day(const std::string& day) const {
    auto it = days_.find(day);
    if (it != days_.end()) return it->second;
    DayUsage empty;
    empty.totals.day = day;
    return empty;
}

std::vector<DayUsage> UsageLedger::last_days(const std::string& last_day, int count) const {
    std::vector<DayUsage> out;
    for (int back = count - 1; back >= 0; --back) out.push_back(day(add_days(last_day, -back)));
    return out;
}

}  // namespace guichet::fleet
