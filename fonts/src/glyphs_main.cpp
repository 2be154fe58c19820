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

struct Input {
    std::string name;
    std::string text;
};

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

    std::vector<Input> inputs;
    CodePointSet all;
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
        // Line by line, so a bad byte is reported where staff can find it.
        std::istringstream lines(text);
        std::string line;
        for (int number = 1; std::getline(lines, line); ++number) {
            if (auto added = all.add_utf8(line); !added) {
                std::fprintf(stderr, "%s:%d: %s\n", name.c_str(), number, added.message().c_str());
                return 2;
            }
        }
        inputs.push_back({name, std::move(text)});
    }

    auto catalog = FontCatalog::scan(folders);
    if (!catalog) {
        std::fprintf(stderr, "guichet-glyphs: %s\n", catalog.message().c_str());
        return 2;
    }
    const FontPlan plan = plan_fonts(*catalog, all);
    if (print_plan) std::fputs(summarize(plan).c_str(), stdout);

    std::map<char32_t, const UncoveredCodePoint*> uncovered;
    for (const auto& u : plan.uncovered) uncovered[u.code_point] = &u;
    for (const auto& input : inputs) {
        std::istringstream lines(input.text);
        std::string line;
        for (int number = 1; std::getline(lines, line); ++number) {
            auto decoded = decode_utf8(line);
            CodePointSet reported;
            for (char32_t c : *decoded) {
                auto it = uncovered.find(c);
                if (it == uncovered.end() || reported.contains(c)) continue;
                reported.add(c);
                std::printf("%s:%d: %s\n", input.name.c_str(), number,
                            describe(*it->second).c_str());
            }
        }
    }
    return plan.uncovered.empty() ? 0 : 1;
}
