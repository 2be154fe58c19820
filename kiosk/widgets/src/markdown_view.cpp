// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/markdown_view.h"

#include <algorithm>
#include <cfloat>
#include <cstdlib>

#include <md4c.h>

#include "fonts/bidi.h"
#include "fonts/code_points.h"

namespace guichet::widgets {
namespace {

constexpr std::string_view kItemScheme = "item:";

// md4c hands entities over undecoded. Numeric ones and the few named ones staff type are
// decoded; any other name is kept as written, so nothing disappears.
std::string decode_entity(std::string_view entity) {
    if (entity.size() >= 4 && entity[1] == '#') {
        const bool hex = entity[2] == 'x' || entity[2] == 'X';
        const std::string digits(entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3)));
        char* end = nullptr;
        const unsigned long value = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
        const bool valid = end != digits.c_str() && *end == '\0' && value != 0 &&
                           value <= 0x10FFFF && !(value >= 0xD800 && value <= 0xDFFF);
        return fonts::encode_utf8(static_cast<char32_t>(valid ? value : 0xFFFD));
    }
    static constexpr std::pair<std::string_view, unsigned long> kNamed[] = {
        {"&amp;", '&'},       {"&lt;", '<'},     {"&gt;", '>'},       {"&quot;", '"'},
        {"&apos;", '\''},     {"&nbsp;", 0xA0},  {"&ndash;", 0x2013}, {"&mdash;", 0x2014},
        {"&hellip;", 0x2026}, {"&laquo;", 0xAB}, {"&raquo;", 0xBB},   {"&euro;", 0x20AC},
        {"&copy;", 0xA9},     {"&shy;", 0xAD},
    };
    for (const auto& [name, value] : kNamed) {
        if (entity == name) return fonts::encode_utf8(static_cast<char32_t>(value));
    }
    return std::string(entity);
}

class Parser {
  public:
    MarkdownDocument document;

