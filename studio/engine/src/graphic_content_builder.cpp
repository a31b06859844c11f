#include "hawker/studio/engine/graphic_content_builder.hpp"

#include <charconv>

#include "hawker/overlay/text_renderer.hpp"
#include "hawker/studio/base/clock.hpp"

namespace hawker::studio {

namespace {
std::string field(const SlotGraphic& graphic, const std::string& key) {
    auto found = graphic.fields.find(key);
    return found == graphic.fields.end() ? std::string() : overlay::sanitizeUtf8(found->second);
}

int64_t number(const std::string& text) {
    int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}
} // namespace

std::optional<overlay::GraphicContent> GraphicContentBuilder::build(const std::string& slot,
                                                                    const SlotGraphic& graphic,
                                                                    const ShowState& state,
                                                                    int64_t nowMs) const {
    if (graphic.kind == "card") {
        const ProductSpec* product = m_show.findProduct(graphic.sku);
        if (!product) return std::nullopt;
        overlay::ProductCardContent card;
        card.name = overlay::sanitizeUtf8(product->name);
        for (const auto& point : product->sellingPoints)
            card.sellingPoints.push_back(overlay::sanitizeUtf8(point));
        card.priceCents = product->priceCents;
        card.originalPriceCents = product->originalPriceCents;
        card.linkIndex = product->link;
        card.stockLeft = product->stock;
        if (auto live = state.live.find(product->sku); live != state.live.end()) {
            if (live->second.sold) card.soldCount = live->second.sold;
            if (live->second.stock) card.stockLeft = live->second.stock;
        }
        if (auto image = m_images.find(product->sku); image != m_images.end()) {
            card.image = image->second;
            card.imageKey = product->sku;
        }
        return card;
    }
    if (graphic.kind == "countdown") {
        auto offerIt = state.offers.find(slot);
        if (offerIt == state.offers.end()) return std::nullopt;
        const OfferState& offer = offerIt->second;
        const ProductSpec* product = m_show.findProduct(offer.sku);
        overlay::CountdownContent content;
        content.title = product ? overlay::sanitizeUtf8(product->name) : offer.sku;
        content.dealPriceCents = offer.dealPriceCents;
        if (product) content.originalPriceCents = product->priceCents;
        content.quantity = offer.quantity;
        content.remaining = offer.remaining;
        switch (offer.phase) {
        case OfferState::Phase::PreLaunch:
            content.phase = overlay::CountdownContent::Phase::PreLaunch;
            content.secondsLeft = figures::countdownSeconds(offer.launchAtMs - nowMs);
            break;
        case OfferState::Phase::OnSale:
            content.phase = overlay::CountdownContent::Phase::OnSale;
            content.secondsLeft = figures::countdownSeconds(offer.endAtMs - nowMs);
            break;
        case OfferState::Phase::SoldOut:
            content.phase = overlay::CountdownContent::Phase::SoldOut;
            break;
        case OfferState::Phase::Ended:
            content.phase = overlay::CountdownContent::Phase::Ended;
            break;
        }
        return content;
    }
    if (graphic.kind == "lower_third")
        return overlay::LowerThirdContent{field(graphic, "name"), field(graphic, "title")};
    if (graphic.kind == "banner") return overlay::BannerContent{field(graphic, "text")};
    if (graphic.kind == "nudge")
        return overlay::ThresholdNudgeContent{number(field(graphic, "threshold_cents")),
                                              number(field(graphic, "discount_cents")),
                                              field(graphic, "note")};
    if (graphic.kind == "comment")
        return overlay::PinnedCommentContent{maskViewerName(field(graphic, "viewer")),
                                             field(graphic, "text")};
    if (graphic.kind == "poll") {
        // options = "精华液:120|面霜:45"
        overlay::PollContent poll{field(graphic, "question"), {}};
        const std::string options = field(graphic, "options");
        size_t start = 0;
        while (start <= options.size() && poll.options.size() < 6) {
            const size_t end = std::min(options.find('|', start), options.size());
            const std::string item = options.substr(start, end - start);
            const size_t colon = item.rfind(':');
            if (!item.empty())
                poll.options.emplace_back(item.substr(0, colon),
                                          colon == std::string::npos ? 0 : number(item.substr(colon + 1)));
            start = end + 1;
        }
        return poll;
    }
    return std::nullopt;
}

} // namespace hawker::studio
