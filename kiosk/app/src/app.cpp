// SPDX-License-Identifier: GPL-3.0-or-later
#include "app.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <time.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "providers/content_adapter.h"
#include "kiosk/dates.h"
#include "kiosk/keyboard.h"
#include "kiosk/actions.h"
#include "kiosk/state.h"
#include "platform/clock.h"
#include "platform/display/display.h"
#include "platform/display/pointer.h"
#include "platform/log.h"
#include "platform/paths.h"
#include "platform/service.h"
#include "visitor/screens.h"
#include "staff/staff_screens.h"
#include "staff/staff_mode.h"
#include "sync/sync.h"
#include "providers/sync_runner.h"
#include "widgets/theme.h"
#include "widgets/touch_ui.h"
#include "widgets/markdown_view.h"
#include "widgets/qr_code.h"

namespace guichet::kiosk {
namespace {

constexpr std::int64_t kFrameMs = 16;
constexpr std::int64_t kWelcomeCycleMs = 3000;
constexpr std::int64_t kContentCheckMs = 2000;
// Frames drawn after each change, so popups and layout settle (imgui#3220, #2749).
constexpr int kFramesAfterChange = 3;

template <class T>
struct Memo {
    std::string key;
    T value{};
    bool valid = false;
};

std::string describe_filter(const DirectoryFilter& f) {
    return f.country + "|" + f.city + "|" + f.kind + "|" + f.service + "|" + f.spoken_language;
}

class Kiosk {
  public:
    explicit Kiosk(RunOptions options) : options_(std::move(options)) {}
    Result<void> start();
    int run_interactive();
    int run_bench_scroll();
    int run_script(const std::vector<ScriptCommand>& commands, const std::string& script_name);
    int run_tour();
    Result<void> dump_state(const std::filesystem::path& file) const;

  private:
    std::int64_t now() const { return virtual_clock_ ? clock_ms_ : clock::monotonic_ms(); }
    Result<void> frame(const std::filesystem::path* screenshot = nullptr);
    bool wants_frame(std::int64_t now_ms);
    std::int64_t next_wake(std::int64_t now_ms);
    void apply_action(const Action& action);
    void check_content();
    void switch_content_if_allowed();
    Result<void> open_content();
    void start_sync();
    void refresh_freshness();
    std::string stale_note(std::string_view language) const;
    Result<void> sync_now(const std::string& where);
    std::filesystem::path resolve_content_path(std::string* why);
    void draw_current(Ui& ui);
    std::string ui_language() const;
    std::vector<LanguageChoice> offered_languages() const;
    void need(std::string_view text);

    // Scripted input.
    Result<void> settle();
    Result<void> tap(float x, float y);
    Result<void> tap_target(const std::string& name, const std::string& where);
    Result<void> drag(float x1, float y1, float x2, float y2, int ms);
    Result<void> wait(std::int64_t ms);
    Result<void> type(const std::string& text, const std::string& where);
    Result<void> screenshot(const std::string& name);
    std::string state_value(const std::string& key) const;
    nlohmann::json state_json() const;

    RunOptions options_;
    std::unique_ptr<display::Display> display_;
    std::unique_ptr<display::Pointer> pointer_;
    TouchUi touch_;
    Theme theme_;
    FontSystem fonts_;
    bool fonts_dirty_ = true;
    bool theme_large_ = false, theme_contrast_ = false;
    KioskState state_;
    std::vector<Action> actions_;
    std::filesystem::path state_dir_;
    std::unique_ptr<ContentAdapter> content_;
    bool content_from_sync_ = false;
    std::filesystem::path content_path_;
    std::string content_error_;
    std::optional<FileIdentity> rejected_identity_;
    bool boot_ok_sent_ = false;
    bool virtual_clock_ = false;
    std::int64_t clock_ms_ = 0;
    std::int64_t last_frame_ms_ = 0;
    std::int64_t next_content_check_ms_ = 0;
    int frames_to_render_ = kFramesAfterChange;
    IdleStatus last_idle_;
    std::int64_t last_welcome_cycle_ = -1;
    std::int64_t frames_drawn_ = 0;
    int font_builds_ = 0;
    int last_action_index_ = -1;

    Memo<std::vector<HomeTile>> home_;
    Memo<ListHeader> list_;
    Memo<DirectoryModel> directory_;
    Memo<std::vector<SearchGroup>> search_;
    Memo<DetailView> detail_;
    std::optional<widgets::MarkdownView> markdown_;
    std::optional<widgets::QrMatrix> qr_;
    std::string link_qr_text_;  // the external link link_qr_ encodes
    std::optional<widgets::QrMatrix> link_qr_;

    // When the last successful update is older than stale_after_days: its time, and the
    // "last updated on" line in each language, made when it changes (not per frame).
    std::optional<std::int64_t> stale_since_;
    std::map<std::string, std::string, std::less<>> stale_notes_;
    std::int64_t next_freshness_check_ms_ = 0;

    // Staff mode, the local notices and usage counting (staff_mode.h).
    std::unique_ptr<StaffController> staff_;
    VisitTally tally_;
    std::int64_t wall_at_start_s_ = 0;
    std::int64_t wall_now() const { return wall_at_start_s_ + (now() - 1'000'000) / 1000; }
    std::vector<std::string> reading_chain(const std::string& language) const;
    // The notices shown today in `language`, read again when staff changed them or the day did.
    void refresh_notices(const std::string& language);
    // The hidden entry: a finger held still on the welcome screen's staff corner.
    void notice_staff_hold(std::int64_t now_ms);
    bool was_held_ = false;
    std::int64_t held_since_ms_ = 0;
    Memo<std::vector<NoticeCard>> notices_;
    void staff_json(nlohmann::json& json) const;