    static int enter_block(MD_BLOCKTYPE type, void* detail, void* self) {
        return static_cast<Parser*>(self)->on_enter_block(type, detail);
    }
    static int leave_block(MD_BLOCKTYPE type, void*, void* self) {
        return static_cast<Parser*>(self)->on_leave_block(type);
    }
    static int enter_span(MD_SPANTYPE type, void* detail, void* self) {
        return static_cast<Parser*>(self)->on_span(type, detail, +1);
    }
    static int leave_span(MD_SPANTYPE type, void* detail, void* self) {
        return static_cast<Parser*>(self)->on_span(type, detail, -1);
    }
    static int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
        return static_cast<Parser*>(self)->on_text(type, std::string_view(text, size));
    }

  private:
    struct ListState {
        bool ordered = false;
        int next_number = 1;
    };
    std::vector<ListState> lists_;
    int quote_depth_ = 0;
    bool in_table_head_ = false;
    int text_block_ = -1;
    int text_cell_ = -1;
    bool item_awaits_paragraph_ = false;
    int emphasis_ = 0, strong_ = 0, code_ = 0, strike_ = 0;
    std::vector<int> links_;

    int new_block(MarkdownBlockKind kind) {
        MarkdownBlock block;
        block.kind = kind;
        block.list_depth = static_cast<int>(lists_.size());
        block.quote_depth = quote_depth_;
        document.blocks.push_back(std::move(block));
        return static_cast<int>(document.blocks.size()) - 1;
    }

    int on_enter_block(MD_BLOCKTYPE type, void* detail) {
        switch (type) {
            case MD_BLOCK_UL:
                lists_.push_back({false, 1});
                text_block_ = -1;
                break;
            case MD_BLOCK_OL:
                lists_.push_back(
                    {true, static_cast<int>(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start)});
                text_block_ = -1;
                break;
            case MD_BLOCK_LI: {
                text_block_ = new_block(MarkdownBlockKind::list_item);
                MarkdownBlock& item = document.blocks.back();
                if (!lists_.empty()) {
                    item.ordered = lists_.back().ordered;
                    item.number = lists_.back().next_number++;
                }
                item_awaits_paragraph_ = true;
                break;
            }
            case MD_BLOCK_P:
                // A loose list item's first paragraph is the item's own text.
                if (!(item_awaits_paragraph_ && text_block_ >= 0)) {
                    text_block_ = new_block(MarkdownBlockKind::paragraph);
                }
                item_awaits_paragraph_ = false;
                break;
            case MD_BLOCK_H:
                text_block_ = new_block(MarkdownBlockKind::heading);
                document.blocks.back().heading_level =
                    static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
                break;
            case MD_BLOCK_CODE:
                text_block_ = new_block(MarkdownBlockKind::code_block);
                ++code_;
                break;
            case MD_BLOCK_HTML:
                text_block_ = new_block(MarkdownBlockKind::paragraph);
                break;
            case MD_BLOCK_HR:
                new_block(MarkdownBlockKind::rule);
                text_block_ = -1;
                break;
            case MD_BLOCK_QUOTE:
                ++quote_depth_;
                break;
            case MD_BLOCK_THEAD:
                in_table_head_ = true;
                break;
            case MD_BLOCK_TBODY:
                in_table_head_ = false;
                break;
            case MD_BLOCK_TR:
                text_block_ = new_block(MarkdownBlockKind::table_row);
                document.blocks.back().header_row = in_table_head_;
                text_cell_ = -1;
                break;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD:
                if (text_block_ >= 0) {
                    auto& cells = document.blocks[static_cast<std::size_t>(text_block_)].cells;
                    cells.emplace_back();
                    text_cell_ = static_cast<int>(cells.size()) - 1;
                }
                break;
            default:
                break;
        }
        if (type != MD_BLOCK_LI)
            item_awaits_paragraph_ = item_awaits_paragraph_ && type == MD_BLOCK_P;
        return 0;
    }

    int on_leave_block(MD_BLOCKTYPE type) {
        switch (type) {
            case MD_BLOCK_UL:
            case MD_BLOCK_OL:
                if (!lists_.empty()) lists_.pop_back();
                text_block_ = -1;
                break;
            case MD_BLOCK_CODE: {
                --code_;
                if (text_block_ < 0) break;
                auto& spans = document.blocks[static_cast<std::size_t>(text_block_)].spans;
                if (!spans.empty() && !spans.back().text.empty() &&
                    spans.back().text.back() == '\n') {
                    spans.back().text.pop_back();
                }
                text_block_ = -1;
                break;
            }
            case MD_BLOCK_LI:
            case MD_BLOCK_P:
            case MD_BLOCK_H:
            case MD_BLOCK_HTML:
            case MD_BLOCK_TR:
                text_block_ = -1;
                item_awaits_paragraph_ = false;
                break;
            case MD_BLOCK_QUOTE:
                --quote_depth_;
                break;
            case MD_BLOCK_THEAD:
                in_table_head_ = false;
                break;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD:
                text_cell_ = -1;
                break;
            default:
                break;
        }
        return 0;
    }

    int on_span(MD_SPANTYPE type, void* detail, int delta) {
        switch (type) {
            case MD_SPAN_EM:
                emphasis_ += delta;
                break;
            case MD_SPAN_STRONG:
                strong_ += delta;
                break;
            case MD_SPAN_CODE:
                code_ += delta;
                break;
            case MD_SPAN_DEL:
                strike_ += delta;
                break;
            case MD_SPAN_A:
                if (delta > 0) {
                    const auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
                    MarkdownLink link;
                    link.target.assign(a->href.text, a->href.size);
                    if (link.target.rfind(kItemScheme, 0) == 0) {
                        link.internal = true;
                        link.item_id = link.target.substr(kItemScheme.size());
                    }
                    document.links.push_back(std::move(link));
                    links_.push_back(static_cast<int>(document.links.size()) - 1);
                } else if (!links_.empty()) {
                    links_.pop_back();
                }
                break;
            default:
                break;
        }
        return 0;
    }

    std::vector<MarkdownSpan>& spans() {
        if (text_block_ < 0) text_block_ = new_block(MarkdownBlockKind::paragraph);
        MarkdownBlock& block = document.blocks[static_cast<std::size_t>(text_block_)];
        if (block.kind == MarkdownBlockKind::table_row) {
            if (text_cell_ < 0) {
                block.cells.emplace_back();
                text_cell_ = static_cast<int>(block.cells.size()) - 1;
            }
            return block.cells[static_cast<std::size_t>(text_cell_)];
        }
        return block.spans;
    }

    void append(std::string_view text) {
        unsigned style = kSpanPlain;
        if (emphasis_ > 0) style |= kSpanEmphasis;
        if (strong_ > 0) style |= kSpanStrong;
        if (code_ > 0) style |= kSpanCode;
        if (strike_ > 0) style |= kSpanStrikethrough;
        const int link = links_.empty() ? -1 : links_.back();
        auto& target = spans();
        if (!target.empty() && target.back().style == style && target.back().link == link) {
            target.back().text += text;
        } else {
            target.push_back(MarkdownSpan{std::string(text), style, link});
        }
    }

    int on_text(MD_TEXTTYPE type, std::string_view text) {
        switch (type) {
            case MD_TEXT_NULLCHAR:
                append("\xEF\xBF\xBD");
                break;
            case MD_TEXT_BR:
                append("\n");
                break;
            case MD_TEXT_SOFTBR:
                append(" ");
                break;
            case MD_TEXT_ENTITY:
                append(decode_entity(text));
                break;
            default:
                append(text);
                break;
        }
        return 0;
    }
};

