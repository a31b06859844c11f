#pragma once
// The orders seen live (webhooks, ingest, the simulator) against the
// platform's export imported after the show: which orders both have with the
// same amount, which only one of them has, and which amounts differ. A
// merchandiser closes the show's books with it; a difference is either a
// message the platform never delivered, an order changed after the show, or
// a live amount that was never known (TikTok Shop's messages carry none).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace hawker::studio {

class Database;

enum class ReconciledState { Matched, OnlyLive, OnlyExport, AmountDiffers };
const char* toString(ReconciledState state);

/// One main order id, as each side has it.
struct ReconciledOrder {
    std::string orderId;
    ReconciledState state = ReconciledState::Matched;
    std::optional<int64_t> liveCents;   ///< paid, summed over its lines; none when not seen live
    std::optional<int64_t> exportCents; ///< paid in the export; none when not in any export
    std::string liveOrigin;             ///< "live webhook", "ingest", … (empty when not seen live)
};

struct OrderReconciliation {
    size_t exportOrders = 0; ///< 0: no export was imported for the session
    size_t liveOrders = 0;
    std::map<ReconciledState, size_t> counts;
    std::map<ReconciledState, int64_t> liveCents, exportCents;
    std::map<std::string, size_t> ordersByOrigin; ///< every paid order, by the origin of its first event
    std::vector<ReconciledOrder> differences;     ///< not matched, by order id, at most kMaxListed
    size_t unlisted = 0;                          ///< differences past kMaxListed

    static constexpr size_t kMaxListed = 200;
    nlohmann::json toJson() const;
};

/// Reads the session's paid orders and export records. Throws StoreError.
OrderReconciliation reconcileOrders(Database& db, int64_t session);

} // namespace hawker::studio
