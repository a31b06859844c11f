#pragma once
// LEGACY ONLY. Up to schema version 4 a timeline row was stored as its event
// name and its text; the fields were only in the words. Schema 5 stores them
// (timeline_table.hpp). This is the one place that reads the old words, once
// per row, in the migration to schema 5. Nothing else may read a timeline
// row's text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hawker/studio/show/timeline_row.hpp"
#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

/// The typed row an older hawker meant by `event` and `detail`; nullopt when
/// the words do not have the shape it wrote. graphic_hidden and database
/// rows stay untyped: their words do not say which field is which (a sku or
/// a graphic's kind; seconds rounded to a tenth), and no reader needs them.
std::optional<TimelineRow> legacyTimelineRow(std::string_view event, const std::string& detail,
                                             int64_t programMs);

/// Gives every stored row whose fields are NULL its fields, read from its
/// text by legacyTimelineRow() ("{}" when its words have no known shape).
/// Runs in the caller's transaction. Returns how many rows it looked at.
size_t fillLegacyTimelineFields(Database& db);

} // namespace hawker::studio