// ---- layout ----

struct Face {
    ImFont* font = nullptr;
    float size = 0.0f;
    bool marked = false;  // no real font for this style: colour plus underline
};

struct Token {
    std::string_view text;
    bool space = false;
    bool newline = false;
};

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '\n') {
            tokens.push_back({text.substr(i, 1), false, true});
            ++i;
        } else if (text[i] == ' ' || text[i] == '\t') {
            std::size_t j = i;
            while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
            tokens.push_back({text.substr(i, j - i), true, false});
            i = j;
        } else {
            std::size_t j = i;
            while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\n') ++j;
            tokens.push_back({text.substr(i, j - i), false, false});
            i = j;
        }
    }
    return tokens;
}

std::size_t utf8_length_at(std::string_view text, std::size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
    return std::min(n, text.size() - i);
}

float measure(const Face& face, std::string_view text) {
    return face.font
        ->CalcTextSizeA(face.size, FLT_MAX, 0.0f, text.data(), text.data() + text.size())
        .x;
}

class Layouter {
  public:
    Layouter(const MarkdownStyle& style, std::vector<MarkdownRun>& runs)
        : style_(style), runs_(runs), em_(style.regular->FontSize) {}

    float em() const { return em_; }

    Face face_for(unsigned span_style, const MarkdownBlock& block) const {
        const float base = em_;
        Face face{style_.regular, base, false};
        const bool strong = (span_style & kSpanStrong) != 0 ||
                            block.kind == MarkdownBlockKind::heading ||
                            (block.kind == MarkdownBlockKind::table_row && block.header_row);
        if (strong) {
            if (style_.bold) {
                face.font = style_.bold;
            } else if (block.kind != MarkdownBlockKind::heading) {
                face.marked = true;  // headings already stand out by size
            }
        }
        if ((span_style & kSpanEmphasis) != 0) {
            if (style_.italic && !strong) {
                face.font = style_.italic;
            } else {
                face.marked = true;
            }
        }
        if (block.kind == MarkdownBlockKind::heading) {
            const int level = block.heading_level;
            // With a heading font every heading is drawn at a baked size: ImGui scales glyphs
            // with pixel-snapped advances, which spaces letters unevenly ("si ete").
            if (style_.heading && level <= 2) {
                face.font = style_.heading;
                face.size = style_.heading->FontSize;
            } else if (style_.heading) {
                face.size = base;
            } else {
                face.size = base * (level == 1   ? 1.5f
                                    : level == 2 ? 1.3f
                                    : level == 3 ? 1.12f
                                                 : 1.0f);
            }
        }
        return face;
    }

