// SPDX-License-Identifier: GPL-3.0-or-later
// The article reader's Markdown. parse_markdown() turns CommonMark (+ tables) into a plain
// layout model — blocks with inline spans — that tests can read without ImGui; MarkdownView
// draws that model in the current ImGui window with wrapping at a comfortable line length,
// bold/italic (a real font when given, otherwise colour plus underline, never colour alone),
// and links as touch targets of at least min_target_px that activate on release (a drag that
// started on a link never activates it). Right-to-left paragraphs (Arabic, Hebrew) are placed
// from the right, each word shaped with ICU (fonts/bidi.h); gather the atlas' code points with
// fonts::add_display_text so the shaped forms are baked. Pictures (![alt](src)) are blocks of
// their own, drawn from textures the caller hands over (set_picture), as wide as the column at
// most, with the alt text beneath as a caption, or in a frame when there is no picture to draw.
//
//   auto doc = widgets::parse_markdown(body);          // Result<MarkdownDocument>
//   widgets::MarkdownView view(std::move(*doc));       // keep it while the article is shown
//   ... each frame, inside a window:
//   if (auto link = view.draw(style)) open(link->internal ? link->item_id : link->target);
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "platform/result.h"

namespace guichet::widgets {

// Bits of MarkdownSpan::style.
enum MarkdownSpanStyle : unsigned {
    kSpanPlain = 0,
    kSpanEmphasis = 1u << 0,
    kSpanStrong = 1u << 1,
    kSpanCode = 1u << 2,
    kSpanStrikethrough = 1u << 3,
    // Set by the layout on runs, never by the parser: no real font for this style, so the run
    // is drawn in emphasis_color and underlined.
    kSpanMarked = 1u << 4,
};

struct MarkdownSpan {
    std::string text;  // entities decoded; a hard line break is "\n"
    unsigned style = kSpanPlain;
    int link = -1;  // index into MarkdownDocument::links, -1 when not inside a link
};

struct MarkdownLink {
    std::string target;     // as written: "item:rights-workers", "https://..."
    bool internal = false;  // target is "item:ID"
    std::string item_id;    // ID when internal
};

// `image`: a picture, ![alt](src), as a block of its own (in a table cell only its alt text
// is kept, inline); its spans are the alt text, drawn as the caption beneath it.
enum class MarkdownBlockKind { heading, paragraph, list_item, table_row, code_block, rule, image };

struct MarkdownBlock {
    MarkdownBlockKind kind = MarkdownBlockKind::paragraph;
    int heading_level = 0;    // 1..6 for headings
    int list_depth = 0;       // nesting: 1 = top-level list; also set on paragraphs inside items
    bool ordered = false;     // list_item: numbered
    int number = 0;           // list_item in an ordered list: its number
    int quote_depth = 0;      // inside how many block quotes
    bool header_row = false;  // table_row: the table's head
    std::string image_source;                      // image: the src as written
    std::vector<MarkdownSpan> spans;               // all kinds but table_row and rule
    std::vector<std::vector<MarkdownSpan>> cells;  // table_row
};

struct MarkdownDocument {
    std::vector<MarkdownBlock> blocks;
    std::vector<MarkdownLink> links;
};

// Raw HTML is shown as text, never interpreted. Errors only if md4c itself fails.
Result<MarkdownDocument> parse_markdown(std::string_view markdown);

// The text of spans joined, for tests and for search snippets.
std::string plain_text(const std::vector<MarkdownSpan>& spans);

struct MarkdownStyle {
    ImFont* regular = nullptr;     // required
    ImFont* bold = nullptr;        // null: strong text is drawn in emphasis_color and underlined
    ImFont* italic = nullptr;      // null: emphasis is drawn in emphasis_color and underlined
    ImFont* heading = nullptr;     // level 1-2 headings; null: bold (or regular) scaled up
    float min_target_px = 48.0f;   // 9 mm on the real screen
    float max_line_chars = 70.0f;  // line length cap, in average characters
    ImU32 text_color = IM_COL32(20, 20, 20, 255);
    ImU32 link_color = IM_COL32(0, 70, 160, 255);
    ImU32 emphasis_color = IM_COL32(120, 40, 0, 255);
    ImU32 pressed_color = IM_COL32(0, 70, 160, 60);
    ImU32 rule_color = IM_COL32(150, 150, 150, 255);
    ImU32 code_background = IM_COL32(235, 235, 235, 255);
    // Pictures: as wide as the column at most, never enlarged past max_picture_scale times
    // their pixels, and no taller than max_picture_height (0: no limit; the screen's room).
    float max_picture_scale = 2.0f;
    float max_picture_height = 0.0f;
};

// A picture as whoever loaded it hands it over (MarkdownView::set_picture): its texture and size
// in pixels. No texture or no size: the picture cannot be shown, and its alt text is drawn in a
// frame in its place. `loading`: the pixels are still being decoded; the picture's box takes its
// final size (so nothing moves when they arrive) and is drawn as a plain tinted area.
struct MarkdownPicture {
    ImTextureID texture = nullptr;
    int width = 0, height = 0;
    bool loading = false;
};

// The size a picture of width x height px is drawn at in a column `column` px wide: the
// column's width at most, max_picture_scale times its own at most, and no taller than
// max_picture_height (when set), keeping its proportions. Zero for a picture without pixels.
ImVec2 picture_size(int width, int height, float column, const MarkdownStyle& style);

// A picture placed by the layout, relative to the view's top-left (exposed for tests and the
// layout report): the rectangle drawn, its block (whose spans are the caption), whether it is
// the frame holding the alt text of a picture that could not be shown, and whether its pixels
// are still loading.
struct MarkdownPictureBox {
    ImVec2 min, max;
    int block = 0;
    bool framed = false;
    ImTextureID texture = nullptr;
    bool loading = false;
};

// One piece of text placed by the layout, relative to the view's top-left (exposed for tests).
struct MarkdownRun {
    ImVec2 position;  // top-left of the text
    ImVec2 size;
    std::string text;
    ImFont* font = nullptr;
    float font_size = 0.0f;
    unsigned style = kSpanPlain;
    int link = -1;
    int block = 0;
    // The bytes of the block's text (plain_text of its spans; of its cell, in a table) this
    // run shows: read aloud highlights the sentence heard by them. A list number has none.
    std::size_t source_begin = 0, source_end = 0;
    bool right_to_left = false;  // its text is in drawing order, not the source's
};

// A link's touch rectangle, relative to the view's top-left: the run's box grown to at least
// min_target_px in both directions.
struct MarkdownTarget {
    ImVec2 min;
    ImVec2 max;
    int link = -1;
};

class MarkdownView {
  public:
    explicit MarkdownView(MarkdownDocument document);

