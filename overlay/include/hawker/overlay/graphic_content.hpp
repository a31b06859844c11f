#pragma once
// What each on-air graphic shows. Plain data: studio/ fills it from the show
// state; overlay/ renders it. Equal content renders to the same bitmap, so a
// graphic is rendered again only when its content changes. Money stays integer
// cents and a countdown whole seconds here: the graphics spell them with
// figure_text.hpp, the same code the studio's formatting wraps.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <opencv2/core.hpp>

namespace hawker::overlay {

/// 商品卡 / 讲解卡
struct ProductCardContent {
    std::string name;
    std::vector<std::string> sellingPoints; ///< up to 3 are shown
    int64_t priceCents = 0;
    std::optional<int64_t> originalPriceCents;
    std::optional<int64_t> soldCount; ///< "已售 N"
    std::optional<int64_t> stockLeft; ///< "仅剩 N"
    int linkIndex = 0;                ///< shopping-bag index, "N号链接"; 0: none
    cv::Mat image;                    ///< decoded BGR/BGRA, empty: placeholder
    std::string imageKey;             ///< identifies the image for change detection
    bool operator==(const ProductCardContent& o) const {
        return name == o.name && sellingPoints == o.sellingPoints && priceCents == o.priceCents &&
               originalPriceCents == o.originalPriceCents && soldCount == o.soldCount &&
               stockLeft == o.stockLeft && linkIndex == o.linkIndex && imageKey == o.imageKey;
    }
};

/// 限时秒杀
struct CountdownContent {
    enum class Phase { PreLaunch, OnSale, SoldOut, Ended };
    Phase phase = Phase::PreLaunch;
    std::string title;   ///< product name
    int secondsLeft = 0; ///< to launch (pre-launch) or to the end (on sale)
    int64_t dealPriceCents = 0;
    std::optional<int64_t> originalPriceCents;
    int64_t quantity = 0; ///< total for the sale
    int64_t remaining = 0;
    bool operator==(const CountdownContent&) const = default;
};

struct LowerThirdContent {
    std::string name, title;
    bool operator==(const LowerThirdContent&) const = default;
};

/// Billboard text; scrolls when wider than its slot.
struct BannerContent {
    std::string text;
    bool operator==(const BannerContent&) const = default;
};

/// Spend-threshold promotion, e.g. 满299减50.
struct ThresholdNudgeContent {
    int64_t thresholdCents = 0, discountCents = 0;
    std::string note; ///< optional second line
    bool operator==(const ThresholdNudgeContent&) const = default;
};

struct PinnedCommentContent {
    std::string viewer; ///< already masked, e.g. "小***8"
    std::string text;
    bool operator==(const PinnedCommentContent&) const = default;
};

struct PollContent {
    std::string question;
    std::vector<std::pair<std::string, int64_t>> options; ///< label, votes
    bool operator==(const PollContent&) const = default;
};

using GraphicContent = std::variant<ProductCardContent, CountdownContent, LowerThirdContent, BannerContent,
                                    ThresholdNudgeContent, PinnedCommentContent, PollContent>;

} // namespace hawker::overlay
