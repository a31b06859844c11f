#pragma once
// A timeline row's fields as stored: one JSON object whose keys are fixed
// (timelineFieldKey()), holding exactly the fields the row's kind carries.
// This is what the timeline table's fields column holds and what every
// reader decodes; the text beside it is for people only.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/show/timeline_row.hpp"

namespace hawker::studio {

/// The field's key in the stored object ("sku", "price_cents", …). Fixed:
/// stored sessions and SQL over them (json_extract) rely on it.
const char* timelineFieldKey(TimelineField field);

/// The fields `row` carries: its kind's, and for an offer row its step's.
std::vector<TimelineField> fieldsOf(const TimelineRow& row);

/// The row's fields as a JSON object with fixed keys.
nlohmann::json timelineFieldsJson(const TimelineRow& row);
/// The same as stored text. Bytes that are not UTF-8 (a message quoted from
/// a peer) are replaced, never thrown on.
std::string timelineFieldsText(const TimelineRow& row);

/// The row of kind `event` whose fields are `fields`. Nullopt (never a
/// throw) when `event` is no kind this hawker knows, or when a field the
/// kind carries is missing or of the wrong type: such a row is shown as
/// text but counts for nothing.
std::optional<TimelineRow> timelineRowFrom(std::string_view event, int64_t programMs,
                                           const nlohmann::json& fields);

/// The row with every text field passed through maskSecrets(): a field
/// keeps no stream key its text would not show.
TimelineRow withSecretsMasked(TimelineRow row);

} // namespace hawker::studio
