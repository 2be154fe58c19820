// SPDX-License-Identifier: GPL-3.0-or-later
// The main loop's one object: it owns the display, the state and the rooms' pieces, turns
// input into actions, draws the current screen only when something changed, resets idle
// visits and switches content when nobody is using the kiosk. Scripts and the tour drive it
// as a ScriptTarget (input/); everything else it hands to the rooms.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app.h"
#include "input/script_runner.h"
#include "kiosk/actions.h"
#include "kiosk/state.h"
#include "platform/display/display.h"
#include "platform/display/pointer.h"
#include "providers/alert_board.h"
#include "providers/background_sync.h"
#include "providers/content_source.h"
#include "speech/speaker.h"
#include "staff/staff_mode.h"
#include "visitor_presenter.h"
#include "widgets/theme.h"
#include "widgets/touch_ui.h"

namespace guichet::kiosk {

// Frames drawn after each change, so popups and layout settle (imgui#3220, #2749).
inline constexpr int kFramesAfterChange = 3;
// How often the main loop looks for a new content store on disk.
inline constexpr std::int64_t kContentCheckMs = 2000;

class Kiosk final : public ScriptTarget {
  public:
    explicit Kiosk(RunOptions options);
    Result<void> start();
    int run_interactive();
    // --bench-scroll (bench_scroll.cpp): drag-scrolls one screen, prints the CPU per frame.
    int run_bench_scroll();
    int run_bench_map();

    // What scripts drive (input/script_runner.h).
    std::int64_t clock_ms() const override { return clock_ms_; }
    void set_clock_ms(std::int64_t ms) override { clock_ms_ = ms; }
    Result<void> frame(const std::filesystem::path* screenshot = nullptr) override;
    bool busy() const override;
    std::string busy_report() const override;
    std::int64_t next_wake(std::int64_t now_ms) override;
    bool wants_frame(std::int64_t now_ms) override;
    void press(Press what, float x, float y, int finger) override;
    std::optional<std::pair<float, float>> target_center(const std::string& name) const override;
    std::optional<Drag> drag_toward(const std::string& name) const override;
    std::optional<std::string> opener_of(const std::string& name) const override;
    std::vector<std::string> target_names() const override;
    const KioskState& state() const override { return state_; }
    std::string ui_language() const override;
    StateDump dump() const override;
    Result<void> sync_now(const std::string& where) override;
    std::filesystem::path content_path() const override { return content_.path(); }
    bool has_content() const override { return content_.get() != nullptr; }
    std::vector<HomeTile> home_tiles() const override { return visitor_.home_tiles(); }
    void key(const std::string& name) override;
    void audio_output_added() override;

  private:
    std::int64_t now() const;
    std::int64_t wall_now() const;
    void apply_action(const Action& action);
    void check_content();
    void switch_content_if_allowed();
    void refresh_freshness();
    void draw_current(const Ui& ui);
    void draw_staff_mode(const Ui& ui);
    std::vector<LanguageChoice> offered_languages() const;
    void need(std::string_view text);
    // The hidden entry: a finger held still on the welcome screen's staff corner.
    void notice_staff_hold(std::int64_t now_ms);

    RunOptions options_;
    std::filesystem::path state_dir_;
    std::unique_ptr<display::Display> display_;
    std::unique_ptr<display::Pointer> pointer_;
    // The DRM display's input of one loop turn (kept to reuse their storage).
    std::vector<display::PointerEvent> drm_pointer_;
    std::vector<std::string> drm_keys_;
    TouchUi touch_;
    Theme theme_;
    FontSystem fonts_;
    bool fonts_dirty_ = true;
    bool theme_large_ = false, theme_contrast_ = false;
    KioskState state_;
    std::vector<Action> actions_;
    ContentSource content_;
    VisitorPresenter visitor_;
    // Set by the tile loader's and picture decoder's threads: declared before them, so it
    // outlives them.
    std::atomic<bool> decoded_woke_{false};
    std::uint32_t decoded_event_type_ = 0;
    std::unique_ptr<MapPresenter> map_;
    std::unique_ptr<PictureCache> pictures_;
    bool virtual_clock_ = false;
    std::int64_t clock_ms_ = 0;
    std::int64_t wall_at_start_s_ = 0;
    std::int64_t last_frame_ms_ = 0;
    std::int64_t next_content_check_ms_ = 0;
    std::int64_t next_freshness_check_ms_ = 0;
    int frames_to_render_ = kFramesAfterChange;
    IdleStatus last_idle_;
    std::int64_t last_welcome_cycle_ = -1;
    std::int64_t frames_drawn_ = 0;
    int font_builds_ = 0;
    int last_action_index_ = -1;
    StaleNotes stale_;
    // Fleet alerts: re-read with the content check; `alerts_shown_` is what the last frame
    // showed (ids), so an alert's start or end redraws the screen with no network.
    AlertBoard alerts_;
    std::string alerts_shown_;
    std::int64_t next_alert_change_s_ = 0;
    std::vector<AlertCard> alerts_for(const std::string& language) const;
    void refresh_alerts();
    std::string alert_ids_now() const;

    // Read aloud (speech.cpp): the speaker (its worker thread, the sink) is made at start when
    // speech is on; `reading_lines_` is what the current reading says, `spoken_focus_` the
    // one line speech mode's focus asks for.
    std::unique_ptr<speech::Speaker> speaker_;
    std::vector<SpokenLine> reading_lines_;
    std::optional<SpokenLine> spoken_focus_;
    std::int64_t next_speech_poll_ms_ = 0;
    // speech_on_headphones: when SDL's audio subsystem was started to watch for outputs (the
    // devices present then are announced as "added" too, and are not headphones plugged in).
    std::int64_t audio_watch_since_ms_ = -1;
    void start_speech();
    void sync_speech(const KioskState& before);
    void poll_speech(std::int64_t now_ms);
    std::optional<std::string> voice_of(std::string_view language) const;
    std::vector<SpokenLine> screen_speech() const;
    ListenView listen_view() const;
    // Speech mode's focus: the frame's targets in reading order (top to bottom, then along).
    std::vector<std::string> focus_order() const;
    void describe_speech(RunFacts& facts) const;

    // Staff mode (its one entry point), and the visit's usage counts.
    std::unique_ptr<StaffController> staff_;
    VisitTally tally_;
    bool was_held_ = false;
    std::int64_t held_since_ms_ = 0;

    std::atomic<bool> sync_woke_{false};
    std::uint32_t sync_event_type_ = 0;
    // Last: destroyed first, so its thread never calls back into a member already gone.
    std::unique_ptr<SyncRunner> sync_runner_;
};

}  // namespace guichet::kiosk
