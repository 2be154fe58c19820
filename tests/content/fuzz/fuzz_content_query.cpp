// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the visitor's path: whatever bytes arrive as a query, sanitising, searching a real
// store (exactly and forgiving spelling) and building snippets never fail, and every
// snippet's markers pair up.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "content/compiler.h"
#include "content/store.h"
#include "spelling.h"
#include "text_search.h"

namespace fs = std::filesystem;
using namespace guichet::content;

namespace {

ContentStore& store() {
    static std::optional<ContentStore> opened = [] {
        fs::path dir =
            fs::temp_directory_path() / ("guichet-fuzz-query-" + std::to_string(getpid()));
        fs::create_directories(dir / "src/articles");
        std::ofstream(dir / "src/languages.csv")
            << "code,native_name,base,fallback\nes,Español,yes,\nen,English,,es\n";
        std::ofstream(dir / "src/categories.csv")
            << "id,icon,types,title@es\nrights,rights,,Derechos\n";
        std::ofstream(dir / "src/articles/a.es.md")
            << "---\ntitle: Educación en São Paulo\ncategories: rights\nreviewed: 2026-01-01\n---\n"
               "La escuela pública recibe a todos. 日本語のテキスト. l'école \"quoted\" NEAR AND "
               "OR.\n";
        std::ofstream(dir / "src/articles/a.en.md")
            << "---\ntitle: Education\n---\nSchool for all.\n";
        CheckReport report;
        if (!build_store(dir / "src", dir / "c.db", report)) __builtin_trap();
        auto s = ContentStore::open(dir / "c.db");
        if (!s) __builtin_trap();
        return std::optional<ContentStore>(std::move(s).value());
    }();
    return *opened;
}

bool markers_pair(const std::string& s) {
    int depth = 0;
    for (char c : s) {
        if (c == '\x01' && ++depth > 1) return false;
        if (c == '\x02' && --depth < 0) return false;
    }
    return depth == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string query(reinterpret_cast<const char*>(data), size);
    auto sanitised = text::sanitise_query(query);
    if (sanitised.words.size() > 12) __builtin_trap();
    for (const char* lang : {"es", "en", "xx"}) {
        auto hits = store().search(query, lang, 10);
        if (!hits) __builtin_trap();
        for (const auto& hit : *hits)
            if (!markers_pair(hit.snippet)) __builtin_trap();
        // The forgiving path: corrections, sound-alike completions, help with no hits.
        auto found = store().search(query, lang, SearchOptions{.limit = 10});
        if (!found) __builtin_trap();
        for (const auto& hit : found->hits)
            if (!markers_pair(hit.snippet)) __builtin_trap();
        if (found->corrected_query.empty() != found->typed_query.empty()) __builtin_trap();
    }
    for (const auto& word : sanitised.words) {
        const std::string key = spelling::phonetic_key(word);
        if (spelling::distance(word, key, 2) > 3) __builtin_trap();
        if (spelling::deletions(key.substr(0, 16), 1).empty()) __builtin_trap();
    }
    auto cut = text::snippet(query, sanitised.words, sanitised.last_is_prefix, 8);
    if (!markers_pair(cut)) __builtin_trap();
    return 0;
}
