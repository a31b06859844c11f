// The show file's selling sections: products, catalog, flash sales, coupons,
// 满减 promotions, the run of show, the compliance gate and the session's
// targets.

#include <algorithm>
#include <fstream>
#include <sstream>

#include "hawker/studio/base/money.hpp"
#include "hawker/studio/base/translations.hpp"
#include "hawker/studio/show/catalog_csv.hpp"
#include "show_file_sections.hpp"

namespace hawker::studio {

namespace {

/// Every kind of rundown segment: how the show file spells it, and its name for people.
struct SegmentKindName {
    SegmentKind kind;
    const char* word;
    const char* key;
};
constexpr SegmentKindName kSegmentKinds[] = {
    {SegmentKind::Opening, "opening", i18n::trKey("segment_kind.opening")},
    {SegmentKind::Product, "product", i18n::trKey("segment_kind.product")},
    {SegmentKind::QA, "qa", i18n::trKey("segment_kind.qa")},
    {SegmentKind::Offer, "offer", i18n::trKey("segment_kind.offer")},
    {SegmentKind::Giveaway, "giveaway", i18n::trKey("segment_kind.giveaway")},
    {SegmentKind::Closing, "closing", i18n::trKey("segment_kind.closing")},
};

const SegmentKindName& nameOf(SegmentKind kind) {
    for (const SegmentKindName& name : kSegmentKinds)
        if (name.kind == kind) return name;
    return kSegmentKinds[1]; // every enumerator is in the table; product is the default kind
}

} // namespace

const char* toString(SegmentKind kind) {
    return nameOf(kind).word;
}

const char* segmentKindKey(SegmentKind kind) {
    return nameOf(kind).key;
}

std::optional<SegmentKind> parseSegmentKind(const std::string& text) {
    for (const SegmentKindName& name : kSegmentKinds)
        if (text == name.word) return name.kind;
    return std::nullopt;
}

ProductSpec toProductSpec(const CatalogProduct& row, const std::filesystem::path& imageBase) {
    ProductSpec product;
    product.sku = row.sku;
    product.name = row.name;
    product.category = row.category;
    product.tags = row.tags;
    product.priceCents = row.priceCents;
    product.originalPriceCents = row.originalPriceCents;
    if (!row.image.empty()) product.image = detail::resolve(imageBase, row.image);
    product.sellingPoints = row.sellingPoints;
    product.stock = row.stock;
    return product;
}

std::vector<std::string> defaultBannedWords() {
    // Absolute claims that China's Advertising Law (art. 9) forbids in ads,
    // as platforms' review guides list them.
    return {"最",       "第一", "国家级", "世界级", "顶级",     "极品",   "唯一",
            "首个",     "首选", "绝对",   "万能",   "100%",     "百分百", "史上",
            "全网最低", "独家", "永久",   "根治",   "无副作用", "特效",   "神器"};
}

namespace detail {

namespace {

/// Products from the show's catalog CSV; a bad row names its line.
void readCatalog(Fields& top, ShowSpec& show, const std::string& file) {
    const toml::table* table = top.optTable("catalog");
    if (!table) return;
    Fields f(*table, "catalog", file);
    const std::filesystem::path path = resolve(show.baseDir, f.reqString("file"));
    f.finish();
    std::ifstream in(path, std::ios::binary);
    if (!in) f.fail("file", "cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    const CatalogParse parse = parseCatalogCsv(text.str());
    if (!parse.problems.empty())
        f.fail("file", path.string() + ":" + std::to_string(parse.problems.front().line) + ": " +
                           parse.problems.front().reason + " (" + std::to_string(parse.problems.size()) +
                           " bad row(s); fix the file or import it with hawker catalog import --skip-bad)");
    show.catalogFile = path;
    for (const CatalogProduct& row : parse.products) {
        // A product the show file lists itself wins over the catalog's.
        if (!show.findProduct(row.sku)) show.products.push_back(toProductSpec(row, path.parent_path()));
    }
}

void readOffers(Fields& top, ShowSpec& show, const std::string& file) {
    forEachTable(top, "offers", file, [&](Fields& f, size_t) {
        OfferSpec offer;
        offer.id = f.reqString("id");
        if (show.findOffer(offer.id)) f.fail("id", "'" + offer.id + "' is listed twice");
        offer.sku = f.reqString("sku");
        const ProductSpec* product = show.findProduct(offer.sku);
        if (!product) f.fail("sku", "no product with sku '" + offer.sku + "'");
        offer.title = f.optString("title").value_or("限时秒杀");
        offer.dealPriceCents = f.optInt64("price_cents", -1, 1, figures::kMaxPriceCents);
        if (offer.dealPriceCents < 0) f.fail("price_cents", "missing (the deal price, in integer cents)");
        if (offer.dealPriceCents > product->priceCents)
            f.fail("price_cents",
                   "a deal price is at most the list price (" + std::to_string(product->priceCents) + ")");
        offer.quantity = f.optInt64("quantity", -1, 1, 1000000);
        if (offer.quantity < 0) f.fail("quantity", "missing (how many units the sale offers)");
        offer.perBuyerLimit = f.optInt("per_buyer_limit", 0, 0, 1000);
        offer.prelaunchSeconds = f.optInt("prelaunch_s", 10, 10, 300);
        offer.durationSeconds = f.optInt("duration_s", 300, 60, 1200);
        if (f.has("start_at_s")) offer.startAtSeconds = f.optNumber("start_at_s", 0, 0, 1e7);
        offer.variant = f.optString("variant").value_or("");
        if (offer.variant.size() > 32 || offer.variant.find(' ') != std::string::npos)
            f.fail("variant", "a short label without spaces (A, B, …)");
        show.offers.push_back(std::move(offer));
    });
}

void readCouponsAndPromotions(Fields& top, ShowSpec& show, const std::string& file) {
    forEachTable(top, "coupons", file, [&](Fields& f, size_t) {
        CouponSpec coupon;
        coupon.id = f.reqString("id");
        for (const auto& other : show.coupons)
            if (other.id == coupon.id) f.fail("id", "'" + coupon.id + "' is listed twice");
        coupon.title = f.optString("title").value_or("");
        coupon.discountCents = f.optInt64("discount_cents", -1, 1, figures::kMaxPriceCents);
        if (coupon.discountCents < 0) f.fail("discount_cents", "missing");
        coupon.minSpendCents = f.optInt64("min_spend_cents", 0, 0, figures::kMaxPriceCents);
        coupon.total = f.optInt64("total", 0, 0, 100000000);
        show.coupons.push_back(std::move(coupon));
    });
    forEachTable(top, "promotions", file, [&](Fields& f, size_t) {
        PromotionSpec promotion;
        promotion.id = f.reqString("id");
        promotion.title = f.optString("title").value_or("");
        promotion.thresholdCents = f.optInt64("threshold_cents", -1, 1, figures::kMaxPriceCents);
        if (promotion.thresholdCents < 0) f.fail("threshold_cents", "missing");
        promotion.discountCents = f.optInt64("discount_cents", -1, 1, figures::kMaxPriceCents);
        if (promotion.discountCents < 0) f.fail("discount_cents", "missing");
        if (promotion.discountCents >= promotion.thresholdCents)
            f.fail("discount_cents", "must be less than threshold_cents");
        show.promotions.push_back(std::move(promotion));
    });
}

void readRundown(Fields& top, ShowSpec& show, const std::string& file) {
    forEachTable(top, "rundown", file, [&](Fields& f, size_t) {
        SegmentSpec segment;
        const std::string kind = f.reqString("kind");
        auto parsed = parseSegmentKind(kind);
        if (!parsed)
            f.fail("kind", "expected opening, product, qa, offer, giveaway or closing, got '" + kind + "'");
        segment.kind = *parsed;
        segment.title = f.optString("title").value_or(toString(segment.kind));
        segment.plannedSeconds = f.optInt("planned_s", -1, 1, 24 * 3600);
        if (segment.plannedSeconds < 0) f.fail("planned_s", "missing (the planned duration in seconds)");
        segment.sku = f.optString("sku").value_or("");
        if (!segment.sku.empty() && !show.findProduct(segment.sku))
            f.fail("sku", "no product with sku '" + segment.sku + "'");
        segment.scene = f.optString("scene").value_or("");
        if (!segment.scene.empty() && !show.findScene(segment.scene))
            f.fail("scene", "no scene with id '" + segment.scene + "'");
        segment.offer = f.optString("offer").value_or("");
        if (!segment.offer.empty() && !show.findOffer(segment.offer))
            f.fail("offer", "no offer with id '" + segment.offer + "' in [[offers]]");
        segment.talkingPoints = stringList(f, "talking_points");
        segment.autoApply = f.optBool("auto_apply").value_or(true);
        show.rundown.push_back(std::move(segment));
    });
}

void readCompliance(Fields& top, ShowSpec& show, const std::string& file) {
    show.compliance.bannedWords = defaultBannedWords();
    const toml::table* table = top.optTable("compliance");
    if (!table) return;
    Fields f(*table, "compliance", file);
    show.compliance.approvalRequired = f.optBool("approval_required").value_or(true);
    if (f.has("banned_words")) show.compliance.bannedWords = stringList(f, "banned_words");
    for (const std::string& word : stringList(f, "extra_banned_words"))
        show.compliance.bannedWords.push_back(word);
    if (f.has("approver_roles")) {
        show.compliance.approverRoles.clear();
        for (const std::string& name : stringList(f, "approver_roles")) {
            const std::optional<Role> role = roleFromName(name);
            if (role != Role::Merchandiser && role != Role::Host)
                f.fail("approver_roles", "'" + name +
                                             "' cannot approve: the approver is a second person, a "
                                             "merchandiser or a host, never the operator who airs it");
            show.compliance.approverRoles.push_back(*role);
        }
        if (show.compliance.approverRoles.empty()) f.fail("approver_roles", "must name at least one role");
    }
    f.finish();
}

void readSession(Fields& top, ShowSpec& show, const std::string& file) {
    const toml::table* table = top.optTable("session");
    if (!table) return;
    Fields f(*table, "session", file);
    show.session.title = f.optString("title").value_or("");
    show.session.tag = f.optString("tag").value_or("");
    show.session.host = f.optString("host").value_or("");
    if (show.session.tag.size() > 64) f.fail("tag", "a tag is a short label, at most 64 bytes");
    if (show.session.host.size() > 64) f.fail("host", "a host is a name, at most 64 bytes");
    show.session.platforms = stringList(f, "platforms");
    if (const toml::table* targets = f.optTable("targets")) {
        Fields tf(*targets, "session.targets", file);
        SessionTargets& t = show.session.targets;
        if (tf.has("gmv_cents")) t.gmvCents = tf.optInt64("gmv_cents", 0, 1, 1000000000000);
        if (tf.has("uv")) t.uv = tf.optInt64("uv", 0, 1, 1000000000);
        if (tf.has("conversion_rate")) t.conversionRate = tf.optNumber("conversion_rate", 0, 0, 1);
        if (const toml::table* units = tf.optTable("units")) {
            Fields uf(*units, "session.targets.units", file);
            for (const auto& [key, value] : *units) {
                const std::string sku(key.str());
                if (!show.findProduct(sku)) uf.fail(sku, "no product with this sku");
                t.units[sku] = uf.optInt64(sku, 0, 1, 100000000);
            }
        }
        tf.finish();
    }
    f.finish();
}

} // namespace

void readProducts(Fields& top, ShowSpec& show, const std::string& file) {
    forEachTable(top, "products", file, [&](Fields& f, size_t) {
        ProductSpec product;
        product.sku = f.reqString("sku");
        if (show.findProduct(product.sku)) f.fail("sku", "'" + product.sku + "' is listed twice");
        product.name = f.reqString("name");
        product.priceCents = f.optInt64("price_cents", -1, 0, figures::kMaxPriceCents);
        if (product.priceCents < 0) f.fail("price_cents", "missing (money is in integer cents)");
        if (f.has("original_price_cents"))
            product.originalPriceCents = f.optInt64("original_price_cents", 0, 0, figures::kMaxPriceCents);
        if (auto image = f.optString("image")) product.image = resolve(show.baseDir, *image);
        product.sellingPoints = stringList(f, "selling_points");
        product.category = f.optString("category").value_or("");
        product.tags = stringList(f, "tags");
        if (f.has("stock")) product.stock = f.optInt64("stock", 0, 0, 100000000);
        product.link = f.optInt("link", 0, 0, 999);
        show.products.push_back(std::move(product));
    });
}

void readSellingSections(Fields& top, ShowSpec& show, const std::string& file) {
    readCatalog(top, show, file);
    readOffers(top, show, file);
    readCouponsAndPromotions(top, show, file);
    readRundown(top, show, file);
    readCompliance(top, show, file);
    readSession(top, show, file);
}

} // namespace detail

} // namespace hawker::studio
