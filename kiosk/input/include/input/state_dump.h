// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's state as JSON, for tests: `--dump-state FILE` and the script's `expect KEY VALUE`
// read it. The keys are defined here once; the main loop fills the facts KioskState does not
// hold (what the screens showed, the fonts, sync, settings).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/state.h"
#include "platform/result.h"

namespace guichet::kiosk {

// The frame as a finger meets it (the layout report): the screen, and every touch target in
// full with what the report judges of it. Filled by the main loop from the widgets' records.
struct LayoutTarget {
    std::string name;
    std::string label;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // full rectangle, logical px
    std::string region;                    // the scroll region holding it, "" when none
    bool text_cut = false;
};
struct LayoutRegion {
    std::string name;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
// A picture of an article's body as the last frame drew it (screen px, before scrolling
// clips it): the picture's rectangle, or the frame holding its alt text when it could not be
// shown; its caption (the alt text) and where the caption's lines are.
struct LayoutPicture {
    std::string source;
    std::string caption;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    float caption_x0 = 0, caption_y0 = 0, caption_x1 = 0, caption_y1 = 0;
    bool framed = false;
    bool loading = false;  // its box is laid out; its pixels are still decoding
};
struct LayoutFacts {
    int width = 0, height = 0;  // logical px (after rotation)
    float dpi = 96;
    int rotation = 0;
    bool right_to_left = false;
    float text_scale = 1;
    float body_px = 0;  // body text height the theme chose for this screen
    std::vector<LayoutTarget> targets;
    std::vector<LayoutRegion> regions;
    std::vector<std::string> cut_texts;
    float qr_module_px = 0;  // smallest QR module drawn (0: none); a phone wants 4 px or more
    std::vector<LayoutPicture> pictures;
};

// What the report says of one target.
struct TargetVerdict {
    float width_mm = 0, height_mm = 0;
    bool on_screen = false;  // all of it, or (in a scroll region) its region and its width
    bool under_9mm = false;
};
TargetVerdict judge_target(const LayoutFacts& layout, const LayoutTarget& target);

struct RunFacts {
    std::int64_t now_ms = 0;
    std::string ui_language;
    int countdown = 0;  // seconds left while the idle countdown shows, else 0
    std::string content_version;
    std::size_t results = 0;      // search results shown
    std::string search_corrected;  // search: the query as searched, when a word was corrected
    std::string first_result;      // search: the id of the first result shown
    std::int64_t list_total = 0;  // items of the list or directory shown
    std::string detail_type;      // of the item shown on the detail screen
    bool detail_fell_back = false;
    // The item shown: its title and each field (ui_strings key → value, several values of
    // one key joined by " | "), and what its take-away QR code carries.
    std::string detail_title;
    std::map<std::string, std::string> detail_fields;
    std::string detail_take_away;
    std::int64_t frames = 0;
    // The map: pins under the filters, tiles of the last frame with nothing there, textures held.
    int map_pins = 0;
    int map_missing_tiles = 0;
    int map_textures = 0;
    // Article pictures: textures held and their bytes (the cache's budget: picture_cache.h).
    int picture_textures = 0;
    std::int64_t picture_bytes = 0;
    // The statistics chart as the last frame drew it (widgets/chart.h): a tap target per year,
    // the years written under the axis, markers, the legend's words; or the table's rows.
    bool chart_shown = false;
    bool chart_table_shown = false;
    std::vector<int> chart_year_targets;
    std::vector<std::string> chart_year_labels;
    std::size_t chart_points = 0;
    std::string chart_heading;
    std::vector<std::string> chart_legend;
    std::vector<int> chart_table_years;
    std::vector<std::string> chart_table_rows;
    std::vector<std::string> map_arrows;  // "PROGRAMME:FROM>TO" of each arrow with a tap disc
    std::vector<std::string> map_labels;  // place names drawn
    // Where each touch target is (centre, logical pixels), so tests can aim real input.
    std::map<std::string, std::pair<long, long>> targets;
    std::vector<std::string> small_targets;  // under 9 mm
    LayoutFacts layout;
    int font_glyphs = 0;
    int font_builds = 0;
    std::string renderer;
    std::string stale_note;
    bool sync_running = false;
    std::int64_t sync_attempts = 0;
    std::string sync_last_result;
    // Staff mode and settings.
    std::string today;
    std::string config_problem;
    int idle_timeout = 0;
    int rotation = 0;
    std::string default_language;
    std::size_t notices_shown = 0;
    std::size_t pinned_shown = 0;
    std::string notice_language;  // of the notice open on the notices screen
    bool notice_fell_back = false;
    // Fleet alerts shown now (ids, most urgent first) and the titles in the UI language.
    std::vector<std::string> alerts;
    std::vector<std::string> alert_titles;
    // Read aloud: can this screen be heard, by which voice, through which sink, what is still
    // waiting (0 right after a stop), and every line spoken (text, voice, start, WAV file).
    bool speech_available = false;
    std::string speech_voice;
    std::string speech_caption;  // what the listen bar shows (the sentence heard, or its hint)
    std::string speech_sink;
    std::size_t speech_queued = 0;
    std::int64_t speech_first_sound_ms = -1;
    std::int64_t speech_stopped_ms = -1;  // the kiosk's clock when a reading was last cut off
    double speech_synth_s = 0, speech_audio_s = 0;  // synthesis time, sound made (real-time factor)
    nlohmann::json speech_utterances = nlohmann::json::array();
    // The sentence highlighted in an item's body while it is read (null: none): its block,
    // line, words as drawn, box and the body's visible box (screen px), whether it is in view.
    nlohmann::json speech_highlight;
};

using StateDump = nlohmann::json;

StateDump state_json(const KioskState& state, const RunFacts& facts);
// One value as `expect` compares it: strings bare, lists joined with commas, "scroll.REGION"
// for a scroll offset (0 when never scrolled), "<unknown key>" for a key the dump lacks.
std::string state_value(const StateDump& all, const std::string& key);
Result<void> write_state_dump(const std::filesystem::path& file, const StateDump& dump);

}  // namespace guichet::kiosk
