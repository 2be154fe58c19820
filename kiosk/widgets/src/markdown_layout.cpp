// SPDX-License-Identifier: GPL-3.0-or-later
// A MarkdownDocument laid out for a width and a style: each block shaped, wrapped by its fonts'
// widths and reordered per line (fonts/paragraph.h); a right-to-left block is mirrored whole
// (lines aligned right, list marks, indents, quote bars and table columns on the right); each
// link given a touch target of at least min_target_px; each picture sized to the column
// (picture_size) with its caption beneath. Drawing (markdown_view.cpp) only replays the runs
// made here.
#include <algorithm>
#include <cfloat>

#include "fonts/paragraph.h"
#include "widgets/markdown_view.h"

namespace guichet::widgets {
namespace {

// How deep nesting is drawn before it is flattened (see layout()).
constexpr int kMaxDrawnQuoteDepth = 4;
constexpr int kMaxDrawnListDepth = 6;

struct Face {
    ImFont* font = nullptr;
    float size = 0.0f;
    bool marked = false;  // no real font for this style: colour plus underline
};

fonts::TextDirection block_direction(const MarkdownBlock& block) {
    if (block.kind == MarkdownBlockKind::table_row) {
        std::string cells;
        for (const auto& cell : block.cells) cells += plain_text(cell) + " ";
        return fonts::first_strong_direction(cells);
    }
    return fonts::first_strong_direction(plain_text(block.spans));
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

    // Flows spans into lines inside [left, left + width) from top; returns the bottom. The
    // block's text is laid out as one paragraph (fonts/paragraph.h): shaped, wrapped by the
    // widths of each span's font, and each line reordered on its own; runs split where the
    // span changes, so each run has one style. A right-to-left block aligns its lines right.
    float flow(const std::vector<MarkdownSpan>& spans, const MarkdownBlock& block, int block_index,
               float left, float width, float top, bool rtl) {
        std::string text;
        std::vector<std::size_t> starts;
        std::vector<Face> faces;
        for (const MarkdownSpan& span : spans) {
            starts.push_back(text.size());
            faces.push_back(face_for(span.style, block));
            text += span.text;
        }
        if (text.empty()) return top;
        auto span_at = [&](std::size_t byte) {
            const auto it = std::upper_bound(starts.begin(), starts.end(), byte);
            return static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, it - starts.begin() - 1));
        };
        fonts::LayoutOptions options;
        options.wrap_width = std::max(width, em_);
        options.direction = rtl ? fonts::TextDirection::right_to_left
                                : fonts::TextDirection::left_to_right;
        options.breaks.assign(starts.begin() + 1, starts.end());
        auto lines = fonts::layout_text(
            text,
            [&](char32_t c, std::size_t byte) {
                const Face& face = faces[span_at(byte)];
                return face.font->GetCharAdvance(static_cast<ImWchar>(c > 0xFFFF ? 0xFFFD : c)) *
                       face.size / face.font->FontSize;
            },
            options);
        if (!lines) return top;  // md4c hands over valid UTF-8; nothing to draw otherwise
        float y = top;
        for (const fonts::TextLine& line : *lines) {
            float height = 0.0f;
            bool has_link = false;
            for (const fonts::VisualRun& run : line.runs) {
                const std::size_t span = span_at(run.source_begin);
                height = std::max(height, faces[span].size * 1.4f);
                has_link = has_link || spans[span].link >= 0;
            }
            if (height == 0.0f) height = faces[span_at(line.source_begin)].size * 1.4f;
            if (has_link) height = std::max(height, style_.min_target_px);
            const float line_left = line.right_to_left ? left + width - line.width : left;
            for (const fonts::VisualRun& piece : line.runs) {
                const std::size_t span = span_at(piece.source_begin);
                const Face& face = faces[span];
                MarkdownRun run;
                run.position = ImVec2(line_left + piece.x, y + (height - face.size) / 2.0f);
                run.size = ImVec2(piece.width, face.size);
                run.text = piece.text;
                run.font = face.font;
                run.font_size = face.size;
                run.style = spans[span].style | (face.marked ? kSpanMarked : 0u);
                run.link = spans[span].link;
                run.block = block_index;
                run.source_begin = piece.source_begin;
                run.source_end = piece.source_end;
                run.right_to_left = piece.right_to_left;
                runs_.push_back(std::move(run));
            }
            y += height;
        }
        return y;
    }

  private:
    const MarkdownStyle& style_;
    std::vector<MarkdownRun>& runs_;
    float em_;
};

}  // namespace

