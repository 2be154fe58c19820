// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/i18n.h"

#include <algorithm>
#include <cstdlib>

#include "platform/files.h"
#include "platform/utf8.h"

namespace guichet::i18n {
namespace {

constexpr std::uint32_t kMagic = 0x950412de;
constexpr char kContextSeparator = '\x04';

// Reads the .mo's 32-bit words in the byte order its magic number announced.
class Words {
  public:
    Words(std::string_view bytes, bool swap) : bytes_(bytes), swap_(swap) {}
    std::optional<std::uint32_t> at(std::size_t offset) const {
        if (offset > bytes_.size() || bytes_.size() - offset < 4) return std::nullopt;
        const auto* p = reinterpret_cast<const unsigned char*>(bytes_.data() + offset);
        if (swap_)
            return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 |
                   std::uint32_t(p[2]) << 8 | std::uint32_t(p[3]);
        return std::uint32_t(p[3]) << 24 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[1]) << 8 |
               std::uint32_t(p[0]);
    }

  private:
    std::string_view bytes_;
    bool swap_;
};

// The header's "Field: value" line (msgid "" 's translation).
std::string header_field(std::string_view header, std::string_view field) {
    std::size_t at = 0;
    while (at < header.size()) {
        std::size_t end = header.find('\n', at);
        if (end == std::string_view::npos) end = header.size();
        const std::string_view line = header.substr(at, end - at);
        if (line.size() > field.size() && line.substr(0, field.size()) == field &&
            line[field.size()] == ':') {
            std::string_view value = line.substr(field.size() + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
                value.remove_prefix(1);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\r'))
                value.remove_suffix(1);
            return std::string(value);
        }
        at = end + 1;
    }
    return {};
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string join_key(std::string_view context, std::string_view msgid) {
    std::string key;
    key.reserve(context.size() + 1 + msgid.size());
    key.append(context).push_back(kContextSeparator);
    key.append(msgid);
    return key;
}

}  // namespace

Result<Catalog> Catalog::parse(std::string_view bytes, std::string_view origin) {
    const std::string name(origin);
    auto fail = [&](const std::string& what) -> Result<Catalog> {
        return make_error(name + ": not a usable .mo catalogue: " + what);
    };
    if (bytes.size() > kMaxCatalogBytes)
        return fail(std::to_string(bytes.size()) + " bytes, more than the " +
                    std::to_string(kMaxCatalogBytes) + " a catalogue may have");
    if (bytes.size() < 28) return fail("shorter than a .mo header (28 bytes)");

    Catalog catalog;
    auto owned = std::make_shared<const std::string>(bytes);
    const std::string_view data(*owned);
    bool swap = false;
    if (Words(data, false).at(0) != kMagic) {
        if (Words(data, true).at(0) != kMagic) return fail("wrong magic number");
        swap = true;
    }
    const Words words(data, swap);
    const std::uint32_t revision = *words.at(4);
    if ((revision >> 16) > 1) return fail("revision " + std::to_string(revision >> 16));
    const std::uint32_t count = *words.at(8);
    const std::uint32_t originals = *words.at(12);
    const std::uint32_t translations = *words.at(16);
    if (count > kMaxMessages)
        return fail(std::to_string(count) + " messages, more than " +
                    std::to_string(kMaxMessages));
    const std::uint64_t table_bytes = std::uint64_t(count) * 8;
    if (originals > data.size() || data.size() - originals < table_bytes ||
        translations > data.size() || data.size() - translations < table_bytes)
        return fail("a string table lies outside the file");

    // Entry i of a table: a length and an offset; the string must end in a NUL inside the file.
    auto string_at = [&](std::uint32_t table, std::uint32_t i) -> std::optional<std::string_view> {
        const auto length = words.at(table + std::size_t(i) * 8);
        const auto offset = words.at(table + std::size_t(i) * 8 + 4);
        if (!length || !offset) return std::nullopt;
        if (*offset >= data.size() || data.size() - *offset <= *length) return std::nullopt;
        if (data[*offset + *length] != '\0') return std::nullopt;
        return data.substr(*offset, *length);
    };

    catalog.messages_.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto original = string_at(originals, i);
        const auto translated = string_at(translations, i);
        if (!original || !translated)
            return fail("message " + std::to_string(i) + " lies outside the file");
        if (!utf8::is_valid(*original) || !utf8::is_valid(*translated))
            return fail("message " + std::to_string(i) + " is not valid UTF-8");
        if (original->empty()) {  // the header
            std::string content_type = lower_ascii(header_field(*translated, "Content-Type"));
            if (!content_type.empty() && content_type.find("charset=utf-8") == std::string::npos)
                return fail("the charset is not UTF-8 (" + content_type + ")");
            catalog.language_ = header_field(*translated, "Language");
            continue;
        }
        // msgid "\0" msgid_plural → keyed by the singular; the first form is returned.
        const std::string_view key = original->substr(0, original->find('\0'));
        const std::string_view text = translated->substr(0, translated->find('\0'));
        if (!catalog.messages_.emplace(key, text).second)
            return fail("message " + std::to_string(i) + " appears twice");
    }
    catalog.bytes_ = std::move(owned);
    return catalog;
}

Result<Catalog> Catalog::load(const std::filesystem::path& mo_file) {
    auto bytes = files::read_regular_file(mo_file, static_cast<std::int64_t>(kMaxCatalogBytes));
    if (!bytes) return bytes.error();
    return parse(*bytes, mo_file.string());
}

std::optional<std::string_view> Catalog::find(std::string_view msgid) const {
    if (auto it = messages_.find(msgid); it != messages_.end()) return it->second;
    return std::nullopt;
}

std::optional<std::string_view> Catalog::find(std::string_view context,
                                              std::string_view msgid) const {
    return find(std::string_view(join_key(context, msgid)));
}

std::optional<std::string_view> Catalog::find_context(std::string_view context) const {
    std::optional<std::pair<std::string_view, std::string_view>> first;
    for (const auto& [key, value] : messages_)
        if (key.size() > context.size() && key.substr(0, context.size()) == context &&
            key[context.size()] == '\x04' && (!first || key < first->first))
            first = std::pair{key, value};
    if (!first) return std::nullopt;
    return first->second;
}

Result<Translator> Translator::from_embedded(std::span<const EmbeddedCatalog> catalogs) {
    Translator translator;
    for (const EmbeddedCatalog& embedded : catalogs) {
        auto catalog = Catalog::parse(embedded.mo_bytes, std::string(embedded.language) + ".mo");
        if (!catalog) return catalog.error();
        translator.add(std::string(embedded.language), std::move(*catalog));
    }
    return translator;
}

Result<Translator> Translator::load_dir(const std::filesystem::path& dir) {
    std::error_code error;
    std::filesystem::directory_iterator it(dir, error);
    if (error) return make_error(dir.string() + ": cannot list the folder: " + error.message());
    Translator translator;
    for (const auto& entry : it) {
        if (entry.path().extension() != ".mo") continue;
        auto catalog = Catalog::load(entry.path());
        if (!catalog) return catalog.error();
        translator.add(entry.path().stem().string(), std::move(*catalog));
    }
    return translator;
}

void Translator::add(std::string language, Catalog catalog) {
    catalogs_.insert_or_assign(std::move(language), std::move(catalog));
}

std::vector<std::string> Translator::languages() const {
    std::vector<std::string> out;
    for (const auto& [language, catalog] : catalogs_) out.push_back(language);
    std::sort(out.begin(), out.end());
    return out;
}

const Catalog* Translator::catalog(std::string_view language) const {
    auto it = catalogs_.find(std::string(language));
    return it == catalogs_.end() ? nullptr : &it->second;
}

std::optional<std::string_view> Translator::lookup(std::string_view key,
                                                   std::string_view language) const {
    const Catalog* found = catalog(language);
    return found ? found->find(key) : std::nullopt;
}

std::string_view Translator::resolve(std::string_view key, std::string_view msgid,
                                     std::string_view language,
                                     std::span<const std::string> chain) const {
    if (auto text = lookup(key, language)) return *text;
    for (const std::string& next : chain)
        if (auto text = lookup(key, next)) return *text;
    if (auto dash = language.find('-'); dash != std::string_view::npos)
        if (auto text = lookup(key, language.substr(0, dash))) return *text;
    return msgid;
}

std::string_view Translator::translate(std::string_view msgid, std::string_view language,
                                       std::span<const std::string> chain) const {
    return resolve(msgid, msgid, language, chain);
}

std::string_view Translator::translate(std::string_view context, std::string_view msgid,
                                       std::string_view language,
                                       std::span<const std::string> chain) const {
    const std::string key = join_key(context, msgid);
    return resolve(key, msgid, language, chain);
}

bool Translator::has(std::string_view context, std::string_view msgid,
                     std::string_view language) const {
    return lookup(join_key(context, msgid), language).has_value();
}

std::string language_from_locale(std::string_view locale) {
    locale = locale.substr(0, locale.find(':'));  // LANGUAGE may list several
    locale = locale.substr(0, locale.find('.'));  // fr_FR.UTF-8
    locale = locale.substr(0, locale.find('@'));  // sr_RS@latin
    if (locale.empty() || locale == "C" || locale == "POSIX") return {};
    std::string out(locale);
    std::replace(out.begin(), out.end(), '_', '-');
    const std::size_t dash = out.find('-');
    // The kiosk and content name languages by their base subtag; a region is kept only where a
    // catalogue might be regional (pt-BR), and the caller's fallback drops it otherwise.
    std::string base = lower_ascii(out.substr(0, dash));
    if (dash == std::string::npos) return base;
    return base + "-" + out.substr(dash + 1);
}

std::string system_language() {
    for (const char* variable : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(variable);
        if (value && *value) {
            std::string language = language_from_locale(value);
            if (!language.empty()) return language;
        }
    }
    return {};
}

}  // namespace guichet::i18n
