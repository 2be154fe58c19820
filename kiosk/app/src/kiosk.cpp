// SPDX-License-Identifier: GPL-3.0-or-later
// One frame of the main loop, and what happens between frames: actions applied (with staff
// mode's side effects), the idle reset, a new content store switched in on the welcome screen,
// the theme and fonts rebuilt when the visitor asked for larger text or more contrast, and the
// current screen handed to its room.
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>

#include "fonts/paragraph.h"
#include "kiosk.h"
#include "platform/log.h"
#include "staff/staff_screens.h"
#include "visitor/screens.h"

namespace guichet::kiosk {
namespace {

constexpr std::int64_t kWelcomeCycleMs = 3000;

}  // namespace

void Kiosk::apply_action(const Action& action) {
    last_action_index_ = static_cast<int>(action.index());
    const KioskState before = state_;
    apply(state_, action);
    const ContentAdapter* content = content_.get();
    if (const auto* staff = std::get_if<action::Staff>(&action)) {
        const int rotation = options_.config.rotation;
        for (const Action& outcome :
             staff_->perform(state_, staff->what, now(), options_.config,
                             content ? content->languages() : std::vector<LanguageChoice>{}))
            apply(state_, outcome);
        if (std::holds_alternative<staff_action::SyncNow>(staff->what) &&
            state_.route.screen == Screen::staff && state_.staff.page != StaffPage::pin) {
            if (sync_runner_) sync_runner_->request_now();
            apply(state_, action::Staff{staff_action::Done{
                              sync_runner_ ? "staff.sync_started" : "staff.sync_off", !sync_runner_,
                              StaffPage::status}});
        }
        if (options_.config.rotation != rotation) {
            if (auto turned = display_->set_rotation(options_.config.rotation); !turned)
                log::error("kiosk", turned.message());
        }
    }
    tally_.observe(before, state_, [content](const std::string& id) {
        return content ? content->item_type(id) : std::string();
    });
    // Counted in memory during the visit, saved once it is over (never per tap).
    if (state_.route.screen == Screen::welcome && !tally_.empty()) staff_->end_visit(tally_);
    sync_speech(before);
    frames_to_render_ = std::max(frames_to_render_, kFramesAfterChange);
}

void Kiosk::check_content() {
    if (state_.content_switch_pending || !content_.new_store_on_disk()) return;
    log::info("kiosk", "a new content store is on disk; switching at the next welcome screen");
    content_.prepare_new();
    apply_action(action::ContentChanged{});
}

void Kiosk::switch_content_if_allowed() {
    // Never under a visitor's finger: only on the welcome screen.
    if (!state_.content_switch_pending || state_.route.screen != Screen::welcome) return;
    // Still being prepared: the next content check draws a frame and comes back here. Headless
    // runs wait for it, so a script sees the switch where it would on a quick machine.
    if (!options_.headless && !content_.new_ready()) return;
    if (auto switched = content_.switch_to_new(); !switched) {
        log::error("kiosk",
                   "new content store not usable, keeping the current one: " + switched.message());
        state_.content_switch_pending = false;
        return;
    }
    visitor_.forget_content();
    if (map_) map_->forget_content();
    for (const LanguageChoice& language : content_.get()->languages()) need(language.native_name);
    apply_action(action::ContentSwitched{});
    stale_.reset();  // the new content's languages need their own "last updated" line
    refresh_freshness();
    log::info("kiosk", "switched to content version " + content_.get()->version());
}

void Kiosk::notice_staff_hold(std::int64_t now_ms) {
    const display::Gesture& gesture = pointer_->gesture();
    if (gesture.held && !was_held_) held_since_ms_ = now_ms;
    was_held_ = gesture.held;
    // Timed on the kiosk's clock, not by summing frame times: a slow frame never stretches
    // the hold staff must make.
    if (state_.route.screen != Screen::welcome || !gesture.held || gesture.dragging ||
        now_ms - held_since_ms_ < kStaffHoldMs)
        return;
    const auto corner = touch_.targets().find("staff.corner");
    if (corner == touch_.targets().end()) return;
    const ImVec4& r = corner->second;
    if (gesture.origin.x >= r.x && gesture.origin.x <= r.z && gesture.origin.y >= r.y &&
        gesture.origin.y <= r.w)
        apply_action(action::Staff{staff_action::Enter{}});
}

Result<void> Kiosk::frame(const std::filesystem::path* screenshot) {
    const std::int64_t now_ms = now();
    ImGuiIO& io = ImGui::GetIO();
    pointer_->feed(io, now_ms);
    notice_staff_hold(now_ms);
    if (pointer_->take_activity()) apply_action(action::Touched{now_ms});
    const IdleSettings idle{
        (state_.route.screen == Screen::staff ? options_.config.staff_idle_timeout_seconds
                                              : options_.config.idle_timeout_seconds) *
            1000LL,
        options_.config.idle_countdown_seconds * 1000LL};
    IdleStatus idle_now = idle_status(state_, now_ms, idle);
    if (idle_now.expired) {
        apply_action(action::ResetVisit{});
        idle_now = idle_status(state_, now_ms, idle);
    }
    last_idle_ = idle_now;
    switch_content_if_allowed();
    poll_speech(now_ms);

    // Sizes follow the screen: staff turning it, a display rotated or swapped while running.
    const bool screen_changed =
        display_->height() != theme_.screen_height || display_->dpi() != theme_.dpi;
    if (state_.large_text != theme_large_ || state_.high_contrast != theme_contrast_ ||
        screen_changed) {
        if (state_.large_text != theme_large_ || screen_changed) fonts_dirty_ = true;
        theme_large_ = state_.large_text;
        theme_contrast_ = state_.high_contrast;
        update_theme(theme_, display_->dpi(), display_->height(), theme_large_, theme_contrast_);
        apply_style(theme_);
        visitor_.forget_layout();
    }
    if (fonts_dirty_) {
        // Between frames only (imgui#5295); the backend uploads the new texture on NewFrame.
        build_fonts(theme_, fonts_, display_->height());
        ++font_builds_;
        ImGui_ImplSDLRenderer_DestroyFontsTexture();
        fonts_dirty_ = false;
        visitor_.forget_layout();
    }

    PointerFrame pointer_frame;
    pointer_frame.gesture = pointer_->gesture();
    pointer_frame.drag_dy = pointer_->take_drag_dy();
    pointer_frame.drag_dx = pointer_->take_drag_dx();
    pointer_frame.pinch = pointer_->take_pinch();
    pointer_frame.release_velocity = pointer_->take_release_velocity();
    pointer_frame.wheel_lines = pointer_->take_wheel_lines();
    pointer_frame.dt = std::clamp((now_ms - last_frame_ms_) / 1000.0f, 0.001f, 0.1f);
    last_frame_ms_ = now_ms;

    const ImU32 background = theme_.palette.background;
    display_->set_clear_color(background & 0xFF, (background >> 8) & 0xFF,
                              (background >> 16) & 0xFF);
    display_->begin_frame(pointer_frame.dt);
    actions_.clear();
    touch_.begin_frame(pointer_frame, state_, actions_, theme_);
    const std::string language = ui_language();
    const ContentAdapter* content = content_.get();
    Ui ui{state_,   actions_,
          theme_,   touch_,
          language, content ? content->fallback_chain(language) : std::vector<std::string>{},
          now_ms,   [this](std::string_view code) { return stale_.note(code); },
          false,    {},
          {},       0.0f,
          {}};
    // An Arabic (or any right-to-left) visitor gets the whole screen mirrored.
    ui.right_to_left = fonts::language_is_right_to_left(language);
    ui.alerts = alerts_for(language);
    ui.alerts_in = [this](std::string_view code) { return alerts_for(std::string(code)); };
    const bool on_welcome = state_.route.screen == Screen::welcome;
    ui.listen = listen_view();
    ui.bottom_reserved = alert_banner_height(theme_, banner_alerts(ui.alerts, on_welcome)) +
                         listen_bar_height(ui);
    alerts_shown_ = alert_ids_now();
    set_reading_right_to_left(ui.right_to_left);
    draw_current(ui);
    draw_alert_banner(ui, on_welcome);
    draw_listen_bar(ui);
    if (idle_now.counting_down) draw_idle_countdown(ui, idle_now.seconds_left);
    touch_.end_frame();
    auto presented = display_->end_frame(screenshot);
    ++frames_drawn_;
    const std::vector<Action> produced = std::move(actions_);
    actions_.clear();
    for (const Action& action : produced) apply_action(action);
    if (frames_to_render_ > 0) --frames_to_render_;
    content_.confirm_boot();
    return presented;
}

void Kiosk::refresh_alerts() {
    if (alerts_.refresh()) {
        // Their glyphs join the atlas before the frame that shows them.
        for (const auto& a : alerts_.all())
            for (const auto& [code, text] : a.text) need(text.title), need(text.body);
        for (const char* key :
             {"alert.urgent", "alert.warning", "alert.info", "alert.region", "alert.more"})
            for (const std::string& code : ui_languages()) need(tr(key, code));
    }
    next_alert_change_s_ = alerts_.next_change(wall_now());
}

std::vector<AlertCard> Kiosk::alerts_for(const std::string& language) const {
    std::vector<std::string> languages = {language};
    if (const ContentAdapter* content = content_.get())
        for (const std::string& code : content->fallback_chain(language))
            if (code != language) languages.push_back(code);
    std::vector<AlertCard> cards = alerts_.shown(wall_now(), languages);
    return cards;
}

std::string Kiosk::alert_ids_now() const {
    std::string ids;
    for (const auto& a : sync::alerts::shown_at(alerts_.all(), alerts_.trusted_now(wall_now()), {}))
        ids += a.id + "\n";
    return ids;
}

void Kiosk::draw_current(const Ui& ui) {
    const Screen screen = state_.route.screen;
    // Staff mode works without content: Sync now is how a first store may arrive.
    if (!content_.get() && screen != Screen::welcome && screen != Screen::language &&
        screen != Screen::staff) {
        draw_unavailable(ui);
        return;
    }
    if (screen == Screen::welcome) {
        draw_welcome(ui, offered_languages());
        draw_staff_corner(ui);
    } else if (screen == Screen::language) {
        draw_language_picker(ui, offered_languages());
    } else if (screen == Screen::staff) {
        draw_staff_mode(ui);
    } else {
        visitor_.draw(ui, *content_.get(), *staff_);
    }
}

void Kiosk::draw_staff_mode(const Ui& ui) {
    const ContentAdapter* content = content_.get();
    StaffStatusView& facts = staff_->status_facts();
    facts.content_version = content ? content->version() : "";
    facts.content_date = content ? content->build_date() : "";
    facts.content_waiting = state_.content_switch_pending;
    if (sync_runner_) {
        // The runner's own view is fresher than the file it writes after an attempt.
        if (auto last = sync_runner_->last_status()) describe_sync(facts, last);
        const SyncActivity activity = sync_runner_->activity();
        facts.sync_running = activity.running;
        facts.sync_file = activity.file;
        facts.sync_done = activity.done;
        facts.sync_total = activity.total;
        facts.next_attempt = local_time_text(sync_runner_->next_attempt_time());
    }
    facts.alerts.clear();
    const std::int64_t wall = alerts_.trusted_now(wall_now());
    for (const sync::alerts::Alert& a : alerts_.all()) {
        StaffAlertRow row;
        row.id = a.id;
        row.severity = sync::alerts::to_string(a.severity);
        for (const std::string& code : reading_chain(ui.language, content))
            if (auto text = a.text.find(code);
                text != a.text.end() && !text->second.title.empty()) {
                row.title = text->second.title;
                break;
            }
        if (row.title.empty() && !a.text.empty()) row.title = a.text.begin()->second.title;
        if (a.source.starts_with("region:")) row.region = a.source.substr(7);
        row.from = local_time_text(a.start);
        row.until = local_time_text(a.end);
        row.shown_now = a.start <= wall && wall < a.end;
        row.ended = wall >= a.end;
        need(row.title), need(row.region);
        facts.alerts.push_back(std::move(row));
    }
    const StaffView& view = staff_->view(
        state_, ui.language, content ? content->languages() : std::vector<LanguageChoice>{});
    for (const StaffNoticeRow& row : view.notices) need(row.title);
    need("–");  // between a notice's times (schedule_text)
    if (state_.staff.draft) {
        for (const auto& [code, text] : state_.staff.draft->title) need(text);
        for (const auto& [code, text] : state_.staff.draft->body) need(text);
    }
    need(view.config_problem), need(view.status.last_error);
    draw_staff(ui, view);
}

std::int64_t Kiosk::next_wake(std::int64_t now_ms) {
    std::int64_t wake = next_content_check_ms_;
    // The next alert start or end, on the kiosk's own clock.
    if (next_alert_change_s_ > 0)
        wake = std::min(
            wake, now_ms + std::max<std::int64_t>(
                               0, (next_alert_change_s_ - alerts_.trusted_now(wall_now())) * 1000));
    wake = std::min(wake, last_idle_.next_change_ms);
    // While something is heard, the highlighted line follows it.
    if (speaker_ && speaker_->busy() && !state_.speech.paused)
        wake = std::min(wake, next_speech_poll_ms_);
    if (state_.route.screen == Screen::welcome)
        wake = std::min(wake, (now_ms / kWelcomeCycleMs + 1) * kWelcomeCycleMs);
    // A finger held on the welcome screen may be staff holding the hidden corner; the PIN
    // pad's lockout counts down each second.
    if (state_.route.screen == Screen::welcome && pointer_->gesture().held)
        wake = std::min(wake, now_ms + 100);
    if (state_.route.screen == Screen::staff && state_.staff.locked_until_ms > now_ms)
        wake = std::min(wake, now_ms + 1000 - (state_.staff.locked_until_ms - now_ms) % 1000);
    return std::max(wake, now_ms);
}

bool Kiosk::wants_frame(std::int64_t now_ms) {
    if (sync_woke_.exchange(false)) {
        // An attempt started, ended or moved on: look for a new store now, and redraw for
        // anything showing sync's progress.
        next_content_check_ms_ = now_ms;
        next_freshness_check_ms_ = now_ms;
        frames_to_render_ = std::max(frames_to_render_, 1);
    }
    if (now_ms >= next_freshness_check_ms_) refresh_freshness();
    if (now_ms >= next_content_check_ms_) {
        next_content_check_ms_ = now_ms + kContentCheckMs;
        check_content();
        refresh_alerts();
        if (state_.content_switch_pending && state_.route.screen == Screen::welcome)
            frames_to_render_ = std::max(frames_to_render_, 1);
    }
    // An alert started, ended or changed since the last frame: show it as it is now.
    if (alert_ids_now() != alerts_shown_) frames_to_render_ = std::max(frames_to_render_, 1);
    if (busy()) return true;
    if (decoded_woke_.exchange(false)) return true;  // map tiles or pictures decoded: draw them
    if (now_ms >= last_idle_.next_change_ms) return true;
    if (speaker_ && speaker_->busy() && !state_.speech.paused && now_ms >= next_speech_poll_ms_)
        return true;
    if ((state_.route.screen == Screen::welcome && pointer_->gesture().held) ||
        (state_.route.screen == Screen::staff && state_.staff.locked_until_ms >= now_ms - 1000))
        return true;
    if (state_.route.screen == Screen::welcome) {
        const std::int64_t cycle = now_ms / kWelcomeCycleMs;
        if (cycle != last_welcome_cycle_) {
            last_welcome_cycle_ = cycle;
            return true;
        }
    }
    return false;
}

bool Kiosk::busy() const {
    // Headless, a frame waits for its map tiles; on a screen the loader wakes the loop instead.
    const bool tiles = options_.headless && map_ && state_.route.screen == Screen::map && map_->pending();
    return frames_to_render_ > 0 || pointer_->pending() || touch_.animating() || tiles;
}

}  // namespace guichet::kiosk