ImVec2 picture_size(int width, int height, float column, const MarkdownStyle& style) {
    if (width <= 0 || height <= 0 || column <= 0.0f) return ImVec2(0, 0);
    const float w = static_cast<float>(width), h = static_cast<float>(height);
    float scale = std::min(column / w, std::max(style.max_picture_scale, 0.0f));
    if (style.max_picture_height > 0.0f) scale = std::min(scale, style.max_picture_height / h);
    return ImVec2(w * scale, h * scale);
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
    picture_boxes_.clear();

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
        // Nesting deeper than a page needs is drawn flat past these depths: every level's text
        // is still shown, but the indent stops growing, so the text keeps at least half the
        // width instead of running off the side (a hostile or broken page is read in full).
        const int quotes = std::min(block.quote_depth, kMaxDrawnQuoteDepth);
        const int lists = std::min(block.list_depth, kMaxDrawnListDepth);
        const float quote_left = static_cast<float>(quotes) * quote_indent;
        const float left = std::min(quote_left + static_cast<float>(lists) * list_indent,
                                    wrap_width_ / 2.0f);
        const float width = wrap_width_ - left;
        // The block's direction is its first strong letter's: an Arabic paragraph in a Spanish
        // article reads from the right, and the other way round.
        const bool rtl = block_direction(block) == fonts::TextDirection::right_to_left;
        // x of a box [x, x + w) laid out from the left, in this block's direction.
        auto place = [&](float x, float w) { return rtl ? wrap_width_ - x - w : x; };
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
                    const float cell_left = place(left + column * static_cast<float>(c), column);
                    bottom = std::max(bottom,
                                      layouter.flow(block.cells[c], block, index, cell_left + pad,
                                                    column - 2 * pad, y + pad, rtl) +
                                          pad);
                }
                for (std::size_t c = 0; c < columns; ++c) {
                    const float cell_left = place(left + column * static_cast<float>(c), column);
                    table_cells_.push_back({ImVec2(cell_left, y),
                                            ImVec2(cell_left + column, bottom), block.header_row});
                }
                y = bottom;
                break;
            }
            case MarkdownBlockKind::code_block: {
                const float pad = 0.5f * em;
                y = layouter.flow(block.spans, block, index, place(left, width) + pad,
                                  width - 2 * pad, y + pad, rtl) +
                    pad;
                code_boxes_.push_back(
                    {ImVec2(place(left, width), top), ImVec2(place(left, width) + width, y), false});
                break;
            }
            case MarkdownBlockKind::list_item: {
                const std::size_t first_run = runs_.size();
                y = layouter.flow(block.spans, block, index, place(left, width), width, y, rtl);
                const float first_line_mid =
                    first_run < runs_.size()
                        ? runs_[first_run].position.y + runs_[first_run].size.y / 2.0f
                        : top + 0.7f * em;
                if (block.ordered) {
                    // "1." before the text: ".1" drawn on the right of a right-to-left item.
                    const std::string number =
                        rtl ? "." + std::to_string(block.number) : std::to_string(block.number) + ".";
                    const Face face{style.regular, em, false};
                    const float w = measure(face, number);
                    MarkdownRun run;
                    run.position =
                        ImVec2(place(left - 0.4f * em - w, w), first_line_mid - em / 2.0f);
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
                    bullets_.push_back({ImVec2(place(left - 0.8f * em, 0.0f), first_line_mid), radius});
                }
                break;
            }
            case MarkdownBlockKind::image: {
                // At the start edge of its column, its alt text beneath as the caption (the
                // caption's own direction: an Arabic one from the right); a picture that cannot
                // be shown is its alt text in a frame.
                const auto given = given_pictures_.find(index);
                const MarkdownPicture picture =
                    given == given_pictures_.end() ? MarkdownPicture{} : given->second;
                const ImVec2 size = picture.texture || picture.loading
                                        ? picture_size(picture.width, picture.height, width, style)
                                        : ImVec2(0, 0);
                if (size.x >= 1.0f && size.y >= 1.0f) {
                    const float x = place(left, size.x);
                    picture_boxes_.push_back({ImVec2(x, y), ImVec2(x + size.x, y + size.y), index,
                                              false, picture.texture,
                                              !picture.texture && picture.loading});
                    y += size.y;
                    if (!block.spans.empty())
                        y = layouter.flow(block.spans, block, index, place(left, width), width,
                                          y + 0.3f * em, rtl);
                } else {
                    const float pad = 0.5f * em;
                    const float bottom =
                        layouter.flow(block.spans, block, index, place(left, width) + pad,
                                      width - 2 * pad, y + pad, rtl);
                    y = std::max(bottom + pad, y + 2.0f * em);
                    picture_boxes_.push_back({ImVec2(place(left, width), top),
                                              ImVec2(place(left, width) + width, y), index, true,
                                              nullptr});
                }
                break;
            }
            default:
                y = layouter.flow(block.spans, block, index, place(left, width), width, y, rtl);
                break;
        }
        if (quotes > 0) {
            for (int q = 0; q < quotes; ++q) {
                const float x = place(static_cast<float>(q) * quote_indent + 0.3f * em, 0.2f * em);
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
