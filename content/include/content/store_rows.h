// SPDX-License-Identifier: GPL-3.0-or-later
// A content store as a row image: every row of every table in storage order, as a flat stream
// with no page numbers or pointers, leaving out what a store derives (the word index and
// term_stats). A small edit of the content changes only the bytes of the rows it touches, so
// sync publishes and patches images, and a kiosk builds its store from one.
#pragma once

#include <cstdint>
#include <filesystem>

#include "platform/result.h"

namespace guichet::content {

struct RowImageSummary {
    std::int64_t tables = 0;
    std::int64_t rows = 0;
    std::int64_t bytes = 0;  // size of the image
};

// Writes the image of `store` to `out` (replaced). Same rows, same bytes.
Result<RowImageSummary> export_store_rows(const std::filesystem::path& store,
                                          const std::filesystem::path& out);

// Builds a new store at `out` (replaced) from an image: the schema, every row, the indexes,
// then the derived word index. Exporting the result gives the same image back. A damaged or
// foreign image is an error and leaves no file at `out`.
Result<RowImageSummary> build_store_from_rows(const std::filesystem::path& image,
                                              const std::filesystem::path& out);

}  // namespace guichet::content
