// SPDX-License-Identifier: GPL-3.0-or-later
#include "visitor_presenter.h"

#include <algorithm>
#include <cfloat>
#include <map>

#include "kiosk/chart_layout.h"
#include "platform/log.h"

namespace guichet::kiosk {
namespace {

std::string describe_filter(const DirectoryFilter& f) {
    return f.country + "|" + f.city + "|" + f.kind + "|" + f.service + "|" + f.spoken_language +
           (f.nearest ? "|nearest" : "");
}

// A row's, card's or result's text as a listener hears it: search's match marks, the dot
// between a row's facts and the arrow between two countries ("Mexico → Canada") are not read
// as symbols.
void add_text_speech(std::vector<SpokenLine>& lines, std::string_view text,
                     const std::string& language, bool pause_after) {
    std::string plain;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\x01' || text[i] == '\x02') continue;
        if (text.substr(i, 3) == "\xE2\x86\x92") {  // →
            plain += ",";
            i += 2;
            continue;
        }
        if (text.substr(i, 4) == " \xC2\xB7 ") {  // " · " between a row's facts
            plain += ", ";
            i += 3;
            continue;
        }
        plain += text[i];
    }
    std::vector<SpokenLine> said = text_to_speech(plain, language);
    if (!said.empty()) said.back().pause_after = pause_after;
    lines.insert(lines.end(), said.begin(), said.end());
}

void add_notice_speech(std::vector<SpokenLine>& lines, const NoticeCard& card,
                       const std::string& language) {
    const std::string& lang = card.shown_language.empty() ? language : card.shown_language;
    add_text_speech(lines, card.title, lang, true);
    add_text_speech(lines, card.body, lang, false);
}

}  // namespace

std::vector<std::string> reading_chain(const std::string& language, const ContentAdapter* content) {
    std::vector<std::string> chain{language};
    if (content)
        for (const std::string& next : content->fallback_chain(language))
            if (next != language) chain.push_back(next);
    return chain;
}

void VisitorPresenter::give_pictures(ContentAdapter& content) {
    const auto& shown = markdown_->document().blocks;
    for (std::size_t i = 0; i < shown.size(); ++i)
        if (shown[i].kind == widgets::MarkdownBlockKind::image)
            markdown_->set_picture(static_cast<int>(i), pictures_->get(content, detail_.value.id,
                                                                       shown[i].image_source));
}

void VisitorPresenter::refresh_notices(const std::string& language, ContentAdapter& content,
                                       StaffController& staff) {
    const std::string key =
        language + "#" + std::to_string(staff.notices_generation()) + "@" + staff.notices_moment();
    if (notices_.valid && notices_.key == key) return;
    notices_ = {key, staff.notices_for_visitor(reading_chain(language, &content)), true};
    for (NoticeCard& card : notices_.value) {
        card.shown_language_name = content.native_name(card.shown_language);
        need_(card.title), need_(card.body), need_(card.shown_language_name);
        need_("–");  // between a notice's times (schedule_text)
    }
}

void VisitorPresenter::forget_content() {
    home_.valid = list_.valid = directory_.valid = search_.valid = detail_.valid = false;
    markdown_.reset();
    qr_.reset();
    if (pictures_) pictures_->forget();
}

void VisitorPresenter::forget_layout() {
    markdown_.reset();  // its layout cache holds the old fonts
    detail_.valid = false;
}

