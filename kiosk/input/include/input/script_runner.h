// SPDX-License-Identifier: GPL-3.0-or-later
// Plays scripted input (script.h) or the headless tour against a running kiosk, through the
// same pointer path as a finger and on the kiosk's virtual clock. The kiosk is seen only as a
// ScriptTarget, which the main loop implements: no SDL, no screens here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "input/script.h"
#include "input/state_dump.h"
#include "kiosk/state.h"
#include "kiosk/view_models.h"
#include "platform/result.h"

namespace guichet::kiosk {

// What a script can do to the kiosk, and see of it.
class ScriptTarget {
  public:
    enum class Press { down, move, up };
    virtual ~ScriptTarget() = default;

    // The kiosk's (virtual) clock, in milliseconds.
    virtual std::int64_t clock_ms() const = 0;
    virtual void set_clock_ms(std::int64_t ms) = 0;
    // Draws one frame at the current clock; into `screenshot` (a PNG) when given.
    virtual Result<void> frame(const std::filesystem::path* screenshot = nullptr) = 0;
    // Frames are still owed: a change settling, input queued, a scroll gliding.
    virtual bool busy() const = 0;
    // Why the kiosk is still busy, for the error when it never settles.
    virtual std::string busy_report() const = 0;
    // When the kiosk next needs a frame without input, and whether it wants one now.
    virtual std::int64_t next_wake(std::int64_t now_ms) = 0;
    virtual bool wants_frame(std::int64_t now_ms) = 0;
    // A finger (or the mouse) at a point in logical pixels.
    // `finger` tells fingers apart (0: the one a tap or drag uses; a pinch adds another).
    virtual void press(Press what, float x, float y, int finger) = 0;
    // The centre of a named touch target drawn in the last frame, and every name drawn.
    virtual std::optional<std::pair<float, float>> target_center(const std::string& name) const = 0;
    virtual std::vector<std::string> target_names() const = 0;
    // For a target scrolled out of sight in a scroll region, or not drawn at all while a
    // region can still scroll down: a finger's drag (x1, y1, x2, y2, logical px) inside the
    // region that brings it closer; nothing when there is none.
    struct Drag {
        float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    };
    virtual std::optional<Drag> drag_toward(const std::string& name) const = 0;
    // For a target folded into a menu (the top bar's "More"): the target that opens it.
    virtual std::optional<std::string> opener_of(const std::string& /*name*/) const {
        return std::nullopt;
    }

    virtual const KioskState& state() const = 0;
    virtual std::string ui_language() const = 0;
    virtual StateDump dump() const = 0;
    // Asks the background sync for an attempt and waits, in real time, until it ends.
    virtual Result<void> sync_now(const std::string& where) = 0;
    // The content store's file ("" without content), and the home screen's tiles.
    virtual std::filesystem::path content_path() const = 0;
    virtual bool has_content() const = 0;
    virtual std::vector<HomeTile> home_tiles() const = 0;
    // A key pressed (an SDL key name: "F9", "Tab", "Return"), for speech mode's keys.
    virtual void key(const std::string& /*name*/) {}
    // The board reported a sound output plugged in (headphones): start-with-speech.
    virtual void audio_output_added() {}
};

class ScriptRunner {
  public:
    struct Paths {
        std::filesystem::path screenshots_dir;
        std::optional<std::filesystem::path> script;      // relative replace-content files
        std::optional<std::filesystem::path> dump_state;  // written when a script fails or exits
    };
    // The exit code of a script that ended with staff's "Exit to the desktop".
    ScriptRunner(ScriptTarget& kiosk, Paths paths, int exit_code_on_exit)
        : kiosk_(kiosk), paths_(std::move(paths)), exit_code_on_exit_(exit_code_on_exit) {}

    // Runs every command; returns the exit code (0, 1 on the first failing command).
    int run(const std::vector<ScriptCommand>& commands, const std::string& script_name);
    // The headless fallback with no script: a walk through the main screens, as screenshots.
    int tour();

    Result<void> settle();
    Result<void> tap(float x, float y);
    Result<void> tap_target(const std::string& name, const std::string& where);
    Result<void> drag(float x1, float y1, float x2, float y2, int ms);
    Result<void> pinch(float x, float y, float from, float to, int ms);
    Result<void> wait(std::int64_t ms);
    Result<void> type(const std::string& text, const std::string& where);
    Result<void> screenshot(const std::string& name);

  private:
    Result<void> step();  // one frame's worth of virtual time, then a frame
    Result<void> run_one(const ScriptCommand& command, const std::string& where);

    ScriptTarget& kiosk_;
    Paths paths_;
    int exit_code_on_exit_;
};

}  // namespace guichet::kiosk
