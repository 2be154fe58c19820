// SPDX-License-Identifier: GPL-3.0-or-later
// Synthesises a corpus (default 100,000 items in 5 languages), builds the store and measures
// search latency: 1-, 2- and 3-word queries, and prefixes typed letter by letter, exact (as
// before issue 18) and forgiving spelling (what the kiosk runs), with correct and misspelled
// words.
// usage: content_bench [--items N] [--queries Q] [--workdir DIR] [--keep] [--db STORE]
//                      [--slowest N]   (also lists each set's N slowest queries, CPU ms)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "content/compiler.h"
#include "content/store.h"
#include "content/synth.h"

using namespace guichet::content;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double process_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Stats {
    double p50 = 0, p90 = 0, p99 = 0, max = 0;
    size_t n = 0;
};

Stats stats(std::vector<double> samples) {
    Stats s;
    if (samples.empty()) return s;
    std::sort(samples.begin(), samples.end());
    auto at = [&](double q) {
        return samples[std::min(samples.size() - 1, static_cast<size_t>(q * samples.size()))];
    };
    s.p50 = at(0.50);
    s.p90 = at(0.90);
    s.p99 = at(0.99);
    s.max = samples.back();
    s.n = samples.size();
    return s;
}

void print(const char* name, const Stats& wall, const Stats& cpu) {
    std::printf(
        "  %-26s n=%-5zu wall p50=%6.2f p90=%6.2f p99=%6.2f max=%6.2f ms | cpu p50=%6.2f "
        "p99=%6.2f ms\n",
        name, wall.n, wall.p50, wall.p90, wall.p99, wall.max, cpu.p50, cpu.p99);
}

