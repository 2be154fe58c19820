// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk as scripts see it (input/script_runner.h): pointer presses, touch targets, the
// clock, the state dump's facts and "sync now".
#include <chrono>
#include <cmath>
#include <thread>

#include "kiosk.h"
#include "platform/clock.h"
#include "widgets/chart.h"
#include "widgets/text.h"

namespace guichet::kiosk {

std::string Kiosk::busy_report() const {
    return "frames to render " + std::to_string(frames_to_render_) + ", input pending " +
           std::to_string(pointer_->pending()) + ", gliding " + std::to_string(touch_.animating()) +
           ", fonts rebuilt " + std::to_string(font_builds_) + " times, last action index " +
           std::to_string(last_action_index_);
}

void Kiosk::press(Press what, float x, float y, int finger) {
    const auto kind = what == Press::down ? display::PointerEvent::Kind::down
                      : what == Press::up ? display::PointerEvent::Kind::up
                                          : display::PointerEvent::Kind::move;
    pointer_->push({kind, x, y, 0, true, finger});
}

std::optional<std::pair<float, float>> Kiosk::target_center(const std::string& name) const {
    const auto center = touch_.target_center(name);
    if (!center) return std::nullopt;
    return std::pair{center->x, center->y};
}

std::optional<ScriptTarget::Drag> Kiosk::drag_toward(const std::string& name) const {
    const auto hidden = touch_.hidden_target(name);
    if (!hidden) {
        // Not drawn at all: further down a list drawn a screenful at a time, if anywhere.
        const auto region = touch_.region_with_more_below();
        if (!region) return std::nullopt;
        const float height = region->w - region->y, x = (region->x + region->z) / 2;
        return Drag{x, region->w - height * 0.15f, x, region->w - height * 0.85f};
    }
    // At most 70 % of the region per drag, from the side the content comes from.
    const ImVec4& r = hidden->region;
    const float height = r.w - r.y;
    const float step = std::clamp(hidden->distance, -height * 0.7f, height * 0.7f);
    const float x = (r.x + r.z) / 2;
    const float from = step > 0 ? r.w - height * 0.15f : r.y + height * 0.15f;
    return Drag{x, from, x, from - step};
}

std::optional<std::string> Kiosk::opener_of(const std::string& name) const {
    return touch_.opener_of(name);
}

std::vector<std::string> Kiosk::target_names() const {
    std::vector<std::string> names;
    for (const auto& [name, rect] : touch_.targets()) names.push_back(name);
    return names;
}

StateDump Kiosk::dump() const {
    RunFacts facts;
    const ContentAdapter* content = content_.get();
    facts.now_ms = now();
    facts.ui_language = ui_language();
    facts.countdown = last_idle_.counting_down ? last_idle_.seconds_left : 0;
    facts.content_version = content ? content->version() : "";
    visitor_.describe(state_, facts);
    facts.frames = frames_drawn_;
    // Only what the last frame drew: a chart of an earlier page says nothing about this one.
    if (const ChartDrawn& chart = last_chart_drawn(); chart.frame == ImGui::GetFrameCount()) {
        facts.chart_shown = true;
        facts.chart_table_shown = chart.table;
        facts.chart_year_targets = chart.year_targets;
        facts.chart_year_labels = chart.year_labels;
        facts.chart_points = chart.points;
        facts.chart_heading = chart.heading;
        facts.chart_legend = chart.legend;
        facts.chart_table_years = chart.table_years;
        facts.chart_table_rows = chart.table_rows;
    }
    for (const auto& [name, rect] : touch_.targets())
        facts.targets[name] = {std::lround((rect.x + rect.z) / 2),
                               std::lround((rect.y + rect.w) / 2)};
    facts.small_targets = touch_.small_targets();
    LayoutFacts& layout = facts.layout;
    layout.width = display_->width();
    layout.height = display_->height();
    layout.dpi = theme_.dpi;
    layout.rotation = display_->rotation();
    layout.right_to_left = reading_right_to_left();
    layout.text_scale = theme_.text_scale;
    layout.body_px = theme_.body_px;
    for (const auto& [name, info] : touch_.target_details())
        layout.targets.push_back({name, info.label, info.rect.x, info.rect.y, info.rect.z,
                                  info.rect.w, info.region, info.text_cut});
    for (const auto& [name, rect] : touch_.regions())
        layout.regions.push_back({name, rect.x, rect.y, rect.z, rect.w});
    for (const auto& [name, rect] : touch_.scroll_bars())
        layout.regions.push_back({name + "/scroll_bar", rect.x, rect.y, rect.z, rect.w});
    layout.cut_texts = touch_.cut_texts();
    layout.qr_module_px = touch_.qr_module_px();
    facts.font_glyphs = fonts_.atlas.stats().glyphs;
    facts.font_builds = font_builds_;
    facts.renderer = display_->renderer_name();
    facts.stale_note = stale_.note(ui_language());
    for (const AlertCard& card : alerts_for(ui_language())) {
        facts.alerts.push_back(card.id);
        facts.alert_titles.push_back(card.title);
    }
    facts.sync_running = sync_runner_ && sync_runner_->activity().running;
    facts.sync_attempts = sync_runner_ ? sync_runner_->attempts_finished() : 0;
    facts.sync_last_result = sync_runner_ && sync_runner_->last_status()
                                 ? sync::to_string(sync_runner_->last_status()->result)
                                 : "";
    facts.today = clock::local_day(wall_now());
    facts.config_problem = staff_->config_problem();
    facts.idle_timeout = options_.config.idle_timeout_seconds;
    facts.rotation = options_.config.rotation;
    facts.default_language = options_.config.default_language;
    describe_speech(facts);
    return state_json(state_, facts);
}

Result<void> Kiosk::sync_now(const std::string& where) {
    if (!sync_runner_)
        return make_error(where + "no background sync (set sync_config or add STATE/sync.conf)");
    const std::int64_t before = sync_runner_->attempts_finished();
    sync_runner_->request_now();
    // Real time, not the script's virtual clock: the attempt runs on its own thread.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (sync_runner_->attempts_finished() == before) {
        if (std::chrono::steady_clock::now() > deadline)
            return make_error(where + "the sync attempt did not finish within 120 s");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    sync_woke_ = false;
    check_content();
    refresh_alerts();
    refresh_freshness();
    frames_to_render_ = std::max(frames_to_render_, 1);
    return {};
}

}  // namespace guichet::kiosk
