// SPDX-License-Identifier: GPL-3.0-or-later
#include "markdown.h"

#include <md4c.h>

namespace guichet::content::markdown {
namespace {

int md_enter_block(MD_BLOCKTYPE, void*, void*) {
    return 0;
}
int md_leave_block(MD_BLOCKTYPE, void*, void* user) {
    auto* scan = static_cast<Scan*>(user);
    if (!scan->plain.empty() && scan->plain.back() != '\n') scan->plain += '\n';
    return 0;
}
int md_enter_span(MD_SPANTYPE type, void* detail, void* user) {
    if (type == MD_SPAN_A) {
        auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
        std::string href(a->href.text, a->href.size);
        if (href.rfind("item:", 0) == 0)
            static_cast<Scan*>(user)->item_links.push_back(href.substr(5));
        else
            static_cast<Scan*>(user)->other_links.push_back(href);
    } else if (type == MD_SPAN_IMG) {
        auto* img = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        static_cast<Scan*>(user)->images.emplace_back(img->src.text, img->src.size);
    }
    return 0;
}
int md_leave_span(MD_SPANTYPE, void*, void*) {
    return 0;
}
int md_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
    auto* scan = static_cast<Scan*>(user);
    if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR)
        scan->plain += ' ';
    else if (type != MD_TEXT_HTML)
        scan->plain.append(text, size);
    return 0;
}

}  // namespace

Scan scan(const std::string& body) {
    Scan scan;
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_DIALECT_GITHUB;
    parser.enter_block = md_enter_block;
    parser.leave_block = md_leave_block;
    parser.enter_span = md_enter_span;
    parser.leave_span = md_leave_span;
    parser.text = md_text;
    md_parse(body.data(), static_cast<MD_SIZE>(body.size()), &parser, &scan);
    return scan;
}

}  // namespace guichet::content::markdown
