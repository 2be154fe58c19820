// SPDX-License-Identifier: GPL-3.0-or-later
#include "input/state_dump.h"

#include <algorithm>
#include <cmath>
#include <fstream>

namespace guichet::kiosk {
namespace {

void add_staff(StateDump& json, const KioskState& state, const RunFacts& facts) {
    const StaffState& staff = state.staff;
    const std::int64_t now = facts.now_ms;
    json["staff_page"] = to_string(staff.page);
    json["staff_pin_digits"] = staff.pin_entry.size();
    json["staff_locked_s"] =
        staff.locked_until_ms > now ? (staff.locked_until_ms - now + 999) / 1000 : 0;
    json["staff_message"] = staff.message;
    json["staff_draft_language"] = staff.edit_language;
    json["staff_draft_title"] = staff.draft && staff.draft->title.contains(staff.edit_language)
                                    ? staff.draft->title.at(staff.edit_language)
                                    : "";
    json["staff_draft_dates"] =
        staff.draft ? staff.draft->start_day + ".." + staff.draft->end_day : "";
    json["staff_settings_idle"] = staff.settings ? staff.settings->idle_timeout_seconds : 0;
    json["today"] = facts.today;
    json["config_problem"] = facts.config_problem;
    json["idle_timeout"] = facts.idle_timeout;
    json["rotation"] = facts.rotation;
    json["default_language"] = facts.default_language;
    json["notices_shown"] = facts.notices_shown;
    json["notice_language"] = facts.notice_language;
    json["notice_fell_back"] = facts.notice_fell_back;
    json["pinned_shown"] = facts.pinned_shown;
}

StateDump layout_json(const LayoutFacts& layout) {
    StateDump targets = StateDump::array();
    int off_screen = 0, small = 0;
    for (const LayoutTarget& target : layout.targets) {
        const TargetVerdict verdict = judge_target(layout, target);
        off_screen += !verdict.on_screen;
        small += verdict.under_9mm;
        const auto round1 = [](float mm) { return std::round(mm * 10) / 10; };
        targets.push_back({
            {"name", target.name},
            {"label", target.label},
            {"rect",
             {std::lround(target.x0), std::lround(target.y0), std::lround(target.x1),
              std::lround(target.y1)}},
            {"mm", {round1(verdict.width_mm), round1(verdict.height_mm)}},
            {"on_screen", verdict.on_screen},
            {"under_9mm", verdict.under_9mm},
            {"text_cut", target.text_cut},
            {"region", target.region},
        });
    }
    StateDump pictures = StateDump::array();
    for (const LayoutPicture& picture : layout.pictures)
        pictures.push_back({
            {"source", picture.source},
            {"caption", picture.caption},
            {"rect",
             {std::lround(picture.x0), std::lround(picture.y0), std::lround(picture.x1),
              std::lround(picture.y1)}},
            {"caption_rect",
             {std::lround(picture.caption_x0), std::lround(picture.caption_y0),
              std::lround(picture.caption_x1), std::lround(picture.caption_y1)}},
            {"framed", picture.framed},
            {"loading", picture.loading},
        });
    StateDump regions = StateDump::object();
    for (const LayoutRegion& region : layout.regions)
        regions[region.name] = {std::lround(region.x0), std::lround(region.y0),
                                std::lround(region.x1), std::lround(region.y1)};
    return {
        {"width", layout.width},
        {"height", layout.height},
        {"dpi", std::round(layout.dpi * 10) / 10},
        {"px_per_mm", std::round(layout.dpi / 25.4f * 100) / 100},
        {"rotation", layout.rotation},
        {"direction", layout.right_to_left ? "rtl" : "ltr"},
        {"text_scale", std::round(layout.text_scale * 100) / 100},
        {"body_px", std::lround(layout.body_px)},
        {"targets", targets},
        {"regions", regions},
        {"cut_texts", layout.cut_texts},
        {"qr_module_px", layout.qr_module_px},
        {"pictures", pictures},
        {"off_screen", off_screen},
        {"under_9mm", small},
        {"cut", layout.cut_texts.size()},
    };
}

}  // namespace

TargetVerdict judge_target(const LayoutFacts& layout, const LayoutTarget& target) {
    TargetVerdict verdict;
    const float px_per_mm = layout.dpi / 25.4f;
    verdict.width_mm = (target.x1 - target.x0) / px_per_mm;
    verdict.height_mm = (target.y1 - target.y0) / px_per_mm;
    // Layouts round to whole pixels: a 9 mm target may come out a hair under.
    verdict.under_9mm = std::min(verdict.width_mm, verdict.height_mm) < 9.0f - 0.1f;
    constexpr float slack = 0.5f;
    const auto inside = [&](float x0, float y0, float x1, float y1, float bx0, float by0, float bx1,
                            float by1) {
        return x0 >= bx0 - slack && y0 >= by0 - slack && x1 <= bx1 + slack && y1 <= by1 + slack;
    };
    const float w = static_cast<float>(layout.width), h = static_cast<float>(layout.height);
    const LayoutRegion* region = nullptr;
    for (const LayoutRegion& candidate : layout.regions)
        if (candidate.name == target.region) region = &candidate;
    if (!region) {
        verdict.on_screen = inside(target.x0, target.y0, target.x1, target.y1, 0, 0, w, h);
    } else {
        // A scrolled row may run past its region's edge: a drag brings it in. Its region must
        // be on screen, and the row must fit the region across and not be taller than it.
        verdict.on_screen = inside(region->x0, region->y0, region->x1, region->y1, 0, 0, w, h) &&
                            target.x0 >= region->x0 - slack && target.x1 <= region->x1 + slack &&
                            target.y1 - target.y0 <= region->y1 - region->y0 + slack;
    }
    return verdict;
}

StateDump state_json(const KioskState& state, const RunFacts& facts) {
    StateDump scroll = StateDump::object();
    double scroll_total = 0;
    for (const auto& [key, offset] : state.scroll) {
        scroll[key] = std::lround(offset);
        scroll_total += offset;
    }
    StateDump history = StateDump::array();
    for (const Route& route : state.history)
        history.push_back(std::string(to_string(route.screen)) +
                          (route.id.empty() ? "" : "/" + route.id));
    StateDump targets = StateDump::object();
    for (const auto& [name, centre] : facts.targets) targets[name] = {centre.first, centre.second};
    StateDump json = {
        {"screen", to_string(state.route.screen)},
        {"id", state.route.id},
        {"language", state.language},
        {"ui_language", facts.ui_language},
        {"search", state.search_text},
        {"search_exact", state.search_exact},
        {"search_corrected", facts.search_corrected},
        {"first_result", facts.first_result},
        {"keyboard_hidden", state.keyboard_hidden},
        {"history", history},
        {"history_depth", state.history.size()},
        {"scroll", scroll},
        {"scroll_total", std::lround(scroll_total)},
        {"large_text", state.large_text},
        {"high_contrast", state.high_contrast},
        {"qr_open", state.qr_open},
        {"offered_link", state.offered_link},
        {"filter_country", state.directory_filter.country},
        {"filter_city", state.directory_filter.city},
        {"filter_kind", state.directory_filter.kind},
        {"filter_service", state.directory_filter.service},
        {"filter_language", state.directory_filter.spoken_language},
        {"filter_picker_open", state.filter_picker_open},
        {"toolbar_menu_open", state.toolbar_menu_open},
        {"map_zoom", std::lround(state.map.zoom * 100) / 100.0},
        {"map_lat", std::lround(state.map.lat * 1000) / 1000.0},
        {"map_lon", std::lround(state.map.lon * 1000) / 1000.0},
        {"map_selected", state.map.selected},
        {"map_pins", facts.map_pins},
        {"map_missing_tiles", facts.map_missing_tiles},
        {"map_textures", facts.map_textures},
        {"picture_textures", facts.picture_textures},
        {"picture_bytes", facts.picture_bytes},
        {"map_layer", state.map.seasonal ? "seasonal" : "institutions"},
        {"map_arrows", facts.map_arrows},
        {"map_labels", facts.map_labels},
        {"countdown", facts.countdown},
        {"content_version", facts.content_version},
        {"content_generation", state.content_generation},
        {"content_switch_pending", state.content_switch_pending},
        {"results", facts.results},
        {"list_total", facts.list_total},
        {"detail_type", facts.detail_type},
        {"detail_fell_back", facts.detail_fell_back},
        {"detail_title", facts.detail_title},
        {"detail_fields", facts.detail_fields},
        {"detail_take_away", facts.detail_take_away},
        {"frames", facts.frames},
        {"targets_under_9mm", facts.small_targets.size()},
        {"targets", targets},
        {"small_targets", facts.small_targets},
        {"layout", layout_json(facts.layout)},
        {"font_glyphs", facts.font_glyphs},
        {"font_builds", facts.font_builds},
        {"renderer", facts.renderer},
        {"stale_note", facts.stale_note},
        {"alerts", facts.alerts},
        {"alert_titles", facts.alert_titles},
        {"sync_running", facts.sync_running},
        {"sync_attempts", facts.sync_attempts},
        {"sync_last_result", facts.sync_last_result},
    };
    add_staff(json, state, facts);
    json["speech_available"] = facts.speech_available;
    json["speech_voice"] = facts.speech_voice;
    json["speech_caption"] = facts.speech_caption;
    json["speech_sink"] = facts.speech_sink;
    json["speech_reading"] = state.speech.reading;
    json["speech_paused"] = state.speech.paused;
    json["speech_line"] = state.speech.line;
    json["speech_volume_step"] = state.speech.volume_step;
    json["speech_mode"] = state.speech.mode;
    json["speech_focus"] = state.speech.focus;
    json["speech_queued"] = facts.speech_queued;
    json["speech_first_sound_ms"] = facts.speech_first_sound_ms;
    json["speech_stopped_ms"] = facts.speech_stopped_ms;
    json["now_ms"] = facts.now_ms;
    json["speech_utterances"] = facts.speech_utterances;
    json["speech_highlight"] = facts.speech_highlight;
    json["speech_synth_s"] = facts.speech_synth_s;
    json["speech_audio_s"] = facts.speech_audio_s;
    json["chart_table"] = state.chart.table;
    json["chart_year"] = state.chart.year;
    json["chart_shown"] = facts.chart_shown;
    json["chart_table_shown"] = facts.chart_table_shown;
    json["chart_year_targets"] = facts.chart_year_targets;
    json["chart_year_count"] = facts.chart_year_targets.size();
    json["chart_year_labels"] = facts.chart_year_labels;
    json["chart_points"] = facts.chart_points;
    json["chart_heading"] = facts.chart_heading;
    json["chart_legend"] = facts.chart_legend;
    json["chart_table_years"] = facts.chart_table_years;
    json["chart_table_rows"] = facts.chart_table_rows;
    // Flat, for `expect`: the report's verdicts on this frame.
    json["layout_off_screen"] = json["layout"]["off_screen"];
    json["layout_body_px"] = json["layout"]["body_px"];
    json["layout_under_9mm"] = json["layout"]["under_9mm"];
    json["layout_cut"] = json["layout"]["cut"];
    return json;
}

std::string state_value(const StateDump& all, const std::string& key) {
    const StateDump* value = nullptr;
    if (key.starts_with("scroll.")) {
        auto found = all["scroll"].find(key.substr(7));
        static const StateDump zero = 0;
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
            joined += (joined.empty() ? "" : ",") +
                      (item.is_string() ? item.get<std::string>() : item.dump());
        return joined;
    }
    return value->dump();
}

Result<void> write_state_dump(const std::filesystem::path& file, const StateDump& dump) {
    std::ofstream out(file);
    if (!out) return make_error(file.string() + ": cannot write the state dump");
    out << dump.dump(2) << "\n";
    return {};
}

}  // namespace guichet::kiosk