    // Flows spans into lines between left and left + width from top; returns the bottom.
    float flow(const std::vector<MarkdownSpan>& spans, const MarkdownBlock& block, int block_index,
               float left, float width, float top) {
        line_start_run_ = runs_.size();
        line_top_ = top;
        x_ = 0.0f;
        left_ = left;
        width_ = std::max(width, em_);
        line_has_link_ = false;
        line_height_ = 0.0f;
        // A right-to-left paragraph places its words from the right; each word containing
        // right-to-left letters is shaped and reversed (ImGui draws left to right, unshaped).
        auto paragraph = fonts::shape_for_display(plain_text(spans));
        rtl_ = paragraph.ok() && paragraph->right_to_left;
        for (const auto& span : spans) {
            const Face face = face_for(span.style, block);
            const float line_height = face.size * 1.4f;
            for (const Token& token : tokenize(span.text)) {
                if (token.newline) {
                    line_height_ = std::max(line_height_, line_height);
                    finish_line();
                    continue;
                }
                std::string shaped;
                std::string_view text = token.text;
                if (!token.space && fonts::needs_bidi(text)) {
                    if (auto line = fonts::shape_for_display(text)) {
                        shaped = std::move(line->visual);
                        text = shaped;
                    }
                }
                const float w = measure(face, text);
                if (token.space) {
                    if (x_ > 0.0f) place(text, w, face, span, block_index, line_height);
                    continue;
                }
                if (x_ > 0.0f && x_ + w > width_) finish_line();
                if (w <= width_) {
                    place(text, w, face, span, block_index, line_height);
                    continue;
                }
                // A word wider than the line (a long URL, or a script written without spaces):
                // break it between characters.
                std::size_t i = 0;
                while (i < text.size()) {
                    std::size_t j = i;
                    float used = 0.0f;
                    while (j < text.size()) {
                        const std::size_t n = utf8_length_at(text, j);
                        const float cw = measure(face, text.substr(j, n));
                        if (j > i && x_ + used + cw > width_) break;
                        used += cw;
                        j += n;
                    }
                    place(text.substr(i, j - i), used, face, span, block_index, line_height);
                    i = j;
                    if (i < text.size()) finish_line();
                }
            }
            if (line_height_ == 0.0f) line_height_ = line_height;
        }
        if (runs_.size() > line_start_run_ || line_height_ > 0.0f) finish_line();
        return line_top_;
    }

  private:
    void place(std::string_view text, float w, const Face& face, const MarkdownSpan& span,
               int block_index, float line_height) {
        line_height_ = std::max(line_height_, line_height);
        if (span.link >= 0) line_has_link_ = true;
        const unsigned style = span.style | (face.marked ? kSpanMarked : 0u);
        if (runs_.size() > line_start_run_ && !rtl_) {  // right-to-left: one run per word
            MarkdownRun& last = runs_.back();
            if (last.link == span.link && last.style == style && last.font == face.font &&
                last.font_size == face.size && last.block == block_index) {
                last.text += text;
                last.size.x += w;
                x_ += w;
                return;
            }
        }
        MarkdownRun run;
        run.position = ImVec2(left_ + x_, 0.0f);
        run.size = ImVec2(w, face.size);
        run.text = std::string(text);
        run.font = face.font;
        run.font_size = face.size;
        run.style = style;
        run.link = span.link;
        run.block = block_index;
        runs_.push_back(std::move(run));
        x_ += w;
    }

    void finish_line() {
        // Trailing spaces take no room at the end of a line.
        if (runs_.size() > line_start_run_) {
            MarkdownRun& last = runs_.back();
            while (!last.text.empty() && last.text.back() == ' ') {
                last.text.pop_back();
                last.size.x = measure(Face{last.font, last.font_size, false}, last.text);
            }
        }
        float height = line_height_ > 0.0f ? line_height_ : em_ * 1.4f;
        if (line_has_link_) height = std::max(height, style_.min_target_px);
        for (std::size_t i = line_start_run_; i < runs_.size(); ++i) {
            MarkdownRun& run = runs_[i];
            run.position.y = line_top_ + (height - run.size.y) / 2.0f;
            if (rtl_) run.position.x = left_ + width_ - (run.position.x - left_) - run.size.x;
        }
        line_top_ += height;
        line_start_run_ = runs_.size();
        x_ = 0.0f;
        line_height_ = 0.0f;
        line_has_link_ = false;
    }

