// Dispatches any graphic's content to its renderer.

#include <algorithm>
#include <cmath>

#include "graphic_scale.hpp"
#include "hawker/overlay/graphics.hpp"

namespace hawker::overlay {

cv::Mat renderGraphic(const GraphicContent& content, cv::Size size, const Theme& theme, const Fonts& fonts) {
    if (size.width < 8 || size.height < 8)
        return transparent(cv::Size(std::max(2, size.width), std::max(2, size.height)));
    return std::visit(
        [&](const auto& c) -> cv::Mat {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, ProductCardContent>)
                return renderProductCard(c, size, theme, fonts);
            if constexpr (std::is_same_v<T, CountdownContent>) return renderCountdown(c, size, theme, fonts);
            if constexpr (std::is_same_v<T, LowerThirdContent>)
                return renderLowerThird(c, size, theme, fonts);
            if constexpr (std::is_same_v<T, BannerContent>) return renderBanner(c, size, theme, fonts);
            if constexpr (std::is_same_v<T, ThresholdNudgeContent>)
                return renderThresholdNudge(c, size, theme, fonts);
            if constexpr (std::is_same_v<T, PinnedCommentContent>)
                return renderPinnedComment(c, size, theme, fonts);
            if constexpr (std::is_same_v<T, PollContent>) return renderPoll(c, size, theme, fonts);
        },
        content);
}

} // namespace hawker::overlay