    std::atomic<bool> sync_woke_{false};
    Uint32 sync_event_type_ = 0;
    // Last: destroyed first, so its thread never calls back into a member already gone.
    std::unique_ptr<SyncRunner> sync_runner_;
};

void Kiosk::refresh_notices(const std::string& language) {
    const std::string key = language + "#" + std::to_string(staff_->notices_generation()) + "@" +
                            staff_->today();
    if (notices_.valid && notices_.key == key) return;
    notices_ = {key, staff_->notices_for_visitor(reading_chain(language)), true};
    for (NoticeCard& card : notices_.value) {
        card.shown_language_name =
            content_ ? content_->native_name(card.shown_language) : card.shown_language;
        need(card.title), need(card.body), need(card.shown_language_name);
    }
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

std::vector<std::string> Kiosk::reading_chain(const std::string& language) const {
    std::vector<std::string> chain{language};
    if (content_)
        for (const std::string& next : content_->fallback_chain(language))
            if (next != language) chain.push_back(next);
    return chain;
}

std::string Kiosk::ui_language() const {
    if (!state_.language.empty()) return state_.language;
    if (!options_.config.default_language.empty()) return options_.config.default_language;
    if (content_ && !content_->base_language().empty()) return content_->base_language();
    return "es";
}

std::vector<LanguageChoice> Kiosk::offered_languages() const {
    std::vector<LanguageChoice> offered;
    if (!content_) {
        for (const std::string& code : ui_languages()) offered.push_back({code, code, {}});
        return offered;
    }
    for (const LanguageChoice& language : content_->languages()) {
        const auto& wanted = options_.config.languages;
        if (wanted.empty() ||
            std::find(wanted.begin(), wanted.end(), language.code) != wanted.end())
            offered.push_back(language);
    }
    return offered.empty() ? content_->languages() : offered;
}

void Kiosk::need(std::string_view text) {
    if (need_text(fonts_, text)) fonts_dirty_ = true;
}

std::filesystem::path Kiosk::resolve_content_path(std::string* why) {
    if (!options_.config.content.empty()) return options_.config.content;
    content_from_sync_ = true;
    auto pointer = sync::boot_attempt(state_dir_);
    if (!pointer) {
        if (why) *why = pointer.message();
        return {};
    }
    return pointer->path;
}

Result<void> Kiosk::open_content() {
    std::string why;
    const auto path = resolve_content_path(&why);
    content_path_ = path;
    if (path.empty()) return make_error("no content store: " + why);
    auto adapter = ContentAdapter::open(path);
    if (!adapter) return adapter.error();
    content_ = std::move(*adapter);
    for (const LanguageChoice& language : content_->languages()) need(language.native_name);
    return {};
}

Result<void> Kiosk::start() {
    state_dir_ =
        options_.config.state_dir.empty() ? paths::default_state_dir() : options_.config.state_dir;
    virtual_clock_ = options_.headless;
    clock_ms_ = 1'000'000;  // any fixed start: only differences matter
    wall_at_start_s_ = clock::wall_seconds() - (now() - 1'000'000) / 1000;
    staff_ = std::make_unique<StaffController>(state_dir_, options_.config_file,
                                               options_.config_problem,
                                               [this] { return wall_now(); });

    display::DisplayOptions display_options;
    display_options.width = options_.width;
    display_options.height = options_.height;
    display_options.headless = options_.headless;
    display_options.fullscreen = options_.config.fullscreen && !options_.headless;
    display_options.hide_cursor = display_options.fullscreen;
    display_options.rotation = options_.config.rotation;
    display_options.renderer =
        options_.config.renderer == "software" ? display::RendererChoice::software
        : options_.config.renderer == "opengl" ? display::RendererChoice::opengl
                                               : display::RendererChoice::automatic;
    auto display = display::Display::open(display_options);
    if (!display) return display.error();
    display_ = std::move(*display);
    log::info("kiosk", "renderer " + display_->renderer_name() + " (" +
                           display_->renderer_reason() + "), " + std::to_string(display_->width()) +
                           "x" + std::to_string(display_->height()) + ", " +
                           std::to_string(static_cast<int>(display_->dpi())) + " dpi");

    if (auto opened = open_content(); !opened) {
        content_error_ = opened.message();
        log::error("kiosk", content_error_);
    }
    start_sync();
    refresh_freshness();
    // The UI's own words in every language, so switching language never waits for glyphs,
    // and the marks the screens put between words.
    need(" · … % ▲▼");
    need("—→✓−°|");  // staff mode's marks
    for (const std::string_view key : ui_string_keys())
        for (const std::string& language : ui_languages()) need(tr(key, language));
    for (const std::string& language : ui_languages())
        for (const auto& row : keyboard_for(language).rows)
            for (const std::string& key : row) need(key);
    update_theme(theme_, display_->dpi(), display_->height(), false, false);
    // 2 mm of movement before a touch counts as a drag: more than a tap's jitter.
    pointer_ = std::make_unique<display::Pointer>(theme_.px_per_mm * 2.0f);
    apply_style(theme_);
    last_frame_ms_ = now();
    next_content_check_ms_ = now() + kContentCheckMs;
    return {};
}

void Kiosk::start_sync() {
    std::filesystem::path file = options_.config.sync_config;
    if (file.empty()) {
        if (!std::filesystem::exists(state_dir_ / "sync.conf")) return;
        file = state_dir_ / "sync.conf";
    }
    auto config = sync::load_config(file);
    if (!config) {
        log::error("kiosk", "background sync is off: " + config.message());
        return;
    }
    std::error_code ec;
    if (!std::filesystem::equivalent(config->state_dir, state_dir_, ec))
        log::warn("kiosk", file.string() + ": state_dir " + config->state_dir.string() +
                               " is not the kiosk's state folder " + state_dir_.string() +
                               "; the stores it installs will not be shown");
    if (!content_from_sync_)
        log::info("kiosk", "the content store is set explicitly; synced stores are not shown");
    // Where the fleet status goes after each attempt: STATE/fleet.conf; without it statuses
    // wait in the outbox.
    fleet::FleetSettings fleet_settings;
    if (const auto fleet_file = state_dir_ / "fleet.conf"; std::filesystem::exists(fleet_file)) {
        if (auto loaded = fleet::load_fleet_settings(fleet_file); loaded)
            fleet_settings = std::move(*loaded);
        else
            log::error("kiosk", "fleet status kept in the outbox: " + loaded.message());
    }
    // The runner's thread wakes the event loop with an SDL user event (SDL_PushEvent is
    // thread-safe); scripted runs poll the flag instead.
    if (!options_.headless) sync_event_type_ = SDL_RegisterEvents(1);
    sync_runner_ = std::make_unique<SyncRunner>(
        std::move(*config),
        [this] {
            sync_woke_ = true;
            if (sync_event_type_ != 0 && sync_event_type_ != static_cast<Uint32>(-1)) {
                SDL_Event event{};
                event.type = sync_event_type_;
                SDL_PushEvent(&event);
            }
        },
        std::move(fleet_settings));
    log::info("kiosk", "background sync from " + sync_runner_->config().source);
}

void Kiosk::refresh_freshness() {
    next_freshness_check_ms_ = now() + 60'000;
    const sync::SyncConfig defaults;
    const std::filesystem::path dir = sync_runner_ ? sync_runner_->config().state_dir : state_dir_;
    const std::int64_t days =
        sync_runner_ ? sync_runner_->config().stale_after_days : defaults.stale_after_days;
    std::optional<std::int64_t> since;
    if (auto status = sync::read_status(dir); status)
        since = sync::stale_since(*status, clock::wall_seconds(), days);
    if (since == stale_since_) return;
    stale_since_ = since;
    stale_notes_.clear();
    if (since) {
        std::vector<std::string> languages = ui_languages();
        for (const LanguageChoice& language : offered_languages())
            languages.push_back(language.code);
        for (const std::string& language : languages) {
            std::string note = format1(
                tr("last_updated", language,
                   content_ ? content_->fallback_chain(language) : std::vector<std::string>{}),
                format_long_date(*since, language));
            need(note);
            stale_notes_[language] = std::move(note);
        }
    }
    frames_to_render_ = std::max(frames_to_render_, 1);
}

std::string Kiosk::stale_note(std::string_view language) const {
    auto it = stale_notes_.find(language);
    return it == stale_notes_.end() ? std::string() : it->second;
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
    refresh_freshness();
    frames_to_render_ = std::max(frames_to_render_, 1);
    return settle();
}

void Kiosk::apply_action(const Action& action) {
    last_action_index_ = static_cast<int>(action.index());
    const KioskState before = state_;
    apply(state_, action);
    if (const auto* staff = std::get_if<action::Staff>(&action)) {
        const int rotation = options_.config.rotation;
        for (const Action& outcome : staff_->perform(state_, staff->what, now(), options_.config,
                                                     content_ ? content_->languages()
                                                              : std::vector<LanguageChoice>{}))
            apply(state_, outcome);
        if (std::holds_alternative<staff_action::SyncNow>(staff->what) &&
            state_.route.screen == Screen::staff && state_.staff.page != StaffPage::pin) {
            if (sync_runner_) sync_runner_->request_now();
            apply(state_, action::Staff{staff_action::Done{
                              sync_runner_ ? "staff.sync_started" : "staff.sync_off",
                              !sync_runner_, StaffPage::status}});
        }
        if (options_.config.rotation != rotation) {
            if (auto turned = display_->set_rotation(options_.config.rotation); !turned)
                log::error("kiosk", turned.message());
        }
    }
    tally_.observe(before, state_, [this](const std::string& id) {
        return content_ ? content_->item_type(id) : std::string();
    });
    // Counted in memory during the visit, saved once it is over (never per tap).
    if (state_.route.screen == Screen::welcome && !tally_.empty()) staff_->end_visit(tally_);
    frames_to_render_ = std::max(frames_to_render_, kFramesAfterChange);
}

void Kiosk::check_content() {
    std::filesystem::path path = content_path_;
    if (content_from_sync_) {
        auto pointer = sync::current_store(state_dir_);
        if (pointer) path = pointer->path;
    }
    if (path.empty()) return;
    const auto identity = file_identity(path);
    if (!identity || (rejected_identity_ && *identity == *rejected_identity_)) return;
    const bool changed = !content_ || path != content_->path() || content_->identity() != identity;
    if (changed && !state_.content_switch_pending) {
        log::info("kiosk", "a new content store is on disk; switching at the next welcome screen");
        content_path_ = path;
        apply_action(action::ContentChanged{});
    }
}

void Kiosk::switch_content_if_allowed() {
    // Never under a visitor's finger: only on the welcome screen.
    if (!state_.content_switch_pending || state_.route.screen != Screen::welcome) return;
    auto adapter = ContentAdapter::open(content_path_);
    if (!adapter) {
        log::error("kiosk",
                   "new content store not usable, keeping the current one: " + adapter.message());
        rejected_identity_ = file_identity(content_path_);
        state_.content_switch_pending = false;
        return;
    }
    content_ = std::move(*adapter);
    content_error_.clear();
    home_.valid = list_.valid = directory_.valid = search_.valid = detail_.valid = false;
    markdown_.reset();
    qr_.reset();
    for (const LanguageChoice& language : content_->languages()) need(language.native_name);
    apply_action(action::ContentSwitched{});
    stale_since_.reset();  // the new content's languages need their own "last updated" line
    refresh_freshness();
    log::info("kiosk", "switched to content version " + content_->version());
}

Result<void> Kiosk::frame(const std::filesystem::path* screenshot) {
    const std::int64_t now_ms = now();
    ImGuiIO& io = ImGui::GetIO();
    pointer_->feed(io, now_ms);
    notice_staff_hold(now_ms);
    if (pointer_->take_activity()) apply_action(action::Touched{now_ms});
    const IdleSettings idle{(state_.route.screen == Screen::staff
                                 ? options_.config.staff_idle_timeout_seconds
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

    if (state_.large_text != theme_large_ || state_.high_contrast != theme_contrast_) {
        if (state_.large_text != theme_large_) fonts_dirty_ = true;
        theme_large_ = state_.large_text;
        theme_contrast_ = state_.high_contrast;
        update_theme(theme_, display_->dpi(), display_->height(), theme_large_, theme_contrast_);
        apply_style(theme_);
        markdown_.reset();  // its layout cache holds the old fonts
        detail_.valid = false;
    }
    if (fonts_dirty_) {
        // Between frames only (imgui#5295); the backend uploads the new texture on NewFrame.
        build_fonts(theme_, fonts_, display_->height());
        ++font_builds_;
        ImGui_ImplSDLRenderer_DestroyFontsTexture();
        fonts_dirty_ = false;
        markdown_.reset();
        detail_.valid = false;
    }

    PointerFrame pointer_frame;
    pointer_frame.gesture = pointer_->gesture();
    pointer_frame.drag_dy = pointer_->take_drag_dy();
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
    Ui ui{state_,   actions_,
          theme_,   touch_,
          language, content_ ? content_->fallback_chain(language) : std::vector<std::string>{},
          now_ms,   [this](std::string_view code) { return stale_note(code); }};
    draw_current(ui);
    if (idle_now.counting_down) draw_idle_countdown(ui, idle_now.seconds_left);
    touch_.end_frame();
    auto presented = display_->end_frame(screenshot);
    // The CPU copy of the atlas is not needed once the texture holds it.
    ++frames_drawn_;
    const std::vector<Action> produced = std::move(actions_);
    actions_.clear();
    for (const Action& action : produced) apply_action(action);
    if (frames_to_render_ > 0) --frames_to_render_;
    if (!boot_ok_sent_ && content_from_sync_ && content_) {
        boot_ok_sent_ = true;
        if (auto ok = sync::boot_ok(state_dir_); !ok) log::warn("kiosk", ok.message());
    }
    return presented;
}

void Kiosk::draw_current(Ui& ui) {
    const std::string lang = ui.language;
    const std::string generation = std::to_string(state_.content_generation);
    // Staff mode works without content: Sync now is how a first store may arrive.
    if (!content_ && state_.route.screen != Screen::welcome &&
        state_.route.screen != Screen::language && state_.route.screen != Screen::staff) {
        draw_unavailable(ui);
        return;
    }
    switch (state_.route.screen) {
        case Screen::welcome:
            draw_welcome(ui, offered_languages());
            draw_staff_corner(ui);
            return;
        case Screen::staff: {
            StaffStatusView& facts = staff_->status_facts();
            facts.content_version = content_ ? content_->version() : "";
            facts.content_date = content_ ? content_->build_date() : "";
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
            const StaffView& view = staff_->view(
                state_, lang, content_ ? content_->languages() : std::vector<LanguageChoice>{});
            for (const StaffNoticeRow& row : view.notices) need(row.title);
            if (state_.staff.draft) {
                for (const auto& [code, text] : state_.staff.draft->title) need(text);
                for (const auto& [code, text] : state_.staff.draft->body) need(text);
            }
            need(view.config_problem), need(view.status.last_error);
            draw_staff(ui, view);
            return;
        }
        case Screen::notices: {
            refresh_notices(lang);
            std::optional<NoticeCard> open;
            for (const NoticeCard& card : notices_.value)
                if (std::to_string(card.id) == state_.route.id) open = card;
            draw_notices(ui, notices_.value, open);
            return;
        }
        case Screen::language:
            draw_language_picker(ui, offered_languages());
            return;
        case Screen::home: {
            const std::string key = lang + "#" + generation;
            if (!home_.valid || home_.key != key) {
                auto tiles = content_->home(lang);
                home_ = {key, tiles ? *tiles : std::vector<HomeTile>{}, true};
                if (!tiles) log::error("kiosk", tiles.message());
                for (const HomeTile& tile : home_.value) need(tile.title);
            }
            // This office's notices beside the central content: a tile, and the pinned ones
            // on the home screen itself.
            refresh_notices(lang);
            std::vector<HomeTile> tiles = home_.value;
            if (!notices_.value.empty()) {
                HomeTile notices_tile{"notices", "news", std::string(ui.t("notices")), false, true};
                need(notices_tile.title);
                tiles.insert(tiles.begin(), std::move(notices_tile));
            }
            draw_home(ui, tiles, notices_.value);
            return;
        }
        case Screen::category: {
            const std::string id = state_.route.id;
            const std::string key = id + "@" + lang + "#" + generation;
            if (!list_.valid || list_.key != key) {
                auto header = content_->category(id, lang);
                list_ = {key, header ? *header : ListHeader{}, true};
                if (!header) log::error("kiosk", header.message());
                need(list_.value.title);
            }
            RowFetcher fetch = [&](std::int64_t offset, std::int64_t count) {
                auto rows = content_->category_rows(id, lang, offset, count);
                if (!rows) return std::vector<ListRow>{};
                for (const ListRow& row : *rows) need(row.title), need(row.subtitle);
                return std::move(*rows);
            };
            draw_item_list(ui, list_.value, fetch,
                           [&](std::string_view code) { return content_->native_name(code); });
            return;
        }
        case Screen::directory: {
            const std::string key = describe_filter(state_.directory_filter) + "@" + lang + "#" +
                                    generation + (state_.filter_picker_open ? "+picker" : "") +
                                    std::to_string(static_cast<int>(state_.open_filter));
            if (!directory_.valid || directory_.key != key) {
                DirectoryModel model;
                auto header = content_->directory(state_.directory_filter, lang);
                if (header) model.header = *header;
                const std::pair<FilterField, const std::string*> fields[] = {
                    {FilterField::country, &state_.directory_filter.country},
                    {FilterField::city, &state_.directory_filter.city},
                    {FilterField::kind, &state_.directory_filter.kind},
                    {FilterField::service, &state_.directory_filter.service},
                    {FilterField::spoken_language, &state_.directory_filter.spoken_language}};
                for (const auto& [field, value] : fields)
                    if (!value->empty())
                        model.active_labels.emplace_back(
                            field, content_->filter_label(field, *value, lang));
                if (state_.filter_picker_open) {
                    auto options = content_->filter_options(state_.open_filter, lang);
                    if (options) model.open_options = std::move(*options);
                }
                need(model.header.title);
                for (const auto& [field, label] : model.active_labels) need(label);
                for (const FilterOption& option : model.open_options) need(option.label);
                directory_ = {key, std::move(model), true};
            }
            const DirectoryFilter filter = state_.directory_filter;
            RowFetcher fetch = [&, filter](std::int64_t offset, std::int64_t count) {
                auto rows = content_->directory_rows(filter, lang, offset, count);
                if (!rows) return std::vector<ListRow>{};
                for (const ListRow& row : *rows) need(row.title), need(row.subtitle);
                return std::move(*rows);
            };
            draw_directory(ui, directory_.value, fetch,
                           [&](std::string_view code) { return content_->native_name(code); });
            return;
        }
        case Screen::search: {
            const std::string key = state_.search_text + "@" + lang + "#" + generation;
            if (!search_.valid || search_.key != key) {
                auto results = content_->search(state_.search_text, lang);
                search_ = {key, results ? *results : std::vector<SearchGroup>{}, true};
                SearchGroup local{"notice", {}};
                for (const NoticeCard& card :
                     staff_->search_notices(state_.search_text, reading_chain(lang)))
                    local.rows.push_back({std::to_string(card.id), card.title, card.snippet});
                if (!local.rows.empty()) search_.value.insert(search_.value.begin(), local);
                for (const SearchGroup& group : search_.value)
                    for (const SearchRow& row : group.rows) need(row.title), need(row.snippet);
            }
            draw_search(ui, search_.value);
            return;
        }
        case Screen::detail: {
            const std::string key = state_.route.id + "@" + lang + "#" + generation;
            if (!detail_.valid || detail_.key != key) {
                auto view = content_->detail(state_.route.id, lang);
                if (!view) {
                    log::error("kiosk", view.message());
                    draw_unavailable(ui);
                    return;
                }
                detail_ = {key, std::move(*view), true};
                need(detail_.value.title), need(detail_.value.summary),
                    need(detail_.value.body_markdown);
                for (const DetailField& field : detail_.value.fields) need(field.value);
                for (const ChartSeries& series : detail_.value.chart) need(series.country);
                markdown_.reset();
                if (!detail_.value.body_markdown.empty()) {
                    auto document = widgets::parse_markdown(detail_.value.body_markdown);
                    if (document) {
                        // Bodies repeat the title as their first heading, sometimes after
                        // a line or two; the screen shows the title once, above the body.
                        auto& blocks = document->blocks;
                        const auto first_heading = std::find_if(
                            blocks.begin(), blocks.end(), [](const widgets::MarkdownBlock& b) {
                                return b.kind == widgets::MarkdownBlockKind::heading;
                            });
                        if (first_heading != blocks.end() &&
                            widgets::plain_text(first_heading->spans) == detail_.value.title)
                            blocks.erase(first_heading);
                        markdown_.emplace(std::move(*document));
                    }
                }
                qr_.reset();
                if (!detail_.value.take_away.empty()) {
                    auto matrix = widgets::encode_qr(detail_.value.take_away);
                    if (matrix) qr_ = std::move(*matrix);
                }
            }
            DetailExtras extras;
            extras.shown_language_name = content_->native_name(detail_.value.shown_language);
            if (markdown_) {
                extras.draw_markdown = [this](float width) -> std::optional<TappedLink> {
                    widgets::MarkdownStyle style;
                    style.regular = theme_.body;
                    style.bold = theme_.bold;
                    style.heading = theme_.title;
                    style.min_target_px = theme_.target;
                    style.text_color = theme_.palette.text;
                    style.link_color = theme_.palette.accent;
                    style.emphasis_color = theme_.palette.warning;
                    style.pressed_color = theme_.palette.surface_pressed;
                    style.rule_color = theme_.palette.border;
                    style.code_background = theme_.palette.surface;
                    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
                    ImGui::BeginGroup();
                    ImGui::Dummy(ImVec2(width, 0));
                    const ImVec2 origin = ImGui::GetCursorScreenPos();
                    auto link = markdown_->draw(style);
                    // Each link a named target ("link.N"), so scripts can aim at it.
                    for (const widgets::MarkdownTarget& target : markdown_->link_targets())
                        touch_.add_target("link." + std::to_string(target.link),
                                          ImVec2(origin.x + target.min.x, origin.y + target.min.y),
                                          ImVec2(origin.x + target.max.x, origin.y + target.max.y));
                    ImGui::EndGroup();
                    ImGui::PopTextWrapPos();
                    if (!link) return std::nullopt;
                    if (link->internal) return TappedLink{link->item_id, {}};
                    return TappedLink{{}, link->target};
                };
            }
            if (qr_) {
                extras.draw_qr = [this](ImDrawList* draw, ImVec2 at, float side) {
                    widgets::draw_qr(draw, at, side, *qr_);
                };
            }
            if (!state_.offered_link.empty() && link_qr_text_ != state_.offered_link) {
                link_qr_text_ = state_.offered_link;
                link_qr_.reset();
                if (auto matrix = widgets::encode_qr(link_qr_text_); matrix)
                    link_qr_ = std::move(*matrix);
                need(link_qr_text_);
            }
            if (!state_.offered_link.empty() && link_qr_) {
                extras.draw_link_qr = [this](ImDrawList* draw, ImVec2 at, float side) {
                    widgets::draw_qr(draw, at, side, *link_qr_);
                };
            }
            draw_detail(ui, detail_.value, extras);
            return;
        }
    }
}

std::int64_t Kiosk::next_wake(std::int64_t now_ms) {
    std::int64_t wake = next_content_check_ms_;
    wake = std::min(wake, last_idle_.next_change_ms);
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
        if (state_.content_switch_pending && state_.route.screen == Screen::welcome)
            frames_to_render_ = std::max(frames_to_render_, 1);
    }
    if (frames_to_render_ > 0 || pointer_->pending() || touch_.animating()) return true;
    if (now_ms >= last_idle_.next_change_ms) return true;
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

double process_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int Kiosk::run_bench_scroll() {
    if (!content_) {
        std::fprintf(stderr, "guichet-kiosk: the scroll benchmark needs content\n");
        return 1;
    }
    apply_action(action::StartVisit{});
    apply_action(action::ChooseLanguage{ui_language()});
    const std::string& screen = options_.bench_scroll_screen;
    if (screen == "directory") {
        apply_action(action::Open{{Screen::directory, ""}});
    } else {
        // The area with the most items: the longest list, and its first article.
        std::string busiest;
        std::int64_t most = -1;
        if (auto tiles = content_->home(ui_language()))
            for (const HomeTile& tile : *tiles)
                if (auto header = content_->category(tile.category_id, ui_language());
                    header && !tile.opens_directory && header->total > most)
                    most = header->total, busiest = tile.category_id;
        if (screen == "list") {
            apply_action(action::Open{{Screen::category, busiest}});
        } else {
            auto rows = content_->category_rows(busiest, ui_language(), 0, 1);
            if (!rows || rows->empty()) return 1;
            apply_action(action::Open{{Screen::detail, rows->front().id}});
        }
    }
    for (int i = 0; i < 5; ++i) (void)frame();
    const float x = display_->width() * 0.5f, top = display_->height() * 0.3f;
    const float bottom = display_->height() * 0.85f;
    std::vector<double> costs;
    // The finger goes up the screen and back down, 25 px per frame, without lifting, so every
    // frame scrolls and nothing is idle.
    pointer_->push({display::PointerEvent::Kind::down, x, bottom, 0, true});
    float y = bottom, step = -25;
    for (int i = 0; i < options_.bench_scroll_frames + 10; ++i) {
        y += step;
        if (y < top || y > bottom) step = -step, y += 2 * step;
        pointer_->push({display::PointerEvent::Kind::move, x, y, 0, true});
        SDL_Event event;
        while (SDL_PollEvent(&event)) {
        }
        const double start = process_cpu_ms();
        (void)frame();
        if (i >= 10) costs.push_back(process_cpu_ms() - start);
    }
    std::sort(costs.begin(), costs.end());
    std::printf("scroll-frame-cpu-ms %.2f (%s, %zu frames, renderer %s)\n", costs[costs.size() / 2],
                screen.c_str(), costs.size(), display_->renderer_name().c_str());
    return 0;
}

int Kiosk::run_interactive() {
    bool running = true;
    bool first_frame_reported = false;
    // Under systemd the main loop itself feeds the watchdog, so a frozen UI gets restarted.
    service::ServiceNotifier service;
    const std::int64_t longest_sleep_ms =
        service.watchdog_interval_ms() > 0 ? service.watchdog_interval_ms() / 2 : 60'000;
    while (running) {
        const std::int64_t now_ms = now();
        service.alive(clock::monotonic_ms());
        const bool busy = frames_to_render_ > 0 || pointer_->pending() || touch_.animating();
        // Sleep in the kernel until input or the next timed change: no polling at rest.
        const int timeout = busy ? 0
                                 : static_cast<int>(std::min<std::int64_t>(
                                       next_wake(now_ms) - now_ms, longest_sleep_ms));
        SDL_Event event;
        const bool got =
            busy ? SDL_PollEvent(&event) : SDL_WaitEventTimeout(&event, std::max(timeout, 1));
        if (got) {
            do {
                if (event.type == SDL_QUIT) running = false;
                if (event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_ESCAPE &&
                    !options_.config.fullscreen)
                    running = false;
                if (event.type == SDL_WINDOWEVENT) {
                    display_->handle_resize();
                    frames_to_render_ = std::max(frames_to_render_, kFramesAfterChange);
                }
                if (auto pointer_event = display::translate_sdl_event(event, *display_))
                    pointer_->push(*pointer_event);
            } while (SDL_PollEvent(&event));
        }
        if (!wants_frame(now())) continue;
        if (auto drawn = frame(); !drawn) log::error("kiosk", drawn.message());
        if (!first_frame_reported) {
            first_frame_reported = true;
            service.ready();
            if (options_.print_timing) {
                std::printf("guichet-kiosk: first frame presented\n");
                std::fflush(stdout);
            }
            if (options_.bench_scroll_frames > 0) return run_bench_scroll();
        }
        if (options_.max_frames > 0 && frames_drawn_ >= options_.max_frames) running = false;
        if (state_.staff.exit_requested) {
            log::info("kiosk", "staff asked to leave to the desktop");
            service.stopping();
            return kExitToDesktop;
        }
    }
    service.stopping();
    return 0;
}

// ---------- scripted input ----------

Result<void> Kiosk::settle() {
    for (int i = 0; i < 2000; ++i) {
        if (!(frames_to_render_ > 0 || pointer_->pending() || touch_.animating())) return {};
        clock_ms_ += kFrameMs;
        if (auto drawn = frame(); !drawn) return drawn;
    }
    return make_error("the kiosk did not settle within 2000 frames (frames to render " +
                      std::to_string(frames_to_render_) + ", input pending " +
                      std::to_string(pointer_->pending()) + ", gliding " +
                      std::to_string(touch_.animating()) + ", fonts rebuilt " +
                      std::to_string(font_builds_) + " times, last action index " +
                      std::to_string(last_action_index_) + ")");
}

Result<void> Kiosk::tap(float x, float y) {
    if (auto ok = settle(); !ok) return ok;
    pointer_->push({display::PointerEvent::Kind::down, x, y, 0, true});
    for (int i = 0; i < 3; ++i) {  // position, press, hold
        clock_ms_ += kFrameMs;
        if (auto drawn = frame(); !drawn) return drawn;
    }
    pointer_->push({display::PointerEvent::Kind::up, x, y, 0, true});
    clock_ms_ += kFrameMs;
    if (auto drawn = frame(); !drawn) return drawn;
    return settle();
}

Result<void> Kiosk::tap_target(const std::string& name, const std::string& where) {
    if (auto ok = settle(); !ok) return ok;
    auto center = touch_.target_center(name);
    if (!center) {
        std::string known;
        int shown = 0;
        for (const auto& [target, rect] : touch_.targets()) {
            if (shown++ == 40) {
                known += " …";
                break;
            }
            known += " @" + target;
        }
        return make_error(where + "no target @" + name + " on the " +
                          to_string(state_.route.screen) + " screen; targets:" + known);
    }
    return tap(center->x, center->y);
}

Result<void> Kiosk::drag(float x1, float y1, float x2, float y2, int ms) {
    if (auto ok = settle(); !ok) return ok;
    pointer_->push({display::PointerEvent::Kind::down, x1, y1, 0, true});
    for (int i = 0; i < 2; ++i) {
        clock_ms_ += kFrameMs;
        if (auto drawn = frame(); !drawn) return drawn;
    }
    const int steps = std::max(1, ms / static_cast<int>(kFrameMs));
    for (int i = 1; i <= steps; ++i) {
        const float t = static_cast<float>(i) / steps;
        pointer_->push(
            {display::PointerEvent::Kind::move, x1 + (x2 - x1) * t, y1 + (y2 - y1) * t, 0, true});
        clock_ms_ += kFrameMs;
        if (auto drawn = frame(); !drawn) return drawn;
    }
    pointer_->push({display::PointerEvent::Kind::up, x2, y2, 0, true});
    clock_ms_ += kFrameMs;
    if (auto drawn = frame(); !drawn) return drawn;
    return settle();
}

Result<void> Kiosk::wait(std::int64_t ms) {
    const std::int64_t until = clock_ms_ + ms;
    while (clock_ms_ < until) {
        if (auto ok = settle(); !ok) return ok;
        clock_ms_ = std::min(until, std::max(clock_ms_ + 1, next_wake(clock_ms_)));
        if (wants_frame(clock_ms_)) {
            if (auto drawn = frame(); !drawn) return drawn;
        }
    }
    return settle();
}

Result<void> Kiosk::type(const std::string& text, const std::string& where) {
    // The keyboard on screen: the visitor's, or the one of the notice language staff type in.
    const KeyboardLayout& layout =
        keyboard_for(state_.route.screen == Screen::staff && !state_.staff.edit_language.empty()
                         ? state_.staff.edit_language
                         : ui_language());
    for (const std::string& character : split_code_points(text)) {
        if (!layout_has_key(layout, character))
            return make_error(where + "'" + character + "' is not a key of the " + layout.language +
                              " keyboard");
        const std::string target = character == " " ? "key.space" : "key." + character;
        if (auto tapped = tap_target(target, where); !tapped) return tapped;
    }
    return {};
}

Result<void> Kiosk::screenshot(const std::string& name) {
    if (auto ok = settle(); !ok) return ok;
    if (auto dir = paths::ensure_dir(options_.screenshots_dir); !dir) return dir.error();
    const auto file = options_.screenshots_dir / (name + ".png");
    return frame(&file);
}

nlohmann::json Kiosk::state_json() const {
    nlohmann::json scroll = nlohmann::json::object();
    double scroll_total = 0;
    for (const auto& [key, offset] : state_.scroll) {
        scroll[key] = std::lround(offset);
        scroll_total += offset;
    }
    nlohmann::json history = nlohmann::json::array();
    for (const Route& route : state_.history)
        history.push_back(std::string(to_string(route.screen)) +
                          (route.id.empty() ? "" : "/" + route.id));
    // Where each touch target is (centre, logical pixels), so tests can aim real input.
    nlohmann::json targets = nlohmann::json::object();
    for (const auto& [name, rect] : touch_.targets())
        targets[name] = {std::lround((rect.x + rect.z) / 2), std::lround((rect.y + rect.w) / 2)};
    std::size_t results = 0;
    if (search_.valid)
        for (const SearchGroup& group : search_.value) results += group.rows.size();
    nlohmann::json json = {
        {"screen", to_string(state_.route.screen)},
        {"id", state_.route.id},
        {"language", state_.language},
        {"ui_language", ui_language()},
        {"search", state_.search_text},
        {"history", history},
        {"history_depth", state_.history.size()},
        {"scroll", scroll},
        {"scroll_total", std::lround(scroll_total)},
        {"large_text", state_.large_text},
        {"high_contrast", state_.high_contrast},
        {"qr_open", state_.qr_open},
        {"offered_link", state_.offered_link},
        {"filter_country", state_.directory_filter.country},
        {"filter_city", state_.directory_filter.city},
        {"filter_kind", state_.directory_filter.kind},
        {"filter_service", state_.directory_filter.service},
        {"filter_language", state_.directory_filter.spoken_language},
        {"filter_picker_open", state_.filter_picker_open},
        {"countdown", last_idle_.counting_down ? last_idle_.seconds_left : 0},
        {"content_version", content_ ? content_->version() : ""},
        {"content_generation", state_.content_generation},
        {"content_switch_pending", state_.content_switch_pending},
        {"results", results},
        {"list_total", state_.route.screen == Screen::directory ? directory_.value.header.total
                                                                : list_.value.total},
        {"detail_type",
         state_.route.screen == Screen::detail && detail_.valid ? detail_.value.type : ""},
        {"detail_fell_back",
         state_.route.screen == Screen::detail && detail_.valid && detail_.value.fell_back},
        {"frames", frames_drawn_},
        {"targets_under_9mm", touch_.small_targets().size()},
        {"targets", targets},
        {"small_targets", touch_.small_targets()},
        {"font_glyphs", fonts_.atlas.stats().glyphs},
        {"font_builds", font_builds_},
        {"renderer", display_->renderer_name()},
        {"stale_note", stale_note(ui_language())},
        {"sync_running", sync_runner_ && sync_runner_->activity().running},
        {"sync_attempts", sync_runner_ ? sync_runner_->attempts_finished() : 0},
        {"sync_last_result", sync_runner_ && sync_runner_->last_status()
                                 ? sync::to_string(sync_runner_->last_status()->result)
                                 : ""},
    };
    staff_json(json);
    return json;
}

void Kiosk::staff_json(nlohmann::json& json) const {
    const StaffState& staff = state_.staff;
    json["staff_page"] = to_string(staff.page);
    json["staff_pin_digits"] = staff.pin_entry.size();
    json["staff_locked_s"] =
        staff.locked_until_ms > now() ? (staff.locked_until_ms - now() + 999) / 1000 : 0;
    json["staff_message"] = staff.message;
    json["staff_draft_language"] = staff.edit_language;
    json["staff_draft_title"] =
        staff.draft && staff.draft->title.contains(staff.edit_language)
            ? staff.draft->title.at(staff.edit_language)
            : "";
    json["staff_draft_dates"] =
        staff.draft ? staff.draft->start_day + ".." + staff.draft->end_day : "";
    json["staff_settings_idle"] = staff.settings ? staff.settings->idle_timeout_seconds : 0;
    json["today"] = clock::local_day(wall_now());
    json["config_problem"] = staff_->config_problem();
    json["idle_timeout"] = options_.config.idle_timeout_seconds;
    json["rotation"] = options_.config.rotation;
    json["default_language"] = options_.config.default_language;
    std::size_t pinned = 0;
    for (const NoticeCard& card : notices_.value) pinned += card.pinned;
    json["notices_shown"] = notices_.valid ? notices_.value.size() : 0;
    json["notice_language"] = "";
    json["notice_fell_back"] = false;
    if (state_.route.screen == Screen::notices && notices_.valid)
        for (const NoticeCard& card : notices_.value)
            if (std::to_string(card.id) == state_.route.id) {
                json["notice_language"] = card.shown_language;
                json["notice_fell_back"] = card.fell_back;
            }
    json["pinned_shown"] = pinned;
}

std::string Kiosk::state_value(const std::string& key) const {
    const nlohmann::json all = state_json();
    const nlohmann::json* value = nullptr;
    if (key.starts_with("scroll.")) {
        auto found = all["scroll"].find(key.substr(7));
        static const nlohmann::json zero = 0;
        value = found == all["scroll"].end() ? &zero : &*found;
    } else if (all.contains(key)) {
        value = &all[key];
    } else {
        return "<unknown key>";
    }
    if (value->is_string()) return value->get<std::string>();
    if (value->is_array()) {
        std::string joined;
        for (const auto& item : *value)
            joined += (joined.empty() ? "" : ",") + item.get<std::string>();
        return joined;
    }
    return value->dump();
}

Result<void> Kiosk::dump_state(const std::filesystem::path& file) const {
    std::ofstream out(file);
    if (!out) return make_error(file.string() + ": cannot write the state dump");
    out << state_json().dump(2) << "\n";
    return {};
}

int Kiosk::run_script(const std::vector<ScriptCommand>& commands, const std::string& script_name) {
    if (auto ok = settle(); !ok) {
        std::fprintf(stderr, "guichet-kiosk: %s\n", ok.message().c_str());
        return 1;
    }
    for (const ScriptCommand& command : commands) {
        const std::string where = script_name + ":" + std::to_string(command.line) + ": ";
        Result<void> done;
        switch (command.kind) {
            case ScriptCommand::Kind::tap:
                done = tap(command.x1, command.y1);
                break;
            case ScriptCommand::Kind::tap_target:
                done = tap_target(command.text, where);
                break;
            case ScriptCommand::Kind::drag:
                done = drag(command.x1, command.y1, command.x2, command.y2, command.ms);
                break;
            case ScriptCommand::Kind::type:
                done = type(command.text, where);
                break;
            case ScriptCommand::Kind::wait:
                done = wait(command.ms);
                break;
            case ScriptCommand::Kind::screenshot:
                done = screenshot(command.text);
                break;
            case ScriptCommand::Kind::expect: {
                if (auto ok = settle(); !ok) {
                    done = ok;
                    break;
                }
                const std::string actual = state_value(command.text);
                // "!VALUE": anything but VALUE (a scroll that moved, a non-empty result list).
                const bool negated = command.value.starts_with("!");
                const std::string wanted = negated ? command.value.substr(1) : command.value;
                if ((actual == wanted) == negated)
                    done = make_error(where + "expected " + command.text +
                                      (negated ? " != '" : " = '") + wanted + "', got '" + actual +
                                      "'");
                break;
            }
            case ScriptCommand::Kind::sync_now:
                done = sync_now(where);
                break;
            case ScriptCommand::Kind::replace_content: {
                // What sync does: a complete new file renamed over the old one.
                std::filesystem::path source = command.text;
                if (source.is_relative() && options_.script)
                    source = options_.script->parent_path() / source;
                const auto temporary = content_path_.string() + ".incoming";
                std::error_code ec;
                std::filesystem::copy_file(source, temporary,
                                           std::filesystem::copy_options::overwrite_existing, ec);
                if (!ec) std::filesystem::rename(temporary, content_path_, ec);
                if (ec)
                    done = make_error(where + "cannot replace the content with " + source.string() +
                                      ": " + ec.message());
                break;
            }
        }
        if (!done) {
            std::fprintf(stderr, "guichet-kiosk: %s\n", done.message().c_str());
            if (options_.dump_state) (void)dump_state(*options_.dump_state);
            return 1;
        }
        if (state_.staff.exit_requested) {
            if (options_.dump_state) (void)dump_state(*options_.dump_state);
            return kExitToDesktop;
        }
    }
    return 0;
}

// The headless fallback with no script: a walk through the main screens, as screenshots.
int Kiosk::run_tour() {
    auto step = [&](Result<void> result) {
        if (!result) std::fprintf(stderr, "guichet-kiosk: %s\n", result.message().c_str());
        return result.ok();
    };
    if (!step(settle()) || !step(screenshot("welcome")) || !step(tap_target("welcome", "")) ||
        !step(screenshot("language")))
        return 1;
    const std::string language = ui_language();
    if (!step(tap_target("lang." + language, "")) || !step(screenshot("home"))) return 1;
    if (!content_) return 0;
    std::string category, directory_tile;
    for (const HomeTile& tile : home_.value) {
        if (tile.opens_directory && directory_tile.empty()) directory_tile = tile.category_id;
        if (!tile.opens_directory && category.empty()) category = tile.category_id;
    }
    if (!category.empty()) {
        if (!step(tap_target("tile." + category, "")) || !step(screenshot("list"))) return 1;
        if (touch_.target_center("row.0")) {
            if (!step(tap_target("row.0", "")) || !step(screenshot("detail"))) return 1;
        }
        if (!step(tap_target("home", ""))) return 1;
    }
    if (!directory_tile.empty()) {
        if (!step(tap_target("tile." + directory_tile, "")) || !step(screenshot("directory")) ||
            !step(tap_target("home", "")))
            return 1;
    }
    if (!step(tap_target("search", ""))) return 1;
    // A word from the content itself, typed on the on-screen keyboard.
    std::string word;
    const KeyboardLayout& layout = keyboard_for(language);
    for (const HomeTile& tile : home_.value) {
        std::string candidate;
        for (const std::string& character : split_code_points(tile.title + " ")) {
            std::string lower = character;
            if (lower.size() == 1) lower[0] = static_cast<char>(std::tolower(lower[0]));
            if (character != " " && layout_has_key(layout, lower)) {
                candidate += lower;
            } else {
                if (candidate.size() >= 5) break;
                candidate.clear();
            }
        }
        if (candidate.size() >= 5) {
            word = candidate;
            break;
        }
    }
    if (!word.empty() && !step(type(word, ""))) return 1;
    if (!step(screenshot("search"))) return 1;
    return 0;
}

}  // namespace

int run_kiosk(const RunOptions& options) {
    Kiosk kiosk(options);
    if (options.announce_headless)
        std::printf("guichet-kiosk: no display available; running headless, screenshots in %s\n",
                    options.screenshots_dir.c_str());
    if (auto started = kiosk.start(); !started) {
        std::fprintf(stderr, "guichet-kiosk: %s\n", started.message().c_str());
        return 1;
    }
    int code = 0;
    if (options.script) {
        auto commands = load_script(*options.script);
        if (!commands) {
            std::fprintf(stderr, "guichet-kiosk: %s\n", commands.message().c_str());
            return 2;
        }
        code = kiosk.run_script(*commands, options.script->string());
    } else if (options.headless) {
        code = kiosk.run_tour();
        if (code == 0)
            std::printf("guichet-kiosk: wrote screenshots of the main screens into %s\n",
                        options.screenshots_dir.c_str());
    } else {
        code = kiosk.run_interactive();
    }
    if (options.dump_state && code == 0) {
        if (auto dumped = kiosk.dump_state(*options.dump_state); !dumped) {
            std::fprintf(stderr, "guichet-kiosk: %s\n", dumped.message().c_str());
            return 1;
        }
    }
    return code;
}

}  // namespace guichet::kiosk