std::vector<SpokenLine> VisitorPresenter::speech(
    const KioskState& state, const std::string& language,
    const std::function<std::string(std::string_view)>& label) const {
    std::vector<SpokenLine> lines;
    switch (state.route.screen) {
        case Screen::home:
            if (!home_.valid) break;
            lines.push_back({label("home"), language, true});
            // The tiles as drawn (the Map and Notices tiles too), then the notices pinned to home.
            for (const HomeTile& tile : home_drawn_) lines.push_back({tile.title, language, false});
            for (const NoticeCard& card : notices_.value)
                if (card.pinned) add_notice_speech(lines, card, language);
            break;
        case Screen::detail: {
            if (!detail_.valid || detail_.value.id != state.route.id) break;
            if (!markdown_) {
                lines = speech_for_detail(detail_.value, language, label);
                break;
            }
            // The body as the screen shows it (its repeated title dropped), each line knowing
            // its block, so the block heard can be highlighted and kept in view.
            DetailView head = detail_.value;
            head.body_markdown.clear();
            lines = speech_for_detail(head, language, label);
            const std::string& lang =
                head.shown_language.empty() ? language : head.shown_language;
            const auto& blocks = markdown_->document().blocks;
            for (std::size_t i = 0; i < blocks.size(); ++i) {
                const widgets::MarkdownBlock& block = blocks[i];
                std::string text;
                if (block.kind == widgets::MarkdownBlockKind::rule) continue;
                if (block.kind == widgets::MarkdownBlockKind::table_row) {
                    for (const auto& cell : block.cells) {
                        const std::string words = widgets::plain_text(cell);
                        if (!words.empty()) text += (text.empty() ? "" : ", ") + words;
                    }
                    if (!text.empty()) text += ".";
                } else if (block.kind == widgets::MarkdownBlockKind::image) {
                    // A picture is heard by its alt text, said to be one (the caption's words).
                    const std::string alt = widgets::plain_text(block.spans);
                    if (!alt.empty()) text = format1(tr("speech.image", lang), alt);
                } else {
                    text = widgets::plain_text(block.spans);
                }
                std::vector<SpokenLine> said = text_to_speech(text, lang);
                const bool row = block.kind == widgets::MarkdownBlockKind::table_row;
                for (SpokenLine& line : said) {
                    line.block = static_cast<int>(i);
                    // A row's runs count bytes per cell: the whole row is highlighted.
                    if (row) line.source_begin = line.source_end = 0;
                }
                if (!said.empty() && block.kind == widgets::MarkdownBlockKind::heading)
                    said.back().pause_after = true;
                lines.insert(lines.end(), said.begin(), said.end());
            }
            break;
        }
        case Screen::category:
        case Screen::directory: {
            const bool directory = state.route.screen == Screen::directory;
            if (directory ? !directory_.valid : !list_.valid) break;
            lines.push_back(
                {directory ? directory_.value.header.title : list_.value.title, language, true});
            // How many there are, as the screen says it, then the rows on screen, each title a
            // line and its summary after it, in the row's own language (a row may fall back).
            const std::int64_t total =
                directory ? directory_.value.header.total : list_.value.total;
            lines.push_back({total > 0 ? format1(label("items_count"), std::to_string(total))
                                       : label("empty_list"),
                             language, true});
            for (const ListRow& row : shown_rows_) {
                const std::string& lang =
                    row.shown_language.empty() ? language : row.shown_language;
                add_text_speech(lines, row.title, lang, true);
                add_text_speech(lines, row.subtitle, lang, false);
            }
            break;
        }
        case Screen::search: {
            lines.push_back({label("search"), language, true});
            if (!state.search_text.empty())
                add_text_speech(lines, state.search_text, language, true);
            if (!search_.valid) break;
            const SearchView& view = search_.value;
            if (view.corrected()) {
                add_text_speech(lines, format1(label("search_showing_for"), view.corrected_query),
                                language, false);
                add_text_speech(lines, format1(label("search_instead_for"), view.typed_query),
                                language, false);
            }
            if (!state.search_text.empty() && view.found_nothing()) {
                lines.push_back({label("no_results"), language, false});
                if (!view.suggestions.empty())
                    lines.push_back({label("did_you_mean"), language, true});
                for (const std::string& word : view.suggestions)
                    add_text_speech(lines, word, language, false);
                if (!view.nearest_categories.empty())
                    lines.push_back({label("search_areas"), language, true});
                for (const HomeTile& area : view.nearest_categories)
                    add_text_speech(lines, area.title, language, false);
                if (view.ask_here) {
                    lines.push_back({label("search_ask_here"), language, true});
                    add_text_speech(lines, view.ask_here->title, language, false);
                }
            }
            for (const SearchGroup& group : view.groups) {
                lines.push_back({label("type." + group.type), language, true});
                for (const SearchRow& row : group.rows) {
                    add_text_speech(lines, row.title, language, true);
                    add_text_speech(lines, row.snippet, language, false);
                }
            }
            break;
        }
        case Screen::notices: {
            bool open = false;
            for (const NoticeCard& card : notices_.value)
                if (std::to_string(card.id) == state.route.id) {
                    add_notice_speech(lines, card, language);
                    open = true;
                }
            if (open) break;
            lines.push_back({label("notices"), language, true});
            if (notices_.value.empty()) lines.push_back({label("no_notices"), language, false});
            for (const NoticeCard& card : notices_.value) {
                const std::string& lang =
                    card.shown_language.empty() ? language : card.shown_language;
                add_text_speech(lines, card.title, lang, true);
            }
            break;
        }
        case Screen::map: {
            lines.push_back({label("map"), language, true});
            lines.push_back(
                {label(state.map.seasonal ? "map.layer_seasonal" : "map.layer_institutions"),
                 language, true});
            if (!map_) break;
            const MapModel& model = map_->model();
            if (!state.map.seasonal)
                lines.push_back(
                    {format1(label("map.spoken_places"), std::to_string(model.pins.size())),
                     language, true});
            // The card open, else (seasonal work) every programme's card: what the arrows say.
            for (const MapPlace& place : model.pins)
                if (!state.map.seasonal && place.id == state.map.selected) {
                    add_text_speech(lines, place.title, language, true);
                    add_text_speech(lines, place.subtitle, language, false);
                }
            for (const MapProgramme& programme : model.programmes)
                if (state.map.seasonal &&
                    (state.map.selected.empty() || programme.id == state.map.selected)) {
                    add_text_speech(lines, programme.title, language, true);
                    add_text_speech(lines, programme.subtitle, language, false);
                }
            break;
        }
        default:
            break;
    }
    return lines;
}