    const MarkdownStyle& style_;
    std::vector<MarkdownRun>& runs_;
    float em_;
    std::size_t line_start_run_ = 0;
    float line_top_ = 0.0f;
    float x_ = 0.0f;
    float left_ = 0.0f;
    float width_ = 0.0f;
    float line_height_ = 0.0f;
    bool line_has_link_ = false;
    bool rtl_ = false;
};

}  // namespace

Result<MarkdownDocument> parse_markdown(std::string_view markdown) {
    Parser parser;
    MD_PARSER callbacks{};
    callbacks.abi_version = 0;
    callbacks.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML |
                      MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS;
    callbacks.enter_block = &Parser::enter_block;
    callbacks.leave_block = &Parser::leave_block;
    callbacks.enter_span = &Parser::enter_span;
    callbacks.leave_span = &Parser::leave_span;
    callbacks.text = &Parser::text;
    if (md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &callbacks, &parser) !=
        0) {
        return make_error("Markdown: md4c could not parse the text");
    }
    return std::move(parser.document);
}

std::string plain_text(const std::vector<MarkdownSpan>& spans) {
    std::string text;
    for (const auto& span : spans) text += span.text;
    return text;
}

MarkdownView::MarkdownView(MarkdownDocument document) : document_(std::move(document)) {}

