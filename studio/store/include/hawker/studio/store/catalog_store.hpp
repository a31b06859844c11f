#pragma once
// The product catalog in the database: imported from CSV, listed, looked up.

#include <string>
#include <vector>

#include "hawker/studio/show/catalog_csv.hpp"
#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

class CatalogStore {
public:
    explicit CatalogStore(Database& db) : m_db(db) {}
    /// Adds or updates every product in one transaction (all or nothing).
    void upsert(const std::vector<CatalogProduct>& products);
    std::vector<CatalogProduct> list();

private:
    Database& m_db;
};

} // namespace hawker::studio
