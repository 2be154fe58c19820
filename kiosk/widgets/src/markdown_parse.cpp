// SPDX-License-Identifier: GPL-3.0-or-later
// Markdown text to MarkdownDocument: md4c's callbacks gathered into blocks of styled spans,
// entities decoded, links to other items ("item:ID") told from links out of the kiosk.
#include <algorithm>
#include <cstdlib>

#include <md4c.h>

#include "fonts/code_points.h"
#include "widgets/markdown_view.h"

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
    // Inside ![alt](src): 1 for a picture of its own block (its alt text is the block's spans),
    // deeper for a picture in a picture's alt text or in a table cell (its alt text flows on).
    int image_depth_ = 0;
    bool image_block_open_ = false;
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
            case MD_SPAN_IMG:
                if (delta > 0) {
                    const bool in_table =
                        text_block_ >= 0 &&
                        document.blocks[static_cast<std::size_t>(text_block_)].kind ==
                            MarkdownBlockKind::table_row;
                    if (image_depth_++ == 0 && !in_table) {
                        // A picture is a block of its own: text before it stays in its
                        // paragraph, text after it starts another.
                        const auto* img = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
                        // A paragraph holding nothing yet becomes the picture's block.
                        const bool reuse =
                            text_block_ >= 0 &&
                            document.blocks[static_cast<std::size_t>(text_block_)].kind ==
                                MarkdownBlockKind::paragraph &&
                            document.blocks[static_cast<std::size_t>(text_block_)].spans.empty();
                        if (!reuse) text_block_ = new_block(MarkdownBlockKind::paragraph);
                        MarkdownBlock& block =
                            document.blocks[static_cast<std::size_t>(text_block_)];
                        block.kind = MarkdownBlockKind::image;
                        block.image_source.assign(img->src.text, img->src.size);
                        image_block_open_ = true;
                    }
                } else if (image_depth_ > 0 && --image_depth_ == 0 && image_block_open_) {
                    image_block_open_ = false;
                    text_block_ = -1;
                    item_awaits_paragraph_ = false;
                }
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
        // A picture's caption is not a link, even when the picture is inside one.
        const int link = links_.empty() || image_block_open_ ? -1 : links_.back();
        // The line break or spaces after a picture are no paragraph of their own.
        if (text_block_ < 0) {
            const auto first = text.find_first_not_of(" \n");
            if (first == std::string_view::npos) return;
            text.remove_prefix(first);
        }
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

}  // namespace guichet::widgets