void MarkdownView::layout(const MarkdownStyle& style, float available_width) {
    runs_.clear();
    link_targets_.clear();
    rules_.clear();
    table_cells_.clear();
    code_boxes_.clear();
    quote_bars_.clear();
    bullets_.clear();

    Layouter layouter(style, runs_);
    const float em = layouter.em();
    const float average_char =
        measure(Face{style.regular, em, false}, "abcdefghijklmnopqrstuvwxyz") / 26.0f;
    wrap_width_ = std::max(em, std::min(available_width, style.max_line_chars * average_char));
    const float list_indent = 1.6f * em;
    const float quote_indent = 1.2f * em;

    float y = 0.0f;
    const auto& blocks = document_.blocks;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        const MarkdownBlock& block = blocks[b];
        const int index = static_cast<int>(b);
        const float quote_left = static_cast<float>(block.quote_depth) * quote_indent;
        const float left = quote_left + static_cast<float>(block.list_depth) * list_indent;
        const float width = wrap_width_ - left;
        const bool follows_item = b > 0 && blocks[b - 1].list_depth > 0 && block.list_depth > 0;
        if (b > 0)
            y += block.kind == MarkdownBlockKind::heading ? 0.9f * em
                 : follows_item                           ? 0.3f * em
                 : block.kind == MarkdownBlockKind::table_row &&
                         blocks[b - 1].kind == MarkdownBlockKind::table_row
                     ? 0.0f
                     : 0.7f * em;
        const float top = y;

        switch (block.kind) {
            case MarkdownBlockKind::rule:
                rules_.push_back(y + 0.5f * em);
                y += em;
                break;
            case MarkdownBlockKind::table_row: {
                std::size_t columns = 1;
                for (std::size_t r = b;
                     r < blocks.size() && blocks[r].kind == MarkdownBlockKind::table_row; ++r) {
                    columns = std::max(columns, blocks[r].cells.size());
                }
                for (std::size_t r = b; r > 0 && blocks[r - 1].kind == MarkdownBlockKind::table_row;
                     --r) {
                    columns = std::max(columns, blocks[r - 1].cells.size());
                }
                const float column = width / static_cast<float>(columns);
                const float pad = 0.4f * em;
                float bottom = y + em;
                for (std::size_t c = 0; c < block.cells.size(); ++c) {
                    const float cell_left = left + column * static_cast<float>(c);
                    bottom =
                        std::max(bottom, layouter.flow(block.cells[c], block, index,
                                                       cell_left + pad, column - 2 * pad, y + pad) +
                                             pad);
                }
                for (std::size_t c = 0; c < columns; ++c) {
                    const float cell_left = left + column * static_cast<float>(c);
                    table_cells_.push_back({ImVec2(cell_left, y),
                                            ImVec2(cell_left + column, bottom), block.header_row});
                }
                y = bottom;
                break;
            }
            case MarkdownBlockKind::code_block: {
                const float pad = 0.5f * em;
                y = layouter.flow(block.spans, block, index, left + pad, width - 2 * pad, y + pad) +
                    pad;
                code_boxes_.push_back({ImVec2(left, top), ImVec2(left + width, y), false});
                break;
            }
            case MarkdownBlockKind::list_item: {
                const std::size_t first_run = runs_.size();
                y = layouter.flow(block.spans, block, index, left, width, y);
                const float first_line_mid =
                    first_run < runs_.size()
                        ? runs_[first_run].position.y + runs_[first_run].size.y / 2.0f
                        : top + 0.7f * em;
                if (block.ordered) {
                    const std::string number = std::to_string(block.number) + ".";
                    const Face face{style.regular, em, false};
                    const float w = measure(face, number);
                    MarkdownRun run;
                    run.position = ImVec2(left - 0.4f * em - w, first_line_mid - em / 2.0f);
                    run.size = ImVec2(w, em);
                    run.text = number;
                    run.font = style.regular;
                    run.font_size = em;
                    run.block = index;
                    runs_.insert(runs_.begin() + static_cast<std::ptrdiff_t>(first_run),
                                 std::move(run));
                } else {
                    // Drawn, not a glyph: the atlas holds only the glyphs the content uses.
                    const float radius = block.list_depth > 1 ? 0.14f * em : 0.18f * em;
                    bullets_.push_back({ImVec2(left - 0.8f * em, first_line_mid), radius});
                }
                break;
            }
            default:
                y = layouter.flow(block.spans, block, index, left, width, y);
                break;
        }
        if (block.quote_depth > 0) {
            for (int q = 0; q < block.quote_depth; ++q) {
                const float x = static_cast<float>(q) * quote_indent + 0.3f * em;
                quote_bars_.push_back({ImVec2(x, top), ImVec2(x + 0.2f * em, y), false});
            }
        }
    }
    height_ = y;

    for (const MarkdownRun& run : runs_) {
        if (run.link < 0) continue;
        ImVec2 min = run.position, max(run.position.x + run.size.x, run.position.y + run.size.y);
        const float grow_y = std::max(0.0f, (style.min_target_px - (max.y - min.y)) / 2.0f);
        const float grow_x = std::max(0.0f, (style.min_target_px - (max.x - min.x)) / 2.0f);
        min.x -= grow_x, max.x += grow_x, min.y -= grow_y, max.y += grow_y;
        link_targets_.push_back({min, max, run.link});
    }
}