// Writes the synthetic sources and builds the store, printing times and size.
bool synthesise_and_build(const fs::path& work, int items) {
    fs::remove_all(work);
    fs::create_directories(work);
    std::printf("content bench: %d items, 5 languages, workdir %s\n", items, work.c_str());

    auto t0 = Clock::now();
    auto synth =
        write_synthetic_sources(work / "src", {.items = items, .seed = 42, .mutate_percent = 0});
    if (!synth) {
        std::fprintf(stderr, "synth: %s\n", synth.message().c_str());
        return false;
    }
    std::printf("  synth sources:     %8.0f ms\n", ms_since(t0));

    t0 = Clock::now();
    double cpu0 = process_cpu_ms();
    CheckReport report;
    auto built = build_store(work / "src", work / "content.db", report);
    double build_ms = ms_since(t0);
    double build_cpu_ms = process_cpu_ms() - cpu0;
    if (!built) {
        for (size_t i = 0; i < std::min<size_t>(report.problems.size(), 10); ++i)
            std::fprintf(stderr, "%s\n", report.problems[i].to_string().c_str());
        std::fprintf(stderr, "build: %s\n", built.message().c_str());
        return false;
    }
    std::printf("  build store:       %8.0f ms wall, %8.0f ms cpu   (target < 60000 ms)\n",
                build_ms, build_cpu_ms);
    std::printf("  store size:        %8.1f MB\n",
                static_cast<double>(fs::file_size(work / "content.db")) / (1024.0 * 1024.0));

    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // numbers appear as they are measured
    int items = 100000, queries = 300;
    fs::path work = fs::temp_directory_path() / "guichet-content-bench";
    bool keep = false;
    fs::path existing;  // --db: measure search on a store already built
    int slowest = 0;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--items") && i + 1 < argc)
            items = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--queries") && i + 1 < argc)
            queries = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--workdir") && i + 1 < argc)
            work = argv[++i];
        else if (!std::strcmp(argv[i], "--db") && i + 1 < argc)
            existing = argv[++i];
        else if (!std::strcmp(argv[i], "--keep"))
            keep = true;
        else if (!std::strcmp(argv[i], "--slowest") && i + 1 < argc)
            slowest = std::atoi(argv[++i]);
        else {
            std::fprintf(
                stderr,
                "usage: %s [--items N] [--queries Q] [--workdir DIR] [--keep] [--db STORE] "
                "[--slowest N]\n",
                argv[0]);
            return 2;
        }
    }
    fs::path db = existing.empty() ? work / "content.db" : existing;
    if (existing.empty() && !synthesise_and_build(work, items)) return 1;
    auto store = ContentStore::open(db);
    if (!store) {
        std::fprintf(stderr, "open: %s\n", store.message().c_str());
        return 1;
    }
    const std::vector<std::string> langs = {"es", "en", "fr", "pt", "ht"};
    std::mt19937 random(7);
    auto pick_word = [&](const std::string& lang) {
        const auto& words = synthetic_words(lang);
        return words[random() % words.size()];
    };
    using Query = std::pair<std::string, std::string>;  // text, language
    bool forgiving = false;  // spelling correction on (SearchOptions::correct_spelling)
    size_t corrected = 0, empty = 0;
    auto measure = [&](const char* name, const std::vector<Query>& set) {
        std::vector<double> wall, cpu;
        corrected = empty = 0;
        for (const auto& [query, lang] : set) {
            auto start = Clock::now();
            double cpu_start = thread_cpu_ms();
            auto result = store->search(query, lang, {.limit = 20, .correct_spelling = forgiving});
            cpu.push_back(thread_cpu_ms() - cpu_start);
            wall.push_back(ms_since(start));
            if (!result) {
                std::fprintf(stderr, "search failed: %s\n", result.message().c_str());
                std::exit(1);
            }
            corrected += !result->corrected_query.empty();
            empty += result->hits.empty();
        }
        print(name, stats(wall), stats(cpu));
        if (slowest > 0) {
            // The tail by name: which queries a p99 is made of.
            std::vector<size_t> order(cpu.size());
            for (size_t i = 0; i < order.size(); ++i) order[i] = i;
            std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cpu[a] > cpu[b]; });
            for (size_t i = 0; i < order.size() && i < static_cast<size_t>(slowest); ++i)
                std::printf("      %7.2f ms  [%s] %s\n", cpu[order[i]], set[order[i]].second.c_str(),
                            set[order[i]].first.c_str());
        }
        return std::make_pair(wall, cpu);
    };
    // One slip of the finger in a word of four letters or more: a letter changed, left out,
    // doubled, or two swapped (ASCII positions only, so UTF-8 stays whole).
    auto misspell = [&](const std::string& word) {
        std::vector<size_t> spots;
        for (size_t i = 1; i + 1 < word.size(); ++i)
            if (static_cast<unsigned char>(word[i]) < 0x80 &&
                static_cast<unsigned char>(word[i + 1]) < 0x80)
                spots.push_back(i);
        if (word.size() < 4 || spots.empty()) return word;
        const size_t i = spots[random() % spots.size()];
        std::string out = word;
        switch (random() % 4) {
            case 0: out[i] = static_cast<char>('a' + random() % 26); break;
            case 1: out.erase(i, 1); break;
            case 2: out.insert(i, 1, out[i]); break;
            default: std::swap(out[i], out[i + 1]); break;
        }
        return out;
    };
    auto words_query = [&](int words, int q) {
        const auto& lang = langs[static_cast<size_t>(q) % langs.size()];
        std::string query;
        for (int w = 0; w < words; ++w) query += (w ? " " : "") + pick_word(lang);
        return Query{query, lang};
    };
    // Warm the page cache the way a kiosk would after its first few searches.
    {
        std::vector<Query> warm;
        for (int q = 0; q < 50; ++q) warm.push_back(words_query(1, q));
        measure("warm-up", warm);
    }
    std::vector<Query> all, all_wrong;
    std::vector<std::vector<Query>> by_words, by_words_wrong;
    for (int words = 1; words <= 3; ++words) {
        std::vector<Query> set, wrong;
        for (int q = 0; q < queries; ++q) {
            set.push_back(words_query(words, q));
            // The same query with its longest word misspelled.
            std::vector<std::string> parts;
            std::string part;
            for (char c : set.back().first + " ") {
                if (c != ' ') {
                    part += c;
                } else if (!part.empty()) {
                    parts.push_back(part);
                    part.clear();
                }
            }
            auto longest = std::max_element(parts.begin(), parts.end(), [](auto& a, auto& b) {
                return a.size() < b.size();
            });
            *longest = misspell(*longest);
            std::string joined;
            for (const auto& p : parts) joined += (joined.empty() ? "" : " ") + p;
            wrong.emplace_back(joined, set.back().second);
        }
        all.insert(all.end(), set.begin(), set.end());
        all_wrong.insert(all_wrong.end(), wrong.begin(), wrong.end());
        by_words.push_back(set);
        by_words_wrong.push_back(wrong);
    }
    std::vector<Query> typed, first_letters, typed_wrong;
    for (int q = 0; q < queries / 3; ++q) {
        auto [phrase, lang] = words_query(2, q);
        std::string wrong_phrase = phrase.substr(0, phrase.find(' ') + 1) +
                                   misspell(phrase.substr(phrase.find(' ') + 1));
        for (size_t n = 1; n <= phrase.size(); ++n) {
            if (phrase[n - 1] == ' ' || (static_cast<unsigned char>(phrase[n - 1]) & 0xC0) == 0x80)
                continue;  // keystrokes that leave an incomplete character are not sent
            typed.emplace_back(phrase.substr(0, n), lang);
            if (n <= 2) first_letters.emplace_back(phrase.substr(0, n), lang);
        }
        for (size_t n = 1; n <= wrong_phrase.size(); ++n) {
            if (wrong_phrase[n - 1] == ' ' ||
                (static_cast<unsigned char>(wrong_phrase[n - 1]) & 0xC0) == 0x80)
                continue;
            typed_wrong.emplace_back(wrong_phrase.substr(0, n), lang);
        }
    }
    for (bool mode : {false, true}) {
        forgiving = mode;
        std::printf("search latency, %s (limit 20, one hit per item, snippets included):\n",
                    mode ? "forgiving spelling (the kiosk since issue 18)"
                         : "exact words (as before issue 18)");
        for (int words = 1; words <= 3; ++words) {
            char name[64];
            std::snprintf(name, sizeof name, "%d-word queries", words);
            measure(name, by_words[static_cast<size_t>(words - 1)]);
        }
        measure("all 1-3 word queries", all);
        measure("prefix, letter by letter", typed);
        measure("  of which 1-2 letters", first_letters);
        for (int words = 1; words <= 3; ++words) {
            char name[64];
            std::snprintf(name, sizeof name, "%d-word, 1 misspelled", words);
            measure(name, by_words_wrong[static_cast<size_t>(words - 1)]);
        }
        measure("all misspelled", all_wrong);
        std::printf("  %-26s %zu of %zu corrected, %zu found nothing\n", "", corrected,
                    all_wrong.size(), empty);
        measure("misspelled, letter by letter", typed_wrong);
    }

    // List screens: a page of 50 with titles in the visitor's language (fallback included).
    std::printf("list latency (page of 50):\n");
    struct ListCase {
        const char* name;
        ItemType type;
        ItemFilter filter;
        std::int64_t offset;
    };
    const ListCase cases[] = {
        {"institutions, first page", ItemType::institution, {}, 0},
        {"institutions, page 100", ItemType::institution, {}, 5000},
        {"institutions in MX", ItemType::institution, {.country = "MX"}, 0},
        {"institutions with legal-aid", ItemType::institution, {.service = "legal-aid"}, 0},
        {"news, newest first", ItemType::news, {}, 0},
    };
    for (const auto& c : cases) {
        std::vector<double> wall, cpu;
        for (int i = 0; i < 20; ++i) {
            const auto& lang = langs[static_cast<size_t>(i) % langs.size()];
            auto start = Clock::now();
            double cpu_start = thread_cpu_ms();
            auto page = store->list(c.type, lang, c.filter, {.offset = c.offset, .limit = 50});
            cpu.push_back(thread_cpu_ms() - cpu_start);
            wall.push_back(ms_since(start));
            if (!page || page->items.empty()) {
                std::fprintf(stderr, "list %s failed or empty\n", c.name);
                return 1;
            }
        }
        print(c.name, stats(wall), stats(cpu));
    }

    // A store just opened computes a type's list order at its first list (store_lists.cpp);
    // the kiosk prepares a new store's lists on a thread of its own before it shows it.
    std::printf("first list after the store opens (institutions, page of 50; 3 opens each):\n");
    std::vector<double> first_wall, first_cpu, prepare_wall, prepare_cpu, after_wall, after_cpu;
    for (int round = 0; round < 3; ++round) {
        auto fresh = ContentStore::open(db);
        auto prepared = ContentStore::open(db);
        if (!fresh || !prepared) {
            std::fprintf(stderr, "cannot open %s again\n", db.c_str());
            return 1;
        }
        auto start = Clock::now();
        double cpu_start = thread_cpu_ms();
        auto page = fresh->list(ItemType::institution, langs[0], {}, {.limit = 50});
        first_cpu.push_back(thread_cpu_ms() - cpu_start);
        first_wall.push_back(ms_since(start));
        start = Clock::now();
        cpu_start = thread_cpu_ms();
        auto ready = prepared->prepare_lists();
        prepare_cpu.push_back(thread_cpu_ms() - cpu_start);
        prepare_wall.push_back(ms_since(start));
        start = Clock::now();
        cpu_start = thread_cpu_ms();
        auto after = prepared->list(ItemType::institution, langs[0], {}, {.limit = 50});
        after_cpu.push_back(thread_cpu_ms() - cpu_start);
        after_wall.push_back(ms_since(start));
        if (!page || !ready || !after || page->items.empty()) {
            std::fprintf(stderr, "first list failed or empty\n");
            return 1;
        }
    }
    print("first list, not prepared", stats(first_wall), stats(first_cpu));
    print("prepare_lists (all types)", stats(prepare_wall), stats(prepare_cpu));
    print("first list, prepared", stats(after_wall), stats(after_cpu));
    if (!keep && existing.empty()) fs::remove_all(work);
    return 0;
}
