// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <cstring>

#include "markdown.h"
#include "platform/files.h"
#include "platform/image_decode.h"
#include "messages.h"
#include "source_loader.h"
#include "source_values.h"
#include "value_help.h"

namespace guichet::content::sources {
namespace fs = std::filesystem;

bool is_picture_file(const std::string& name) {
    std::string lower;
    for (char c : name) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (const char* ext : {".png", ".jpg", ".jpeg"})
        if (lower.size() > std::strlen(ext) && lower.ends_with(ext)) return true;
    return false;
}

void Loader::load_markdown_folder(const std::string& folder, ItemType type) {
    fs::path path = dir_ / folder;
    if (!fs::is_directory(path)) return;
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(path)) {
        std::string name = entry.path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    // id → lang → (file name, front matter)
    std::map<std::string, std::map<std::string, std::pair<std::string, FrontMatter>>> files;
    for (const auto& name : names) {
        std::string relative = folder + "/" + name;
        // A FIFO, a device or a symlink leading out is refused when it is read, with its reason.
        std::error_code ec;
        if (fs::is_directory(fs::symlink_status(path / name, ec))) {
            problems_.add(relative, 0, messages::tr("unexpected folder (items are files named ID.LANG.md)"));
            continue;
        }
        // A picture beside the pages that show it: checked when a page names it.
        if (is_picture_file(name)) continue;
        // ID.LANG.md
        bool named_well = name.size() > 3 && name.substr(name.size() - 3) == ".md";
        std::string stem = named_well ? name.substr(0, name.size() - 3) : name;
        auto dot = stem.rfind('.');
        if (!named_well || dot == std::string::npos) {
            problems_.add(relative, 0, messages::tr("file name must be ID.LANG.md (for example rights.es.md)"));
            continue;
        }
        std::string id = stem.substr(0, dot), lang = stem.substr(dot + 1);
        if (!check_id(id, relative, 0)) continue;
        if (!language_codes_.count(lang)) {
            problems_.add(relative, 0, messages::trf("language '{1}' is not in languages.csv", {lang}));
            continue;
        }
        auto text = read(relative);
        if (!text) continue;
        files[id][lang] = {relative, parse_front_matter(*text, relative, problems_)};
    }
    for (auto& [id, by_lang] : files) {
        auto base = by_lang.find(set_.base_language);
        if (base == by_lang.end()) {
            const auto& some = by_lang.begin()->second.first;
            problems_.add(some, 1,
                          messages::trf("missing base-language text: no {1}",
                                        {folder + "/" + id + "." + set_.base_language + ".md"}));
            continue;
        }
        Item item;
        item.type = type;
        item.id = id;
        item.file = base->second.first;
        item.line = 1;
        for (auto& [lang, entry] : by_lang) {
            auto& [file, fm] = entry;
            if (!fm.ok) continue;
            bool is_base = lang == set_.base_language;
            read_markdown_item(item, lang, file, fm, is_base);
        }
        add_item(std::move(item));
    }
}

void Loader::read_markdown_item(Item& item, const std::string& lang, const std::string& file,
                                FrontMatter& fm, bool is_base) {
    std::set<std::string> allowed = {"title", "summary"};
    std::set<std::string> shared = {"categories", "tags", "reviewed"};
    if (item.type == ItemType::news) shared.insert({"date", "kind"});
    if (item.type == ItemType::programme)
        shared.insert(
            {"kind", "host_countries", "origin_countries", "sector", "season", "official_link"});
    for (auto& [key, entry] : fm.values) {
        if (allowed.count(key)) continue;
        if (shared.count(key)) {
            if (!is_base)
                problems_.add(file, entry.second,
                              messages::trf("'{1}' belongs in the base-language file only ({2})",
                                            {key, item.id + "." + set_.base_language + ".md"}));
            continue;
        }
        problems_.add(file, entry.second, messages::trf("unknown key '{1}'", {key}));
    }
    auto value = [&](const std::string& key) {
        auto it = fm.values.find(key);
        return it == fm.values.end() ? std::string() : it->second.first;
    };
    auto line_of = [&](const std::string& key) {
        auto it = fm.values.find(key);
        return it == fm.values.end() ? 1 : it->second.second;
    };
    Texts texts;
    texts.title = value("title");
    texts.summary = value("summary");
    texts.body = fm.body;
    while (!texts.body.empty() &&
           (texts.body.back() == '\n' || texts.body.back() == ' ' || texts.body.back() == '\r'))
        texts.body.pop_back();
    if (texts.title.empty()) problems_.add(file, 1, messages::tr("missing key 'title'"));
    markdown::Scan scan = markdown::scan(texts.body);
    texts.body_plain = scan.plain;
    for (const auto& target : scan.item_links) {
        int line = fm.body_line;
        // Point at the line that holds the link.
        size_t at = texts.body.find("item:" + target);
        if (at != std::string::npos)
            line += static_cast<int>(
                std::count(texts.body.begin(), texts.body.begin() + static_cast<long>(at), '\n'));
        pending_links_.push_back({target, file, line});
    }
    auto line_holding = [&](const std::string& needle) {
        size_t at = texts.body.find(needle);
        return fm.body_line +
               (at == std::string::npos
                    ? 0
                    : static_cast<int>(std::count(
                          texts.body.begin(), texts.body.begin() + static_cast<long>(at), '\n')));
    };
    // The column (in characters) where the target starts, on the line line_holding gives.
    auto column_holding = [&](const std::string& needle) {
        size_t at = texts.body.find(needle);
        if (at == std::string::npos) return 0;
        size_t start = texts.body.rfind('\n', at);
        start = start == std::string::npos ? 0 : start + 1;
        int column = 1;
        for (size_t i = start; i <= at; ++i)  // code points up to the '(' and one past it
            column += (static_cast<unsigned char>(texts.body[i]) & 0xC0) != 0x80;
        return column;
    };
    // A kiosk has no browser: a link is shown as a QR code for the visitor's phone, which needs
    // a whole address.
    for (const auto& target : scan.other_links)
        if (!is_link(target))
            problems_.add(
                file, line_holding("(" + target),
                messages::trf("link '{1}' is not a whole address (https://, http://, mailto: or "
                              "tel:)",
                              {target}) +
                    (target.find('.') != std::string::npos && target.find(':') == std::string::npos
                         ? messages::trf("; write '{1}'", {"https://" + target})
                         : ""),
                column_holding("(" + target));
    for (const auto& source : scan.images) {
        size_t before = report_.problems.size();
        check_image(source, file, line_holding("(" + source));
        for (size_t i = before; i < report_.problems.size(); ++i)
            report_.problems[i].column = column_holding("(" + source);
    }
    if (is_base) {
        if (trim(texts.body).empty())
            problems_.add(file, fm.body_line,
                          messages::tr("missing body text after the front matter"));
        item.reviewed = value("reviewed");
        check_reviewed(item.reviewed, file, line_of("reviewed"));
        if (!fm.values.count("categories")) problems_.add(file, 1, messages::tr("missing key 'categories'"));
        check_categories(item, value("categories"), line_of("categories"));
        if (fm.values.count("categories") && item.categories.empty())
            problems_.add(file, line_of("categories"), messages::tr("categories is empty"));
        item.tags = split_list(value("tags"));
        item.kind = value("kind");
        if (item.type == ItemType::news) {
            item.date = value("date");
            check_reviewed(item.date, file, line_of("date"), "date");
            if (!item.kind.empty() && !kNewsKinds.count(item.kind))
                problems_.add(file, line_of("kind"),
                              messages::trf("unknown kind '{1}'", {item.kind}) +
                                  did_you_mean(item.kind, kNewsKinds));
        }
        if (item.type == ItemType::programme) {
            if (item.kind.empty())
                problems_.add(file, 1, messages::tr("missing key 'kind'"));
            else if (!kProgrammeKinds.count(item.kind))
                problems_.add(file, line_of("kind"),
                              messages::trf("unknown kind '{1}'", {item.kind}) +
                                  did_you_mean(item.kind, kProgrammeKinds));
            item.host_countries = split_list(value("host_countries"));
            item.origin_countries = split_list(value("origin_countries"));
            check_countries(item.host_countries, file, line_of("host_countries"), "country");
            check_countries(item.origin_countries, file, line_of("origin_countries"), "country");
            item.sector = value("sector");
            item.code_places["programme"] = {line_of("kind"), 0};
            item.code_places["sector"] = {line_of("sector"), 0};
            item.season = value("season");
            item.official_link = value("official_link");
            if (!item.official_link.empty() && !is_url(item.official_link))
                problems_.add(file, line_of("official_link"),
                              messages::trf("official_link is not a web address (http:// or "
                                            "https://): '{1}'",
                                            {item.official_link}));
            if (!item.host_countries.empty()) item.country = item.host_countries.front();
        }
    }
    item.texts[lang] = std::move(texts);
}

// ---- CSV items -----------------------------------------------------------------------

// An image is a file beside the Markdown file (or below it), PNG or JPEG, of a size a kiosk
// board can decode.
void Loader::check_image(const std::string& source, const std::string& file, int line) {
    if (is_link(source) && source.rfind("http", 0) == 0) {
        problems_.add(file, line,
                      messages::trf("image '{1}' is on the internet, which a kiosk does not "
                                    "reach: put the file in the content folder and give its path",
                                    {source}));
        return;
    }
    fs::path relative = fs::path(file).parent_path() / source;
    fs::path normal = relative.lexically_normal();
    if (source.empty() || fs::path(source).is_absolute() || normal.string().rfind("..", 0) == 0) {
        problems_.add(file, line,
                      messages::trf("image '{1}' must be a path inside the content folder",
                                    {source}));
        return;
    }
    if (!fs::exists(dir_ / normal)) {
        problems_.add(file, line,
                      messages::trf("image '{1}' is missing (looked for {2})",
                                    {source, normal.string()}));
        return;
    }
    auto bytes = folder_->read(normal.string(), kMaxImageBytes + 1);
    if (!bytes) {
        problems_.add(file, line,
                      messages::trf("image '{1}' cannot be read ({2}); an image may have at most "
                                    "{3} MiB",
                                    {source, bytes.message(), std::to_string(kMaxImageBytes >> 20)}));
        return;
    }
    fingerprint_parts_.push_back(normal.string() + '\0' + *bytes);
    bool png = bytes->rfind("\x89PNG\r\n\x1a\n", 0) == 0;
    bool jpeg = bytes->rfind("\xFF\xD8\xFF", 0) == 0;
    if (!png && !jpeg) {
        problems_.add(file, line,
                      messages::trf("image '{1}' is not a PNG or JPEG file: save it as one",
                                    {source}));
        return;
    }
    // The header only: a damaged file, or one whose pixels a board cannot hold (a 4 MiB PNG
    // can unpack to gigabytes), is refused here rather than on a kiosk.
    image::Limits limits;
    limits.max_width = kMaxImageSide;
    limits.max_height = kMaxImageSide;
    limits.max_input_bytes = static_cast<std::size_t>(kMaxImageBytes);
    const std::span<const std::uint8_t> data(reinterpret_cast<const std::uint8_t*>(bytes->data()),
                                             bytes->size());
    auto header = image::peek(data, limits);
    if (!header) {
        const auto size = image::peek(data, image::Limits{1 << 30, 1 << 30, limits.max_input_bytes});
        if (size && (size->width > kMaxImageSide || size->height > kMaxImageSide))
            problems_.add(file, line,
                          messages::trf("image '{1}' is {2} px; an image may have at most {3} px "
                                        "a side: save it smaller",
                                        {source,
                                         std::to_string(size->width) + "x" +
                                             std::to_string(size->height),
                                         std::to_string(kMaxImageSide)}));
        else
            problems_.add(file, line,
                          messages::trf("image '{1}' is damaged ({2}): open it in an image editor "
                                        "and save it again",
                                        {source, header.message()}));
        return;
    }
    ImageFile& picture = set_.images[normal.string()];
    picture.path = normal.string();
    picture.format = header->format == image::Format::png ? "png" : "jpeg";
    picture.width = header->width;
    picture.height = header->height;
    picture.bytes = std::move(*bytes);
}

}  // namespace guichet::content::sources
