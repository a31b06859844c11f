#pragma once
// The on-air windows a clip can be cut from (直播切片): each time a product
// card was on air, each flash sale while it was open, each rundown segment,
// with what each one sold. The figures are the report's for the same window
// (card showings, offers, segments), counted by the same replay.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hawker/studio/report/session_replay.hpp"

namespace hawker::studio {

enum class ClipKind { Card, Offer, Segment };

const char* toString(ClipKind kind);
std::optional<ClipKind> parseClipKind(const std::string& name);

struct ClipWindow {
    ClipKind kind = ClipKind::Card;
    std::string sku;                ///< the product (a segment's may be empty)
    std::string name;               ///< the product's name, else the segment's title
    std::string label;              ///< card: "SKU #2" (its showing), offer: its id, segment: "#3 title"
    int number = 0;                 ///< card: its showing from 1; segment: its index; offer: its order from 1
    int64_t startMs = 0, endMs = 0; ///< program time (ms since the session's start)
    int64_t orders = 0, units = 0, gmvCents = 0;
    int64_t peakViewers = 0, productClicks = 0, views = 0;
    std::optional<double> gpmCents; ///< GMV per 1,000 views in the window; none without views
};

struct ClipFilter {
    std::optional<std::string> sku;
    std::optional<ClipKind> kind;
    std::optional<int64_t> windowStartMs; ///< one window: the one starting then (program time)
};

/// Every window that passes `filter`, highest GMV first (then the earliest).
std::vector<ClipWindow> clipWindows(const SessionReplay& replay, const ClipFilter& filter = {});

} // namespace hawker::studio