std::string VisitorPresenter::shown_language(const KioskState& state,
                                             const std::string& language) const {
    if (state.route.screen == Screen::detail && detail_.valid &&
        !detail_.value.shown_language.empty())
        return detail_.value.shown_language;
    return language;
}

void VisitorPresenter::follow_reading(const Ui& ui, ImVec2 origin, bool link_tapped) {
    const ListenView& listen = ui.listen;
    first_visible_block_ = -1;
    highlight_ = {};
    const ImVec2 window_pos = ImGui::GetWindowPos();
    const float visible_top = window_pos.y,
                visible_bottom = window_pos.y + ImGui::GetWindowSize().y;
    if (!markdown_) return;
    const auto& runs = markdown_->runs();
    if (origin.y < visible_top)
        for (const widgets::MarkdownRun& run : runs)
            if (origin.y + run.position.y + run.size.y > visible_top) {
                first_visible_block_ = run.block;
                break;
            }
    read_from_here(ui, origin, link_tapped);
    if (listen.block < 0) return;
    // The sentence heard: the pieces of its block's runs inside its bytes. A piece drawn left
    // to right is cut where the sentence starts or ends; a right-to-left piece (its text in
    // drawing order) is taken whole.
    const bool whole_block = listen.to <= listen.from;
    const auto& blocks = markdown_->document().blocks;
    const std::string block_text =
        listen.block < static_cast<int>(blocks.size())
            ? widgets::plain_text(blocks[static_cast<std::size_t>(listen.block)].spans)
            : std::string();
    std::vector<std::pair<ImVec2, ImVec2>> boxes;
    ImVec2 min(FLT_MAX, FLT_MAX), max(-FLT_MAX, -FLT_MAX);
    for (const widgets::MarkdownRun& run : runs) {
        if (run.block != listen.block || run.source_end <= run.source_begin) continue;
        float x0 = run.position.x, x1 = run.position.x + run.size.x;
        if (!whole_block) {
            if (run.source_end <= listen.from || run.source_begin >= listen.to) continue;
            const bool cut = !run.right_to_left && run.font &&
                             run.text.size() == run.source_end - run.source_begin;
            if (cut) {
                const auto width_to = [&](std::size_t byte) {
                    const std::size_t n = std::min(run.text.size(), byte - run.source_begin);
                    return run.font
                        ->CalcTextSizeA(run.font_size, FLT_MAX, 0.0f, run.text.data(),
                                        run.text.data() + n)
                        .x;
                };
                if (listen.from > run.source_begin) x0 = run.position.x + width_to(listen.from);
                if (listen.to < run.source_end) x1 = run.position.x + width_to(listen.to);
            }
            // What is marked, in the source's order and letters (a right-to-left piece's text
            // is shaped and reversed): the words heard, or more where a piece is taken whole.
            const std::size_t a = cut ? std::max(run.source_begin, listen.from) : run.source_begin;
            const std::size_t b = cut ? std::min(run.source_end, listen.to) : run.source_end;
            if (b <= block_text.size())
                highlight_.text +=
                    (highlight_.text.empty() ? "" : " ") + block_text.substr(a, b - a);
        } else {
            highlight_.text += (highlight_.text.empty() ? "" : " ") + run.text;
        }
        const ImVec2 a(origin.x + x0, origin.y + run.position.y);
        const ImVec2 b(origin.x + x1, origin.y + run.position.y + run.size.y);
        // Pieces of one line (a bold word, then plain ones) make one band, not a row of patches.
        const auto same_line = [&](const std::pair<ImVec2, ImVec2>& box) {
            return box.first.y < b.y && a.y < box.second.y;
        };
        if (!boxes.empty() && same_line(boxes.back()))
            boxes.back() = {
                ImVec2(std::min(boxes.back().first.x, a.x), std::min(boxes.back().first.y, a.y)),
                ImVec2(std::max(boxes.back().second.x, b.x), std::max(boxes.back().second.y, b.y))};
        else
            boxes.emplace_back(a, b);
        min = ImVec2(std::min(min.x, a.x), std::min(min.y, a.y));
        max = ImVec2(std::max(max.x, b.x), std::max(max.y, b.y));
    }
    if (boxes.empty()) return;
    const Theme& theme = ui.theme;
    const float pad = theme.gap * 0.3f;
    // The sentence heard: a tint over each of its pieces and a bar at its start edge (the
    // right, in Arabic) from its first line to its last.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const auto& [a, b] : boxes)
        draw->AddRectFilled(
            ImVec2(a.x - pad * 0.5f, a.y - pad * 0.5f), ImVec2(b.x + pad * 0.5f, b.y + pad * 0.5f),
            (theme.palette.accent & 0x00FFFFFF) | 0x30000000, theme.rounding * 0.5f);
    const float bar = std::max(3.0f, theme.gap * 0.25f);
    const float left = origin.x, right = origin.x + markdown_->wrap_width();
    const float bar_x =
        ui.right_to_left ? std::max(max.x, right) + pad : std::min(min.x, left) - pad - bar;
    draw->AddRectFilled(ImVec2(bar_x, min.y - pad), ImVec2(bar_x + bar, max.y + pad),
                        theme.palette.accent);
    highlight_.block = listen.block;
    highlight_.line = listen.line;
    highlight_.rect = ImVec4(min.x, min.y, max.x, max.y);
    highlight_.view =
        ImVec4(window_pos.x, visible_top, window_pos.x + ImGui::GetWindowSize().x, visible_bottom);
    // Kept in view once per new line, so a visitor's own scrolling is not fought every frame.
    if (listen.reading == followed_reading_ && listen.line == followed_line_) return;
    followed_reading_ = listen.reading;
    followed_line_ = listen.line;
    if (min.y >= visible_top && max.y <= visible_bottom) return;
    const std::string key = scroll_key(ui.state.route, "body");
    const auto stored = ui.state.scroll.find(key);
    const float now = stored == ui.state.scroll.end() ? 0.0f : stored->second;
    ui.act(action::ScrollTo{key, std::max(0.0f, now + (min.y - visible_top) - theme.gap)});
}

