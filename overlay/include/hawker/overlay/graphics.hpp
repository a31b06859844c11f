#pragma once
// Renders each kind of on-air graphic into a transparent BGRA bitmap of the
// slot's size. Called only when the content changes; never per frame.

#include <opencv2/core.hpp>

#include "hawker/overlay/graphic_content.hpp"
#include "hawker/overlay/text_renderer.hpp"
#include "hawker/overlay/theme.hpp"

namespace hawker::overlay {

/// Any graphic. A banner whose text is wider than `size` comes back as a
/// scrolling strip wider than the slot (see BannerStrip).
cv::Mat renderGraphic(const GraphicContent& content, cv::Size size, const Theme& theme, const Fonts& fonts);

cv::Mat renderProductCard(const ProductCardContent& card, cv::Size size, const Theme& theme,
                          const Fonts& fonts);
cv::Mat renderCountdown(const CountdownContent& offer, cv::Size size, const Theme& theme, const Fonts& fonts);
cv::Mat renderLowerThird(const LowerThirdContent& content, cv::Size size, const Theme& theme,
                         const Fonts& fonts);
cv::Mat renderBanner(const BannerContent& content, cv::Size size, const Theme& theme, const Fonts& fonts);
cv::Mat renderThresholdNudge(const ThresholdNudgeContent& content, cv::Size size, const Theme& theme,
                             const Fonts& fonts);
cv::Mat renderPinnedComment(const PinnedCommentContent& content, cv::Size size, const Theme& theme,
                            const Fonts& fonts);
cv::Mat renderPoll(const PollContent& content, cv::Size size, const Theme& theme, const Fonts& fonts);

/// A banner wider than its slot scrolls: the strip holds the text once plus
/// a gap, and repeats seamlessly every `period` pixels.
struct BannerStrip {
    static constexpr int kPixelsPerSecond = 120;
    /// Left edge of the window into the strip at program time `ms`.
    static int offset(int stripPeriod, int64_t ms) {
        return stripPeriod <= 0 ? 0 : static_cast<int>((ms * kPixelsPerSecond / 1000) % stripPeriod);
    }
};

} // namespace hawker::overlay
