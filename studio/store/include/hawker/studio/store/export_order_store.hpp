#pragma once
// The platform's own record of each order, from the export files a merchant
// imports after the show (`hawker orders import`). An export row for an order
// the live webhook already delivered is a duplicate, not a second sale, so it
// never becomes an event; what the export says about that order is kept here
// all the same, so the review can reconcile the live feed against it.

#include <cstdint>
#include <string>
#include <vector>

#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

/// One order as the export has it, summed over its lines. `orderId` is the
/// main order id (a line key "A1/2" belongs to order "A1").
struct ExportOrder {
    std::string orderId;
    std::string platform;
    int64_t paidUtcMs = 0;
    int64_t paidCents = 0;
    int64_t refundedCents = 0;
    int64_t lines = 0;
    std::string file; ///< the export file's name, as given on the command line
};

class ExportOrderStore {
public:
    explicit ExportOrderStore(Database& db) : m_db(db) {}

    /// Stores `orders` in one transaction; importing an order again replaces
    /// its record (the latest export is the platform's latest word).
    void record(int64_t session, const std::vector<ExportOrder>& orders, int64_t importedUtcMs);
    /// Every export order of `session`, by order id.
    std::vector<ExportOrder> list(int64_t session);

private:
    Database& m_db;
};

} // namespace hawker::studio