void VisitorPresenter::read_from_here(const Ui& ui, ImVec2 origin, bool link_tapped) {
    // Each paragraph's box, named for scripts ("para.N"; no button, so not in the layout report).
    std::map<int, ImVec4> blocks;
    for (const widgets::MarkdownRun& run : markdown_->runs()) {
        auto [it, fresh] = blocks.try_emplace(
            run.block, ImVec4(run.position.x, run.position.y, run.position.x + run.size.x,
                              run.position.y + run.size.y));
        if (!fresh)
            it->second = ImVec4(std::min(it->second.x, run.position.x),
                                std::min(it->second.y, run.position.y),
                                std::max(it->second.z, run.position.x + run.size.x),
                                std::max(it->second.w, run.position.y + run.size.y));
    }
    const float wide = markdown_->wrap_width();
    for (auto& entry : blocks) {
        // As wide as the text column: a short line is held anywhere on its row.
        ImVec4& r = entry.second;
        r = ImVec4(origin.x, origin.y + r.y, origin.x + wide, origin.y + r.w);
        ui.touch.add_point("para." + std::to_string(entry.first), ImVec2(r.x, r.y),
                           ImVec2(r.z, r.w));
    }
    if (!ui.listen.available) return;
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) press_started_ms_ = ui.now_ms;
    if (link_tapped || !ImGui::IsMouseReleased(ImGuiMouseButton_Left) ||
        !ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem))
        return;
    // A tap while a reading goes on moves it to the paragraph; a hold starts one there (a tap
    // alone, silent, is only a visitor touching the text).
    const bool held = ui.now_ms - press_started_ms_ >= kHoldToReadMs;
    if (!ui.listen.reading && !held) return;
    const ImVec2 at = io.MousePos, from = io.MouseClickedPos[ImGuiMouseButton_Left];
    const auto inside = [](const ImVec4& r, ImVec2 p) {
        return p.x >= r.x && p.x <= r.z && p.y >= r.y && p.y <= r.w;
    };
    for (const auto& entry : blocks)
        if (inside(entry.second, at) && inside(entry.second, from)) {
            ui.act(action::Listen{0, entry.first});
            return;
        }
}

