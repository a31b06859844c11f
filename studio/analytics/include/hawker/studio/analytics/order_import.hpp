#pragma once
// `hawker orders import`: the events of one or more export sheets stored in a
// session through EventIngest, the same writer as live events, in one
// transaction. An order the session already has from another source (the live
// webhook, `hawker ingest`, the simulator) is a duplicate, not a second sale:
// the order id is the key across sources.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hawker/studio/analytics/order_export.hpp"

namespace hawker::studio {

class EventIngest;
class Database;

struct OrderImportResult {
    size_t accepted = 0;
    size_t duplicates = 0;
    size_t outsideWindow = 0; ///< accepted sales stamped outside the session's window: kept, not counted
    size_t notPaid = 0;
    std::vector<RowRejection> rejected;
    std::vector<std::string> encodings; ///< one per sheet
    bool stored = false;                ///< false when bad rows (without skipBad) stopped the import

    /// {"accepted":N,"duplicates":N,"rejected":[{"line":L,"reason":"…"}],"outside_window":N,"encoding":"…"}
    nlohmann::json toJson(bool withFiles) const;
};

/// Converts every sheet, then, when no row was bad or `skipBad`, stores the
/// new events. `reader` is a connection to the same database (for the orders
/// the session already has).
OrderImportResult importOrderSheets(EventIngest& ingest, Database& reader, int64_t session,
                                    std::vector<Sheet> sheets, const OrderColumns& columns, bool skipBad);

} // namespace hawker::studio
