// SPDX-License-Identifier: GPL-3.0-or-later
// A MarkdownDocument laid out for a width and a style: words measured in their fonts and
// wrapped, right-to-left paragraphs shaped for display, each link given a touch target of at
// least min_target_px. Drawing (markdown_view.cpp) only replays the runs made here.
#include <algorithm>
#include <cfloat>

#include "fonts/bidi.h"
#include "fonts/code_points.h"
#include "widgets/markdown_view.h"

namespace guichet::widgets {
namespace {

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

}  // namespace guichet::widgets
