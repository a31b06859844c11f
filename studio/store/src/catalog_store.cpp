#include "hawker/studio/store/catalog_store.hpp"

#include "hawker/studio/store/session_store.hpp"

namespace hawker::studio {

namespace {
std::string joinLines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : "\n") + item;
    return out;
}
std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> items;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = std::min(text.find('\n', start), text.size());
        items.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return items;
}
} // namespace

void CatalogStore::upsert(const std::vector<CatalogProduct>& products) {
    m_db.transaction([&] {
        Statement insert = m_db.prepare(
            "INSERT INTO products (sku, name, category, price_cents, original_price_cents, image, "
            "selling_points, "
            "stock, tags, updated_utc_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
            "ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category, "
            "price_cents = excluded.price_cents, original_price_cents = excluded.original_price_cents, "
            "image = excluded.image, selling_points = excluded.selling_points, stock = excluded.stock, "
            "tags = excluded.tags, updated_utc_ms = excluded.updated_utc_ms");
        const int64_t now = nowUtcMs();
        for (const CatalogProduct& p : products) {
            insert.bind(1, p.sku).bind(2, p.name).bind(3, p.category).bind(4, p.priceCents);
            insert.bind(5, p.originalPriceCents).bind(6, p.image).bind(7, joinLines(p.sellingPoints));
            insert.bind(8, p.stock).bind(9, joinLines(p.tags)).bind(10, now);
            insert.run();
        }
    });
}

std::vector<CatalogProduct> CatalogStore::list() {
    Statement select = m_db.prepare("SELECT sku, name, category, price_cents, original_price_cents, image, "
                                    "selling_points, stock, tags FROM products ORDER BY sku");
    std::vector<CatalogProduct> products;
    while (select.step()) {
        CatalogProduct p;
        p.sku = select.text(0);
        p.name = select.text(1);
        p.category = select.text(2);
        p.priceCents = select.integer(3);
        p.originalPriceCents = select.optionalInteger(4);
        p.image = select.text(5);
        p.sellingPoints = splitLines(select.text(6));
        p.stock = select.optionalInteger(7);
        p.tags = splitLines(select.text(8));
        products.push_back(std::move(p));
    }
    return products;
}

} // namespace hawker::studio
