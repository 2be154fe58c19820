// SPDX-License-Identifier: GPL-3.0-or-later
// The visitor's side of the main loop: builds each visitor screen's view model from the content
// adapter (and staff's notices), keeps it while its key (route, language, content generation)
// holds, and hands it to the screen in visitor/. The screens never see where the data comes
// from; this is the one place that joins the two.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/state_dump.h"
#include "kiosk/speech.h"
#include "kiosk/view_models.h"
#include "map_presenter.h"
#include "picture_cache.h"
#include "providers/content_adapter.h"
#include "staff/staff_mode.h"
#include "visitor/screens.h"
#include "widgets/markdown_view.h"
#include "widgets/qr_code.h"

namespace guichet::kiosk {

class VisitorPresenter {
  public:
    // Called with every text a screen will draw, so the font atlas has its glyphs.
    using Need = std::function<void(std::string_view)>;
    explicit VisitorPresenter(Need need) : need_(std::move(need)) {}

    // Draws the visitor screen of ui.state's route: notices, home, a list, the directory,
    // search or an item (welcome and the language picker need no view model).
    void draw(const Ui& ui, ContentAdapter& content, StaffController& staff);
    // Where the kiosk stands (config `location`, `location_city`) and its wall clock (Unix
    // seconds): institution pages' distances and "open now".
    void configure_place(std::string location, std::string city,
                         std::function<std::int64_t()> wall_clock);
    // The map screen's presenter (it owns textures on the renderer, so the main loop makes it).
    void set_map(MapPresenter* map) { map_ = map; }
    // The pictures' textures (made on the renderer, so the main loop makes the cache).
    void set_pictures(PictureCache* pictures) { pictures_ = pictures; }
    // A new content store: every view model is stale.
    void forget_content();
    // New fonts or theme: what was laid out with the old ones is stale.
    void forget_layout();

    // The home screen's tiles as last drawn (the tour walks them).
    const std::vector<HomeTile>& home_tiles() const { return home_.value; }
    // What the current screen says when read aloud, from the view models last drawn (empty
    // when it has nothing to read); `label` translates a ui string key.
    std::vector<SpokenLine> speech(const KioskState& state, const std::string& language,
                                   const std::function<std::string(std::string_view)>& label) const;
    // The first body block on screen when the body was last drawn scrolled past its top
    // (-1: the item's top is in view), so Listen reads from the top of what is on screen.
    int first_visible_block() const { return first_visible_block_; }
    // The language the current screen's text is in (a detail may fall back to another).
    std::string shown_language(const KioskState& state, const std::string& language) const;
    // What the state dump reports of the screens drawn.
    void describe(const KioskState& state, RunFacts& facts) const;

  private:
    template <class T>
    struct Memo {
        std::string key;
        T value{};
        bool valid = false;
    };
    // The sentence being read aloud (ui.listen's block and bytes): highlighted over the
    // Markdown drawn at `origin`, and scrolled into view when a new line starts outside the
    // visible body. `link_tapped`: this frame's release opened a link, it reads nothing.
    void follow_reading(const Ui& ui, ImVec2 origin, bool link_tapped);
    // "Read from here": a paragraph held (kHoldToReadMs) starts a reading at it; tapped while
    // a reading goes on, the reading moves to it.
    void read_from_here(const Ui& ui, ImVec2 origin, bool link_tapped);
    static constexpr std::int64_t kHoldToReadMs = 600;
    std::int64_t press_started_ms_ = 0;
    struct Highlight {
        int block = -1, line = -1;
        std::string text;   // the words highlighted, as drawn
        ImVec4 rect, view;  // the highlight's box and the body's visible box, screen px
    };
    Highlight highlight_;
    std::vector<HomeTile> home_drawn_;  // the home tiles as last drawn (with Map and Notices)
    std::vector<ListRow> shown_rows_;   // a list's rows on screen in the last frame
    std::int64_t followed_reading_ = -1;
    int first_visible_block_ = -1;
    int followed_line_ = -1;
    // The notices shown today in `language`, read again when staff changed them or the day did.
    void refresh_notices(const std::string& language, ContentAdapter& content,
                         StaffController& staff);
    // The open page's pictures handed to its body, as the cache has them now.
    void give_pictures(ContentAdapter& content);

    Need need_;
    MapPresenter* map_ = nullptr;
    PictureCache* pictures_ = nullptr;
    ImVec2 markdown_origin_{0, 0};  // where the body was last drawn, screen px
    std::string location_, location_city_;
    std::function<std::int64_t()> wall_clock_;
    std::string here_generation_;  // the content generation the location was resolved for
    Memo<std::vector<HomeTile>> home_;
    Memo<ListHeader> list_;
    Memo<DirectoryModel> directory_;
    Memo<SearchView> search_;
    Memo<DetailView> detail_;
    Memo<std::vector<NoticeCard>> notices_;
    std::optional<widgets::MarkdownView> markdown_;
    std::optional<widgets::QrMatrix> qr_;
    std::string link_qr_text_;  // the external link link_qr_ encodes
    std::optional<widgets::QrMatrix> link_qr_;
};

// The visitor's language first, then the content's fallbacks for it.
std::vector<std::string> reading_chain(const std::string& language, const ContentAdapter* content);

}  // namespace guichet::kiosk