void VisitorPresenter::describe(const KioskState& state, RunFacts& facts) const {
    if (pictures_) {
        facts.picture_textures = static_cast<int>(pictures_->textures());
        facts.picture_bytes = static_cast<std::int64_t>(pictures_->bytes());
    }
    if (map_ && state.route.screen == Screen::map) {
        facts.map_pins = map_->last_pins();
        facts.map_missing_tiles = map_->last_missing();
        facts.map_textures = static_cast<int>(map_->textures());
        facts.map_arrows = map_->last_drawn().arrows;
        facts.map_labels = map_->last_drawn().labels;
    }
    if (search_.valid) {
        for (const SearchGroup& group : search_.value.groups) facts.results += group.rows.size();
        facts.search_corrected = search_.value.corrected_query;
        if (!search_.value.groups.empty() && !search_.value.groups.front().rows.empty())
            facts.first_result = search_.value.groups.front().rows.front().id;
    }
    facts.list_total =
        state.route.screen == Screen::directory ? directory_.value.header.total : list_.value.total;
    facts.detail_type =
        state.route.screen == Screen::detail && detail_.valid ? detail_.value.type : "";
    facts.detail_fell_back =
        state.route.screen == Screen::detail && detail_.valid && detail_.value.fell_back;
    if (state.route.screen == Screen::detail && detail_.valid) {
        const DetailView& view = detail_.value;
        facts.detail_title = view.title;
        for (const DetailField& field : view.fields) {
            std::string& value = facts.detail_fields[field.label_key];
            value += (value.empty() ? "" : " | ") + field.value;
        }
        if (view.is_institution) {
            const InstitutionView& place = view.institution;
            facts.detail_fields["translated_name"] = place.translated_name;
            facts.detail_fields["open_status"] = place.open_status;
            facts.detail_fields["checked"] = place.checked;
            facts.detail_fields["source"] = place.source;
            facts.detail_fields["geo"] = place.geo;
            std::string days;
            for (const HoursRow& row : place.hours)
                days += (days.empty() ? "" : " | ") + std::string(row.today ? "*" : "") + row.day +
                        " " + row.times;
            facts.detail_fields["hours_rows"] = days;
        }
        facts.detail_take_away = view.take_away;
        if (markdown_) {
            const auto& blocks = markdown_->document().blocks;
            const ImVec2 o = markdown_origin_;
            // Where the body's words are, across (the layout walk checks no scroll bar is
            // drawn over them).
            float left = FLT_MAX, right = -FLT_MAX, top = FLT_MAX, bottom = -FLT_MAX;
            for (const widgets::MarkdownRun& run : markdown_->runs()) {
                left = std::min(left, o.x + run.position.x);
                right = std::max(right, o.x + run.position.x + run.size.x);
                top = std::min(top, o.y + run.position.y);
                bottom = std::max(bottom, o.y + run.position.y + run.size.y);
            }
            if (left < right) facts.layout.regions.push_back({"detail/body_text", left, top, right, bottom});
            for (const widgets::MarkdownPictureBox& box : markdown_->pictures()) {
                const auto& block = blocks[static_cast<std::size_t>(box.block)];
                LayoutPicture picture;
                picture.source = block.image_source;
                picture.caption = widgets::plain_text(block.spans);
                picture.x0 = o.x + box.min.x, picture.y0 = o.y + box.min.y;
                picture.x1 = o.x + box.max.x, picture.y1 = o.y + box.max.y;
                picture.framed = box.framed;
                picture.loading = box.loading;
                bool first = true;
                for (const widgets::MarkdownRun& run : markdown_->runs()) {
                    if (run.block != box.block) continue;
                    const float x0 = o.x + run.position.x, y0 = o.y + run.position.y;
                    const float x1 = x0 + run.size.x, y1 = y0 + run.size.y;
                    picture.caption_x0 = first ? x0 : std::min(picture.caption_x0, x0);
                    picture.caption_y0 = first ? y0 : std::min(picture.caption_y0, y0);
                    picture.caption_x1 = first ? x1 : std::max(picture.caption_x1, x1);
                    picture.caption_y1 = first ? y1 : std::max(picture.caption_y1, y1);
                    first = false;
                }
                facts.layout.pictures.push_back(std::move(picture));
            }
        }
        if (highlight_.block >= 0) {
            const auto box = [](const ImVec4& r) {
                return nlohmann::json::array({r.x, r.y, r.z, r.w});
            };
            facts.speech_highlight = {{"block", highlight_.block},
                                      {"line", highlight_.line},
                                      {"text", highlight_.text},
                                      {"rect", box(highlight_.rect)},
                                      {"view", box(highlight_.view)},
                                      {"in_view", highlight_.rect.y >= highlight_.view.y &&
                                                      highlight_.rect.w <= highlight_.view.w}};
        }
    }
    for (const NoticeCard& card : notices_.value) facts.pinned_shown += card.pinned;
    facts.notices_shown = notices_.valid ? notices_.value.size() : 0;
    if (state.route.screen == Screen::notices && notices_.valid)
        for (const NoticeCard& card : notices_.value)
            if (std::to_string(card.id) == state.route.id) {
                facts.notice_language = card.shown_language;
                facts.notice_fell_back = card.fell_back;
            }
}

