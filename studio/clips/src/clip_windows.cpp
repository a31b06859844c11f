#include "hawker/studio/clips/clip_windows.hpp"

#include <algorithm>

namespace hawker::studio {

namespace {
struct KindName {
    ClipKind kind;
    const char* name;
};
constexpr KindName kKinds[] = {
    {ClipKind::Card, "card"}, {ClipKind::Offer, "offer"}, {ClipKind::Segment, "segment"}};

ClipWindow windowOf(ClipKind kind, const std::string& sku, int64_t from, int64_t to, const WindowCounts& c,
                    const SessionReplay& replay) {
    ClipWindow w;
    w.kind = kind;
    w.sku = sku;
    w.startMs = from - replay.start;
    w.endMs = to - replay.start;
    w.orders = c.paidOrders;
    w.units = c.units;
    w.gmvCents = c.gmvCents;
    w.views = c.enters;
    w.productClicks = c.clicks;
    w.peakViewers = replay.metrics->peakPresent(from, to);
    w.gpmCents = metricRatio(static_cast<double>(c.gmvCents) * 1000.0, static_cast<double>(c.enters));
    return w;
}
std::string productName(const SessionReplay& replay, const std::string& sku) {
    const auto found = replay.products.find(sku);
    return found == replay.products.end() || found->second.name.empty() ? sku : found->second.name;
}
} // namespace

const char* toString(ClipKind kind) {
    for (const KindName& k : kKinds)
        if (k.kind == kind) return k.name;
    return "?";
}

std::optional<ClipKind> parseClipKind(const std::string& name) {
    for (const KindName& k : kKinds)
        if (name == k.name) return k.kind;
    return std::nullopt;
}

std::vector<ClipWindow> clipWindows(const SessionReplay& replay, const ClipFilter& filter) {
    const OnAirSchedule& schedule = *replay.schedule;
    const SessionMetrics& metrics = *replay.metrics;
    const auto clamp = [&](OnAirInterval i) {
        return OnAirInterval{std::max(i.start, replay.start), std::min(i.end, replay.end)};
    };
    std::vector<ClipWindow> windows;
    for (const auto& [sku, showings] : schedule.cards())
        for (size_t i = 0; i < showings.size(); ++i) {
            const OnAirInterval on = clamp(showings[i]);
            if (on.end <= on.start) continue; // shown outside the session
            ClipWindow w =
                windowOf(ClipKind::Card, sku, on.start, on.end, metrics.showingCounts(sku, i), replay);
            w.number = static_cast<int>(i + 1);
            w.label = sku + " #" + std::to_string(i + 1);
            w.name = productName(replay, sku);
            windows.push_back(std::move(w));
        }
    for (size_t i = 0; i < schedule.offers().size(); ++i) {
        const OfferWindow& offer = schedule.offers()[i];
        if (!offer.onSale) continue; // announced, never opened: nothing sold on air
        const OnAirInterval on = clamp(offer.saleInterval());
        if (on.end <= on.start) continue;
        ClipWindow w = windowOf(ClipKind::Offer, offer.sku, on.start, on.end, metrics.offerCounts(i), replay);
        w.number = static_cast<int>(i + 1);
        w.label = offer.id;
        w.name = productName(replay, offer.sku);
        windows.push_back(std::move(w));
    }
    for (size_t i = 0; i < schedule.segments().size(); ++i) {
        const SegmentWindow& segment = schedule.segments()[i];
        const OnAirInterval on = clamp({segment.start, segment.end});
        if (on.end <= on.start) continue;
        const WindowCounts counts = i < metrics.segments().size() ? metrics.segments()[i] : WindowCounts{};
        ClipWindow w = windowOf(ClipKind::Segment, segment.plan.sku, on.start, on.end, counts, replay);
        w.number = segment.plan.index;
        w.name = segment.plan.title;
        w.label = "#" + std::to_string(segment.plan.index) + " " + segment.plan.title;
        windows.push_back(std::move(w));
    }
    std::erase_if(windows, [&](const ClipWindow& w) {
        return (filter.sku && w.sku != *filter.sku) || (filter.kind && w.kind != *filter.kind) ||
               (filter.windowStartMs && w.startMs != *filter.windowStartMs);
    });
    std::stable_sort(windows.begin(), windows.end(), [](const ClipWindow& a, const ClipWindow& b) {
        if (a.gmvCents != b.gmvCents) return a.gmvCents > b.gmvCents;
        return a.startMs < b.startMs;
    });
    return windows;
}

} // namespace hawker::studio