    // Lays out (cached until the width or style changes) and draws at the cursor of the
    // current window, then advances the cursor by the height. Lines are at most `width` wide
    // (0: the space left in the window) and never longer than max_line_chars. Returns the link
    // activated by a press and release on the same link without a drag, in this frame.
    std::optional<MarkdownLink> draw(const MarkdownStyle& style, float width = 0.0f);

    const MarkdownDocument& document() const { return document_; }
    // The picture of image block `block`, before or after the first draw (the layout is made
    // again). A picture never given is drawn as its alt text in a frame.
    void set_picture(int block, MarkdownPicture picture);
    // From the last draw(): each picture block's rectangle, in block order.
    const std::vector<MarkdownPictureBox>& pictures() const { return picture_boxes_; }
    // From the last draw(): runs in layout order, the touch rectangle of each link run
    // (relative to the view's top-left), and the total height.
    const std::vector<MarkdownRun>& runs() const { return runs_; }
    const std::vector<MarkdownTarget>& link_targets() const { return link_targets_; }
    float height() const { return height_; }
    float wrap_width() const { return wrap_width_; }

  private:
    struct LayoutKey {
        float available_width = -1.0f;
        const ImFont* regular = nullptr;
        const ImFont* bold = nullptr;
        const ImFont* italic = nullptr;
        const ImFont* heading = nullptr;
        float min_target_px = 0.0f;
        float max_line_chars = 0.0f;
        float max_picture_scale = 0.0f;
        float max_picture_height = 0.0f;
        bool operator==(const LayoutKey&) const = default;
    };
    void layout(const MarkdownStyle& style, float available_width);
    int target_at(ImVec2 relative) const;

    MarkdownDocument document_;
    std::vector<MarkdownRun> runs_;
    std::vector<MarkdownTarget> link_targets_;
    std::vector<float> rules_;  // y of each horizontal rule
    struct Box {
        ImVec2 min, max;
        bool header = false;
    };
    std::vector<Box> table_cells_;  // cell boxes, for grid lines
    std::vector<Box> code_boxes_;   // code block backgrounds
    std::vector<Box> quote_bars_;   // block quote bars
    struct Bullet {
        ImVec2 center;
        float radius;
    };
    std::vector<Bullet> bullets_;
    std::map<int, MarkdownPicture> given_pictures_;  // by block
    std::vector<MarkdownPictureBox> picture_boxes_;
    float height_ = 0.0f;
    float wrap_width_ = 0.0f;
    LayoutKey key_;
    int pressed_link_ = -1;
};

}  // namespace guichet::widgets