void VisitorPresenter::configure_place(std::string location, std::string city,
                                       std::function<std::int64_t()> wall_clock) {
    location_ = std::move(location);
    location_city_ = std::move(city);
    wall_clock_ = std::move(wall_clock);
}

void VisitorPresenter::draw(const Ui& ui, ContentAdapter& content, StaffController& staff) {
    const KioskState& state = ui.state;
    const std::string lang = ui.language;
    const std::string generation = std::to_string(state.content_generation);
    if (here_generation_ != generation + content.version()) {
        // An id names an entry of this content: read again when the content changes.
        here_generation_ = generation + content.version();
        content.set_here(std::nullopt);
        if (!location_.empty()) {
            auto here = content.resolve_location(location_, location_city_);
            if (here)
                content.set_here(*here);
            else
                log::error("kiosk", here.message());
        }
    }
    switch (state.route.screen) {
        case Screen::welcome:
        case Screen::language:
        case Screen::staff:
            return;  // the main loop's: no view model
        case Screen::map:
            if (map_) map_->draw(ui, content, need_);
            return;
        case Screen::notices: {
            refresh_notices(lang, content, staff);
            std::optional<NoticeCard> open;
            for (const NoticeCard& card : notices_.value)
                if (std::to_string(card.id) == state.route.id) open = card;
            draw_notices(ui, notices_.value, open);
            return;
        }
        case Screen::home: {
            const std::string key = lang + "#" + generation;
            if (!home_.valid || home_.key != key) {
                auto tiles = content.home(lang);
                home_ = {key, tiles ? *tiles : std::vector<HomeTile>{}, true};
                if (!tiles) log::error("kiosk", tiles.message());
                for (const HomeTile& tile : home_.value) need_(tile.title);
            }
            // This office's notices beside the central content: a tile, and the pinned ones
            // on the home screen itself.
            refresh_notices(lang, content, staff);
            std::vector<HomeTile> tiles = home_.value;
            // The map, beside the directory whose institutions it places.
            for (std::size_t i = 0; map_ && i < tiles.size(); ++i)
                if (tiles[i].opens_directory) {
                    HomeTile map_tile{"map", "map", std::string(ui.t("map")), false, false, true};
                    need_(map_tile.title);
                    tiles.insert(tiles.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                 std::move(map_tile));
                    break;
                }
            if (!notices_.value.empty()) {
                HomeTile notices_tile{"notices", "news", std::string(ui.t("notices")), false, true};
                need_(notices_tile.title);
                tiles.insert(tiles.begin(), std::move(notices_tile));
            }
            home_drawn_ = tiles;
            draw_home(ui, tiles, notices_.value);
            return;
        }
        case Screen::category: {
            const std::string id = state.route.id;
            const std::string key = id + "@" + lang + "#" + generation;
            if (!list_.valid || list_.key != key) {
                auto header = content.category(id, lang);
                list_ = {key, header ? *header : ListHeader{}, true};
                if (!header) log::error("kiosk", header.message());
                need_(list_.value.title);
            }
            if (wall_clock_) content.set_now(wall_clock_());
            shown_rows_.clear();
            RowFetcher fetch = [&](std::int64_t offset, std::int64_t count) {
                auto rows = content.category_rows(id, lang, offset, count);
                if (!rows) return std::vector<ListRow>{};
                for (const ListRow& row : *rows) need_(row.title), need_(row.subtitle);
                shown_rows_ = *rows;  // what Listen reads: the rows on screen
                return std::move(*rows);
            };
            draw_item_list(ui, list_.value, fetch,
                           [&](std::string_view code) { return content.native_name(code); });
            return;
        }
        case Screen::directory: {
            const std::string key = describe_filter(state.directory_filter) + "@" + lang + "#" +
                                    generation + (state.filter_picker_open ? "+picker" : "") +
                                    std::to_string(static_cast<int>(state.open_filter));
            if (!directory_.valid || directory_.key != key) {
                DirectoryModel model;
                auto header = content.directory(state.directory_filter, lang);
                if (header) model.header = *header;
                const std::pair<FilterField, const std::string*> fields[] = {
                    {FilterField::country, &state.directory_filter.country},
                    {FilterField::city, &state.directory_filter.city},
                    {FilterField::kind, &state.directory_filter.kind},
                    {FilterField::service, &state.directory_filter.service},
                    {FilterField::spoken_language, &state.directory_filter.spoken_language}};
                for (const auto& [field, value] : fields)
                    if (!value->empty())
                        model.active_labels.emplace_back(field,
                                                         content.filter_label(field, *value, lang));
                if (state.filter_picker_open) {
                    auto options = content.filter_options(state.open_filter, lang);
                    if (options) model.open_options = std::move(*options);
                }
                if (const auto& here = content.here(); here && here->lat) {
                    model.near_me = true;
                    model.here_city = here->city;
                }
                need_(model.header.title);
                for (const auto& [field, label] : model.active_labels) need_(label);
                for (const FilterOption& option : model.open_options) need_(option.label);
                directory_ = {key, std::move(model), true};
            }
            const DirectoryFilter filter = state.directory_filter;
            shown_rows_.clear();
            RowFetcher fetch = [&, filter](std::int64_t offset, std::int64_t count) {
                auto rows = content.directory_rows(filter, lang, offset, count);
                if (!rows) return std::vector<ListRow>{};
                for (const ListRow& row : *rows) need_(row.title), need_(row.subtitle);
                shown_rows_ = *rows;
                return std::move(*rows);
            };
            draw_directory(ui, directory_.value, fetch,
                           [&](std::string_view code) { return content.native_name(code); });
            return;
        }
        case Screen::search: {
            const std::string key = state.search_text + (state.search_exact ? "=" : "~") + "@" +
                                    lang + "#" + generation;
            if (!search_.valid || search_.key != key) {
                SearchGroup local{"notice", {}};
                for (const NoticeCard& card :
                     staff.search_notices(state.search_text, reading_chain(lang, &content)))
                    local.rows.push_back({std::to_string(card.id), card.title, card.snippet});
                // Words this kiosk's notices hold as typed are not misspelled.
                auto results = content.search(state.search_text, lang,
                                              !state.search_exact && local.rows.empty());
                search_ = {key, results ? std::move(*results) : SearchView{}, true};
                SearchView& view = search_.value;
                if (!local.rows.empty()) {
                    // Found here after all: nothing to suggest.
                    view.groups.insert(view.groups.begin(), local);
                    view.suggestions.clear();
                    view.nearest_categories.clear();
                    view.ask_here.reset();
                }
                for (const SearchGroup& group : view.groups)
                    for (const SearchRow& row : group.rows) need_(row.title), need_(row.snippet);
                need_(view.corrected_query), need_(view.typed_query);
                for (const std::string& word : view.suggestions) need_(word);
                for (const HomeTile& area : view.nearest_categories) need_(area.title);
                if (view.ask_here) need_(view.ask_here->title);
            }
            draw_search(ui, search_.value);
            return;
        }
        case Screen::detail: {
            // An institution's "open now" follows the clock: its page is read again each minute.
            const std::int64_t now = wall_clock_ ? wall_clock_() : 0;
            const bool timed = detail_.valid && detail_.value.id == state.route.id &&
                               detail_.value.is_institution;
            const std::string key = state.route.id + "@" + lang + "#" + generation +
                                    (timed ? "@" + std::to_string(now / 60) : "");
            if (!detail_.valid || detail_.key != key) {
                auto view = content.detail(state.route.id, lang, now);
                if (!view) {
                    log::error("kiosk", view.message());
                    draw_unavailable(ui);
                    return;
                }
                detail_ = {key, std::move(*view), true};
                need_(detail_.value.title), need_(detail_.value.summary),
                    need_(detail_.value.body_markdown);
                for (const DetailField& field : detail_.value.fields) need_(field.value);
                if (detail_.value.is_institution) {
                    const InstitutionView& place = detail_.value.institution;
                    for (const std::string* text :
                         {&place.official_name, &place.translated_name, &place.other_names,
                          &place.address, &place.hours_note, &place.open_status, &place.cost,
                          &place.bring, &place.distance, &place.checked, &place.source})
                        need_(*text);
                    for (const auto& service : place.services) need_(service.second);
                    for (const std::string& language : place.languages) need_(language);
                    for (const HoursRow& row : place.hours) need_(row.day), need_(row.times);
                }
                for (const ChartSeries& series : detail_.value.chart) need_(series.country);
                if (!detail_.value.chart.empty()) {
                    // The chart's numbers as the language writes them (French groups with a
                    // narrow no-break space, Arabic with its own separators), its dashes and dot.
                    for (const auto& row : chart_table(detail_.value.chart, lang).cells)
                        for (const std::string& cell : row) need_(cell);
                    need_("0123456789 \xC2\xB7 \xE2\x80\x93 \xE2\x80\x94");
                }
                markdown_.reset();
                first_visible_block_ = -1;
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
                        // Each picture read and decoded once, as the page opens (cached).
                        if (pictures_) {
                            pictures_->begin_page();
                            give_pictures(content);
                        }
                    }
                }
                qr_.reset();
                if (!detail_.value.take_away.empty()) {
                    // A contact card is long: low error correction keeps its modules >= 4 px
                    // at 800x480 (a code on a screen is not smudged or torn).
                    auto matrix = widgets::encode_qr(detail_.value.take_away,
                                                     detail_.value.is_institution
                                                         ? widgets::QrErrorCorrection::low
                                                         : widgets::QrErrorCorrection::medium);
                    if (matrix) qr_ = std::move(*matrix);
                }
            }
            // Pictures decoded since the last frame take their places (same sizes: no jump).
            if (markdown_ && pictures_ && pictures_->absorb()) give_pictures(content);
            DetailExtras extras;
            extras.shown_language_name = content.native_name(detail_.value.shown_language);
            if (markdown_) {
                extras.draw_markdown = [this, &ui, &theme = ui.theme, &touch = ui.touch](
                                           float width) -> std::optional<TappedLink> {
                    widgets::MarkdownStyle style;
                    style.regular = theme.body;
                    style.bold = theme.bold;
                    style.heading = theme.title;
                    style.min_target_px = theme.target;
                    style.text_color = theme.palette.text;
                    style.link_color = theme.palette.accent;
                    style.emphasis_color = theme.palette.warning;
                    style.pressed_color = theme.palette.surface_pressed;
                    style.rule_color = theme.palette.border;
                    style.code_background = theme.palette.surface;
                    // A picture leaves room to see where it is on the page: at most 60 % of
                    // the screen's height.
                    style.max_picture_height = ImGui::GetIO().DisplaySize.y * 0.6f;
                    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
                    ImGui::BeginGroup();
                    ImGui::Dummy(ImVec2(width, 0));
                    const ImVec2 origin = ImGui::GetCursorScreenPos();
                    markdown_origin_ = origin;
                    auto link = markdown_->draw(style, width);
                    follow_reading(ui, origin, link.has_value());
                    // Each link a named target ("link.N"), so scripts can aim at it.
                    for (const widgets::MarkdownTarget& target : markdown_->link_targets())
                        touch.add_target("link." + std::to_string(target.link),
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
            if (!state.offered_link.empty() && link_qr_text_ != state.offered_link) {
                link_qr_text_ = state.offered_link;
                link_qr_.reset();
                if (auto matrix = widgets::encode_qr(link_qr_text_); matrix)
                    link_qr_ = std::move(*matrix);
                need_(link_qr_text_);
            }
            if (!state.offered_link.empty() && link_qr_) {
                extras.draw_link_qr = [this](ImDrawList* draw, ImVec2 at, float side) {
                    widgets::draw_qr(draw, at, side, *link_qr_);
                };
            }
            draw_detail(ui, detail_.value, extras);
            return;
        }
    }
}

}  // namespace guichet::kiosk
