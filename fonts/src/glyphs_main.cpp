// SPDX-License-Identifier: GPL-3.0-or-later
// guichet-glyphs: which characters of these UTF-8 files no installed font can draw on the
// kiosk. Prints "file:line: U+XXXX c (Script): reason" per line and character; --plan also
// prints the font plan the kiosk would build for the same text.
// Exit status: 0 every character can be drawn, 1 some cannot, 2 usage or input error.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "fonts/font_plan.h"

namespace {

using namespace guichet::fonts;

constexpr const char* kUsage =
    "usage: guichet-glyphs [--fonts DIR]... [--plan] FILE...   (FILE '-' reads standard input)\n";

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::filesystem::path> folders;
    std::vector<std::string> files;
    bool print_plan = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--fonts" && i + 1 < argc) {
            folders.emplace_back(argv[++i]);
        } else if (arg == "--plan") {
            print_plan = true;
        } else if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
            std::fprintf(stderr, "guichet-glyphs: unknown option '%s'\n%s", arg.c_str(), kUsage);
            return 2;
        } else {
            files.push_back(arg);
        }
    }
    if (files.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    if (folders.empty()) folders = default_font_folders();

    std::vector<NamedText> inputs;
    for (const auto& name : files) {
        std::string text;
        if (name == "-") {
            text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        } else {
            std::ifstream in(name, std::ios::binary);
            if (!in) {
                std::fprintf(stderr, "%s: cannot open\n", name.c_str());
                return 2;
            }
            text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        inputs.push_back({name, std::move(text)});
    }

    auto catalog = FontCatalog::scan(folders);
    if (!catalog) {
        std::fprintf(stderr, "guichet-glyphs: %s\n", catalog.message().c_str());
        return 2;
    }
    bool undrawable = false;
    for (const auto& problem : find_undrawable(inputs, *catalog)) {
        if (problem.invalid_utf8) {
            std::fprintf(stderr, "%s\n", problem.to_string().c_str());
            return 2;
        }
        std::printf("%s\n", problem.to_string().c_str());
        undrawable = true;
    }
    if (print_plan) {
        CodePointSet all;
        for (const auto& input : inputs) (void)all.add_utf8(input.text);
        std::fputs(summarize(plan_fonts(*catalog, all)).c_str(), stdout);
    }
    return undrawable ? 1 : 0;
}