int MarkdownView::target_at(ImVec2 p) const {
    for (std::size_t i = 0; i < link_targets_.size(); ++i) {
        const auto& t = link_targets_[i];
        if (p.x >= t.min.x && p.x < t.max.x && p.y >= t.min.y && p.y < t.max.y) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::optional<MarkdownLink> MarkdownView::draw(const MarkdownStyle& given, float width) {
    if (given.regular == nullptr) return std::nullopt;
    MarkdownStyle style = given;
    if (style.bold == style.regular) style.bold = nullptr;  // not a real bold face
    if (style.italic == style.regular) style.italic = nullptr;
    const float room = width > 0.0f ? width : ImGui::GetContentRegionAvail().x;
    const float available = std::max(room, style.regular->FontSize);
    const LayoutKey key{available,     style.regular,       style.bold,          style.italic,
                        style.heading, style.min_target_px, style.max_line_chars};
    if (!(key == key_)) {
        layout(style, available);
        key_ = key;
    }

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = draw->GetClipRectMin();
    const ImVec2 clip_max = draw->GetClipRectMax();
    auto visible = [&](ImVec2 min, ImVec2 max) {
        return max.y + origin.y >= clip_min.y && min.y + origin.y <= clip_max.y;
    };
    auto at = [&](ImVec2 p) { return ImVec2(origin.x + p.x, origin.y + p.y); };

    // Press on release: remember the link under a fresh press, forget it once the finger
    // drags, activate only when released on the same link.
    std::optional<MarkdownLink> activated;
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 mouse(io.MousePos.x - origin.x, io.MousePos.y - origin.y);
    const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        const int target = hovered ? target_at(mouse) : -1;
        pressed_link_ = target >= 0 ? link_targets_[static_cast<std::size_t>(target)].link : -1;
    }
    if (pressed_link_ >= 0 &&
        io.MouseDragMaxDistanceSqr[0] > io.MouseDragThreshold * io.MouseDragThreshold) {
        pressed_link_ = -1;
    }
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        const int target = target_at(mouse);
        if (pressed_link_ >= 0 && target >= 0 &&
            link_targets_[static_cast<std::size_t>(target)].link == pressed_link_ &&
            pressed_link_ < static_cast<int>(document_.links.size())) {
            activated = document_.links[static_cast<std::size_t>(pressed_link_)];
        }
        pressed_link_ = -1;
    }

    for (const Box& box : code_boxes_) {
        if (visible(box.min, box.max))
            draw->AddRectFilled(at(box.min), at(box.max), style.code_background, 4.0f);
    }
    for (const Box& bar : quote_bars_) {
        if (visible(bar.min, bar.max))
            draw->AddRectFilled(at(bar.min), at(bar.max), style.rule_color);
    }
    for (const Box& cell : table_cells_) {
        if (!visible(cell.min, cell.max)) continue;
        if (cell.header) draw->AddRectFilled(at(cell.min), at(cell.max), style.code_background);
        draw->AddRect(at(cell.min), at(cell.max), style.rule_color);
    }
    for (float rule_y : rules_) {
        if (visible(ImVec2(0, rule_y), ImVec2(0, rule_y))) {
            draw->AddLine(at(ImVec2(0, rule_y)), at(ImVec2(wrap_width_, rule_y)), style.rule_color,
                          2.0f);
        }
    }
    for (const Bullet& bullet : bullets_) {
        if (visible(bullet.center, bullet.center)) {
            draw->AddCircleFilled(at(bullet.center), bullet.radius, style.text_color);
        }
    }
    for (const MarkdownTarget& target : link_targets_) {
        if (!visible(target.min, target.max)) continue;
        const bool pressed = target.link == pressed_link_;
        // A visible touch area: links differ from marked emphasis by more than colour.
        draw->AddRectFilled(at(target.min), at(target.max),
                            pressed
                                ? style.pressed_color
                                : (style.pressed_color & 0x00FFFFFFu) | (0x18u << IM_COL32_A_SHIFT),
                            6.0f);
    }
    for (const MarkdownRun& run : runs_) {
        const ImVec2 max(run.position.x + run.size.x, run.position.y + run.size.y);
        if (!visible(run.position, max)) continue;
        const bool marked = (run.style & kSpanMarked) != 0;
        const ImU32 color = run.link >= 0 ? style.link_color
                            : marked      ? style.emphasis_color
                                          : style.text_color;
        if ((run.style & kSpanCode) != 0) {
            draw->AddRectFilled(at(run.position), at(max), style.code_background, 3.0f);
        }
        draw->AddText(run.font, run.font_size, at(run.position), color, run.text.data(),
                      run.text.data() + run.text.size());
        const float thickness = std::max(1.0f, run.font_size / 14.0f);
        if (run.link >= 0 || marked) {
            const float underline = max.y - thickness;
            draw->AddLine(at(ImVec2(run.position.x, underline)), at(ImVec2(max.x, underline)),
                          color, run.link >= 0 ? thickness * 1.5f : thickness);
        }
        if ((run.style & kSpanStrikethrough) != 0) {
            const float middle = run.position.y + run.size.y * 0.55f;
            draw->AddLine(at(ImVec2(run.position.x, middle)), at(ImVec2(max.x, middle)), color,
                          thickness);
        }
    }
    ImGui::Dummy(ImVec2(wrap_width_, std::max(height_, 1.0f)));
    return activated;
}

}  // namespace guichet::widgets
