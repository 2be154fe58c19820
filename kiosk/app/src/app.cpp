// SPDX-License-Identifier: GPL-3.0-or-later
#include "app.h"

#include <SDL.h>

#include <algorithm>
#include <cstdio>

#include "kiosk.h"
#include "kiosk/keyboard.h"
#include "kiosk/ui_strings.h"
#include "platform/clock.h"
#include "platform/log.h"
#include "platform/paths.h"
#include "platform/service.h"

namespace guichet::kiosk {
namespace {

constexpr std::int64_t kFreshnessCheckMs = 60'000;
constexpr std::int64_t kClockStartMs = 1'000'000;  // any fixed start: only differences matter

}  // namespace

Kiosk::Kiosk(RunOptions options)
    : options_(std::move(options)),
      state_dir_(options_.config.state_dir.empty() ? paths::default_state_dir()
                                                   : options_.config.state_dir),
      content_(options_.config.content, state_dir_),
      visitor_([this](std::string_view text) { need(text); }),
      alerts_(state_dir_) {}

std::int64_t Kiosk::now() const {
    return virtual_clock_ ? clock_ms_ : clock::monotonic_ms();
}

std::int64_t Kiosk::wall_now() const {
    return wall_at_start_s_ + (now() - kClockStartMs) / 1000;
}

std::string Kiosk::ui_language() const {
    if (!state_.language.empty()) return state_.language;
    if (!options_.config.default_language.empty()) return options_.config.default_language;
    if (content_.get() && !content_.get()->base_language().empty())
        return content_.get()->base_language();
    return "es";
}

std::vector<LanguageChoice> Kiosk::offered_languages() const {
    std::vector<LanguageChoice> offered;
    const ContentAdapter* content = content_.get();
    if (!content) {
        for (const std::string& code : ui_languages()) offered.push_back({code, code, {}});
        return offered;
    }
    for (const LanguageChoice& language : content->languages()) {
        const auto& wanted = options_.config.languages;
        if (wanted.empty() ||
            std::find(wanted.begin(), wanted.end(), language.code) != wanted.end())
            offered.push_back(language);
    }
    return offered.empty() ? content->languages() : offered;
}

void Kiosk::refresh_freshness() {
    next_freshness_check_ms_ = now() + kFreshnessCheckMs;
    std::vector<std::string> languages = ui_languages();
    for (const LanguageChoice& language : offered_languages()) languages.push_back(language.code);
    const ContentAdapter* content = content_.get();
    const auto fallback = [content](const std::string& language) {
        return content ? content->fallback_chain(language) : std::vector<std::string>{};
    };
    if (!stale_.refresh(sync_runner_.get(), state_dir_, languages, fallback)) return;
    for (const std::string& language : languages) need(stale_.note(language));
    frames_to_render_ = std::max(frames_to_render_, 1);
}

void Kiosk::need(std::string_view text) {
    if (need_text(fonts_, text)) fonts_dirty_ = true;
}

Result<void> Kiosk::start() {
    virtual_clock_ = options_.headless;
    clock_ms_ = kClockStartMs;
    // Headless tests may fix the wall clock (opening hours then read the same every run).
    const std::int64_t wall_start = options_.headless && options_.config.clock_start > 0
                                        ? options_.config.clock_start
                                        : clock::wall_seconds();
    wall_at_start_s_ = wall_start - (now() - kClockStartMs) / 1000;
    visitor_.configure_place(options_.config.location, options_.config.location_city,
                             [this] { return wall_now(); });
    staff_ = std::make_unique<StaffController>(
        state_dir_, options_.config_file, options_.config_problem, [this] { return wall_now(); });

    display::DisplayOptions display_options;
    display_options.width = options_.width;
    display_options.height = options_.height;
    display_options.headless = options_.headless;
    display_options.rasterize_only_screenshots = options_.rasterize_only_screenshots;
    display_options.fullscreen = options_.config.fullscreen && !options_.headless;
    display_options.hide_cursor = display_options.fullscreen;
    display_options.rotation = options_.config.rotation;
    display_options.dpi = static_cast<float>(options_.config.dpi);
    display_options.renderer =
        options_.config.renderer == "software" ? display::RendererChoice::software
        : options_.config.renderer == "opengl" ? display::RendererChoice::opengl
                                               : display::RendererChoice::automatic;
    display_options.backend =
        options_.config.display_backend == "drm"   ? display::DisplayBackend::drm
        : options_.config.display_backend == "sdl" ? display::DisplayBackend::sdl
                                                   : display::DisplayBackend::automatic;
    auto display = display::Display::open(display_options);
    if (!display) return display.error();
    display_ = std::move(*display);
    log::info("kiosk", "renderer " + display_->renderer_name() + " (" +
                           display_->renderer_reason() + "), " + std::to_string(display_->width()) +
                           "x" + std::to_string(display_->height()) + ", " +
                           std::to_string(static_cast<int>(display_->dpi())) + " dpi");

    if (auto opened = content_.open(); !opened) log::error("kiosk", opened.message());
    if (content_.get())
        for (const LanguageChoice& language : content_.get()->languages())
            need(language.native_name);
    // The runner's thread wakes the event loop with an SDL user event (SDL_PushEvent is
    // thread-safe); scripted runs poll the flag instead.
    if (!options_.headless &&
        (!options_.config.sync_config.empty() || std::filesystem::exists(state_dir_ / "sync.conf")))
        sync_event_type_ = SDL_RegisterEvents(1);
    sync_runner_ = start_background_sync(
        options_.config.sync_config, state_dir_, content_.from_sync(), [this] {
            sync_woke_ = true;
            if (sync_event_type_ != 0 && sync_event_type_ != static_cast<Uint32>(-1)) {
                SDL_Event event{};
                event.type = sync_event_type_;
                SDL_PushEvent(&event);
            }
        });
    // Map tiles and pictures decode on threads of their own, which wake the loop the way
    // sync's does.
    if (!options_.headless) decoded_event_type_ = SDL_RegisterEvents(1);
    const auto wake_decoded = [this] {
        decoded_woke_ = true;
        if (decoded_event_type_ != 0 && decoded_event_type_ != static_cast<std::uint32_t>(-1)) {
            SDL_Event event{};
            event.type = decoded_event_type_;
            SDL_PushEvent(&event);
        }
    };
    map_ = std::make_unique<MapPresenter>(display_->renderer(), wake_decoded, options_.headless);
    visitor_.set_map(map_.get());
    pictures_ = std::make_unique<PictureCache>(display_->renderer(), wake_decoded, options_.headless);
    visitor_.set_pictures(pictures_.get());
    refresh_freshness();
    refresh_alerts();
    start_speech();
    // The UI's own words in every language, so switching language never waits for glyphs,
    // and the marks the screens put between words.
    need(" · … % ▲▼");
    need("—→✓−°|");  // staff mode's marks
    for (const std::string_view key : ui_string_keys())
        for (const std::string& language : ui_languages()) need(tr(key, language));
    // Every keyboard a visitor may get: the UI's languages' and the content's (Arabic).
    std::vector<std::string> keyboards = ui_languages();
    if (content_.get())
        for (const LanguageChoice& language : content_.get()->languages())
            keyboards.push_back(language.code);
    for (const std::string& language : keyboards)
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

int Kiosk::run_interactive() {
    bool running = true;
    bool first_frame_reported = false;
    // Under systemd the main loop itself feeds the watchdog, so a frozen UI gets restarted. It
    // wakes four times an interval: the notifier pings at most twice an interval, so a loop
    // waking every half interval that woke a moment early skipped a ping and left a gap of a
    // whole interval (4.04 s of 4 in the fresh-clone CI's watchdog e2e, the machine loaded).
    service::ServiceNotifier service;
    const std::int64_t longest_sleep_ms =
        service.watchdog_interval_ms() > 0 ? service.watchdog_interval_ms() / 4 : 60'000;
    while (running) {
        const std::int64_t now_ms = now();
        service.alive(clock::monotonic_ms());
        const bool is_busy = busy();
        // Sleep in the kernel until input or the next timed change: no polling at rest.
        const int timeout = is_busy ? 0
                                    : static_cast<int>(std::min<std::int64_t>(
                                          next_wake(now_ms) - now_ms, longest_sleep_ms));
        SDL_Event event;
        const bool got =
            is_busy ? SDL_PollEvent(&event) : display_->wait_event(event, std::max(timeout, 1));
        if (got) {
            do {
                if (event.type == SDL_QUIT) running = false;
                if (event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_ESCAPE &&
                    !options_.config.fullscreen)
                    running = false;
                if (event.type == SDL_WINDOWEVENT || event.type == SDL_DISPLAYEVENT) {
                    display_->handle_resize();
                    frames_to_render_ = std::max(frames_to_render_, kFramesAfterChange);
                }
                if (event.type == SDL_KEYDOWN && !event.key.repeat)
                    key(SDL_GetKeyName(event.key.keysym.sym));
                if (event.type == SDL_AUDIODEVICEADDED && !event.adevice.iscapture)
                    audio_output_added();
                if (auto pointer_event = display::translate_sdl_event(event, *display_))
                    pointer_->push(*pointer_event);
            } while (SDL_PollEvent(&event));
        }
        // On the DRM display, input comes from /dev/input rather than from SDL.
        drm_pointer_.clear();
        drm_keys_.clear();
        display_->take_input(drm_pointer_, drm_keys_);
        for (const display::PointerEvent& pointer_event : drm_pointer_)
            pointer_->push(pointer_event);
        for (const std::string& name : drm_keys_) key(name);
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

int run_kiosk(const RunOptions& options) {
    Kiosk kiosk(options);
    if (options.announce_headless)
        std::printf("guichet-kiosk: no display available; running headless, screenshots in %s\n",
                    options.screenshots_dir.c_str());
    if (auto started = kiosk.start(); !started) {
        std::fprintf(stderr, "guichet-kiosk: %s\n", started.message().c_str());
        return 1;
    }
    ScriptRunner runner(kiosk, {options.screenshots_dir, options.script, options.dump_state},
                        kExitToDesktop);
    int code = 0;
    if (options.script) {
        auto commands = load_script(*options.script);
        if (!commands) {
            std::fprintf(stderr, "guichet-kiosk: %s\n", commands.message().c_str());
            return 2;
        }
        code = runner.run(*commands, options.script->string());
    } else if (options.headless) {
        code = runner.tour();
        if (code == 0)
            std::printf("guichet-kiosk: wrote screenshots of the main screens into %s\n",
                        options.screenshots_dir.c_str());
    } else {
        code = kiosk.run_interactive();
    }
    if (options.dump_state && code == 0) {
        if (auto dumped = write_state_dump(*options.dump_state, kiosk.dump()); !dumped) {
            std::fprintf(stderr, "guichet-kiosk: %s\n", dumped.message().c_str());
            return 1;
        }
    }
    return code;
}

}  // namespace guichet::kiosk
