// SPDX-License-Identifier: GPL-3.0-or-later
// Which installed font file covers which code points, read from each font's own cmap table
// (no fontconfig): a folder scan at start-up reads only the table directory and the cmap of
// every .ttf/.otf/.ttc, so it is fast and needs no font to be loaded whole.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "fonts/code_points.h"
#include "platform/result.h"

namespace guichet::fonts {

enum class FontStyle { regular, bold, italic, bold_italic };

struct FontFace {
    std::filesystem::path path;
    int face_index = 0;  // the face inside a .ttc collection; 0 for plain files
    std::string family;  // from the file name: "NotoSansArabic-Bold.ttf" -> "NotoSansArabic"
    FontStyle style = FontStyle::regular;
    std::vector<CodePointRange> coverage;  // ascending, disjoint
    // (hhea ascender - descender) / unitsPerEm: ImGui sizes a font by this line height, so
    // merged fonts are scaled by it to share one em size.
    float line_height_em = 1.0f;

    bool covers(char32_t code_point) const;
    std::size_t code_point_count() const;
};

// Reads the best Unicode cmap subtable (format 12 preferred, else format 4) of one face.
// Errors name the file: "/x/y.ttf: no Unicode cmap subtable".
Result<std::vector<CodePointRange>> read_cmap_coverage(const std::filesystem::path& file,
                                                       int face_index = 0);

// Debian's Noto folders: fonts-noto-core (truetype/noto) and fonts-noto-cjk (opentype/noto).
std::vector<std::filesystem::path> default_font_folders();

class FontCatalog {
  public:
    // Scans the folders (missing folders are skipped; a file that cannot be read is skipped
    // and named in skipped()). Fails only when no usable font is found at all.
    static Result<FontCatalog> scan(const std::vector<std::filesystem::path>& folders);
    static Result<FontCatalog> scan_installed() { return scan(default_font_folders()); }

    // Sorted by family, then style.
    const std::vector<FontFace>& faces() const { return faces_; }
    const FontFace* find(std::string_view family, FontStyle style) const;
    // "file: reason" for every font file the scan could not use.
    const std::vector<std::string>& skipped() const { return skipped_; }

  private:
    std::vector<FontFace> faces_;
    std::vector<std::string> skipped_;
};

}  // namespace guichet::fonts
