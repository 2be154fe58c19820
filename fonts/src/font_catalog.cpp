// SPDX-License-Identifier: GPL-3.0-or-later
#include "fonts/font_catalog.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <system_error>

namespace guichet::fonts {
namespace {

namespace fs = std::filesystem;

// Reads byte ranges of one file; every read is bounds-checked, so a truncated or corrupt
// font is an error, never an out-of-bounds read.
class FontFileReader {
  public:
    explicit FontFileReader(const fs::path& path) : stream_(path, std::ios::binary) {
        if (stream_) {
            stream_.seekg(0, std::ios::end);
            size_ = static_cast<std::uint64_t>(stream_.tellg());
        }
    }
    bool is_open() const { return static_cast<bool>(stream_); }

    bool read(std::uint64_t offset, std::uint64_t length, std::string& out) {
        if (offset > size_ || length > size_ - offset) return false;
        out.resize(length);
        stream_.seekg(static_cast<std::streamoff>(offset));
        stream_.read(out.data(), static_cast<std::streamsize>(length));
        return static_cast<bool>(stream_);
    }

  private:
    std::ifstream stream_;
    std::uint64_t size_ = 0;
};

std::uint16_t u16(const std::string& b, std::size_t at) {
    return static_cast<std::uint16_t>((static_cast<unsigned char>(b[at]) << 8) |
                                      static_cast<unsigned char>(b[at + 1]));
}
std::uint32_t u32(const std::string& b, std::size_t at) {
    return (std::uint32_t{u16(b, at)} << 16) | u16(b, at + 2);
}

void append_range(std::vector<CodePointRange>& out, char32_t first, char32_t last) {
    if (!out.empty() && out.back().last + 1 >= first) {
        out.back().last = std::max(out.back().last, last);
    } else {
        out.push_back({first, last});
    }
}

std::vector<CodePointRange> normalize(std::vector<CodePointRange> ranges) {
    std::sort(ranges.begin(), ranges.end(),
              [](const CodePointRange& a, const CodePointRange& b) { return a.first < b.first; });
    std::vector<CodePointRange> out;
    for (const auto& r : ranges) append_range(out, r.first, r.last);
    return out;
}

Result<std::vector<CodePointRange>> parse_format12(const std::string& t, std::size_t at) {
    if (at + 16 > t.size()) return make_error("cmap format 12 subtable truncated");
    const std::uint32_t groups = u32(t, at + 12);
    if (at + 16 + std::uint64_t{groups} * 12 > t.size()) {
        return make_error("cmap format 12 groups truncated");
    }
    std::vector<CodePointRange> ranges;
    for (std::uint32_t g = 0; g < groups; ++g) {
        const std::size_t rec = at + 16 + std::size_t{g} * 12;
        char32_t first = u32(t, rec);
        const char32_t last = std::min<char32_t>(u32(t, rec + 4), 0x10FFFF);
        const std::uint32_t start_glyph = u32(t, rec + 8);
        if (start_glyph == 0) ++first;  // the first code point maps to .notdef: not covered
        if (first <= last) ranges.push_back({first, last});
    }
    return normalize(std::move(ranges));
}

Result<std::vector<CodePointRange>> parse_format4(const std::string& t, std::size_t at) {
    if (at + 14 > t.size()) return make_error("cmap format 4 subtable truncated");
    const std::size_t seg_count = u16(t, at + 6) / 2;
    const std::size_t end_codes = at + 14;
    const std::size_t start_codes = end_codes + seg_count * 2 + 2;
    const std::size_t deltas = start_codes + seg_count * 2;
    const std::size_t range_offsets = deltas + seg_count * 2;
    if (range_offsets + seg_count * 2 > t.size()) {
        return make_error("cmap format 4 segments truncated");
    }
    std::vector<CodePointRange> ranges;
    for (std::size_t s = 0; s < seg_count; ++s) {
        const std::uint32_t end = u16(t, end_codes + s * 2);
        const std::uint32_t start = u16(t, start_codes + s * 2);
        const std::uint16_t delta = u16(t, deltas + s * 2);
        const std::uint16_t range_offset = u16(t, range_offsets + s * 2);
        if (start > end || start == 0xFFFF) continue;
        for (std::uint32_t c = start; c <= end; ++c) {
            std::uint32_t glyph = 0;
            if (range_offset == 0) {
                glyph = (c + delta) & 0xFFFF;
            } else {
                const std::size_t where = range_offsets + s * 2 + range_offset + (c - start) * 2;
                if (where + 2 > t.size()) return make_error("cmap format 4 glyph ids truncated");
                glyph = u16(t, where);
                if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
            }
            if (glyph != 0) append_range(ranges, c, c);
        }
    }
    return ranges;
}

struct FaceData {
    std::vector<CodePointRange> coverage;
    float line_height_em = 0.0f;
};

Result<FaceData> read_face(FontFileReader& file, int face_index) {
    std::string head;
    if (!file.read(0, 12, head)) return make_error("too short for a font file");
    std::uint64_t directory = 0;
    if (head.compare(0, 4, "ttcf") == 0) {
        const std::uint32_t faces = u32(head, 8);
        if (face_index < 0 || static_cast<std::uint32_t>(face_index) >= faces) {
            return make_error("collection has " + std::to_string(faces) + " faces, no face " +
                              std::to_string(face_index));
        }
        std::string offset;
        if (!file.read(12 + std::uint64_t(face_index) * 4, 4, offset)) {
            return make_error("collection header truncated");
        }
        directory = u32(offset, 0);
        if (!file.read(directory, 12, head)) return make_error("face header truncated");
    } else if (face_index != 0) {
        return make_error("not a font collection, no face " + std::to_string(face_index));
    }
    const std::uint32_t version = u32(head, 0);
    if (version != 0x00010000 && head.compare(0, 4, "OTTO") != 0 &&
        head.compare(0, 4, "true") != 0) {
        return make_error("not a TrueType/OpenType font");
    }
    const std::uint16_t table_count = u16(head, 4);
    std::string records;
    if (!file.read(directory + 12, std::uint64_t{table_count} * 16, records)) {
        return make_error("table directory truncated");
    }
    std::uint32_t cmap_offset = 0, cmap_length = 0;
    std::uint32_t head_offset = 0, head_length = 0, hhea_offset = 0, hhea_length = 0;
    for (std::size_t i = 0; i < table_count; ++i) {
        const std::uint32_t offset = u32(records, i * 16 + 8);
        const std::uint32_t length = u32(records, i * 16 + 12);
        if (records.compare(i * 16, 4, "cmap") == 0) cmap_offset = offset, cmap_length = length;
        if (records.compare(i * 16, 4, "head") == 0) head_offset = offset, head_length = length;
        if (records.compare(i * 16, 4, "hhea") == 0) hhea_offset = offset, hhea_length = length;
    }
    // ImGui (stbtt_ScaleForPixelHeight) sizes a font by hhea ascender - descender, not by its
    // em: fonts with tall line metrics (Arabic, Devanagari) come out small when merged at the
    // same pixel size, unless the atlas corrects for this ratio.
    FaceData face;
    std::string head_table, hhea_table;
    if (head_length < 20 || hhea_length < 8 || !file.read(head_offset, 20, head_table) ||
        !file.read(hhea_offset, 8, hhea_table)) {
        return make_error("no head/hhea table");
    }
    const int units_per_em = u16(head_table, 18);
    const int ascender = static_cast<std::int16_t>(u16(hhea_table, 4));
    const int descender = static_cast<std::int16_t>(u16(hhea_table, 6));
    if (units_per_em == 0 || ascender - descender <= 0) return make_error("bad head/hhea metrics");
    face.line_height_em =
        static_cast<float>(ascender - descender) / static_cast<float>(units_per_em);
    if (cmap_length == 0) return make_error("no cmap table");
    std::string cmap;
    if (!file.read(cmap_offset, cmap_length, cmap) || cmap.size() < 4) {
        return make_error("cmap table truncated");
    }
    const std::uint16_t subtables = u16(cmap, 2);
    if (4 + std::size_t{subtables} * 8 > cmap.size()) return make_error("cmap records truncated");
    // Best first: full-repertoire (format 12) Unicode tables, then BMP-only ones.
    std::size_t best_offset = 0;
    int best_rank = 0;
    for (std::size_t i = 0; i < subtables; ++i) {
        const std::uint16_t platform = u16(cmap, 4 + i * 8);
        const std::uint16_t encoding = u16(cmap, 4 + i * 8 + 2);
        const std::uint32_t offset = u32(cmap, 4 + i * 8 + 4);
        if (offset + 2 > cmap.size()) continue;
        const std::uint16_t format = u16(cmap, offset);
        const bool unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        int rank = 0;
        if (unicode && format == 12) rank = 2;
        if (unicode && format == 4) rank = 1;
        if (rank > best_rank) best_rank = rank, best_offset = offset;
    }
    if (best_rank == 0) return make_error("no Unicode cmap subtable (format 4 or 12)");
    auto coverage =
        best_rank == 2 ? parse_format12(cmap, best_offset) : parse_format4(cmap, best_offset);
    if (!coverage) return coverage.error();
    face.coverage = std::move(*coverage);
    return face;
}

bool parse_style(std::string_view suffix, FontStyle& style) {
    if (suffix == "Regular") return style = FontStyle::regular, true;
    if (suffix == "Bold") return style = FontStyle::bold, true;
    if (suffix == "Italic") return style = FontStyle::italic, true;
    if (suffix == "BoldItalic") return style = FontStyle::bold_italic, true;
    return false;
}

}  // namespace

bool FontFace::covers(char32_t code_point) const {
    auto it = std::upper_bound(coverage.begin(), coverage.end(), code_point,
                               [](char32_t c, const CodePointRange& r) { return c < r.first; });
    return it != coverage.begin() && code_point <= std::prev(it)->last;
}

std::size_t FontFace::code_point_count() const {
    std::size_t n = 0;
    for (const auto& r : coverage) n += r.last - r.first + 1;
    return n;
}

namespace {

Result<FaceData> read_face_file(const fs::path& path, int face_index) {
    FontFileReader file(path);
    if (!file.is_open()) return make_error(path.string() + ": cannot open");
    auto face = read_face(file, face_index);
    if (!face) return make_error(path.string() + ": " + face.message());
    return face;
}

}  // namespace

Result<std::vector<CodePointRange>> read_cmap_coverage(const fs::path& path, int face_index) {
    auto face = read_face_file(path, face_index);
    if (!face) return face.error();
    return std::move(face->coverage);
}

std::vector<fs::path> default_font_folders() {
    return {"/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"};
}

Result<FontCatalog> FontCatalog::scan(const std::vector<fs::path>& folders) {
    FontCatalog catalog;
    std::vector<fs::path> files;
    for (const auto& folder : folders) {
        std::error_code ec;
        if (!fs::is_directory(folder, ec)) continue;
        for (auto it = fs::recursive_directory_iterator(folder, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const auto ext = it->path().extension().string();
            if (it->is_regular_file(ec) && (ext == ".ttf" || ext == ".otf" || ext == ".ttc")) {
                files.push_back(it->path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        const std::string stem = path.stem().string();
        const auto dash = stem.rfind('-');
        FontStyle style{};
        if (dash == std::string::npos || !parse_style(stem.substr(dash + 1), style)) {
            catalog.skipped_.push_back(path.string() +
                                       ": not a Regular/Bold/Italic/BoldItalic face");
            continue;
        }
        // Collections (Noto CJK) are used through their first face only.
        auto face = read_face_file(path, 0);
        if (!face) {
            catalog.skipped_.push_back(face.message());
            continue;
        }
        catalog.faces_.push_back(FontFace{path, 0, stem.substr(0, dash), style,
                                          std::move(face->coverage), face->line_height_em});
    }
    if (catalog.faces_.empty()) {
        std::string where;
        for (const auto& f : folders) where += (where.empty() ? "" : ", ") + f.string();
        return make_error("no usable font in " + where + " (apt-get install fonts-noto-core)");
    }
    std::stable_sort(catalog.faces_.begin(), catalog.faces_.end(),
                     [](const FontFace& a, const FontFace& b) {
                         return a.family != b.family ? a.family < b.family : a.style < b.style;
                     });
    return catalog;
}

const FontFace* FontCatalog::find(std::string_view family, FontStyle style) const {
    for (const auto& face : faces_) {
        if (face.family == family && face.style == style) return &face;
    }
    return nullptr;
}

}  // namespace guichet::fonts
